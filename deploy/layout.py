"""Start a production layout on this machine, every process under one supervisor that restarts whatever dies.

    make serve          --layout school: the web server (deploy/web.py, granian) on HOST:PORT, TASK_WORKERS
                        background workers (default 1) and the scheduler; SQLite or PostgreSQL; a school's own
                        proxy (deploy/nginx.conf.example) in front.
    make scale-out      --layout province: nginx (deploy/scaleout/nginx.conf.template) → one web server
                        (deploy/web.py) per port of WEB_PORTS, TASK_WORKERS workers (RQ on Redis) and the
                        scheduler; PostgreSQL and Redis required.
    … DEMO=1            loads the demo schools first.

The script checks the services it needs, migrates, collects static files, renders the configurations into
SCALEOUT_DIR and then becomes supervisord (foreground; Ctrl-C stops everything).
"""

from __future__ import annotations

import argparse
import getpass
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "scaleout" / "nginx.conf.template"


def fail(message: str) -> None:
    print(f"Không khởi động được: {message}", file=sys.stderr)
    sys.exit(1)


def fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    if "{{" in template:
        fail("mẫu cấu hình còn chỗ chưa điền: " + template[template.index("{{") :][:40])
    return template


def ports(text: str) -> list[int]:
    try:
        found = [int(p) for p in text.split(",") if p.strip()]
    except ValueError:
        fail(f"WEB_PORTS phải là các số cổng cách nhau bởi dấu phẩy (đang là «{text}»).")
    if not found:
        fail("WEB_PORTS trống: cần ít nhất một cổng cho tiến trình ứng dụng.")
    return found


def supervisord_conf(
    *, run_dir: Path, python: Path, binds: list[str], workers: int, proxy: list[str] | None
) -> str:
    venv_bin = python.parent
    sections = [
        f"[supervisord]\nnodaemon=true\nlogfile={run_dir}/supervisord.log\npidfile={run_dir}/supervisord.pid\n"
        f"directory={ROOT}\n",
        f"[unix_http_server]\nfile={run_dir}/supervisor.sock\n",
        "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n",
        f"[supervisorctl]\nserverurl=unix://{run_dir}/supervisor.sock\n",
    ]

    def program(name: str, command: str) -> str:
        # Output to the console of the command that started us; killasgroup so a web server's workers go with it.
        return (
            f"[program:{name}]\ncommand={command}\ndirectory={ROOT}\nautorestart=true\nstartsecs=1\n"
            "stopasgroup=true\nkillasgroup=true\nstopwaitsecs=20\nredirect_stderr=true\n"
            "stdout_logfile=/dev/stdout\nstdout_logfile_maxbytes=0\n"
        )

    if proxy:
        sections.append(program("proxy", " ".join(proxy)))
    for number, bind in enumerate(binds, start=1):
        sections.append(
            program(f"web-{number}", f"{python} {ROOT}/deploy/web.py --bind {bind}")
        )
    for number in range(1, workers + 1):
        sections.append(
            program(
                f"worker-{number}", f"{python} -m truyenthong run-worker --worker-id scaleout-worker-{number}"
            )
        )
    sections.append(program("scheduler", f"{python} -m truyenthong scheduler"))
    return "\n".join(sections)


