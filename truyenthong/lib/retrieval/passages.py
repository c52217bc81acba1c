"""A document's paragraphs as passages that keep their section numbering and headings, and its metadata.

Numbering follows the state layout (Decree 30/2020): I, II (sections), 1, 2 (or 1.1), a), b), then "-"/"+" bullets;
legal texts also use "Chương I", "Mục 1", "Điều 5.". A numbered line that is short and does not end a sentence is a
heading; a numbered paragraph that ends like a sentence is content labelled with its number. The front matter
before the first heading is one section ("Phần mở đầu"); nothing from "Nơi nhận" on is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from truyenthong.lib.vntext import fold, parse_place_date_line

MAX_PASSAGE_CHARS = 1200
HEADING_MAX_CHARS = 260
FRONT = "Phần mở đầu"

_CHAPTER_RE = re.compile(r"^(Chương|Phần|Mục)\s+([IVXL]+|\d+)\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_ARTICLE_RE = re.compile(r"^Điều\s+(\d+)\s*[.:]\s*(.*)$")
_ROMAN_RE = re.compile(r"^([IVXL]{1,5})\s*[.)/]\s*(.+)$")
_NUMBER_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(.+)$")
_LETTER_RE = re.compile(r"^([a-zđ])\s*\)\s*(.+)$")
_STOP_RE = re.compile(r"^(Nơi nhận|Nơi gửi)\s*:?", re.IGNORECASE)
_CLOSING_RE = re.compile(r"^Trên đây\b")
CLOSING = "Phần kết"
_NUMBER_LINE_RE = re.compile(r"Số\s*:\s*(?P<number>[0-9A-Za-zĐđ][0-9A-Za-zĐđ\s./\-–]{1,40})")
_DOC_TYPES = (
    "NGHỊ QUYẾT",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "HƯỚNG DẪN",
    "CÔNG VĂN",
    "THÔNG BÁO",
    "CHỈ THỊ",
    "BÁO CÁO",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "CHƯƠNG TRÌNH",
    "TÀI LIỆU",
    "ĐỀ ÁN",
)
_ISSUER_WORDS = ("TRƯỜNG", "SỞ ", "BỘ ", "BAN ", "ỦY BAN", "UBND", "ĐẢNG", "TỈNH ỦY", "CHÍNH PHỦ", "PHÒNG ")


@dataclass
class Passage:
    section: str  # "II.1.a", "Điều 3", "" for the front matter
    heading: str  # the titles above it, outermost first, joined by " › "
    text: str
    order: int = 0


@dataclass
class Metadata:
    number: str = ""
    issued_on: dt.date | None = None
    issuer: str = ""
    doc_type: str = ""
    title: str = ""


@dataclass
class _Level:
    rank: int
    label: str
    title: str


@dataclass
class _State:
    levels: list[_Level] = field(default_factory=list)

    def enter(self, rank: int, label: str, title: str) -> None:
        self.levels = [lv for lv in self.levels if lv.rank < rank] + [_Level(rank, label, title)]

    def section(self, extra: str = "") -> str:
        labels = [lv.label for lv in self.levels if lv.label] + ([extra] if extra else [])
        out = ""
        for label in labels:
            if label.startswith(("Chương", "Phần", "Mục", "Điều")):
                out = (out + " " + label).strip()
            else:
                out = f"{out}.{label}" if out and not out.endswith(" ") else (out + label)
        return out

    def heading(self) -> str:
        return " › ".join(lv.title for lv in self.levels if lv.title)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ";", "!", "?", "./."))


def _numbered(paragraph: str) -> tuple[int, str, str] | None:
    """(rank, label, rest) for a numbered paragraph, or None."""
    if m := _CHAPTER_RE.match(paragraph):
        return (0, f"{m.group(1).capitalize()} {m.group(2)}", m.group(3))
    if m := _ARTICLE_RE.match(paragraph):
        return (1, f"Điều {m.group(1)}", m.group(2))
    if m := _ROMAN_RE.match(paragraph):
        return (1, m.group(1), m.group(2))
    if m := _NUMBER_RE.match(paragraph):
        return (2 + m.group(1).count("."), m.group(1).split(".")[-1], m.group(2))
    if m := _LETTER_RE.match(paragraph):
        return (6, m.group(1), m.group(2))
    return None


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    parts, current = [], ""
    for sentence in split_sentences(text):
        if current and len(current) + len(sentence) + 1 > MAX_PASSAGE_CHARS:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        parts.append(current)
    return parts


_SENTENCE_END_RE = re.compile(r"(?<=[.;!?])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9\-+•])")


def split_sentences(text: str) -> list[str]:
    """Sentences (and ";"-separated clauses) of a passage, each an exact substring of it."""
    return [s.strip() for s in _SENTENCE_END_RE.split(text.strip()) if s.strip()]


def _front_end(paragraphs: list[str]) -> int:
    """Index of the first paragraph of the body: the first numbered heading."""
    for i, p in enumerate(paragraphs):
        numbered = _numbered(p)
        if numbered and numbered[0] <= 2 and len(p) <= HEADING_MAX_CHARS and not _ends_sentence(p):
            return i
    return len(paragraphs)


def split_passages(paragraphs: list[str], *, title: str = "") -> list[Passage]:
    """Passages of a document, in reading order, with their section numbers and headings."""
    passages: list[Passage] = []
    state = _State()
    body_start = _front_end(paragraphs)
    front = [p for p in paragraphs[:body_start] if not _is_furniture(p)]
    for p in front:
        for part in _split_long(p):
            passages.append(Passage(section="", heading=(title or FRONT), text=part))
    for p in paragraphs[body_start:]:
        if _STOP_RE.match(p):
            break
        if _CLOSING_RE.match(p):
            state = _State([_Level(0, "", CLOSING)])
        numbered = _numbered(p)
        if numbered:
            rank, label, rest = numbered
            if len(p) <= HEADING_MAX_CHARS and not _ends_sentence(p):
                state.enter(rank, label, rest.strip())
                continue
            # A numbered paragraph of content: labelled with its number, headings stay as they are.
            for part in _split_long(p):
                passages.append(Passage(section=state.section(label), heading=state.heading(), text=part))
            continue
        for part in _split_long(p):
            passages.append(Passage(section=state.section(), heading=state.heading(), text=part))
    for i, passage in enumerate(passages):
        passage.order = i
    return passages


def _is_furniture(paragraph: str) -> bool:
    """Header lines of the front matter that say nothing (national motto, "Số:" line, a lone document type)."""
    folded = fold(paragraph)
    return (
        folded.startswith(("cong hoa xa hoi chu nghia", "doc lap - tu do", "doc lap – tu do", "so:"))
        or paragraph.strip() in _DOC_TYPES
        or _is_place_date(paragraph)
        or len(paragraph) < 4
    )


def _is_place_date(paragraph: str) -> bool:
    parsed = parse_place_date_line(paragraph) if len(paragraph) < 80 else None
    return parsed is not None


def read_metadata(paragraphs: list[str]) -> Metadata:
    """Number, date, issuer, document type and title from the first paragraphs of a document."""
    meta = Metadata()
    head = paragraphs[:15]
    for i, p in enumerate(head):
        if not meta.number and (m := _NUMBER_LINE_RE.search(p)):
            meta.number = re.sub(r"\s+", "", m.group("number")).rstrip(".-–")
        if meta.issued_on is None and "ngày" in p.lower() and "tháng" in p.lower():
            parsed = parse_place_date_line(p)
            if parsed and parsed[1]:
                meta.issued_on = parsed[1]
        if not meta.doc_type and p.strip().upper() == p.strip() and p.strip() in _DOC_TYPES:
            meta.doc_type = p.strip()
            if i + 1 < len(head):
                meta.title = head[i + 1].strip()
    for p in head:
        if _numbered(p) or p.startswith("Số"):
            break
        if p.upper() == p and any(w in p for w in _ISSUER_WORDS) and p.strip() not in _DOC_TYPES:
            if "CỘNG HÒA" in p or "ĐỘC LẬP" in p:
                continue
            meta.issuer = p.strip()
    return meta
