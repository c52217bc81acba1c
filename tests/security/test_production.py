"""Serve it like production: `check --deploy` is clean with the example environment, and the production web server
(deploy/web.py, granian) serves the app."""

from __future__ import annotations

import os
import secrets
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / "production.env.example"


def _example_env() -> dict[str, str]:
    env = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = " ".join(shlex.split(value)) if value else ""
    return env


def _base_env(tmp_path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        # the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it
        if not k.startswith(("SECRET_KEY", "TRUYENTHONG_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    env.update(DJANGO_SETTINGS_MODULE="truyenthong.settings", TRUYENTHONG_VAR_DIR=str(tmp_path))
    return env


def test_the_example_environment_documents_every_production_setting():
    env = _example_env()
    for key in (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "SECURE_HSTS_SECONDS",
        "BEHIND_HTTPS_PROXY",
        "TRUSTED_PROXY_COUNT",
        "MEDIA_SENDFILE",
        "REQUIRE_2FA_FOR_ADMINS",
        "SESSION_IDLE_MINUTES",
        "EMAIL_HOST",
        "UPLOAD_MAX_UNPACKED_MB",
        "WEB_CONCURRENCY",
    ):
        assert key in env, key
    assert env["SECRET_KEY"] == ""  # never a real key in the repository


def test_check_deploy_reports_no_warning_with_the_example_environment_and_a_real_key(tmp_path):
    env = _base_env(tmp_path)
    env.update({k: v for k, v in _example_env().items() if k not in ("DATABASE_URL", "REDIS_URL")})
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    result = subprocess.run(
        [sys.executable, "-m", "truyenthong", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_check_deploy_warns_without_the_production_settings(tmp_path):
    env = _base_env(tmp_path)
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    result = subprocess.run(
        [sys.executable, "-m", "truyenthong", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "security.W004" in result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def web_server(transactional_db, world, tmp_path):
    """The production web server (deploy/web.py: granian, two workers) on a free port, against this test's database."""
    port = _free_port()
    env = _base_env(tmp_path)
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=_database_url(),
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        WEB_ACCESS_LOG="false",
        REQUIRE_2FA_FOR_ADMINS="true",
        DEFAULT_SCHOOL_CODE=world.school.code,
    )
    # As `make serve` does: production serves the collected static files only (WHITENOISE_USE_FINDERS is off)
    subprocess.run(
        [sys.executable, "-m", "truyenthong", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    proc = subprocess.Popen(
        [sys.executable, "deploy/web.py"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # granian logs on stdout
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        booted = 0
        log = []
        while booted < 2 and time.monotonic() < deadline:  # wait on the server's own log, not a clock
            line = proc.stdout.readline()
            if not line:
                break
            log.append(line)
            booted += "Started worker" in line
        assert booted == 2, "".join(log)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        from django.db import connections

        connections.close_all()


def _get(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a local test server
        # the headers as a message: names in any case (granian sends them in lower case)
        return response.status, response.headers, response.read()


def test_the_web_server_serves_a_page_a_static_file_and_the_health_endpoints(web_server, world):
    status, headers, body = _get(f"{web_server}/")
    assert status == 200 and world.school.name in body.decode()
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    status, headers, body = _get(f"{web_server}/dang-nhap/")
    assert status == 200 and "Đăng nhập" in body.decode()
    status, headers, body = _get(f"{web_server}/static/css/app.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and len(body) > 100
    assert _get(f"{web_server}/healthz/")[2] == b"ok\n"
    status, _, body = _get(f"{web_server}/readyz/")
    assert status == 200 and b'"database": "ok"' in body and b'"media": "ok"' in body


@pytest.mark.parametrize(
    ("extra", "expected"),
    [({}, "False"), ({"TRUYENTHONG_DEMO": "1"}, "True"), ({"DEBUG": "true"}, "True")],
)
def test_static_files_are_looked_up_in_the_apps_only_in_the_demo_or_debug(tmp_path, extra, expected):
    env = _base_env(tmp_path)
    env.update(SECRET_KEY=secrets.token_urlsafe(50), **extra)
    out = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.WHITENOISE_USE_FINDERS)"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == expected
