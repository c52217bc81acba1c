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
# The test client's pages ask for static files nobody collected: find them in the apps' folders
WHITENOISE_USE_FINDERS = True
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

# Tasks run at once inside the test's transaction unless the environment chooses a backend; the "rq" alias sends
# them through the local Redis (database 5, queue names starting with tt_) for the tests of the Redis backend.
if "TASKS_BACKEND" not in os.environ:
    TASKS_BACKEND = "immediate"
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
RQ_TEST_QUEUE = f"tt_arch_{os.getpid()}"
if "django_rq" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]  # noqa: F405
RQ_QUEUES = {RQ_TEST_QUEUE: {"URL": TEST_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
TASKS = {
    **TASKS,  # noqa: F405
    "db": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
    },  # the database worker's tests (`run-worker --backend db`)
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [RQ_TEST_QUEUE]},
}
REQUIRE_2FA_FOR_ADMINS = False
