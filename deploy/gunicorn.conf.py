"""gunicorn settings for `make serve` (and any production start): everything from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Several processes: a slow report or import never blocks other visitors. 2 × cores + 1, at least 2, at most 9.
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, min(9, multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a leak in any library cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Only the reverse proxy on this machine may set X-Forwarded-* (must match TRUSTED_PROXY_COUNT in the app).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Refuse oversize request lines/headers at the server, before Django (bodies: REQUEST_MAX_BYTES in the app).
limit_request_line = 8190
limit_request_fields = 100
wsgi_app = "truyenthong.wsgi:application"
