"""Write a PlanDocument as a .docx in the Decree 30/2020 layout; the importer reads it back to the same structure."""

from __future__ import annotations

from truyenthong.lib import decree30
from truyenthong.lib.plandoc.model import PlanDocument

_LETTERS = "abcdeghiklmnopqrstuvxy"


def write_plan_docx(plan: PlanDocument) -> bytes:
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
        decree30.add_paragraph(doc, basis.text, italic=True)
    for line in plan.intro.splitlines():
        decree30.add_paragraph(doc, line)
    decree30.add_heading(doc, "I. MỤC TIÊU")
    if plan.general_objectives:
        decree30.add_heading(doc, "1. Mục tiêu chung")
        for i, text in enumerate(plan.general_objectives):
            decree30.add_paragraph(doc, f"{_LETTERS[i % len(_LETTERS)]}) {text}")
    decree30.add_heading(doc, "2. Mục tiêu cụ thể" if plan.general_objectives else "1. Mục tiêu cụ thể")
    unphased = [t for t in plan.targets if not t.phase]
    for target in unphased:
        decree30.add_bullet(doc, target.text)
    phases = list(dict.fromkeys(plan.phases + [t.phase for t in plan.targets if t.phase]))
    for i, phase in enumerate(phases):
        decree30.add_heading(doc, f"{_LETTERS[i % len(_LETTERS)]}) {phase}")
        for target in plan.targets:
            if target.phase == phase:
                decree30.add_bullet(doc, target.text)
    decree30.add_heading(doc, "II. NHIỆM VỤ VÀ GIẢI PHÁP")
    for group in plan.task_groups:
        decree30.add_heading(doc, f"{group.number}. {group.title}" if group.number else group.title)
        for task in group.tasks:
            decree30.add_bullet(doc, task)
    decree30.add_heading(doc, "III. KINH PHÍ")
    for line in plan.budget.splitlines():
        decree30.add_paragraph(doc, line)
    decree30.add_heading(doc, "IV. TỔ CHỨC THỰC HIỆN")
    for i, responsibility in enumerate(plan.responsibilities, start=1):
        decree30.add_heading(doc, f"{i}. {responsibility.unit}")
        for duty in responsibility.duties:
            decree30.add_bullet(doc, duty)
    for line in plan.closing.splitlines():
        decree30.add_paragraph(doc, line)
    decree30.add_footer_blocks(
        doc,
        recipients=plan.recipients,
        signer_authority=plan.signer.authority,
        signer_position=plan.signer.position,
        signer_name=plan.signer.name,
    )
    return decree30.to_bytes(doc)
