"""Reads of indicators: the dashboard rows (shared with reports), drill-down, reporting completeness, task progress,
and the Sở overview. Everything here reads the materialised IndicatorValue table; nothing recomputes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from truyenthong.core.collation import vi
from truyenthong.core.permissions import can, require
from truyenthong.indicators import actions, evaluation, sources
from truyenthong.indicators.models import STATUS_ORDER, Indicator, IndicatorValue, Submission
from truyenthong.lib import periods as P
from truyenthong.org.models import Organisation

TREND_LENGTH = 6
DUE_DAYS = 15  # a unit's report is due this many days after the period ends


def period_is_locked(*, school, period_key: str) -> bool:
    """True when the school's report for the period has been approved (locked)."""
    return Submission.objects.filter(
        school=school, period_key=period_key, unit__isnull=True, state=Submission.State.APPROVED
    ).exists()


def indicator_get_for_user(*, user, indicator_id: int, action: str = actions.VIEW) -> Indicator:
    indicator = get_object_or_404(
        Indicator.objects.select_related("school", "measure__target__phase", "plan"), pk=indicator_id
    )
    require(user, action, indicator.school)
    return indicator


def manual_entry_evidence_get_for_user(*, user, entry_id: int):
    """A hand-entered value whose evidence file the user may open: the school's own staff who may see the records
    behind values (evidence may name people, so never a Department official)."""
    from truyenthong.indicators.models import ManualEntry

    entry = get_object_or_404(ManualEntry.objects.select_related("school", "indicator"), pk=entry_id)
    require(user, actions.RECORDS, entry.school, unit=entry.unit)
    return entry


def default_period_key(today: dt.date | None = None) -> str:
    return P.current_school_year(today or timezone.localdate()).key


def parse_period(key: str | None, today: dt.date | None = None) -> P.Period:
    try:
        return P.period_from_key(key) if key else P.current_school_year(today or timezone.localdate())
    except ValueError:
        return P.current_school_year(today or timezone.localdate())


def period_for(indicator: Indicator, selected: P.Period, today: dt.date | None = None) -> P.Period | None:
    """The indicator's own period that corresponds to the period chosen on the dashboard."""
    if indicator.period_kind == P.PHASE and selected.kind != P.PHASE:
        phase = indicator.measure.target.phase if indicator.measure_id else None
        years = (phase.start_year, phase.end_year) if phase else (None, None)
        return own_period(P.PHASE, selected, today, phase_years=years)
    return own_period(indicator.period_kind, selected, today)


def own_period(
    kind: str, selected: P.Period, today: dt.date | None = None, *, phase_years: tuple = (None, None)
) -> P.Period | None:
    """`period_for` on plain values: an indicator of period `kind` (and, for a phase indicator, its phase's first and
    last year) — for reads over thousands of indicators that fetch columns, not model instances."""
    if kind == selected.kind:
        return selected
    today = today or timezone.localdate()
    day = min(selected.end, max(today, selected.start))
    if kind == P.PHASE:
        start, end = phase_years
        if start and end:
            return P.phase(start, end)
        return None
    if kind == P.SEMESTER:
        return P.semester_of(day) or P.semester(P.school_year_of(day).start.year, 2)
    return P.period_of(kind, day)


def trend_periods(period: P.Period, length: int = TREND_LENGTH) -> list[P.Period]:
    out = [period]
    while len(out) < length:
        prev = P.previous(out[0])
        if prev is None:
            break
        out.insert(0, prev)
    return out


@dataclass
class DashboardRow:
    target: object
    measure: object
    indicator: Indicator | None
    period_key: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    target_value: Decimal | None
    comparator: str
    status: str
    trend: list[tuple[str, Decimal | None]] = field(default_factory=list)
    phase: object = None
    school_wide: bool = (
        False  # a unit dashboard showing the school's value (the indicator is not split by unit)
    )

    @property
    def status_label(self) -> str:
        return evaluation.STATUS_LABELS[self.status]

    @property
    def badge(self) -> str:
        return evaluation.STATUS_BADGES[self.status]

    @property
    def is_percent(self) -> bool:
        return bool(self.indicator and self.indicator.is_percent)


