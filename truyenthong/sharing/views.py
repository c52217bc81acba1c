"""The share kit of a target (per class: short text, short link, QR poster, reach) and the short link itself."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.core.errors import AppError
from truyenthong.lib.periods import current_school_year
from truyenthong.lib.vntext import slugify_vi
from truyenthong.sharing import documents, selectors, services
from truyenthong.sharing.models import ShareLink


def short_url(link: ShareLink) -> str:
    return settings.SITE_URL + reverse("sharing:visit", args=[link.code])


def share_text(target, link: ShareLink) -> str:
    return (
        f"[Lớp {link.school_class.name}] {target.title}. Kính mời {target.audience_word} {target.action_word} tại: "
        f"{short_url(link)}"
    )


@login_required
def kit(request, kind, pk):
    target = selectors.target_get_for_user(user=request.user, kind=kind, target_id=pk)
    rows = []
    for reach in selectors.reach_by_class(kind=kind, target_id=pk):
        url = short_url(reach.link)
        rows.append(
            {"reach": reach, "url": url, "text": share_text(target, reach.link), "qr": documents.qr_svg(url)}
        )
    return render(
        request,
        "sharing/kit.html",
        {
            "school": target.school,
            "target": target,
            "kind": kind,
            "pk": pk,
            "rows": rows,
            "total": sum(r["reach"].total for r in rows),
            "year": current_school_year(timezone.localdate()).key,
        },
    )


@login_required
@require_POST
def kit_create(request, kind, pk):
    target = selectors.target_get_for_user(user=request.user, kind=kind, target_id=pk)
    try:
        links = services.share_kit_ensure(
            actor=request.user,
            kind=kind,
            target_id=pk,
            target=target,
            school_year=current_school_year(timezone.localdate()).key,
        )
        messages.success(request, f"Bộ chia sẻ đã có đường dẫn riêng cho {len(links)} lớp.")
    except AppError as exc:
        messages.error(request, exc.message)
    return redirect("sharing:kit", kind=kind, pk=pk)


def _link_for_user(request, code) -> tuple[ShareLink, object]:
    link = get_object_or_404(ShareLink.objects.select_related("school_class", "school"), code=code)
    target = selectors.target_get_for_user(user=request.user, kind=link.target_kind, target_id=link.target_id)
    return link, target


@login_required
def poster(request, code, fmt):
    link, target = _link_for_user(request, code)
    url = short_url(link)
    name = f"{slugify_vi(target.title, max_length=50)}-lop-{slugify_vi(link.school_class.name)}"
    if fmt == "png":
        response = HttpResponse(documents.qr_png(url), content_type="image/png")
        response["Content-Disposition"] = f'attachment; filename="ma-qr-{name}.png"'
        return response
    data = documents.poster_pdf(
        school_name=link.school.name,
        title=target.title,
        class_name=link.school_class.name,
        url=url,
        text=share_text(target, link),
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ap-phich-{name}.pdf"'
    return response


def visit(request, code):
    """The short link pasted in a class group: count the visit (no personal data), then go to the page."""
    link = get_object_or_404(ShareLink, code=code.lower())
    services.share_visit_count(
        link=link, user_agent=request.headers.get("User-Agent", ""), method=request.method
    )
    response = redirect(link.target_path)
    response["Cache-Control"] = "no-store"
    return response
