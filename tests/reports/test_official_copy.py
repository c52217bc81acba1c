"""A Sở official downloads the names-free copy of a school's report (issue 8, hole 9): the Word, PDF and Excel files
they receive, read back, hold no staff full name, code, or given name after a form of address, while the school's own
copy still names its staff. Ordinary words and well-known names that share a staff member's given name are kept."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.access import assert_refused
from tests.reports.conftest import TODAY

pytestmark = pytest.mark.django_db

NARRATIVE = (
    "Cô Hoa (GV002) phụ trách chuyên đề; thầy Minh chủ trì sơ kết; đồng chí Nguyễn Thị Hoa báo cáo tham luận, "
    "Thị Hoa được biểu dương. Đoàn TNCS Hồ Chí Minh phối hợp; An toàn trường học được bảo đảm."
)


def text_of(fmt: str, data: bytes) -> str:
    if fmt == "docx":
        document = Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.extend(c.text for c in row.cells)
        return "\n".join(parts)
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    workbook = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(v) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v
    )


def squeeze(text: str) -> str:
    """PDF text extraction may break lines anywhere: compare without whitespace."""
    return "".join(text.split())


@pytest.fixture
def named_report(year_report, reported):
    import datetime as dt

    from truyenthong.evaluation.models import Commendation
    from truyenthong.reports.services import report_generate_now, report_update

    Commendation.objects.create(
        school=reported.school,
        period_key=year_report.period_key,
        person=reported.people["teacher"],
        title="Giấy khen của Hiệu trưởng",
        decision_number="12/QĐ-CLQĐ",
        decision_date=dt.date(2027, 5, 20),
    )
    narrative = dict(year_report.narrative)
    narrative["uu_diem"] = NARRATIVE
    report_update(
        report=year_report,
        actor=reported.users["principal"],
        expected_version=year_report.version,
        changes={"narrative": narrative},
    )
    year_report.refresh_from_db()
    return report_generate_now(year_report, today=TODAY)


def report_url_exists(report):
    from django.urls import reverse

    return reverse("reports:report-download", args=[report.pk, "docx"])


FORBIDDEN = ["Huỳnh Lê Minh", "Nguyễn Thị Hoa", "Thị Hoa", "Lê Minh", "GV002", "GV001", "Cô Hoa", "thầy Minh"]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_a_department_official_gets_a_copy_without_any_staff_name(client_for, reported, named_report, fmt):
    url = report_url_exists(named_report).replace("/docx/", f"/{fmt}/")
    official = client_for(reported.users["official"]).get(url)
    assert official.status_code == 200
    assert "b%E1%BA%A3n%20kh%C3%B4ng%20n%C3%AAu%20t%C3%AAn" in official["Content-Disposition"]
    theirs = text_of(fmt, b"".join(official.streaming_content) if official.streaming else official.content)
    school = client_for(reported.users["principal"]).get(url)
    ours = text_of(fmt, b"".join(school.streaming_content) if school.streaming else school.content)

    # The school's own copy names its staff (so the reading back works) …
    assert squeeze("Nguyễn Thị Hoa") in squeeze(ours)  # the commendations table
    if fmt != "xlsx":  # the spreadsheet holds the tables, not the narrative and the signature
        assert squeeze("Huỳnh Lê Minh") in squeeze(ours)
    # … the official's names nobody, and still says everything else
    for name in FORBIDDEN:
        assert squeeze(name) not in squeeze(theirs), (fmt, name)
    assert squeeze("(đã ẩn tên)") in squeeze(theirs)
    if fmt != "xlsx":
        assert squeeze("Đoàn TNCS Hồ Chí Minh") in squeeze(theirs)
        assert squeeze("An toàn trường học") in squeeze(theirs)
    assert squeeze(reported.school.name) in squeeze(theirs)


def test_a_report_generated_before_the_official_copy_existed_is_served_names_free(
    client_for, reported, named_report
):
    from truyenthong.reports.models import Report

    Report.objects.filter(pk=named_report.pk).update(official_docx="", official_pdf="", official_xlsx="")
    response = client_for(reported.users["official"]).get(f"/bao-cao/{named_report.pk}/tai-ve/docx/")
    assert response.status_code == 200
    text = text_of("docx", response.content)
    assert "Huỳnh Lê Minh" not in text and "Nguyễn Thị Hoa" not in text and "(đã ẩn tên)" in text
    # Nothing was written by the download
    named_report.refresh_from_db()
    assert not named_report.official_docx


def test_the_report_page_tells_the_official_which_copy_they_get(client_for, reported, named_report):
    page = client_for(reported.users["official"]).get(f"/bao-cao/{named_report.pk}/")
    assert page.status_code == 200 and "bản không nêu tên" in page.content.decode()
    school = client_for(reported.users["principal"]).get(f"/bao-cao/{named_report.pk}/")
    assert "bản không nêu tên" not in school.content.decode()


def test_an_official_of_another_department_is_refused(client_for, reported, named_report):
    response = client_for(reported.users["other_official"]).get(f"/bao-cao/{named_report.pk}/tai-ve/docx/")
    assert_refused(response)


def test_the_redactor_replaces_names_codes_and_addressed_given_names_only():
    from truyenthong.lib.redact import MARKER, Redactor

    redact = Redactor([("Nguyễn Thị Hoa", "GV002"), ("Nguyễn Chí Minh", "GV003"), ("Lê An", "GV004")])
    assert redact("NGUYỄN THỊ HOA và gv003") == f"{MARKER} và {MARKER}"
    assert redact("cô Hoa, thầy Minh, đ/c An") == f"cô {MARKER}, thầy {MARKER}, đ/c {MARKER}"
    assert redact("Thị Hoa phát biểu") == f"{MARKER} phát biểu"
    assert redact("Khen thưởng Nguyễn Thị Hoa (GV002)") == f"Khen thưởng {MARKER}"
    # Must not match: ordinary words, other names, the nation's figures, a different tone mark, a longer code
    for kept in (
        "An toàn giao thông; an ninh trường học",
        "Đoàn TNCS Hồ Chí Minh",
        "Nguyễn Thị Hòa",
        "cô Hoàng",
        "GV0021",
        "hoa phượng nở",
    ):
        assert redact(kept) == kept, kept