def dashboard_rows(
    *, school, period_key: str, unit=None, plan=None, today: dt.date | None = None
) -> list[DashboardRow]:
    """One row per measure of the school's current plan, lagging first, with value, status and trend."""
    from truyenthong.plans.models import Measure
    from truyenthong.plans.selectors import current_plan_of

    plan = plan or current_plan_of(school)
    if plan is None:
        return []
    selected = parse_period(period_key, today)
    measures = list(
        Measure.objects.filter(target__plan=plan)
        .select_related("target__phase", "indicator")
        .order_by("target__order", "target__id", "order", "id")
    )
    resolved: dict[int, P.Period | None] = {}
    keys: set[str] = set()
    for m in measures:
        ind = getattr(m, "indicator", None)
        if ind is None:
            continue
        own = period_for(ind, selected, today)
        resolved[ind.pk] = own
        if own is not None:
            keys.update(p.key for p in trend_periods(own))
    scopes = [0] if unit is None else [0, unit.pk]
    values: dict[tuple[int, str, int], IndicatorValue] = {
        (v.indicator_id, v.period_key, v.scope): v
        for v in IndicatorValue.objects.filter(
            indicator_id__in=list(resolved), period_key__in=keys, scope__in=scopes
        ).only("indicator_id", "period_key", "scope", "numerator", "denominator", "value", "status")
    }
    rows = []
    for m in measures:
        ind = getattr(m, "indicator", None)
        if ind is None or ind.method == Indicator.Method.UNDEFINED:
            rows.append(
                DashboardRow(
                    target=m.target,
                    measure=m,
                    indicator=ind,
                    period_key=selected.key,
                    value=None,
                    numerator=None,
                    denominator=None,
                    target_value=m.value,
                    comparator=m.comparator,
                    status=evaluation.UNDEFINED,
                    phase=m.target.phase,
                )
            )
            continue
        own = resolved.get(ind.pk)
        scope = unit.pk if unit is not None else 0
        school_wide = False
        if (
            own is not None
            and unit is not None
            and (ind.pk, own.key, scope) not in values
            and not _splits_by_unit(ind)
        ):
            scope, school_wide = 0, True
        v = values.get((ind.pk, own.key, scope)) if own else None
        trend = (
            [(p.key, getattr(values.get((ind.pk, p.key, scope)), "value", None)) for p in trend_periods(own)]
            if own
            else []
        )
        while len(trend) > 1 and trend[0][1] is None:
            trend.pop(0)  # periods before the school started recording
        rows.append(
            DashboardRow(
                target=m.target,
                measure=m,
                indicator=ind,
                period_key=own.key if own else selected.key,
                value=v.value if v else None,
                numerator=v.numerator if v else None,
                denominator=v.denominator if v else None,
                target_value=ind.target_value,
                comparator=ind.comparator,
                status=v.status if v else evaluation.NO_DATA,
                trend=trend,
                phase=m.target.phase,
                school_wide=school_wide,
            )
        )
    rows.sort(key=lambda r: STATUS_ORDER.get(r.status, 9))
    return rows


def _splits_by_unit(ind: Indicator) -> bool:
    if ind.method == Indicator.Method.MANUAL:
        return ind.per_unit
    num = sources.get(ind.numerator_source)
    den = sources.get(ind.denominator_source) if ind.denominator_source else None
    return bool(num and num.per_unit and (den is None or den.per_unit))


def status_counts(rows: list[DashboardRow]) -> dict[str, int]:
    counts = {k: 0 for k in evaluation.STATUS_LABELS}
    for r in rows:
        counts[r.status] += 1
    return counts


# --- drill-down ----------------------------------------------------------------------------------------------------


@dataclass
class Drilldown:
    indicator: Indicator
    period: P.Period
    unit: Organisation | None
    value: IndicatorValue | None
    numerator_label: str
    denominator_label: str
    numerator_rows: list
    denominator_rows: list
    hidden_reason: str = ""

    @property
    def sections(self) -> list[tuple[str, list]]:
        out = []
        if self.numerator_label and not (self.hidden_reason and not self.numerator_rows):
            out.append((f"Tử số: {self.numerator_label}", self.numerator_rows))
        if self.denominator_label and not (self.hidden_reason and not self.denominator_rows):
            out.append((f"Mẫu số: {self.denominator_label}", self.denominator_rows))
        return out


def drilldown(*, user, indicator: Indicator, period_key: str, unit=None) -> Drilldown:
    """The records behind a value. Names of people are shown only to school staff allowed to see them."""
    period = P.period_from_key(period_key, kind=indicator.period_kind)
    scope = unit.pk if unit else 0
    value = IndicatorValue.objects.filter(indicator=indicator, period_key=period.key, scope=scope).first()
    num = sources.get(indicator.numerator_source)
    den = sources.get(indicator.denominator_source) if indicator.denominator_source else None
    hidden = ""
    rows: dict[str, list] = {"num": [], "den": []}
    for name, src in (("num", num), ("den", den)):
        if src is None or indicator.method != Indicator.Method.COMPUTED:
            continue
        if src.personal and not can(user, actions.RECORDS, indicator.school):
            hidden = (
                "Danh sách có dữ liệu cá nhân nên chỉ cán bộ của trường được xem; ở đây chỉ hiện số lượng."
            )
            continue
        if src.restricted_action and not can(user, src.restricted_action, indicator.school):
            hidden = "Danh sách này chỉ Ban giám hiệu được xem; ở đây chỉ hiện số lượng."
            continue
        params = indicator.numerator_params if name == "num" else indicator.denominator_params
        rows[name] = src.rows(indicator.school, period, unit, params or {})
    return Drilldown(
        indicator=indicator,
        period=period,
        unit=unit,
        value=value,
        numerator_label=num.label if num else "",
        denominator_label=den.label if den else "",
        numerator_rows=rows["num"],
        denominator_rows=rows["den"],
        hidden_reason=hidden,
    )


