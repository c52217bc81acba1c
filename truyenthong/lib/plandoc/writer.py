"""A PlanDocument written as a Word file in the Decree 30/2020 layout, readable back by the parser."""

from __future__ import annotations

from truyenthong.lib import decree30
from truyenthong.lib.plandoc.model import PlanDocument

# Decree 30 numbers third-level items with the Vietnamese alphabet, which has no f, j, w or z.
LETTERS = tuple("abcdđeghiklmnopqrstuvxy")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _letter(index: int) -> str:
    return f"{LETTERS[index]})" if index < len(LETTERS) else "-"


def write_plan_docx(plan: PlanDocument) -> bytes:
    """The plan as .docx bytes: header, title, bases, sections I–IV, closing, recipients and signature."""
    doc = decree30.new_document()
    decree30.add_header(
        doc,
        parent_body=plan.parent_body,
        issuing_body=plan.issuing_body,
        number=plan.number,
        place=plan.place,
        date=plan.date,
    )
    decree30.add_title(doc, plan.doc_type or "KẾ HOẠCH", plan.title)
    for basis in plan.bases:
        decree30.add_paragraph(doc, basis.text)
    for line in _lines(plan.intro):
        decree30.add_paragraph(doc, line)

    sections = iter(ROMAN)
    if plan.general_objectives or plan.targets or plan.phases:
        decree30.add_heading(doc, f"{next(sections)}. MỤC TIÊU")
        _objectives(doc, plan)
    if plan.task_groups:
        decree30.add_heading(doc, f"{next(sections)}. NHIỆM VỤ VÀ GIẢI PHÁP")
        for index, group in enumerate(plan.task_groups, start=1):
            if group.number or group.title:
                decree30.add_heading(doc, f"{group.number or index}. {group.title}".rstrip(), level=2)
            for task in group.tasks:
                decree30.add_bullet(doc, task)
    if plan.budget:
        decree30.add_heading(doc, f"{next(sections)}. KINH PHÍ")
        for line in _lines(plan.budget):
            decree30.add_paragraph(doc, line)
    if plan.responsibilities:
        decree30.add_heading(doc, f"{next(sections)}. TỔ CHỨC THỰC HIỆN")
        number = 0
        for unit in plan.responsibilities:
            if unit.unit:
                number += 1
                decree30.add_heading(doc, f"{number}. {unit.unit}", level=2)
                for duty in unit.duties:
                    decree30.add_bullet(doc, duty)
            else:
                for duty in unit.duties:
                    decree30.add_paragraph(doc, duty)
    for line in _lines(plan.closing):
        decree30.add_paragraph(doc, line)
    decree30.add_footer_blocks(
        doc,
        recipients=plan.recipients,
        signer_authority=plan.signer.authority,
        signer_position=plan.signer.position,
        signer_name=plan.signer.name,
    )
    return decree30.to_bytes(doc)


def _objectives(doc, plan: PlanDocument) -> None:
    number = 0
    if plan.general_objectives:
        number += 1
        decree30.add_heading(doc, f"{number}. Mục tiêu chung", level=2)
        for index, objective in enumerate(plan.general_objectives):
            decree30.add_paragraph(doc, f"{_letter(index)} {objective}")
    if not (plan.targets or plan.phases):
        return
    number += 1
    decree30.add_heading(doc, f"{number}. Mục tiêu cụ thể", level=2)
    written: list[str] = []
    letter = 0
    current = ""

    def heading(phase: str) -> None:
        nonlocal letter
        decree30.add_heading(doc, f"{_letter(letter)} {phase}", level=3)
        letter += 1
        written.append(phase)

    used = {t.phase for t in plan.targets}

    def empty_phases_before(phase: str | None) -> None:
        # Phases without targets keep their place among the others.
        for label in plan.phases:
            if label == phase:
                return
            if label not in written and label not in used:
                heading(label)

    for target in plan.targets:
        if target.phase != current and target.phase:
            empty_phases_before(target.phase)
            heading(target.phase)
        current = target.phase
        decree30.add_bullet(doc, target.text)
    empty_phases_before(None)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]
