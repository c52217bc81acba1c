"""The production web server: granian (HTTP in Rust, the app in Python through WSGI), set from the environment.

    .venv/bin/python deploy/web.py [--bind HOST:PORT]      (what `make serve` and `make scale-out` run)
    .venv/bin/python deploy/web.py --print                 (the granian command, not run)

Why granian rather than a Python HTTP server: at a contest's synchronised start every participant's browser asks at
once, and on two cores the server's own share of each request counts. Measured with bench/bench_contest.py on this
project's machine (SQLite, the start of a round): gunicorn (gthread, 4 × 4) spent 8.5 ms of CPU per start, granian
(2 × 1) 6.0 ms for the same Django code. Everything else is Django's as before: X-Forwarded-For is read by the app
(TRUSTED_PROXY_COUNT), X-Forwarded-Proto only with BEHIND_HTTPS_PROXY (granian passes both headers through and
decides nothing from them); static files by WhiteNoise.

Environment (all optional):
    BIND                 address to listen on (default HOST:PORT, 127.0.0.1:8000)
    WEB_CONCURRENCY      worker processes (default: one per core, at least 2, at most 8)
    WEB_THREADS          threads per worker running the app (default 2: one waits on the database, one works)
    WEB_MAX_RSS_MB       a worker above this resident size is replaced (default 1024; 0 = never); the replacement
                         starts before the old one stops, so a leak in any library cannot grow without bound
    WEB_ACCESS_LOG       "true" (default) or "false"
    WEB_LOG_LEVEL        granian's own log level (default info)
    WEB_BACKLOG          connections the kernel holds while every worker is busy (default 2048)

On a real server set `sysctl net.ipv4.tcp_migrate_req=1` (Linux 5.14+; granian warns at start without it): a worker
being replaced then hands the connections queued on it to the others instead of resetting them. No request timeout:
a request that never ends holds one thread of one worker (gunicorn's --timeout killed the whole worker instead).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _int(env, name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} phải là một số nguyên (đang là «{raw}»).") from None
    if not low <= value <= high:
        raise SystemExit(f"{name} phải nằm trong khoảng {low}–{high} (đang là {value}).")
    return value


def command(bind: str | None = None, env: dict[str, str] | None = None) -> list[str]:
    """The granian command line for this environment."""
    env = os.environ if env is None else env
    bind = bind or env.get("BIND") or f"{env.get('HOST', '127.0.0.1')}:{env.get('PORT', '8000')}"
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit(f"BIND phải có dạng địa_chỉ:cổng (đang là «{bind}»).")
    workers = _int(env, "WEB_CONCURRENCY", max(2, min(8, os.cpu_count() or 1)), 1, 64)
    threads = _int(env, "WEB_THREADS", 2, 1, 64)
    max_rss = _int(env, "WEB_MAX_RSS_MB", 1024, 0, 1 << 20)
    backlog = _int(env, "WEB_BACKLOG", 2048, 128, 65535)
    args = [
        str(Path(sys.executable).with_name("granian")),
        "--interface", "wsgi",
        "--host", host.strip("[]"),
        "--port", port,
        "--workers", str(workers),
        "--blocking-threads", str(threads),
        "--backlog", str(backlog),
        "--http", "1",  # behind nginx, or reached directly by a school's LAN: HTTP/1.1
        "--no-ws",
        "--respawn-failed-workers",
        "--workers-kill-timeout", "30",  # a stopping worker finishes what it is doing, at most 30 s
        "--log-level", env.get("WEB_LOG_LEVEL", "info"),
        "--working-dir", str(ROOT),
    ]  # fmt: skip
    if max_rss:
        args += ["--workers-max-rss", str(max_rss)]
    if env.get("WEB_ACCESS_LOG", "true").strip().lower() not in ("false", "0", "no", "off", ""):
        args.append("--access-log")
    return [*args, "truyenthong.wsgi:application"]


def main() -> None:
    parser = argparse.ArgumentParser(description="Chạy máy chủ web (granian) theo các biến môi trường.")
    parser.add_argument("--bind", help="địa_chỉ:cổng, thay cho BIND / HOST:PORT")
    parser.add_argument("--print", action="store_true", help="chỉ in lệnh, không chạy")
    args = parser.parse_args()
    cmd = command(args.bind)
    if args.print:
        print(" ".join(cmd))
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    os.execv(cmd[0], cmd)  # noqa: S606 - our own venv's granian, arguments built above


if __name__ == "__main__":
    main()
