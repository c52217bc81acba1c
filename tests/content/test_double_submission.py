"""A draft written once and sent twice (double click, reload) is saved once."""

import re

from truyenthong.content.models import ContentItem


def test_a_draft_sent_twice_is_saved_once(world, client_for, section):
    client = client_for(world.users["comms"])
    url = f"/truong/{world.school.code}/noi-dung/viet-moi/"
    key = re.search(r'name="_form_key" value="([0-9a-f]{32})"', client.get(url).content.decode()).group(1)
    data = {
        "_form_key": key,
        "title": "Tin hai lần bấm",
        "kind": "article",
        "section": section.pk,
        "body": "Một",
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302 and second.status_code == 302
    assert second["Location"] == first["Location"]
    assert ContentItem.objects.filter(title="Tin hai lần bấm").count() == 1