# --- completeness --------------------------------------------------------------------------------------------------


@dataclass
class UnitReport:
    unit: Organisation
    state: str
    state_label: str
    submitted_at: dt.datetime | None
    due: dt.date
    overdue: bool
    unlock_reason: str = ""


def completeness(*, school, period_key: str, today: dt.date | None = None) -> dict:
    """Which units have submitted the period's report, which have not, which are overdue; and the school's state."""
    from truyenthong.indicators.services import reporting_units

    today = today or timezone.localdate()
    period = parse_period(period_key, today)
    due = period.end + dt.timedelta(days=DUE_DAYS)
    subs = {s.unit_id: s for s in Submission.objects.filter(school=school, period_key=period.key)}
    reports = []
    for unit in reporting_units(school):
        sub = subs.get(unit.pk)
        state = sub.state if sub else Submission.State.OPEN
        reports.append(
            UnitReport(
                unit=unit,
                state=state,
                state_label=Submission.State(state).label,
                submitted_at=sub.submitted_at if sub else None,
                due=due,
                overdue=state == Submission.State.OPEN and today > due,
                unlock_reason=sub.unlock_reason if sub else "",
            )
        )
    school_sub = subs.get(None)
    submitted = sum(1 for r in reports if r.state != Submission.State.OPEN)
    approved = sum(1 for r in reports if r.state == Submission.State.APPROVED)
    return {
        "period": period,
        "units": reports,
        "due": due,
        "submitted": submitted,
        "approved": approved,
        "total": len(reports),
        "missing": [r for r in reports if r.state == Submission.State.OPEN],
        "missing_text": ", ".join(
            r.unit.name + (" (quá hạn)" if r.overdue else "")
            for r in reports
            if r.state == Submission.State.OPEN
        ),
        "overdue": [r for r in reports if r.overdue],
        "school_state": school_sub.state if school_sub else Submission.State.OPEN,
        "school_state_label": Submission.State(school_sub.state if school_sub else "open").label,
        "school_locked": bool(school_sub and school_sub.state == Submission.State.APPROVED),
        "can_approve_school": approved == len(reports),
    }


# --- task progress -------------------------------------------------------------------------------------------------


@dataclass
class TaskProgress:
    task: object
    done: int
    total: int
    indicators_met: int
    indicators_total: int
    progress: int
    status: str
    status_label: str
    timeline: list = field(default_factory=list)
    content_published: int = 0
    content_total: int = 0

    @property
    def evidence_done(self) -> int:
        return self.done + self.content_published

    @property
    def evidence_total(self) -> int:
        return self.total + self.content_total


@dataclass
class GroupProgress:
    group: object
    tasks: list
    progress: int


TASK_STATUS = {
    "not_started": "Chưa triển khai",
    "in_progress": "Đang triển khai",
    "done": "Đã hoàn thành kỳ này",
}


