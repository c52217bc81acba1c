"""Reads of the sharing kit: the target behind a kit (with access checked) and the reach of each class's link."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.http import Http404
from django.utils import timezone

from truyenthong.core.permissions import require
from truyenthong.sharing import actions
from truyenthong.sharing.models import ShareLink, ShareVisitDay
from truyenthong.sharing.registry import Target, resolve


def target_get_for_user(*, user, kind: str, target_id: int) -> Target:
    target = resolve(kind, target_id)
    if target is None:
        raise Http404("Không tìm thấy nội dung để chia sẻ.")
    require(user, actions.SHARE, target.school)
    return target


@dataclass
class Reach:
    link: ShareLink
    total: int
    last_7_days: int


def reach_by_class(*, kind: str, target_id: int) -> list[Reach]:
    links = list(
        ShareLink.objects.filter(target_kind=kind, target_id=target_id).select_related("school_class")
    )
    since = timezone.localdate() - dt.timedelta(days=6)
    totals = dict(
        ShareVisitDay.objects.filter(link__in=links)
        .values("link_id")
        .annotate(n=Sum("visits"))
        .values_list("link_id", "n")
    )
    recent = dict(
        ShareVisitDay.objects.filter(link__in=links, day__gte=since)
        .values("link_id")
        .annotate(n=Sum("visits"))
        .values_list("link_id", "n")
    )
    return [Reach(link, totals.get(link.pk, 0), recent.get(link.pk, 0)) for link in links]
