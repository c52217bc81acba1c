"""Test settings: the real databases, a fast password hasher and throwaway media."""

import os
import secrets
import tempfile
from pathlib import Path

# Tests are neither the demo nor production: a throwaway key, and two-factor enforcement off unless a test turns it on.
os.environ.setdefault("SECRET_KEY", "test-" + secrets.token_urlsafe(50))

from truyenthong.settings import *  # noqa: E402, F403
from truyenthong.settings import DATABASES  # noqa: E402

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
REQUIRE_2FA_FOR_ADMINS = False
