"""Writes of the evaluation app: the criteria set and its yearly cycle, emulation, inspections and follow-ups.

Every function checks permission, validates, writes in one transaction and leaves an audit entry.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from truyenthong.core.audit import audit_create, audit_delete, audit_record, diff, snapshot
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import can, require
from truyenthong.core.versioning import update_versioned
from truyenthong.evaluation import actions
from truyenthong.evaluation.models import (
    Commendation,
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    CriterionScore,
    EmulationScore,
    EmulationYear,
    EvaluationCycle,
    Finding,
    FollowUp,
    Inspection,
    UnitAssessment,
)
from truyenthong.evaluation.ranking import Thresholds
from truyenthong.lib import periods as P
from truyenthong.org.models import Organisation

TWO = Decimal("0.01")
# "12/QĐ-CLQĐ", "05a/QĐ-THPT", "123/QĐ-SGDĐT": number / type - issuer, as Decree 30 writes them.
DECISION_RE = re.compile(r"^\d+[a-zA-Z]?/[A-ZĐ]{1,6}(-[A-Za-zĐđ0-9]+)+$")

AR = Criterion.AutoRule
DEFAULT_RUBRIC = [
    (
        "I",
        "Công tác quán triệt, học tập nghị quyết",
        [
            (
                "Tổ chức quán triệt, học tập nghị quyết cho 100% cán bộ, giáo viên, nhân viên của đơn vị",
                15,
                AR.ACTIVITIES,
                2,
                "Biên bản, danh sách điểm danh các buổi học tập",
            ),
            (
                "Xây dựng kế hoạch hành động của đơn vị, phân công rõ người, rõ việc",
                10,
                AR.NONE,
                None,
                "Kế hoạch của đơn vị",
            ),
        ],
    ),
    (
        "II",
        "Công tác truyền thông",
        [
            (
                "Đăng tối thiểu 2 tin bài mỗi tháng trên cổng thông tin, fanpage của nhà trường",
                20,
                AR.ITEMS_PER_MONTH,
                2,
                "Đường dẫn các tin bài đã đăng",
            ),
            (
                "Nội dung đúng định hướng, được duyệt trước khi đăng, không để xảy ra sai sót",
                10,
                AR.NONE,
                None,
                "",
            ),
            (
                "Phối hợp truyền thông tới cha mẹ học sinh qua họp phụ huynh, nhóm Zalo lớp",
                15,
                AR.NONE,
                None,
                "Biên bản họp, ảnh chụp thông báo",
            ),
        ],
    ),
    (
        "III",
        "Kết quả thực hiện chỉ tiêu và chế độ báo cáo",
        [
            (
                "Các chỉ tiêu của kế hoạch do đơn vị phụ trách đạt theo lộ trình",
                20,
                AR.INDICATOR,
                None,
                "Số liệu trên bảng điều khiển",
            ),
            ("Báo cáo định kỳ đúng hạn, số liệu đầy đủ, có minh chứng", 10, AR.NONE, None, "Báo cáo đã nộp"),
        ],
    ),
]


def _decimal(value, label: str, *, required: bool = False) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"{label}: chưa nhập.")
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise InvalidInput(f"{label}: không phải là số.") from exc
    if not number.is_finite():
        raise InvalidInput(f"{label}: không phải là số.")
    return number.quantize(TWO, ROUND_HALF_UP)


def _school_year(key: str) -> P.Period:
    try:
        period = P.period_from_key(key)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc
    if period.kind != P.SCHOOL_YEAR:
        raise InvalidInput("Hãy chọn một năm học (ví dụ 2026-2027).")
    return period


# --------------------------------------------------------------------------------------------- criteria set


@transaction.atomic
def criteria_set_create_default(*, school, actor) -> CriteriaSet:
    """A starting rubric (100 points) the school then edits; the first indicator of its plan scores criterion 6."""
    require(actor, actions.SCORE, school)
    from truyenthong.indicators.models import Indicator

    indicator = (
        Indicator.objects.filter(school=school, plan__is_current=True, method=Indicator.Method.COMPUTED)
        .order_by("id")
        .first()
    )
    criteria_set = CriteriaSet.objects.create(school=school)
    order = 0
    for g_order, (number, title, items) in enumerate(DEFAULT_RUBRIC):
        group = CriteriaGroup.objects.create(
            criteria_set=criteria_set, number=number, title=title, order=g_order
        )
        for text, points, rule, param, hint in items:
            order += 1
            use_indicator = rule == AR.INDICATOR
            Criterion.objects.create(
                group=group,
                order=order,
                text=text,
                max_points=Decimal(points),
                evidence_required=rule == AR.NONE,
                evidence_hint=hint,
                auto_rule=rule if (not use_indicator or indicator) else AR.NONE,
                indicator=indicator if use_indicator else None,
                auto_param=Decimal(param) if param is not None else None,
            )
    audit_create(actor=actor, instance=criteria_set, organisation=school)
    return criteria_set


@transaction.atomic
def criteria_group_add(*, criteria_set: CriteriaSet, actor, title: str, number: str = "") -> CriteriaGroup:
    require(actor, actions.SCORE, criteria_set.school)
    title = " ".join((title or "").split())
    if not title:
        raise InvalidInput("Hãy nhập tên nhóm tiêu chí.")
    order = criteria_set.groups.count()
    group = CriteriaGroup(criteria_set=criteria_set, title=title, number=number.strip(), order=order)
    group.full_clean()
    group.save()
    audit_create(actor=actor, instance=group, organisation=criteria_set.school)
    return group


@transaction.atomic
def criterion_add(
    *,
    group: CriteriaGroup,
    actor,
    text: str,
    max_points,
    evidence_required: bool = True,
    evidence_hint: str = "",
    auto_rule: str = "",
    indicator=None,
    auto_param=None,
) -> Criterion:
    school = group.criteria_set.school
    require(actor, actions.SCORE, school)
    points = _decimal(max_points, "Điểm tối đa", required=True)
    if points <= 0:
        raise InvalidInput("Điểm tối đa phải lớn hơn 0.")
    param = _decimal(auto_param, "Tham số")
    if auto_rule == AR.INDICATOR and (indicator is None or indicator.school_id != school.pk):
        raise InvalidInput("Chấm theo chỉ số cần chọn một chỉ số của trường.")
    if auto_rule in (AR.ITEMS_PER_MONTH, AR.ACTIVITIES) and (param is None or param <= 0):
        raise InvalidInput("Cách chấm tự động này cần tham số lớn hơn 0.")
    last = Criterion.objects.filter(group__criteria_set=group.criteria_set).order_by("-order").first()
    criterion = Criterion(
        group=group,
        order=(last.order + 1) if last else 1,
        text=(text or "").strip(),
        max_points=points,
        evidence_required=evidence_required,
        evidence_hint=(evidence_hint or "").strip(),
        auto_rule=auto_rule or "",
        indicator=indicator if auto_rule == AR.INDICATOR else None,
        auto_param=param,
    )
    criterion.full_clean()
    criterion.save()
    audit_create(actor=actor, instance=criterion, organisation=school)
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, actor) -> None:
    school = criterion.group.criteria_set.school
    require(actor, actions.SCORE, school)
    if criterion.scores.exclude(self_score=None, score=None).exists():
        raise NotAllowed("Tiêu chí đã được chấm điểm trong một kỳ đánh giá nên không xóa được.")
    audit_delete(actor=actor, instance=criterion, organisation=school)
    criterion.delete()


# --------------------------------------------------------------------------------------------- yearly cycle


@transaction.atomic
def cycle_open(*, school, period_key: str, actor) -> EvaluationCycle:
    """Open the year's evaluation with the school's current criteria set: one assessment per unit."""
    require(actor, actions.SCORE, school)
    period = _school_year(period_key)
    criteria_set = CriteriaSet.objects.filter(school=school).order_by("-id").first()
    if criteria_set is None:
        raise NotAllowed("Trường chưa có bộ tiêu chí; hãy tạo bộ tiêu chí trước.")
    if EvaluationCycle.objects.filter(school=school, period_key=period.key).exists():
        raise NotAllowed(f"Đã mở đánh giá năm học {period.key}.")
    cycle = EvaluationCycle.objects.create(school=school, criteria_set=criteria_set, period_key=period.key)
    units = Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT, is_active=True)
    criteria = list(Criterion.objects.filter(group__criteria_set=criteria_set))
    for unit in units:
        assessment = UnitAssessment.objects.create(cycle=cycle, unit=unit)
        CriterionScore.objects.bulk_create(
            CriterionScore(assessment=assessment, criterion=c) for c in criteria
        )
    audit_create(actor=actor, instance=cycle, organisation=school)
    cycle_compute_auto(cycle=cycle)
    return cycle


def _ensure_rows(assessment: UnitAssessment) -> None:
    """Criteria added after the cycle opened get their (empty) score rows."""
    have = set(assessment.scores.values_list("criterion_id", flat=True))
    missing = Criterion.objects.filter(group__criteria_set=assessment.cycle.criteria_set).exclude(pk__in=have)
    CriterionScore.objects.bulk_create(CriterionScore(assessment=assessment, criterion=c) for c in missing)


def _months_elapsed(period: P.Period, today: dt.date) -> int:
    end = min(period.end, today)
    if end < period.start:
        return 0
    return (end.year - period.start.year) * 12 + end.month - period.start.month + 1


def auto_score(criterion: Criterion, unit, period: P.Period, today: dt.date) -> Decimal | None:
    """The score the data gives a unit on an automatically scored criterion (None: nothing to score from)."""
    top = criterion.max_points
    if criterion.auto_rule == AR.INDICATOR and criterion.indicator_id:
        from truyenthong.indicators.models import IndicatorValue
        from truyenthong.indicators.selectors import period_for

        own = period_for(criterion.indicator, period, today)
        if own is None:
            return None
        values = {
            v.scope: v
            for v in IndicatorValue.objects.filter(
                indicator_id=criterion.indicator_id, period_key=own.key, scope__in=[0, unit.pk]
            )
        }
        value = values.get(unit.pk) or values.get(0)
        if value is None or value.status in ("no_data", "undefined"):
            return None
        share = {"met": Decimal(1), "at_risk": Decimal("0.5")}.get(value.status, Decimal(0))
        return (top * share).quantize(TWO, ROUND_HALF_UP)
    if criterion.auto_rule in (AR.ITEMS_PER_MONTH, AR.ACTIVITIES) and criterion.auto_param:
        tz = timezone.get_current_timezone()
        lo = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
        hi = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        if criterion.auto_rule == AR.ITEMS_PER_MONTH:
            from truyenthong.content.models import ContentItem

            months = _months_elapsed(period, today)
            if not months:
                return None
            count = ContentItem.objects.filter(
                unit=unit, status__in=["published", "archived"], published_at__gte=lo, published_at__lt=hi
            ).count()
            achieved = Decimal(count) / Decimal(months) / criterion.auto_param
        else:
            from truyenthong.activities.models import Activity

            count = Activity.objects.filter(
                unit=unit, status__in=["done", "verified"], starts_at__gte=lo, starts_at__lt=hi
            ).count()
            achieved = Decimal(count) / criterion.auto_param
        return (top * min(achieved, Decimal(1))).quantize(TWO, ROUND_HALF_UP)
    return None


def cycle_compute_auto(*, cycle: EvaluationCycle, today: dt.date | None = None) -> int:
    """Refresh the automatic scores of an open cycle from the indicators, content and activities."""
    if cycle.is_published:
        return 0
    today = today or timezone.localdate()
    period = P.period_from_key(cycle.period_key)
    changed = 0
    for assessment in cycle.assessments.select_related("unit"):
        _ensure_rows(assessment)
        for row in assessment.scores.select_related("criterion__indicator"):
            if not row.criterion.auto_rule:
                continue
            value = auto_score(row.criterion, assessment.unit, period, today)
            if value != row.auto_score:
                row.auto_score = value
                row.save(update_fields=["auto_score"])
                changed += 1
    return changed


def _rows_by_criterion(assessment: UnitAssessment) -> dict[int, CriterionScore]:
    _ensure_rows(assessment)
    return {r.criterion_id: r for r in assessment.scores.select_related("criterion")}


@transaction.atomic
def self_assessment_save(*, assessment: UnitAssessment, actor, entries: dict, submit: bool = False) -> None:
    """A unit's self-assessment: per criterion {"self_score", "evidence_link", "evidence_note"}; on submit every
    criterion needs a score and the criteria that require evidence need a link or a note."""
    cycle = assessment.cycle
    require(actor, actions.SELF_ASSESS, cycle.school, unit=assessment.unit)
    if cycle.is_published or assessment.state == UnitAssessment.State.SCORED:
        raise NotAllowed("Kết quả đã được chấm, không sửa tự đánh giá được nữa.")
    if assessment.state == UnitAssessment.State.SUBMITTED and not can(actor, actions.SCORE, cycle.school):
        raise NotAllowed("Đơn vị đã gửi tự đánh giá; cần lãnh đạo trả lại để sửa.")
    rows = _rows_by_criterion(assessment)
    errors, changes = [], {}
    for criterion_id, entry in entries.items():
        row = rows.get(int(criterion_id))
        if row is None:
            continue
        label = f"Tiêu chí {row.criterion.order}"
        try:
            value = _decimal(entry.get("self_score"), label)
        except InvalidInput as exc:
            errors.append(exc.message)
            continue
        if value is not None and not (0 <= value <= row.criterion.max_points):
            errors.append(f"{label}: điểm phải từ 0 đến {row.criterion.max_points.normalize():f}.")
            continue
        before = snapshot(row, ["self_score", "evidence_link", "evidence_note"])
        row.self_score = value
        row.evidence_link = (entry.get("evidence_link") or "").strip()
        row.evidence_note = (entry.get("evidence_note") or "").strip()
        try:
            row.full_clean(exclude=["assessment", "criterion"])
        except Exception:  # noqa: BLE001 — a bad URL is the only field error possible here
            errors.append(f"{label}: liên kết minh chứng không hợp lệ.")
            continue
        row.save(update_fields=["self_score", "evidence_link", "evidence_note"])
        changed = diff(before, snapshot(row, ["self_score", "evidence_link", "evidence_note"]))
        if changed:
            changes[str(row.criterion_id)] = changed
    if submit:
        for row in rows.values():
            label = f"Tiêu chí {row.criterion.order}"
            if row.self_score is None:
                errors.append(f"{label}: chưa tự chấm điểm.")
            elif row.criterion.evidence_required and not (row.evidence_link or row.evidence_note):
                errors.append(f"{label}: cần minh chứng (liên kết hoặc giải trình).")
    if errors:
        raise InvalidInput("Tự đánh giá chưa lưu được.", errors=errors)
    if submit:
        assessment.state = UnitAssessment.State.SUBMITTED
        assessment.submitted_at = timezone.now()
        assessment.submitted_by = actor
        assessment.save(update_fields=["state", "submitted_at", "submitted_by"])
        changes["state"] = ["draft", "submitted"]
    audit_record(
        actor=actor,
        instance=assessment,
        action=AuditEntry.Action.UPDATE,
        changes=changes,
        organisation=cycle.school,
    )


@transaction.atomic
def assessment_score(*, assessment: UnitAssessment, actor, entries: dict) -> None:
    """Leadership's scores per criterion {"score", "comment"}; every criterion needs a score."""
    cycle = assessment.cycle
    require(actor, actions.SCORE, cycle.school)
    if cycle.is_published:
        raise NotAllowed("Kết quả đã công bố, không chấm lại được.")
    rows = _rows_by_criterion(assessment)
    errors, changes = [], {}
    for row in rows.values():
        entry = entries.get(row.criterion_id) or entries.get(str(row.criterion_id)) or {}
        label = f"Tiêu chí {row.criterion.order}"
        try:
            value = _decimal(entry.get("score"), label, required=True)
        except InvalidInput as exc:
            errors.append(exc.message)
            continue
        if not (0 <= value <= row.criterion.max_points):
            errors.append(f"{label}: điểm phải từ 0 đến {row.criterion.max_points.normalize():f}.")
            continue
        before = snapshot(row, ["score", "comment"])
        row.score = value
        row.comment = (entry.get("comment") or "").strip()
        row.save(update_fields=["score", "comment"])
        changed = diff(before, snapshot(row, ["score", "comment"]))
        if changed:
            changes[str(row.criterion_id)] = changed
    if errors:
        raise InvalidInput("Chưa chấm xong.", errors=errors)
    assessment.state = UnitAssessment.State.SCORED
    assessment.scored_at = timezone.now()
    assessment.save(update_fields=["state", "scored_at"])
    audit_record(
        actor=actor,
        instance=assessment,
        action=AuditEntry.Action.UPDATE,
        changes=changes,
        organisation=cycle.school,
    )


