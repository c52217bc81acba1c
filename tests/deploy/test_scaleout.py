"""The scale-out layout (deploy/scaleout.py): one command starts nginx, two app processes, two RQ workers and the
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
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
REDIS_DB = 13
SCHOOL = "thpt-chuyen-le-quy-don"


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_params() -> dict:
    from django.db import connection

    s = connection.settings_dict
    return {"host": s["HOST"] or "127.0.0.1", "port": s["PORT"] or 5432, "user": s["USER"] or "postgres"}


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the scale-out layout runs on PostgreSQL; .ci/run's PostgreSQL pass runs this test")
    _need(shutil.which("nginx") or Path("/usr/sbin/nginx").exists(), "nginx is not installed (make install)")
    _need((PYTHON.parent / "supervisord").exists(), "supervisor is not installed in the venv (make install)")
    import psycopg
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=3).flushdb()
    except redis.RedisError as exc:
        _need(False, f"Redis is not reachable: {exc}")

    pg = _pg_params()
    name = f"tt_scaleout_{secrets.token_hex(4)}"
    with psycopg.connect(dbname="postgres", autocommit=True, **pg) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    run_dir = tmp_path_factory.mktemp("scaleout")
    proxy_port, web1, web2 = _free_port(), _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TRUYENTHONG_", "PYTEST"))}
    env.update(
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
        WEB_PORTS=f"{web1},{web2}",
        WEB_CONCURRENCY="1",
        GUNICORN_ACCESS_LOG="",
        TASK_WORKERS="2",
        SCALEOUT_DIR=str(run_dir),
        TASKS_REQUEUE_AFTER_SECONDS="4",
        SCHEDULER_TICK_SECONDS="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    log = open(run_dir / "layout.log", "w")  # noqa: SIM115 — closed in the teardown
    proc = subprocess.Popen(
        [str(PYTHON), "deploy/scaleout.py", "--demo"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{proxy_port}"
    try:
        deadline = (
            time.monotonic() + 600
        )  # migrate + the demo schools on PostgreSQL, then the processes start
        while time.monotonic() < deadline:
            assert proc.poll() is None, (run_dir / "layout.log").read_text()[-4000:]
            try:
                if urllib.request.urlopen(f"{base}/readyz/", timeout=2).status == 200:  # noqa: S310 — local
                    break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail("the layout did not become ready:\n" + (run_dir / "layout.log").read_text()[-4000:])
        yield {
            "base": base,
            "env": env,
            "conf": str(run_dir / "supervisord.conf"),
            "db": {"dbname": name, **pg},
            "log": run_dir / "layout.log",
        }
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # supervisord stops its programs, then itself
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        with psycopg.connect(dbname="postgres", autocommit=True, **pg) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _ctl(layout, *args) -> str:
    result = subprocess.run(
        [str(PYTHON.parent / "supervisorctl"), "-c", layout["conf"], *args],
        env=layout["env"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout


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
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")

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
    os.killpg(before, signal.SIGKILL)  # the gunicorn master and its workers, without any goodbye
    for _ in range(20):
        status, _headers, page = visitor.get("/")
        assert status == 200 and "Lê Quý Đôn" in page
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "RUNNING" not in _ctl(layout, "status", "web-1"):
        time.sleep(0.5)
    assert "RUNNING" in _ctl(layout, "status", "web-1") and _pid(layout, "web-1") != before


def _enqueue_report_job(layout) -> int:
    code = (
        "from django.contrib.auth import get_user_model\n"
        "from truyenthong.reports.models import Report\n"
        "from truyenthong.reports.jobs import job_enqueue\n"
        f"report = Report.objects.filter(school__code={SCHOOL!r}).order_by('id').first()\n"
        "print(job_enqueue(report=report, actor=get_user_model().objects.get(username='admin')).pk)\n"
    )
    result = subprocess.run(
        [str(PYTHON), "-m", "truyenthong", "shell", "-c", code],
        cwd=ROOT,
        env=layout["env"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def test_a_report_whose_worker_is_killed_mid_run_is_generated_by_another_worker(layout):
    _ctl(layout, "stop", "worker-1", "worker-2")
    killed_mid_run = False
    for _attempt in range(3):  # a report can be quicker than our kill: try again until the kill lands mid-run
        job_id = _enqueue_report_job(layout)
        _ctl(layout, "start", "worker-1")
        deadline = time.monotonic() + 60
        status = "queued"
        while time.monotonic() < deadline and status == "queued":
            status = _sql(layout, "select status from reports_reportjob where id = %s", job_id)[0][0]
            time.sleep(0.02)
        os.killpg(_pid(layout, "worker-1"), signal.SIGKILL)
        _ctl(layout, "stop", "worker-1")
        status = _sql(layout, "select status from reports_reportjob where id = %s", job_id)[0][0]
        if status == "running":
            killed_mid_run = True
            break
    assert killed_mid_run, "every report finished before the worker could be killed"

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
