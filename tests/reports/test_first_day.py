"""A new school's first day (issue 16): a bare school (not the demo) imports a plan and has recorded nothing yet, or
exactly one record of each kind. Every page its roles can reach by following links from the school page answers
without a server error, and every report kind is generated in every format, each file opened and read back.

Plans of different shapes: the seed and two plans of the test corpus. Runs on SQLite and on PostgreSQL (where a
value longer than its column fails the way it does in production)."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from tests.conftest import SEED_PATH
from tests.reports.test_demo_roundtrip import overlong_values

CORPUS = Path(__file__).resolve().parent.parent / "data" / "plans"
PLANS = {
    "seed": SEED_PATH,
    "thcs": CORPUS / "ke-hoach-thcs-hoa-binh.txt",
    "ptdtnt": CORPUS / "ke-hoach-ptdtnt-gia-lai.txt",
    # Only "không để xảy ra" targets: count indicators whose value and target are both 0 (the ZeroDivisionError)
    "zero": Path(__file__).resolve().parent / "data" / "ke-hoach-chi-tieu-so-luong.txt",
}
SKIP_PREFIXES = ("/static/", "/media/", "/quan-tri/", "/dang-xuat/")
PER_PATTERN = 2  # pages opened per URL shape (ids replaced): the same view with other ids adds nothing
MAX_PAGES = 400
ZERO_OVER_ZERO = re.compile(r"(?<![\d/])0/0(?![\d/])")  # "0/0", not a date such as 20/09/2026


# --------------------------------------------------------------------------------------------- the school


def _bare_school(world, code: str):
    """A school of the world's Sở with its units and one account per role, and nothing recorded."""
    from truyenthong.core.models import Role, RoleAssignment
    from truyenthong.org.models import Organisation
    from truyenthong.org.services import organisation_create, person_create

    K, U = Organisation.Kind, Organisation.UnitKind
    school = organisation_create(
        kind=K.SCHOOL, code=code, name="Trường THCS Bình Minh", parent=world.department, place="An Khê"
    )
    units = {
        kind: organisation_create(
            kind=K.UNIT, code=f"{code}-{slug}", name=name, parent=school, unit_kind=kind
        )
        for kind, slug, name in [
            (U.LEADERSHIP, "bgh", "Ban giám hiệu"),
            (U.SUBJECT, "van", "Tổ Ngữ văn"),
            (U.OFFICE, "vp", "Tổ Văn phòng"),
            (U.YOUTH_UNION, "doan", "Liên đội"),
        ]
    }
    person_create(
        school=school,
        code="BM001",
        full_name="Lê Thị Thu",
        position="Hiệu trưởng",
        units=[units[U.LEADERSHIP]],
    )
    from django.contrib.auth import get_user_model

    users = {}
    for role, unit in [
        (Role.LEADERSHIP, None),
        (Role.COMMS, None),
        (Role.DEPT_HEAD, units[U.SUBJECT]),
        (Role.TEACHER, None),
        (Role.YOUTH, units[U.YOUTH_UNION]),
    ]:
        user = get_user_model().objects.create_user(
            username=f"{code}-{role}", password="x-mat-khau-9", full_name=f"{role} {code}"
        )
        RoleAssignment.objects.create(user=user, role=role, organisation=school, unit=unit)
        users[role] = user
    users[Role.OFFICIAL] = world.users["official"]
    return school, units, users


def _import(school, path: Path, actor):
    from truyenthong.plans.services import plan_import

    return plan_import(
        organisation=school,
        data=path.read_bytes(),
        filename=path.name,
        actor=actor,
        max_bytes=10 * 1024 * 1024,
    )


