"""The files read by programs that are not ours: the .docx converted by LibreOffice (headless) to PDF and read back
with pdftotext, word boxes included; our own PDF measured the same way. Checks what a clerk sees on paper: the
"Chỉ tiêu" column wide enough, tables inside the left margin, Roman numerals in capitals, Vietnamese numbers."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from tests.rendering import libreoffice_pdf, need, pdf_text
from tests.reports.conftest import TODAY

PT_PER_MM = 72 / 25.4


def words(pdf: Path) -> list[tuple[str, float, float, float]]:
    """(word, xMin, xMax, yMin + 10000 × page) of every word of the PDF, in points, from `pdftotext -bbox`."""
    html = subprocess.run(
        [need("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', line
        )
        if m:
            x0, y0, x1 = float(m.group(1)), float(m.group(2)), float(m.group(3))
            out.append((unescape(m.group(4)), x0, x1, round(y0 + 10000 * page, 1)))
    return out


@pytest.fixture
def semester_files(reported):
    from truyenthong.reports.services import report_create, report_render

    report = report_create(
        school=reported.school,
        actor=reported.users["comms"],
        kind="semester_review",
        period_key="2026-2027-HK2",
        today=TODAY,
    )
    return report_render(report, today=TODAY, only=("docx", "pdf"))


def test_libreoffice_lays_the_word_report_out_with_a_wide_target_column(semester_files, tmp_path):
    pdf = libreoffice_pdf(tmp_path, "bao-cao.docx", semester_files["docx"])
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Sơ kết học kỳ II năm học 2026-2027" in text and "học kỳ ii" not in text.lower().replace(
        "học kỳ ii năm", ""
    )
    boxes = words(pdf)
    # The indicator table's header: "Chỉ tiêu" then "Kỳ" on the same line. The "Chỉ tiêu" column is set to 36 %
    # of 165 mm (~59 mm); an equal grid would give it 165/7 ≈ 24 mm.
    pairs = [
        (chi, ky)
        for chi in boxes
        if chi[0] == "Chỉ"
        for ky in boxes
        if ky[0] == "Kỳ" and ky[3] == chi[3] and ky[1] > chi[2]
    ]
    assert pairs
    chi, ky = pairs[0]
    assert (ky[1] - chi[1]) / PT_PER_MM > 40
    left = min(x0 for _w, x0, _x1, _p in boxes)
    assert left / PT_PER_MM >= 29  # nothing printed in the 30 mm left margin


def test_our_pdf_tables_start_inside_the_left_margin(semester_files, tmp_path):
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(semester_files["pdf"])
    boxes = words(pdf)
    assert any(w == "Chỉ" for w, *_ in boxes)
    assert min(x0 for _w, x0, _x1, _p in boxes) / PT_PER_MM >= 29.5
    text = " ".join(w for w, *_ in boxes)
    assert "II" in text.split() and " ii " not in f" {text} "
