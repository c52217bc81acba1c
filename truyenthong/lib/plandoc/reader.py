"""Paragraphs of a plan file (.txt, .docx, .pdf), in reading order, normalised to NFC.

- .txt: UTF-8 with or without BOM, or UTF-16 with BOM. A line is a paragraph, unless the file is hard-wrapped
  (every line short, as text copied out of a PDF), in which case wrapped lines are joined as for a PDF.
- .docx: body paragraphs and tables in body order; text boxes and content controls are read, tracked deletions
  are not. Word's automatic numbering (numbering.xml: decimal, Roman, letters, bullets; set on the paragraph or
  by its style) is written into the text as the reader sees it ("I. ", "1. ", "a) ", "- ", "+ "). A line break
  inside a paragraph starts a new paragraph unless the next line plainly continues the sentence.
  A data table (a header row of short labels and at least one more row) is read row by row: the header row as
  ``TABLE_HEADER`` + cells joined by ``CELL``, each further row as cells joined by ``CELL`` (see :func:`table_cells`);
  a layout table (the header and signature blocks side by side) gives each cell's paragraphs once, merged cells
  not repeated. A heading typed without numbering (a paragraph in a "Heading n" style or with an outline level,
  or a short whole-line bold paragraph) starts with ``HEADING`` and its level ("1", "2"…; "0" for bold only), so
  the parser can read sections and groups a school did not number (see :func:`heading_of`).
- .pdf: the text layer through pypdf; page numbers and running headers/footers are dropped and lines wrapped by
  the page width are joined back into paragraphs (see :func:`join_lines`); a document reference cut at its dash
  by the line end ("35/KH-" + "CLQĐ") is joined without a space. A table printed from Word with its ruling lines
  is read cell by cell from the lines' positions, so it gives the same rows as the .docx (a table cut by a page
  break continues on the next page).
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from truyenthong.lib.filelimits import FileLimitError, check_file
from truyenthong.lib.plandoc.model import PlanDocumentError
from truyenthong.lib.vntext import fold, nfc

ACCEPTED = (".docx", ".pdf", ".txt")
# Markers of a data table's rows in the paragraph stream (private-use characters: never in a real document).
TABLE_HEADER = "\ue000"
CELL = "\ue001"
HEADING = "\ue002"  # + the level digit: an unnumbered heading of a .docx
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


def read_paragraphs(data: bytes, filename: str, *, headings: bool = False) -> list[str]:
    """The file's paragraphs as NFC strings, without empty ones; raises PlanDocumentError with a Vietnamese message.

    With ``headings`` an unnumbered heading of a .docx keeps the reader's mark (``HEADING`` + level), which only
    the plan parser asks for; other readers get plain text."""
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
    paragraphs = [p for p in (nfc(p if headings else heading_of(p)[1]) for p in paragraphs) if p]
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
        kept: list[str] = []
        for line in lines:
            if kept and line and _glued(kept[-1], line):
                kept[-1] = f"{kept[-1]}{line}"
            elif line:
                kept.append(line)
        return kept
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
    if near_full >= 0.6 * len(lengths):
        return True
    # Lists wrap too: many lines that stop mid-sentence at nearly the full width are cut by a page.
    cut = [line for line in lines if len(line) >= 0.85 * longest and not line.endswith((*_TERMINAL, ","))]
    return len(cut) >= 3 and len(cut) >= 0.1 * len(lengths)


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


_REF_CUT_RE = re.compile(
    r"(?<![\w/])\d{1,5}(?:/(?:19|20)\d{2})?/[A-ZĐ][A-ZĐa-zđ0-9]*-$|\d{1,5}-[A-ZĐ][A-Za-zĐđ]*/$"
)
_REF_TAIL_RE = re.compile(r"^[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*(?![a-zà-ỹđ])")


def _glued(prev: str, line: str) -> bool:
    """Whether a line end cut one word in two at its dash: a document reference or a span of years."""
    if _REF_CUT_RE.search(prev) and _REF_TAIL_RE.match(line):
        return True
    return bool(re.search(r"(?<!\d)(?:19|20)\d{2}-$", prev) and re.match(r"(?:19|20)\d{2}(?!\d)", line))


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
        if _is_table_row(line) or (paragraphs and _is_table_row(paragraphs[-1])):
            paragraphs.append(line)
        elif paragraphs and _glued(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]}{line}"  # "35/KH-" + "CLQĐ …", "2024-" + "2025": one word
        elif paragraphs and _continues(paragraphs[-1], line, full_length):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _is_table_row(line: str) -> bool:
    return CELL in line or line.startswith(TABLE_HEADER)


def _full_line_length(lines: list[str]) -> float | None:
    lengths = sorted(len(line) for line in lines if len(line) >= 20 and not _is_table_row(line))
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
    numbering = _Numbering(document)
    numbering.read_styles(document)
    paragraphs = list(_blocks(document.element.body, numbering))
    if not any(p.strip() for p in paragraphs):
        raise PlanDocumentError(f"Tệp Word «{name}» không có nội dung chữ: tệp trống hoặc chỉ có hình ảnh.")
    return paragraphs


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL")]
_ROMAN += [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    """Word's letter numbering: a … z, then aa … zz."""
    return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _format_number(fmt: str, n: int) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Word's automatic numbering (numbering.xml), counted the way Word shows it while the body is read."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) → format, text, start
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.abstract_of: dict[str, str] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            part = None
        if part is not None:
            self._read(part.element)
        for style in document.styles.element.findall(_W + "style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(_W + "numId")
                ilvl = num_pr.find(_W + "ilvl")
                if num_id is not None:
                    level = int(ilvl.get(_W + "val")) if ilvl is not None else 0
                    self.style_num[style.get(_W + "styleId")] = (num_id.get(_W + "val"), level)

    def read_styles(self, document) -> None:
        """Which paragraph styles are headings (by name or outline level) and which are bold."""
        self.heading_styles: dict[str, int] = {}
        self.bold_styles: set[str] = set()
        for style in document.styles.element.findall(_W + "style"):
            style_id = style.get(_W + "styleId") or ""
            name_node = style.find(_W + "name")
            name = (name_node.get(_W + "val") if name_node is not None else "") or ""
            named = re.fullmatch(r"(?i)(?:heading|tiêu đề|tieu de|đề mục)\s*(\d)", name.strip())
            outline = style.find(f"{_W}pPr/{_W}outlineLvl")
            if named:
                self.heading_styles[style_id] = int(named.group(1))
            elif outline is not None and (outline.get(_W + "val") or "9").isdigit():
                level = int(outline.get(_W + "val")) + 1
                if level <= 6:
                    self.heading_styles[style_id] = level
            if _is_bold(style.find(f"{_W}rPr")):
                self.bold_styles.add(style_id)

    def heading_level(self, p, text: str) -> int | None:
        """The level of an unnumbered heading: its style's ("Heading 2" → 2), its outline level, 0 for a short
        paragraph bold from end to end; None for anything else (or a paragraph whose number is typed)."""
        words = text.split()
        if not words or len(words) > 14 or len(text) > 110 or text.rstrip().endswith((".", ";", ",")):
            return None
        if _NEW_PARAGRAPH_RE.match(text.strip()) or "\n" in text.strip():
            return None
        ppr = p.find(_W + "pPr")
        style = ppr.find(_W + "pStyle") if ppr is not None else None
        style_id = style.get(_W + "val") if style is not None else ""
        outline = ppr.find(_W + "outlineLvl") if ppr is not None else None
        if (
            outline is not None
            and (outline.get(_W + "val") or "9").isdigit()
            and int(outline.get(_W + "val")) < 6
        ):
            return int(outline.get(_W + "val")) + 1
        if style_id in getattr(self, "heading_styles", {}):
            return self.heading_styles[style_id]
        style_bold = style_id in getattr(self, "bold_styles", set())
        runs = [r for r in p.iter(_W + "r") if "".join(t.text or "" for t in r.iter(_W + "t")).strip()]
        if runs and all(_is_bold(r.find(_W + "rPr"), default=style_bold) for r in runs):
            return 0
        return None

    def _read(self, root) -> None:
        abstracts = {}
        for abstract in root.findall(_W + "abstractNum"):
            levels = {}
            for lvl in abstract.findall(_W + "lvl"):
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                start = lvl.find(_W + "start")
                levels[int(lvl.get(_W + "ilvl"))] = (
                    fmt.get(_W + "val") if fmt is not None else "decimal",
                    text.get(_W + "val") if text is not None else "",
                    int(start.get(_W + "val")) if start is not None else 1,
                )
            abstracts[abstract.get(_W + "abstractNumId")] = levels
        for num in root.findall(_W + "num"):
            num_id = num.get(_W + "numId")
            ref = num.find(_W + "abstractNumId")
            abstract_id = ref.get(_W + "val") if ref is not None else ""
            self.abstract_of[num_id] = abstract_id
            for ilvl, level in abstracts.get(abstract_id, {}).items():
                self.levels[(num_id, ilvl)] = level
            for override in num.findall(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                ilvl = int(override.get(_W + "ilvl"))
                if start is not None and (num_id, ilvl) in self.levels:
                    fmt, text, _ = self.levels[(num_id, ilvl)]
                    self.levels[(num_id, ilvl)] = (fmt, text, int(start.get(_W + "val")))

    def label(self, p) -> str:
        """The number Word shows before paragraph ``p`` ("II. ", "2. ", "b) ", "- "), or ""."""
        ppr = p.find(_W + "pPr")
        if ppr is None:
            return ""
        num_pr = ppr.find(_W + "numPr")
        num_id, ilvl = None, 0
        if num_pr is not None:
            node, lvl = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
            num_id = node.get(_W + "val") if node is not None else None
            ilvl = int(lvl.get(_W + "val")) if lvl is not None else 0
        else:
            style = ppr.find(_W + "pStyle")
            if style is not None and style.get(_W + "val") in self.style_num:
                num_id, ilvl = self.style_num[style.get(_W + "val")]
        if not num_id or num_id == "0" or (num_id, ilvl) not in self.levels:
            return ""
        fmt, text, start = self.levels[(num_id, ilvl)]
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return ("- " if ilvl == 0 else "+ ") if text not in ("-", "+") else f"{text} "
        # Word counts per abstract list: lists sharing one continue each other's numbers.
        counters = self.counters.setdefault(self.abstract_of.get(num_id, num_id), {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def value(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = self.levels.get((num_id, level), ("decimal", "", 1))
            return _format_number(level_fmt, counters.get(level, level_start))

        rendered = re.sub(r"%(\d)", value, text).strip()
        return f"{rendered} " if rendered else ""


def _is_bold(rpr, *, default: bool = False) -> bool:
    """Whether run (or style) properties set bold ("w:b" without val, or val true/1/on)."""
    if rpr is None:
        return default
    bold = rpr.find(_W + "b")
    if bold is None:
        return default
    return (bold.get(_W + "val") or "true").lower() in ("true", "1", "on")


def _blocks(parent, numbering: _Numbering | None = None) -> Iterator[str]:
    for child in parent:
        tag = child.tag
        if tag == _W + "p":
            text, boxes = _paragraph_text(child)
            for box in boxes:
                yield from _blocks(box, numbering)
            label = numbering.label(child) if numbering is not None and text.strip() else ""
            level = numbering.heading_level(child, text) if numbering is not None and not label else None
            if level is not None:
                yield f"{HEADING}{level}{' '.join(text.split())}"
                continue
            yield from join_lines((label + text.lstrip()).split("\n"))
        elif tag == _W + "tbl":
            yield from _table(child, numbering)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content, numbering)
        elif tag in (_W + "customXml", _W + "ins", _W + "moveTo", _W + "smartTag"):
            yield from _blocks(child, numbering)


def _cell_text(cell, numbering) -> str:
    return " ".join(nfc(heading_of(p)[1]) for p in _blocks(cell, numbering) if nfc(p))


def heading_of(paragraph: str) -> tuple[int | None, str]:
    """(level, text) of an unnumbered heading marked by the .docx reader (level 0: bold only), else (None, text)."""
    if paragraph.startswith(HEADING) and len(paragraph) > 1 and paragraph[1].isdigit():
        return int(paragraph[1]), paragraph[2:]
    return None, paragraph


_LAYOUT_WORDS_RE = re.compile(
    r"(?i)cộng hòa|cộng hoà|độc lập|nơi nhận|^số\s*:|^kt\.|^tm\.|hiệu trưởng$|giám đốc$"
)


def _table(tbl, numbering=None) -> Iterator[str]:
    rows = []
    for row in _children(tbl, "tr"):
        cells = []
        for cell in _children(row, "tc"):
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(_W + "val") in (None, "continue")
            cells.append((cell, continued))
        rows.append(cells)
    texts = [[("" if continued else _cell_text(cell, numbering)) for cell, continued in row] for row in rows]
    if _is_data_table(texts):
        yield TABLE_HEADER + CELL.join(texts[0])
        for row in texts[1:]:
            if any(row):
                yield CELL.join(row)
        return
    for row in rows:
        for cell, continued in row:
            if (
                not continued
            ):  # the lower part of a vertically merged cell: its text belongs to the cell above
                yield from _blocks(cell, numbering)


def _is_data_table(rows: list[list[str]]) -> bool:
    """A table of data (a header row of short labels over rows), not a layout table for the header or signature."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    header = rows[0]
    if not all(header) or any(len(cell) > 60 or len(cell.split()) > 9 for cell in header):
        return False
    return not any(_LAYOUT_WORDS_RE.search(cell) for row in rows for cell in row if cell)


def table_cells(paragraph: str) -> tuple[bool, list[str]] | None:
    """(is the header row, cells) for a data table row from :func:`read_paragraphs`, else None."""
    if CELL not in paragraph and not paragraph.startswith(TABLE_HEADER):
        return None
    header = paragraph.startswith(TABLE_HEADER)
    return header, [cell.strip() for cell in paragraph.removeprefix(TABLE_HEADER).split(CELL)]


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
            text = _page_text(page)
        except Exception:  # an odd drawing the table reader cannot follow: the plain text layer still reads
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
    lines = _tables_across_pages([line for page in _without_page_furniture(page_lines) for line in page])
    return join_lines(lines, full_length=_full_line_length(lines))


# A table printed from Word keeps its ruling lines: vertical and horizontal strokes (or thin filled rectangles).
_RULE_TOLERANCE = 2.0


@dataclass
class _Grid:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom (PDF y grows upwards)

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] - 1 <= x <= self.xs[-1] and self.ys[-1] <= y <= self.ys[0] + 1):
            return None
        col = next((i for i in range(len(self.xs) - 1) if x < self.xs[i + 1] - 0.5), None)
        row = next((j for j in range(len(self.ys) - 1) if y > self.ys[j + 1]), None)
        return None if col is None or row is None else (row, col)


def _merge(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _RULE_TOLERANCE:
            out.append(v)
    return out


def _grids(segments: list[tuple[float, float, float, float]]) -> list[_Grid]:
    """Tables drawn by ``segments`` (x0, y0, x1, y1): groups of vertical rules that overlap, cut by horizontals."""
    verticals = [
        (x0, min(y0, y1), max(y0, y1)) for x0, y0, x1, y1 in segments if abs(x1 - x0) < 1 and abs(y1 - y0) > 5
    ]
    horizontals = [
        (y0, min(x0, x1), max(x0, x1)) for x0, y0, x1, y1 in segments if abs(y1 - y0) < 1 and abs(x1 - x0) > 5
    ]
    groups: list[list[tuple[float, float, float]]] = []
    for v in sorted(verticals, key=lambda v: -v[2]):
        # rules that overlap or touch (one box per cell, row under row) belong to one table
        touching = [g for g in groups if any(v[1] <= u[2] + 1 and u[1] <= v[2] + 1 for u in g)]
        merged = [v, *(u for g in touching for u in g)]
        groups = [g for g in groups if not any(g is t for t in touching)] + [merged]
    grids = []
    for group in groups:
        xs = _merge([x for x, _, _ in group])
        top, bottom = max(v[2] for v in group), min(v[1] for v in group)
        ys = _merge(
            [
                y
                for y, x0, x1 in horizontals
                if bottom - _RULE_TOLERANCE <= y <= top + _RULE_TOLERANCE and x0 < xs[-1] and x1 > xs[0]
            ]
        )
        if len(xs) >= 3 and len(ys) >= 2:  # one row: the rest of a table cut by the page break
            grids.append(_Grid(xs=xs, ys=sorted(ys, reverse=True)))
    return grids


def _page_text(page) -> str:
    """The page's text as pypdf extracts it, with each ruled table replaced by its rows (see :func:`_table_rows`)."""
    segments: list[tuple[float, float, float, float]] = []
    path: list[tuple[float, float]] = []
    width, height = float(page.mediabox.width), float(page.mediabox.height)

    def apply(cm, x, y):
        return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]

    def before(op, args, cm, tm):
        nonlocal path
        if op == b"m" and len(args) == 2:
            path = [apply(cm, float(args[0]), float(args[1]))]
        elif op == b"l" and len(args) == 2 and path:
            point = apply(cm, float(args[0]), float(args[1]))
            segments.append((*path[-1], *point))
            path.append(point)
        elif op == b"re" and len(args) == 4:
            x, y, w, h = (float(a) for a in args)
            if abs(h) < 2.5 and abs(w) > 5:  # a thin filled rectangle drawn as a rule
                segments.append((*apply(cm, x, y + h / 2), *apply(cm, x + w, y + h / 2)))
            elif abs(w) < 2.5 and abs(h) > 5:
                segments.append((*apply(cm, x + w / 2, y), *apply(cm, x + w / 2, y + h)))
            elif 5 < abs(w) < 0.9 * width and 5 < abs(h) < 0.9 * height:  # a cell's box (not the page's)
                x0, y0 = apply(cm, x, y)
                x1, y1 = apply(cm, x + w, y + h)
                segments.extend([(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)])

    parts: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        x, y = apply(cm, tm[4], tm[5])
        parts.append((text, x, y))

    text = page.extract_text(visitor_operand_before=before, visitor_text=visit) or ""
    grids = _grids(segments)
    if not grids or "".join(p for p, _, _ in parts) != text:
        return text
    out: list[str] = []
    cells: dict[int, dict[tuple[int, int], list[tuple[float, float, str]]]] = {}
    placed: set[int] = set()
    for piece, x, y in parts:
        where = next(((n, g.cell(x, y)) for n, g in enumerate(grids) if g.cell(x, y) is not None), None)
        if where is None:
            out.append(piece)
            continue
        n, cell = where
        if piece.strip():
            cells.setdefault(n, {}).setdefault(cell, []).append((-y, x, piece.strip()))
        if n not in placed:
            placed.add(n)
            out.append(f"\n{{table{n}}}\n")
    joined = "".join(out)
    for n, grid in enumerate(grids):
        rows = _table_rows(grid, cells.get(n, {}))
        joined = joined.replace(f"{{table{n}}}", "\n".join(rows))
    return joined


def _table_rows(grid: _Grid, cells: dict[tuple[int, int], list[tuple[float, float, str]]]) -> list[str]:
    """A ruled table's rows as the .docx reader writes them: header row and rows of cells, or, for a table of
    layout (not data), each cell's text on its own line."""
    texts = []
    for row in range(len(grid.ys) - 1):
        texts.append(
            [
                " ".join(t for _y, _x, t in sorted(cells.get((row, col), [])))
                for col in range(len(grid.xs) - 1)
            ]
        )
    texts = [[" ".join(cell.split()) for cell in row] for row in texts if any(row)]
    if len(texts) == 1:  # a row on its own: the end of a table from the page before, or a framed note
        return [CELL.join(texts[0])]
    if _is_data_table(texts):
        return [TABLE_HEADER + CELL.join(texts[0]), *(CELL.join(row) for row in texts[1:])]
    return [cell for row in texts for cell in row if cell]


def _tables_across_pages(lines: list[str]) -> list[str]:
    """A table cut by a page break: the part on the next page continues the rows, its header row (repeated, or
    a first row numbered like a data row) not read as the header of a new table; a lone row that continues no
    table is read as plain paragraphs."""
    out: list[str] = []
    header = ""
    for line in lines:
        if CELL in line and not line.startswith(TABLE_HEADER):
            previous = out[-1] if out else ""
            if CELL not in previous or len(previous.removeprefix(TABLE_HEADER).split(CELL)) != len(
                line.split(CELL)
            ):  # not the rest of the table above it: its cells are plain paragraphs
                out.extend(cell for cell in line.split(CELL) if cell.strip())
                continue
        if line.startswith(TABLE_HEADER):
            cells = line.removeprefix(TABLE_HEADER).split(CELL)
            previous = out[-1] if out else ""
            if CELL in previous and len(previous.removeprefix(TABLE_HEADER).split(CELL)) == len(cells):
                if line == header:
                    continue
                if re.fullmatch(r"\d{1,3}\.?", cells[0].strip()):
                    out.append(CELL.join(cells))
                    continue
            header = line
        out.append(line)
    return out


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
