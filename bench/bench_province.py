"""Benchmark of a whole province: the Sở's roll-up page, a school drill-down and the API's lists under concurrent
clients, and a full recomputation of every indicator value.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_province.py
    .venv/bin/python bench/bench_province.py --smoke          # seconds, on SQLite: CI runs this so it cannot rot
    … --schools 1000 --staff-per-school 80 --years 5 --clients 4 --requests 200 --json

It builds its own database (SQLite in a temporary folder, or a fresh database on the PostgreSQL server that
DATABASE_URL names, dropped at the end): the demo Sở with its plan, N schools with the seed plan, their staff and
`--years` school years of study sessions with attendance, every school's indicators tied to the Sở's. Then it
starts the production server on a loopback port (deploy/web.py: granian, as `make serve` does; or
`--server threads`: one process, a thread per request), lets every worker answer each page a few times, and times GETs
from `--clients` concurrent clients. `--keep` keeps the database and `--reuse NAME` measures again on it. With `--json`
the last line is one JSON object (schools, staff, attendance, p95_province_ms, p95_school_ms, p95_api_ms, recompute_s…).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.request import Request, urlopen
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _ThreadedServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def _load(port: int, paths: list[str], *, headers: dict, requests: int, clients: int) -> dict:
    """`requests` GETs over `paths` from `clients` concurrent clients; every answer must be 200."""
    latencies: list[float] = []
    lock = threading.Lock()
    errors = []

    def one(i: int):
        path = paths[i % len(paths)]
        started = time.perf_counter()
        try:
            with urlopen(Request(f"http://127.0.0.1:{port}{path}", headers=headers), timeout=60) as response:
                response.read()
                status = response.status
        except Exception as exc:  # a refused or failed request is counted, not hidden
            errors.append(f"{path}: {exc}")
            return
        elapsed = time.perf_counter() - started
        if status != 200:
            errors.append(f"{path}: HTTP {status}")
        with lock:
            latencies.append(elapsed)

    for i in range(min(3, requests)):  # warm caches and connections
        one(i)
    latencies.clear()
    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, range(requests)))
    wall = time.perf_counter() - wall
    if errors:
        raise SystemExit(f"{len(errors)} lỗi, ví dụ: {errors[:3]}")
    ordered = sorted(latencies)
    return {
        "n": len(ordered),
        "rps": len(ordered) / wall,
        "p50": statistics.median(ordered) * 1000,
        "p95": _percentile(ordered, 0.95),
    }


def _study_sessions(schools, years: list[int], seed: int) -> tuple[int, int]:
    """Four study sessions a school year per school, every active staff member on the roster (bulk inserts)."""
    from django.utils import timezone

    from truyenthong.activities.models import Activity, Attendance
    from truyenthong.org.models import Organisation, Person
    from truyenthong.plans.models import Task

    rng = random.Random(seed)
    activities, owners = [], []
    people_of = {}
    for school in schools:
        leadership = Organisation.objects.filter(
            school=school, unit_kind=Organisation.UnitKind.LEADERSHIP
        ).first()
        task = Task.objects.filter(group__plan__organisation=school, text__icontains="quán triệt").first()
        people_of[school.pk] = list(Person.objects.filter(school=school))
        for y in years:
            for month, day in ((9, 20), (11, 15), (2, 20), (4, 10)):
                when = dt.date(y if month >= 9 else y + 1, month, day)
                start = timezone.make_aware(dt.datetime.combine(when, dt.time(14, 0)))
                activities.append(
                    Activity(
                        school=school,
                        unit=leadership,
                        task=task,
                        kind="study_session",
                        title=f"Học tập nghị quyết {when:%d/%m/%Y}",
                        starts_at=start,
                        ends_at=start + dt.timedelta(hours=2),
                        status="verified",
                    )
                )
                owners.append(school.pk)
    Activity.objects.bulk_create(activities, batch_size=2000)
    attendance = 0
    batch = []
    for activity, school_id in zip(activities, owners, strict=True):
        day = timezone.localtime(activity.starts_at).date()
        for person in people_of[school_id]:
            if not person.is_active_on(day):
                continue
            status = "present" if rng.random() < 0.92 else "absent"
            batch.append(
                Attendance(activity=activity, person=person, status=status, checked_in_at=activity.starts_at)
            )
        if len(batch) >= 20000:
            Attendance.objects.bulk_create(batch, batch_size=5000)
            attendance += len(batch)
            batch = []
    Attendance.objects.bulk_create(batch, batch_size=5000)
    return len(activities), attendance + len(batch)


def _serve(kind: str):
    """Start the server the pages are timed on; (port, stop)."""
    if kind == "threads":
        from truyenthong.wsgi import application

        server = make_server("127.0.0.1", 0, application, server_class=_ThreadedServer, handler_class=_Quiet)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server.server_port, server.shutdown
    # the production server as `make serve` starts it: deploy/web.py (granian, a worker process per core, 2 threads
    # each), DEBUG off, every middleware
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ)
    env.update(
        BIND=f"127.0.0.1:{port}",
        ALLOWED_HOSTS="127.0.0.1",
        WEB_ACCESS_LOG="false",
        WEB_LOG_LEVEL="warning",
    )
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "deploy" / "web.py")],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("máy chủ web không khởi động được trong 60 giây") from None
            time.sleep(0.2)

    def stop():
        process.terminate()
        process.wait(timeout=30)

    return port, stop


def _analyze(connection) -> None:
    """The planner's statistics after a bulk load, as autovacuum keeps them on a running PostgreSQL server."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=1000)
    parser.add_argument("--staff-per-school", type=int, default=80)
    parser.add_argument("--years", type=int, default=5, help="school years of study sessions and attendance")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per kind of page")
    parser.add_argument("--smoke", action="store_true", help="3 schools, 12 staff, 1 year, 10 requests")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database at the end (to profile a page against it, or to --reuse it) and say where",
    )
    parser.add_argument(
        "--reuse",
        metavar="DATABASE",
        help="measure again on a database an earlier --keep run built, on the server DATABASE_URL names "
        "(no build: the data are the ones it has)",
    )
    parser.add_argument(
        "--server",
        choices=["production", "threads"],
        default="production",
        help="production: deploy/web.py, granian (default); threads: one process, a thread per request",
    )
    args = parser.parse_args()
    if args.smoke:
        args.schools, args.staff_per_school, args.years, args.requests, args.clients = 3, 12, 1, 10, 2

    from bench_dashboard import _setup_database

    if args.reuse:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(os.environ.get("DATABASE_URL", ""))
        if not parts.scheme.startswith("postgres"):
            parser.error("--reuse needs DATABASE_URL=postgres://… (the server the kept database is on)")
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{args.reuse}"))
        args.keep = True
        where, cleanup = f"PostgreSQL ({parts.hostname}, database {args.reuse}, reused)", None
    else:
        where, cleanup = _setup_database()
    os.environ.setdefault("TRUYENTHONG_DEMO", "1")  # a throwaway install: the demo's generated key is fine
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    import django

    django.setup()
    try:
        return _run(args, where)
    finally:
        if args.keep:
            print(f"Giữ lại cơ sở dữ liệu: {where}", file=sys.stderr)
        else:
            cleanup()


