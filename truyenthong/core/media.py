"""Every uploaded file leaves the server through here: the `/media/` route and the apps' permission-checked views.

Nothing is public by default. `/media/<name>` serves a file only when an app that owns files says so for this
user (content says yes for files of published public items, and for drafts to people who may read them); the name
is decided on its normalised form, so `//private`, `./private`, `x/../private` or percent-encoded spellings never
reach a private file. Everything under `private/` is only ever served by an app's own view after `require(...)`.

Behind nginx (`MEDIA_SENDFILE=nginx`) or Apache/Caddy (`MEDIA_SENDFILE=sendfile`) the app answers with
X-Accel-Redirect / X-Sendfile and the proxy streams the bytes; the proxy itself must never serve MEDIA_ROOT.
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Callable
from urllib.parse import unquote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.encoding import iri_to_uri
from django.utils.http import content_disposition_header

# (user, normalised name) → True (serve), False/None (this rule does not allow it).
MediaRule = Callable[[object, str], bool | None]
_RULES: list[MediaRule] = []

PRIVATE_PREFIX = "private/"
# Sandboxed like a foreign document: an uploaded SVG or HTML-looking PDF can never script our origin.
FILE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"
INLINE_TYPES = (
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
    "video/mp4",
    "video/webm",
)


def register_media_rule(rule: MediaRule) -> None:
    """Let an app that owns files say which of them `/media/` may serve, and to whom (from AppConfig.ready)."""
    if rule not in _RULES:
        _RULES.append(rule)


def normalise_media_name(raw: str) -> str | None:
    """The storage name `raw` really points at, or None when it is not a plain relative name.

    Percent-encoding is undone until stable (`%252e` → `%2e` → `.`); empty and `.` segments are dropped; any `..`,
    backslash, NUL or control character refuses the name outright rather than guessing what was meant.
    """
    name = raw or ""
    for _ in range(4):
        decoded = unquote(name)
        if decoded == name:
            break
        name = decoded
    else:
        return None
    if any(ord(ch) < 32 or ch == "\\" for ch in name):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    normal = "/".join(parts)
    if posixpath.normpath(normal) != normal:
        return None
    return normal


def is_private_name(name: str) -> bool:
    return (name + "/").lower().startswith(PRIVATE_PREFIX)


def media_allowed(user, raw: str) -> str | None:
    """The normalised name if `/media/` may serve `raw` to `user`, else None."""
    name = normalise_media_name(raw)
    if name is None or is_private_name(name):
        return None
    for rule in _RULES:
        if rule(user, name):
            return name
    return None


def send_stored_file(
    name: str,
    *,
    filename: str = "",
    content_type: str = "",
    inline: bool | None = None,
    cache: str = "private",
) -> HttpResponse:
    """Answer with the stored file `name` (already access-checked by the caller), through the proxy when configured."""
    if not name or not default_storage.exists(name):
        raise Http404("Không tìm thấy tệp.")
    filename = filename or posixpath.basename(name)
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    if inline is None:
        inline = content_type in INLINE_TYPES
    mode = getattr(settings, "MEDIA_SENDFILE", "")
    if mode == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = iri_to_uri(settings.MEDIA_ACCEL_PREFIX.rstrip("/") + "/" + name)
    elif mode == "sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = default_storage.path(name)
    else:
        response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Cache-Control"] = f"{cache}, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response


def media_view(request, path: str):
    """`/media/<path>`: only what a registered rule allows for this visitor; everything else is 404."""
    name = media_allowed(request.user, path)
    if name is None:
        raise Http404("Không tìm thấy tệp.")
    return send_stored_file(name, cache="private" if request.user.is_authenticated else "public")
