"""Reads of the province app: the Sở's figures rolled up from its schools', per-school drill-down, and reporting
completeness and timeliness per school.

Roll-up rule (written on the page too): a percentage is the sum of the schools' numerators over the sum of their
denominators — never an average of percentages, so a school of 2,000 students weighs more than one of 200. A count is
the sum of the schools' counts. A school whose tied indicator has no value for the period is listed as "chưa có số
liệu" and left out of both sums (never counted as 0%); a school that reported a percentage without its numerator and
denominator is listed but cannot be added in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from truyenthong.core.collation import vi
from truyenthong.indicators import evaluation
from truyenthong.indicators.models import Indicator, IndicatorValue, Submission
from truyenthong.indicators.selectors import DUE_DAYS, own_period, parse_period
from truyenthong.lib import periods as P
from truyenthong.org.models import Organisation
from truyenthong.plans.models import Phase
from truyenthong.province.models import IndicatorLink


@dataclass
class SchoolFigure:
    """One school's figure for a Sở indicator: plain values (ids, name, code), not model instances — the roll-up reads
    thousands of them per page."""

    school_id: int
    indicator_id: int
    period_key: str
    school_name: str = ""  # only when the roll-up was asked for names (the drill-down page)
    school_code: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None
    status: str = evaluation.NO_DATA
    note: str = ""
    url: str = ""  # its drill-down page, set by the view that links to it

    @property
    def status_label(self) -> str:
        return evaluation.STATUS_LABELS[self.status]

    @property
    def has_value(self) -> bool:
        return self.value is not None


@dataclass
class RollupRow:
    indicator: Indicator
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    status: str
    reporting: int  # schools whose figures are in the sums
    linked: int  # schools whose indicator is tied to this one
    schools: list[SchoolFigure] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return evaluation.STATUS_LABELS[self.status]

    @property
    def missing(self) -> int:
        return self.linked - self.reporting


def schools_of(department: Organisation) -> list[Organisation]:
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, path__startswith=department.path).order_by(
            vi("name")
        )
    )


def _combine(indicator: Indicator, figures: list[SchoolFigure]) -> tuple:
    if indicator.is_percent:
        usable = []
        for f in figures:
            if f.numerator is not None and f.denominator:
                usable.append(f)
            elif f.has_value:
                f.note = "Có tỷ lệ nhưng thiếu tử số/mẫu số: không cộng vào tổng hợp"
        if not usable:
            return None, None, None, 0
        num = sum((f.numerator for f in usable), Decimal(0))
        den = sum((f.denominator for f in usable), Decimal(0))
        return num, den, evaluation.ratio(num, den, percent=True), len(usable)
    usable = [f for f in figures if f.has_value]
    if not usable:
        return None, None, None, 0
    total = sum((f.value for f in usable), Decimal(0))
    return total, None, total, len(usable)


def schools_unlinked(*, department: Organisation, indicator: Indicator) -> list[str]:
    """Names of the Sở's schools with no confirmed tie to this indicator of the Sở, in name order."""
    tied = IndicatorLink.objects.filter(department_indicator=indicator, confirmed_at__isnull=False).values(
        "school_indicator__school_id"
    )
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, path__startswith=department.path)
        .exclude(pk__in=tied)
        .order_by(vi("name"))
        .values_list("name", flat=True)
    )


def schools_count(department: Organisation) -> int:
    return Organisation.objects.filter(
        kind=Organisation.Kind.SCHOOL, path__startswith=department.path
    ).count()


