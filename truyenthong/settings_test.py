"""Test settings: the real databases, a fast password hasher and throwaway media."""

import os
import tempfile
from pathlib import Path

from truyenthong.settings import *  # noqa: F403
from truyenthong.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="truyenthong-test-media-"))
DEBUG = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file (not :memory:) so the browser tests' live server shares it; one per process so parallel runs don't clash.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"truyenthong-test-{os.getpid()}.sqlite3")
    }
else:
    # The live server's thread must not keep a connection open, or the test database cannot be dropped.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
