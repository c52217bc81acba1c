"""Benchmark of report generation, in a throwaway database.

    .venv/bin/python bench/bench_reports.py [--repeat 3]

Builds the demo province (the demo school) and one synthetic school with five school years of activities,
attendance and published content, computes their indicators, then times every report kind for both schools:
reading the figures (dashboard_rows, activities, content, evaluation) and writing each format. Each format's time
includes reading the figures, as a request for that one file would. Goals (issue 5): the yearly report as .docx
under 2 s and as PDF under 10 s. SQLite (a temporary file) by default; DATABASE_URL=postgres://… uses a fresh
database on that server and drops it at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_dashboard import _extra_years_of_activities, _setup_database  # noqa: E402 — after the path is set

GOALS = {"docx": 2.0, "pdf": 10.0}


def _published_content(school, years: list[int], per_year: int = 60, seed: int = 9) -> int:
    from django.utils import timezone

    from truyenthong.content.models import ContentItem
    from truyenthong.org.models import Organisation

    rng = random.Random(seed)
    units = list(Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT))
    items = []
    for y in years:
        for i in range(per_year):
            day = dt.date(y, 9, 1) + dt.timedelta(days=rng.randrange(0, 300))
            items.append(
                ContentItem(
                    school=school,
                    unit=rng.choice(units),
                    title=f"Tin bài {y}-{i}",
                    slug=f"bench-{school.pk}-{y}-{i}",
                    kind=rng.choice(["article", "article", "infographic", "video", "notice"]),
                    status="published",
                    published_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9))),
                )
            )
    ContentItem.objects.bulk_create(items, batch_size=1000)
    return len(items)


def _time_report(report, repeat: int) -> dict[str, float]:
    from truyenthong.reports import data
    from truyenthong.reports.render.charts import chart_png
    from truyenthong.reports.render.docx_writer import report_docx
    from truyenthong.reports.render.pdf_writer import report_pdf
    from truyenthong.reports.render.xlsx_writer import report_xlsx

    def read():
        facts = data.gather(school=report.school, kind=report.kind, period_key=report.period_key)
        document = data.build_document(report, facts)
        return document

    def timed(fn) -> float:
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    def with_chart(writer):
        document = read()
        image = chart_png(document.chart) if document.chart and document.chart.bars else None
        return writer(document, chart_image=image)

    return {
        "figures": timed(read),
        "docx": timed(lambda: with_chart(report_docx)),
        "pdf": timed(lambda: with_chart(report_pdf)),
        "xlsx": timed(lambda: report_xlsx(read())),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per format (the median is printed)")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="seconds, tiny data: one small school, one run (CI: the bench runs)",
    )
    args = parser.parse_args()
    if args.smoke:
        args.repeat = 1
    where, cleanup = _setup_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    os.environ.setdefault("TRUYENTHONG_DEMO", "1")  # a throwaway install: the demo's generated key is fine
    import django

    django.setup()
    try:
        return _run(args, where)
    finally:
        cleanup()


def _run(args, where: str) -> int:
    from django.core.management import call_command
    from django.utils import timezone

    from truyenthong.evaluation import demo as evaluation_demo
    from truyenthong.indicators.services import indicators_create_defaults, indicators_recompute
    from truyenthong.lib import periods as P
    from truyenthong.org import demo as org_demo
    from truyenthong.plans.selectors import current_plan_of
    from truyenthong.reports.demo import _leader, demo_periods
    from truyenthong.reports.models import Report
    from truyenthong.reports.services import report_create

    print(f"Cơ sở dữ liệu: {where}")
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    if args.smoke:  # no demo school: the synthetic one alone, small, with its last school year
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_superuser("bench-admin", password="bench-mat-khau-1")
        demo_school = None
    else:
        demo_school = org_demo.build_demo()
        print(f"Trường mẫu dựng xong ({time.perf_counter() - t0:.1f} s, gồm các báo cáo mẫu).")

    t1 = time.perf_counter()
    (synthetic,) = org_demo.build_synthetic(schools=1, staff_per_school=12 if args.smoke else 90)
    today = timezone.localdate()
    current = P.current_school_year(today).start.year
    years = list(range(current - (0 if args.smoke else 4), current + 1))
    acts, attendance = _extra_years_of_activities(synthetic, years)
    items = _published_content(synthetic, years)
    indicators_create_defaults(plan=current_plan_of(synthetic), actor=None)
    evaluation_demo.build(synthetic)
    indicators_recompute(school_ids=[synthetic.pk])
    print(
        f"Trường tổng hợp {len(years)} năm học ({years[0]}-{years[-1] + 1}): {acts} hoạt động, {attendance} lượt điểm danh, "
        f"{items} tin bài ({time.perf_counter() - t1:.1f} s dựng dữ liệu)."
    )

    slow = 0
    print()
    print(
        f"{'trường':<10} {'báo cáo':<48} {'kỳ':<14} {'số liệu':>8} {'.docx':>7} {'.pdf':>7} {'.xlsx':>7}  (giây, trung vị)"
    )
    schools = [("mẫu", demo_school), ("tổng hợp", synthetic)] if demo_school else [("tổng hợp", synthetic)]
    for label, school in schools:
        actor = _leader(school)
        for kind, period_key in demo_periods(school, today).items():
            report = report_create(school=school, actor=actor, kind=kind, period_key=period_key)
            times = _time_report(report, args.repeat)
            name = Report.Kind(kind).label
            print(
                f"{label:<10} {name[:48]:<48} {period_key:<14} {times['figures']:>8.2f} {times['docx']:>7.2f} "
                f"{times['pdf']:>7.2f} {times['xlsx']:>7.2f}"
            )
            if kind == Report.Kind.YEAR_REVIEW:
                slow += sum(times[f] > goal for f, goal in GOALS.items())
    print()
    print(
        f"Mục tiêu báo cáo năm học: .docx < {GOALS['docx']:.0f} s, PDF < {GOALS['pdf']:.0f} s — "
        + ("đạt." if not slow else f"KHÔNG ĐẠT ({slow}).")
    )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