def _figures(
    indicators: list[Indicator], selected: P.Period, today: dt.date, *, named: bool
) -> dict[int, list[SchoolFigure]]:
    """The confirmed ties of these Sở indicators, each with its school's value for the school indicator's own period.

    Two queries of plain columns whatever the number of schools: the ties (with what decides the school indicator's
    period, and with `named` the school's name and code, in name order), then the values of those periods."""
    by_department: dict[int, list[SchoolFigure]] = {i.pk: [] for i in indicators}
    if not indicators:
        return by_department
    columns = [
        "department_indicator_id",
        "school_indicator_id",
        "school_indicator__school_id",
        "school_indicator__period_kind",
        "school_indicator__measure__target__phase__start_year",
        "school_indicator__measure__target__phase__end_year",
    ]
    ties = IndicatorLink.objects.filter(
        department_indicator__in=[i.pk for i in indicators], confirmed_at__isnull=False
    ).order_by()
    if named:
        columns += ["school_indicator__school__name", "school_indicator__school__code"]
        ties = ties.order_by(vi("school_indicator__school__name"), "school_indicator_id")
    periods: dict[tuple, str] = {}
    wanted: dict[tuple[int, str], SchoolFigure] = {}
    for department_id, indicator_id, school_id, kind, start, end, *name_code in ties.values_list(*columns):
        rule = (kind, start, end)
        if rule not in periods:
            own = own_period(kind, selected, today, phase_years=(start, end))
            periods[rule] = own.key if own else ""
        figure = SchoolFigure(school_id, indicator_id, periods[rule], *name_code)
        by_department[department_id].append(figure)
        if figure.period_key:
            wanted[(indicator_id, figure.period_key)] = figure
    if wanted:
        values = IndicatorValue.objects.filter(
            indicator__upstream_link__department_indicator__in=[i.pk for i in indicators],
            indicator__upstream_link__confirmed_at__isnull=False,
            period_key__in={key for key in periods.values() if key},
            scope=0,
        ).values_list("indicator_id", "period_key", "numerator", "denominator", "value", "status")
        for indicator_id, key, numerator, denominator, value, status in values:
            figure = wanted.get((indicator_id, key))
            if figure is not None:
                figure.numerator, figure.denominator, figure.value = numerator, denominator, value
                figure.status = status if value is not None else evaluation.NO_DATA
    return by_department


# The sums of the roll-up page in one aggregate query: each tie's school indicator joined to its value for the
# indicator's own period (the CASE maps its period kind, or its phase's years, to the period key), grouped by the
# Sở's indicator. The same rule as _combine: a percentage adds only schools with a numerator and a non-zero
# denominator; a count adds every school with a value.
_TOTALS_SQL = """
SELECT link.department_indicator_id,
       COUNT(*),
       SUM(CASE WHEN v.numerator IS NOT NULL AND v.denominator <> 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN v.numerator IS NOT NULL AND v.denominator <> 0 THEN v.numerator END),
       SUM(CASE WHEN v.numerator IS NOT NULL AND v.denominator <> 0 THEN v.denominator END),
       COUNT(v.value),
       SUM(v.value)
FROM province_indicatorlink link
JOIN indicators_indicator ind ON ind.id = link.school_indicator_id
LEFT JOIN plans_measure measure ON measure.id = ind.measure_id AND ind.period_kind = 'phase'
LEFT JOIN plans_target target ON target.id = measure.target_id
LEFT JOIN plans_phase phase ON phase.id = target.phase_id
LEFT JOIN indicators_indicatorvalue v
       ON v.indicator_id = ind.id AND v.scope = 0 AND v.period_key IN ({keys})
      AND v.period_key = (CASE ind.period_kind {whens} END)
WHERE link.department_indicator_id IN ({ids}) AND link.confirmed_at IS NOT NULL
GROUP BY link.department_indicator_id
"""
_PHASE_KEY = "CAST(phase.start_year AS TEXT) || '-' || CAST(phase.end_year AS TEXT)"


def _exact(number) -> Decimal | None:
    """A sum as the database gives it: PostgreSQL a Decimal, SQLite a float of two-decimal numbers."""
    if number is None or isinstance(number, Decimal):
        return number
    return Decimal(str(number)).quantize(Decimal("0.01"))


def _totals(indicators: list[Indicator], selected: P.Period, today: dt.date) -> dict[int, tuple]:
    """Per Sở indicator: (linked, usable fractions, Σ numerators, Σ denominators, values, Σ values)."""
    if not indicators:
        return {}
    whens, params, keys = [], [], set()
    for kind in Indicator.PeriodKind.values:
        if kind == P.PHASE and selected.kind != P.PHASE:
            whens.append(f"WHEN %s THEN {_PHASE_KEY}")
            params.append(kind)
            # the keys a phase can have, so the values are read by the (period_key, scope) index, not scanned
            phases = Phase.objects.filter(start_year__isnull=False, end_year__isnull=False)
            keys |= {
                P.phase(a, b).key
                for a, b in phases.order_by().values_list("start_year", "end_year").distinct()
            }
            continue
        own = own_period(kind, selected, today)
        whens.append("WHEN %s THEN %s")
        params += [kind, own.key if own else ""]
        keys.add(own.key if own else "")
    keys = sorted(keys)
    sql = _TOTALS_SQL.format(
        keys=", ".join(["%s"] * len(keys)), whens=" ".join(whens), ids=", ".join(["%s"] * len(indicators))
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys, *params, *(i.pk for i in indicators)])
        return {
            row[0]: (row[1], row[2] or 0, _exact(row[3]), _exact(row[4]), row[5], _exact(row[6]))
            for row in cursor.fetchall()
        }


