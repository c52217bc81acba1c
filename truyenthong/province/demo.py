"""Demo data of the province: the Sở's own plan (a short plan written for the demo, in the Department's layout),
its indicators, and the demo school's indicators tied to them (suggested, then confirmed by the principal)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from truyenthong.indicators.services import indicators_create_defaults
from truyenthong.lib.plandoc import parse_plan_file
from truyenthong.plans.models import Plan
from truyenthong.plans.services import plan_create_from_document
from truyenthong.province.models import IndicatorLink
from truyenthong.province.services import department_of, links_suggest, upstream_snapshot_of

DEPARTMENT_PLAN = Path(__file__).resolve().parent / "fixtures" / "ke-hoach-1020-KH-SGDDT.txt"


def build(school) -> None:
    department = department_of(school)
    if department is None:
        return
    if not Plan.objects.filter(organisation=department).exists():
        document = parse_plan_file(DEPARTMENT_PLAN.read_bytes(), DEPARTMENT_PLAN.name)
        plan = plan_create_from_document(
            organisation=department, document=document, actor=None, filename=DEPARTMENT_PLAN.name
        )
        indicators_create_defaults(plan=plan, actor=None)
    if IndicatorLink.objects.filter(school_indicator__school=school).exists():
        return
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        return
    links_suggest(school=school, actor=admin)
    now = timezone.now()
    for link in IndicatorLink.objects.filter(
        school_indicator__school=school, confirmed_at__isnull=True
    ).select_related("department_indicator__plan", "department_indicator__measure__target"):
        link.confirmed_by, link.confirmed_at = admin, now
        link.upstream_snapshot = upstream_snapshot_of(link.department_indicator)
        link.save(update_fields=["confirmed_by", "confirmed_at", "upstream_snapshot"])
