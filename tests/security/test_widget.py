"""Hole 5: the embeddable widget carries section values as JSON data, never inside a comment or a hand-built string."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from truyenthong.lib.jsvalue import js_value

HOSTILE = 'x */alert(1)/* "; alert(2); // </script><script>alert(3)</script>\u2028'


def test_a_hostile_value_stays_one_json_literal():
    literal = js_value({"title": HOSTILE})
    assert "</script" not in literal.lower() and "\u2028" not in literal
    assert json.loads(literal) == {"title": HOSTILE}


@pytest.mark.django_db
def test_a_section_title_cannot_break_out_of_the_widget_script(world, client):
    from truyenthong.content.models import Section

    section = Section.objects.create(school=world.school, slug="nq71", title=HOSTILE)
    body = client.get(f"/chuyen-muc/{section.slug}/widget.js").content.decode()
    match = re.search(r"var config = (.*);\n", body)
    assert match and json.loads(match.group(1))["title"] == HOSTILE
    outside = body.replace(match.group(1), "")
    assert "alert" not in outside and "/*" not in outside
    node = subprocess.run(["which", "node"], capture_output=True, text=True).stdout.strip()
    if (
        node
    ):  # the script parses as JavaScript and its one statement defining config is the only use of the title
        check = subprocess.run([node, "--check", "-"], input=body, capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
