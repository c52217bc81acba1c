"""The province's sơ kết/tổng kết report (/so/<mã>/tong-hop/bao-cao/): every format opened and read back, the Word
file laid out by LibreOffice and read with pdftotext; the figures are the roll-up page's; no staff names."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest

from tests.province.conftest import TODAY, YEAR
from tests.rendering import libreoffice_text

pytestmark = pytest.mark.django_db
URL = "/so/so/tong-hop/bao-cao/"
STAFF_NAMES = ("Huỳnh Lê Minh", "Nguyễn Thị Hoa", "Trần Văn Nam")


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    """The roll-up page and the report read "today"; both see the same school year."""
    import django.utils.timezone as tz

    monkeypatch.setattr(tz, "localdate", lambda *a, **k: TODAY)


def _download(client, fmt: str, ky: str = YEAR):
    response = client.get(f"{URL}?ky={ky}&dinh_dang={fmt}")
    assert response.status_code == 200, response.content[:300]
    return response


def _page_figures(client) -> list[tuple[str, str]]:
    """(province value, numerator / denominator) of each row of the roll-up page, as printed."""
    html = client.get(f"/so/so/tong-hop/?ky={YEAR}").content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    out = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [
            " ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split())
            for c in re.findall(r"<td>(.*?)</td>", row, re.S)
        ]
        out.append((cells[2], cells[3]))
    return out


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_word_report_has_the_departments_header_signer_and_the_rollup_figures(province, client_for):
    client = client_for(province[0].users["official"])
    response = _download(client, "docx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert "bao-cao-tong-hop-so-2026-2027.docx" in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert "ỦY BAN NHÂN DÂN TỈNH GIA LAI" in text
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in text
    assert re.search(r"Số:\s+/BC-SGDĐT", text), text[:400]
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text
    assert "Tổng kết năm học 2026-2027 việc thực hiện Kế hoạch số 1020/KH-SGDĐT" in text
    # The roll-up page's figures, as printed there: 63/80 = 78,75% (never the mean of 90% and 60%), 15 + 4 = 19.
    figures = _page_figures(client)
    assert figures == [("78,8%", "63 / 80"), ("19", "—")]
    assert "78,8%" in text and "63/80" in text and "\n19\n" in text
    assert "75%" not in text
    # Per-school completeness: the third school is tied but has no figures.
    assert "Trường THCS Thứ Ba" in text and "0/2" in text and "2/2" in text
    assert "Các trường còn thiếu số liệu: Trường THCS Thứ Ba." in text
    for name in STAFF_NAMES:
        assert name not in text


def test_the_pdf_and_the_spreadsheet_carry_the_same_figures(province, client_for):
    import openpyxl
    from pypdf import PdfReader

    client = client_for(province[0].users["official"])
    pdf = _download(client, "pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    flat = " ".join(text.split())
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in flat and "KT. GIÁM ĐỐC" in flat and "PHÓ GIÁM ĐỐC" in flat
    assert "78,8%" in flat and "63/80" in flat and "Trường THCS Thứ Ba" in flat
    for name in STAFF_NAMES:
        assert name not in flat

    xlsx = _download(client, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(isinstance(v, float) and abs(v - 0.7875) < 1e-9 for v in values)  # 78.75% stored as a number
    assert 63 in values and 80 in values and 19 in values
    assert "Trường THCS Thứ Ba" in values
    assert not any(isinstance(v, str) and any(n in v for n in STAFF_NAMES) for v in values)


def test_libreoffice_renders_the_word_report_with_the_same_figures(province, client_for, tmp_path):
    data = _download(client_for(province[0].users["official"]), "docx").content
    text = libreoffice_text(tmp_path, "bao-cao-tinh.docx", data)
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in flat and "KT. GIÁM ĐỐC" in flat
    assert "78,8%" in flat and "63/80" in flat


def test_the_header_is_the_one_of_the_departments_own_plan_when_it_has_one(province, client_for):
    from truyenthong.plans.models import Plan

    w = province[0]
    Plan.objects.filter(organisation=w.department).update(
        parent_body="UBND TỈNH GIA LAI", issuing_body="SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH GIA LAI"
    )
    text = _docx_text(_download(client_for(w.users["official"]), "docx").content)
    assert "UBND TỈNH GIA LAI" in text and "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH GIA LAI" in text
    assert "ỦY BAN NHÂN DÂN" not in text


def test_a_first_semester_is_a_so_ket_and_a_year_without_figures_says_so(province, client_for):
    client = client_for(province[0].users["official"])
    text = _docx_text(_download(client, "docx", ky="2026-2027-HK1").content)
    assert "Sơ kết học kỳ I năm học 2026-2027" in text
    empty = _docx_text(_download(client, "docx", ky="2024-2025").content)
    assert "chưa có số liệu cho chỉ tiêu nào của Sở" in empty
    assert not re.search(r"(?<![\d,])0%", empty.replace("không được tính là 0%", ""))


def test_only_the_departments_own_officials_download_it(province, client_for):
    w = province[0]
    assert client_for(w.users["other_official"]).get(f"{URL}?dinh_dang=docx").status_code == 403
    assert client_for(w.users["principal"]).get(f"{URL}?dinh_dang=docx").status_code == 403
    assert client_for(w.users["teacher"]).get(f"{URL}?dinh_dang=pdf").status_code == 403
    anonymous = client_for(None).get(f"{URL}?dinh_dang=docx")
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    assert client_for(w.users["official"]).get(f"{URL}?dinh_dang=odt").status_code == 404


def test_the_rollup_page_links_to_the_report_in_three_formats(province, client_for):
    page = client_for(province[0].users["official"]).get(f"/so/so/tong-hop/?ky={YEAR}").content.decode()
    for fmt in ("docx", "pdf", "xlsx"):
        assert f"{URL}?ky={YEAR}&amp;dinh_dang={fmt}" in page
