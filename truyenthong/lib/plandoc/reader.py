"""Paragraphs of a plan file (.txt, .docx, .pdf), in reading order, normalised to NFC.

- .txt: UTF-8 with or without BOM, or UTF-16 with BOM. A line is a paragraph, unless the file is hard-wrapped
  (every line short, as text copied out of a PDF), in which case wrapped lines are joined as for a PDF.
- .docx: body paragraphs and tables in body order; each table cell's paragraphs are emitted once (merged cells
  are not repeated), text boxes and content controls are read, tracked deletions are not. A line break inside a
  paragraph starts a new paragraph unless the next line plainly continues the sentence.
- .pdf: the text layer through pypdf; page numbers and running headers/footers are dropped and lines wrapped by
  the page width are joined back into paragraphs (see :func:`join_lines`).
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath

from truyenthong.lib.filelimits import FileLimitError, check_file
from truyenthong.lib.plandoc.model import PlanDocumentError
from truyenthong.lib.vntext import fold, nfc

ACCEPTED = (".docx", ".pdf", ".txt")
ACCEPTED_TEXT = ".docx, .pdf hoặc .txt"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# A line starting like this opens a paragraph (numbering, bullets, the usual paragraph openings).
_NEW_PARAGRAPH_RE = re.compile(
    r"^(?:[IVXL]{1,5}\s*[.)/]\s|\d{1,2}(?:\.\d{1,2})*\s*[.)]\s|[a-zđ]\s*\)\s|[-+•●▪◦–—*]\s*\S|"
    r"(?:Căn cứ|Thực hiện|Nơi nhận|Kính gửi|Số\s*:|Trên đây|KT\.|TM\.|TL\.|TUQ\.|Q\.|Lưu\s*:)(?!\w))"
)
_BULLET_RE = re.compile(r"^[-+•●▪◦–—*]\s*(?P<first>\S)")
_TERMINAL = (".", ";", ":", "!", "?", "./.")
_PAGE_NUMBER_RE = re.compile(r"^(?:trang\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*/\s*\d{1,3})?$", re.IGNORECASE)


def read_paragraphs(data: bytes, filename: str) -> list[str]:
    """The file's paragraphs as NFC strings, without empty ones; raises PlanDocumentError with a Vietnamese message."""
    name = PurePath(filename or "").name or "tệp tải lên"
    suffix = PurePath(name).suffix.lower()
    if suffix == ".doc":
        raise PlanDocumentError(
            f"Tệp «{name}» là tệp Word đời cũ (.doc): hãy mở bằng Word, lưu lại dạng .docx rồi tải lên; "
            f"hệ thống chỉ nhận kế hoạch dạng {ACCEPTED_TEXT}."
        )
    if suffix == "" and data:
        suffix = _sniff(data)
    if suffix not in ACCEPTED:
        raise PlanDocumentError(f"Tệp «{name}» không được hỗ trợ: chỉ nhận kế hoạch dạng {ACCEPTED_TEXT}.")
    if not data or not data.strip():
        raise PlanDocumentError(f"Tệp «{name}» rỗng: không có nội dung nào để đọc.")
    actual = _sniff(data)
    if suffix in (".docx", ".pdf") and actual != suffix and actual in (".docx", ".pdf"):
        raise PlanDocumentError(
            f"Tệp «{name}» có đuôi {suffix} nhưng nội dung là tệp {actual}: hãy đổi lại đúng đuôi tệp rồi tải lên."
        )
    try:  # size and decompression limits before any parser runs
        check_file(data, name)
    except FileLimitError as exc:
        raise PlanDocumentError(exc.message) from exc
    if suffix == ".txt":
        paragraphs = _read_txt(data, name)
    elif suffix == ".docx":
        paragraphs = _read_docx(data, name)
    else:
        paragraphs = _read_pdf(data, name)
    paragraphs = [p for p in (nfc(p) for p in paragraphs) if p]
    if not paragraphs:
        raise PlanDocumentError(f"Tệp «{name}» không có nội dung chữ nào để đọc.")
    return paragraphs