@transaction.atomic
def assessment_return(*, assessment: UnitAssessment, actor) -> None:
    """Send a submitted self-assessment back to the unit for correction."""
    require(actor, actions.SCORE, assessment.cycle.school)
    if assessment.cycle.is_published:
        raise NotAllowed("Kết quả đã công bố.")
    old = assessment.state
    assessment.state = UnitAssessment.State.DRAFT
    assessment.save(update_fields=["state"])
    audit_record(
        actor=actor,
        instance=assessment,
        action=AuditEntry.Action.UPDATE,
        changes={"state": [old, "draft"]},
        organisation=assessment.cycle.school,
    )


@transaction.atomic
def cycle_publish(*, cycle: EvaluationCycle, actor) -> EvaluationCycle:
    """Publish the year's results inside the school; every unit must have been scored."""
    require(actor, actions.SCORE, cycle.school)
    if cycle.is_published:
        raise NotAllowed("Kết quả đã được công bố.")
    unscored = [a.unit.name for a in cycle.assessments.select_related("unit") if a.state != "scored"]
    if unscored:
        raise NotAllowed("Còn đơn vị chưa được chấm: " + ", ".join(unscored) + ".")
    cycle.state = EvaluationCycle.State.PUBLISHED
    cycle.published_at = timezone.now()
    cycle.published_by = actor
    cycle.save(update_fields=["state", "published_at", "published_by"])
    audit_record(
        actor=actor,
        instance=cycle,
        action=AuditEntry.Action.UPDATE,
        changes={"state": ["open", "published"]},
        organisation=cycle.school,
    )
    return cycle


