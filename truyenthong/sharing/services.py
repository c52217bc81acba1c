"""Writes of the sharing kit: the links of every class for a target, and the count of a visit."""

from __future__ import annotations

import re
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from truyenthong.core.audit import audit_record
from truyenthong.core.errors import InvalidInput
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import require
from truyenthong.org.models import SchoolClass
from truyenthong.sharing import actions
from truyenthong.sharing.models import ShareLink, ShareVisitDay
from truyenthong.sharing.registry import Target

CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
# link-preview robots of chat apps and search engines fetch the link when it is pasted: not a visit
PREVIEW_AGENTS = re.compile(r"bot|crawler|spider|preview|facebookexternalhit|facebot|slurp|embedly", re.I)


@transaction.atomic
def share_kit_ensure(
    *, actor, kind: str, target_id: int, target: Target, school_year: str
) -> list[ShareLink]:
    """One short link per class of the school year for the target (existing links are kept: they are pasted)."""
    require(actor, actions.SHARE, target.school)
    if not target.path.startswith("/") or target.path.startswith("//"):
        raise InvalidInput("Đường dẫn đích phải là một trang của hệ thống.")
    classes = list(SchoolClass.objects.filter(school=target.school, school_year=school_year))
    if not classes:
        raise InvalidInput(f"Năm học {school_year} chưa có lớp nào trong danh sách lớp của trường.")
    existing = {
        link.school_class_id: link
        for link in ShareLink.objects.filter(target_kind=kind, target_id=target_id, school_class__in=classes)
    }
    created = []
    for c in classes:
        if c.pk in existing:
            continue
        link = ShareLink(
            school=target.school,
            target_kind=kind,
            target_id=target_id,
            title=target.title[:300],
            target_path=target.path,
            school_class=c,
            code="".join(secrets.choice(CODE_ALPHABET) for _ in range(7)),
            created_by=actor,
        )
        link.save()
        existing[c.pk] = link
        created.append(link)
    if created:
        audit_record(
            actor=actor,
            instance=created[0],
            action=AuditEntry.Action.CREATE,
            changes={
                "kind": kind,
                "target": target_id,
                "classes": [link.school_class_id for link in created],
            },
            organisation=target.school,
        )
    return [existing[c.pk] for c in classes]


def share_visit_count(*, link: ShareLink, user_agent: str, method: str) -> bool:
    """Count one opening of a class's link for today; robots and HEAD requests are not counted."""
    if method != "GET" or not user_agent or PREVIEW_AGENTS.search(user_agent):
        return False
    day = timezone.localdate()
    if ShareVisitDay.objects.filter(link=link, day=day).update(visits=F("visits") + 1):
        return True
    try:
        with transaction.atomic():
            ShareVisitDay.objects.create(link=link, day=day, visits=1)
    except IntegrityError:  # created by a simultaneous visit
        ShareVisitDay.objects.filter(link=link, day=day).update(visits=F("visits") + 1)
    return True
