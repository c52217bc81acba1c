"""Writes of the province app: suggesting, confirming and changing the ties from a school's indicators to the Sở's.

Suggestions are scored: 1.0 when both indicators are computed the same way (same named sources and parameters);
otherwise the share of meaningful words the two measures have in common (accent-folded whole words, common
function words left out), and only when both are percentages or both are counts. Below `SUGGEST_THRESHOLD` nothing is
suggested: a wrong tie would count a school's figures toward the wrong target.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from truyenthong.core.audit import audit_create, audit_delete, audit_record
from truyenthong.core.errors import InvalidInput
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import require
from truyenthong.indicators.models import Indicator
from truyenthong.lib.vntext import fold
from truyenthong.org.models import Organisation
from truyenthong.province import actions
from truyenthong.province.models import IndicatorLink

SUGGEST_THRESHOLD = 0.34
_WORD_RE = re.compile(r"[a-z]+")
# Function words and the plan's boilerplate: they say nothing about *what* is measured.
_STOP = frozenset(
    [
        "va",
        "cua",
        "cac",
        "cho",
        "trong",
        "tren",
        "duoc",
        "la",
        "co",
        "khong",
        "nhung",
        "mot",
        "so",
        "ty",
        "le",
        "phan",
        "tram",
        "dat",
        "tro",
        "len",
        "toi",
        "thieu",
        "it",
        "nhat",
        "hang",
        "nam",
        "nam",
        "hoc",
        "giai",
        "doan",
        "nha",
        "truong",
        "truong",
        "tang",
        "nang",
        "giam",
        "so",
        "voi",
        "deu",
        "100",
        "theo",
        "ve",
        "tai",
        "tu",
        "den",
        "moi",
        "the",
    ]
)


def department_of(organisation: Organisation) -> Organisation | None:
    """The Sở above `organisation` (the nearest ancestor of kind department), or None."""
    ids = [int(x) for x in organisation.path.strip("/").split("/") if x]
    return (
        Organisation.objects.filter(pk__in=ids, kind=Organisation.Kind.DEPARTMENT).order_by("-path").first()
        if ids
        else None
    )


def _text_of(indicator: Indicator) -> str:
    parts = [indicator.name]
    measure = indicator.measure
    if measure is not None:
        parts += [measure.subject, measure.target.text if measure.target_id else ""]
    return " ".join(p for p in parts if p)


def words_of(text: str) -> set[str]:
    return {w for w in _WORD_RE.findall(fold(text)) if len(w) > 1 and w not in _STOP}


def _signature(indicator: Indicator) -> tuple | None:
    if indicator.method != Indicator.Method.COMPUTED or not indicator.numerator_source:
        return None
    return (
        indicator.numerator_source,
        json.dumps(indicator.numerator_params or {}, sort_keys=True),
        indicator.denominator_source,
        json.dumps(indicator.denominator_params or {}, sort_keys=True),
    )


def score_pair(school_indicator: Indicator, department_indicator: Indicator) -> tuple[float, str]:
    """How well the school's indicator matches the Sở's, with the reason in words."""
    sig = _signature(school_indicator)
    if sig is not None and sig == _signature(department_indicator):
        return 1.0, "Cùng cách tính (cùng nguồn số liệu)"
    if school_indicator.is_percent != department_indicator.is_percent:
        return 0.0, ""
    a, b = words_of(_text_of(school_indicator)), words_of(_text_of(department_indicator))
    if not a or not b:
        return 0.0, ""
    shared = a & b
    score = len(shared) / len(a | b)
    if not shared:
        return score, ""
    spelled = _spellings(_text_of(school_indicator))
    words = [spelled.get(w, w) for w in sorted(shared)]
    return score, ("Trùng các từ: " + ", ".join(words))[:280]


def _spellings(text: str) -> dict[str, str]:
    """folded word → the word as written (lower case, with its diacritics), for reasons a person can read."""
    out: dict[str, str] = {}
    for word in re.findall(r"\w+", text.lower()):
        out.setdefault(fold(word), word)
    return out


def department_indicators(department: Organisation) -> list[Indicator]:
    return list(
        Indicator.objects.filter(school=department, plan__is_current=True).select_related(
            "measure__target", "plan"
        )
    )


def school_indicators(school: Organisation):
    """The school's indicators that count: those of its current plan, and those it defined without a plan."""
    return Indicator.objects.filter(Q(plan__is_current=True) | Q(plan__isnull=True), school=school)


