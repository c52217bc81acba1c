"""Turn a .txt, .docx or text-based .pdf into the plan's paragraphs, NFC-normalised, in reading order."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from truyenthong.lib.plandoc.model import PlanDocumentError
from truyenthong.lib.vntext import nfc

SUPPORTED = (".txt", ".docx", ".pdf")

# A line of a PDF that starts one of these begins a new paragraph; anything else continues the previous one.
_STARTS = re.compile(
    r"^(?:[IVX]{1,4}\.\s|\d{1,2}\.\s|\d{1,2}\.\d{1,2}\.?\s|[a-zđ]\)\s|[-–+•]\s?|Căn cứ\b|Số\s*:|Nơi nhận|"
    r"Trên đây|KT\.|TM\.|TL\.|Độc lập|CỘNG HÒA|Kính gửi)"
)
_PLACE_DATE = re.compile(r"^[^,]{2,60},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_PAGE_NUMBER = re.compile(r"^(?:-?\s*\d{1,3}\s*-?|Trang\s+\d+(?:\s*/\s*\d+)?)$", re.IGNORECASE)


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _decode_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanDocumentError(
            f"Tệp «{name}» không đọc được dạng văn bản UTF-8 (dòng có ký tự lỗi ở vị trí {exc.start})."
        ) from exc


def _docx_paragraphs(data: bytes, name: str) -> list[str]:
    try:
        from docx import Document
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = Document(BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanDocumentError(
            f"Tệp «{name}» không phải là tài liệu Word (.docx) hợp lệ hoặc đã bị hỏng."
        ) from exc
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise PlanDocumentError(
            f"Tệp «{name}» không mở được như tài liệu Word (.docx): tệp có thể bị hỏng."
        ) from exc
    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.extend(Paragraph(child, document).text.split("\n"))
        elif tag == "tbl":
            table = Table(child, document)
            # Column by column, each cell once: the header and signature tables are two columns side by side.
            seen = set()
            columns = max((len(row.cells) for row in table.rows), default=0)
            for col in range(columns):
                for row in table.rows:
                    if col >= len(row.cells):
                        continue
                    cell = row.cells[col]
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        out.extend(paragraph.text.split("\n"))
    return out


def _pdf_lines(data: bytes, name: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            raise PlanDocumentError(f"Tệp PDF «{name}» được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.")
        lines: list[str] = []
        for page in reader.pages:
            lines.extend((page.extract_text() or "").splitlines())
    except PlanDocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PlanDocumentError(f"Tệp «{name}» không phải là PDF hợp lệ hoặc đã bị hỏng.") from exc
    return lines


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Join lines that a page layout wrapped back into paragraphs (PDF text has one line per printed line)."""
    paragraphs: list[str] = []
    in_signature = False
    cleaned = [nfc(raw) for raw in lines]
    cleaned = [line for line in cleaned if line and not _PAGE_NUMBER.match(line)]
    # A printed line well short of the full width ends its paragraph (wrapped lines fill the width).
    full_width = max((len(line) for line in cleaned), default=0)
    previous = ""
    for line in cleaned:
        starts_new = (
            not paragraphs
            or in_signature
            or len(previous) < 0.7 * full_width
            or bool(_STARTS.match(line))
            or bool(_PLACE_DATE.match(line))
            or _is_caps(line)
            or _is_caps(paragraphs[-1])
            or (paragraphs[-1].endswith((".", ";", ":")) and line[:1].isupper())
        )
        if starts_new:
            paragraphs.append(line)
        else:
            joiner = "" if paragraphs[-1].endswith("-") and not paragraphs[-1].endswith(" -") else " "
            paragraphs[-1] = paragraphs[-1] + joiner + line
        previous = line
        if _is_caps(line) and re.search(r"(HIỆU TRƯỞNG|GIÁM ĐỐC|TRƯỞNG BAN|BÍ THƯ)$", line):
            in_signature = True
    return paragraphs


def read_paragraphs(data: bytes, filename: str) -> list[str]:
    """Paragraphs of the document (NFC, spaces cleaned, empty ones dropped); PlanDocumentError if unreadable."""
    name = filename or "tệp tải lên"
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in SUPPORTED:
        raise PlanDocumentError(
            f"Tệp «{name}» không được hỗ trợ: chỉ nhận kế hoạch dạng .docx, .pdf hoặc .txt."
        )
    if not data or not data.strip():
        raise PlanDocumentError(f"Tệp «{name}» rỗng: không có nội dung để đọc.")
    if ext == ".txt":
        paragraphs = [nfc(line) for line in _decode_text(data, name).splitlines()]
    elif ext == ".docx":
        if not data.startswith(b"PK"):
            raise PlanDocumentError(
                f"Tệp «{name}» không phải là tài liệu Word (.docx) hợp lệ hoặc đã bị hỏng."
            )
        paragraphs = [nfc(p) for p in _docx_paragraphs(data, name)]
    else:
        if not data.startswith(b"%PDF"):
            raise PlanDocumentError(f"Tệp «{name}» không phải là PDF hợp lệ hoặc đã bị hỏng.")
        paragraphs = join_wrapped_lines(_pdf_lines(data, name))
        if sum(len(p) for p in paragraphs) < 20:
            raise PlanDocumentError(
                f"Tệp PDF «{name}» không có lớp chữ (có thể là bản scan hoặc ảnh chụp): hãy tải lên bản .docx "
                "hoặc PDF xuất trực tiếp từ Word."
            )
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise PlanDocumentError(f"Tệp «{name}» rỗng: không có nội dung để đọc.")
    return paragraphs
