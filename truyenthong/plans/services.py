"""Writes for plans: importing a parsed document, editing its parts, assigning tasks. All audited, all atomic.

Choices written down here:
- A newly imported plan becomes the organisation's current plan; earlier plans stay, marked not current.
- Tasks are assigned to units on import by the words of the task (tổ chuyên môn → every subject department, Đoàn
  Thanh niên → the Youth Union, cổng thông tin/mạng xã hội/infographic → the office that runs the channels,
  kiểm tra/khen thưởng/sơ kết → the leadership); a task that names no unit goes to the leadership, who lead the plan
  ("Lãnh đạo trường chỉ đạo xây dựng và tổ chức triển khai kế hoạch"). Leadership corrects this in the browser.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import transaction

from truyenthong.core.audit import audit_create, audit_delete, audit_record
from truyenthong.core.errors import InvalidInput
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import CHANGE_PLAN, IMPORT_PLAN, require_actor
from truyenthong.core.uploads import check_limits
from truyenthong.core.versioning import update_versioned
from truyenthong.lib.plandoc import (
    Basis,
    Flag,
    PlanDocument,
    PlanDocumentError,
    Responsibility as DocResponsibility,
    Signer,
    Target as DocTarget,
    TaskGroup as DocTaskGroup,
    parse_plan_file,
)
from truyenthong.lib.vntext import fold
from truyenthong.org.models import Organisation
from truyenthong.plans.hooks import IndicatorProposal, indicator_advisor
from truyenthong.plans.models import (
    LegalBasis,
    Measure,
    Objective,
    Phase,
    Plan,
    PlanUpload,
    Responsibility,
    Target,
    Task,
    TaskAssignment,
    TaskGroup,
)

ALLOWED_PLAN_EXTENSIONS = (".txt", ".docx", ".pdf")

_UNIT_KEYWORDS: list[tuple[tuple[str, ...], str]] = [
    (("to chuyen mon", "to cm", "chuyen mon"), Organisation.UnitKind.SUBJECT),
    (("doan thanh nien", "doan tn", "doan the"), Organisation.UnitKind.YOUTH_UNION),
    (("van phong",), Organisation.UnitKind.OFFICE),
    (("cong doan",), Organisation.UnitKind.TRADE_UNION),
    (("lanh dao truong", "ban giam hieu", "hieu truong"), Organisation.UnitKind.LEADERSHIP),
]
_CHANNEL_WORDS = (
    "cong thong tin",
    "mang xa hoi",
    "infographic",
    "video",
    "website",
    "fanpage",
    "zalo",
    "nen tang so",
)
_LEADERSHIP_WORDS = ("kiem tra", "giam sat", "khen thuong", "so ket", "tong ket", "bieu duong", "lanh dao")


def _phase_years(label: str, fallback_start: int | None) -> tuple[int | None, int | None]:
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", label)]
    if len(years) >= 2:
        return years[0], years[-1]
    if len(years) == 1:
        return fallback_start, years[0]
    return None, None


def unit_kinds_named_in(text: str) -> list[str]:
    folded = fold(text)
    return [kind for words, kind in _UNIT_KEYWORDS if any(w in folded for w in words)]


def match_unit(units: list[Organisation], name: str) -> Organisation | None:
    """The single unit among the school's `units` that a responsibility heading names, if it names exactly one."""
    folded = fold(name)
    for unit in units:
        if fold(unit.name) == folded or (unit.short_name and fold(unit.short_name) == folded):
            return unit
    kinds = unit_kinds_named_in(name)
    if len(kinds) >= 1:
        candidates = [u for u in units if u.unit_kind == kinds[0]]
        if len(candidates) == 1:
            return candidates[0]
    return None