# --------------------------------------------------------------------------------------------- emulation


def emulation_year_get_or_create(*, school, period_key: str) -> EmulationYear:
    period = _school_year(period_key)
    year, _ = EmulationYear.objects.get_or_create(school=school, period_key=period.key)
    return year


def emulation_thresholds_update(
    *, year: EmulationYear, actor, expected_version: int, excellent, good, complete
):
    require(actor, actions.EMULATION, year.school)
    values = {
        "excellent": _decimal(excellent, "Ngưỡng Hoàn thành xuất sắc", required=True),
        "good": _decimal(good, "Ngưỡng Hoàn thành tốt", required=True),
        "complete": _decimal(complete, "Ngưỡng Hoàn thành", required=True),
    }
    problems = Thresholds(**values).problems()
    if problems:
        raise InvalidInput(problems[0])
    with transaction.atomic():
        return update_versioned(
            instance=year,
            expected_version=expected_version,
            changes=values,
            actor=actor,
            organisation=year.school,
        )


@transaction.atomic
def emulation_scores_save(*, year: EmulationYear, actor, unit_scores: dict, person_scores: dict) -> int:
    """Set the scores (0–100, empty = not scored) of units and people; returns how many changed."""
    require(actor, actions.EMULATION, year.school)
    from truyenthong.org.models import Person

    errors, changed = [], {}
    unit_ids = set(
        Organisation.objects.filter(school=year.school, kind=Organisation.Kind.UNIT).values_list(
            "id", flat=True
        )
    )
    person_ids = set(Person.objects.filter(school=year.school).values_list("id", flat=True))
    parsed = []
    for field, scores, allowed in (("unit", unit_scores, unit_ids), ("person", person_scores, person_ids)):
        for key, raw in scores.items():
            if int(key) not in allowed:
                raise InvalidInput("Đơn vị hoặc cá nhân không thuộc trường.")
            try:
                value = _decimal(raw, "Điểm")
            except InvalidInput as exc:
                errors.append(exc.message)
                continue
            if value is not None and not (0 <= value <= 100):
                errors.append("Điểm thi đua phải từ 0 đến 100.")
                continue
            parsed.append((field, int(key), value))
    if errors:
        raise InvalidInput("Chưa lưu được điểm thi đua.", errors=sorted(set(errors)))
    for field, key, value in parsed:
        row = EmulationScore.objects.filter(year=year, **{f"{field}_id": key}).first()
        old = row.score if row else None
        if row is None:
            if value is None:
                continue
            row = EmulationScore(year=year, **{f"{field}_id": key})
        if old == value and row.pk:
            continue
        row.score = value
        row.save()
        changed[f"{field}:{key}"] = [None if old is None else str(old), None if value is None else str(value)]
    audit_record(
        actor=actor,
        instance=year,
        action=AuditEntry.Action.UPDATE,
        changes={"scores": changed} if changed else {},
        organisation=year.school,
    )
    return len(changed)