def task_progress(*, plan, period_key: str | None = None, with_timeline: bool = False, today=None) -> dict:
    """Each task's progress in the period, from every piece of evidence linked to it: (activities done or verified +
    content items published) ÷ (activities + content items) dated in the period. One ratio, never an average of two;
    the share of its linked indicators that are met is shown beside it, not mixed in. Rolled up to task groups and
    the plan as the mean of their tasks."""
    from truyenthong.plans.models import Task, TaskGroup

    period = parse_period(period_key, today)
    Activity = _activity_model()
    stats: dict[int, tuple[int, int]] = {}
    timeline: dict[int, list] = defaultdict(list)
    if Activity is not None:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        school_id = plan.organisation.school_id or plan.organisation_id
        # The school and date filter first (indexed), then the plan's tasks.
        qs = Activity.objects.filter(
            school_id=school_id, starts_at__gte=start, starts_at__lt=end, task__group__plan=plan
        )
        for r in (
            qs.order_by()
            .values("task_id")
            .annotate(total=Count("id"), done=Count("id", filter=Q(status__in=["done", "verified"])))
        ):
            stats[r["task_id"]] = (r["done"], r["total"])
        if with_timeline:
            for a in qs.select_related("unit").order_by("starts_at"):
                timeline[a.task_id].append(a)
    content_stats: dict[int, tuple[int, int]] = {}
    ContentItem = _content_model()
    if ContentItem is not None:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        now = timezone.now()
        school_id = plan.organisation.school_id or plan.organisation_id
        # An item counts in the period it was published in, or (not yet published) the one it was written in;
        # it is done once it is out: published or archived, at a time already past (a scheduled post is not).
        dated = Q(contentitem__published_at__gte=start, contentitem__published_at__lt=end) | Q(
            contentitem__published_at__isnull=True,
            contentitem__created_at__gte=start,
            contentitem__created_at__lt=end,
        )
        out = Q(contentitem__status__in=["published", "archived"], contentitem__published_at__lte=now)
        for r in (
            ContentItem.tasks.through.objects.filter(
                dated, task__group__plan=plan, contentitem__school_id=school_id
            )
            .order_by()
            .values("task_id")
            .annotate(
                total=Count("contentitem_id", distinct=True),
                done=Count("contentitem_id", filter=out, distinct=True),
            )
        ):
            content_stats[r["task_id"]] = (r["done"], r["total"])
    ind_stats: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    links = Indicator.tasks.through.objects.filter(task__group__plan=plan).values_list(
        "task_id", "indicator_id"
    )
    linked = defaultdict(list)
    for task_id, ind_id in links:
        linked[ind_id].append(task_id)
    if linked:
        for v in IndicatorValue.objects.filter(indicator_id__in=list(linked), period_key=period.key, scope=0):
            for task_id in linked[v.indicator_id]:
                ind_stats[task_id][1] += 1
                ind_stats[task_id][0] += v.status == evaluation.MET
    groups = []
    for group in TaskGroup.objects.filter(plan=plan).prefetch_related(
        Prefetch("tasks", queryset=Task.objects.order_by("order", "id"))
    ):
        items = []
        for task in group.tasks.all():
            done, total = stats.get(task.pk, (0, 0))
            published, content_total = content_stats.get(task.pk, (0, 0))
            met, ind_total = ind_stats.get(task.pk, [0, 0])
            evidence_done, evidence_total = done + published, total + content_total
            progress = round(100 * evidence_done / evidence_total) if evidence_total else 0
            status = (
                "not_started"
                if evidence_done == 0
                else ("done" if evidence_done == evidence_total else "in_progress")
            )
            items.append(
                TaskProgress(
                    task,
                    done,
                    total,
                    met,
                    ind_total,
                    progress,
                    status,
                    TASK_STATUS[status],
                    timeline.get(task.pk, []),
                    published,
                    content_total,
                )
            )
        group_progress = round(sum(t.progress for t in items) / len(items)) if items else 0
        groups.append(GroupProgress(group, items, group_progress))
    plan_progress = round(sum(g.progress for g in groups) / len(groups)) if groups else 0
    return {"period": period, "groups": groups, "progress": plan_progress}


def _content_model():
    try:
        return apps.get_model("content", "ContentItem")
    except LookupError:
        return None


def _activity_model():
    try:
        return apps.get_model("activities", "Activity")
    except LookupError:
        return None


# --- the Sở overview -----------------------------------------------------------------------------------------------


def department_overview(*, department, period_key: str, today=None) -> list[dict]:
    """One line per school under the Sở: status counts of the school's indicators for the period (numbers only)."""
    period = parse_period(period_key, today)
    # a line shows a school's name and links by its code: a thousand rows of three columns; the counts take the
    # schools' ids (a subquery instead makes PostgreSQL guess a tenth of the rows and pick a slower plan)
    schools = list(
        Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, path__startswith=department.path)
        .only("id", "code", "name")
        .order_by(vi("name"))
    )
    under = [s.pk for s in schools]
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    defined: dict[int, int] = defaultdict(int)
    for r in (
        Indicator.objects.filter(school_id__in=under, plan__is_current=True)
        .values("school_id", "method")
        .annotate(n=Count("id"))
    ):
        if r["method"] == Indicator.Method.UNDEFINED:
            counts[r["school_id"]][evaluation.UNDEFINED] += r["n"]
        else:
            defined[r["school_id"]] += r["n"]
    for r in (
        IndicatorValue.objects.filter(
            school_id__in=under, scope=0, period_key=period.key, indicator__plan__is_current=True
        )
        .values("school_id", "status")
        .annotate(n=Count("id"))
    ):
        counts[r["school_id"]][r["status"]] += r["n"]
    out = []
    for s in schools:
        c = counts[s.pk]
        with_value = sum(
            c[k] for k in (evaluation.MET, evaluation.AT_RISK, evaluation.NOT_MET, evaluation.NO_DATA)
        )
        c[evaluation.NO_DATA] += max(defined[s.pk] - with_value, 0)
        has_plan = bool(defined[s.pk] or c[evaluation.UNDEFINED])
        out.append({"school": s, "has_plan": has_plan, **{k: c[k] for k in evaluation.STATUS_LABELS}})
    return out
