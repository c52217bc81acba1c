"""Benchmark of the indicator dashboard and of a full recomputation, in a throwaway database.

    .venv/bin/python bench/bench_dashboard.py                 # (a) the demo school with six school years of activity
    .venv/bin/python bench/bench_dashboard.py --schools 300   # (b) plus 300 synthetic schools (about 25,000 staff)

SQLite (a temporary file) by default; with DATABASE_URL=postgres://… it creates its own database on that server
and drops it at the end. Prints p50/p95 of the dashboard request (Django's test Client, logged in) and the time of
full recomputations of every indicator value.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup_database() -> tuple[str, callable]:
    """Point DATABASE_URL at a fresh database; return a description and a function that removes it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = f"tt_bench_{os.getpid()}"
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))

        def drop():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return f"PostgreSQL ({parts.hostname}, database {name})", drop
    folder = tempfile.mkdtemp(prefix="tt-bench-")
    path = Path(folder) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"

    def remove():
        from django.db import connections

        connections.close_all()
        for p in Path(folder).glob("*"):
            p.unlink()
        Path(folder).rmdir()

    return f"SQLite ({path})", remove


def _extra_years_of_activities(school, years: list[int], seed: int = 5) -> tuple[int, int]:
    """Bulk-create activities and staff attendance for earlier school years (the demo covers the last two)."""
    from django.utils import timezone

    from truyenthong.activities.models import Activity, Attendance
    from truyenthong.org.models import Membership, Organisation, Person
    from truyenthong.plans.models import Task

    rng = random.Random(seed)
    units = list(Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT).order_by("path"))
    subjects = [u for u in units if u.unit_kind == Organisation.UnitKind.SUBJECT]
    leadership = next((u for u in units if u.unit_kind == Organisation.UnitKind.LEADERSHIP), units[0])
    people = list(Person.objects.filter(school=school))
    members: dict[int, list[int]] = {}
    for m in Membership.objects.filter(unit__school=school):
        members.setdefault(m.unit_id, []).append(m.person_id)
    task = Task.objects.filter(group__plan__organisation=school, text__icontains="quán triệt").first()
    activities, rosters = [], []

    def add(kind, unit, day, audience="staff", roster=None):
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(14, 0)))
        activities.append(
            Activity(
                school=school,
                unit=unit,
                task=task if kind == "study_session" else None,
                kind=kind,
                title=f"{kind} {day:%d/%m/%Y}",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                audience=audience,
                status="verified",
            )
        )
        rosters.append(roster)

    for y in years:
        for month, day in ((9, 20), (11, 15), (2, 20), (4, 10)):
            add("study_session", leadership, dt.date(y if month >= 9 else y + 1, month, day), roster="all")
        for month in (9, 10, 11, 12, 1, 2, 3, 4, 5):
            d = dt.date(y if month >= 9 else y + 1, month, 5)
            add("council_meeting", leadership, d, roster="all")
            for unit in subjects:
                add("department_meeting", unit, d + dt.timedelta(days=7), roster=unit.pk)
            for week in range(3):
                add("flag_ceremony", leadership, d + dt.timedelta(days=week * 7 + 2), audience="students")
    Activity.objects.bulk_create(activities, batch_size=1000)
    attendance = []
    for activity, roster in zip(activities, rosters, strict=True):
        if roster is None:
            continue
        day = timezone.localtime(activity.starts_at).date()
        allowed = None if roster == "all" else set(members.get(roster, []))
        for p in people:
            if not p.is_active_on(day) or (allowed is not None and p.pk not in allowed):
                continue
            roll = rng.random()
            status = "present" if roll < 0.9 else ("caught_up" if roll < 0.95 else "absent")
            attendance.append(
                Attendance(activity=activity, person=p, status=status, checked_in_at=activity.starts_at)
            )
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    return len(activities), len(attendance)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return p50 * 1000, p95 * 1000


def _time_requests(client, url: str, n: int) -> tuple[float, float, int]:
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200
    p50, p95 = _percentiles(samples)
    return p50, p95, len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=0, help="synthetic schools to add (b): 300")
    parser.add_argument("--staff-per-school", type=int, default=85)
    parser.add_argument("--requests", type=int, default=50, help="timed dashboard requests per page")
    args = parser.parse_args()

    where, cleanup = _setup_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    os.environ.setdefault("TRUYENTHONG_DEMO", "1")  # a throwaway install: the demo's generated key is fine
    import django

    django.setup()
    try:
        return _run(args, where)
    finally:
        cleanup()


def _run(args, where: str) -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from truyenthong.activities import demo as activities_demo
    from truyenthong.activities.models import Attendance
    from truyenthong.indicators import demo as indicators_demo
    from truyenthong.indicators.models import IndicatorValue
    from truyenthong.indicators.services import indicators_recompute
    from truyenthong.lib.periods import current_school_year
    from truyenthong.org import demo as org_demo
    from truyenthong.org.models import Person
    from truyenthong.records import demo as records_demo

    print(f"Cơ sở dữ liệu: {where}")
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    school = org_demo.build_demo()
    activities_demo.build(school)
    current = current_school_year(timezone.localdate()).start.year
    extra = _extra_years_of_activities(school, list(range(current - 5, current - 1)))
    records_demo.build(school)
    indicators_demo.build(school, recompute=False)
    print(
        f"(a) trường mẫu: thêm {extra[0]} hoạt động, {extra[1]} lượt điểm danh cho 4 năm học trước "
        f"({time.perf_counter() - t0:.1f} s dựng dữ liệu)"
    )
    synthetic = []
    if args.schools:
        t1 = time.perf_counter()
        synthetic = org_demo.build_synthetic(schools=args.schools, staff_per_school=args.staff_per_school)
        for s in synthetic:
            activities_demo.build(s)
            records_demo.build(s)
            indicators_demo.build(s, recompute=False)
        print(f"(b) {len(synthetic)} trường tổng hợp dựng trong {time.perf_counter() - t1:.1f} s")
    print(f"Dữ liệu: {Person.objects.count()} cán bộ, {Attendance.objects.count()} lượt điểm danh")

    timings = []
    for _ in range(2):
        start = time.perf_counter()
        rows = indicators_recompute()
        timings.append(time.perf_counter() - start)
    print(f"Tính lại toàn bộ chỉ số: {rows} giá trị; lần 1 {timings[0]:.2f} s, lần 2 {timings[1]:.2f} s")

    User = get_user_model()
    cases = [
        ("hieutruong", f"/truong/{school.code}/bang-dieu-khien/", "Bảng điều khiển trường (lãnh đạo)"),
        ("totruong", f"/truong/{school.code}/bang-dieu-khien/", "Bảng điều khiển tổ (tổ trưởng)"),
        ("chuyenvienso", f"/so/{school.parent.code}/bang-dieu-khien/", "Bảng tổng hợp của Sở (mọi trường)"),
    ]
    if synthetic:
        cases.append(
            ("admin", f"/truong/{synthetic[-1].code}/bang-dieu-khien/", "Bảng điều khiển một trường tổng hợp")
        )
    for username, url, label in cases:
        client = Client()
        client.force_login(User.objects.get(username=username))
        p50, p95, size = _time_requests(client, url, args.requests)
        print(f"{label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms ({args.requests} lượt, {size // 1024} KB)")
    print(f"IndicatorValue: {IndicatorValue.objects.count()} dòng")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
