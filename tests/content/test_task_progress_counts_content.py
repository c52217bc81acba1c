"""Task progress counts every piece of evidence linked to a task: published content as well as activities."""

import datetime as dt

from django.utils import timezone

from truyenthong.indicators.selectors import task_progress
from truyenthong.plans.models import Task


def _row(plan, task, period_key):
    result = task_progress(plan=plan, period_key=period_key)
    return next(t for g in result["groups"] for t in g.tasks if t.task == task)


def test_a_portal_task_with_published_items_is_under_way_not_untouched(world_with_plan, make_item):
    plan = world_with_plan.plan
    task = Task.objects.filter(group__plan=plan).order_by("group__order", "order").first()
    other = Task.objects.filter(group__plan=plan).exclude(pk=task.pk).first()
    today = timezone.localdate()
    from truyenthong.lib import periods

    year = periods.current_school_year(today).key
    assert _row(plan, task, year).status == "not_started"

    published = make_item(title="Tin đã đăng về Nghị quyết 71")
    draft = make_item(title="Bản nháp", status="draft")
    scheduled = make_item(title="Hẹn giờ đăng", publish_at=timezone.now() + dt.timedelta(hours=2))
    for item in (published, draft, scheduled):
        item.tasks.add(task)
    make_item(title="Tin của nhiệm vụ khác").tasks.add(other)

    row = _row(plan, task, year)
    # One ratio of evidence: 1 of 3 linked items is out (the scheduled post is not yet), no activities.
    assert (row.content_published, row.content_total) == (1, 3)
    assert (row.evidence_done, row.evidence_total) == (1, 3)
    assert row.progress == 33 and row.status == "in_progress"


def test_the_progress_page_states_its_rule(world_with_plan, client_for):
    html = client_for(world_with_plan.users["principal"]).get("/truong/lqd/tien-do/").content.decode()
    assert "số tin, bài đã đăng" in html and "không tính vào tỷ lệ" in html


def test_a_scheduled_post_is_listed_as_scheduled_and_approved_items_say_who_publishes(
    world_with_plan, client_for, make_item
):
    make_item(title="Bài hẹn giờ", publish_at=timezone.now() + dt.timedelta(hours=2))
    approved = make_item(title="Bài đã duyệt", status="approved")
    comms = client_for(world_with_plan.users["comms"])
    listing = comms.get("/truong/lqd/noi-dung/").content.decode()
    row = listing.split("Bài hẹn giờ", 1)[1].split("</tr>", 1)[0]
    assert "Hẹn giờ đăng" in row and "Đã đăng" not in row
    detail = comms.get(f"/noi-dung/{approved.pk}/").content.decode()
    assert "Ban giám hiệu sẽ đăng bài" in detail
    principal = (
        client_for(world_with_plan.users["principal"]).get(f"/noi-dung/{approved.pk}/").content.decode()
    )
    assert "Ban giám hiệu sẽ đăng bài" not in principal
