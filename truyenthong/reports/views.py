"""Report pages: the list (create a report for a period), a report (edit the narrative, generate in the background
with a progress bar, issue the final version, download, publish the infographic), the job's progress as JSON."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from truyenthong.core.errors import AppError
from truyenthong.core.forms import message_error
from truyenthong.core.media import send_stored_file
from truyenthong.core.permissions import can, sees_staff_names
from truyenthong.indicators.selectors import parse_period
from truyenthong.lib.disposition import content_disposition
from truyenthong.org.models import Organisation
from truyenthong.org.selectors import school_get_for_user
from truyenthong.province import actions as province_actions
from truyenthong.reports import actions, forms, jobs, province as province_report_data, selectors, services
from truyenthong.reports.render.docx_writer import report_docx
from truyenthong.reports.render.pdf_writer import report_pdf
from truyenthong.reports.render.xlsx_writer import report_xlsx

DOWNLOADS = {
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("pdf", "application/pdf"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "png": ("infographic_png", "image/png"),
    "svg": ("infographic_svg", "image/svg+xml"),
}


def _fail(request, exc: AppError) -> None:
    message_error(request, exc)


@login_required
def report_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    may_generate = can(request.user, actions.GENERATE, school)
    form = None
    if may_generate:
        form = forms.CreateForm(
            request.POST or None, periods=selectors.period_choices(school=school, today=timezone.localdate())
        )
        if request.method == "POST" and form.is_valid():
            try:
                report = services.report_create(school=school, actor=request.user, **form.cleaned_data)
                messages.success(
                    request, "Đã tạo dự thảo báo cáo; phần nhận định đã được điền sẵn từ số liệu."
                )
                return redirect("reports:report-detail", report.pk)
            except AppError as exc:
                _fail(request, exc)
    elif request.method == "POST":
        raise PermissionDenied("Bạn không có quyền tạo báo cáo.")
    return render(
        request,
        "reports/report_list.html",
        {"school": school, "reports": selectors.reports_of(school), "form": form},
    )


@login_required
def report_detail(request, pk):
    report = selectors.report_get_for_user(user=request.user, report_id=pk)
    school = report.school
    may_generate = can(request.user, actions.GENERATE, school)
    may_finalise = can(request.user, actions.FINALISE, school)
    form = None
    if may_generate and not report.is_final:
        form = forms.ReportForm(request.POST or None, initial=forms.ReportForm.initial_for(report))
    if request.method == "POST":
        report = selectors.report_get_for_user(user=request.user, report_id=pk, action=actions.GENERATE)
        do = request.POST.get("do", "save")
        try:
            if do == "refill":
                services.report_refill(
                    report=report, actor=request.user, expected_version=int(request.POST.get("version", 0))
                )
                messages.success(request, "Đã điền lại phần nhận định từ số liệu mới nhất.")
                return redirect("reports:report-detail", report.pk)
            if do == "finalise":
                report = selectors.report_get_for_user(
                    user=request.user, report_id=pk, action=actions.FINALISE
                )
                services.report_finalise(report=report, actor=request.user)
                jobs.job_enqueue(report=report, actor=request.user)
                messages.success(request, "Đã ban hành bản chính thức; các tệp đang được tạo lại.")
                return redirect("reports:report-detail", report.pk)
            if form is not None and form.is_valid():
                version, changes = form.changes()
                services.report_update(
                    report=report, actor=request.user, expected_version=version, changes=changes
                )
                messages.success(request, "Đã lưu.")
                if do == "save_generate":
                    report.refresh_from_db()
                    jobs.job_enqueue(report=report, actor=request.user)
                return redirect("reports:report-detail", report.pk)
        except AppError as exc:
            _fail(request, exc)
    job = selectors.latest_job(report)
    if job is not None:
        job = jobs.job_check_stale(job)
    return render(
        request,
        "reports/report_detail.html",
        {
            "school": school,
            "report": report,
            "form": form,
            "job": job,
            "job_active": job is not None and not job.is_finished,
            "may_generate": may_generate,
            "may_finalise": may_finalise and not report.is_final,
            "content_available": services.content_available(),
        },
    )


@login_required
@require_POST
def report_generate(request, pk):
    report = selectors.report_get_for_user(user=request.user, report_id=pk, action=actions.GENERATE)
    try:
        jobs.job_enqueue(report=report, actor=request.user)
    except AppError as exc:
        _fail(request, exc)
    return redirect("reports:report-detail", report.pk)


@never_cache
@login_required
def job_progress(request, job_id):
    job = jobs.job_check_stale(selectors.job_get_for_user(user=request.user, job_id=job_id))
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "step": job.step,
            "error": job.error,
            "finished": job.is_finished,
            "report_url": reverse("reports:report-detail", args=[job.report_id]),
        }
    )


@login_required
def report_download(request, pk, fmt):
    report = selectors.report_get_for_user(user=request.user, report_id=pk)
    if fmt not in DOWNLOADS:
        raise Http404("Không có định dạng này.")
    field, content_type = DOWNLOADS[fmt]
    if field in services.OFFICIAL and not sees_staff_names(request.user):
        # A Sở official gets the names-free copy, never the school's own (staff names stay in the school)
        return _official_copy(report, services.OFFICIAL[field], content_type)
    stored = getattr(report, field)
    if not stored:
        raise Http404("Báo cáo chưa được tạo.")
    inline = fmt == "png" and request.GET.get("xem") == "1"
    response = send_stored_file(
        stored.name, filename=services.file_name(report, field), content_type=content_type, inline=inline
    )
    # The Vietnamese name for browsers that read RFC 5987, and an ASCII fallback for those that do not
    response["Content-Disposition"] = content_disposition(services.file_name(report, field), inline=inline)
    return response


def _official_copy(report, field: str, content_type: str) -> HttpResponse:
    """The stored names-free copy; a report generated before copies were made has none yet, so it is rendered now
    from the current data (and not stored: a GET writes nothing) until the school generates the report again."""
    if not report.generated_at:
        raise Http404("Báo cáo chưa được tạo.")
    name = services.file_name(report, field)
    stored = getattr(report, field)
    if stored:
        response = send_stored_file(stored.name, filename=name, content_type=content_type)
    else:
        response = HttpResponse(
            services.report_render(report, only=(field,))[field], content_type=content_type
        )
    response["Content-Disposition"] = content_disposition(name, inline=False)
    return response


@login_required
@require_POST
def report_publish_infographic(request, pk):
    report = selectors.report_get_for_user(user=request.user, report_id=pk, action=actions.GENERATE)
    try:
        item = services.report_infographic_publish(report=report, actor=request.user)
        messages.success(request, "Đã chuyển infographic sang mục Nội dung (bản nháp, chờ duyệt và đăng).")
        return redirect("content:item-detail", item.pk)
    except AppError as exc:
        _fail(request, exc)
    return redirect("reports:report-detail", report.pk)


@login_required
def province_report(request, code):
    """The Sở's sơ kết/tổng kết report from the roll-up's figures, generated on request (no staff names in it)."""
    department = get_object_or_404(Organisation, code=code, kind=Organisation.Kind.DEPARTMENT)
    if not can(request.user, province_actions.ROLLUP, department):
        raise PermissionDenied("Chỉ lãnh đạo, chuyên viên của Sở tải được báo cáo tổng hợp toàn tỉnh.")
    fmt = request.GET.get("dinh_dang", "docx")
    writers = {"docx": report_docx, "pdf": report_pdf, "xlsx": report_xlsx}
    if fmt not in writers:
        raise Http404("Định dạng báo cáo không hợp lệ: chọn docx, pdf hoặc xlsx.")
    today = timezone.localdate()
    doc = province_report_data.build_province_document(
        department=department, period_key=request.GET.get("ky"), today=today
    )
    period = parse_period(request.GET.get("ky"), today)
    response = HttpResponse(writers[fmt](doc), content_type=DOWNLOADS[fmt][1])
    response["Content-Disposition"] = content_disposition(
        province_report_data.file_name(department, period, fmt)
    )
    return response
