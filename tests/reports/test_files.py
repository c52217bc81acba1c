"""Every generated file read back: the Word file's Decree 30 layout and figures, the PDF's text with its diacritics,
the Excel cells; the figures equal the dashboard's (indicators.selectors.dashboard_rows) for the same period."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.reports.conftest import TODAY, YEAR


def dashboard(school, period_key=YEAR):
    from truyenthong.indicators.selectors import dashboard_rows

    return dashboard_rows(school=school, period_key=period_key, today=TODAY)


def shown(row) -> str:
    from truyenthong.core.templatetags.vn_format import vn_number

    if row.status == "undefined":
        return "—"
    text = vn_number(row.value)
    return f"{text}%" if row.is_percent and row.value is not None else text


@pytest.fixture
def files(year_report):
    from truyenthong.reports.services import report_render

    return report_render(year_report, today=TODAY)


def indicator_rows_of_docx(document):
    for table in document.tables:
        head = [c.text for c in table.rows[0].cells]
        if head[:3] == ["TT", "Chỉ tiêu", "Kỳ"]:
            return [[c.text for c in row.cells] for row in table.rows[1:]]
    raise AssertionError("no indicator table in the document")


def test_the_dashboard_has_real_figures_to_compare(reported):
    rows = dashboard(reported.school)
    assert any(r.value is not None and r.value not in (0, 100) for r in rows)
    assert {r.status for r in rows} >= {"met", "not_met", "no_data"}


def test_the_word_report_has_the_decree_30_header_fonts_margins_and_the_dashboard_figures(reported, files):
    document = Document(io.BytesIO(files["docx"]))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    header = "\n".join(c.text for c in document.tables[0].rows[0].cells)
    for line in (
        "SỞ GDĐT GIA LAI",
        "TRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN",
        "Số:",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quy Nhơn, ngày",
    ):
        assert line in header
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Tổng kết năm học 2026-2027 việc thực hiện Kế hoạch số 35/KH-CLQĐ" in texts
    fonts = {r.font.name for p in document.paragraphs for r in p.runs if r.text.strip()}
    fonts |= {
        r.font.name
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.strip()
    }
    assert fonts == {"Times New Roman"}
    assert document.styles["Normal"].font.name == "Times New Roman"
    footer = "\n".join(c.text for c in document.tables[-1].rows[0].cells)
    assert (
        "Nơi nhận:" in footer
        and "Lưu: VT." in footer
        and "HIỆU TRƯỞNG" in footer
        and "Huỳnh Lê Minh" in footer
    )
    assert document.inline_shapes, "the chart is embedded"

    rows = dashboard(reported.school)
    table = indicator_rows_of_docx(document)
    assert len(table) == len(rows)
    for line, row in zip(table, rows, strict=True):
        assert line[3] == shown(row)
        assert line[6] == row.status_label
        assert line[5] == row.measure.describe()


def test_the_pdf_keeps_every_diacritic_and_shows_the_dashboard_figures(reported, files):
    reader = PdfReader(io.BytesIO(files["pdf"]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Tổng kết năm học 2026-2027 việc thực hiện Kế hoạch số 35/KH-CLQĐ" in text
    assert "Quán triệt, học tập chuyên đề nghị quyết" in text
    for row in dashboard(reported.school):
        assert row.status_label in text
        if row.value is not None:
            assert shown(row) in text
    fonts = {
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert all("LiberationSerif" in f for f in fonts)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)


def test_the_excel_tables_hold_the_dashboard_figures_as_numbers(reported, files):
    book = load_workbook(io.BytesIO(files["xlsx"]))
    sheet = book["Chỉ tiêu"]
    head = [c.value for c in sheet[5]]
    assert head == ["TT", "Chỉ tiêu", "Kỳ", "Kết quả", "Tử số", "Mẫu số", "Chỉ tiêu đặt ra", "Đánh giá"]
    rows = dashboard(reported.school)
    percents = fractions = 0
    for n, row in enumerate(rows, start=6):
        value = sheet.cell(row=n, column=4)
        assert (value.value is None) == (row.value is None or row.status == "undefined")
        if value.value is not None:
            if row.is_percent:  # a percentage: 0.778 shown as 77.8% by the percent format
                assert value.value == pytest.approx(
                    float(row.value) / 100
                ) and value.number_format.startswith("[$-42A]0")
                percents += 1
            else:
                assert value.value == pytest.approx(float(row.value))
        if row.denominator and row.numerator is not None:
            assert sheet.cell(row=n, column=5).value == pytest.approx(float(row.numerator))
            assert sheet.cell(row=n, column=6).value == pytest.approx(float(row.denominator))
            fractions += 1
        assert sheet.cell(row=n, column=8).value == row.status_label
        assert sheet.row_dimensions[n].height >= 15
    assert percents and fractions
    assert sheet.auto_filter.ref == f"A5:H{5 + len(rows)}"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$5:$5"
    activities = book["Hoạt động"]
    assert activities.cell(row=6, column=1).value == "Quán triệt, học tập chuyên đề nghị quyết"
    assert activities.cell(row=6, column=2).value == 2


def test_text_that_would_start_a_formula_is_written_as_text(year_report):
    from truyenthong.reports.data import build_document, gather
    from truyenthong.reports.render.model import Block, Table
    from truyenthong.reports.render.xlsx_writer import report_xlsx

    facts = gather(
        school=year_report.school, kind=year_report.kind, period_key=year_report.period_key, today=TODAY
    )
    document = build_document(year_report, facts)
    document.blocks = [
        Block("I.", tables=[Table("=cmd|' /C calc'!A0", ["Nội dung", "Số"], [["=1+1", 3], ["@SUM(A1)", 4]])])
    ]
    sheet = load_workbook(io.BytesIO(report_xlsx(document))).worksheets[0]
    assert (
        sheet["A3"].value.startswith("'=")
        and sheet["A6"].value == "'=1+1"
        and sheet["A7"].value == "'@SUM(A1)"
    )
    assert sheet["B6"].value == 3


def test_the_same_data_always_gives_the_same_numbers(year_report):
    from truyenthong.reports.services import report_render

    first = report_render(year_report, today=TODAY, only=("xlsx",))["xlsx"]
    second = report_render(year_report, today=TODAY, only=("xlsx",))["xlsx"]

    def cells(data):
        book = load_workbook(io.BytesIO(data))
        return {(s.title, c.coordinate): c.value for s in book for row in s.iter_rows() for c in row}

    assert cells(first) == cells(second)


@pytest.mark.parametrize(
    "kind,period_key,title",
    [
        ("semester_review", "2026-2027-HK1", "Sơ kết học kỳ I năm học 2026-2027"),
        ("year_review", YEAR, "Tổng kết năm học 2026-2027"),
        ("phase_interim", "2026-2030", "Sơ kết giai đoạn 2026-2030"),
        ("phase_final", "2026-2030", "Tổng kết giai đoạn 2026-2030"),
        ("measurement", YEAR, "Kết quả đo lường công tác truyền thông năm học 2026-2027"),
    ],
)
def test_every_kind_of_report_is_generated_in_every_format_with_the_dashboard_figures(
    reported, kind, period_key, title
):
    from truyenthong.reports.services import report_create, report_render

    report = report_create(
        school=reported.school, actor=reported.users["comms"], kind=kind, period_key=period_key, today=TODAY
    )
    assert report.summary.startswith(title)
    files = report_render(report, today=TODAY)
    assert set(files) == {"docx", "pdf", "xlsx", "infographic_png", "infographic_svg"} | {
        "official_docx",
        "official_pdf",
        "official_xlsx",
    }
    table = indicator_rows_of_docx(Document(io.BytesIO(files["docx"])))
    rows = dashboard(reported.school, period_key)
    assert [line[3] for line in table] == [shown(r) for r in rows]
    assert "Độc lập - Tự do - Hạnh phúc" in PdfReader(io.BytesIO(files["pdf"])).pages[0].extract_text()
    assert "Chỉ tiêu" in load_workbook(io.BytesIO(files["xlsx"])).sheetnames


def test_a_report_for_the_wrong_kind_of_period_is_refused(reported):
    from truyenthong.core.errors import InvalidInput
    from truyenthong.reports.services import report_create

    with pytest.raises(InvalidInput):
        report_create(
            school=reported.school,
            actor=reported.users["comms"],
            kind="semester_review",
            period_key=YEAR,
            today=TODAY,
        )


def test_the_narrative_is_prefilled_from_the_data_and_the_edited_text_is_printed(year_report, reported):
    from truyenthong.reports.services import report_render, report_update

    assert "đã tổ chức 4 hoạt động" in year_report.narrative["uu_diem"]
    assert "đăng 3 tin bài" in year_report.narrative["uu_diem"]
    narrative = dict(year_report.narrative, de_xuat="Đề nghị Sở tổ chức tập huấn kỹ năng viết tin bài.")
    report_update(
        report=year_report,
        actor=reported.users["comms"],
        expected_version=year_report.version,
        changes={"narrative": narrative},
    )
    files = report_render(year_report, today=TODAY, only=("docx", "pdf"))
    assert "Đề nghị Sở tổ chức tập huấn kỹ năng viết tin bài." in [
        p.text for p in Document(io.BytesIO(files["docx"])).paragraphs
    ]
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages)
    assert "tập huấn kỹ năng viết tin bài" in " ".join(pdf_text.split())


def test_the_final_version_needs_a_number_and_a_date_and_is_no_longer_edited(year_report, reported):
    import datetime as dt

    from truyenthong.core.errors import InvalidInput, NotAllowed
    from truyenthong.reports.services import report_finalise, report_render, report_update

    boss = reported.users["principal"]
    with pytest.raises(InvalidInput):
        report_finalise(report=year_report, actor=boss)
    report_update(
        report=year_report,
        actor=boss,
        expected_version=year_report.version,
        changes={"number": "45/BC-CLQĐ", "issued_on": dt.date(2027, 5, 28)},
    )
    report_finalise(report=year_report, actor=boss)
    with pytest.raises(NotAllowed):
        report_update(
            report=year_report, actor=boss, expected_version=year_report.version, changes={"summary": "Khác"}
        )
    header = "\n".join(
        c.text
        for c in Document(io.BytesIO(report_render(year_report, today=TODAY, only=("docx",))["docx"]))
        .tables[0]
        .rows[0]
        .cells
    )
    assert "Số: 45/BC-CLQĐ" in header and "Quy Nhơn, ngày 28 tháng 5 năm 2027" in header


def test_the_communication_officer_cannot_issue_the_final_version(year_report, reported):
    from django.core.exceptions import PermissionDenied

    from truyenthong.reports.services import report_finalise

    with pytest.raises(PermissionDenied):
        report_finalise(report=year_report, actor=reported.users["comms"])


def test_the_infographic_is_a_portrait_post_in_png_and_svg_with_vietnamese_text(files):
    import xml.etree.ElementTree as ET

    from PIL import Image

    image = Image.open(io.BytesIO(files["infographic_png"]))
    assert image.format == "PNG" and image.size == (1080, 1350)
    root = ET.fromstring(files["infographic_svg"])
    assert root.get("width") == "1080" and root.get("height") == "1350"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "KẾT QUẢ THỰC HIỆN KẾ HOẠCH" in " ".join(texts)
    assert "Năm học 2026-2027" in texts and "Trường THPT chuyên Lê Quý Đôn" in texts
    assert "chỉ tiêu có số liệu đã đạt" in texts