def _run(args, where: str) -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from truyenthong.api.services import api_token_issue
    from truyenthong.core.models import Role, RoleAssignment
    from truyenthong.indicators.services import indicators_recompute
    from truyenthong.lib.periods import current_school_year
    from truyenthong.org import demo as org_demo
    from truyenthong.org.models import Organisation, Person
    from truyenthong.province import demo as province_demo
    from truyenthong.province.models import IndicatorLink

    print(f"Cơ sở dữ liệu: {where}")
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    users = get_user_model().objects
    if args.reuse:
        from truyenthong.activities.models import Activity, Attendance

        department = org_demo.province()  # finds the one the build made
        official = users.get(username="chuyenvienso")
        synthetic = list(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).order_by("id"))
        activities, attendance = Activity.objects.count(), Attendance.objects.count()
        t_build = 0.0
    else:
        department = org_demo.province()
        users.create_superuser("bench-admin", password=None)
        official = users.create_user("chuyenvienso", password=None)
        RoleAssignment.objects.create(user=official, role=Role.OFFICIAL, organisation=department)
        synthetic = org_demo.build_synthetic(schools=args.schools, staff_per_school=args.staff_per_school)
        for s in synthetic:  # each school's plan import already made its default indicators
            province_demo.build(s)
        t_build = time.perf_counter() - t0
        current = current_school_year(timezone.localdate()).start.year
        years = list(range(current - args.years + 1, current + 1))
        activities, attendance = _study_sessions(synthetic, years, seed=71)
    school = synthetic[0]
    staff = Person.objects.count()
    schools = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).count()
    links = IndicatorLink.objects.filter(confirmed_at__isnull=False).count()
    print(
        f"Dữ liệu: {schools} trường, {staff:,} cán bộ, {activities:,} buổi học tập, {attendance:,} lượt điểm danh, "
        f"{links:,} liên kết chỉ tiêu ({time.perf_counter() - t0:.0f} s dựng, trong đó {t_build:.0f} s trường và kế hoạch)"
    )
    _analyze(connection)
    t1 = time.perf_counter()
    values = indicators_recompute()
    recompute_s = time.perf_counter() - t1
    print(f"Tính lại toàn bộ: {values:,} giá trị trong {recompute_s:.1f} s")
    _analyze(connection)

    client = Client()
    client.force_login(official)
    cookie = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    key = api_token_issue(actor=official, user=official, organisation=department, name="bench")[1]
    bearer = {"Authorization": f"Bearer {key}"}
    period = current_school_year(timezone.localdate()).key
    sample = [s.code for s in random.Random(3).sample(synthetic, min(20, len(synthetic)))] or [school.code]
    rollup_ids = list(
        IndicatorLink.objects.filter(confirmed_at__isnull=False)
        .values_list("department_indicator_id", flat=True)
        .distinct()
    )

    connection.close()  # the server's processes open their own
    port, stop = _serve(args.server)
    print(
        "Máy chủ: "
        + (
            "granian theo deploy/web.py (như khi chạy thật)"
            if args.server == "production"
            else "một tiến trình, mỗi yêu cầu một luồng"
        )
    )
    results = {}
    try:
        pages = {
            "province": [f"/so/{department.code}/tong-hop/?ky={period}"],
            "province_detail": [f"/so/{department.code}/tong-hop/{i}/?ky={period}" for i in rollup_ids]
            or None,
            "overview": [f"/so/{department.code}/bang-dieu-khien/?ky={period}"],
            "school": [f"/truong/{code}/bang-dieu-khien/?ky={period}" for code in sample],
        }
        api_paths = [
            "/api/v1/schools/?page_size=100",
            f"/api/v1/indicator-values/?period={period}&page_size=100",
            "/api/v1/plans/?page_size=50",
            "/api/v1/activities/?page_size=100",
        ]
        # every worker process answers each kind of page a few times first (imports, templates, connections): the
        # timed requests are those of a server that has been running, not of its first minute
        warm = 6 * max(args.clients, 11)
        for paths, headers in [*((p, cookie) for p in pages.values() if p), (api_paths, bearer)]:
            _load(port, paths, headers=headers, requests=warm, clients=args.clients)
        for name, paths in pages.items():
            if paths:
                results[name] = _load(
                    port, paths, headers=cookie, requests=args.requests, clients=args.clients
                )
        results["api"] = _load(port, api_paths, headers=bearer, requests=args.requests, clients=args.clients)
    finally:
        stop()
    labels = {
        "province": "Tổng hợp toàn tỉnh (Sở)",
        "province_detail": "Một chỉ tiêu, các trường xếp hạng",
        "overview": "Tổng quan các trường (Sở)",
        "school": "Bảng điều khiển một trường",
        "api": "API: danh sách (4 loại)",
    }
    print(
        f"{'trang':<36} {'n':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}   ({args.clients} máy khách đồng thời)"
    )
    for name, r in results.items():
        print(f"{labels[name]:<36} {r['n']:>5} {r['rps']:>7.1f} {r['p50']:>8.1f} {r['p95']:>8.1f}")
    if args.json:
        print(
            json.dumps(
                {
                    "schools": schools,
                    "staff": staff,
                    "attendance": attendance,
                    "indicator_values": values,
                    "clients": args.clients,
                    "p95_province_ms": round(results["province"]["p95"], 1),
                    "p95_province_detail_ms": round(results.get("province_detail", {}).get("p95", 0), 1),
                    "p95_school_ms": round(results["school"]["p95"], 1),
                    "p95_api_ms": round(results["api"]["p95"], 1),
                    "recompute_s": round(recompute_s, 2),
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