def _current_indicators(department: Organisation, only: Indicator | None) -> list[Indicator]:
    wanted = Indicator.objects.filter(school=department, plan__is_current=True)
    if only is not None:
        wanted = wanted.filter(pk=only.pk)
    return list(
        wanted.select_related("measure__target__phase").order_by(
            "measure__target__order", "measure__order", "id"
        )
    )


def _row(ind: Indicator, num, den, value, reporting: int, linked: int, figures: list) -> RollupRow:
    if ind.method == Indicator.Method.UNDEFINED and not linked:
        status = evaluation.UNDEFINED
    else:
        status = evaluation.status_of(
            value, comparator=ind.comparator, target=ind.target_value, margin=ind.at_risk_margin
        )
    return RollupRow(ind, num, den, value, status, reporting, linked, figures)


def rollup(
    *,
    department: Organisation,
    period_key: str,
    today: dt.date | None = None,
    only: Indicator | None = None,
    named: bool = False,
) -> list[RollupRow]:
    """One row per indicator of the Sở's current plan (or of `only`), computed from the tied school indicators, with
    every school's figure; with `named`, each figure carries the school's name and code, in name order."""
    today = today or timezone.localdate()
    selected = parse_period(period_key, today)
    indicators = _current_indicators(department, only)
    by_department = _figures(indicators, selected, today, named=named)
    rows = []
    for ind in indicators:
        figures = by_department[ind.pk]
        num, den, value, reporting = _combine(ind, figures)
        rows.append(_row(ind, num, den, value, reporting, len(figures), figures))
    return rows


def rollup_totals(
    *, department: Organisation, period_key: str, today: dt.date | None = None
) -> list[RollupRow]:
    """The rows of `rollup` without the schools' figures (`schools` is empty): the sums come from one aggregate
    query, so the Sở's page costs the same with 50 schools or 5,000. tests/province checks both give the same sums."""
    today = today or timezone.localdate()
    selected = parse_period(period_key, today)
    indicators = _current_indicators(department, None)
    totals = _totals(indicators, selected, today)
    rows = []
    for ind in indicators:
        linked, fractions, num, den, with_value, total = totals.get(ind.pk, (0, 0, None, None, 0, None))
        if ind.is_percent and fractions:
            value = evaluation.ratio(num, den, percent=True)
            rows.append(_row(ind, num, den, value, fractions, linked, []))
        elif not ind.is_percent and with_value:
            rows.append(_row(ind, total, None, total, with_value, linked, []))
        else:  # no school's figure can be added in: missing, never 0
            rows.append(_row(ind, None, None, None, 0, linked, []))
    return rows


def rollup_row(*, department: Organisation, indicator: Indicator, period_key: str, today=None) -> RollupRow:
    """The row of one indicator, its schools ranked best first and those without figures last."""
    for row in rollup(department=department, period_key=period_key, today=today, only=indicator, named=True):
        if row.indicator.pk == indicator.pk:
            reverse = indicator.comparator not in ("<=", "zero", "decrease")
            with_value = sorted(
                (f for f in row.schools if f.has_value), key=lambda f: f.value, reverse=reverse
            )
            without = [f for f in row.schools if not f.has_value]
            row.schools = with_value + without
            return row
    raise LookupError(indicator.pk)


@dataclass
class SchoolTimeliness:
    school: Organisation
    state: str
    state_label: str
    submitted_at: dt.datetime | None
    due: dt.date
    on_time: bool | None  # None while not submitted
    overdue: bool


