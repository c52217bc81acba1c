"""A long activity list: what is coming first (soonest first), then what happened (newest first), 25 to a page."""

import datetime as dt
import re

from django.utils import timezone

from truyenthong.activities.models import Activity


def _make(world, title, starts):
    return Activity.objects.create(
        school=world.school,
        unit=world.math_unit,
        kind="seminar",
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
    )


def _titles(html, section_id):
    part = html.split(f'id="{section_id}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="/hoat-dong/\d+/">([^<]+)</a>', part)


def test_upcoming_come_first_then_the_past_newest_first_in_pages(world, client_for):
    now = timezone.now()
    for days in (20, 3):
        _make(world, f"Sắp tới sau {days} ngày", now + dt.timedelta(days=days))
    for days in range(1, 31):
        _make(world, f"Đã qua {days:02d} ngày", now - dt.timedelta(days=days))
    client = client_for(world.users["principal"])
    first = client.get(f"/truong/{world.school.code}/hoat-dong/?nam_hoc=").content.decode()
    assert _titles(first, "sap-dien-ra") == ["Sắp tới sau 3 ngày", "Sắp tới sau 20 ngày"]
    past = _titles(first, "da-dien-ra")
    assert len(past) == 25 and past[0] == "Đã qua 01 ngày" and past[-1] == "Đã qua 25 ngày"
    assert "trang=2" in first
    second = client.get(f"/truong/{world.school.code}/hoat-dong/?nam_hoc=&trang=2").content.decode()
    assert _titles(second, "da-dien-ra") == [f"Đã qua {d:02d} ngày" for d in range(26, 31)]
