"""Writes of the reports app: create a report, edit its narrative, issue the final version, render and store its
files, publish its infographic as a content item."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from truyenthong.core.audit import audit_create, audit_record
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.filenames import stored_name
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import require
from truyenthong.core.versioning import update_versioned
from truyenthong.lib import periods as P
from truyenthong.lib.vntext import format_date_vi
from truyenthong.reports import actions, data
from truyenthong.reports.models import Report
from truyenthong.reports.render.docx_writer import report_docx
from truyenthong.reports.render.infographic import infographic_png, infographic_svg
from truyenthong.reports.render.pdf_writer import report_pdf
from truyenthong.reports.render.xlsx_writer import report_xlsx

log = logging.getLogger(__name__)
Progress = Callable[[int, str], None]
FORMATS = ("docx", "pdf", "xlsx", "infographic_png", "infographic_svg")
# The names-free copy of the documents (data.names_free), for users who may not see staff names
OFFICIAL = {"docx": "official_docx", "pdf": "official_pdf", "xlsx": "official_xlsx"}
EDITABLE = (
    "summary",
    "number",
    "issued_on",
    "recipients",
    "signer_authority",
    "signer_position",
    "signer_name",
)


def _check_period(kind: str, period_key: str) -> P.Period:
    if kind not in Report.Kind.values:
        raise InvalidInput("Loại báo cáo không hợp lệ.")
    try:
        period = data.period_of(kind, period_key)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc
    if period.kind != data.PERIOD_KIND[kind]:
        raise InvalidInput(
            f"{Report.Kind(kind).label} cần kỳ là {data.phrase(P.KIND_LABELS[data.PERIOD_KIND[kind]])}."
        )
    return period


@transaction.atomic
def report_create(*, school, actor, kind: str, period_key: str, today: dt.date | None = None) -> Report:
    """A draft report whose narrative is pre-filled from the data of the period."""
    require(actor, actions.GENERATE, school)
    period = _check_period(kind, period_key)
    facts = data.gather(school=school, kind=kind, period_key=period.key, today=today)
    report = Report(
        school=school,
        kind=kind,
        period_key=period.key,
        summary=data.default_summary(kind=kind, period=period, plan=facts.plan),
        narrative=data.default_narrative(facts, school=school),
        recipients="\n".join(data.default_recipients(school)),
        signer_name=data.default_signer(school),
        created_by=actor,
    )
    report.full_clean()
    report.save()
    audit_create(actor=actor, instance=report, organisation=school)
    return report


def report_update(*, report: Report, actor, expected_version: int, changes: dict) -> dict:
    """Edit the narrative and the document fields of a draft; the final version is not edited any more."""
    require(actor, actions.GENERATE, report.school)
    if report.is_final:
        raise NotAllowed("Báo cáo đã ban hành bản chính thức, không sửa được nữa.")
    unknown = set(changes) - set(EDITABLE) - {"narrative"}
    if unknown:
        raise InvalidInput(f"Không sửa được: {', '.join(sorted(unknown))}.")
    if "narrative" in changes:
        changes["narrative"] = {k: (changes["narrative"].get(k) or "").strip() for k in data.NARRATIVE}
    name = changes.get("signer_name")
    # Another signer chosen and the position left as it was: take theirs (a deputy signs "KT.").
    if (
        name is not None
        and name != report.signer_name
        and changes.get("signer_position", report.signer_position) == report.signer_position
    ):
        position = data.signer_position_of(report.school, name)
        if position:
            changes["signer_position"] = position
    with transaction.atomic():
        return update_versioned(
            instance=report,
            expected_version=expected_version,
            changes=changes,
            actor=actor,
            organisation=report.school,
        )


def report_refill(*, report: Report, actor, expected_version: int, today: dt.date | None = None) -> dict:
    """Replace the narrative by the text pre-filled from the current data."""
    facts = data.gather(school=report.school, kind=report.kind, period_key=report.period_key, today=today)
    return report_update(
        report=report,
        actor=actor,
        expected_version=expected_version,
        changes={"narrative": data.default_narrative(facts, school=report.school)},
    )


@transaction.atomic
def report_finalise(*, report: Report, actor, today: dt.date | None = None) -> Report:
    """Issue the final version: it needs a number and a date, and its text no longer changes. A phase's final
    review (tổng kết giai đoạn) is issued only once the phase has ended; until then it stays a draft."""
    require(actor, actions.FINALISE, report.school)
    today = today or timezone.localdate()
    if report.is_final:
        raise NotAllowed("Báo cáo đã là bản chính thức.")
    problems = []
    if not report.number.strip() or report.number.strip().startswith("/"):
        problems.append("Cần số, ký hiệu của báo cáo (ví dụ 45/BC-CLQĐ).")
    if report.issued_on is None:
        problems.append("Cần ngày ban hành.")
    if not (report.signer_name or "").strip():
        problems.append("Cần họ tên người ký.")
    if report.kind == Report.Kind.PHASE_FINAL:
        period = data.period_of(report.kind, report.period_key)
        issued = report.issued_on or today
        if today <= period.end or issued <= period.end:
            problems.append(
                f"Tổng kết {data.phrase(period.label)} chỉ ban hành được sau khi giai đoạn kết thúc "
                f"({format_date_vi(period.end)}); trước đó hãy xem bản dự thảo hoặc làm báo cáo sơ kết giai đoạn."
            )
    if problems:
        raise InvalidInput("Chưa ban hành được bản chính thức.", errors=problems)
    Report.objects.filter(pk=report.pk).update(state=Report.State.FINAL, finalised_at=timezone.now())
    report.state, report.finalised_at = Report.State.FINAL, timezone.now()
    audit_record(
        actor=actor,
        instance=report,
        action=AuditEntry.Action.UPDATE,
        changes={"state": ["draft", "final"]},
        organisation=report.school,
    )
    return report


# --------------------------------------------------------------------------------------------- rendering


def report_render(
    report: Report,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    only: tuple = FORMATS + tuple(OFFICIAL.values()),
) -> dict[str, bytes]:
    """Every file of the report from the same figures: .docx, .pdf, .xlsx and the infographic (PNG, SVG), and the
    names-free official copy of the .docx, .pdf and .xlsx (`official_docx`…) from the same document."""
    from truyenthong.reports.render.charts import chart_png

    tick = progress or (lambda pct, step: None)
    tick(5, "Đọc số liệu")
    facts = data.gather(school=report.school, kind=report.kind, period_key=report.period_key, today=today)
    document = data.build_document(report, facts)
    official = None
    if any(name in only for name in OFFICIAL.values()):
        official = data.names_free(document, people=data.school_people(report.school))
    tick(20, "Vẽ biểu đồ")
    chart = chart_png(document.chart) if document.chart and document.chart.bars else None
    out: dict[str, bytes] = {}
    generated = format_date_vi(today or timezone.localdate())
    steps = [
        ("docx", 40, "Tạo tệp Word", lambda: report_docx(document, chart_image=chart)),
        ("xlsx", 50, "Tạo bảng Excel", lambda: report_xlsx(document)),
        ("pdf", 80, "Tạo tệp PDF", lambda: report_pdf(document, chart_image=chart)),
        ("infographic_png", 92, "Vẽ infographic", lambda: infographic_png(document, generated=generated)),
        (
            "infographic_svg",
            96,
            "Vẽ infographic (SVG)",
            lambda: infographic_svg(document, generated=generated).encode(),
        ),
        (
            "official_docx",
            97,
            "Tạo bản không nêu tên (Word)",
            lambda: report_docx(official, chart_image=chart),
        ),
        ("official_xlsx", 97, "Tạo bản không nêu tên (Excel)", lambda: report_xlsx(official)),
        ("official_pdf", 98, "Tạo bản không nêu tên (PDF)", lambda: report_pdf(official, chart_image=chart)),
    ]
    for name, pct, label, make in steps:
        if name in only:
            tick(pct - 5, label)
            out[name] = make()
    tick(99, "Lưu tệp")
    return out


EXTENSIONS = {
    "docx": "docx",
    "pdf": "pdf",
    "xlsx": "xlsx",
    "infographic_png": "png",
    "infographic_svg": "svg",
    "official_docx": "docx",
    "official_pdf": "pdf",
    "official_xlsx": "xlsx",
}


def file_name(report: Report, fmt: str) -> str:
    """The name a download is offered under (Content-Disposition), never the stored one:
    "Tổng kết năm học 2026-2027 (dự thảo).docx", "Sơ kết học kỳ II năm học 2026-2027 - infographic.png"."""
    period = data.period_of(report.kind, report.period_key)
    if report.kind == Report.Kind.MEASUREMENT:
        title = f"Báo cáo đo lường công tác truyền thông {data.phrase(period.label)}"
    else:
        title = f"{data.VERB[report.kind]} {data.phrase(period.label)}"
    suffix = " - infographic" if fmt.startswith("infographic") else ""
    if fmt.startswith("official_"):
        suffix = " - bản không nêu tên"
    draft = "" if report.is_final else " (dự thảo)"
    return f"{title}{suffix}{draft}.{EXTENSIONS[fmt]}"


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            log.warning("could not delete report file %s", name)


def report_store(report: Report, files: dict[str, bytes]) -> Report:
    """Save the generated files under fresh short stored names and point the report at them. The files they
    replace are deleted only once the new names are committed; if the update fails, the new files go instead."""
    saved, updates, old = [], {}, []
    try:
        for fmt, content in files.items():
            name = default_storage.save(stored_name("reports", f"x.{EXTENSIONS[fmt]}"), ContentFile(content))
            saved.append(name)
            current = getattr(report, fmt)
            if current and current.name:
                old.append(current.name)
            updates[fmt] = name
        updates["generated_at"] = timezone.now()
        with transaction.atomic():
            Report.objects.filter(pk=report.pk).update(**updates)
            transaction.on_commit(lambda: _delete_files(old))
    except Exception:
        _delete_files(saved)
        raise
    report.refresh_from_db()
    return report


def report_generate_now(
    report: Report, *, today: dt.date | None = None, progress: Progress | None = None
) -> Report:
    """Render and store synchronously (used by the job runner, the demo and the tests)."""
    return report_store(report, report_render(report, today=today, progress=progress))


# --------------------------------------------------------------------------------------------- infographic


def content_available() -> bool:
    try:
        from truyenthong.content import services as content_services
    except ImportError:
        return False
    return hasattr(content_services, "item_create")


@transaction.atomic
def report_infographic_publish(*, report: Report, actor):
    """Hand the infographic to the content pipeline as a draft "Infographic" item (approval and publication follow
    the content workflow)."""
    require(actor, actions.GENERATE, report.school)
    if not content_available():
        raise NotAllowed("Chưa có phân hệ nội dung; hãy tải infographic về để đăng.")
    from truyenthong.content import services as content_services
    from truyenthong.content.models import ContentItem

    if not report.infographic_png:
        raise NotAllowed("Hãy tạo báo cáo trước để có infographic.")
    with report.infographic_png.open("rb") as handle:
        png = handle.read()
    period = data.period_of(report.kind, report.period_key)
    item = content_services.item_create(
        school=report.school,
        actor=actor,
        title=f"Infographic: kết quả thực hiện kế hoạch truyền thông {data.phrase(period.label)}",
        kind=ContentItem.Kind.INFOGRAPHIC,
        summary=f"{report.school.name} — {period.label}: kết quả các chỉ tiêu, hoạt động và tin bài.",
        body=f"<p>Kết quả thực hiện kế hoạch truyền thông {data.phrase(period.label)} của {report.school.name}.</p>",
        cover=("infographic.png", png),
    )
    Report.objects.filter(pk=report.pk).update(content_item=item)
    report.content_item = item
    audit_record(
        actor=actor,
        instance=report,
        action=AuditEntry.Action.UPDATE,
        changes={"content_item": [None, item.pk]},
        organisation=report.school,
    )
    return item
