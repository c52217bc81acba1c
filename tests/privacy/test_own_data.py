"""A member of staff sees and downloads their own data (.json and .xlsx), and nobody else's."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.access import assert_to_login
from truyenthong.privacy import services
from truyenthong.privacy.models import AccessLog, Purpose


@pytest.fixture
def teacher_with_history(staff, make_item):
    """The teacher attended a study session, wrote an item and consented to her photo; a colleague attended too."""
    from truyenthong.activities.models import Activity, Attendance

    world = staff
    start = timezone.now() - dt.timedelta(days=3)
    activity = Activity.objects.create(
        school=world.school,
        unit=world.leadership_unit,
        kind=Activity.Kind.STUDY_SESSION,
        title="Quán triệt Nghị quyết 71",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        status=Activity.Status.DONE,
    )
    Attendance.objects.create(
        activity=activity, person=world.people["teacher"], status="present", note="=1+1"
    )
    Attendance.objects.create(activity=activity, person=world.people["principal"], status="absent")
    services.consent_give(
        school=world.school,
        actor=world.users["comms"],
        person=world.people["teacher"],
        purpose=Purpose.PHOTO,
        given_by="self",
        given_on=timezone.localdate(),
        evidence="Phiếu đồng ý",
    )
    from truyenthong.content.services import item_create

    item = item_create(school=world.school, actor=world.users["comms"], title="Bài viết của cô Hoa")
    type(item).objects.filter(pk=item.pk).update(created_by=world.users["teacher"])  # she drafted it on paper
    return world


def test_the_page_lists_every_group_of_the_teachers_data(teacher_with_history, client_for):
    world = teacher_with_history
    page = client_for(world.users["teacher"]).get(reverse("privacy:own-data")).content.decode()
    assert "Nguyễn Thị Hoa" in page and "Quán triệt Nghị quyết 71" in page
    assert "Bài viết của cô Hoa" in page and "Công bố hình ảnh" in page
    assert "Huỳnh Lê Minh" not in page  # the colleague's record and attendance are not hers
    assert timezone.localdate().strftime("%d/%m/%Y") in page


def test_the_json_download_holds_her_record_attendance_content_and_consents(teacher_with_history, client_for):
    world = teacher_with_history
    response = client_for(world.users["teacher"]).get(reverse("privacy:own-data-json"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    groups = {g["Nhóm"]: g["Bản ghi"] for g in data["Dữ liệu"]}
    assert groups["Cán bộ, giáo viên, nhân viên"][0]["Họ và tên"] == "Nguyễn Thị Hoa"
    assert [r["Trạng thái"] for r in groups["Điểm danh"]] == ["Có mặt"]
    assert [r["Tiêu đề"] for r in groups["Nội dung"]] == ["Bài viết của cô Hoa"]
    assert groups["Đồng ý công bố thông tin cá nhân"][0]["Nội dung đồng ý"] == "Công bố hình ảnh"
    assert "Huỳnh Lê Minh" not in response.content.decode()


def test_the_xlsx_download_opens_with_one_sheet_per_group_and_no_live_formula(
    teacher_with_history, client_for
):
    world = teacher_with_history
    response = client_for(world.users["teacher"]).get(reverse("privacy:own-data-xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Tổng quan"
    assert book["Tổng quan"]["B1"].value == "Nguyễn Thị Hoa"
    attendance = book["Điểm danh"]
    rows = list(attendance.iter_rows(values_only=True))
    assert rows[0][0] == "Người" and rows[1][2] == "Có mặt"
    assert rows[1][-1] == "'=1+1"  # the note a user typed comes back as text, not as a formula


def test_downloading_is_logged(teacher_with_history, client_for):
    world = teacher_with_history
    client_for(world.users["teacher"]).get(reverse("privacy:own-data-json"))
    entry = AccessLog.objects.get(kind=AccessLog.Kind.EXPORT)
    assert entry.person == world.people["teacher"] and entry.user == world.users["teacher"]


def test_an_account_without_a_staff_record_has_nothing_to_download(world, client_for):
    c = client_for(world.users["comms"])
    assert "không gắn với hồ sơ cán bộ" in c.get(reverse("privacy:own-data")).content.decode()
    assert c.get(reverse("privacy:own-data-json")).status_code == 404


def test_the_anonymous_visitor_is_sent_to_login(db, client):
    assert_to_login(client.get(reverse("privacy:own-data-xlsx")))


def test_the_outsider_downloads_only_the_record_of_their_own_school(staff, client_for):
    data = json.loads(client_for(staff.users["outsider"]).get(reverse("privacy:own-data-json")).content)
    assert data["Họ và tên"] == "Trần Văn Nam" and data["Trường"] == "Trường THPT Khác"
    assert "Nguyễn Thị Hoa" not in json.dumps(data, ensure_ascii=False)
