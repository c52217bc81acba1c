"""Hole 7: decompression and size bombs are refused from their headers, fast, before any parser runs."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.urls import reverse

from truyenthong.core import uploads
from truyenthong.core.errors import InvalidInput


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx_bomb() -> bytes:
    return _zip(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document>" + b" " * 80_000_000}
    )


def _xlsx(dimension: str, rows: str = "") -> bytes:
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def _pdf_with_pages(count: int) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [3 0 R] /Count {count} >>".encode(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _refused(name: str, data: bytes, kinds) -> str:
    started = time.perf_counter()
    with pytest.raises(InvalidInput) as exc:
        uploads.check_upload(name=name, data=data, kinds=kinds, max_bytes=10 * 1024 * 1024)
    assert time.perf_counter() - started < 2
    return exc.value.message


def test_a_docx_that_expands_past_the_cap_is_refused():
    data = _docx_bomb()
    assert len(data) < 1024 * 1024
    assert "nén" in _refused("ke-hoach.docx", data, uploads.DOCX)


def test_an_archive_with_too_many_entries_is_refused():
    entries = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    entries |= {f"word/media/x{i}.bin": b"" for i in range(2100)}
    assert "quá nhiều thành phần" in _refused("ke-hoach.docx", _zip(entries), uploads.DOCX)


def test_a_sheet_declaring_a_million_rows_is_refused_and_an_ordinary_one_is_not():
    assert "trang tính «sheet1» quá lớn" in _refused("can-bo.xlsx", _xlsx("A1:XFD1048576"), uploads.XLSX)
    uploads.check_upload(name="can-bo.xlsx", data=_xlsx("A1:K120"), kinds=uploads.XLSX, max_bytes=10**7)


def test_a_pdf_of_75000_pages_is_refused_from_its_page_tree():
    assert "75000 trang" in _refused("minh-chung.pdf", _pdf_with_pages(75_000), uploads.PDF)
    uploads.check_upload(name="minh-chung.pdf", data=_pdf_with_pages(1), kinds=uploads.PDF, max_bytes=10**7)


def test_the_plan_importer_refuses_the_bombs_before_parsing():
    from truyenthong.plans.services import plan_check_upload

    for name, data in (("kh.docx", _docx_bomb()), ("kh.pdf", _pdf_with_pages(75_000))):
        started = time.perf_counter()
        with pytest.raises(InvalidInput):
            plan_check_upload(data=data, filename=name, max_bytes=10 * 1024 * 1024)
        assert time.perf_counter() - started < 2


def test_the_pure_reader_guards_its_own_entry():
    from truyenthong.lib.plandoc.model import PlanDocumentError
    from truyenthong.lib.plandoc.reader import read_paragraphs

    with pytest.raises(PlanDocumentError, match="trang"):
        read_paragraphs(_pdf_with_pages(75_000), "kh.pdf")


@pytest.mark.django_db
def test_the_register_import_page_refuses_a_spreadsheet_bomb(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("org:people-import", args=[world.school.code])
    upload = SimpleUploadedFile("can-bo.xlsx", _xlsx("A1:XFD1048576"))
    response = client_for(world.users["principal"]).post(url, {"file": upload})
    assert response.status_code == 200
    assert "quá lớn" in response.content.decode()
