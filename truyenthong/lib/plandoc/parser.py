"""The structure of a Vietnamese school plan (Kế hoạch) read from its paragraphs.

What it recognises, by wording rather than by position, so that plans from other schools read as well:

- Header (before the document type): the parent and issuing bodies (capitals; a body starts with "TRƯỜNG",
  "SỞ", "PHÒNG", "UBND", "BỘ", "BAN"…, a capital line that does not is the rest of the previous body), the
  national motto (dropped), "Số: 35 /KH-CLQĐ" (spaces around "/" removed), the place-and-date line. A PDF may
  merge the two header columns into one line; each piece is still found.
- The document type ("KẾ HOẠCH", in capitals), then the summary (trích yếu) up to the first "Căn cứ"/"Thực hiện"
  paragraph or a paragraph ending in ".", ";" or ":", joined into one line.
- "Căn cứ …" paragraphs (and "Thực hiện …;") are the legal bases; the other paragraphs before the first section
  form the introduction. A basis that ends in ":" ran on into the introduction ("Căn cứ …, Trường … như sau:",
  as a PDF joins them) and is split at its last ", " before a capital.
- Sections are the paragraphs numbered I, II, III… (or, in a plan without Roman numerals, capitalised headings
  such as "1. MỤC ĐÍCH, YÊU CẦU"), classified by title:
  objectives ("MỤC TIÊU", "MỤC ĐÍCH, YÊU CẦU", "CHỈ TIÊU"), tasks ("NHIỆM VỤ", "GIẢI PHÁP", "NỘI DUNG",
  "HOẠT ĐỘNG"), budget ("KINH PHÍ"), implementation ("TỔ CHỨC THỰC HIỆN", "TRÁCH NHIỆM"). Anything under
  another title is reported in ``warnings``.
- Objectives: "Mục tiêu chung"/"Mục đích"/"Yêu cầu" items are general objectives; "Mục tiêu cụ thể"/"Chỉ tiêu"
  items are targets. A section titled only "CHỈ TIÊU" holds targets, "MỤC ĐÍCH, YÊU CẦU" holds general
  objectives; under a bare "MỤC TIÊU" an item with a measure is a target and one without is a general objective.
  A phase heading is a short item made only of time words and years ("a) Giai đoạn 2026-2030", "1. Đến hết năm
  học 2026-2027", "2. Đến năm 2028:"); targets before any phase heading have phase "".
- Tasks: "1.", "2." items (or "2.1.", "2.2." in a section without plain numbers) open task groups; "-", "+",
  "a)" items and plain paragraphs are its tasks, items before the first group form an unnamed group. When no
  group has any item, the numbered items themselves are the tasks of one unnamed group.
- Budget: its paragraphs, bullets removed, one per line.
- Implementation: numbered items ("1.", else "4.1.", else "a)") name the units ("1. Lãnh đạo trường", or
  "1. Lãnh đạo trường: chỉ đạo …", "Đối với" dropped); the following items or plain paragraphs are their duties.
  Before the first unit, "- Unit: duty" bullets name units, and other text goes to a unit named "".
- An item ending in ":" followed by deeper items ("- Về giáo viên:" then "+ …") is not kept on its own: it
  prefixes each of them. A plain lead-in sentence among targets is reported in ``warnings``.
- "Trên đây …" (and a following "Trong quá trình thực hiện …") is the closing. "Nơi nhận:" starts the footer:
  "- …" items are recipients, the capitalised lines are the signer's authority ("KT."/"TM."…) and position, and
  the last name-like line is the signer's name (an earlier line that is part of it is the signature itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from truyenthong.lib.plandoc.measures import measures_in
from truyenthong.lib.plandoc.model import (
    Basis,
    Flag,
    PlanDocument,
    PlanDocumentError,
    Responsibility,
    Signer,
    Target,
    TaskGroup,
)
from truyenthong.lib.plandoc.reader import heading_of, read_paragraphs, table_cells
from truyenthong.lib.plandoc.refs import normalise_ref, refs_in
from truyenthong.lib.vntext import fold, nfc, parse_place_date_line

__all__ = ["parse_plan", "parse_plan_file", "refs_in"]

QUOTE_LENGTH = 80

_ROMAN_RE = re.compile(r"^(?P<num>[IVXL]{1,5})\s*[.)/]\s*(?P<text>\S.*)$")
_SUBNUM_RE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<text>\S.*)$")
_NUM_RE = re.compile(r"^(?P<num>\d{1,2})\s*[.)]\s*(?P<text>\S.*)$")
_ALPHA_RE = re.compile(r"^(?P<num>[a-zđ])\s*[).]\s+(?P<text>\S.*)$")
_DASH_RE = re.compile(r"^[-–—−•●▪◦*]\s*(?P<text>\S.*)$")
_PLUS_RE = re.compile(r"^\+\s*(?P<text>\S.*)$")

ROMAN, NUM, SUBNUM, ALPHA, DASH, PLUS, TEXT = "roman", "num", "subnum", "alpha", "dash", "plus", "text"
_LEVEL = {ROMAN: 0, NUM: 1, SUBNUM: 2, ALPHA: 3, DASH: 4, PLUS: 5, TEXT: 9}

_DOC_TYPES = (
    "ke hoach",
    "bao cao",
    "quyet dinh",
    "thong bao",
    "chuong trinh",
    "chuong trinh hanh dong",
    "cong van",
    "to trinh",
    "huong dan",
    "ke hoach lien tich",
)
_MOTTO_RE = [
    re.compile(
        r"C[ỘO]NG\s+H(?:ÒA|OÀ|OA)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.IGNORECASE
    ),
    re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.IGNORECASE),
]
_NUMBER_RE = re.compile(r"(?<!\w)Số\s*:\s*(?P<num>\d*[\s.…]*/\s*[^\s,;]+|[^\s,;]+)", re.IGNORECASE)
_BODY_START_RE = re.compile(
    r"^(?:truong|so|phong|ubnd|uy ban|bo|ban|doan|cong doan|chi bo|dang bo|dang uy|hoi|tinh uy|huyen uy|"
    r"thanh uy|chi doan|lien doi|trung tam|cuc|vu|vien|hoi dong|hdnd|ubmttq|mat tran)(?:\s|$)"
)
_AUTHORITY_RE = re.compile(r"^(?:KT|TM|TL|TUQ|Q|PHT)\s*\.\s*\S")
_POSITIONS = {
    "hieu truong",
    "pho hieu truong",
    "hieu pho",
    "giam doc",
    "pho giam doc",
    "truong phong",
    "pho truong phong",
    "chu tich",
    "pho chu tich",
    "bi thu",
    "pho bi thu",
    "truong ban",
    "to truong",
    "ban giam hieu",
}
_SIGNATURE_NOTES_RE = re.compile(
    r"^\(?\s*(?:đã\s+ký|ký|ký\s+tên|chữ\s+ký|đóng\s+dấu|ký,?\s+ghi\s+rõ).*\)?$", re.I
)
_PHASE_WORDS = {
    "giai",
    "doan",
    "tu",
    "nay",
    "den",
    "het",
    "cuoi",
    "dau",
    "nam",
    "hoc",
    "ky",
    "i",
    "ii",
    "va",
    "sau",
    "truoc",
    "trong",
    "thang",
    "quy",
    "moi",
}
_PHASE_START_RE = re.compile(r"^(?:giai doan|den|nam hoc|nam|tu|trong|hoc ky|cuoi|dau)\b")
_CLOSING_RE = re.compile(r"^(?:tren day la|trong qua trinh (?:trien khai|thuc hien|to chuc))")


@dataclass
class _Item:
    kind: str
    number: str
    text: str
    raw: str
    heading: int | None = None  # an unnumbered .docx heading: its style level, 0 when only bold

    @property
    def level(self) -> int:
        return _LEVEL[self.kind]

    @property
    def is_list_item(self) -> bool:
        return self.kind != TEXT


def _plain(paragraph: str) -> str:
    """The paragraph without the reader's mark of an unnumbered heading."""
    return heading_of(paragraph)[1]


