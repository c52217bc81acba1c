"""The item page opens in every state an item can reach, for every role that may read it (no server error)."""

import pytest

from truyenthong.content import services
from truyenthong.content.models import ContentItem

READERS = ["admin", "principal", "comms", "dept_head", "teacher", "youth", "official"]


@pytest.mark.parametrize("status", ["draft", "submitted", "approved", "published", "archived"])
def test_the_item_page_opens_in_every_state_for_every_reader(world, client_for, make_item, status):
    item = make_item(title="Tin mọi trạng thái", status=status)
    for persona in READERS:
        response = client_for(world.users[persona]).get(f"/noi-dung/{item.pk}/")
        assert response.status_code == 200, (status, persona, response.status_code)


def test_a_published_item_taken_out_of_its_section_still_opens(world, client_for, make_item):
    """Leadership may edit a published item and clear its section: the page says it has no public address."""
    item = make_item(title="Tin rời chuyên mục")
    item = services.item_update(
        item=item, actor=world.users["principal"], expected_version=item.version, section=None
    )
    assert item.status == ContentItem.Status.PUBLISHED and item.section_id is None
    for persona in READERS:
        response = client_for(world.users[persona]).get(f"/noi-dung/{item.pk}/")
        assert response.status_code == 200, persona
    page = client_for(world.users["principal"]).get(f"/noi-dung/{item.pk}/").content.decode()
    assert "chưa thuộc chuyên mục nào" in page
    assert "Bản công khai" not in page


def test_a_scheduled_item_with_a_cover_and_an_attachment_opens(world, client_for, make_item, png):
    import datetime as dt

    from django.utils import timezone

    item = make_item(
        title="Tin hẹn giờ", publish_at=timezone.now() + dt.timedelta(days=2), cover=("bia.png", png())
    )
    services.attachment_add(
        item=item, actor=world.users["principal"], name="ke-hoach.pdf", data=b"%PDF-1.4\n%%EOF\n"
    )
    for persona in READERS:
        assert client_for(world.users[persona]).get(f"/noi-dung/{item.pk}/").status_code == 200, persona
