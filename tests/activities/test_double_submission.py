"""Clicking "Lưu" twice sends the same rendered form twice: the second submission must not create a second activity."""

import re

from django.urls import reverse

from truyenthong.activities.models import Activity
from truyenthong.core.models import FormSubmission


def _form_key(html: str) -> str:
    keys = re.findall(r'name="_form_key" value="([0-9a-f]{32})"', html)
    assert len(keys) == 1, "every rendered form carries exactly one one-time key"
    return keys[0]


def _activity(world, plan_task, key, title="Sinh hoạt tổ Toán tháng 12"):
    return {
        "_form_key": key,
        "kind": "department_meeting",
        "title": title,
        "task": plan_task.pk,
        "unit": world.math_unit.pk,
        "day": "07/12/2026",
        "start_time": "14:00",
        "end_time": "16:30",
        "place": "Phòng 204",
        "audience": "staff",
        "roster_units": [world.math_unit.pk],
        "planned_participants": "12",
    }


def test_the_same_form_sent_twice_creates_one_activity(world, staff, plan_task, client_for):
    c = client_for(world.users["dept_head"])
    url = reverse("activities:activity-create", args=[world.school.code])
    key = _form_key(c.get(url).content.decode())
    first = c.post(url, _activity(world, plan_task, key))
    second = c.post(url, _activity(world, plan_task, key), follow=True)
    assert first.status_code == 302
    assert Activity.objects.filter(title="Sinh hoạt tổ Toán tháng 12").count() == 1
    # The repeat lands where the first one went, with a note instead of an error.
    assert second.redirect_chain[0][0] == first["Location"]
    assert "lần gửi lặp lại không tạo thêm bản ghi" in second.content.decode()


def test_two_forms_opened_separately_create_two_activities(world, staff, plan_task, client_for):
    c = client_for(world.users["dept_head"])
    url = reverse("activities:activity-create", args=[world.school.code])
    for title in ("Buổi một", "Buổi hai"):
        key = _form_key(c.get(url).content.decode())
        assert c.post(url, _activity(world, plan_task, key, title=title)).status_code == 302
    assert Activity.objects.filter(title__in=["Buổi một", "Buổi hai"]).count() == 2


def test_a_form_refused_for_errors_can_be_sent_again_with_the_same_key(world, staff, plan_task, client_for):
    c = client_for(world.users["dept_head"])
    url = reverse("activities:activity-create", args=[world.school.code])
    key = _form_key(c.get(url).content.decode())
    broken = _activity(world, plan_task, key)
    broken["day"] = "31/02/2026"
    refused = c.post(url, broken)
    assert refused.status_code == 200 and not Activity.objects.filter(title=broken["title"]).exists()
    assert not FormSubmission.objects.filter(key=key).exists()
    assert c.post(url, _activity(world, plan_task, key)).status_code == 302
    assert Activity.objects.filter(title=broken["title"]).count() == 1