def _one_of_each_record(school, units, actor, today: dt.date) -> Counter:
    """Exactly one record of each kind: an activity with one attendance, one published content item, and one row
    of every record model, its required fields filled generically from the field types (so a record kind added
    later is covered without changing this test)."""
    from django.apps import apps
    from django.db import models
    from django.utils import timezone

    from truyenthong.activities.models import Activity, Attendance
    from truyenthong.content.models import ContentItem
    from truyenthong.lib import periods as P
    from truyenthong.org.models import Organisation, Person, SchoolClass
    from truyenthong.records.models import Record

    year = P.current_school_year(today)
    person = Person.objects.get(school=school)
    school_class = SchoolClass.objects.create(school=school, school_year=year.key, name="12A1", grade=12)
    when = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=1), dt.time(8)))
    activity = Activity.objects.create(
        school=school,
        unit=units[Organisation.UnitKind.SUBJECT],
        kind=Activity.Kind.STUDY_SESSION,
        title="Học tập Nghị quyết 71",
        starts_at=when,
        ends_at=when + dt.timedelta(hours=2),
        status=Activity.Status.DONE,
        actual_participants=1,
    )
    Attendance.objects.create(activity=activity, person=person, status="present", checked_in_at=when)
    from truyenthong.content.services import section_create

    section = section_create(school=school, actor=actor, title="Tin tức")
    ContentItem.objects.create(
        school=school,
        section=section,
        title="Tin bài đầu tiên",
        slug="tin-bai-dau-tien",
        status="published",
        published_at=when,
    )
    made = Counter({"activity": 1, "attendance": 1, "content": 1})
    for model in apps.get_app_config("records").get_models():
        if not issubclass(model, Record):
            continue
        values = {"school": school, "created_by": actor}
        for f in model._meta.concrete_fields:
            if (
                f.name in values
                or f.primary_key
                or f.has_default()
                or f.null
                or getattr(f, "auto_now", False)
            ):
                continue
            if getattr(f, "auto_now_add", False):
                continue
            if f.choices:
                values[f.name] = f.choices[0][0]
            elif isinstance(f, models.ForeignKey):
                target = f.related_model
                values[f.name] = {
                    Person: person,
                    SchoolClass: school_class,
                    Organisation: units[Organisation.UnitKind.SUBJECT],
                }.get(target) or target.objects.filter().first()
            elif isinstance(f, models.PositiveIntegerField | models.IntegerField):
                values[f.name] = 1
            elif isinstance(f, models.DecimalField):
                values[f.name] = Decimal("1")
            elif isinstance(f, models.DateTimeField):
                values[f.name] = when
            elif isinstance(f, models.DateField):
                values[f.name] = today - dt.timedelta(days=1)
            elif "year" in f.name:
                values[f.name] = year.key
            elif isinstance(f, models.CharField | models.TextField):
                values[f.name] = "Ghi nhận thử"
        model.objects.create(**values)
        made[model.__name__] += 1
    return made


# --------------------------------------------------------------------------------------------- crawling


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _shape(url: str) -> str:
    return re.sub(r"\d+", "#", urlsplit(url).path)


def crawl(client, start: str) -> tuple[dict[str, int], list[str]]:
    """Follow links from `start` (GET only, same site); returns status by URL and the URLs that failed (5xx)."""
    seen: dict[str, int] = {}
    shapes: Counter = Counter()
    queue = [start]
    failures = []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        shape = _shape(url)
        if shapes[shape] >= PER_PATTERN:
            continue
        shapes[shape] += 1
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code >= 500:
            failures.append(f"{url} → {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        for href in parser.hrefs:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or href.startswith(SKIP_PREFIXES):
                continue
            if href not in seen:
                queue.append(href)
    return seen, failures


# --------------------------------------------------------------------------------------------- the reports


def _periods_by_kind(school, today: dt.date) -> dict[str, str]:
    from truyenthong.lib import periods as P
    from truyenthong.reports.data import PERIOD_KIND
    from truyenthong.reports.selectors import period_choices

    groups = [choices for _label, choices in period_choices(school=school, today=today)]
    first = {P.SEMESTER: groups[0], P.SCHOOL_YEAR: groups[1], P.PHASE: groups[2]}
    year = P.current_school_year(today).start.year
    fallback = {P.PHASE: P.phase(year, year + 4).key}
    return {
        kind: (first[period_kind][0][0] if first[period_kind] else fallback[period_kind])
        for kind, period_kind in PERIOD_KIND.items()
    }


def read_back(files: dict[str, bytes]) -> dict[str, str]:
    """Open every generated file with a reader that is not ours; return the text of each."""
    text = {}
    document = Document(io.BytesIO(files["docx"]))
    text["docx"] = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells
    )
    text["pdf"] = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(files["pdf"])).pages)
    book = load_workbook(io.BytesIO(files["xlsx"]))
    text["xlsx"] = "\n".join(
        str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v
    )
    image = Image.open(io.BytesIO(files["infographic_png"]))
    assert image.size == (1080, 1350)
    root = ET.fromstring(files["infographic_svg"])
    text["svg"] = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    return text