def best_match(
    school_indicator: Indicator, candidates: list[Indicator]
) -> tuple[Indicator, float, str] | None:
    best = None
    for candidate in candidates:
        score, reason = score_pair(school_indicator, candidate)
        if score >= SUGGEST_THRESHOLD and (best is None or score > best[1]):
            best = (candidate, score, reason)
    return best


@transaction.atomic
def links_suggest(*, school: Organisation, actor) -> int:
    """Suggest a Sở indicator for each of the school's current indicators that has no tie yet; returns how many."""
    require(actor, actions.LINK, school)
    department = department_of(school)
    if department is None:
        raise InvalidInput("Trường chưa thuộc Sở nào trong hệ thống.")
    candidates = department_indicators(department)
    if not candidates:
        raise InvalidInput(f"{department.name} chưa có kế hoạch (và chỉ số) trong hệ thống để liên kết.")
    made = 0
    for indicator in school_indicators(school).filter(upstream_link__isnull=True):
        match = best_match(indicator, candidates)
        if match is None:
            continue
        target, score, reason = match
        IndicatorLink.objects.create(
            school_indicator=indicator, department_indicator=target, score=round(score, 3), reason=reason
        )
        made += 1
    return made


def _check_pair(school_indicator: Indicator, department_indicator: Indicator) -> None:
    department = department_of(school_indicator.school)
    if department is None or department_indicator.school_id != department.pk:
        raise InvalidInput("Chỉ số được chọn không thuộc kế hoạch của Sở quản lý trường.")
    if not department_indicator.plan or not department_indicator.plan.is_current:
        raise InvalidInput("Chỉ số được chọn không thuộc kế hoạch hiện hành của Sở.")


def target_words(indicator: Indicator) -> str:
    """The Sở's target as a person reads it: "≥ 90%", "không để xảy ra", "≥ 12"."""
    label = indicator.get_comparator_display()
    if indicator.comparator == "zero" or indicator.target_value is None:
        return label
    value = f"{Decimal(indicator.target_value).normalize():f}".replace(".", ",")
    return f"{label} {value}{'%' if indicator.is_percent else ''}"


def upstream_snapshot_of(indicator: Indicator) -> dict:
    """What the school confirms against: kept on the tie, compared later with the Sở's target as it is then."""
    measure = indicator.measure
    target_text = measure.target.text if measure is not None and measure.target_id else ""
    plan = indicator.plan
    return {
        "indicator_id": indicator.pk,
        "name": indicator.name,
        "target_text": target_text,
        "target": target_words(indicator),
        "plan_id": plan.pk if plan else None,
        "plan_number": plan.number if plan else "",
    }


@transaction.atomic
def link_set(
    *, school_indicator: Indicator, department_indicator: Indicator | None, actor
) -> IndicatorLink | None:
    """Tie the school's indicator to the Sở's (confirmed), or untie it when `department_indicator` is None.

    Confirming again (the same target, after the Sở changed it) or moving the tie to another target (the new plan's
    matching one) keeps one link and audits it as a change, old target → new target."""
    require(actor, actions.LINK, school_indicator.school)
    link = IndicatorLink.objects.select_for_update().filter(school_indicator=school_indicator).first()
    if department_indicator is None:
        if link is not None:
            audit_delete(actor=actor, instance=link, organisation=school_indicator.school)
            link.delete()
        return None
    _check_pair(school_indicator, department_indicator)
    now = timezone.now()
    before = None
    if link is None:
        link = IndicatorLink(school_indicator=school_indicator)
    else:
        before = {
            "department_indicator": link.department_indicator_id,
            "upstream_snapshot": link.upstream_snapshot,
            "confirmed_at": link.confirmed_at.isoformat() if link.confirmed_at else None,
        }
    link.department_indicator = department_indicator
    link.score, link.reason = score_pair(school_indicator, department_indicator)
    link.score = round(link.score, 3)
    link.confirmed_by, link.confirmed_at = actor, now
    link.upstream_snapshot = upstream_snapshot_of(department_indicator)
    link.save()
    if before is None:
        audit_create(actor=actor, instance=link, organisation=school_indicator.school)
    else:
        after = {
            "department_indicator": link.department_indicator_id,
            "upstream_snapshot": link.upstream_snapshot,
            "confirmed_at": now.isoformat(),
        }
        audit_record(
            actor=actor,
            instance=link,
            action=AuditEntry.Action.UPDATE,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
            organisation=school_indicator.school,
        )
    return link


