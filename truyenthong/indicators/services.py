"""Writes for indicators: default definitions from a plan, definition edits, the set-based recomputation of
materialised values, hand-entered values, and the submit → approve → lock cycle of a reporting period."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from truyenthong.core.audit import audit_create, audit_record
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.events import announce_school_data_changed
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import require_actor
from truyenthong.core.versioning import update_versioned
from truyenthong.indicators import actions, evaluation, sources
from truyenthong.indicators.defaults import fold, rule_for, rule_named
from truyenthong.indicators.models import Indicator, IndicatorValue, ManualEntry, Submission
from truyenthong.lib import periods as P
from truyenthong.lib.vntext import in_sentence
from truyenthong.org.models import Organisation

HISTORY_YEARS = 5  # how many school years before the current one are kept computed (trends, "increase")


# --- default definitions -------------------------------------------------------------------------------------------


def _phase_span(measure) -> tuple[int, int] | None:
    phase = measure.target.phase
    if phase and phase.start_year and phase.end_year:
        return phase.start_year, phase.end_year
    return None


@transaction.atomic
def indicators_create_defaults(*, plan, actor, choices: dict[int, str] | None = None) -> list[Indicator]:
    """Give every measure of `plan` an indicator (computed, manual, or "undefined"); existing ones are kept.

    ``choices`` maps a measure's id to the rule leadership chose in the upload preview ("" or a missing id:
    "cần định nghĩa"); without it (command line, demo) each measure takes its suggested rule.
    """
    from truyenthong.plans.models import Measure, Task

    school = plan.organisation.school or plan.organisation
    require_actor(actor, actions.DEFINE, school)
    measures = list(
        Measure.objects.filter(target__plan=plan)
        .select_related("target", "target__phase")
        .prefetch_related("target__measures")
    )
    existing = set(Indicator.objects.filter(measure__in=measures).values_list("measure_id", flat=True))
    tasks = list(Task.objects.filter(group__plan=plan))
    created = []
    for measure in measures:
        if measure.pk in existing:
            continue
        siblings = len(measure.target.measures.all())
        if choices is not None:
            rule = rule_named(choices.get(measure.pk) or "")
        else:
            rule = rule_for(
                f"{measure.subject} {measure.text}",
                measure.target.text,
                comparator=measure.comparator,
                single_measure=siblings == 1,
                unit=measure.unit,
            )
        comparator = measure.comparator
        if rule and rule.comparator == "zero":
            comparator = "zero"
        elif rule and rule.comparator == "increase" and (measure.value is None or comparator == "increase"):
            comparator = "increase"
        name = (measure.subject or measure.text or measure.target.text)[:300]
        indicator = Indicator(
            school=school,
            plan=plan,
            measure=measure,
            name=rule.name if rule else name,
            method=rule.method if rule else Indicator.Method.UNDEFINED,
            numerator_source=rule.numerator if rule else "",
            numerator_params=dict(rule.numerator_params) if rule else {},
            denominator_source=rule.denominator if rule else "",
            denominator_params=dict(rule.denominator_params) if rule else {},
            period_kind=Indicator.PeriodKind.SCHOOL_YEAR,
            target_value=measure.value,
            comparator=comparator,
            is_percent=rule.is_percent if rule else measure.unit == "%",
            note=rule.note if rule else "Chưa nhận ra cách đo chỉ tiêu này; cần lãnh đạo định nghĩa.",
        )
        indicator.full_clean()
        indicator.save()
        if rule and rule.task_words:
            linked = [t for t in tasks if any(w in fold(t.text) for w in rule.task_words)]
            indicator.tasks.set(linked)
        audit_create(actor=actor, instance=indicator, organisation=school)
        created.append(indicator)
    if created:
        _values_changed(school)
    return created


# --- definition edits ----------------------------------------------------------------------------------------------


def _check_definition(indicator: Indicator) -> None:
    errors = []
    if indicator.method == Indicator.Method.COMPUTED:
        if not sources.get(indicator.numerator_source):
            errors.append("Hãy chọn tử số trong danh sách nguồn dữ liệu.")
        if indicator.denominator_source and not sources.get(indicator.denominator_source):
            errors.append("Mẫu số không có trong danh sách nguồn dữ liệu.")
    for name in ("numerator_params", "denominator_params"):
        if not isinstance(getattr(indicator, name), dict):
            errors.append('Tham số phải là một đối tượng JSON, ví dụ {"kind": "study_session"}.')
    if indicator.comparator not in ("zero", "increase", "decrease") and indicator.target_value is None:
        errors.append("Hãy nhập giá trị chỉ tiêu (ví dụ 100) cho phép so sánh đã chọn.")
    if indicator.is_percent and indicator.target_value is not None and not 0 <= indicator.target_value <= 100:
        errors.append("Chỉ tiêu tỷ lệ phải nằm trong khoảng 0–100%.")
    if errors:
        raise InvalidInput("Định nghĩa chỉ số chưa hợp lệ.", errors=errors)


@transaction.atomic
def indicator_update(*, indicator: Indicator, expected_version: int, actor, changes: dict) -> dict:
    require_actor(actor, actions.DEFINE, indicator.school)
    tasks = changes.pop("tasks", None)
    for name, value in changes.items():
        setattr(indicator, name, value)
    _check_definition(indicator)
    indicator.refresh_from_db(fields=list(changes))
    changed = update_versioned(
        instance=indicator,
        expected_version=expected_version,
        changes=changes,
        actor=actor,
        organisation=indicator.school,
    )
    if tasks is not None:
        before = sorted(indicator.tasks.values_list("id", flat=True))
        indicator.tasks.set(tasks)
        after = sorted(t.pk for t in tasks)
        if before != after:
            audit_record(
                actor=actor,
                instance=indicator,
                action=AuditEntry.Action.UPDATE,
                changes={"tasks": [before, after]},
                organisation=indicator.school,
            )
    _values_changed(indicator.school)
    return changed


# --- recomputation -----------------------------------------------------------------------------------------------


def horizon(kind: str, today: dt.date, phase_spans: set[tuple[int, int]] = frozenset()) -> list[P.Period]:
    """The periods kept computed for an indicator kind: the current one and HISTORY_YEARS years back, in order."""
    current = P.current_school_year(today).start.year
    if kind == P.PHASE:
        return sorted(P.phase(a, b) for a, b in phase_spans)
    if kind == P.CALENDAR_YEAR:
        return P.periods_of_kind(kind, today.year - HISTORY_YEARS, today.year)
    found = P.periods_of_kind(kind, current - HISTORY_YEARS, current)
    return [p for p in found if p.start <= today]


def _signature(name: str, params: dict) -> tuple[str, str]:
    return name, json.dumps(params or {}, sort_keys=True)


def indicators_recompute(*, school_ids: list[int] | None = None, today: dt.date | None = None) -> int:
    """Recompute every indicator value of the given schools (all schools when None), set-based.

    Indicators sharing a source and parameters are served by the same aggregate query for all their schools, so
    the number of queries depends on the number of distinct definitions and periods, not on schools or people.
    """
    today = today or timezone.localdate()
    indicators = Indicator.objects.select_related("measure__target__phase", "plan")
    if school_ids is not None:
        indicators = indicators.filter(school_id__in=school_ids)
    indicators = list(indicators)
    if not indicators:
        return 0
    units_by_school: dict[int, list[int]] = defaultdict(list)
    unit_rows = Organisation.objects.filter(kind=Organisation.Kind.UNIT, is_active=True)
    if school_ids is not None:
        unit_rows = unit_rows.filter(school_id__in=school_ids)
    for unit_id, school_id in unit_rows.values_list("id", "school_id"):
        units_by_school[school_id].append(unit_id)

    by_kind: dict[str, list[Indicator]] = defaultdict(list)
    for ind in indicators:
        by_kind[ind.period_kind].append(ind)

    manual = _manual_values(indicators)
    starts = _tracking_starts(indicators)
    now = timezone.now()
    rows: list[IndicatorValue] = []
    for kind, group in by_kind.items():
        spans = {_phase_span(i.measure) for i in group if i.measure_id and _phase_span(i.measure)}
        periods = horizon(kind, today, spans)
        needed = {}
        for ind in group:
            if ind.method != Indicator.Method.COMPUTED:
                continue
            for name, params in (
                (ind.numerator_source, ind.numerator_params),
                (ind.denominator_source, ind.denominator_params),
            ):
                if name and sources.get(name):
                    needed[_signature(name, params)] = (sources.get(name), params or {})
        involved = sorted({i.school_id for i in group})
        ids = school_ids if school_ids is not None else involved
        previous: dict[tuple[int, int], Decimal | None] = {}
        for period in periods:
            counts = {sig: src.counts(ids, period, params) for sig, (src, params) in needed.items()}
            current: dict[tuple[int, int], Decimal | None] = {}
            for ind in group:
                scopes = [0]
                if ind.method == Indicator.Method.COMPUTED:
                    num_src = sources.get(ind.numerator_source)
                    den_src = sources.get(ind.denominator_source) if ind.denominator_source else None
                    if num_src and num_src.per_unit and (den_src is None or den_src.per_unit):
                        scopes += units_by_school.get(ind.school_id, [])
                elif ind.method == Indicator.Method.MANUAL:
                    scopes += [s for (i, pk, s) in manual if i == ind.pk and pk == period.key and s]
                if period.end < starts.get(ind.school_id, period.end):
                    continue  # before the school started recording: no value rather than a false zero
                for scope in scopes:
                    row = _value_row(ind, period, scope, counts, manual, previous, now)
                    if row is not None:
                        rows.append(row)
                        current[(ind.pk, scope)] = row.value
            previous = current
    with transaction.atomic():
        stale = IndicatorValue.objects.filter(indicator__in=[i.pk for i in indicators])
        stale.delete()
        IndicatorValue.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _tracking_starts(indicators) -> dict[int, dt.date]:
    """Per school, the first day worth computing: the start of the school year in which its plan was issued, or of
    its first recorded activity if earlier. Earlier periods get no value instead of a false zero."""
    from django.db.models import Min

    starts: dict[int, dt.date] = {}
    for ind in indicators:
        issued = ind.plan.issued_on if ind.plan_id and ind.plan.issued_on else None
        if issued is not None:
            day = P.school_year_of(issued).start
            starts[ind.school_id] = min(starts.get(ind.school_id, day), day)
    Activity = sources._model("activities.Activity")
    if Activity is not None:
        school_ids = list({i.school_id for i in indicators})
        for row in (
            Activity.objects.filter(school_id__in=school_ids)
            .order_by()
            .values("school_id")
            .annotate(first=Min("starts_at"))
        ):
            day = P.school_year_of(timezone.localtime(row["first"]).date()).start
            starts[row["school_id"]] = min(starts.get(row["school_id"], day), day)
    return starts


def _value_row(ind, period, scope, counts, manual, previous, now) -> IndicatorValue | None:
    numerator = denominator = value = None
    if ind.method == Indicator.Method.UNDEFINED:
        return None
    if ind.method == Indicator.Method.MANUAL:
        entry = manual.get((ind.pk, period.key, scope))
        if entry is None:
            return None
        numerator, denominator, value = entry
        if value is None:
            value = evaluation.ratio(numerator, denominator, percent=ind.is_percent)
    else:
        num = counts.get(_signature(ind.numerator_source, ind.numerator_params), {})
        numerator = num.get((ind.school_id, scope), Decimal(0))
        if ind.denominator_source:
            den = counts.get(_signature(ind.denominator_source, ind.denominator_params), {})
            denominator = den.get((ind.school_id, scope), Decimal(0))
            if not denominator and not numerator:
                return None  # nothing to measure here (a unit with no staff, a year with no records)
        value = evaluation.ratio(numerator, denominator, percent=ind.is_percent)
    prev = previous.get((ind.pk, scope))
    status = evaluation.status_of(
        value, comparator=ind.comparator, target=ind.target_value, margin=ind.at_risk_margin, previous=prev
    )
    return IndicatorValue(
        indicator=ind,
        school_id=ind.school_id,
        period_key=period.key,
        scope=scope,
        unit_id=scope or None,
        numerator=numerator,
        denominator=denominator,
        value=value,
        status=status,
        computed_at=now,
    )


def _manual_values(indicators) -> dict[tuple[int, str, int], tuple]:
    """Submitted hand-entered values by (indicator, period, scope); a school value from its units when not given."""
    manual_ids = [i.pk for i in indicators if i.method == Indicator.Method.MANUAL]
    out: dict[tuple[int, str, int], tuple] = {}
    if not manual_ids:
        return out
    entries = ManualEntry.objects.filter(indicator_id__in=manual_ids, state=ManualEntry.State.SUBMITTED)
    sums: dict[tuple[int, str], list] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for e in entries:
        out[(e.indicator_id, e.period_key, e.unit_id or 0)] = (e.numerator, e.denominator, e.value)
        if e.unit_id and e.numerator is not None and e.denominator is not None:
            acc = sums[(e.indicator_id, e.period_key)]
            acc[0] += e.numerator
            acc[1] += e.denominator
            acc[2] += 1
    for (ind_id, key), (num, den, _n) in sums.items():
        out.setdefault((ind_id, key, 0), (num, den, None))
    return out


def _values_changed(school) -> None:
    """Definitions and hand-entered values change what is computed: the one refresh path (`refresh.py`) follows."""
    announce_school_data_changed(sender="indicators", school=school, source="indicators")


# --- hand-entered values -------------------------------------------------------------------------------------------


def _decimal(value, label: str, errors: list) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        result = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        errors.append(f"{label} phải là một số.")
        return None
    if result < 0:
        errors.append(f"{label} không được âm.")
    return result


def unit_is_locked(*, school, period_key: str, unit) -> Submission | None:
    """The submission that locks this unit's data for the period (its own, or the school's), if any."""
    states = Submission.objects.filter(school=school, period_key=period_key)
    school_sub = states.filter(unit__isnull=True, state=Submission.State.APPROVED).first()
    if school_sub:
        return school_sub
    if unit is not None:
        return states.filter(
            unit=unit, state__in=[Submission.State.SUBMITTED, Submission.State.APPROVED]
        ).first()
    return None


@transaction.atomic
def manual_entry_save(
    *,
    indicator: Indicator,
    period_key: str,
    unit,
    actor,
    numerator=None,
    denominator=None,
    value=None,
    evidence_link: str = "",
    evidence_name: str = "",
    evidence_data: bytes | None = None,
    note: str = "",
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> ManualEntry:
    """Validate and store a hand-entered value (then recompute). Refused in a locked or not yet open period."""
    require_actor(actor, actions.ENTER, indicator.school, unit=unit)
    from truyenthong.core.uploads import EVIDENCE, check_upload

    today = today or timezone.localdate()
    if indicator.method != Indicator.Method.MANUAL:
        raise NotAllowed("Chỉ số này được tính tự động từ hồ sơ; không nhập tay.")
    try:
        period = P.period_from_key(period_key, kind=indicator.period_kind)
    except ValueError as exc:
        raise InvalidInput("Kỳ báo cáo không hợp lệ.") from exc
    if period.kind != indicator.period_kind:
        raise InvalidInput(f"Chỉ số này báo cáo theo {in_sentence(P.KIND_LABELS[indicator.period_kind])}.")
    if period.start > today:
        raise NotAllowed(f"{period.label} chưa bắt đầu; chưa thể nhập số liệu.")
    school = indicator.school
    if unit is not None and unit.school_id != school.pk:
        raise InvalidInput("Đơn vị không thuộc trường này.")
    lock = unit_is_locked(school=school, period_key=period.key, unit=unit)
    if lock is not None:
        raise NotAllowed(
            "Số liệu của kỳ này đã được gửi hoặc đã được duyệt và khóa; không thể sửa. "
            "Lãnh đạo nhà trường có thể mở khóa kèm lý do."
        )
    errors: list[str] = []
    num = _decimal(numerator, "Tử số", errors)
    den = _decimal(denominator, "Mẫu số", errors)
    val = _decimal(value, "Giá trị", errors)
    if num is not None and den is not None:
        if den == 0:
            errors.append("Mẫu số phải lớn hơn 0.")
        elif num > den:
            errors.append("Tử số không được lớn hơn mẫu số.")
    if (num is None) != (den is None) and val is None:
        errors.append("Hãy nhập cả tử số và mẫu số, hoặc nhập trực tiếp giá trị.")
    if num is None and den is None and val is None:
        errors.append("Hãy nhập giá trị (hoặc tử số và mẫu số).")
    if val is not None and indicator.is_percent and not Decimal(0) <= val <= Decimal(100):
        errors.append("Tỷ lệ phần trăm phải nằm trong khoảng 0–100.")
    if val is None and num is not None and den:
        val = evaluation.ratio(num, den, percent=indicator.is_percent)
    entry = ManualEntry.objects.filter(indicator=indicator, period_key=period.key, unit=unit).first()
    has_evidence = bool(
        evidence_link or evidence_data or (entry and (entry.evidence_link or entry.evidence_file))
    )
    if indicator.evidence_required and not has_evidence:
        errors.append("Chỉ số này bắt buộc có minh chứng: hãy đính kèm tệp hoặc dán liên kết.")
    if evidence_data is not None:
        try:
            check_upload(
                name=evidence_name,
                data=evidence_data,
                kinds=EVIDENCE,
                max_bytes=settings.UPLOAD_MAX_BYTES,
                field="Minh chứng",
            )
        except InvalidInput as exc:
            errors.append(exc.message)
    if errors:
        raise InvalidInput("Số liệu chưa hợp lệ.", errors=errors)
    fields = {
        "numerator": num,
        "denominator": den,
        "value": val,
        "evidence_link": evidence_link or (entry.evidence_link if entry else ""),
        "note": note,
        "state": ManualEntry.State.SUBMITTED,
    }
    if entry is None:
        entry = ManualEntry(indicator=indicator, school=school, period_key=period.key, unit=unit, **fields)
        entry.entered_by = actor if getattr(actor, "is_authenticated", False) else None
        if evidence_data is not None:
            entry.evidence_file.save(evidence_name, ContentFile(evidence_data), save=False)
        try:
            entry.full_clean()
        except ValidationError as exc:
            raise InvalidInput("Số liệu chưa hợp lệ.", errors=exc.messages) from exc
        entry.save()
        audit_create(actor=actor, instance=entry, organisation=school)
    else:
        if expected_version is None:
            expected_version = entry.version
        if evidence_data is not None:
            entry.evidence_file.save(evidence_name, ContentFile(evidence_data), save=False)
            fields["evidence_file"] = entry.evidence_file.name
        update_versioned(
            instance=entry,
            expected_version=expected_version,
            changes=fields,
            actor=actor,
            organisation=school,
        )
    _values_changed(school)
    return entry


# --- reporting periods: submit → approve → lock -----------------------------------------------------------------------


def reporting_units(school) -> list[Organisation]:
    """The units that report each period: every unit of the school except the leadership, which approves."""
    return list(
        Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT, is_active=True)
        .exclude(unit_kind=Organisation.UnitKind.LEADERSHIP)
        .order_by("path")
    )


def _submission(school, period_key, unit) -> Submission:
    sub = (
        Submission.objects.select_for_update().filter(school=school, period_key=period_key, unit=unit).first()
    )
    return sub or Submission.objects.create(school=school, period_key=period_key, unit=unit)


def _log(sub: Submission, actor, changes: dict) -> None:
    audit_record(
        actor=actor, instance=sub, action=AuditEntry.Action.UPDATE, changes=changes, organisation=sub.school
    )


def _check_period(period_key: str, today: dt.date | None) -> P.Period:
    try:
        period = P.period_from_key(period_key)
    except ValueError as exc:
        raise InvalidInput("Kỳ báo cáo không hợp lệ.") from exc
    if period.start > (today or timezone.localdate()):
        raise NotAllowed(f"{period.label} chưa bắt đầu.")
    return period


@transaction.atomic
def submission_submit(*, school, period_key: str, unit, actor, today: dt.date | None = None) -> Submission:
    """A unit sends its report for the period; its hand-entered values can no longer be edited."""
    require_actor(actor, actions.ENTER, school, unit=unit)
    _check_period(period_key, today)
    if unit is None or unit.school_id != school.pk:
        raise InvalidInput("Hãy chọn đơn vị của trường.")
    if unit_is_locked(school=school, period_key=period_key, unit=None):
        raise NotAllowed("Kỳ báo cáo của trường đã được duyệt và khóa.")
    sub = _submission(school, period_key, unit)
    if sub.state != Submission.State.OPEN:
        raise NotAllowed(f"{unit.name} đã nộp báo cáo kỳ này.")
    old = sub.state
    sub.state, sub.submitted_by, sub.submitted_at = Submission.State.SUBMITTED, actor, timezone.now()
    sub.save()
    _log(sub, actor, {"state": [old, sub.state]})
    return sub


@transaction.atomic
def submission_approve(*, school, period_key: str, unit, actor, today: dt.date | None = None) -> Submission:
    """Approve (and lock) a unit's report; with `unit=None`, the school's period — only once every unit is approved."""
    require_actor(actor, actions.APPROVE, school)
    _check_period(period_key, today)
    if unit is None:
        units = reporting_units(school)
        approved = set(
            Submission.objects.filter(
                school=school, period_key=period_key, unit__in=units, state=Submission.State.APPROVED
            ).values_list("unit_id", flat=True)
        )
        missing = [u.name for u in units if u.pk not in approved]
        if missing:
            raise NotAllowed(
                "Chưa thể duyệt kỳ báo cáo của trường: các đơn vị sau chưa được duyệt — "
                + ", ".join(missing)
                + "."
            )
    sub = _submission(school, period_key, unit)
    if sub.state == Submission.State.APPROVED:
        raise NotAllowed("Kỳ báo cáo này đã được duyệt.")
    if unit is not None and sub.state != Submission.State.SUBMITTED:
        raise NotAllowed(f"{unit.name} chưa nộp báo cáo kỳ này.")
    old = sub.state
    sub.state, sub.approved_by, sub.approved_at = Submission.State.APPROVED, actor, timezone.now()
    sub.save()
    _log(sub, actor, {"state": [old, sub.state]})
    return sub


@transaction.atomic
def submission_unlock(*, school, period_key: str, unit, actor, reason: str) -> Submission:
    """Reopen a submitted or approved report (leadership), with a reason kept in the history."""
    require_actor(actor, actions.APPROVE, school)
    if not (reason or "").strip():
        raise InvalidInput("Hãy ghi lý do mở khóa.")
    sub = (
        Submission.objects.select_for_update().filter(school=school, period_key=period_key, unit=unit).first()
    )
    if sub is None or sub.state == Submission.State.OPEN:
        raise NotAllowed("Kỳ báo cáo này đang mở, không cần mở khóa.")
    old = sub.state
    sub.state, sub.unlock_reason = Submission.State.OPEN, reason.strip()
    sub.save()
    _log(sub, actor, {"state": [old, sub.state], "unlock_reason": [None, sub.unlock_reason]})
    if unit is None:
        return sub
    # Reopening a unit reopens the school's approval too, since it no longer covers every unit.
    school_sub = Submission.objects.filter(school=school, period_key=period_key, unit__isnull=True).first()
    if school_sub and school_sub.state == Submission.State.APPROVED:
        school_sub.state, school_sub.unlock_reason = Submission.State.OPEN, reason.strip()
        school_sub.save()
        _log(school_sub, actor, {"state": [Submission.State.APPROVED, Submission.State.OPEN]})
    return sub
