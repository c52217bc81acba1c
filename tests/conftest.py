"""Shared fixtures: a small province with two schools, and one persona per role (plus an outsider and anonymous)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

SEED_PATH = (
    Path(__file__).resolve().parent.parent / "truyenthong" / "plans" / "fixtures" / "ke-hoach-35-KH-CLQD.txt"
)
PASSWORD = "mat-khau-thu-nghiem"


@dataclass
class World:
    ministry: object
    department: object
    school: object
    other_school: object
    leadership_unit: object
    math_unit: object
    office_unit: object
    youth_unit: object
    other_unit: object
    users: dict
    people: dict
    plan: object | None = None


def _make_world(django_user_model):
    from truyenthong.core.models import Role, RoleAssignment
    from truyenthong.org.models import Organisation
    from truyenthong.org.services import organisation_create, person_create

    K, U = Organisation.Kind, Organisation.UnitKind
    ministry = organisation_create(kind=K.MINISTRY, code="bo", name="Bộ Giáo dục và Đào tạo")
    department = organisation_create(kind=K.DEPARTMENT, code="so", name="Sở GDĐT Gia Lai", parent=ministry)
    other_department = organisation_create(
        kind=K.DEPARTMENT, code="so-khac", name="Sở GDĐT Khác", parent=ministry
    )
    school = organisation_create(
        kind=K.SCHOOL, code="lqd", name="Trường THPT chuyên Lê Quý Đôn", parent=department, place="Quy Nhơn"
    )
    other_school = organisation_create(kind=K.SCHOOL, code="khac", name="Trường THPT Khác", parent=department)
    leadership = organisation_create(
        kind=K.UNIT, code="lqd-bgh", name="Ban giám hiệu", parent=school, unit_kind=U.LEADERSHIP
    )
    math = organisation_create(
        kind=K.UNIT, code="lqd-toan", name="Tổ Toán", parent=school, unit_kind=U.SUBJECT
    )
    office = organisation_create(
        kind=K.UNIT, code="lqd-vp", name="Tổ Văn phòng", parent=school, unit_kind=U.OFFICE
    )
    youth = organisation_create(
        kind=K.UNIT, code="lqd-doan", name="Đoàn Thanh niên", parent=school, unit_kind=U.YOUTH_UNION
    )
    other_unit = organisation_create(
        kind=K.UNIT, code="khac-toan", name="Tổ Toán", parent=other_school, unit_kind=U.SUBJECT
    )
    people = {
        "principal": person_create(
            school=school, code="GV001", full_name="Huỳnh Lê Minh", position="Hiệu trưởng", units=[leadership]
        ),
        "teacher": person_create(school=school, code="GV002", full_name="Nguyễn Thị Hoa", units=[math]),
        "other_teacher": person_create(
            school=other_school, code="GV001", full_name="Trần Văn Nam", units=[other_unit]
        ),
    }

    def user(username, role=None, org=None, unit=None, superuser=False):
        u = django_user_model.objects.create_user(
            username=username,
            password=PASSWORD,
            full_name=username,
            is_superuser=superuser,
            is_staff=superuser,
        )
        if role:
            RoleAssignment.objects.create(user=u, role=role, organisation=org, unit=unit)
        return u

    users = {
        "admin": user("admin", superuser=True),
        "principal": user("principal", Role.LEADERSHIP, school),
        "comms": user("comms", Role.COMMS, school),
        "dept_head": user("dept_head", Role.DEPT_HEAD, school, math),
        "teacher": user("teacher", Role.TEACHER, school),
        "youth": user("youth", Role.YOUTH, school, youth),
        "official": user("official", Role.OFFICIAL, department),
        "other_official": user("other_official", Role.OFFICIAL, other_department),
        "outsider": user("outsider", Role.LEADERSHIP, other_school),
    }
    return World(
        ministry, department, school, other_school, leadership, math, office, youth, other_unit, users, people
    )


@pytest.fixture
def world(db, django_user_model):
    return _make_world(django_user_model)


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED_PATH.read_bytes()


@pytest.fixture
def world_with_plan(world, seed_bytes, django_capture_on_commit_callbacks):
    from truyenthong.plans.services import plan_import

    # As after a real commit: the subscribers of the plan's events (the indicators' first computation) run.
    with django_capture_on_commit_callbacks(execute=True):
        world.plan = plan_import(
            organisation=world.school,
            data=seed_bytes,
            filename="ke-hoach-35.txt",
            actor=world.users["principal"],
            max_bytes=10 * 1024 * 1024,
        )
    return world


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as that user (None → anonymous)."""

    def make(user):
        from django.test import Client

        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The local-memory cache (and the contest pools each process keeps) outlive a test; no test may see another's
    cached pages, refresh marks or question pools."""
    from django.core.cache import cache

    from truyenthong.contests.selectors import forget_pools

    cache.clear()
    forget_pools()
    yield
    cache.clear()
    forget_pools()


# --- a real Chromium (Debian's, never a downloaded one) driven by Playwright, one per test session ----------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """One browser for the whole run: Playwright's sync API allows a single running instance per process."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}: run `make install` as root")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser):
    """new_page() → a page in a fresh browser context (its own cookies: one per person in the journey)."""
    contexts = []

    def make():
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        contexts.append(context)
        opened = context.new_page()
        opened.set_default_timeout(15000)
        return opened

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