def default_units_for_task(units: list[Organisation], text: str) -> list[Organisation]:
    """The school's units (from `units`) a task is given to on import; see the module docstring."""
    units = [u for u in units if u.is_active]
    by_kind: dict[str, list[Organisation]] = {}
    for unit in units:
        by_kind.setdefault(unit.unit_kind, []).append(unit)
    folded = fold(text)
    kinds = [k for k in unit_kinds_named_in(text) if k != Organisation.UnitKind.LEADERSHIP]
    if any(w in folded for w in _CHANNEL_WORDS):
        kinds.append(Organisation.UnitKind.OFFICE)
    if not kinds or any(w in folded for w in _LEADERSHIP_WORDS):
        kinds.insert(0, Organisation.UnitKind.LEADERSHIP)
    chosen: list[Organisation] = []
    for kind in dict.fromkeys(kinds):
        chosen.extend(by_kind.get(kind, []))
    return chosen


def _parent_body_of(organisation: Organisation) -> str:
    """The parent body line of the header when the document has none: the school's Sở, in capitals."""
    parent = organisation.parent
    if organisation.is_school and parent is not None:
        return (parent.short_name or parent.name).upper()
    return ""


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


_NAME_ABBREVIATIONS = [
    (r"\bthpt\b", "trung hoc pho thong"),
    (r"\bthcs\b", "trung hoc co so"),
    (r"\bth\b", "tieu hoc"),
    (r"\bptdtnt\b", "pho thong dan toc noi tru"),
    (r"\bgdtx\b", "giao duc thuong xuyen"),
    (r"\bgdnn\b", "giao duc nghe nghiep"),
    (r"\bgddt\b", "giao duc va dao tao"),
    (r"\bgd\s*&\s*dt\b", "giao duc va dao tao"),
    (r"\bubnd\b", "uy ban nhan dan"),
]


