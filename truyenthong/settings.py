"""Settings for truyenthong, read from the environment; with nothing set it runs on SQLite in ./var."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("TRUYENTHONG_VAR_DIR", BASE_DIR.parent / "var"))
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


DEBUG = env_bool("DEBUG", False)
# The demo (`make demo`, a laptop trial): a generated key kept in var/, administrators may skip two-factor login.
DEMO = env_bool("TRUYENTHONG_DEMO", False)


def _secret_key() -> str:
    """SECRET_KEY (or the file SECRET_KEY_FILE names); in the demo a random key kept in var/secret_key.

    Anywhere else the app refuses to start without a real key: a guessable key lets anyone forge sessions, password
    reset links and QR check-in tokens.
    """
    key = os.environ.get("SECRET_KEY", "").strip()
    if not key and os.environ.get("SECRET_KEY_FILE"):
        key = Path(os.environ["SECRET_KEY_FILE"]).read_text(encoding="utf-8").strip()
    if not key and DEMO:
        path = VAR_DIR / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            path.chmod(0o600)
        key = path.read_text(encoding="utf-8").strip()
    weak = len(key) < 32 or len(set(key)) < 8 or key.startswith(("dev-insecure", "django-insecure", "change"))
    if weak:
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or weak: set SECRET_KEY (or SECRET_KEY_FILE) to a random value of at least "
            "50 characters, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`; "
            "for a laptop trial use `make demo` (TRUYENTHONG_DEMO=1), which generates one."
        )
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "truyenthong.core",
    "truyenthong.org",
    "truyenthong.plans",
    "truyenthong.activities",
    "truyenthong.records",
    "truyenthong.indicators",
    "truyenthong.content",
    "truyenthong.privacy",
    "truyenthong.portal",
    "truyenthong.evaluation",
    "truyenthong.reports",
    "truyenthong.sharing",
    "truyenthong.contests",
    "truyenthong.surveys",
    "rest_framework",
    "drf_spectacular",
    "truyenthong.province",
    "truyenthong.api",
    "truyenthong.assistant",
]

MIDDLEWARE = [
    "truyenthong.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "truyenthong.core.idempotency.IdempotencyMiddleware",
    "truyenthong.core.middleware.IdleTimeoutMiddleware",
    "truyenthong.core.middleware.AdminTwoFactorMiddleware",
    "truyenthong.core.middleware.ForcePasswordChangeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "truyenthong.urls"
# One form layout for the whole product (labels above fields, errors under them, a one-time key per form).
FORM_RENDERER = "truyenthong.core.formrender.FormRenderer"
WSGI_APPLICATION = "truyenthong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "truyenthong.core.context.navigation",
            ],
            # vn_number / vn_percent on every page without a {% load %}: one way to print a figure everywhere
            "builtins": ["truyenthong.core.templatetags.vn_format"],
        },
    },
]

# SQLite by default: WAL so readers never block the writer, IMMEDIATE transactions so two writers queue on the
# lock instead of failing half-way with "database is locked", and a busy timeout for the wait.
SQLITE_PATH = VAR_DIR / "truyenthong.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "CONN_MAX_AGE": 60,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Login throttling keyed on username *and* client address: failures from one address never lock the account for
# everyone else. Behind a reverse proxy set TRUSTED_PROXY_COUNT (how many proxies append to X-Forwarded-For), or
# every visitor would share the proxy's address; with 0 the header is ignored, so a client cannot forge it.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "truyenthong.core.middleware.client_ip"

# Administrators (system admin, school leadership) must enrol TOTP and log in with a code before using their role.
REQUIRE_2FA_FOR_ADMINS = env_bool("REQUIRE_2FA_FOR_ADMINS", not DEMO)
# Changing roles, a password or turning two-factor off asks for the password or a code again within this window.
REAUTH_MINUTES = env_int("REAUTH_MINUTES", 10)

# Sessions: logged out after SESSION_IDLE_MINUTES without a request, and after SESSION_MAX_HOURS whatever happens.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = env_int("SESSION_MAX_HOURS", 12) * 3600

# Mail (password reset): printed on the console unless EMAIL_HOST names an SMTP server.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "truyenthong <no-reply@localhost>")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 2) * 3600

OTP_TOTP_ISSUER = "truyenthong"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["truyenthong.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Production serves the files `collectstatic` gathered into STATIC_ROOT (make serve runs it first); only the demo
# and DEBUG look them up in the apps' folders at each request, so a changed file shows without collecting again.
WHITENOISE_USE_FINDERS = DEBUG or DEMO
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: plans and registers are small documents; refuse anything larger before parsing it, and a whole request
# body larger than REQUEST_MAX_BYTES from its Content-Length before reading it.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 10) * 1024 * 1024
CONTENT_VIDEO_MAX_MB = env_int("CONTENT_VIDEO_MAX_MB", 50)
REQUEST_MAX_BYTES = max(UPLOAD_MAX_BYTES, CONTENT_VIDEO_MAX_MB * 1024 * 1024) + 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Decompression and complexity caps checked from headers before any parser runs (core/uploads, lib/filelimits).
UPLOAD_MAX_UNPACKED_BYTES = env_int("UPLOAD_MAX_UNPACKED_MB", 50) * 1024 * 1024
UPLOAD_MAX_ENTRIES = env_int("UPLOAD_MAX_ENTRIES", 2000)
UPLOAD_MAX_SHEET_ROWS = env_int("UPLOAD_MAX_SHEET_ROWS", 20_000)
UPLOAD_MAX_SHEET_COLUMNS = env_int("UPLOAD_MAX_SHEET_COLUMNS", 200)
UPLOAD_MAX_PDF_PAGES = env_int("UPLOAD_MAX_PDF_PAGES", 300)
# Private files: "" = streamed by the app; "nginx" = X-Accel-Redirect to MEDIA_ACCEL_PREFIX (an `internal` location
# aliasing MEDIA_ROOT); "sendfile" = X-Sendfile with the file's path (Apache mod_xsendfile, Caddy, lighttpd).
MEDIA_SENDFILE = os.environ.get("MEDIA_SENDFILE", "").strip().lower()
MEDIA_ACCEL_PREFIX = os.environ.get("MEDIA_ACCEL_PREFIX", "/_protected_media/")

# HTTPS: secure cookies, redirect and HSTS by setting; behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER
# (trusted only because the proxy overwrites X-Forwarded-Proto).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every page (views such as the public section or file downloads may set a stricter one):
# no inline script or style anywhere, nothing from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    # A nonce only for the <style> the rich-text editor (Trix) inserts, on the pages that use it (item_form.html); the
    # header carries a nonce only when a page used one.
    "style-src": [CSP.SELF, CSP.NONCE],
    # blob: is the editor's preview of a picture while it uploads (an object URL the page itself made).
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# /readyz/ reports "not ready" when the media disk has less free space than this.
READY_MIN_FREE_MB = env_int("READY_MIN_FREE_MB", 200)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions in the database, read with one plain SELECT (truyenthong/core/sessions.py)
SESSION_ENGINE = "truyenthong.core.sessions"
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    # Sessions read from Redis, so any app process serves any visitor; written through to the database as well, so
    # a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The school shown on the public home page when one server hosts one school.
DEFAULT_SCHOOL_CODE = os.environ.get("DEFAULT_SCHOOL_CODE", "")

# Background work (report generation, indicator recomputation) runs on Django's task framework.
# TASKS_BACKEND=database (default): tasks wait in the database (SQLite or PostgreSQL) for `truyenthong run-worker`
#   processes, which `make demo` starts beside the web server; a task whose worker died is taken up again.
# TASKS_BACKEND=rq: tasks go to Redis (REDIS_URL) for RQ workers (`truyenthong rqworker --job-class django_tasks_rq.backend.Job default`), for a province.
# TASKS_BACKEND=immediate: run inside the request (tests, or a tiny installation without a worker).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND == "rq":
    if not os.environ.get("REDIS_URL"):
        raise RuntimeError("TASKS_BACKEND=rq cần REDIS_URL (ví dụ redis://127.0.0.1:6379/0)")
    INSTALLED_APPS += ["django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": os.environ["REDIS_URL"], "DEFAULT_TIMEOUT": 1800}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    raise RuntimeError(f"TASKS_BACKEND={TASKS_BACKEND!r}: chọn database, rq hoặc immediate")
# Its table also exists under RQ, so switching backends needs no migration.
INSTALLED_APPS += ["django_tasks_db"]
# A worker that has not been heard from for this long is dead; its running task is handed to another worker.
TASKS_WORKER_STALE_SECONDS = int(os.environ.get("TASKS_WORKER_STALE_SECONDS", "60"))
# Work that shows no sign of life for this long (a report job, a queued recomputation) is queued again by the
# scheduler (`truyenthong scheduler`): whatever the backend, a worker killed mid-task loses no work.
TASKS_REQUEUE_AFTER_SECONDS = int(os.environ.get("TASKS_REQUEUE_AFTER_SECONDS", "600"))
# How often the scheduler looks for due jobs.
SCHEDULER_TICK_SECONDS = float(os.environ.get("SCHEDULER_TICK_SECONDS", "30"))

# Retention of personal data, in days per category of truyenthong/privacy/register.py (e.g.
# "staff=1825,access_log=730"); categories not named keep their default. Applied by `truyenthong privacy-retention`.
PRIVACY_RETENTION_DAYS = {
    key.strip(): int(days)
    for key, _, days in (
        part.partition("=") for part in os.environ.get("PRIVACY_RETENTION_DAYS", "").split(",") if "=" in part
    )
}

# --- REST API (/api/v1/) ------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "truyenthong.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "truyenthong.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": os.environ.get("API_RATE", "6000/hour")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "truyenthong API",
    "DESCRIPTION": "Kế hoạch, chỉ tiêu, chỉ số, hoạt động và nội dung truyền thông của các trường; nhập số liệu từ hệ thống khác.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Trợ lý hỏi đáp (assistant): an OpenAI-compatible endpoint (a local Ollama or vLLM) is used only when URL and model
# are both set; otherwise answers are extractive. ASSISTANT_RATE_LIMIT is "questions/seconds" per address.
ASSISTANT_LLM_URL = os.environ.get("ASSISTANT_LLM_URL", "")
ASSISTANT_LLM_MODEL = os.environ.get("ASSISTANT_LLM_MODEL", "")
ASSISTANT_LLM_KEY = os.environ.get("ASSISTANT_LLM_KEY", "")
ASSISTANT_LLM_TIMEOUT = float(os.environ.get("ASSISTANT_LLM_TIMEOUT", "20"))
ASSISTANT_EMBEDDING_MODEL = os.environ.get("ASSISTANT_EMBEDDING_MODEL", "")
ASSISTANT_RATE_LIMIT = tuple(int(x) for x in os.environ.get("ASSISTANT_RATE_LIMIT", "20/60").split("/", 1))
