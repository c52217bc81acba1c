"""Hole 9: one visibility rule everywhere — history pages, check-in pages, and no staff names for Sở officials."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.access import assert_download, assert_not_found, assert_refused, assert_to_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_assessment(world):
    from truyenthong.org.services import person_create
    from truyenthong.records import services
    from truyenthong.records.models import ITSelfAssessment

    clerk = person_create(
        school=world.school,
        code="NV001",
        full_name="Đỗ Thị Văn Thư",
        category="employee",
        units=[world.office_unit],
    )
    return services.record_create(
        model=ITSelfAssessment,
        school=world.school,
        actor=world.users["principal"],
        person=clerk,
        school_year="2026-2027",
        self_meets=True,
    )


def test_a_record_history_page_follows_the_list_rule(world, client_for, clerk_assessment):
    base = f"/truong/{world.school.code}/ho-so/tu-danh-gia-cntt/"
    history = f"{base}{clerk_assessment.pk}/lich-su/"
    listing = client_for(world.users["dept_head"]).get(base, {"nam-hoc": "2026-2027"}).content.decode()
    assert "Đỗ Thị Văn Thư" not in listing  # the head of Tổ Toán does not see the office clerk in the list …
    assert client_for(world.users["dept_head"]).get(history).status_code == 404  # … nor through the URL
    assert client_for(world.users["teacher"]).get(history).status_code == 403
    assert client_for(world.users["outsider"]).get(history).status_code == 403
    assert client_for(world.users["principal"]).get(history).status_code == 200


def _activity(world, **fields):
    from truyenthong.activities.services import activity_create

    start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    return activity_create(
        school=world.school,
        actor=world.users["principal"],
        unit=world.leadership_unit,
        kind="study_session",
        title=fields.pop("title", "Quán triệt Nghị quyết 71-NQ/TW"),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place="Hội trường A",
        audience="staff",
        **fields,
    )


def test_a_check_in_page_shows_nothing_of_another_schools_activity(world, client_for):
    from truyenthong.activities.services import checkin_token_issue

    activity = _activity(world, title="Sinh hoạt chuyên đề bí mật")
    token = checkin_token_issue(activity=activity)
    outsider = client_for(world.users["outsider"]).get(f"/diem-danh/{token}/")
    assert outsider.status_code == 403
    assert "Sinh hoạt chuyên đề bí mật" not in outsider.content.decode()
    posted = client_for(world.users["outsider"]).post(f"/diem-danh/{token}/")
    assert posted.status_code == 403 and "Sinh hoạt chuyên đề bí mật" not in posted.content.decode()
    assert (
        "Sinh hoạt chuyên đề bí mật"
        in client_for(world.users["teacher"]).get(f"/diem-danh/{token}/").content.decode()
    )


def test_sở_officials_see_no_staff_names_on_activity_content_and_indicator_pages(world, client_for):
    from truyenthong.content import services as content

    comms = world.users["comms"]
    comms.full_name = "Lê Thị Truyền Thông"
    comms.save()
    activity = _activity(world, person_in_charge=world.people["teacher"])
    item = content.item_create(school=world.school, actor=comms, title="Tin hoạt động tháng 10")
    pages = [f"/hoat-dong/{activity.pk}/", f"/noi-dung/{item.pk}/"]
    names = ("Nguyễn Thị Hoa", "Lê Thị Truyền Thông", "GV002")
    official = client_for(world.users["official"])
    principal = client_for(world.users["principal"])
    for url in pages:
        response = official.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not [n for n in names if n in html], url
    assert "Nguyễn Thị Hoa" in principal.get(pages[0]).content.decode()
    assert "Lê Thị Truyền Thông" in principal.get(pages[1]).content.decode()


def test_report_files_are_permission_checked_downloads(world, client_for):
    from django.core.files.base import ContentFile

    from truyenthong.reports.models import Report

    report = Report.objects.create(
        school=world.school, kind="semester_review", period_key="2026-2027-HK1", summary="Sơ kết"
    )
    report.docx.save("bao-cao.docx", ContentFile(b"PK\x03\x04 not really"), save=True)
    url = f"/bao-cao/{report.pk}/tai-ve/docx/"
    assert_to_login(client_for(None).get(url))
    assert_refused(client_for(world.users["outsider"]).get(url))
    data = assert_download(
        client_for(world.users["principal"]).get(url),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    assert data == b"PK\x03\x04 not really"
    assert_not_found(client_for(None).get(f"/media/{report.docx.name}"))
