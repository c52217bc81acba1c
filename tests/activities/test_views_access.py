"""Permission matrix: every activity page for the roles allowed, the roles denied, and anonymous visitors."""

import pytest
from django.urls import reverse

from tests.access import assert_file, assert_not_found, assert_page, assert_refused, assert_to_login
from tests.activities.conftest import make_activity, tiny_pdf, tiny_png
from truyenthong.activities import services

pytestmark = pytest.mark.django_db

ALL = [
    "admin",
    "principal",
    "comms",
    "dept_head",
    "teacher",
    "youth",
    "official",
    "other_official",
    "outsider",
]
READERS = ["admin", "principal", "comms", "dept_head", "teacher", "youth", "official"]
SCHOOL_CHANGERS = ["admin", "principal", "comms"]  # any unit's activities
CREATORS = SCHOOL_CHANGERS + ["dept_head", "youth"]  # the latter for their own unit
VERIFIERS = ["admin", "principal"]


TITLE = "Quán triệt Nghị quyết 71-NQ/TW"
SHOWS = {  # what each page (by its URL name) must show of the school-wide session
    "activity-list": ("Hoạt động của Trường THPT chuyên Lê Quý Đôn", TITLE),
    "calendar": ("Lịch hoạt động",),
    "activity-detail": (TITLE,),
    "activity-edit": (f"Sửa: {TITLE}",),
    "evidence-add": ("Thêm minh chứng", TITLE),
    "attendance-tick": ("Điểm danh", TITLE),
    "attendance-qr": (TITLE,),
    "catch-up": ("Ghi nhận học bù", "Nguyễn Thị Hoa"),
    "activity-create": ("Thêm hoạt động",),
}


def assert_shows(c, url):
    """The page at `url` opens and shows what SHOWS lists for it (the evidence file is the uploaded image)."""
    from django.urls import resolve

    name = resolve(url).url_name
    if name == "evidence-file":
        assert assert_file(c.get(url), "image/png", where=url) == tiny_png()
    else:
        assert_page(c.get(url), *SHOWS[name], where=url)


def denied(allowed):
    return [r for r in ALL if r not in allowed]


@pytest.fixture
def pages(world, session):
    evidence = services.evidence_add(activity=session, actor=None, name="anh.png", data=tiny_png())
    math = make_activity(
        world,
        kind="department_meeting",
        unit=world.math_unit,
        title="Sinh hoạt tổ Toán",
        roster_units=[world.math_unit],
    )
    code = world.school.code
    return {
        "session": session,
        "math": math,
        "evidence": evidence,
        "read": [
            reverse("activities:activity-list", args=[code]),
            reverse("activities:calendar", args=[code]),
            reverse("activities:activity-detail", args=[session.pk]),
            reverse("activities:evidence-file", args=[evidence.pk]),
        ],
        "change": [
            reverse("activities:activity-edit", args=[session.pk]),
            reverse("activities:evidence-add", args=[session.pk]),
        ],
        "check_in": [
            reverse("activities:attendance-tick", args=[session.pk]),
            reverse("activities:attendance-qr", args=[session.pk]),
            reverse("activities:catch-up", args=[session.pk, world.people["teacher"].pk]),
        ],
        "create": [reverse("activities:activity-create", args=[code])],
    }


@pytest.mark.parametrize("role", READERS)
def test_reading_pages_open_for_every_school_role_and_the_department(world, pages, client_for, role):
    c = client_for(world.users[role])
    for url in pages["read"]:
        assert_shows(c, url)


@pytest.mark.parametrize("role", denied(READERS))
def test_reading_pages_are_refused_outside_the_school(world, pages, client_for, role):
    c = client_for(world.users[role])
    for url in pages["read"] + pages["change"] + pages["check_in"] + pages["create"]:
        assert TITLE not in assert_refused(c.get(url), where=url)


@pytest.mark.parametrize("role", SCHOOL_CHANGERS)
def test_leadership_and_comms_edit_and_take_attendance_for_any_unit(world, pages, client_for, role):
    c = client_for(world.users[role])
    for url in pages["change"] + pages["check_in"] + pages["create"]:
        assert_shows(c, url)


@pytest.mark.parametrize("role", denied(SCHOOL_CHANGERS))
def test_others_cannot_edit_or_take_attendance_for_a_school_wide_session(world, pages, client_for, role):
    c = client_for(world.users[role])
    for url in pages["change"] + pages["check_in"]:
        assert_refused(c.get(url), where=url)
        assert_refused(c.post(url, {}), where=f"POST {url}")
    session = pages["session"]
    for url in [
        reverse("activities:activity-delete", args=[session.pk]),
        reverse("activities:activity-transition", args=[session.pk, "thuc-hien"]),
        reverse("activities:evidence-delete", args=[pages["evidence"].pk]),
    ]:
        assert_refused(c.post(url, {"version": session.version}), where=url)
    session.refresh_from_db()
    assert session.status == "planned" and session.evidence.filter(pk=pages["evidence"].pk).exists()