def timeliness(*, department: Organisation, period_key: str, today: dt.date | None = None) -> dict:
    """Per school: has its report for the period been submitted (and approved), on time or late, or is it overdue."""
    today = today or timezone.localdate()
    period = parse_period(period_key, today)
    due = period.end + dt.timedelta(days=DUE_DAYS)
    schools = schools_of(department)
    subs = {
        s.school_id: s
        for s in Submission.objects.filter(school__in=schools, period_key=period.key, unit__isnull=True)
    }
    lines = []
    for school in schools:
        sub = subs.get(school.pk)
        state = sub.state if sub else Submission.State.OPEN
        submitted_at = sub.submitted_at if sub else None
        on_time = None if submitted_at is None else timezone.localtime(submitted_at).date() <= due
        lines.append(
            SchoolTimeliness(
                school=school,
                state=state,
                state_label=Submission.State(state).label,
                submitted_at=submitted_at,
                due=due,
                on_time=on_time,
                overdue=submitted_at is None and today > due,
            )
        )
    submitted = [x for x in lines if x.submitted_at is not None]
    return {
        "period": period,
        "due": due,
        "lines": lines,
        "total": len(lines),
        "submitted": len(submitted),
        "on_time": sum(1 for x in submitted if x.on_time),
        "late": sum(1 for x in submitted if not x.on_time),
        "overdue": [x for x in lines if x.overdue],
    }


def school_year_choices(today: dt.date, back: int = 5) -> list[P.Period]:
    current = P.current_school_year(today)
    start = current.start.year
    return [P.school_year(y) for y in range(start, start - back, -1)]


# --- a change upstream shown downstream ------------------------------------------------------------------------------


@dataclass
class Drift:
    """What happened upstream to a confirmed tie, in words, and the target of the Sở's current plan it should move to."""

    gone: bool  # the target is no longer in the Sở's current plan (plan replaced, or target removed)
    reasons: list[str]
    suggestion: Indicator | None = None
    suggestion_reason: str = ""
    was: str = ""  # the Sở's target as confirmed, for the list of choices


def _was(snapshot: dict, link: IndicatorLink) -> str:
    name = snapshot.get("name") or (link.department_indicator.name if link.department_indicator_id else "")
    return f"«{name}»" if name else "chỉ tiêu đã liên kết"


def link_drift(link: IndicatorLink, candidates: list[Indicator]) -> Drift | None:
    """None when the Sở's target is as the school confirmed it; otherwise what changed or disappeared.

    `candidates` are the indicators of the Sở's current plan: a tie whose target left it gets the best-matching one
    (the old target's words and computation against the new targets', else the school indicator's) as a suggestion.
    """
    from truyenthong.province.services import SUGGEST_THRESHOLD, best_match, score_pair, target_words

    if link.confirmed_at is None:
        return None
    snap = link.upstream_snapshot or {}
    up = link.department_indicator
    if up is None or up.plan_id is None or not up.plan.is_current:
        if up is None:
            reasons = [f"Chỉ tiêu {_was(snap, link)} đã bị xóa khỏi kế hoạch của Sở."]
        else:
            current = next((c.plan for c in candidates if c.plan_id), None)
            old = up.plan.number or snap.get("plan_number") or "cũ"
            new = f" bằng Kế hoạch số {current.number}" if current is not None and current.number else ""
            reasons = [
                f"Kế hoạch số {old} của Sở đã được thay{new}: chỉ tiêu {_was(snap, link)} không còn trong kế "
                "hoạch hiện hành, số liệu của trường chưa được tính vào tổng hợp toàn tỉnh."
            ]
        drift = Drift(gone=True, reasons=reasons, was=_was(snap, link))
        best = None
        if up is not None:
            for c in candidates:
                score, why = score_pair(up, c)
                if score >= SUGGEST_THRESHOLD and (best is None or score > best[1]):
                    best = (c, score, why)
        if best is None:
            best = best_match(link.school_indicator, candidates)
        if best is not None:
            drift.suggestion, drift.suggestion_reason = best[0], best[2]
        return drift
    if not snap:  # confirmed before the snapshot was kept: only the clock can tell
        if link.upstream_changed:
            return Drift(gone=False, reasons=["Sở đã sửa chỉ tiêu này sau khi trường xác nhận liên kết."])
        return None
    reasons = []
    now_target = target_words(up)
    if snap.get("target") != now_target:
        reasons.append(f"Mức chỉ tiêu của Sở: {snap.get('target') or '—'} → {now_target}.")
    if snap.get("name") != up.name:
        reasons.append(f"Tên chỉ tiêu: «{snap.get('name')}» → «{up.name}».")
    text = up.measure.target.text if up.measure_id and up.measure.target_id else ""
    if snap.get("target_text", "") != text:
        reasons.append(f"Nội dung chỉ tiêu đã sửa, nay là: «{text}».")
    return Drift(gone=False, reasons=reasons) if reasons else None
