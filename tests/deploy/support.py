"""Starting a layout of deploy/layout.py for a test: its own environment, waiting on /readyz/, a clean stop."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_tool(present: bool, reason: str) -> None:
    """Skip without the tool; under CI=true a missing tool fails the run instead."""
    if present:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


def clean_env(**settings: str) -> dict[str, str]:
    """This process's environment without the test run's own Django/app settings, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TRUYENTHONG_", "PYTEST"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(settings)
    return env


@contextlib.contextmanager
def running_layout(layout: str, *, env: dict[str, str], base: str, log_path: Path, timeout: float = 600):
    """Start `deploy/layout.py --layout LAYOUT --demo`, yield once `base`/readyz/ answers, stop it afterwards."""
    log = open(log_path, "w")  # noqa: SIM115 — closed below
    proc = subprocess.Popen(
        [str(PYTHON), "deploy/layout.py", "--layout", layout, "--demo"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert proc.poll() is None, log_path.read_text()[-4000:]
            try:
                if urllib.request.urlopen(f"{base}/readyz/", timeout=2).status == 200:  # noqa: S310 — local
                    break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail("the layout did not become ready:\n" + log_path.read_text()[-4000:])
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # supervisord stops its programs, then itself
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        log.close()


def supervisorctl(conf: Path | str, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(PYTHON.parent / "supervisorctl"), "-c", str(conf), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout


def app_shell(env: dict[str, str], code: str) -> str:
    """Run Python in the layout's own settings (`truyenthong shell -c`); its last printed line."""
    result = subprocess.run(
        [str(PYTHON), "-m", "truyenthong", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"truyenthong shell -c failed:\n{result.stderr[-3000:]}"
    return result.stdout.strip().splitlines()[-1]


# The communication officer queues the report, as at the school: in the production settings an administrator
# (system admin, leadership) must first enrol two-factor authentication (REQUIRE_2FA_FOR_ADMINS), which the demo's
# accounts have not done.
ENQUEUE_REPORT = (
    "from django.contrib.auth import get_user_model\n"
    "from truyenthong.reports.models import Report\n"
    "from truyenthong.reports.jobs import job_enqueue\n"
    "report = Report.objects.filter(school__code='thpt-chuyen-le-quy-don').order_by('id').first()\n"
    "print(job_enqueue(report=report, actor=get_user_model().objects.get(username='truyenthong')).pk)\n"
)
