"""Upload checks shared by every app: size, extension, and the file's own signature (a renamed file is refused)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings

from truyenthong.core.errors import InvalidInput
from truyenthong.lib import filelimits


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]


IMAGE = Kind("ảnh (JPEG, PNG, WebP, GIF)", (".jpg", ".jpeg", ".png", ".webp", ".gif"))
PDF = Kind("PDF", (".pdf",))
DOCX = Kind("Word (.docx)", (".docx",))
XLSX = Kind("Excel (.xlsx)", (".xlsx",))
CSV = Kind("CSV", (".csv",))
TXT = Kind("văn bản (.txt)", (".txt",))
VIDEO = Kind("video (MP4, WebM)", (".mp4", ".webm"))
EVIDENCE = (IMAGE, PDF, DOCX, XLSX)


def sniff(data: bytes) -> str:
    """The type a file really is, from its first bytes: jpeg, png, gif, webp, pdf, docx, xlsx, zip, mp4, webm or ''."""
    head = data[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return ""
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    return ""


_EXPECTED = {
    ".jpg": {"jpeg"},
    ".jpeg": {"jpeg"},
    ".png": {"png"},
    ".gif": {"gif"},
    ".webp": {"webp"},
    ".pdf": {"pdf"},
    ".docx": {"docx"},
    ".xlsx": {"xlsx"},
    ".mp4": {"mp4"},
    ".webm": {"webm"},
}


def check_upload(
    *, name: str, data: bytes, kinds: tuple[Kind, ...] | Kind, max_bytes: int, field: str = ""
) -> str:
    """Return the lower-case extension if the upload is acceptable, else raise InvalidInput saying what and where."""
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    where = f"Tệp «{name}»" + (f" (trường «{field}»)" if field else "")
    allowed = tuple(ext for k in kinds for ext in k.extensions)
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in allowed:
        raise InvalidInput(
            f"{where}: loại tệp không được nhận; chỉ nhận {', '.join(k.label for k in kinds)}."
        )
    if not data:
        raise InvalidInput(f"{where} rỗng.")
    if len(data) > max_bytes:
        raise InvalidInput(
            f"{where} quá lớn ({len(data) / 1048576:.1f} MB); giới hạn là {max_bytes / 1048576:.0f} MB."
        )
    expected = _EXPECTED.get(ext)
    if expected is not None and sniff(data) not in expected:
        raise InvalidInput(
            f"{where}: nội dung không phải là {ext[1:].upper()} như tên tệp (có thể tệp bị đổi đuôi)."
        )
    check_limits(name=name, data=data)
    if ext in (".csv", ".txt"):
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"{where}: không đọc được dạng văn bản UTF-8.") from exc
    return ext


def upload_limits() -> filelimits.Limits:
    """The decompression and complexity limits of this installation (settings UPLOAD_MAX_*)."""
    return filelimits.Limits(
        unpacked_bytes=settings.UPLOAD_MAX_UNPACKED_BYTES,
        entries=settings.UPLOAD_MAX_ENTRIES,
        sheet_rows=settings.UPLOAD_MAX_SHEET_ROWS,
        sheet_columns=settings.UPLOAD_MAX_SHEET_COLUMNS,
        pdf_pages=settings.UPLOAD_MAX_PDF_PAGES,
    )


def check_limits(*, name: str, data: bytes) -> None:
    """Refuse a decompression or size bomb (Office zip, spreadsheet dimensions, PDF pages) before it is parsed."""
    try:
        filelimits.check_file(data, name, upload_limits())
    except filelimits.FileLimitError as exc:
        raise InvalidInput(exc.message) from exc