@transaction.atomic
def emulation_fill_from_criteria(*, year: EmulationYear, actor) -> int:
    """Units' emulation scores from the year's published criteria results (percent of the maximum)."""
    require(actor, actions.EMULATION, year.school)
    from truyenthong.evaluation.selectors import cycle_results

    cycle = EvaluationCycle.objects.filter(school=year.school, period_key=year.period_key).first()
    if cycle is None or not cycle.is_published:
        raise NotAllowed("Kết quả đánh giá theo bộ tiêu chí của năm học này chưa được công bố.")
    scores = {r.unit.pk: r.percent for r in cycle_results(cycle) if r.percent is not None}
    return emulation_scores_save(year=year, actor=actor, unit_scores=scores, person_scores={})


@transaction.atomic
def commendation_create(
    *,
    school,
    actor,
    period_key: str,
    kind: str,
    title: str,
    decision_number: str,
    decision_date: dt.date,
    unit=None,
    person=None,
    reason: str = "",
) -> Commendation:
    require(actor, actions.EMULATION, school)
    period = _school_year(period_key)
    number = " ".join((decision_number or "").split())
    if not DECISION_RE.match(number):
        raise InvalidInput("Số quyết định phải có dạng số/loại-cơ quan, ví dụ 12/QĐ-CLQĐ.")
    if (unit is None) == (person is None):
        raise InvalidInput("Chọn một đơn vị hoặc một cá nhân được khen.")
    if unit is not None and unit.school_id != school.pk:
        raise InvalidInput("Đơn vị không thuộc trường.")
    if person is not None and person.school_id != school.pk:
        raise InvalidInput("Cá nhân không thuộc trường.")
    commendation = Commendation(
        school=school,
        period_key=period.key,
        kind=kind,
        title=" ".join((title or "").split()),
        decision_number=number,
        decision_date=decision_date,
        unit=unit,
        person=person,
        reason=(reason or "").strip(),
        created_by=actor,
    )
    commendation.full_clean()
    commendation.save()
    audit_create(actor=actor, instance=commendation, organisation=school)
    return commendation