def _classify(paragraph: str) -> _Item:
    level, text = heading_of(paragraph)
    if level is not None:
        # numbered later, in the order of its section (see _Parser._section)
        return _Item(NUM, "", text.strip().rstrip(":").strip(), text, heading=level)
    for kind, pattern in (
        (ROMAN, _ROMAN_RE),
        (SUBNUM, _SUBNUM_RE),
        (NUM, _NUM_RE),
        (ALPHA, _ALPHA_RE),
        (PLUS, _PLUS_RE),
        (DASH, _DASH_RE),
    ):
        match = pattern.match(paragraph)
        if match:
            number = match.groupdict().get("num") or ""
            return _Item(kind, number, match.group("text").strip(), paragraph)
    return _Item(TEXT, "", paragraph, paragraph)


def _quote(text: str) -> str:
    text = nfc(text)
    return f"«{text[:QUOTE_LENGTH].rstrip()}…»" if len(text) > QUOTE_LENGTH else f"«{text}»"


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _section_kind(title: str) -> str:
    f = fold(title)
    if re.match(r"^(?:cac )?can cu\b", f):
        return "bases"
    if "to chuc thuc hien" in f or "trach nhiem" in f or "phan cong" in f:
        return "implementation"
    if "kinh phi" in f:
        return "budget"
    if any(word in f for word in ("muc tieu", "muc dich", "yeu cau", "chi tieu")):
        return "objectives"
    if any(word in f for word in ("nhiem vu", "giai phap", "noi dung", "hoat dong", "bien phap")):
        return "tasks"
    if re.match(r"^(?:dac diem|tinh hinh|thuc trang|boi canh|ket qua (?:dat duoc|thuc hien))", f):
        return "context"
    return "unknown"


_SUBHEADINGS = {"muc tieu chung", "muc tieu cu the", "muc dich", "yeu cau", "chi tieu cu the", "cac chi tieu"}
_SECTION_START_RE = re.compile(
    r"^(?:(?:cac )?can cu|muc dich|muc tieu|yeu cau|chi tieu|nhiem vu|giai phap|noi dung|(?:cac )?hoat dong|"
    r"bien phap|kinh phi|to chuc thuc hien|trach nhiem|phan cong|dac diem|tinh hinh|thuc trang|boi canh)\b"
)


