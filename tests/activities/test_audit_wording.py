"""The audit log reads as sentences: who did what to which record, each field by its label, values as people write them."""

import re

from django.urls import reverse

from truyenthong.activities.models import Activity
from truyenthong.content.services import item_create


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_audit_log_tells_a_principal_what_happened_in_words(world, staff, plan_task, client_for):
    world.users["dept_head"].full_name = "Trần Tổ Trưởng"
    world.users["dept_head"].save()
    c = client_for(world.users["dept_head"])
    c.post(
        reverse("activities:activity-create", args=[world.school.code]),
        {
            "kind": "department_meeting",
            "title": "Sinh hoạt tổ Toán tháng 12",
            "task": plan_task.pk,
            "unit": world.math_unit.pk,
            "day": "03/12/2026",
            "start_time": "08:00",
            "end_time": "10:30",
            "place": "Phòng 204",
            "audience": "staff",
            "roster_units": [world.math_unit.pk],
        },
    )
    assert Activity.objects.filter(title="Sinh hoạt tổ Toán tháng 12").exists()
    item_create(
        school=world.school,
        actor=world.users["comms"],
        title="Tin Nghị quyết 71",
        body="<p>Đoạn <strong>một</strong></p>",
    )
    html = client_for(world.users["principal"]).get(f"/truong/{world.school.code}/nhat-ky/").content.decode()
    text = _text(html)
    assert "Trần Tổ Trưởng đã tạo hoạt động «Sinh hoạt tổ Toán tháng 12" in text
    assert "03/12/2026 08:00" in text  # the start, in local time, as people write it
    assert "Tổ Toán" in text and "Phòng 204" in text  # the unit by name, not its id
    assert "Đoạn một" in text  # rich text without its tags
    for raw in ("∅", "id:", "starts_at", "body_html", "<p>", "T08:00:00", "department_meeting", "+07:00"):
        assert raw not in text, raw
    assert "&lt;p&gt;" not in html
