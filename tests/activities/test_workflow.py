"""Activities: creation checks, planned → done → verified, versioned edits, deletes, evidence checks."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.activities.conftest import make_activity, tiny_docx, tiny_pdf, tiny_png
from truyenthong.activities import services
from truyenthong.activities.models import Activity, Evidence
from truyenthong.core.audit import history_for
from truyenthong.core.errors import ConflictError, InvalidInput, NotAllowed
from truyenthong.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_activity_is_created_audited_and_linked_to_a_plan_task(world, session, plan_task):
    assert session.task == plan_task and session.status == "planned"
    assert session.actual_participants is None
    assert history_for(session).filter(action=AuditEntry.Action.CREATE).exists()


def test_an_activity_must_stay_inside_its_school(world, staff):
    with pytest.raises(InvalidInput, match="Đơn vị tổ chức"):
        make_activity(world, unit=world.other_unit)
    with pytest.raises(InvalidInput, match="Người phụ trách"):
        make_activity(world, person_in_charge=world.people["other_teacher"])


def test_a_future_activity_cannot_be_marked_done(world, staff):
    activity = make_activity(world, days_ago=-3, audience="parents", kind="parent_meeting")
    with pytest.raises(NotAllowed, match="chưa diễn ra"):
        services.activity_mark_done(
            activity=activity, expected_version=activity.version, actor=None, actual_participants=10
        )


def test_a_staff_activity_needs_attendance_before_it_is_done(world, session):
    with pytest.raises(NotAllowed, match="Chưa có điểm danh"):
        services.activity_mark_done(activity=session, expected_version=session.version, actor=None)


def test_a_non_staff_activity_is_done_with_a_count_entered_by_hand(world, staff):
    activity = make_activity(world, kind="parent_meeting", audience="parents", planned_participants=300)
    with pytest.raises(InvalidInput, match="số người tham gia"):
        services.activity_mark_done(activity=activity, expected_version=activity.version, actor=None)
    services.activity_mark_done(
        activity=activity,
        expected_version=activity.version,
        actor=world.users["comms"],
        actual_participants=276,
    )
    activity.refresh_from_db()
    assert (activity.status, activity.actual_participants) == ("done", 276)
    assert activity.done_at is not None


def test_verification_needs_evidence_and_goes_back_one_step_at_a_time(world, staff):
    activity = make_activity(world, kind="contest", audience="students")
    services.activity_mark_done(activity=activity, expected_version=1, actor=None, actual_participants=120)
    with pytest.raises(NotAllowed, match="minh chứng"):
        services.activity_verify(activity=activity, expected_version=2, actor=world.users["principal"])
    services.evidence_add(activity=activity, actor=None, url="https://lqd.edu.vn/tin-tuc/cuoc-thi")
    services.activity_verify(activity=activity, expected_version=2, actor=world.users["principal"])
    activity.refresh_from_db()
    assert activity.status == "verified" and activity.verified_by == world.users["principal"]
    with pytest.raises(NotAllowed):
        services.activity_update(
            activity=activity, expected_version=activity.version, actor=None, title="Sửa"
        )
    with pytest.raises(NotAllowed):
        services.activity_delete(activity=activity, actor=None)
    services.activity_reopen(
        activity=activity, expected_version=activity.version, actor=world.users["principal"]
    )
    assert Activity.objects.get(pk=activity.pk).status == "done"
    services.activity_reopen(activity=activity, expected_version=activity.version, actor=None)
    assert Activity.objects.get(pk=activity.pk).status == "planned"
    with pytest.raises(NotAllowed):
        services.activity_reopen(activity=activity, expected_version=activity.version, actor=None)
    statuses = [
        e.changes["status"] for e in history_for(activity).filter(action="update") if "status" in e.changes
    ]
    assert statuses == [["done", "planned"], ["verified", "done"], ["done", "verified"], ["planned", "done"]]


def test_a_stale_edit_is_refused_and_a_fresh_one_is_audited(world, session):
    services.activity_update(
        activity=session, expected_version=1, actor=world.users["principal"], place="Phòng họp tầng 2"
    )
    stale = Activity.objects.get(pk=session.pk)
    stale.version = 1
    with pytest.raises(ConflictError):
        services.activity_update(
            activity=stale, expected_version=1, actor=world.users["comms"], place="Sân trường"
        )
    assert Activity.objects.get(pk=session.pk).place == "Phòng họp tầng 2"
    entry = history_for(session).filter(action=AuditEntry.Action.UPDATE).first()
    assert entry.changes["place"] == ["Hội trường A", "Phòng họp tầng 2"]


def test_actual_participants_of_a_staff_activity_are_never_typed_in(world, session):
    services.activity_update(activity=session, expected_version=1, actor=None, actual_participants=99)
    session.refresh_from_db()
    assert session.actual_participants == 0


def test_a_delete_is_real_audited_and_removes_evidence_files(
    world, session, django_capture_on_commit_callbacks
):
    evidence = services.evidence_add(activity=session, actor=None, name="anh.png", data=tiny_png())
    name = evidence.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_delete(activity=session, actor=world.users["principal"])
    assert not Activity.objects.filter(pk=session.pk).exists()
    assert AuditEntry.objects.filter(object_type="activities.activity", action="delete").exists()
    assert not default_storage.exists(name)


@pytest.mark.parametrize(
    "name,data", [("anh.png", tiny_png()), ("bien-ban.pdf", tiny_pdf()), ("bien-ban.docx", tiny_docx())]
)
def test_evidence_of_each_accepted_type_is_stored_under_private_media(world, session, name, data):
    evidence = services.evidence_add(activity=session, actor=None, name=name, data=data, caption="Ảnh")
    assert evidence.file.name.startswith(f"private/activities/{world.school.pk}/")
    assert str(settings.MEDIA_ROOT) in evidence.file.path
    with evidence.file.open("rb") as f:
        assert f.read() == data
    assert evidence.original_name == name and evidence.size == len(data)


def test_a_file_renamed_to_jpg_is_refused(world, session):
    with pytest.raises(InvalidInput, match="đổi đuôi"):
        services.evidence_add(activity=session, actor=None, name="anh.jpg", data=tiny_pdf())
    assert not Evidence.objects.exists()


def test_an_oversized_file_is_refused(world, session):
    data = tiny_png() + b"\0" * 2048
    with pytest.raises(InvalidInput, match="quá lớn"):
        services.evidence_add(activity=session, actor=None, name="anh.png", data=data, max_bytes=1024)


def test_an_executable_or_unknown_type_is_refused(world, session):
    with pytest.raises(InvalidInput, match="loại tệp"):
        services.evidence_add(activity=session, actor=None, name="virus.exe", data=b"MZ\x90\x00")


def test_evidence_needs_a_file_or_a_link(world, session):
    with pytest.raises(InvalidInput):
        services.evidence_add(activity=session, actor=None)


def test_activity_times_must_be_ordered(world, staff):
    start = timezone.now()
    with pytest.raises(InvalidInput, match="kết thúc"):
        services.activity_create(
            school=world.school,
            actor=None,
            unit=world.math_unit,
            kind="seminar",
            title="Tọa đàm",
            starts_at=start,
            ends_at=start - dt.timedelta(hours=1),
            audience="community",
        )
