"""Demo contribution of plans: the seed plan (Kế hoạch 35/KH-CLQĐ) imported into a demo school, by its principal."""

from __future__ import annotations

from pathlib import Path

from truyenthong.core.models import Role, RoleAssignment
from truyenthong.lib.plandoc import parse_plan_file
from truyenthong.plans.models import Plan
from truyenthong.plans.services import plan_create_from_document

SEED_PLAN = Path(__file__).resolve().parent / "fixtures" / "ke-hoach-35-KH-CLQD.txt"


def build(school) -> Plan | None:
    """Import the seed plan into `school` unless it has a plan already; the school's leadership account is the actor."""
    if Plan.objects.filter(organisation=school).exists():
        return None
    leader = (
        RoleAssignment.objects.filter(organisation=school, role=Role.LEADERSHIP)
        .select_related("user")
        .first()
    )
    document = parse_plan_file(SEED_PLAN.read_bytes(), SEED_PLAN.name)
    return plan_create_from_document(
        organisation=school, document=document, actor=leader.user if leader else None, filename=SEED_PLAN.name
    )