# --------------------------------------------------------------------------------------------- inspections


@transaction.atomic
def inspection_create(
    *, school, actor, period_key: str, title: str, scheduled_on: dt.date, unit=None, inspector: str = ""
) -> Inspection:
    require(actor, actions.INSPECTION, school)
    period = _school_year(period_key)
    if unit is not None and unit.school_id != school.pk:
        raise InvalidInput("Đơn vị không thuộc trường.")
    inspection = Inspection(
        school=school,
        period_key=period.key,
        unit=unit,
        title=" ".join((title or "").split()),
        scheduled_on=scheduled_on,
        inspector=(inspector or "").strip(),
    )
    inspection.full_clean()
    inspection.save()
    audit_create(actor=actor, instance=inspection, organisation=school)
    return inspection


def inspection_record(*, inspection: Inspection, actor, conducted_on: dt.date, conclusion: str) -> dict:
    """Record that the inspection took place, and its conclusion."""
    require(actor, actions.INSPECTION, inspection.school)
    if inspection.status == Inspection.Status.CLOSED:
        raise NotAllowed("Cuộc kiểm tra đã kết thúc.")
    with transaction.atomic():
        return update_versioned(
            instance=inspection,
            expected_version=inspection.version,
            changes={
                "conducted_on": conducted_on,
                "conclusion": (conclusion or "").strip(),
                "status": Inspection.Status.CONDUCTED,
            },
            actor=actor,
            organisation=inspection.school,
        )


