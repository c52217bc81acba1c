"""Benchmark of the public section: 5,000 items in a throwaway database, served by a real WSGI server on loopback.

    .venv/bin/python bench/bench_portal.py [--items 5000] [--requests 400] [--seconds 20]

Builds a school with one section of N published items in a temporary SQLite file (nothing else is touched), starts
the production WSGI application (DEBUG off, every middleware on) in a wsgiref server thread on 127.0.0.1, then loads
each page with a bounded loop of sequential requests from a client on loopback and prints requests/s, p50 and p95:

- plain    a plain Django page (base.html, no query) served the same way: the ceiling
- list     the section list, rotating over the first pages
- detail   an item page, rotating over 20 popular items (each view also counts towards the item's reach)
- detail-cold  280 other items once each with the page cache emptied first: the first view after a change
- search   an accent-insensitive search, rotating over queries with and without diacritics
- feed     the RSS feed
- list-304 the list revalidated with If-None-Match (what a browser or proxy does after max-age)

Goals (issue 4): list and detail within 2× of the plain page; search p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCHES = [
    "giao duc",
    "giáo dục",
    "chuyen doi so",
    "bạo lực học đường",
    "nghi quyet 71",
    "kỹ năng sống",
    "phu huynh",
    "tri tue nhan tao",
]
WORDS = [
    "giáo",
    "dục",
    "đào",
    "tạo",
    "nghị",
    "quyết",
    "chuyển",
    "đổi",
    "số",
    "học",
    "sinh",
    "giáo",
    "viên",
    "phụ",
    "huynh",
    "kỹ",
    "năng",
    "sống",
    "an",
    "toàn",
    "trường",
    "học",
    "bạo",
    "lực",
    "học",
    "đường",
    "pháp",
    "luật",
    "trải",
    "nghiệm",
    "sáng",
    "tạo",
    "đổi",
    "mới",
    "chất",
    "lượng",
    "thi",
    "đua",
    "khen",
    "thưởng",
    "cộng",
    "đồng",
    "số",
    "hóa",
    "học",
    "liệu",
    "trí",
    "tuệ",
    "nhân",
    "tạo",
    "ngoại",
    "ngữ",
    "thể",
    "thao",
    "văn",
    "nghệ",
    "tình",
    "nguyện",
    "môi",
    "trường",
    "xanh",
]

urlpatterns: list = []  # filled after Django is set up; this module is the benchmark's URLconf


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def setup_django(var_dir: str) -> None:
    os.environ["TRUYENTHONG_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "truyenthong.settings"
    os.environ.setdefault("TRUYENTHONG_DEMO", "1")  # a throwaway install: the demo's generated key is fine
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.conf import settings

    django.setup()
    from django.shortcuts import render
    from django.urls import path

    import truyenthong.urls

    def plain(request):
        return render(request, "base.html", {})

    urlpatterns[:] = [*truyenthong.urls.urlpatterns, path("bench/plain/", plain)]
    settings.ROOT_URLCONF = __name__


def build_data(n_items: int) -> tuple[str, list[str]]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from truyenthong.content.models import ContentItem, ItemSearch, Tag
    from truyenthong.content.richtext import plain_text, render_body, sanitize_html
    from truyenthong.content.services import section_create
    from truyenthong.core.models import Role, RoleAssignment
    from truyenthong.lib.vntext import fold, slugify_vi
    from truyenthong.org.models import Organisation
    from truyenthong.org.services import organisation_create

    call_command("migrate", verbosity=0)
    K = Organisation.Kind
    ministry = organisation_create(kind=K.MINISTRY, code="bo", name="Bộ Giáo dục và Đào tạo")
    department = organisation_create(kind=K.DEPARTMENT, code="so", name="Sở GDĐT Gia Lai", parent=ministry)
    school = organisation_create(kind=K.SCHOOL, code="bench", name="Trường THPT Benchmark", parent=department)
    leader = get_user_model().objects.create_user(username="bench", password="bench-not-used")
    RoleAssignment.objects.create(user=leader, role=Role.LEADERSHIP, organisation=school)
    section = section_create(school=school, actor=leader, title="Nghị quyết 71", slug="nghi-quyet-71")
    tags = [
        Tag.objects.create(school=school, name=n, slug=slugify_vi(n))
        for n in ("Nghị quyết 71", "Chuyển đổi số", "Kỹ năng sống", "Bạo lực học đường")
    ]
    rng = random.Random(5000)
    now = timezone.now()
    items = []
    for i in range(n_items):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize() + f" ({i + 1})"
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))) for _ in range(5)]
        body = sanitize_html("\n\n".join(paragraphs))
        summary = " ".join(rng.choice(WORDS) for _ in range(25))
        items.append(
            ContentItem(
                school=school,
                section=section,
                kind="article",
                title=title,
                slug=f"{slugify_vi(title)[:90]}-{i}",
                summary=summary,
                body=body,
                body_html=render_body(body),
                status="published",
                published_at=now - dt.timedelta(hours=i * 3 + 1),
                created_by=leader,
                audiences=["parents"],
            )
        )
    ContentItem.objects.bulk_create(items, batch_size=500)
    ItemSearch.objects.bulk_create(
        [
            ItemSearch(
                item_id=i.pk,
                title=fold(i.title),
                words=" ".join(dict.fromkeys(fold(f"{i.title} {i.summary} {plain_text(i.body)}").split())),
            )
            for i in ContentItem.objects.all()
        ],
        batch_size=500,
    )
    through = ContentItem.tags.through
    rows = [
        through(contentitem_id=pk, tag_id=tags[pk % len(tags)].pk)
        for pk in ContentItem.objects.values_list("pk", flat=True)
    ]
    through.objects.bulk_create(rows, batch_size=1000)
    slugs = list(ContentItem.objects.order_by("-published_at").values_list("slug", flat=True)[:300])
    return section.slug, slugs


def serve():
    from truyenthong.wsgi import application

    server = make_server("127.0.0.1", 0, application, server_class=WSGIServer, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def load(port: int, paths, *, requests: int, seconds: float, headers=None, expect=200) -> dict:
    """Sequential GETs over `paths` (cycled) until `requests` are done or `seconds` have passed."""
    latencies = []
    started = time.perf_counter()
    for i in range(requests):
        if time.perf_counter() - started > seconds:
            break
        path = paths[i % len(paths)]
        t0 = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        conn.close()
        latencies.append(time.perf_counter() - t0)
        if response.status != expect:
            raise SystemExit(f"GET {path} answered {response.status}, expected {expect}")
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "n": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=400, help="requests per page (bounded)")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per page")
    parser.add_argument(
        "--persistent-db",
        action="store_true",
        help="keep the SQLite connection between requests (CONN_MAX_AGE=60) instead of the default",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="truyenthong-bench-") as var_dir:
        setup_django(var_dir)
        t0 = time.perf_counter()
        slug, item_slugs = build_data(args.items)
        print(f"Built {args.items} published items in {time.perf_counter() - t0:.1f} s (SQLite, {var_dir})")
        from django.core.cache import cache
        from django.db import connections

        if args.persistent_db:
            connections.settings["default"]["CONN_MAX_AGE"] = 60
        server = serve()
        port = server.server_address[1]
        base = f"/chuyen-muc/{slug}/"
        pages = {
            "plain": ["/bench/plain/"],
            "list": [base] + [f"{base}?trang={n}" for n in range(2, 6)],
            "detail": [f"{base}{s}/" for s in item_slugs[:20]],
            "search": [f"{base}tim-kiem/?q={quote(q)}" for q in SEARCHES],
            "feed": [f"{base}rss.xml"],
        }
        try:
            for paths in pages.values():
                load(
                    port, paths, requests=20, seconds=5
                )  # warm up: templates, connections, SQLite page cache
            results = {
                name: load(port, paths, requests=args.requests, seconds=args.seconds)
                for name, paths in pages.items()
            }
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", base)
            etag = conn.getresponse().getheader("ETag")
            conn.close()
            # Each item once, after the render cache was emptied: the first view after a change (worst case).
            cache.clear()
            cold = [f"{base}{s}/" for s in item_slugs[20:]]
            results["detail-cold"] = load(
                port, cold, requests=min(args.requests, len(cold)), seconds=args.seconds
            )
            results["list-304"] = load(
                port,
                [base],
                requests=args.requests,
                seconds=args.seconds,
                headers={"If-None-Match": etag},
                expect=304,
            )
        finally:
            server.shutdown()
            server.server_close()

    ceiling = results["plain"]["rps"]
    print(f"\n{'page':<10}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'vs plain':>10}")
    for name, r in results.items():
        print(
            f"{name:<10}{r['n']:>10}{r['rps']:>10.0f}{r['p50']:>10.1f}{r['p95']:>10.1f}{ceiling / r['rps']:>9.2f}×"
        )
    ok_list = ceiling / results["list"]["rps"] <= 2
    ok_detail = ceiling / results["detail"]["rps"] <= 2
    print(
        f"\nDatabase connection: {'kept (CONN_MAX_AGE=60)' if args.persistent_db else 'opened per request (settings default for SQLite)'}"
    )
    ok_search = results["search"]["p95"] < 100
    print(
        f"\nGoals: list within 2× of plain: {'yes' if ok_list else 'NO'}; "
        f"detail within 2×: {'yes' if ok_detail else 'NO'}; search p95 < 100 ms: {'yes' if ok_search else 'NO'}"
    )


if __name__ == "__main__":
    main()
