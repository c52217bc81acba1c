"""Hole 6: a title or name that starts like a formula comes back from every export as text, never a live formula."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.access import assert_download
from truyenthong.lib.spreadsheet import safe_cell

pytestmark = pytest.mark.django_db
HOSTILE = ['=HYPERLINK("http://x.invalid","bấm")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1"]


def _cells(data: bytes) -> list:
    book = load_workbook(BytesIO(data))
    return [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]


def _no_formula(cells) -> None:
    for cell in cells:
        assert cell.data_type != "f", cell.value
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value


def test_safe_cell_leaves_ordinary_values_alone():
    assert safe_cell("Quán triệt Nghị quyết 71") == "Quán triệt Nghị quyết 71"
    assert safe_cell(-3) == -3 and safe_cell(None) is None
    assert safe_cell("a=b") == "a=b"  # only a leading sign matters


def test_the_content_calendar_export_neutralises_formula_titles(world, client_for):
    from truyenthong.content import services
    from truyenthong.content.models import Channel, Publication

    comms = world.users["comms"]
    board = services.channel_create(
        school=world.school,
        actor=comms,
        kind=Channel.Kind.BULLETIN,
        name="=Bảng tin",
        default_audience="students",
    )
    for i, title in enumerate(HOSTILE):
        item = services.item_create(school=world.school, actor=comms, title=title)
        services.publication_create(
            item=item,
            actor=comms,
            channel=board,
            date=dt.date(2026, 10, 5 + i),
            status=Publication.Status.PLANNED,
        )
    response = client_for(comms).get(
        f"/truong/{world.school.code}/lich-noi-dung/lich.xlsx", {"thang": "2026-10"}
    )
    cells = _cells(response.content)
    _no_formula(cells)
    texts = {c.value for c in cells}
    assert "'" + HOSTILE[0] in texts  # the title is still all there, marked as text


def test_the_register_template_neutralises_formula_unit_names(world, client_for):
    from truyenthong.org.services import organisation_create

    organisation_create(
        kind="unit", code="lqd-x", name="=cmd|' /C calc'!A0", parent=world.school, unit_kind="subject"
    )
    from django.urls import reverse

    url = reverse("org:people-import-template", args=[world.school.code])
    response = client_for(world.users["principal"]).get(url)
    data = assert_download(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    _no_formula(_cells(data))