def generate_every_kind(school, actor, today: dt.date) -> list:
    from truyenthong.reports import services

    made = []
    for kind, period_key in _periods_by_kind(school, today).items():
        report = services.report_create(
            school=school, actor=actor, kind=kind, period_key=period_key, today=today
        )
        report = services.report_generate_now(report, today=today)
        for field in services.FORMATS:
            assert getattr(report, field).name, (kind, field)
            with getattr(report, field).open("rb") as handle:
                assert handle.read(), (kind, field)
        made.append(report)
    return made


def _files_of(report) -> dict[str, bytes]:
    from truyenthong.reports.services import FORMATS

    out = {}
    for field in FORMATS:
        with getattr(report, field).open("rb") as handle:
            out[field] = handle.read()
    return out


# --------------------------------------------------------------------------------------------- the journeys


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_a_bare_school_with_only_its_plan_generates_every_report_and_every_page_opens(
    world, client_for, plan
):
    from django.utils import timezone

    from truyenthong.core.models import Role

    today = timezone.localdate()
    school, _units, users = _bare_school(world, f"bm{plan}"[:12])
    _import(school, PLANS[plan], users[Role.LEADERSHIP])

    reports = generate_every_kind(school, users[Role.LEADERSHIP], today)
    for report in reports:
        text = read_back(_files_of(report))
        assert "BÁO CÁO" in text["docx"] and "Độc lập - Tự do - Hạnh phúc" in text["pdf"]
        # Nothing recorded yet: the infographic's cards say so instead of drawing giant zeros, and no "0/0"
        assert "chưa có dữ liệu" in text["svg"], report.kind
        for fmt in ("svg", "docx", "pdf"):
            assert not ZERO_OVER_ZERO.search(text[fmt]), (report.kind, fmt)

    opened = 0
    for role, user in users.items():
        seen, failures = crawl(client_for(user), f"/truong/{school.code}/")
        assert not failures, (role, failures)
        assert seen[f"/truong/{school.code}/"] == 200, role
        opened += len(seen)
    assert opened > 60  # the crawl really went through the site
    assert overlong_values() == []


def test_a_school_with_exactly_one_record_of_each_kind_generates_every_report(world, client_for):
    from django.utils import timezone

    from truyenthong.core.models import Role
    from truyenthong.indicators.services import indicators_recompute

    today = timezone.localdate()
    school, units, users = _bare_school(world, "bmone")
    _import(school, PLANS["seed"], users[Role.LEADERSHIP])
    made = _one_of_each_record(school, units, users[Role.LEADERSHIP], today)
    assert len(made) >= 6 and set(made.values()) == {1}
    indicators_recompute(school_ids=[school.pk], today=today)

    for report in generate_every_kind(school, users[Role.LEADERSHIP], today):
        text = read_back(_files_of(report))
        assert "Độc lập - Tự do - Hạnh phúc" in text["pdf"]
        assert text["xlsx"]
    for role in (Role.LEADERSHIP, Role.TEACHER):
        _seen, failures = crawl(client_for(users[role]), f"/truong/{school.code}/")
        assert not failures, (role, failures)
