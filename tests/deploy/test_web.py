"""deploy/web.py: the production web server's command line, built from the environment (the server itself runs in
tests/security/test_production.py and the layouts' tests)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from tests.deploy.support import ROOT

spec = importlib.util.spec_from_file_location("deploy_web", ROOT / "deploy" / "web.py")
web = importlib.util.module_from_spec(spec)
spec.loader.exec_module(web)


def _option(cmd: list[str], name: str) -> str:
    return cmd[cmd.index(name) + 1]


def test_defaults_listen_on_host_and_port_with_a_worker_per_core_and_the_django_app():
    cmd = web.command(env={"HOST": "0.0.0.0", "PORT": "8090"})  # noqa: S104 - a LAN server's address
    assert cmd[0].endswith("granian") and cmd[-1] == "truyenthong.wsgi:application"
    assert _option(cmd, "--interface") == "wsgi"
    assert (_option(cmd, "--host"), _option(cmd, "--port")) == ("0.0.0.0", "8090")  # noqa: S104
    assert 2 <= int(_option(cmd, "--workers")) <= 8
    assert _option(cmd, "--blocking-threads") == "2"
    assert _option(cmd, "--workers-max-rss") == "1024"
    assert "--access-log" in cmd


def test_bind_and_settings_from_the_environment_win_and_can_turn_things_off():
    env = {
        "BIND": "127.0.0.1:9001",
        "PORT": "8000",
        "WEB_CONCURRENCY": "3",
        "WEB_THREADS": "4",
        "WEB_MAX_RSS_MB": "0",
        "WEB_ACCESS_LOG": "false",
    }
    cmd = web.command(env=env)
    assert (_option(cmd, "--port"), _option(cmd, "--workers"), _option(cmd, "--blocking-threads")) == (
        "9001",
        "3",
        "4",
    )
    assert "--workers-max-rss" not in cmd and "--access-log" not in cmd
    assert _option(web.command("10.0.0.5:80", env), "--host") == "10.0.0.5"  # --bind beats BIND


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"WEB_CONCURRENCY": "many"}, "WEB_CONCURRENCY phải là một số nguyên (đang là «many»)"),
        ({"WEB_THREADS": "0"}, "WEB_THREADS phải nằm trong khoảng 1–64 (đang là 0)"),
        ({"BIND": "8000"}, "BIND phải có dạng địa_chỉ:cổng (đang là «8000»)"),
    ],
)
def test_a_wrong_setting_is_refused_in_vietnamese_naming_it(env, message):
    with pytest.raises(SystemExit, match=re.escape(message)):
        web.command(env=env)


def test_print_shows_the_command_without_running_it():
    done = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "web.py"), "--print", "--bind", "127.0.0.1:8123"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert "--interface wsgi" in done.stdout and "--port 8123" in done.stdout