def _unnumbered_section_kind(title: str) -> str:
    """The part an unnumbered heading opens, read strictly: its title starts with the part's words and is not one
    of the objectives' own subheadings ("Mục tiêu chung"), since a bold line may as well be a group's title."""
    f = fold(title).strip(" .:")
    if f in _SUBHEADINGS or not _SECTION_START_RE.match(f):
        return "unknown"
    return _section_kind(title)


# Words with which a plan sets a target ("phấn đấu 100% …", "ít nhất 02 …"); a measure with one of them outside
# the targets section is shown for confirmation instead of being kept as a task without a word.
_TARGET_WORDS_RE = re.compile(
    r"\b(?:phan dau|chi tieu|it nhat|toi thieu|khong duoi|khong thap hon|tro len|khong de xay ra)\b"
)


def _reads_like_target(text: str) -> bool:
    return bool(_TARGET_WORDS_RE.search(fold(text))) and bool(measures_in(text))


def _looks_like_heading(item: _Item) -> bool:
    """A short line that names a part and does not read as a sentence ("2. Nhiệm vụ và giải pháp")."""
    text = item.text.strip()
    return (
        len(text) <= 80
        and len(text.split()) <= 12
        and not text.endswith((".", ";", ","))
        and not (text.endswith(":") and len(text.split()) > 8)
    )


def _objectives_mode(title: str) -> str:
    f = fold(title)
    aims = "muc tieu" in f
    purpose = "muc dich" in f or "yeu cau" in f
    targets = "chi tieu" in f
    if targets and not aims and not purpose:
        return "specific"
    if purpose and not targets and not aims:
        return "general"
    return "mixed"


def phase_heading(text: str) -> tuple[str, str] | None:
    """(label, rest) when ``text`` opens a phase ("Giai đoạn 2026-2030", "Đến năm 2028: …"), else None."""
    head, _, rest = text.partition(":")
    label = head.strip().rstrip(".,;")
    f = fold(label)
    if len(label) > 70 or not re.search(r"(?:19|20)\d{2}", f) or not _PHASE_START_RE.match(f):
        return None
    if any(word not in _PHASE_WORDS for word in re.findall(r"[a-z]+", f)):
        return None
    return label, rest.strip()


def _strip_end(text: str) -> str:
    return text.strip().rstrip(";,").strip()


_SECTION_NAMES = {
    "bases": "Căn cứ",
    "objectives": "Mục tiêu, chỉ tiêu",
    "tasks": "Nhiệm vụ, giải pháp",
    "budget": "Kinh phí",
    "implementation": "Tổ chức thực hiện",
    "context": "Đặc điểm tình hình",
}
_NUMBER_LIKE_RE = re.compile(r"\d")