# --- a school's plan started from the Department's ----------------------------------------------------------------


def _department_plan_as_document(plan, school: Organisation) -> dict:
    """The Sở's plan as a document for `school`: its targets, measures and tasks; the Sở's plan as the first basis."""
    from truyenthong.lib.vntext import format_date_vi

    issued = f" ngày {format_date_vi(plan.issued_on)}" if plan.issued_on else ""
    department = plan.organisation
    first_basis = f"Căn cứ Kế hoạch số {plan.number}{issued} của {department.name} về {plan.title[:1].lower()}{plan.title[1:]};"
    targets = []
    for target in plan.targets.select_related("phase").prefetch_related("measures").order_by("order", "id"):
        targets.append(
            {
                "phase": target.phase.label if target.phase_id else "",
                "text": target.text,
                "measures": [
                    {
                        "value": float(m.value) if m.value is not None else None,
                        "unit": {"%": "%", "count": "count"}.get(m.unit),
                        "comparator": m.comparator,
                        "text": m.text,
                        "subject": m.subject,
                    }
                    for m in target.measures.order_by("order", "id")
                ],
            }
        )
    return {
        "number": "",
        "place": school.place,
        "date": timezone.localdate().isoformat(),
        "doc_type": "KẾ HOẠCH",
        "title": plan.title,
        "bases": [{"text": first_basis, "refs": [plan.number] if plan.number else []}]
        + [{"text": b.text, "refs": list(b.refs)} for b in plan.bases.order_by("order", "id")],
        "intro": f"{school.name} xây dựng Kế hoạch thực hiện như sau:",
        "general_objectives": [o.text for o in plan.objectives.order_by("order", "id")],
        "phases": [p.label for p in plan.phases.order_by("order", "id")],
        "targets": targets,
        "task_groups": [
            {"number": g.number, "title": g.title, "tasks": [t.text for t in g.tasks.order_by("order", "id")]}
            for g in plan.task_groups.order_by("order", "id")
        ],
        "budget": "Kinh phí thực hiện từ nguồn kinh phí hoạt động thường xuyên của nhà trường và các nguồn hợp pháp khác.",
        "recipients": [f"{department.short_name or department.name} (để báo cáo)", "Lưu: VT."],
        "signer": {"position": "HIỆU TRƯỞNG"},
    }


@transaction.atomic
def plan_start_from_department(*, school: Organisation, actor):
    """A new current plan for `school` copied from its Sở's current plan, every indicator tied to the Sở's.

    The copy keeps the Sở's targets, measures and tasks word for word (leadership then edits them in place, every
    change audited), adds the Sở's plan as the first basis, and leaves the number and the signer's name to fill in.
    Because each target comes from the Sở's, its indicator is tied to the Sở's at once (confirmed: no guess involved).
    """
    from truyenthong.core.permissions import IMPORT_PLAN
    from truyenthong.lib.plandoc.model import PlanDocument
    from truyenthong.plans.models import Plan
    from truyenthong.plans.services import plan_create_from_document

    require(actor, IMPORT_PLAN, school)
    department = department_of(school)
    source = (
        Plan.objects.filter(organisation=department, is_current=True).order_by("-issued_on", "-id").first()
        if department
        else None
    )
    if source is None:
        raise InvalidInput("Sở chưa có kế hoạch hiện hành trong hệ thống để làm mẫu.")
    document = PlanDocument.from_dict(_department_plan_as_document(source, school))
    plan = plan_create_from_document(
        organisation=school, document=document, actor=actor, filename=f"mẫu từ kế hoạch {source.number}"
    )
    upstream = {
        (ind.measure.target.order, ind.measure.order): ind
        for ind in Indicator.objects.filter(plan=source, measure__isnull=False).select_related(
            "measure__target", "plan"
        )
    }
    now = timezone.now()
    for ind in Indicator.objects.filter(plan=plan, measure__isnull=False).select_related("measure__target"):
        match = upstream.get((ind.measure.target.order, ind.measure.order))
        if match is not None:
            IndicatorLink.objects.update_or_create(
                school_indicator=ind,
                defaults={
                    "department_indicator": match,
                    "score": 1.0,
                    "reason": f"Chỉ tiêu lấy từ kế hoạch {source.number} của Sở",
                    "confirmed_by": actor,
                    "confirmed_at": now,
                    "upstream_snapshot": upstream_snapshot_of(match),
                },
            )
    return plan