@transaction.atomic
def finding_add(*, inspection: Inspection, actor, kind: str, text: str) -> Finding:
    require(actor, actions.INSPECTION, inspection.school)
    if inspection.status == Inspection.Status.CLOSED:
        raise NotAllowed("Cuộc kiểm tra đã kết thúc.")
    finding = Finding(inspection=inspection, kind=kind, text=(text or "").strip())
    finding.full_clean()
    finding.save()
    audit_create(actor=actor, instance=finding, organisation=inspection.school)
    return finding


@transaction.atomic
def follow_up_add(
    *, inspection: Inspection, actor, action: str, owner, deadline: dt.date, finding: Finding | None = None
) -> FollowUp:
    require(actor, actions.INSPECTION, inspection.school)
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.status == Inspection.Status.CLOSED:
        raise NotAllowed("Cuộc kiểm tra đã kết thúc.")
    if owner.school_id != inspection.school_id:
        raise InvalidInput("Người chịu trách nhiệm phải là cán bộ của trường.")
    if finding is not None and finding.inspection_id != inspection.pk:
        raise InvalidInput("Nội dung phát hiện không thuộc cuộc kiểm tra này.")
    follow_up = FollowUp(
        inspection=inspection, finding=finding, action=(action or "").strip(), owner=owner, deadline=deadline
    )
    follow_up.full_clean()
    follow_up.save()
    audit_create(actor=actor, instance=follow_up, organisation=inspection.school)
    return follow_up


