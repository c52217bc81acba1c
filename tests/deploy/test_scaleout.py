"""The scale-out layout (deploy/layout.py --layout province): one command starts nginx, two app processes, two RQ workers and the
scheduler under supervisord on PostgreSQL and Redis, serves the demo, and loses no work when a process is killed.

It builds its own PostgreSQL database and uses its own Redis database number, so it runs in `.ci/run`'s PostgreSQL
pass (on the SQLite pass it is skipped: this layout is PostgreSQL's by definition). Under CI=true a missing nginx,
PostgreSQL or Redis is a failure, not a skip.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.support import (
    ENQUEUE_REPORT,
    PYTHON,
    app_shell,
    clean_env,
    free_port,
    require_tool,
    running_layout,
    supervisorctl,
)

REDIS_DB = 13
SCHOOL = "thpt-chuyen-le-quy-don"


def _pg_params() -> dict:
    from django.db import connection

    s = connection.settings_dict
    return {"host": s["HOST"] or "127.0.0.1", "port": s["PORT"] or 5432, "user": s["USER"] or "postgres"}


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the scale-out layout runs on PostgreSQL; .ci/run's PostgreSQL pass runs this test")
    nginx = shutil.which("nginx") or Path("/usr/sbin/nginx").exists()
    require_tool(bool(nginx), "nginx is not installed (make install)")
    require_tool(
        (PYTHON.parent / "supervisord").exists(), "supervisor is not installed in the venv (make install)"
    )
    import psycopg
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=3).flushdb()
    except redis.RedisError as exc:
        require_tool(False, f"Redis is not reachable: {exc}")

    pg = _pg_params()
    name = f"tt_scaleout_{secrets.token_hex(4)}"
    with psycopg.connect(dbname="postgres", autocommit=True, **pg) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    run_dir = tmp_path_factory.mktemp("scaleout")
    proxy_port = free_port()
    env = clean_env(
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"postgres://{pg['user']}@{pg['host']}:{pg['port']}/{name}",
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        TASKS_BACKEND="rq",
        MEDIA_SENDFILE="nginx",
        MEDIA_ROOT=str(run_dir / "media"),
        STATIC_ROOT=str(run_dir / "static"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        TRUSTED_PROXY_COUNT="1",
        PROXY_PORT=str(proxy_port),
        WEB_PORTS=f"{free_port()},{free_port()}",
        WEB_CONCURRENCY="1",
        WEB_ACCESS_LOG="false",
        TASK_WORKERS="2",
        SCALEOUT_DIR=str(run_dir),
        TASKS_REQUEUE_AFTER_SECONDS="4",
        SCHEDULER_TICK_SECONDS="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    base = f"http://127.0.0.1:{proxy_port}"
    try:
        with running_layout("province", env=env, base=base, log_path=run_dir / "layout.log"):
            yield {
                "base": base,
                "env": env,
                "conf": str(run_dir / "supervisord.conf"),
                "db": {"dbname": name, **pg},
                "log": run_dir / "layout.log",
            }
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **pg) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _ctl(layout, *args) -> str:
    return supervisorctl(layout["conf"], layout["env"], *args)


def _pid(layout, program: str) -> int:
    return int(_ctl(layout, "pid", program).strip())


def _sql(layout, query: str, *params):
    import psycopg

    with psycopg.connect(**layout["db"]) as conn:
        return conn.execute(query, params).fetchall()


class Browser:
    """A visitor with a cookie jar, talking to the proxy only."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")

    def post(self, path: str, data: dict):
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": self.base + path},
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")

    def login(self, username: str) -> None:
        _status, _headers, page = self.get("/dang-nhap/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        _status, url, _page = self.post(
            "/dang-nhap/", {"csrfmiddlewaretoken": token, "username": username, "password": "truyenthong2026"}
        )
        assert "/dang-nhap/" not in url, "login refused"


def test_one_command_serves_the_demo_through_nginx_with_sessions_shared_by_every_app_process(layout):
    visitor = Browser(layout["base"])
    status, headers, page = visitor.get("/")
    assert status == 200 and "Lê Quý Đôn" in page
    assert headers.get("Server", "").startswith("nginx")
    css = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    status, headers, body = visitor.get(css)
    assert status == 200 and headers["Content-Type"].startswith("text/css") and len(body) > 100

    staff = Browser(layout["base"])
    staff.login("truyenthong")
    # Round robin over two app processes: every request after the login finds the session (Redis).
    for _ in range(6):
        status, _headers, page = staff.get(f"/truong/{SCHOOL}/")
        assert status == 200 and "Đăng xuất" in page


def test_killing_an_app_process_loses_no_request_and_supervisord_brings_it_back(layout):
    visitor = Browser(layout["base"])
    before = _pid(layout, "web-1")
    os.killpg(before, signal.SIGKILL)  # the web server's main process and its workers, without any goodbye
    for _ in range(20):
        status, _headers, page = visitor.get("/")
        assert status == 200 and "Lê Quý Đôn" in page
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "RUNNING" not in _ctl(layout, "status", "web-1"):
        time.sleep(0.5)
    assert "RUNNING" in _ctl(layout, "status", "web-1") and _pid(layout, "web-1") != before


def test_a_report_whose_worker_is_killed_mid_run_is_generated_by_another_worker(layout):
    """The kill lands mid-run every time: the test holds a lock on the reports table, so the worker that has claimed
    the job (status `running`) waits on its first read of the report until we have killed it. A report quicker than
    our kill made this test flaky before; a lock makes it deterministic."""
    import psycopg

    _ctl(layout, "stop", "worker-1", "worker-2")
    job_id = int(app_shell(layout["env"], ENQUEUE_REPORT))
    with psycopg.connect(**layout["db"]) as holder:
        holder.execute("LOCK TABLE reports_report IN ACCESS EXCLUSIVE MODE")  # held until the block ends
        _ctl(layout, "start", "worker-1")
        deadline = time.monotonic() + 120
        status = "queued"
        while time.monotonic() < deadline and status == "queued":
            status = _sql(layout, "select status from reports_reportjob where id = %s", job_id)[0][0]
            time.sleep(0.05)
        assert status == "running", f"the worker did not take the job within 120 s (status {status})"
        os.killpg(_pid(layout, "worker-1"), signal.SIGKILL)
        _ctl(layout, "stop", "worker-1")
        holder.rollback()
    assert _sql(layout, "select status from reports_reportjob where id = %s", job_id)[0][0] == "running"

    _ctl(layout, "start", "worker-2")
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        status, result_file = _sql(
            layout, "select status, result_file from reports_reportjob where id = %s", job_id
        )[0]
        if status in ("done", "failed"):
            break
        time.sleep(0.5)
    assert status == "done", layout["log"].read_text()[-3000:]
    assert result_file
    _ctl(layout, "start", "worker-1")
