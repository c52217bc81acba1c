"""The demo produces every report for the demo school, and running it again changes nothing."""

import datetime as dt
import io

from docx import Document
from pypdf import PdfReader


def test_the_demo_produces_every_report_with_its_files_once(reported):
    from truyenthong.reports import demo
    from truyenthong.reports.models import Report

    made = demo.build(reported.school, today=dt.date(2026, 11, 29))
    assert {r.kind for r in made} == set(Report.Kind.values)
    assert demo.build(reported.school, today=dt.date(2026, 11, 29)) == []
    for report in Report.objects.filter(school=reported.school):
        for field in ("docx", "pdf", "xlsx", "infographic_png", "infographic_svg"):
            assert getattr(report, field), (report.kind, field)
    final = Report.objects.get(school=reported.school, kind="year_review")
    assert final.is_final and final.number == "52/BC-CLQĐ"
    header = Document(final.docx.open("rb")).tables[0].rows[0].cells
    assert "Số: 52/BC-CLQĐ" in "\n".join(c.text for c in header)
    with final.pdf.open("rb") as handle:
        assert "Độc lập - Tự do - Hạnh phúc" in PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