def _sniff(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if data.lstrip()[:5] == b"%PDF-":
        return ".pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"
    return ".txt"


# ---------------------------------------------------------------------------------------------------------- text


def _read_txt(data: bytes, name: str) -> list[str]:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PlanDocumentError(
            f"Tệp «{name}» không đọc được: không phải văn bản UTF-8 (byte lạ ở vị trí {exc.start}). "
            "Hãy lưu lại tệp với bảng mã UTF-8 (Unicode) hoặc tải lên bản .docx."
        ) from exc
    if "\x00" in text:
        raise PlanDocumentError(
            f"Tệp «{name}» không phải văn bản thuần (.txt): hãy tải lên bản .docx hoặc .pdf."
        )
    lines = nfc(text, keep_newlines=True).split("\n")
    if not _looks_hard_wrapped(lines):
        return [line for line in lines if line]
    paragraphs: list[str] = []
    full = _full_line_length(lines)
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
        elif block:
            paragraphs.extend(join_lines(block, full_length=full))
            block = []
    return paragraphs


def _looks_hard_wrapped(lines: list[str]) -> bool:
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 8:
        return False
    longest = max(lengths)
    if longest > 130:
        return False
    near_full = sum(1 for n in lengths if n >= 0.6 * longest)
    return near_full >= 0.6 * len(lengths)


# --------------------------------------------------------------------------------------------------- wrapping


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def _first_letter(line: str) -> str:
    return next((c for c in line if c.isalpha()), "")


def _continues(prev: str, line: str, full_length: float | None) -> bool:
    """Whether ``line`` continues the paragraph whose last line is ``prev``."""
    prev_terminated = prev.endswith(_TERMINAL)
    if _NEW_PARAGRAPH_RE.match(line):
        bullet = _BULLET_RE.match(line)
        # "kinh tế\n- xã hội": a dash before a lower-case word inside a sentence is not a bullet.
        return bool(bullet and bullet.group("first").islower() and not prev_terminated)
    prev_caps, line_caps = _is_caps(prev), _is_caps(line)
    if prev_caps != line_caps:
        return False
    if prev_caps:
        return full_length is not None and len(prev) >= 0.75 * full_length
    first = _first_letter(line[:3]) or line[:1]
    if first.islower():
        return not prev.endswith("./.")
    if prev_terminated:
        return False
    if full_length is None:
        return prev.endswith((",", "-", "–"))
    return len(prev) >= 0.75 * full_length


def join_lines(lines: list[str], *, full_length: float | None = None) -> list[str]:
    """Lines wrapped by a page layout joined back into paragraphs.

    A line opens a new paragraph when it starts with numbering, a bullet or a usual opening ("Căn cứ", "Nơi
    nhận", "Trên đây", "KT."), when it changes between capitals and lower case (a heading), when the line before
    ends a sentence (".", ";", ":") and this one starts with a capital, or when the line before stops well short
    of the usual full line (``full_length`` characters; without it only a lower-case start or a line ending in
    "," continues a paragraph).
    """
    paragraphs: list[str] = []
    for raw in lines:
        line = nfc(raw)
        if not line:
            continue
        if paragraphs and _continues(paragraphs[-1], line, full_length):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _full_line_length(lines: list[str]) -> float | None:
    lengths = sorted(len(line) for line in lines if len(line) >= 20)
    if len(lengths) < 5:
        return None
    return statistics.quantiles(lengths, n=10)[7]  # the 80th percentile: a full line of body text


# ---------------------------------------------------------------------------------------------------------- docx


def _read_docx(data: bytes, name: str) -> list[str]:
    from docx import Document  # python-docx, imported here so a .txt import does not pay for it

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for zip, package and content-type errors
        raise PlanDocumentError(
            f"Tệp «{name}» không phải là tài liệu Word (.docx) hợp lệ hoặc đã bị hỏng: hãy mở lại bằng Word, "
            "lưu dạng .docx rồi tải lên."
        ) from exc
    paragraphs = list(_blocks(document.element.body))
    if not any(p.strip() for p in paragraphs):
        raise PlanDocumentError(f"Tệp Word «{name}» không có nội dung chữ: tệp trống hoặc chỉ có hình ảnh.")
    return paragraphs


def _blocks(parent) -> Iterator[str]:
    for child in parent:
        tag = child.tag
        if tag == _W + "p":
            text, boxes = _paragraph_text(child)
            for box in boxes:
                yield from _blocks(box)
            yield from join_lines(text.split("\n"))
        elif tag == _W + "tbl":
            yield from _table(child)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif tag in (_W + "customXml", _W + "ins", _W + "moveTo", _W + "smartTag"):
            yield from _blocks(child)


def _table(tbl) -> Iterator[str]:
    for row in _children(tbl, "tr"):
        for cell in _children(row, "tc"):
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(_W + "val") in (None, "continue"):
                continue  # the lower part of a vertically merged cell: its text belongs to the cell above
            yield from _blocks(cell)


def _children(element, local: str) -> Iterator:
    """Direct children named ``local``, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == _W + local:
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            inner = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if inner is not None:
                yield from _children(inner, local)


_SKIPPED = {
    _W + "pPr",
    _W + "rPr",
    _W + "del",
    _W + "moveFrom",
    _W + "delText",
    _W + "instrText",
    _W + "fldChar",
    _MC + "Fallback",
}


def _paragraph_text(p) -> tuple[str, list]:
    parts: list[str] = []
    boxes: list = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "txbxContent":
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    return "".join(parts), boxes


# ----------------------------------------------------------------------------------------------------------- pdf


def _read_pdf(data: bytes, name: str) -> list[str]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlanDocumentError(
                f"Tệp PDF «{name}» được đặt mật khẩu: hãy gỡ mật khẩu hoặc tải lên bản .docx."
            )
        pages = list(reader.pages)
    except PlanDocumentError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, DependencyError (AES) and plain ValueErrors
        raise PlanDocumentError(
            f"Tệp PDF «{name}» bị hỏng hoặc được mã hóa nên không đọc được: hãy xuất lại PDF hoặc tải lên bản .docx."
        ) from exc
    page_lines: list[list[str]] = []
    for page in pages:
        try:
            text = page.extract_text() or ""
        except Exception:  # one damaged page should not lose the others
            text = ""
        page_lines.append([line for line in nfc(text, keep_newlines=True).split("\n") if line])
    if not any(page_lines):
        raise PlanDocumentError(
            f"Tệp PDF «{name}» không có lớp chữ (có thể là bản scan hoặc ảnh chụp) nên không đọc được nội dung: "
            "hãy tải lên bản .docx hoặc PDF xuất trực tiếp từ Word."
        )
    lines = [line for page in _without_page_furniture(page_lines) for line in page]
    return join_lines(lines, full_length=_full_line_length(lines))


def _without_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages without page numbers and without lines repeated at the top or bottom of most pages."""
    edge_keys: Counter[str] = Counter()
    for lines in pages:
        for line in {*lines[:2], *lines[-2:]}:
            edge_keys[re.sub(r"\d+", "#", fold(line))] += 1
    repeated = {key for key, n in edge_keys.items() if len(pages) >= 3 and n >= max(3, 0.6 * len(pages))}
    cleaned = []
    for lines in pages:
        kept = list(lines)
        for index in [0, 1, -1, -2]:
            if -len(kept) <= index < len(kept):
                line = kept[index]
                if _PAGE_NUMBER_RE.match(line) or re.sub(r"\d+", "#", fold(line)) in repeated:
                    kept[index] = ""
        cleaned.append([line for line in kept if line])
    return cleaned
