"""The editorial workflow: transitions, who may do what, versions with readable diffs, optimistic editing."""

import pytest
from django.core.exceptions import PermissionDenied

from truyenthong.content import services
from truyenthong.content.diffs import diff_rows
from truyenthong.content.models import ContentItem
from truyenthong.core.errors import ConflictError, InvalidInput, NotAllowed

S = ContentItem.Status


def _step(item, user, action, **kw):
    return services.item_transition(item=item, actor=user, action=action, expected_version=item.version, **kw)


def test_an_item_goes_from_draft_to_archived_through_every_step(world, make_item):
    item = make_item(status="draft")
    assert item.status == S.DRAFT
    item = _step(item, world.users["comms"], "submit")
    assert item.status == S.SUBMITTED
    item = _step(item, world.users["principal"], "approve", comment="Đồng ý")
    assert item.status == S.APPROVED and item.approved_by == world.users["principal"]
    item = _step(item, world.users["principal"], "publish")
    assert item.status == S.PUBLISHED and item.published_at is not None
    assert item.publications.filter(channel__kind="portal").count() == 1
    item = _step(item, world.users["principal"], "archive")
    assert item.status == S.ARCHIVED
    notes = list(item.versions.order_by("number").values_list("note", flat=True))
    assert notes[0] == "Tạo mới" and notes[-1] == "Lưu trữ" and len(notes) == 5


def test_leadership_returns_an_item_with_comments_and_the_writer_resubmits(world, make_item):
    item = make_item(status="submitted")
    with pytest.raises(InvalidInput):
        _step(item, world.users["principal"], "return")
    item = _step(item, world.users["principal"], "return", comment="Bổ sung số liệu tháng 10.")
    assert item.status == S.RETURNED and item.review_note == "Bổ sung số liệu tháng 10."
    item = services.item_update(
        item=item,
        actor=world.users["comms"],
        expected_version=item.version,
        body="<p>Đã bổ sung số liệu.</p>",
    )
    item = _step(item, world.users["comms"], "submit")
    assert item.status == S.SUBMITTED


@pytest.mark.parametrize("persona", ["teacher", "comms", "dept_head", "youth", "official", "outsider"])
def test_only_leadership_may_approve_or_publish(world, make_item, persona):
    submitted = make_item(title="Chờ duyệt", status="submitted")
    approved = make_item(title="Đã duyệt", status="approved")
    with pytest.raises(PermissionDenied):
        _step(submitted, world.users[persona], "approve")
    with pytest.raises(PermissionDenied):
        _step(approved, world.users[persona], "publish")


def test_a_teacher_cannot_write_or_publish(world, section):
    with pytest.raises(PermissionDenied):
        services.item_create(
            school=world.school, actor=world.users["teacher"], title="Bài của giáo viên", section=section
        )


def test_an_outsider_cannot_write_in_another_school(world, section):
    with pytest.raises(PermissionDenied):
        services.item_create(
            school=world.school, actor=world.users["outsider"], title="Bài lạ", section=section
        )


def test_a_department_head_writes_for_their_own_unit_only(world, section):
    item = services.item_create(
        school=world.school, actor=world.users["dept_head"], title="Tổ Toán chuyển đổi số"
    )
    assert item.unit == world.math_unit
    with pytest.raises(PermissionDenied):
        services.item_create(
            school=world.school, actor=world.users["dept_head"], title="Bài của Đoàn", unit=world.youth_unit
        )
    youth_item = services.item_create(school=world.school, actor=world.users["youth"], title="Đoàn trường")
    with pytest.raises(PermissionDenied):
        services.item_update(
            item=youth_item,
            actor=world.users["dept_head"],
            expected_version=youth_item.version,
            title="Sửa trộm",
        )


def test_a_writer_cannot_edit_an_item_waiting_for_approval_but_leadership_can(world, make_item):
    item = make_item(status="submitted")
    with pytest.raises(NotAllowed):
        services.item_update(
            item=item, actor=world.users["comms"], expected_version=item.version, title="Sửa"
        )
    item = services.item_update(
        item=item, actor=world.users["principal"], expected_version=item.version, title="Sửa bởi lãnh đạo"
    )
    assert item.title == "Sửa bởi lãnh đạo"


def test_a_transition_from_the_wrong_status_is_refused(world, make_item):
    item = make_item(status="draft")
    with pytest.raises(NotAllowed):
        _step(item, world.users["principal"], "publish")


def test_publishing_needs_a_section(world):
    item = services.item_create(school=world.school, actor=world.users["comms"], title="Không chuyên mục")
    item = _step(item, world.users["comms"], "submit")
    item = _step(item, world.users["principal"], "approve")
    with pytest.raises(InvalidInput):
        _step(item, world.users["principal"], "publish")


def test_a_stale_edit_is_refused_and_nothing_is_written(world, make_item):
    item = make_item(status="draft")
    stale_version = item.version
    services.item_update(
        item=item, actor=world.users["comms"], expected_version=stale_version, title="Bản mới"
    )
    other = ContentItem.objects.get(pk=item.pk)
    with pytest.raises(ConflictError):
        services.item_update(
            item=other, actor=world.users["comms"], expected_version=stale_version, title="Bản cũ đè lên"
        )
    assert ContentItem.objects.get(pk=item.pk).title == "Bản mới"
    with pytest.raises(ConflictError):
        services.item_transition(
            item=other, actor=world.users["comms"], action="submit", expected_version=stale_version
        )


def test_every_save_keeps_a_version_and_the_diff_is_readable_and_escaped(world, make_item):
    item = make_item(status="draft", body="<p>Đoạn một.</p><p>Đoạn hai cũ.</p>")
    item = services.item_update(
        item=item,
        actor=world.users["comms"],
        expected_version=item.version,
        body="<p>Đoạn một.</p><p>Đoạn hai mới &lt;script&gt;.</p><p>Đoạn ba.</p>",
        tags=["chuyển đổi số"],
    )
    versions = list(item.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].data["tags"] == ["chuyển đổi số"]
    rows = diff_rows(versions[0].body, versions[1].body)
    assert ("same", "Đoạn một.") in rows
    assert ("removed", "Đoạn hai <del>cũ.</del>") in rows
    assert ("added", "Đoạn hai <ins>mới &lt;script&gt;.</ins>") in rows
    assert ("added", "Đoạn ba.") in rows
    assert all("<script" not in html for _, html in rows)


def test_body_is_sanitised_on_save_and_on_edit(world, make_item):
    item = make_item(status="draft", body='<p onclick="x()">Chào<script>alert(1)</script></p>')
    assert item.body == "<p>Chào</p>"
    item = services.item_update(
        item=item,
        actor=world.users["comms"],
        expected_version=item.version,
        body='<a href="javascript:alert(1)">x</a>',
    )
    assert "javascript" not in item.body


def test_a_video_url_outside_the_allow_list_is_refused(world, section):
    with pytest.raises(InvalidInput):
        services.item_create(
            school=world.school,
            actor=world.users["comms"],
            title="Video",
            section=section,
            video_url="https://evil.example/v.mp4",
        )


def test_item_slugs_are_unique_per_school_and_never_shadow_public_routes(world, section):
    a = services.item_create(school=world.school, actor=world.users["comms"], title="Tìm kiếm")
    b = services.item_create(school=world.school, actor=world.users["comms"], title="Tìm kiếm")
    assert a.slug == "tim-kiem-bai-viet" and b.slug == "tim-kiem-bai-viet-2"
