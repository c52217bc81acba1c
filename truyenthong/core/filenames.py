"""Stored file names that always fit their column and cannot be guessed.

A file's name on disk is never built from what the user or a document title says: it is
`<area>/<year>/<random>.<ext>` (under `private/` unless the file is meant for the public), at most
`MAX_STORED_NAME` characters whatever the original was called. The human-readable Vietnamese name is kept by the
model that owns the file (or derived from its title) and sent in the download's Content-Disposition.

Private files (reports, evidence, registers) are only ever served by views that ask the permission layer; the
`/media/` route serves nothing under `private/`.
"""

from __future__ import annotations

import os
import secrets

from django.utils import timezone
from django.utils.deconstruct import deconstructible

MAX_STORED_NAME = 100  # Django's default FileField max_length; every name we make fits it with room to spare
_EXT_MAX = 10


def stored_extension(filename: str) -> str:
    """The lower-case extension of `filename` ('.docx'), or '' when it has none or an implausible one."""
    ext = os.path.splitext(filename or "")[1].lower()
    if not ext or len(ext) > _EXT_MAX or not ext[1:].isalnum():
        return ""
    return ext


@deconstructible
class StoredName:
    """`upload_to` for a FileField: `[private/]<area>/<year>/<22 random url-safe characters><ext>`."""

    def __init__(self, area: str, *, private: bool = True):
        self.area = area.strip("/")
        self.private = private

    def __call__(self, instance, filename: str) -> str:
        return stored_name(self.area, filename, private=self.private)

    def __eq__(self, other):
        return isinstance(other, StoredName) and (self.area, self.private) == (other.area, other.private)


def stored_name(area: str, filename: str, *, private: bool = True) -> str:
    """A fresh stored name for a file of `area` whose original name was `filename`."""
    prefix = "private/" if private else ""
    name = f"{prefix}{area.strip('/')}/{timezone.now():%Y}/{secrets.token_urlsafe(16)}{stored_extension(filename)}"
    if len(name) > MAX_STORED_NAME:
        raise ValueError(f"stored name for area {area!r} would exceed {MAX_STORED_NAME} characters")
    return name