@pytest.mark.parametrize("role", CREATORS)
def test_the_create_page_opens_for_roles_that_organise_activities(world, pages, client_for, role):
    assert_page(client_for(world.users[role]).get(pages["create"][0]), "Thêm hoạt động")


@pytest.mark.parametrize("role", denied(CREATORS))
def test_the_create_page_is_refused_to_teachers_officials_and_outsiders(world, pages, client_for, role):
    assert_refused(client_for(world.users[role]).get(pages["create"][0]))


def test_a_department_head_manages_their_own_units_activities_only(world, pages, client_for):
    c = client_for(world.users["dept_head"])
    math = pages["math"]
    for name in ["activity-edit", "evidence-add", "attendance-tick", "attendance-qr"]:
        assert c.get(reverse(f"activities:{name}", args=[math.pk])).status_code == 200, name
    youth = client_for(world.users["youth"])
    assert youth.get(reverse("activities:activity-edit", args=[math.pk])).status_code == 403
    form = c.get(pages["create"][0]).context["form"]
    assert list(form.fields["unit"].queryset) == [world.math_unit]


@pytest.mark.parametrize("role", VERIFIERS)
def test_leadership_verifies(world, pages, client_for, role):
    session = pages["session"]
    services.attendance_tick(activity=session, actor=None, present_ids=[world.people["principal"].pk])
    services.activity_mark_done(activity=session, expected_version=session.version, actor=None)
    session.refresh_from_db()
    url = reverse("activities:activity-transition", args=[session.pk, "xac-nhan"])
    assert client_for(world.users[role]).post(url, {"version": session.version}).status_code == 302
    session.refresh_from_db()
    assert session.status == "verified"


@pytest.mark.parametrize("role", denied(VERIFIERS))
def test_nobody_else_verifies(world, pages, client_for, role):
    session = pages["session"]
    services.attendance_tick(activity=session, actor=None, present_ids=[world.people["principal"].pk])
    services.activity_mark_done(activity=session, expected_version=session.version, actor=None)
    session.refresh_from_db()
    url = reverse("activities:activity-transition", args=[session.pk, "xac-nhan"])
    assert_refused(client_for(world.users[role]).post(url, {"version": session.version}))
    session.refresh_from_db()
    assert session.status == "done"


def test_catch_up_evidence_is_personal_and_hidden_from_officials(world, pages, client_for, staff):
    session = pages["session"]
    services.attendance_tick(activity=session, actor=None, present_ids=[staff["principal"].pk])
    services.activity_mark_done(activity=session, expected_version=session.version, actor=None)
    from django.utils import timezone

    row = services.attendance_catch_up(
        activity=session,
        person=staff["teacher"],
        actor=None,
        caught_up_on=timezone.localdate(),
        evidence_name="thu-hoach.pdf",
        evidence_data=tiny_pdf(),
    )
    url = reverse("activities:evidence-file", args=[row.evidence.get().pk])
    for role in ["principal", "comms", "teacher"]:
        assert (
            assert_file(client_for(world.users[role]).get(url), "application/pdf", where=role) == tiny_pdf()
        )
    for role in ["official", "youth", "outsider"]:
        assert_refused(client_for(world.users[role]).get(url), where=role)


def test_officials_see_activities_but_not_attendance_lists(world, pages, client_for):
    response = client_for(world.users["official"]).get(
        reverse("activities:activity-detail", args=[pages["session"].pk])
    )
    assert response.status_code == 200
    assert "roster" not in response.context
    assert "Nguyễn Thị Hoa" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(world, pages, client_for):
    c = client_for(None)
    token = services.checkin_token_issue(activity=pages["session"])
    urls = (
        pages["read"]
        + pages["change"]
        + pages["check_in"]
        + pages["create"]
        + [reverse("activities:check-in", args=[token])]
    )
    for url in urls:
        assert_to_login(c.get(url), where=url)
    assert_to_login(c.post(reverse("activities:calendar-token")))


def test_the_calendar_feed_needs_a_valid_token_not_a_session(world, pages, client_for):
    assert_not_found(client_for(None).get(reverse("activities:calendar-feed", args=["khong-dung"])))
    token = services.calendar_token_get_or_create(user=world.users["teacher"])
    feed = assert_file(
        client_for(None).get(reverse("activities:calendar-feed", args=[token.token])), "text/calendar"
    )
    assert feed.startswith(b"BEGIN:VCALENDAR") and f"SUMMARY:{TITLE}".encode() in feed
    world.users["teacher"].is_active = False
    world.users["teacher"].save()
    assert_not_found(client_for(None).get(reverse("activities:calendar-feed", args=[token.token])))