class _Parser:
    def __init__(self, paragraphs: list[str], source_name: str):
        self.paragraphs = paragraphs
        self.name = source_name
        self.plan = PlanDocument()
        self.warnings = self.plan.warnings

    # ---------------------------------------------------------------------------------------------- overall

    def run(self) -> PlanDocument:
        sections = self._section_starts()
        if not sections:
            self._not_a_plan()
        footer = self._footer_start(sections[0][0])
        self._preamble([_plain(p) for p in self.paragraphs[: sections[0][0]]])
        bounds = [*(index for index, _ in sections[1:]), footer]
        for (start, item), end in zip(sections, bounds, strict=True):
            self._section(item, self.paragraphs[start + 1 : end])
        self._footer([_plain(p) for p in self.paragraphs[footer:]])
        plan = self.plan
        if not (plan.general_objectives or plan.targets or plan.task_groups):
            self._not_a_plan()
        kinds = {_section_kind(item.text) for _, item in sections}
        missing = [
            name
            for kind, name in (("objectives", "mục tiêu, chỉ tiêu"), ("tasks", "nhiệm vụ, giải pháp"))
            if kind not in kinds
        ]
        if "budget" not in kinds:
            missing.append("kinh phí")
        if "implementation" not in kinds:
            missing.append("tổ chức thực hiện")
        if missing:
            plan.flags.append(
                Flag(
                    "missing",
                    "Không tìm thấy phần " + ", phần ".join(f"«{m}»" for m in missing) + " của kế hoạch.",
                )
            )
        if plan.doc_type and fold(plan.doc_type) != "ke hoach":
            self.warnings.append(f"Văn bản có tên loại «{plan.doc_type}», không phải «KẾ HOẠCH».")
        if not plan.number:
            self.warnings.append("Không tìm thấy số hiệu văn bản (dòng «Số: …»).")
        if plan.date is None:
            self.warnings.append("Không tìm thấy ngày ban hành (dòng «…, ngày … tháng … năm …»).")
        return plan

    def _not_a_plan(self):
        where = f"Tệp «{self.name}»" if self.name else "Văn bản này"
        raise PlanDocumentError(
            f"{where} không phải là một kế hoạch: không tìm thấy phần mục tiêu (MỤC TIÊU, MỤC ĐÍCH - YÊU CẦU "
            "hoặc CHỈ TIÊU) hay phần nhiệm vụ (NHIỆM VỤ VÀ GIẢI PHÁP, NỘI DUNG…) được đánh số I, II, III."
        )

    def _section_starts(self) -> list[tuple[int, _Item]]:
        items = [(i, _classify(p)) for i, p in enumerate(self.paragraphs) if table_cells(p) is None]
        roman = [(i, item) for i, item in items if item.kind == ROMAN and _has_words(item.text)]
        if any(_section_kind(item.text) not in ("unknown", "context") for _, item in roman):
            return roman
        # A plan without Roman numerals: capitalised headings ("1. MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG") are sections.
        caps = [
            (i, item)
            for i, item in items
            if item.kind in (NUM, TEXT) and _is_caps(item.text) and _section_kind(item.text) != "unknown"
        ]
        if sum(_section_kind(item.text) != "context" for _, item in caps) >= 2:
            return caps
        # Headings without numbers in a .docx ("Heading 1" style, or bold lines): by their words, in turn.
        marked = self._unnumbered_sections(items)
        if marked:
            return marked
        # Headings typed in normal case ("1. Mục đích, yêu cầu"): numbered 1, 2, 3… in turn, by their words.
        found: list[tuple[int, _Item]] = []
        for i, item in items:
            if item.kind != NUM or _section_kind(item.text) == "unknown" or not _looks_like_heading(item):
                continue
            expected = int(found[-1][1].number) + 1 if found else None
            if expected is None or int(item.number) == expected:
                found.append((i, item))
        if sum(_section_kind(item.text) != "context" for _, item in found) >= 2:
            for _, item in found:
                if not _is_caps(item.text):
                    self.plan.flags.append(
                        Flag(
                            "heading",
                            f"Đoạn {_quote(item.raw)} được hiểu là tiêu đề phần "
                            f"«{_SECTION_NAMES[_section_kind(item.text)]}» (không có số La Mã, không viết hoa).",
                        )
                    )
            return found
        return caps

    def _unnumbered_sections(self, items: list[tuple[int, _Item]]) -> list[tuple[int, _Item]]:
        """Sections opened by unnumbered headings: the styled headings of the highest level that name a part,
        else bold lines that do (the first of each part only: a later one is a group's title); each flagged."""
        candidates = [
            (i, item)
            for i, item in items
            if item.heading is not None
            and _looks_like_heading(item)
            and _unnumbered_section_kind(item.text) != "unknown"
        ]
        styled = [item.heading for _, item in candidates if item.heading]
        level = min(styled) if styled else 0
        found: list[tuple[int, _Item]] = []
        seen: set[str] = set()
        for i, item in candidates:
            kind = _unnumbered_section_kind(item.text)
            if item.heading != level or kind in seen:
                continue
            seen.add(kind)
            found.append((i, item))
        if sum(_section_kind(item.text) != "context" for _, item in found) < 2:
            return []
        how = "kiểu tiêu đề (Heading)" if level else "in đậm"
        for _, item in found:
            self.plan.flags.append(
                Flag(
                    "heading",
                    f"Đoạn {_quote(item.text)} được hiểu là tiêu đề phần "
                    f"«{_SECTION_NAMES[_section_kind(item.text)]}» (không đánh số, {how}).",
                )
            )
        return found

    def _footer_start(self, after: int) -> int:
        for index in range(after, len(self.paragraphs)):
            paragraph = _plain(self.paragraphs[index])
            f = fold(paragraph)
            if f.startswith("noi nhan"):
                return index
            if _AUTHORITY_RE.match(paragraph) or (_is_caps(paragraph) and f.strip(" .:") in _POSITIONS):
                return index
        return len(self.paragraphs)

    # --------------------------------------------------------------------------------------------- preamble

    def _preamble(self, paragraphs: list[str]) -> None:
        type_index = next((i for i, p in enumerate(paragraphs) if self._doc_type(p) is not None), None)
        if type_index is None:
            header_end = next(
                (i for i, p in enumerate(paragraphs) if not self._is_header_line(p)), len(paragraphs)
            )
            self.warnings.append("Không tìm thấy dòng tên loại văn bản (ví dụ «KẾ HOẠCH»).")
            rest = paragraphs[header_end:]
        else:
            header_end = type_index
            doc_type, title_start = self._doc_type(paragraphs[type_index])
            self.plan.doc_type = doc_type
            rest = ([title_start] if title_start else []) + paragraphs[type_index + 1 :]
        self._header(paragraphs[:header_end])

        title: list[str] = []
        index = 0
        while index < len(rest) and len(title) < 4:
            paragraph = rest[index]
            f = fold(paragraph)
            if not _has_words(paragraph):
                index += 1
                if title:
                    break
                continue
            if f.startswith(("can cu", "thuc hien", "kinh gui")) or paragraph.endswith((".", ";", ":")):
                break
            title.append(paragraph)
            index += 1
        self.plan.title = nfc(" ".join(title))

        intro: list[str] = []
        for paragraph in rest[index:]:
            if not _has_words(paragraph):
                continue
            f = fold(paragraph)
            cells = table_cells(paragraph)
            if cells is not None:
                paragraph, f = " – ".join(c for c in cells[1] if c), fold(" ".join(cells[1]))
            if f.startswith("can cu") or (
                f.startswith("thuc hien") and (paragraph.endswith((";", ",")) or refs_in(paragraph))
            ):
                paragraph, lead = self._basis_and_intro(paragraph)
                self.plan.bases.append(Basis(text=paragraph, refs=refs_in(paragraph)))
                if lead:
                    intro.append(lead)
            else:
                intro.append(paragraph)
        self.plan.intro = "\n".join(intro)

    @staticmethod
    def _basis_and_intro(paragraph: str) -> tuple[str, str]:
        """A last basis that runs on into the introduction ("Căn cứ …, Trường … như sau:") split in two."""
        if not paragraph.endswith(":"):
            return paragraph, ""
        cuts = list(re.finditer(r"[,;]\s+(?=[A-ZĐÀ-Ỹ])", paragraph))
        if not cuts:
            return paragraph, ""
        cut = cuts[-1]
        return paragraph[: cut.start() + 1], paragraph[cut.end() :]

    def _doc_type(self, paragraph: str) -> tuple[str, str] | None:
        """(document type, the rest of the paragraph) when the paragraph starts with a capitalised type."""
        words = paragraph.split()
        for size in (4, 3, 2):
            head = " ".join(words[:size])
            if _is_caps(head) and fold(head).strip(" .:") in _DOC_TYPES:
                return head.strip(" .:"), " ".join(words[size:])
        return None

    def _is_header_line(self, paragraph: str) -> bool:
        if not _has_words(paragraph) or _is_caps(paragraph):
            return True
        return bool(_NUMBER_RE.search(paragraph) or parse_place_date_line(paragraph))

    def _header(self, paragraphs: list[str]) -> None:
        bodies: list[str] = []
        merged: list[str] = []
        for paragraph in paragraphs:
            # A narrow header column wraps the national name: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM".
            if merged and fold(merged[-1]).endswith("chu nghia") and fold(paragraph).startswith("viet nam"):
                merged[-1] = f"{merged[-1]} {paragraph}"
            else:
                merged.append(paragraph)
        for paragraph in merged:
            text = paragraph
            for motto in _MOTTO_RE:
                text = motto.sub(" ", text)
            number = _NUMBER_RE.search(text)
            if number:
                self.plan.number = normalise_ref(number.group("num"))
                text = (text[: number.start()] + " " + text[number.end() :]).strip()
            place_date = parse_place_date_line(text)
            if place_date:
                place, date = place_date
                match_start = text.lower().find(place.lower()) if place else text.lower().find("ngày")
                text, place = self._split_place(text[:match_start], place)
                self.plan.place, self.plan.date = place, date
            text = nfc(text).strip(" -–_.")
            if not _has_words(text) or re.fullmatch(r"(?i)số\s*:?[\s.…/]*", text):
                continue
            if _is_caps(text):
                if bodies and not _BODY_START_RE.match(fold(text)):
                    bodies[-1] = f"{bodies[-1]} {text}"
                else:
                    bodies.append(text)
            else:
                self.warnings.append(f"Phần đầu văn bản: không xếp được đoạn {_quote(text)}.")
        if bodies:
            self.plan.issuing_body = bodies[-1]
            self.plan.parent_body = " ".join(bodies[:-1])

    def _split_place(self, before: str, place: str) -> tuple[str, str]:
        """Keep capitalised words a merged header line put before the place with the header, not the place."""
        words = place.split()
        caps = 0
        while caps < len(words) - 1 and _is_caps(words[caps]) and len(words[caps]) > 1:
            caps += 1
        if caps >= 2:
            return f"{before} {' '.join(words[:caps])}", " ".join(words[caps:])
        return before, place

    # --------------------------------------------------------------------------------------------- sections

    def _section(self, heading: _Item, paragraphs: list[str]) -> None:
        kind = _section_kind(heading.text)
        paragraphs, tables = self._tables_out(paragraphs, kind)
        items = [_classify(p) for p in paragraphs if _has_words(p)]
        count = 0
        for item in items:
            if item.heading is not None:
                count += 1
                item.number = str(count)
        items, closing = self._split_closing(items)
        if kind not in (
            "objectives",
            "context",
            "bases",
        ):  # the context tells last year's results, not targets
            self._flag_targets_outside(kind, items)
        if kind == "objectives":
            self._objectives(heading, items)
            for table in tables:
                self._target_table(table)
        elif kind == "tasks":
            self._tasks(items)
            for table in tables:
                self._task_table(table)
        elif kind == "bases":
            for item in items:
                text = item.text if item.kind in (DASH, PLUS, NUM, ALPHA) else item.raw
                self.plan.bases.append(Basis(text=text, refs=refs_in(text)))
        elif kind == "context":
            self.plan.intro = "\n".join(filter(None, [self.plan.intro, *(item.raw for item in items)]))
        elif kind == "budget":
            lines = [item.text if item.kind in (DASH, PLUS) else item.raw for item in items]
            self.plan.budget = "\n".join(filter(None, [self.plan.budget, *lines]))
        elif kind == "implementation":
            self._implementation(items)
        else:
            for item in items:
                self.warnings.append(
                    f"Phần «{heading.raw}» không thuộc các phần hệ thống đọc được; đoạn {_quote(item.raw)} "
                    "chưa được lưu."
                )
        if closing:
            self.plan.closing = "\n".join(filter(None, [self.plan.closing, *closing]))

    def _flag_targets_outside(self, kind: str, items: list[_Item]) -> None:
        """A sentence outside the targets section that sets a target ("Phấn đấu 100% …") is kept where it is
        and shown for confirmation: leadership adds it as a target or confirms it is not one."""
        where = _SECTION_NAMES.get(kind, "ngoài phần chỉ tiêu")
        for item in items:
            if _reads_like_target(item.text):
                self.plan.flags.append(
                    Flag(
                        "outside",
                        f"Đoạn {_quote(item.text)} ở phần «{where}» có dạng chỉ tiêu nhưng không nằm trong phần "
                        "mục tiêu, chỉ tiêu: nếu đó là chỉ tiêu, hãy thêm vào phần chỉ tiêu sau khi lưu.",
                    )
                )

    def _tables_out(self, paragraphs: list[str], kind: str) -> tuple[list[str], list[list[list[str]]]]:
        """The section's paragraphs without its data tables, and the tables (header row first) of a section
        that reads them (targets, tasks); elsewhere a row stays as one paragraph, its cells joined."""
        rest: list[str] = []
        tables: list[list[list[str]]] = []
        for paragraph in paragraphs:
            cells = table_cells(paragraph)
            if cells is None:
                rest.append(paragraph)
            elif kind in ("objectives", "tasks"):
                header, row = cells
                if header or not tables:
                    tables.append([])
                tables[-1].append(row)
            else:
                row = [c for c in cells[1] if c and not re.fullmatch(r"[\dIVXivx]{1,4}[.)]?", c)]
                if row:
                    rest.append(" – ".join(row))
        return rest, tables

    def _target_table(self, table: list[list[str]]) -> None:
        """A table of targets: a row per target, a column per year or phase (or one column of levels)."""
        header, rows = table[0], table[1:]
        folded = [fold(h).strip(" .:") for h in header]
        index_col = next((i for i, h in enumerate(folded) if h in ("tt", "stt", "so tt", "so thu tu")), None)
        text_col = next(
            (i for i, h in enumerate(folded) if re.search(r"chi tieu|noi dung|muc tieu|tieu chi|ten", h)),
            None,
        )
        unit_col = next((i for i, h in enumerate(folded) if h in ("don vi tinh", "dvt", "don vi")), None)
        phase_cols: list[tuple[int, str]] = []
        for i, h in enumerate(header):
            if i in (index_col, text_col, unit_col):
                continue
            label = nfc(h)
            if re.fullmatch(r"(?:19|20)\d{2}", label):
                label = f"Năm {label}"
            if phase_heading(label) is not None:
                phase_cols.append((i, phase_heading(label)[0]))
        if text_col is None:
            text_col = next(i for i in range(len(header)) if i not in (index_col, unit_col))
        if not phase_cols:
            value_col = next(
                (
                    i
                    for i, h in enumerate(folded)
                    if i not in (index_col, text_col, unit_col)
                    and re.search(r"muc|gia tri|chi tieu|ket qua|phan dau|dat", h)
                ),
                None,
            )
            if value_col is not None:
                phase_cols = [(value_col, "")]
        read = 0
        for row in rows:
            row = row + [""] * (len(header) - len(row))
            label = _strip_end(row[text_col])
            if not label:
                continue
            unit = fold(row[unit_col]) if unit_col is not None else ""
            values = [(phase, row[i].strip()) for i, phase in phase_cols if _has_words(row[i])]
            if not values:
                self.warnings.append(
                    f"Bảng chỉ tiêu: dòng {_quote(label)} không có giá trị nào nên chưa được lưu."
                )
                continue
            for phase, value in values:
                value = (
                    value.replace("≥", "tối thiểu ").replace("≤", "không quá ").replace(">=", "tối thiểu ")
                )
                value = nfc(value.replace("<=", "không quá "))
                if unit.strip() == "%" and re.fullmatch(r"[^\d]*\d+(?:[.,]\d+)?", value):
                    value = f"{value}%"
                if phase and phase not in self.plan.phases:
                    self.plan.phases.append(phase)
                self._add_target(phase, f"{label}: {value}")
                read += 1
        columns = ", ".join(f"«{phase}»" for _, phase in phase_cols if phase) or "một cột giá trị"
        self.plan.flags.append(
            Flag(
                "table",
                f"Bảng {len(rows)} dòng được đọc thành {read} chỉ tiêu, mỗi cột là một giai đoạn ({columns}): "
                "hãy kiểm tra từng chỉ tiêu và giai đoạn của nó.",
            )
        )

    def _task_table(self, table: list[list[str]]) -> None:
        """A table of tasks: content, and perhaps time and who leads, a row per task."""
        header, rows = table[0], table[1:]
        folded = [fold(h).strip(" .:") for h in header]
        index_col = next((i for i, h in enumerate(folded) if h in ("tt", "stt", "so tt", "so thu tu")), None)
        text_col = next(
            (
                i
                for i, h in enumerate(folded)
                if re.search(r"noi dung|nhiem vu|hoat dong|cong viec|giai phap", h)
            ),
            None,
        )
        if text_col is None:
            text_col = next(i for i in range(len(header)) if i != index_col)
        extra = [
            (i, nfc(header[i]))
            for i, h in enumerate(folded)
            if i not in (index_col, text_col)
            and re.search(r"thoi gian|don vi|chu tri|phu trach|phoi hop|thuc hien", h)
        ]
        group = TaskGroup(number="", title="")
        self.plan.task_groups.append(group)
        count = 0
        for row in rows:
            row = row + [""] * (len(header) - len(row))
            text = _strip_end(row[text_col])
            if not text:
                continue
            details = [f"{name}: {row[i].strip()}" for i, name in extra if row[i].strip()]
            group.tasks.append(f"{text} ({'; '.join(details)})" if details else text)
            count += 1
        self.plan.flags.append(
            Flag("table", f"Bảng {len(rows)} dòng được đọc thành {count} nhiệm vụ: hãy kiểm tra.")
        )

    def _split_closing(self, items: list[_Item]) -> tuple[list[_Item], list[str]]:
        for index, item in enumerate(items):
            if item.kind == TEXT and _CLOSING_RE.match(fold(item.text)):
                return items[:index], [i.raw for i in items[index:]]
        return items, []

    def _with_leads(self, items: list[_Item], *, heading_kind: str | None = None) -> list[_Item]:
        """Items with each "…:" lead-in item ("- Về giáo viên:") folded into the deeper items that follow it.

        Only "a)", "-" and "+" items lead in; numbered items and the section's heading kind are headings.
        """
        result: list[_Item] = []
        lead: _Item | None = None
        for index, item in enumerate(items):
            if lead is not None and (not item.is_list_item or item.level <= lead.level):
                lead = None
            following = items[index + 1] if index + 1 < len(items) else None
            if (
                item.kind in (ALPHA, DASH, PLUS)
                and item.kind != heading_kind
                and item.text.endswith(":")
                and following is not None
                and following.is_list_item
                and following.level > item.level
                and phase_heading(item.text) is None
            ):
                lead = item
                continue
            if lead is not None:
                item = _Item(item.kind, item.number, f"{lead.text} {item.text}", item.raw)
            result.append(item)
        return result

    def _objectives(self, heading: _Item, items: list[_Item]) -> None:
        plan = self.plan
        mode = _objectives_mode(heading.text)
        phase = ""
        items = self._with_leads(items)
        for index, item in enumerate(items):
            text = item.text
            if item.kind in (NUM, SUBNUM, TEXT) or (item.kind == ALPHA and len(text) < 60):
                head, _, rest = text.partition(":")
                fh = fold(head).strip(" .")
                if re.match(r"^(?:muc tieu chung|muc dich|yeu cau|muc dich,? yeu cau)$", fh):
                    mode, phase = "general", ""
                    if rest.strip():
                        plan.general_objectives.append(rest.strip())
                    continue
                if re.match(r"^(?:muc tieu cu the|(?:cac )?chi tieu(?: cu the)?|muc tieu,? chi tieu)$", fh):
                    mode, phase = "specific", ""
                    if rest.strip():
                        self._add_target(phase, rest.strip())
                    continue
            found = phase_heading(text)
            if found and (item.kind not in (DASH, PLUS) or ":" in text):
                label, rest = found
                phase = label
                if mode == "general":
                    mode = "specific"
                if label not in plan.phases:
                    plan.phases.append(label)
                if rest:
                    self._add_target(phase, rest)
                continue
            if mode == "general":
                plan.general_objectives.append(text)
            elif mode == "specific":
                following = items[index + 1] if index + 1 < len(items) else None
                if (
                    item.kind == TEXT
                    and text.endswith(":")
                    and following is not None
                    and following.is_list_item
                ):
                    self.warnings.append(
                        f"Phần mục tiêu: câu dẫn {_quote(text)} không phải một chỉ tiêu nên chưa được lưu."
                    )
                    continue
                self._add_target(phase, text)
            else:
                measures = measures_in(text)
                if measures or phase:
                    plan.targets.append(Target(phase=phase, text=text, measures=measures))
                else:
                    plan.general_objectives.append(text)

    def _add_target(self, phase: str, text: str) -> None:
        measures = measures_in(text)
        self.plan.targets.append(Target(phase=phase, text=text, measures=measures))
        if not measures and self._has_quantity(text):
            self.plan.flags.append(
                Flag(
                    "measure",
                    f"Chỉ tiêu {_quote(text)} có số nhưng hệ thống không đọc được thước đo: hãy nhập thước đo "
                    "sau khi lưu hoặc xác nhận đây là chỉ tiêu định tính.",
                )
            )

    @staticmethod
    def _has_quantity(text: str) -> bool:
        """A number left after years, dates, references and ordinals are set aside (what a measure would read)."""
        from truyenthong.lib.plandoc.measures import _masked

        return "%" in text or bool(re.search(r"(?<![#\w])\d+(?![#\w/])", _masked(text)))

    @staticmethod
    def _heading_kind(items: list[_Item], kinds: tuple[str, ...]) -> str | None:
        """The first of ``kinds`` used in the section: its items are the headings (groups, units)."""
        present = {item.kind for item in items}
        return next((kind for kind in kinds if kind in present), None)

    def _tasks(self, items: list[_Item]) -> None:
        group_kind = self._heading_kind(items, (NUM, SUBNUM, ALPHA))
        groups: list[tuple[TaskGroup, str]] = []  # each group with its heading as written
        # A list item deeper than the task before it ("+" under "-", "-" under "a)") is one of its sub-bullets
        # and stays in its text, one per line.
        last_level = None
        for item in items:
            if item.kind == group_kind:
                title = _strip_end(item.text).rstrip(":").strip()
                groups.append((TaskGroup(number=item.number, title=title), item.text))
                last_level = None
                continue
            if not groups:
                groups.append((TaskGroup(number="", title=""), ""))
            tasks = groups[-1][0].tasks
            if tasks and item.is_list_item and last_level is not None and item.level > last_level:
                tasks[-1] = f"{tasks[-1]}\n{item.raw}"
                continue
            tasks.append(item.text)
            last_level = item.level
        numbered = [(g, heading) for g, heading in groups if g.number]
        if numbered and not any(g.tasks for g, _ in numbered):
            # A flat numbered list of tasks, not groups.
            loose = [t for g, _ in groups if not g.number for t in g.tasks]
            groups = [(TaskGroup(number="", title="", tasks=loose + [h for _, h in numbered]), "")]
        self.plan.task_groups.extend(g for g, _ in groups)

    def _implementation(self, items: list[_Item]) -> None:
        units = self.plan.responsibilities
        unit_kind = self._heading_kind(items, (NUM, SUBNUM, ALPHA))
        current: Responsibility | None = None
        for item in self._with_leads(items, heading_kind=unit_kind):
            if item.kind == unit_kind:
                name, duty = self._unit_and_duty(item.text)
                current = Responsibility(unit=name, duties=[duty] if duty else [])
                units.append(current)
                continue
            if current is None:
                name, duty = self._unit_and_duty(item.text) if item.kind in (DASH, PLUS) else ("", item.text)
                if name and duty:
                    units.append(Responsibility(unit=name, duties=[duty]))
                    continue
                current = Responsibility(unit="", duties=[])
                units.append(current)
            current.duties.append(item.text)

    @staticmethod
    def _unit_and_duty(text: str) -> tuple[str, str]:
        head, sep, rest = text.partition(":")
        if sep and rest.strip() and len(head.split()) <= 8:
            name, duty = head.strip(), rest.strip()
        else:
            name, duty = text.rstrip(":").strip(), ""
        name = re.sub(r"^(?:Đối với|đối với)\s+", "", name)
        return name, duty

    # ----------------------------------------------------------------------------------------------- footer

    def _footer(self, paragraphs: list[str]) -> None:
        plan = self.plan
        queue = [p for p in paragraphs if _has_words(p)]
        caps: list[str] = []
        names: list[str] = []
        in_recipients = False
        while queue:
            paragraph = queue.pop(0).strip()
            if not _has_words(paragraph):
                continue
            f = fold(paragraph)
            if f.startswith("noi nhan"):
                in_recipients = True
                rest = re.sub(r"^\S+\s+\S+\s*:?", "", paragraph, count=1).strip()
                if rest:
                    queue.insert(0, rest)
                continue
            bullet = re.match(r"^[-+•–]\s*(?P<text>.+)$", paragraph)
            if bullet and (in_recipients or not caps):
                item, leftover = self._split_recipient(bullet.group("text"))
                if item:
                    plan.recipients.append(item)
                if leftover:
                    queue.insert(0, leftover)
                continue
            if _SIGNATURE_NOTES_RE.match(paragraph):
                continue
            if _is_caps(paragraph) or _AUTHORITY_RE.match(paragraph):
                caps.append(paragraph)
            elif self._is_name(paragraph):
                names.append(paragraph)
            else:
                self.warnings.append(f"Phần cuối văn bản: không xếp được đoạn {_quote(paragraph)}.")
        authority, position = "", ""
        for line in caps:
            if _AUTHORITY_RE.match(line) and not authority:
                authority = nfc(line)
            elif not position:
                position = nfc(line)
            else:
                self.warnings.append(f"Khối chữ ký: dòng {_quote(line)} chưa được lưu.")
        name = names[-1] if names else ""
        for extra in names[:-1]:
            if not set(extra.split()) <= set(name.split()):
                self.warnings.append(f"Khối chữ ký: dòng {_quote(extra)} chưa được lưu.")
        plan.signer = Signer(authority=authority, position=position, name=name)

    @staticmethod
    def _split_recipient(text: str) -> tuple[str, str]:
        """A recipient item and what a merged PDF line put after it ("Lưu: VT. Huỳnh Lê Minh")."""
        head, sep, rest = text.partition(";")
        if not sep:
            match = re.search(r"\.\s+(?=[A-ZĐÀ-Ỹ])", text)
            if match:
                head, rest = text[: match.start()], text[match.end() :]
            else:
                head, rest = text, ""
        return head.strip().rstrip(".;,").strip(), rest.strip()

    @staticmethod
    def _is_name(text: str) -> bool:
        words = text.split()
        if not 1 <= len(words) <= 7 or len(text) > 60 or any(c.isdigit() for c in text):
            return False
        return all(w[0].isupper() for w in words if w[0].isalpha())


def parse_plan(paragraphs: list[str], *, source_name: str = "") -> PlanDocument:
    """The plan in ``paragraphs``; raises PlanDocumentError when they are not a plan."""
    cleaned = [line for raw in paragraphs for line in (nfc(x) for x in str(raw or "").split("\n")) if line]
    return _Parser(cleaned, PurePath(source_name).name if source_name else "").run()


def parse_plan_file(data: bytes, filename: str) -> PlanDocument:
    """Read and parse a plan file (.txt, .docx or .pdf); raises PlanDocumentError with a Vietnamese message."""
    return parse_plan(read_paragraphs(data, filename, headings=True), source_name=filename)
