"""Writes of the province app: suggesting, confirming and changing the ties from a school's indicators to the Sở's.

Suggestions are scored: 1.0 when both indicators are computed the same way (same named sources and parameters);
otherwise the share of meaningful words the two measures have in common (accent-folded whole words, common
function words left out), and only when both are percentages or both are counts. Below `SUGGEST_THRESHOLD` nothing is
suggested: a wrong tie would count a school's figures toward the wrong target.
"""

from __future__ import annotations

import json
import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from truyenthong.core.audit import audit_create, audit_delete
from truyenthong.core.errors import InvalidInput
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
        Indicator.objects.filter(school=department, plan__is_current=True).select_related("measure__target")
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


@transaction.atomic
def link_set(
    *, school_indicator: Indicator, department_indicator: Indicator | None, actor
) -> IndicatorLink | None:
    """Tie the school's indicator to the Sở's (confirmed), or untie it when `department_indicator` is None."""
    require(actor, actions.LINK, school_indicator.school)
    link = IndicatorLink.objects.select_for_update().filter(school_indicator=school_indicator).first()
    if department_indicator is None:
        if link is not None:
            audit_delete(actor=actor, instance=link, organisation=school_indicator.school)
            link.delete()
        return None
    _check_pair(school_indicator, department_indicator)
    now = timezone.now()
    if link is None:
        link = IndicatorLink(school_indicator=school_indicator)
    link.department_indicator = department_indicator
    link.score, link.reason = score_pair(school_indicator, department_indicator)
    link.score = round(link.score, 3)
    link.confirmed_by, link.confirmed_at = actor, now
    link.save()
    audit_create(actor=actor, instance=link, organisation=school_indicator.school)
    return link
