"""Where a province page's time goes: CPU of this process, time in SQL and queries per request, in process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/profile_province.py \\
        --database tt_bench_NNNN [--requests 40] [--profile school|api|province|detail|overview]

Runs against a database that `bench_province.py --keep` built (it prints the name), with the same pages, the same
sample of schools and the same Sở official, through Django's test Client (DEBUG off, every middleware on, no HTTP
server). Prints, per kind of page, the median and p95 of: wall time, CPU time of this process (time.process_time:
Django, templates, the database driver; not PostgreSQL's side), the time spent waiting on SQL and the queries of one
request; with --each, the medians of each address too. The SQL time overlaps the driver's share of the CPU time; the
rest of the wall time is small here (one client). A fixed loop's CPU time before and after ("thước đo máy") shows how
fast the machine was meanwhile: on a shared host it drifts by half within minutes. With --profile it prints the 30
(--lines) most expensive functions of that kind of page, by their own time and by cumulative time; --show-queries
prints each query of a first request to every address, with its time. The API token it issues for the official is
revoked at the end; nothing else is written.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _SqlClock:
    """An execute wrapper that counts queries and adds up the time spent in them."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.statements: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - t0
            self.seconds += took
            self.count += 1
            self.statements.append((took, sql))


def _yardstick() -> float:
    """CPU ms of a fixed pure-Python loop: this machine's speed at the moment (a shared host's varies by half within
    minutes), printed before and after so two runs' figures can be compared, or set aside."""
    t0 = time.process_time()
    total = 0
    for i in range(2_000_000):
        total += i
    return (time.process_time() - t0) * 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="the database bench_province.py --keep built")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per kind of page")
    kinds = ["province", "detail", "overview", "school", "api"]
    parser.add_argument(
        "--kind", choices=kinds, action="append", help="only these kinds of page (repeatable)"
    )
    parser.add_argument("--profile", choices=kinds)
    parser.add_argument("--each", action="store_true", help="also the medians of each address of a kind")
    parser.add_argument("--lines", type=int, default=30, help="functions --profile prints in each order")
    parser.add_argument(
        "--show-queries", action="store_true", help="print the SQL of one request of each kind, with its time"
    )
    args = parser.parse_args()

    parts = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not parts.scheme.startswith("postgres"):
        parser.error("needs DATABASE_URL=postgres://… (the server the kept database is on)")
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{args.database}"))
    os.environ.setdefault("TRUYENTHONG_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from truyenthong.api.models import ApiToken
    from truyenthong.api.services import api_token_issue
    from truyenthong.lib.periods import current_school_year
    from truyenthong.org.models import Organisation
    from truyenthong.province.models import IndicatorLink

    official = get_user_model().objects.get(username="chuyenvienso")
    department = Organisation.objects.get(kind=Organisation.Kind.DEPARTMENT, role_assignments__user=official)
    schools = list(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).order_by("id"))
    period = current_school_year(timezone.localdate()).key
    sample = [s.code for s in random.Random(3).sample(schools, min(20, len(schools)))]
    rollup_ids = list(
        IndicatorLink.objects.filter(confirmed_at__isnull=False)
        .values_list("department_indicator_id", flat=True)
        .distinct()
    )
    token, key = api_token_issue(actor=official, user=official, organisation=department, name="profile")
    pages = {
        "province": ([f"/so/{department.code}/tong-hop/?ky={period}"], {}),
        "detail": ([f"/so/{department.code}/tong-hop/{i}/?ky={period}" for i in rollup_ids[:20]], {}),
        "overview": ([f"/so/{department.code}/bang-dieu-khien/?ky={period}"], {}),
        "school": ([f"/truong/{code}/bang-dieu-khien/?ky={period}" for code in sample], {}),
        "api": (
            [
                "/api/v1/schools/?page_size=100",
                f"/api/v1/indicator-values/?period={period}&page_size=100",
                "/api/v1/plans/?page_size=50",
                "/api/v1/activities/?page_size=100",
            ],
            {"HTTP_AUTHORIZATION": f"Bearer {key}"},
        ),
    }
    client = Client()
    client.force_login(official)
    print(f"{args.database}: {len(schools)} trường, {args.requests} yêu cầu mỗi loại trang, kỳ {period}")
    print(f"thước đo máy (vòng lặp cố định), trước: {_yardstick():.0f} ms")
    print(
        f"{'trang':<10} {'wall p50':>9} {'p95':>7} {'CPU p50':>8} {'p95':>7} {'SQL p50':>8} {'p95':>7} {'truy vấn':>9}"
    )
    try:
        for name, (paths, headers) in pages.items():
            if args.profile and name != args.profile or args.kind and name not in args.kind or not paths:
                continue
            for path in paths[:4]:  # templates, imports and connections first
                client.get(path, **headers)
            walls, cpus, sqls, queries = [], [], [], []
            by_path: dict[str, list[tuple[float, float, float, int]]] = {}
            profiler = cProfile.Profile() if args.profile else None
            for i in range(args.requests):
                path = paths[i % len(paths)]
                clock = _SqlClock()
                with connection.execute_wrapper(clock):
                    w0, c0 = time.perf_counter(), time.process_time()
                    if profiler:
                        profiler.enable()
                    response = client.get(path, **headers)
                    if profiler:
                        profiler.disable()
                    c1, w1 = time.process_time(), time.perf_counter()
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code}")
                walls.append((w1 - w0) * 1000)
                cpus.append((c1 - c0) * 1000)
                sqls.append(clock.seconds * 1000)
                queries.append(clock.count)
                by_path.setdefault(path, []).append((walls[-1], cpus[-1], sqls[-1], clock.count))
                if args.show_queries and i < len(paths):
                    print(f"--- {path}")
                    for took, statement in clock.statements:
                        print(f"   {took * 1000:6.2f} ms  {statement[:300]}")
            print(
                f"{name:<10} {statistics.median(walls):>9.1f} {_p95(walls):>7.1f} {statistics.median(cpus):>8.1f} "
                f"{_p95(cpus):>7.1f} {statistics.median(sqls):>8.1f} {_p95(sqls):>7.1f} {statistics.median(queries):>9.0f}"
            )
            if args.each and len(by_path) > 1:
                for path, runs in by_path.items():
                    wall, cpu, sql, count = (statistics.median(column) for column in zip(*runs, strict=True))
                    print(
                        f"    {wall:>9.1f} wall  {cpu:>7.1f} CPU  {sql:>7.1f} SQL  {count:>3.0f} truy vấn  {path}"
                    )
            if profiler:
                for order in ("tottime", "cumulative"):
                    out = io.StringIO()
                    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(args.lines)
                    print(out.getvalue())
        print(f"thước đo máy, sau: {_yardstick():.0f} ms")
    finally:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
