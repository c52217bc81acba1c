"""Reports a clerk would sign: the signature block of a deputy ("KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG", and "KT. GIÁM
ĐỐC / PHÓ GIÁM ĐỐC" in a Sở), and the Excel workbook as LibreOffice prints it: "Sơ kết học kỳ II" with its Roman
capitals, numbers written the Vietnamese way (48.900; 77,8%) as on the dashboard."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.rendering import libreoffice_text
from tests.reports.conftest import TODAY
from truyenthong.lib.decree30 import HEAD_TITLES, add_footer_blocks, new_document, signer_block
from truyenthong.lib.numbers_vi import format_percent_vi
from truyenthong.reports.render.xlsx_writer import number_format


@pytest.mark.parametrize(
    ("head", "position", "authority", "expected"),
    [
        ("Hiệu trưởng", "Hiệu trưởng", "", ("", "HIỆU TRƯỞNG")),
        ("Hiệu trưởng", "", "", ("", "HIỆU TRƯỞNG")),
        ("Hiệu trưởng", "Phó Hiệu trưởng", "", ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")),
        ("Hiệu trưởng", "PHÓ HIỆU TRƯỞNG", "", ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")),
        ("Hiệu trưởng", "Hiệu phó", "", ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")),
        ("Giám đốc", "Phó Giám đốc", "", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
        ("Giám đốc", "Giám đốc", "", ("", "GIÁM ĐỐC")),
        ("Hiệu trưởng", "Phó hiệu trưởng", "KT HIỆU TRƯỞNG", ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")),
        ("Hiệu trưởng", "Trưởng ban", "TM. BAN GIÁM HIỆU", ("TM. BAN GIÁM HIỆU", "TRƯỞNG BAN")),
    ],
)
def test_a_deputy_signs_on_the_heads_behalf_and_the_head_under_their_own_title(
    head, position, authority, expected
):
    assert signer_block(head=head, position=position, authority=authority) == expected


@pytest.mark.parametrize("position", ["Tổ trưởng", "Phó Giám đốc"])
def test_who_is_not_a_deputy_of_this_head_gets_no_kt(position):
    authority, _ = signer_block(head="Hiệu trưởng", position=position)
    assert authority == ""


def test_a_departments_word_file_is_signed_kt_giam_doc_pho_giam_doc():
    authority, position = signer_block(head=HEAD_TITLES["department"], position="Phó Giám đốc")
    document = new_document()
    add_footer_blocks(
        document,
        recipients=["Các trường THPT"],
        signer_authority=authority,
        signer_position=position,
        signer_name="A",
    )
    buffer = io.BytesIO()
    document.save(buffer)
    cells = [c.text for t in Document(io.BytesIO(buffer.getvalue())).tables for r in t.rows for c in r.cells]
    assert any("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" in c for c in cells)


@pytest.mark.parametrize(
    ("value", "percent", "shown"),
    [
        (48900, False, "[$-42A]#,##0"),
        (12.5, False, "[$-42A]#,##0.0"),
        (0.778, True, "[$-42A]0.0%"),
        (1, True, "[$-42A]0%"),
    ],
)
def test_excel_cells_are_tagged_vietnamese_and_show_decimals_only_when_the_page_does(value, percent, shown):
    assert number_format(value, percent=percent) == shown


@pytest.fixture
def deputy_report(reported):
    from truyenthong.org.services import person_create
    from truyenthong.reports.services import report_create, report_update

    person_create(
        school=reported.school,
        code="GV009",
        full_name="Trần Thị Thu",
        position="Phó Hiệu trưởng",
        units=[reported.leadership_unit],
    )
    report = report_create(
        school=reported.school,
        actor=reported.users["principal"],
        kind="semester_review",
        period_key="2026-2027-HK2",
        today=TODAY,
    )
    # the form sends the position unchanged: choosing the deputy is enough
    report_update(
        report=report,
        actor=reported.users["principal"],
        expected_version=report.version,
        changes={"signer_name": "Trần Thị Thu", "signer_position": report.signer_position},
    )
    report.refresh_from_db()
    return report


def test_choosing_a_deputy_as_signer_takes_their_position(deputy_report):
    assert deputy_report.signer_position == "Phó Hiệu trưởng"


def test_libreoffice_prints_the_word_report_signed_kt_hieu_truong_by_the_deputy(deputy_report, tmp_path):
    from truyenthong.reports.services import report_render

    files = report_render(deputy_report, today=TODAY, only=("docx", "pdf"))
    text = libreoffice_text(tmp_path, "bao-cao.docx", files["docx"])
    assert "KT. HIỆU TRƯỞNG" in text and "PHÓ HIỆU TRƯỞNG" in text and "Trần Thị Thu" in text
    assert "Sơ kết học kỳ II năm học 2026-2027" in text
    from pypdf import PdfReader

    ours = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages)
    assert "KT. HIỆU TRƯỞNG" in ours and "PHÓ HIỆU TRƯỞNG" in ours


def test_a_report_signed_by_the_principal_has_no_kt(reported):
    from truyenthong.reports.services import report_create, report_render

    report = report_create(
        school=reported.school,
        actor=reported.users["principal"],
        kind="semester_review",
        period_key="2026-2027-HK2",
        today=TODAY,
    )
    text = Document(io.BytesIO(report_render(report, today=TODAY, only=("docx",))["docx"]))
    cells = " ".join(c.text for t in text.tables for r in t.rows for c in r.cells)
    assert "HIỆU TRƯỞNG" in cells and "KT." not in cells and "Huỳnh Lê Minh" in cells


def test_libreoffice_prints_the_excel_report_with_roman_capitals_and_vietnamese_numbers(
    deputy_report, tmp_path
):
    from truyenthong.indicators.selectors import dashboard_rows
    from truyenthong.reports.services import report_render

    data = report_render(deputy_report, today=TODAY, only=("xlsx",))["xlsx"]
    book = load_workbook(io.BytesIO(data))
    formats = {
        c.number_format for s in book for row in s.iter_rows(min_row=6) for c in row if c.value is not None
    }
    numeric = {f for f in formats if f != "General"}
    assert numeric and all(f.startswith("[$-42A]") for f in numeric)

    text = libreoffice_text(tmp_path, "bao-cao.xlsx", data)
    assert "Sơ kết học kỳ II năm học 2026-2027" in text
    assert not re.search(r"học kỳ ii\b", text)
    rows = dashboard_rows(school=deputy_report.school, period_key="2026-2027-HK2", today=TODAY)
    shown = [format_percent_vi(r.value) for r in rows if r.is_percent and r.value is not None]
    assert shown and any(s in text for s in shown)
    assert not re.search(r"\d\.\d%", text)  # never 77.8%: the decimal comma