def follow_up_may_complete(user, follow_up: FollowUp) -> bool:
    """Leadership, or the owner of the follow-up themselves."""
    if can(user, actions.INSPECTION, follow_up.inspection.school):
        return True
    return bool(follow_up.owner.user_id and follow_up.owner.user_id == getattr(user, "pk", None))


@transaction.atomic
def follow_up_complete(*, follow_up: FollowUp, actor, note: str = "") -> FollowUp:
    if not follow_up_may_complete(actor, follow_up):
        require(actor, actions.INSPECTION, follow_up.inspection.school)
    if follow_up.status == FollowUp.Status.DONE:
        raise NotAllowed("Yêu cầu này đã hoàn thành.")
    follow_up.status = FollowUp.Status.DONE
    follow_up.done_at = timezone.now()
    follow_up.done_note = (note or "").strip()
    follow_up.save(update_fields=["status", "done_at", "done_note"])
    audit_record(
        actor=actor,
        instance=follow_up,
        action=AuditEntry.Action.UPDATE,
        changes={"status": ["open", "done"]},
        organisation=follow_up.inspection.school,
    )
    return follow_up


@transaction.atomic
def inspection_close(*, inspection: Inspection, actor) -> Inspection:
    """Close an inspection; refused while any of its follow-ups is still open."""
    require(actor, actions.INSPECTION, inspection.school)
    if inspection.status == Inspection.Status.CLOSED:
        raise NotAllowed("Cuộc kiểm tra đã kết thúc.")
    if inspection.status == Inspection.Status.PLANNED:
        raise NotAllowed("Chưa ghi nhận kết quả kiểm tra nên chưa kết thúc được.")
    # Lock the inspection first so a follow-up added at the same moment cannot slip past the check.
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    still_open = inspection.follow_ups.filter(status=FollowUp.Status.OPEN).count()
    if still_open:
        raise NotAllowed(
            f"Còn {still_open} yêu cầu khắc phục chưa hoàn thành; chỉ kết thúc cuộc kiểm tra khi đã khắc phục xong."
        )
    inspection.status = Inspection.Status.CLOSED
    inspection.closed_at = timezone.now()
    inspection.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        instance=inspection,
        action=AuditEntry.Action.UPDATE,
        changes={"status": ["conducted", "closed"]},
        organisation=inspection.school,
    )
    return inspection
