"""Read the structure of a Vietnamese administrative plan (Kế hoạch) from its paragraphs.

The layout it understands (Decree 30/2020 and the habits of schools' Word templates):
- a header: parent and issuing bodies in capitals, "Số: 35/KH-CLQĐ", the national motto, "Quy Nhơn, ngày 09 tháng 3
  năm 2026", the document type ("KẾ HOẠCH") and its summary line;
- "Căn cứ …" paragraphs (legal bases), then an introductory paragraph;
- sections numbered I, II, III… recognised by their titles, not their numbers: objectives ("MỤC TIÊU", "MỤC ĐÍCH,
  YÊU CẦU", "CHỈ TIÊU"), tasks ("NHIỆM VỤ VÀ GIẢI PHÁP", "NỘI DUNG VÀ GIẢI PHÁP", "NHIỆM VỤ TRỌNG TÂM"…), budget
  ("KINH PHÍ"), implementation ("TỔ CHỨC THỰC HIỆN");
- inside objectives: general objectives, then specific ones (targets) grouped by phase headings such as "a) Giai đoạn
  2026-2030", "1. Đến hết năm học 2026-2027", "2. Đến năm 2028"; a section titled "CHỈ TIÊU" holds targets only, a
  section titled "MỤC ĐÍCH, YÊU CẦU" holds none;
- inside tasks: numbered groups ("1. …") with "-", "+" or "a)" items, or a plain paragraph;
- inside implementation: numbered units with their duties as bullets or a plain paragraph;
- "Trên đây …" (closing), "Nơi nhận:" with "- …" items, then the signature: "KT."/"TM." line, position, name (the
  last line: a stray signature line before the full name is not the name).
A paragraph it cannot place becomes a warning; nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re

from truyenthong.lib.plandoc.measures import measures_in
from truyenthong.lib.plandoc.model import (
    Basis,
    PlanDocument,
    PlanDocumentError,
    Responsibility,
    Target,
    TaskGroup,
)
from truyenthong.lib.plandoc.reader import read_paragraphs
from truyenthong.lib.vntext import fold, nfc

_ROMAN = re.compile(r"^(?P<num>[IVX]{1,4})\.\s*(?P<title>.+)$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,2})\.\s*(?P<title>.+)$")
_LETTERED = re.compile(r"^(?P<num>[a-zđ])\)\s*(?P<title>.+)$")
_BULLET = re.compile(r"^[-–+•]\s*(?P<text>.+)$")
_NUMBER = re.compile(r"^Số\s*:\s*(?P<number>.+)$", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_DOC_REF = re.compile(r"\b\d+[a-zA-Z]?(?:-[A-ZĐ][A-Za-zĐđ]*)?/[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*")
_DOC_TYPES = ("KẾ HOẠCH", "BÁO CÁO", "CHƯƠNG TRÌNH", "QUYẾT ĐỊNH", "THÔNG BÁO", "HƯỚNG DẪN", "PHƯƠNG ÁN")
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap – tu do – hanh phuc")
_PHASE_WORDS = ("giai doan", "den nam", "den het", "nam hoc", "trong nam", "tu nam", "nam 20", "den cuoi nam")
_AUTHORITY = re.compile(r"^(KT|TM|TL|TUQ)\.\s*\S", re.IGNORECASE)
_RULE = re.compile(r"^[\s_\-–—=*.]+$")


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _clean_item(text: str) -> str:
    return text.strip().rstrip(";").rstrip(".").rstrip(";").strip() if text else ""


def _strip_marker(text: str) -> str:
    for pattern, group in ((_BULLET, "text"), (_LETTERED, "title")):
        match = pattern.match(text)
        if match:
            return match.group(group).strip()
    return text.strip()


def refs_in(text: str) -> list[str]:
    """Document references ("71-NQ/TW", "1020/KH-SGDĐT") in order of appearance, each once."""
    return list(dict.fromkeys(m.group(0) for m in _DOC_REF.finditer(text)))


def _section_kind(title: str) -> str:
    folded = fold(title)
    if "kinh phi" in folded:
        return "budget"
    if "to chuc thuc hien" in folded:
        return "implementation"
    if "chi tieu" in folded and "muc tieu" not in folded:
        return "targets"
    if any(w in folded for w in ("nhiem vu", "giai phap", "noi dung")):
        return "tasks"
    if "muc tieu" in folded:
        return "objectives"
    if "muc dich" in folded or "yeu cau" in folded:
        return "purpose"
    return "unknown"


def _phase_heading(text: str) -> str | None:
    """The phase label if `text` is a phase heading ("a) Giai đoạn 2026-2030" → "Giai đoạn 2026-2030")."""
    label = text
    for pattern in (_LETTERED, _NUMBERED):
        match = pattern.match(text)
        if match:
            label = match.group("title")
            break
    label = label.strip().rstrip(":").strip()
    folded = fold(label)
    if len(label) > 90 or not re.search(r"\b(19|20)\d\d\b", label):
        return None
    if label.endswith((".", ";")) or "%" in label:
        return None
    return label if any(folded.startswith(w) or f" {w}" in f" {folded}"[:20] for w in _PHASE_WORDS) else None


def _warn(doc: PlanDocument, where: str, text: str) -> None:
    snippet = text if len(text) <= 80 else text[:77] + "…"
    doc.warnings.append(f"Không xếp được đoạn trong phần {where}: «{snippet}»")


def _split_sections(paragraphs: list[str]) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    preamble: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []
    for paragraph in paragraphs:
        match = _ROMAN.match(paragraph)
        if match and (_is_caps(match.group("title")) or _section_kind(match.group("title")) != "unknown"):
            sections.append((match.group("title").strip(), _section_kind(match.group("title")), []))
        elif sections:
            sections[-1][2].append(paragraph)
        else:
            preamble.append(paragraph)
    return preamble, sections


def _parse_preamble(doc: PlanDocument, paragraphs: list[str]) -> None:
    caps_bodies: list[str] = []
    title_parts: list[str] = []
    state = "header"
    for paragraph in paragraphs:
        folded = fold(paragraph)
        if _RULE.match(paragraph):
            continue
        number = _NUMBER.match(paragraph)
        place_date = _PLACE_DATE.match(paragraph)
        if number:
            doc.number = re.sub(r"\s*/\s*", "/", number.group("number")).replace(" ", "").rstrip(".")
        elif place_date:
            doc.place = place_date.group("place").strip()
            try:
                doc.date = dt.date(
                    int(place_date.group("y")), int(place_date.group("m")), int(place_date.group("d"))
                )
            except ValueError:
                doc.warnings.append(f"Ngày ban hành không hợp lệ: «{paragraph}»")
        elif any(folded.startswith(m) for m in _MOTTO):
            continue
        elif paragraph.strip().upper() in _DOC_TYPES and _is_caps(paragraph):
            doc.doc_type = paragraph.strip()
            state = "title"
        elif folded.startswith("can cu"):
            state = "bases"
            doc.bases.append(Basis(text=paragraph, refs=refs_in(paragraph)))
        elif state == "header" and _is_caps(paragraph):
            caps_bodies.append(paragraph.strip())
        elif state == "title":
            title_parts.append(paragraph.strip())
        elif state == "bases":
            doc.intro = f"{doc.intro}\n{paragraph}".strip()
        else:
            _warn(doc, "đầu văn bản", paragraph)
    doc.title = " ".join(title_parts)
    if len(caps_bodies) >= 2:
        doc.parent_body, doc.issuing_body = caps_bodies[0], caps_bodies[1]
        for extra in caps_bodies[2:]:
            _warn(doc, "đầu văn bản", extra)
    elif caps_bodies:
        doc.issuing_body = caps_bodies[0]


def _parse_objectives(doc: PlanDocument, paragraphs: list[str], mode: str) -> None:
    phase = ""
    for paragraph in paragraphs:
        numbered = _NUMBERED.match(paragraph)
        folded = fold(paragraph)
        if numbered and len(paragraph) < 90 and not paragraph.rstrip().endswith(";"):
            head = fold(numbered.group("title"))
            if "chung" in head and ("muc tieu" in head or "muc dich" in head):
                mode = "general"
                continue
            if "cu the" in head or "chi tieu" in head:
                mode = "targets"
                continue
            if "muc dich" in head or "yeu cau" in head:
                mode = "general"
                continue
        label = _phase_heading(paragraph) if mode == "targets" or not folded.startswith("-") else None
        if label and mode != "general":
            phase = label
            if label not in doc.phases:
                doc.phases.append(label)
            mode = "targets"
            continue
        text = _strip_marker(paragraph)
        if mode == "targets":
            doc.targets.append(Target(phase=phase, text=text, measures=measures_in(text)))
        else:
            doc.general_objectives.append(text)


def _parse_tasks(doc: PlanDocument, paragraphs: list[str]) -> None:
    for paragraph in paragraphs:
        numbered = _NUMBERED.match(paragraph)
        if numbered:
            doc.task_groups.append(
                TaskGroup(number=numbered.group("num"), title=numbered.group("title").strip())
            )
            continue
        if not doc.task_groups:
            doc.warnings.append(
                f"Nhiệm vụ nằm ngoài nhóm đánh số, đã xếp vào nhóm «Nhiệm vụ chung»: «{paragraph[:80]}»"
            )
            doc.task_groups.append(TaskGroup(number="", title="Nhiệm vụ chung"))
        doc.task_groups[-1].tasks.append(_strip_marker(paragraph))


def _parse_implementation(doc: PlanDocument, paragraphs: list[str]) -> list[str]:
    """Units and duties; returns the paragraphs from the closing on (the footer)."""
    for index, paragraph in enumerate(paragraphs):
        folded = fold(paragraph)
        if folded.startswith("tren day") or folded.startswith("noi nhan"):
            return paragraphs[index:]
        numbered = _NUMBERED.match(paragraph)
        if numbered and len(paragraph) < 120:
            unit, _, duty = numbered.group("title").partition(":")
            responsibility = Responsibility(unit=unit.strip().rstrip(".").strip())
            if duty.strip():
                responsibility.duties.append(duty.strip())
            doc.responsibilities.append(responsibility)
        elif doc.responsibilities:
            doc.responsibilities[-1].duties.append(_strip_marker(paragraph))
        else:
            _warn(doc, "tổ chức thực hiện", paragraph)
    return []


def _parse_footer(doc: PlanDocument, paragraphs: list[str]) -> None:
    in_recipients = False
    signer_lines: list[str] = []
    for paragraph in paragraphs:
        folded = fold(paragraph)
        if folded.startswith("tren day"):
            doc.closing = f"{doc.closing}\n{paragraph}".strip()
            continue
        if folded.startswith("noi nhan"):
            in_recipients = True
            rest = paragraph.split(":", 1)[1].strip() if ":" in paragraph else ""
            if rest:
                doc.recipients.append(_clean_item(_strip_marker(rest)))
            continue
        bullet = _BULLET.match(paragraph)
        if in_recipients and bullet:
            doc.recipients.append(_clean_item(bullet.group("text")))
            continue
        if _RULE.match(paragraph) or folded in ("(da ky)", "(ky ten, dong dau)", "da ky"):
            continue
        signer_lines.append(paragraph.strip())
    for line in signer_lines:
        if _AUTHORITY.match(line):
            doc.signer.authority = line
        elif _is_caps(line) and not doc.signer.position:
            doc.signer.position = line
        elif _is_caps(line):
            doc.signer.authority = f"{doc.signer.authority} {doc.signer.position}".strip()
            doc.signer.position = line
    names = [line for line in signer_lines if not _is_caps(line) and not _AUTHORITY.match(line)]
    if names:
        doc.signer.name = names[-1]
        for stray in names[:-1]:
            if not doc.signer.name.endswith(stray):
                _warn(doc, "chữ ký", stray)


def parse_plan(paragraphs: list[str], *, source_name: str = "") -> PlanDocument:
    """The plan's structure; PlanDocumentError when the paragraphs are not a plan."""
    name = source_name or "tải lên"
    paragraphs = [nfc(p) for p in paragraphs if nfc(p)]
    doc = PlanDocument()
    preamble, sections = _split_sections(paragraphs)
    _parse_preamble(doc, preamble)
    footer: list[str] = []
    for title, kind, body in sections:
        if footer:
            _warn(doc, "cuối văn bản", title)
        if kind in ("objectives", "targets", "purpose"):
            start = {"objectives": "general", "targets": "targets", "purpose": "general"}[kind]
            _parse_objectives(doc, body, start)
        elif kind == "tasks":
            _parse_tasks(doc, body)
        elif kind == "budget":
            tail = [i for i, p in enumerate(body) if fold(p).startswith(("tren day", "noi nhan"))]
            cut = tail[0] if tail else len(body)
            doc.budget = "\n".join(_strip_marker(p) for p in body[:cut])
            footer = body[cut:]
        elif kind == "implementation":
            footer = _parse_implementation(doc, body)
        else:
            doc.warnings.append(
                f"Không nhận ra phần «{title}»; nội dung của phần này chưa được xếp vào kế hoạch."
            )
            for paragraph in body:
                _warn(doc, title, paragraph)
    if not footer and sections:
        # No implementation section: the footer starts at "Trên đây" / "Nơi nhận" wherever it is.
        pass
    _parse_footer(doc, footer)
    if not doc.targets and not doc.task_groups and not doc.general_objectives:
        raise PlanDocumentError(
            f"Tệp «{name}» không phải là một kế hoạch: không tìm thấy phần mục tiêu, chỉ tiêu hay nhiệm vụ "
            "(các phần đánh số I, II, III… như «MỤC TIÊU», «NHIỆM VỤ VÀ GIẢI PHÁP»)."
        )
    return doc


def parse_plan_file(data: bytes, filename: str) -> PlanDocument:
    return parse_plan(read_paragraphs(data, filename), source_name=filename)
