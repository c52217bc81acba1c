"""Pages of the assistant: the public question page and its embeddable frame, the same inside the app for staff,
the document library with summaries, and the questions asked."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST, require_safe

from truyenthong.assistant import actions, forms, selectors, services
from truyenthong.assistant.models import Question
from truyenthong.content.apps import WRITE as CONTENT_WRITE
from truyenthong.core.errors import AppError
from truyenthong.core.permissions import can
from truyenthong.org.selectors import school_get_for_user

PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'"
)
RATE_LIMITED = "Bạn đã hỏi nhiều câu trong thời gian ngắn. Vui lòng đợi một phút rồi hỏi tiếp."


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _public_answer(request, school, channel):
    """(form, answer, status) for a public question page; a question over the address's limit is refused."""
    form = forms.AskForm(request.GET or None)
    question = form.data.get("q", "").strip() if form.is_bound else ""
    if not question:
        return form, None, 200, ""
    if services.rate_limited(address=_address(request)):
        return form, None, 429, RATE_LIMITED
    answer = services.question_ask(school=school, question=question, channel=channel)
    return form, answer, 200, ""


def _with_csp(response, *, frame_ancestors: str = "'self'"):
    response["Content-Security-Policy"] = f"{PUBLIC_CSP}; frame-ancestors {frame_ancestors}"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def public_ask(request, code):
    school = selectors.public_school(code)
    form, answer, status, error = _public_answer(request, school, Question.Channel.PUBLIC)
    widget_src = request.build_absolute_uri(settings.STATIC_URL + "assistant/widget.js")
    context = {
        "page_school": school,
        "form": form,
        "answer": answer,
        "error": error,
        "public": True,
        "widget_src": widget_src,
        "documents": selectors.documents_of(school, public_only=True),
    }
    return _with_csp(render(request, "assistant/public_ask.html", context, status=status))


@xframe_options_exempt
@require_safe
def widget_frame(request, code):
    """The page the widget puts in an iframe on the school's website: the only assistant page others may frame."""
    school = selectors.public_school(code)
    form, answer, status, error = _public_answer(request, school, Question.Channel.WIDGET)
    context = {
        "page_school": school,
        "form": form,
        "answer": answer,
        "error": error,
        "public": True,
        "frame": True,
        "config": {"frame": "tro-ly", "school": school.code},
    }
    return _with_csp(
        render(request, "assistant/widget_frame.html", context, status=status), frame_ancestors="*"
    )


@require_safe
def public_document(request, code, document_id):
    school = selectors.public_school(code)
    document = selectors.public_document(school=school, document_id=document_id)
    context = {
        "page_school": school,
        "document": document,
        "passages": document.passages.all(),
        "public": True,
    }
    return _with_csp(render(request, "assistant/public_document.html", context))


@login_required
@require_safe
def staff_ask(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.ASK)
    form = forms.AskForm(request.GET or None)
    question = form.data.get("q", "").strip() if form.is_bound else ""
    answer = None
    if question:
        answer = services.question_ask(
            school=school, question=question, channel=Question.Channel.STAFF, user=request.user
        )
    context = {
        "school": school,
        "form": form,
        "answer": answer,
        "public": False,
        "can_manage": can(request.user, actions.MANAGE, school),
        "can_questions": can(request.user, actions.QUESTIONS, school),
    }
    return render(request, "assistant/staff_ask.html", context)


@login_required
def document_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.ASK)
    can_manage = can(request.user, actions.MANAGE, school)
    form = forms.DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_manage:
            return _forbidden()
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                document = services.document_upload(
                    school=school,
                    actor=request.user,
                    name=upload.name,
                    data=upload.read(),
                    is_public=form.cleaned_data["is_public"],
                    title=form.cleaned_data["title"],
                )
            except AppError as exc:
                form.add_error("file", exc.message)
            else:
                messages.success(
                    request, f"Đã đưa «{document.title}» vào thư viện ({document.passages.count()} đoạn)."
                )
                return redirect("assistant:document-detail", code=school.code, document_id=document.pk)
    context = {
        "school": school,
        "documents": selectors.documents_of(school),
        "form": form,
        "can_manage": can_manage,
        "public_url": reverse("assistant:public-ask", args=[school.code]),
    }
    return render(request, "assistant/document_list.html", context)


def _forbidden():
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied("Bạn không có quyền quản lý thư viện tài liệu của trường này.")


@login_required
def document_detail(request, code, document_id):
    school = school_get_for_user(user=request.user, code=code, action=actions.ASK)
    document = selectors.document_get_for_user(user=request.user, school=school, document_id=document_id)
    can_manage = can(request.user, actions.MANAGE, school)
    draft = request.GET.get("tao-tom-tat") == "1" and can_manage
    summary = services.document_summary_draft(document=document) if draft else document.summary
    context = {
        "school": school,
        "document": document,
        "passages": document.passages.all(),
        "can_manage": can_manage,
        "summary_form": forms.SummaryForm(initial={"summary": summary}),
        "draft": draft,
    }
    return render(request, "assistant/document_detail.html", context)


@login_required
@require_POST
def summary_save(request, code, document_id):
    school = school_get_for_user(user=request.user, code=code, action=actions.MANAGE)
    document = selectors.document_get_for_user(
        user=request.user, school=school, document_id=document_id, action=actions.MANAGE
    )
    form = forms.SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.document_summary_update(
                document=document, actor=request.user, summary=form.cleaned_data["summary"]
            )
        except AppError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã lưu bản tóm tắt.")
    else:
        messages.error(request, "Bản tóm tắt dài quá 5.000 ký tự: hãy rút gọn.")
    return redirect("assistant:document-detail", code=school.code, document_id=document.pk)


@login_required
@require_POST
def summary_publish(request, code, document_id):
    school = school_get_for_user(user=request.user, code=code, action=actions.MANAGE)
    document = selectors.document_get_for_user(
        user=request.user, school=school, document_id=document_id, action=actions.MANAGE
    )
    try:
        item = services.document_summary_publish(document=document, actor=request.user)
    except AppError as exc:
        messages.error(request, exc.message)
        return redirect("assistant:document-detail", code=school.code, document_id=document.pk)
    messages.success(
        request, "Đã tạo bản nháp bài viết từ bản tóm tắt; hãy duyệt và đăng theo quy trình nội dung."
    )
    return redirect("content:item-detail", item_id=item.pk)


@login_required
@require_POST
def document_delete(request, code, document_id):
    school = school_get_for_user(user=request.user, code=code, action=actions.MANAGE)
    document = selectors.document_get_for_user(
        user=request.user, school=school, document_id=document_id, action=actions.MANAGE
    )
    title = document.title
    services.document_delete(document=document, actor=request.user)
    messages.success(request, f"Đã xóa «{title}» khỏi thư viện.")
    return redirect("assistant:document-list", code=school.code)


@login_required
@require_safe
def question_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.QUESTIONS)
    stats = selectors.question_stats(school=school)
    can_write = can(request.user, CONTENT_WRITE, school)
    create_url = reverse("content:item-create", args=[school.code])
    for row in stats["frequent"] + stats["unanswered"]:
        row["write_url"] = f"{create_url}?{urlencode({'tieu-de': row['text']})}" if can_write else ""
    return render(request, "assistant/question_list.html", {"school": school, "stats": stats})