def _comparable_name(name: str) -> str:
    """An organisation's name for comparison: folded, abbreviations spelt out, punctuation and "trường" dropped."""
    text = re.sub(r"[^a-z0-9&]+", " ", fold(name)).strip()
    for pattern, full in _NAME_ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    text = re.sub(r"^truong\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def document_organisation_flag(*, document: PlanDocument, organisation: Organisation) -> Flag | None:
    """A flag when the document's header names an issuing body that is not ``organisation``."""
    issuer = document.issuing_body.strip()
    if not issuer:
        return None
    theirs = _comparable_name(issuer)
    ours = [_comparable_name(n) for n in (organisation.name, organisation.short_name) if n]
    if any(theirs == name or (len(name) > 8 and name in theirs) for name in ours):
        return None
    level = (
        "một Sở, Phòng hay cơ quan khác"
        if not theirs.startswith(("trung hoc", "tieu hoc", "pho thong"))
        else ""
    )
    kind = f" ({level})" if level else ""
    return Flag(
        "organisation",
        f"Văn bản này do «{issuer}»{kind} ban hành, không phải «{organisation.name}». Chỉ lưu nếu đúng là "
        f"bạn muốn dùng kế hoạch này làm kế hoạch của «{organisation.name}».",
    )


def document_indicator_proposals(document: PlanDocument) -> dict[tuple[int, int], IndicatorProposal | None]:
    """For each measure (target index, measure index) the indicator proposed for it, or None: "cần định nghĩa"."""
    advisor = indicator_advisor()
    proposals: dict[tuple[int, int], IndicatorProposal | None] = {}
    for i, target in enumerate(document.targets):
        for j, measure in enumerate(target.measures):
            proposals[(i, j)] = (
                advisor.propose(
                    measure_text=f"{measure.subject} {measure.text}",
                    target_text=target.text,
                    comparator=measure.comparator,
                    single_measure=len(target.measures) == 1,
                    unit=measure.unit,
                )
                if advisor
                else None
            )
    return proposals


def indicator_names() -> list[str]:
    advisor = indicator_advisor()
    return advisor.names() if advisor else []


@transaction.atomic
def plan_create_from_document(
    *,
    organisation: Organisation,
    document: PlanDocument,
    actor,
    filename: str = "",
    indicator_choices: dict[tuple[int, int], str] | None = None,
) -> Plan:
    """Store a parsed plan document as a Plan with all its parts, in one transaction.

    ``indicator_choices`` maps (target index, measure index) to the indicator leadership chose in the preview
    ("" for "cần định nghĩa"); without it every measure takes the suggested indicator (command line, demo).
    """
    require_actor(actor, IMPORT_PLAN, organisation)
    school = organisation.school
    # The school's units, read once: every task and responsibility is matched against them.
    units = list(Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT)) if school else []
    Plan.objects.filter(organisation=organisation, is_current=True).update(is_current=False)
    plan = Plan(
        organisation=organisation,
        number=document.number,
        doc_type=document.doc_type or "KẾ HOẠCH",
        place=document.place or organisation.place,
        issued_on=document.date,
        title=document.title,
        parent_body=document.parent_body or _parent_body_of(organisation),
        issuing_body=document.issuing_body or (organisation.name.upper() if organisation.is_school else ""),
        intro=document.intro,
        budget=document.budget,
        closing=document.closing,
        recipients=list(document.recipients),
        signer_authority=document.signer.authority,
        signer_position=document.signer.position,
        signer_name=document.signer.name,
        source_filename=filename,
        import_warnings=[*(f.message for f in document.flags), *document.warnings],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    plan.full_clean()
    plan.save()
    LegalBasis.objects.bulk_create(
        LegalBasis(plan=plan, order=i, text=b.text, refs=list(b.refs)) for i, b in enumerate(document.bases)
    )
    Objective.objects.bulk_create(
        Objective(plan=plan, order=i, text=t) for i, t in enumerate(document.general_objectives)
    )
    fallback_start = document.date.year if document.date else None
    phases: dict[str, Phase] = {}
    labels = list(document.phases) + [
        t.phase for t in document.targets if t.phase and t.phase not in document.phases
    ]
    for i, label in enumerate(dict.fromkeys(labels)):
        start, end = _phase_years(label, fallback_start)
        phases[label] = Phase.objects.create(plan=plan, order=i, label=label, start_year=start, end_year=end)
    measure_ids: dict[tuple[int, int], int] = {}
    for i, doc_target in enumerate(document.targets):
        target = Target.objects.create(
            plan=plan, phase=phases.get(doc_target.phase), order=i, text=doc_target.text
        )
        created = Measure.objects.bulk_create(
            Measure(
                target=target,
                order=j,
                value=_decimal(m.value),
                unit={"%": "%", "count": "count"}.get(m.unit or "", ""),
                comparator=m.comparator,
                text=(m.text or "")[:500],
                subject=(m.subject or "")[:500],
                upper_value=_decimal(m.upper),
                baseline=(m.baseline or "")[:200],
                noun=(m.noun or "")[:60],
                per_period=(m.per or "")[:30],
                total=_decimal(m.total),
            )
            for j, m in enumerate(doc_target.measures)
        )
        for j, measure in enumerate(created):
            measure_ids[(i, j)] = measure.pk or Measure.objects.get(target=target, order=j).pk
    for i, doc_group in enumerate(document.task_groups):
        group = TaskGroup.objects.create(plan=plan, order=i, number=doc_group.number, title=doc_group.title)
        for j, text in enumerate(doc_group.tasks):
            task = Task.objects.create(group=group, order=j, text=text)
            TaskAssignment.objects.bulk_create(
                TaskAssignment(task=task, unit=unit) for unit in default_units_for_task(units, text)
            )
    for i, resp in enumerate(document.responsibilities):
        Responsibility.objects.create(
            plan=plan,
            order=i,
            unit_name=resp.unit,
            unit=match_unit(units, resp.unit),
            duties=list(resp.duties),
        )
    audit_record(
        actor=actor,
        instance=plan,
        action=AuditEntry.Action.IMPORT,
        changes={"source_filename": [None, filename], "number": [None, plan.number]},
        organisation=organisation,
    )
    # Every measure becomes an indicator: the one chosen in the preview, else the suggested one, else "cần định nghĩa".
    advisor = indicator_advisor()
    if advisor is not None:
        choices = None
        if indicator_choices is not None:
            choices = {pk: indicator_choices.get(key, "") for key, pk in measure_ids.items()}
        advisor.create(plan=plan, actor=actor, choices=choices)
    return plan


def plan_check_upload(*, data: bytes, filename: str, max_bytes: int) -> PlanDocument:
    """Check an uploaded plan's type and size, then parse it; raise InvalidInput with a Vietnamese message."""
    name = filename or "tệp tải lên"
    if not name.lower().endswith(ALLOWED_PLAN_EXTENSIONS):
        raise InvalidInput(f"Tệp «{name}» không được hỗ trợ: chỉ nhận kế hoạch dạng .docx, .pdf hoặc .txt.")
    if len(data) > max_bytes:
        raise InvalidInput(
            f"Tệp «{name}» quá lớn ({len(data) // 1024} KB); giới hạn là {max_bytes // 1024} KB."
        )
    check_limits(name=name, data=data)
    try:
        return parse_plan_file(data, name)
    except PlanDocumentError as exc:
        raise InvalidInput(exc.message) from exc


def plan_upload_create(
    *, organisation: Organisation, data: bytes, filename: str, actor, max_bytes: int
) -> PlanUpload:
    require_actor(actor, IMPORT_PLAN, organisation)
    document = plan_check_upload(data=data, filename=filename, max_bytes=max_bytes)
    flag = document_organisation_flag(document=document, organisation=organisation)
    if flag is not None:
        document.flags.insert(0, flag)
    return PlanUpload.objects.create(
        organisation=organisation, uploaded_by=actor, filename=filename, parsed=document.to_dict()
    )


@transaction.atomic
def plan_upload_confirm(
    *,
    upload: PlanUpload,
    actor,
    acknowledged: set[int] | frozenset[int] = frozenset(),
    indicator_choices: dict[tuple[int, int], str] | None = None,
) -> Plan:
    """Save an upload once every point the parser guessed (``document.flags``, by index) is acknowledged."""
    require_actor(actor, IMPORT_PLAN, upload.organisation)
    if upload.plan_id:
        raise InvalidInput("Bản kế hoạch này đã được lưu trước đó.")
    document = PlanDocument.from_dict(upload.parsed)
    pending = [flag.message for i, flag in enumerate(document.flags) if i not in acknowledged]
    if pending:
        raise InvalidInput(
            f"Còn {len(pending)} điểm hệ thống đoán khi đọc tệp chưa được xác nhận: hãy đánh dấu «Đã kiểm tra» "
            "cho từng điểm (hoặc sửa tệp rồi tải lên lại) trước khi lưu.",
            errors=pending,
        )
    known = set(indicator_names())
    if indicator_choices is not None:
        unknown = sorted({name for name in indicator_choices.values() if name and name not in known})
        if unknown:
            raise InvalidInput(f"Chỉ số «{unknown[0]}» không có trong danh sách: hãy chọn lại.")
    plan = plan_create_from_document(
        organisation=upload.organisation,
        document=document,
        actor=actor,
        filename=upload.filename,
        indicator_choices=indicator_choices,
    )
    upload.plan = plan
    upload.save(update_fields=["plan"])
    return plan


def plan_import(*, organisation: Organisation, data: bytes, filename: str, actor, max_bytes: int) -> Plan:
    """Parse and store a plan in one step (the command line path)."""
    document = plan_check_upload(data=data, filename=filename, max_bytes=max_bytes)
    return plan_create_from_document(
        organisation=organisation, document=document, actor=actor, filename=filename
    )


def plan_part_update(*, instance, plan: Plan, expected_version: int, actor, changes: dict) -> dict:
    """Edit one part of a plan (the plan itself, a basis, a target, a measure, a task…) with a version check."""
    require_actor(actor, CHANGE_PLAN, plan.organisation)
    return update_versioned(
        instance=instance,
        expected_version=expected_version,
        changes=changes,
        actor=actor,
        organisation=plan.organisation,
    )


@transaction.atomic
def task_units_set(*, task: Task, plan: Plan, units: list[Organisation], actor) -> None:
    require_actor(actor, CHANGE_PLAN, plan.organisation)
    before = sorted(task.assignments.values_list("unit__name", flat=True))
    school = plan.organisation.school
    for unit in units:
        if unit.school_id != getattr(school, "pk", None):
            raise InvalidInput(f"Đơn vị «{unit.name}» không thuộc trường của kế hoạch.")
    TaskAssignment.objects.filter(task=task).exclude(unit__in=units).delete()
    existing = set(task.assignments.values_list("unit_id", flat=True))
    TaskAssignment.objects.bulk_create(
        TaskAssignment(task=task, unit=u) for u in units if u.pk not in existing
    )
    after = sorted(u.name for u in units)
    if before != after:
        audit_record(
            actor=actor,
            instance=task,
            action=AuditEntry.Action.UPDATE,
            changes={"units": [before, after]},
            organisation=plan.organisation,
        )


@transaction.atomic
def task_create(*, group: TaskGroup, text: str, actor) -> Task:
    require_actor(actor, CHANGE_PLAN, group.plan.organisation)
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Nội dung nhiệm vụ không được để trống.")
    order = (group.tasks.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    task = Task.objects.create(group=group, order=order, text=text)
    audit_create(actor=actor, instance=task, organisation=group.plan.organisation)
    return task


@transaction.atomic
def target_create(*, plan: Plan, phase: Phase | None, text: str, actor) -> Target:
    require_actor(actor, CHANGE_PLAN, plan.organisation)
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Nội dung chỉ tiêu không được để trống.")
    order = (plan.targets.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    target = Target.objects.create(plan=plan, phase=phase, order=order, text=text)
    audit_create(actor=actor, instance=target, organisation=plan.organisation)
    return target


@transaction.atomic
def measure_create(*, target: Target, actor, **fields) -> Measure:
    require_actor(actor, CHANGE_PLAN, target.plan.organisation)
    order = (target.measures.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    measure = Measure(target=target, order=order, **fields)
    measure.full_clean()
    measure.save()
    audit_create(actor=actor, instance=measure, organisation=target.plan.organisation)
    return measure


@transaction.atomic
def plan_part_delete(*, instance, plan: Plan, actor) -> None:
    require_actor(actor, CHANGE_PLAN, plan.organisation)
    audit_delete(actor=actor, instance=instance, organisation=plan.organisation)
    instance.delete()


def plan_to_document(plan: Plan) -> PlanDocument:
    """The plan as the document model, for export (and for the round trip through the importer)."""
    return PlanDocument(
        number=plan.number,
        place=plan.place,
        date=plan.issued_on,
        doc_type=plan.doc_type,
        title=plan.title,
        parent_body=plan.parent_body,
        issuing_body=plan.issuing_body,
        bases=[Basis(text=b.text, refs=list(b.refs)) for b in plan.bases.all()],
        intro=plan.intro,
        general_objectives=[o.text for o in plan.objectives.all()],
        phases=[p.label for p in plan.phases.all()],
        targets=[
            DocTarget(
                phase=t.phase.label if t.phase else "",
                text=t.text,
                measures=[m.as_document_measure() for m in t.measures.all()],
            )
            for t in plan.targets.select_related("phase").prefetch_related("measures")
        ],
        task_groups=[
            DocTaskGroup(number=g.number, title=g.title, tasks=[t.text for t in g.tasks.all()])
            for g in plan.task_groups.prefetch_related("tasks")
        ],
        budget=plan.budget,
        responsibilities=[
            DocResponsibility(unit=r.unit_name, duties=list(r.duties)) for r in plan.responsibilities.all()
        ],
        closing=plan.closing,
        recipients=list(plan.recipients),
        signer=Signer(authority=plan.signer_authority, position=plan.signer_position, name=plan.signer_name),
        warnings=[],
    )