def main() -> None:
    parser = argparse.ArgumentParser(description="Khởi động hệ thống: tiến trình ứng dụng, tiến trình nền, bộ lập lịch.")
    parser.add_argument("--layout", choices=["school", "province"], default="province")
    parser.add_argument("--demo", action="store_true", help="nạp dữ liệu trường mẫu trước khi chạy")
    parser.add_argument("--render-only", action="store_true", help="chỉ ghi cấu hình, không chạy")
    args = parser.parse_args()

    env = os.environ
    province = args.layout == "province"
    needed = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL") if province else ("SECRET_KEY",)
    example = "deploy/scaleout/scaleout.env.example" if province else "deploy/production.env.example"
    for name in needed:
        if not env.get(name) and not (name == "SECRET_KEY" and env.get("SECRET_KEY_FILE")):
            fail(f"thiếu biến môi trường {name} (xem {example}).")
    if province and env.get("TASKS_BACKEND", "database") != "rq":
        print("Lưu ý: TASKS_BACKEND không phải rq; các tiến trình nền sẽ lấy việc từ cơ sở dữ liệu.")
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if province and nginx is None:
        fail("chưa cài nginx: hãy chạy: sudo apt-get install -y nginx-light")
    python = Path(sys.executable)
    if not (python.parent / "supervisord").exists():
        fail("chưa cài supervisor trong .venv: hãy chạy make install")

    var_dir = Path(env.get("TRUYENTHONG_VAR_DIR", ROOT / "var"))
    run_dir = (ROOT / env.get("SCALEOUT_DIR", var_dir / ("scaleout" if province else "serve"))).resolve()
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (run_dir / sub).mkdir(parents=True, exist_ok=True)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    try:
        from django.db import connection

        connection.ensure_connection()
    except Exception as exc:  # noqa: BLE001 — any failure to connect is reported the same way
        fail(f"không kết nối được cơ sở dữ liệu ({exc}).")
    try:
        from django.core.cache import cache

        cache.set("layout-check", "1", 5)
    except Exception as exc:  # noqa: BLE001
        fail(f"không kết nối được Redis ({exc}).")

    manage = [str(python), "-m", "truyenthong"]
    if not province:
        subprocess.run([*manage, "check", "--deploy"], check=True)
        web = f"{env.get('HOST', '127.0.0.1')}:{env.get('PORT', '8000')}"
        workers = int(env.get("TASK_WORKERS", "1"))
        conf = run_dir / "supervisord.conf"
        conf.write_text(
            supervisord_conf(run_dir=run_dir, python=python, binds=[web], workers=workers, proxy=None),
            encoding="utf-8",
        )
        start(
            args,
            manage,
            conf,
            f"http://{web}/ — 1 tiến trình ứng dụng, {workers} tiến trình nền, bộ lập lịch.",
        )
        return

    web_ports = ports(env.get("WEB_PORTS", "8101,8102"))
    workers = int(env.get("TASK_WORKERS", "2"))
    proxy_port = env.get("PROXY_PORT", "8080")
    (run_dir / "nginx.conf").write_text(
        fill(
            TEMPLATE.read_text(encoding="utf-8"),
            {
                "RUN_DIR": str(run_dir),
                "USER": getpass.getuser(),
                "UPSTREAM_SERVERS": "\n".join(
                    f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in web_ports
                ),
                "PROXY_HOST": env.get("PROXY_HOST", "127.0.0.1"),
                "PROXY_PORT": proxy_port,
                "STATIC_ROOT": str(Path(settings.STATIC_ROOT).resolve()),
                "MEDIA_ROOT": str(Path(settings.MEDIA_ROOT).resolve()),
            },
        ),
        encoding="utf-8",
    )
    error_log = str(run_dir / "nginx-error.log")
    proxy = [
        nginx,
        "-e",
        error_log,
        "-p",
        str(run_dir),
        "-c",
        str(run_dir / "nginx.conf"),
        "-g",
        '"daemon off;"',
    ]
    conf = run_dir / "supervisord.conf"
    conf.write_text(
        supervisord_conf(
            run_dir=run_dir,
            python=python,
            binds=[f"127.0.0.1:{p}" for p in web_ports],
            workers=workers,
            proxy=proxy,
        ),
        encoding="utf-8",
    )
    check = subprocess.run(
        [nginx, "-t", "-e", error_log, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf")],
        capture_output=True,
    )
    if check.returncode != 0:
        fail("cấu hình nginx không hợp lệ:\n" + check.stderr.decode(errors="replace"))
    start(
        args,
        manage,
        conf,
        f"nginx http://{env.get('PROXY_HOST', '127.0.0.1')}:{proxy_port}/ → {len(web_ports)} tiến trình ứng dụng "
        f"({', '.join(map(str, web_ports))}), {workers} tiến trình nền, bộ lập lịch.",
    )


def start(args, manage: list[str], conf: Path, summary: str) -> None:
    """Migrate, collect static files (and load the demo), then become supervisord."""
    if args.render_only:
        print(f"Đã ghi cấu hình vào {conf.parent}.")
        return
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], check=True)
    if args.demo:
        subprocess.run([*manage, "demo"], check=True)
    print(f"Đang chạy: {summary} Ctrl-C để dừng.", flush=True)
    supervisord = Path(sys.executable).parent / "supervisord"
    os.execv(str(supervisord), [str(supervisord), "-c", str(conf)])


if __name__ == "__main__":
    main()
