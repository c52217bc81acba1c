"""Demo indicator data: default definitions, hand-entered values with evidence, reporting periods in every state
(approved and locked, submitted, missing and overdue), then a full recomputation. Run after the records and
activities demos. Idempotent: a school with submissions already is only recomputed."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from truyenthong.indicators.models import Indicator, ManualEntry, Submission
from truyenthong.indicators.services import indicators_create_defaults, indicators_recompute, reporting_units

MANUAL_VALUES = {"2025-2026": Decimal("60"), "2026-2027": Decimal("72")}


@transaction.atomic
def build(school, *, recompute: bool = True) -> None:
    from truyenthong.plans.selectors import current_plan_of

    plan = current_plan_of(school)
    if plan is not None:
        indicators_create_defaults(plan=plan, actor=None)
    if not Submission.objects.filter(school=school).exists():
        now = timezone.now()
        for indicator in Indicator.objects.filter(school=school, method=Indicator.Method.MANUAL):
            for key, value in MANUAL_VALUES.items():
                ManualEntry.objects.get_or_create(
                    indicator=indicator,
                    period_key=key,
                    unit=None,
                    defaults={
                        "school": school,
                        "value": value,
                        "evidence_link": f"https://{school.code}.edu.vn/noi-bo/chuyen-doi-so/{key}",
                        "note": "Tỷ lệ quy trình quản lý đã thực hiện trên phần mềm (danh mục kèm theo).",
                        "state": ManualEntry.State.SUBMITTED,
                    },
                )
        units = reporting_units(school)
        rows = []
        # 2025-2026: every unit approved and the school's year locked.
        for unit in units:
            rows.append(
                Submission(
                    school=school,
                    period_key="2025-2026",
                    unit=unit,
                    state="approved",
                    submitted_at=now,
                    approved_at=now,
                )
            )
        rows.append(
            Submission(school=school, period_key="2025-2026", unit=None, state="approved", approved_at=now)
        )
        # 2025-2026 học kỳ II: two units never sent their report (overdue).
        for unit in units[:-2]:
            rows.append(
                Submission(
                    school=school,
                    period_key="2025-2026-HK2",
                    unit=unit,
                    state="approved",
                    submitted_at=now,
                    approved_at=now,
                )
            )
        # 2026-2027 (in progress): a few units have submitted, one is approved.
        for i, unit in enumerate(units[:4]):
            rows.append(
                Submission(
                    school=school,
                    period_key="2026-2027",
                    unit=unit,
                    state="approved" if i == 0 else "submitted",
                    submitted_at=now,
                    approved_at=now if i == 0 else None,
                )
            )
        Submission.objects.bulk_create(rows)
    if recompute:
        indicators_recompute(school_ids=[school.pk])
