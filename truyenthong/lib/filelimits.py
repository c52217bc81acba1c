"""Refuse decompression and size bombs before a parser sees them: Office files (zip), spreadsheets, PDFs.

Every check looks at headers only (zip directory, the sheet's declared dimension, the PDF page tree's /Count), so
a hostile 400 KB file costs milliseconds, not gigabytes. Pure: no Django; callers pass limits from their settings.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass


class FileLimitError(ValueError):
    """The file is larger or more complex than allowed; `message` says so in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    unpacked_bytes: int = 50 * 1024 * 1024  # all entries of a .docx/.xlsx, decompressed
    entries: int = 2000  # files inside a .docx/.xlsx
    ratio: int = 200  # decompressed/compressed for any one large entry
    sheet_rows: int = 20_000
    sheet_columns: int = 200
    pdf_pages: int = 300


DEFAULT = Limits()
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?\"")
_RATIO_FLOOR = 1024 * 1024  # small entries may compress very well (empty sheets, styles); judge only big ones


def _mb(n: int) -> str:
    return f"{n / 1048576:.0f} MB"


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def check_zip(data: bytes, name: str, limits: Limits = DEFAULT) -> None:
    """A .docx/.xlsx: entry count, total decompressed size and compression ratio from the zip directory alone."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: the type check or the parser reports it in its own words
    if len(infos) > limits.entries:
        raise FileLimitError(
            f"Tệp «{name}» chứa quá nhiều thành phần ({len(infos)}; tối đa {limits.entries}): "
            "hãy lưu lại tệp bằng Word/Excel rồi tải lên."
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise FileLimitError(
                f"Tệp «{name}» nén bất thường (phần «{info.filename}» bung ra {_mb(info.file_size)}): "
                "hệ thống không mở tệp này."
            )
    if total > limits.unpacked_bytes:
        raise FileLimitError(
            f"Tệp «{name}» khi giải nén quá lớn ({_mb(total)}; tối đa {_mb(limits.unpacked_bytes)}): "
            "hãy bớt ảnh hoặc tách thành nhiều tệp."
        )
    for info in infos:
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            _check_sheet(archive, info, name, limits)


def _check_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    with archive.open(info) as stream:
        head = stream.read(4096)
    match = _DIMENSION.search(head)
    if not match:
        return
    last_col, last_row = match.group(3) or match.group(1), match.group(4) or match.group(2)
    rows = int(last_row) if last_row else 0
    cols = _column_number(last_col) if last_col else 0
    if rows > limits.sheet_rows or cols > limits.sheet_columns:
        sheet = info.filename.rsplit("/", 1)[-1].removesuffix(".xml")
        raise FileLimitError(
            f"Tệp «{name}», trang tính «{sheet}» quá lớn ({rows} dòng × {cols} cột; tối đa "
            f"{limits.sheet_rows} dòng × {limits.sheet_columns} cột): hãy xóa các dòng, cột thừa rồi tải lên."
        )


def check_pdf(data: bytes, name: str, limits: Limits = DEFAULT) -> None:
    """A PDF: its declared page count (the root page tree's /Count), read without walking or parsing pages."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return  # the reader asks for the password in its own words
        pages = reader.trailer["/Root"]["/Pages"]["/Count"]
        count = int(pages)
    except (PyPdfError, KeyError, TypeError, ValueError, OSError, RecursionError):
        return
    if count > limits.pdf_pages:
        raise FileLimitError(
            f"Tệp PDF «{name}» có {count} trang; hệ thống chỉ đọc tệp tối đa {limits.pdf_pages} trang."
        )


def check_file(data: bytes, name: str, limits: Limits = DEFAULT) -> None:
    """Dispatch on the file's own signature (not its name): zip-based Office files and PDFs."""
    if data.startswith(b"PK\x03\x04"):
        check_zip(data, name, limits)
    elif data.lstrip()[:5] == b"%PDF-":
        check_pdf(data, name, limits)
