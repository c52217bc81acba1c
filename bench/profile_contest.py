"""Server cost of one participant's requests in a contest round: CPU time and queries per request, in process.

    .venv/bin/python bench/profile_contest.py [--participants 200] [--profile start|page|answer|submit]

The same school, bank and round as bench_contest.py (a temporary SQLite file, or its own PostgreSQL database with
DATABASE_URL=postgres://…), DEBUG off, every middleware on. Each participant registers, then starts (the start answers
with the attempt page), loads the page again (a reload), answers its 20 questions and submits, through Django's test Client with CSRF checks on. Prints, per
request type, the median and p95 CPU time of this process (time.process_time: Django, the template, the database
driver; with SQLite the database itself too, with PostgreSQL not the server's side) and the queries of one request.
With --profile it prints the 25 most expensive functions (cumulative) of that request type.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

QUESTION_RE = re.compile(r'data-question="(\d+)"\s+data-kind="single"')
PAGE_URL_RE = re.compile(r'data-page-url="(/thi/bai/[0-9a-f]+/)"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--profile", choices=["start", "page", "answer", "submit"])
    parser.add_argument(
        "--show-queries", action="store_true", help="print the SQL of one request of each type"
    )
    args = parser.parse_args()

    import secrets

    import bench_contest

    where, cleanup = bench_contest._setup_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()
    try:
        ids = bench_contest._build(args.participants)
        print(f"{where}: {args.participants} participants", flush=True)
        cpu, queries = _run(args, ids)
    finally:
        cleanup()
    print(f"{'request':<10}{'count':>7}{'cpu p50 ms':>12}{'cpu p95 ms':>12}{'queries':>9}")
    summary = {}
    for kind in ("floor", "register", "start", "page", "answer", "submit"):
        values = cpu[kind]
        p95 = sorted(values)[int(0.95 * (len(values) - 1))]
        print(f"{kind:<10}{len(values):>7}{statistics.median(values):>12.2f}{p95:>12.2f}{queries[kind]:>9}")
        summary[kind] = {"cpu_p50_ms": round(statistics.median(values), 2), "queries": queries[kind]}
    print(json.dumps(summary))
    return 0


def _run(args, ids: dict):
    from bench_contest import registration
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cpu: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, int] = {}
    profiler = cProfile.Profile() if args.profile else None

    def call(kind, client, method, path, **extra):
        headers = {}
        if method == "post" and "csrftoken" in client.cookies:
            headers["X-CSRFToken"] = client.cookies["csrftoken"].value
        if kind not in queries:  # the query count of the first call, measured apart (capturing costs time)
            with CaptureQueriesContext(connection) as captured:
                response = getattr(client, method)(path, headers=headers, **extra)
            queries[kind] = len(captured)
            if args.show_queries:
                print(f"-- {kind}: {len(captured)} queries")
                for q in captured:
                    print("  ", q["sql"][:300])
            return response
        if profiler is not None and kind == args.profile:
            profiler.enable()
        started = time.process_time()
        response = getattr(client, method)(path, headers=headers, **extra)
        cpu[kind].append((time.process_time() - started) * 1000)
        if profiler is not None and kind == args.profile:
            profiler.disable()
        return response

    clients = []
    home = f"/thi/{ids['contest']}/"
    for n in range(args.participants):
        client = Client(enforce_csrf_checks=True)
        client.get(home)
        response = call("register", client, "post", home, data=registration(n, ids))
        assert response.status_code == 302, response.status_code
        clients.append(client)
    # the synchronised start: everyone starts and loads the page, then everyone answers, then everyone submits
    pages = []
    for client in clients:
        # the start answers with the attempt page; "page" is that page asked for again (a reload)
        response = call("start", client, "post", f"/thi/vong/{ids['round']}/bat-dau/")
        assert response.status_code == 200, response.status_code
        location = PAGE_URL_RE.search(response.content.decode()).group(1)
        response = call("page", client, "get", location)
        assert response.status_code == 200
        pages.append((client, location, [int(q) for q in QUESTION_RE.findall(response.content.decode())]))
    for client, location, questions in pages:
        assert len(questions) == 20, len(questions)
        for i, qid in enumerate(questions):
            body = json.dumps({"question": qid, "response": i % 4})
            response = call(
                "answer", client, "post", f"{location}tra-loi/", data=body, content_type="application/json"
            )
            assert response.status_code == 200, response.content
    for client, _location, _ in pages[
        :50
    ]:  # the floor: a request that does no work, through every middleware
        call("floor", client, "get", "/healthz/")
    for client, location, _ in pages:
        response = call("submit", client, "post", f"{location}nop-bai/")
        assert response.status_code == 302
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
            int(os.environ.get("TOP", "25"))
        )
        print(out.getvalue())
    return cpu, queries


if __name__ == "__main__":
    raise SystemExit(main())
