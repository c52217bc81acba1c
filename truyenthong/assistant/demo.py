"""Demo library: the seed plan as the school wrote it (replacing its Word round trip) and the documents written for
the demo (a summary of Resolution 71-NQ/TW, the school's communication guidance, the Youth Union's contest plan)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from truyenthong.assistant.models import Document
from truyenthong.assistant.quality import DEMO_DOCUMENTS, SEED_PLAN
from truyenthong.assistant.services import document_upload


def build(school) -> None:
    from truyenthong.plans.models import Plan

    actor = get_user_model().objects.filter(is_superuser=True).first()
    plan = Plan.objects.filter(organisation=school, source_filename=SEED_PLAN.name).first()
    seeded = Document.objects.filter(school=school, plan=plan).first() if plan else None
    if plan is not None and (seeded is None or seeded.filename != SEED_PLAN.name):
        document_upload(
            school=school, actor=actor, name=SEED_PLAN.name, data=SEED_PLAN.read_bytes(), plan=plan
        )
    for key, path in DEMO_DOCUMENTS.items():
        if key == "ke-hoach" or Document.objects.filter(school=school, filename=path.name).exists():
            continue
        document_upload(school=school, actor=actor, name=path.name, data=path.read_bytes())
