"""Reads of content: access-checked fetches, the one public gate, the calendar, and indicator sources.

Indicator sources (for the measurement engine; dates are inclusive calendar dates in the school's time zone):
- `section_items_published_per_month(*, school, start, end)` → {"2026-10": 3, …}: items that became visible on the
  school's public sections in each month (published_at within the month, not archived).
- `section_items_published_count(*, school, start, end)` → int: the same, summed over the period.
- `reach_by_audience(*, school, start, end)` → {"parents": 1200, "students": …}: publications done in the period,
  summed by audience; portal publications count the portal's own views.
- `classes_with_parents_reached(*, school, start, end, school_year)` → (numerator, denominator): classes of that
  school year whose parents were reached by at least one publication in the period (a publication for that class,
  or on a channel tied to that class, with audience "parents"), over all classes of the year.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from truyenthong.content.apps import VIEW
from truyenthong.content.models import Audience, Channel, ContentItem, Publication, Section
from truyenthong.core.permissions import require
from truyenthong.org.models import Organisation, SchoolClass

S = ContentItem.Status


# ---------------------------------------------------------------- access-checked fetches


def item_get_for_user(*, user, item_id: int, action: str = VIEW) -> ContentItem:
    item = get_object_or_404(ContentItem.objects.select_related("school", "section", "unit"), pk=item_id)
    require(user, action, item.school)
    return item


def channel_get_for_user(*, user, channel_id: int, action: str = VIEW) -> Channel:
    channel = get_object_or_404(Channel.objects.select_related("school"), pk=channel_id)
    require(user, action, channel.school)
    return channel


def items_of(school: Organisation, *, status: str = "", unit_id: int | None = None) -> QuerySet:
    qs = ContentItem.objects.filter(school=school).select_related("section", "unit", "created_by")
    if status:
        qs = qs.filter(status=status)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("-updated_at", "-id")


def sections_of(school: Organisation) -> QuerySet:
    return Section.objects.filter(school=school).order_by("title")


def channels_of(school: Organisation) -> QuerySet:
    return (
        Channel.objects.filter(school=school)
        .select_related("section", "school_class")
        .order_by("kind", "name")
    )


# ---------------------------------------------------------------- the public gate


def public_section(slug: str) -> Section:
    return get_object_or_404(
        Section.objects.select_related("school"), slug=slug, is_active=True, school__is_active=True
    )


def published_items(section: Section | int, *, now: dt.datetime | None = None) -> QuerySet:
    """Everything the public may see in a section: published, its time come, not archived. Nothing else."""
    now = now or timezone.now()
    return ContentItem.objects.filter(
        section=section, status=S.PUBLISHED, published_at__isnull=False, published_at__lte=now
    ).order_by("-published_at", "-id")


def public_sections() -> QuerySet:
    return Section.objects.filter(is_active=True, school__is_active=True).select_related("school")


@dataclass(frozen=True)
class SectionState:
    """What the public view of a section depends on, cheap to keep in the cache."""

    section_id: int
    school_id: int
    last_modified: dt.datetime
    fingerprint: str
    valid_until: dt.datetime


STATE_SECONDS = (
    5  # how long another process may serve a state before re-reading it (this one forgets at once)
)


def _state_key(slug: str) -> str:
    return f"content:section-state:v1:{slug}"


def section_state(slug: str, *, now: dt.datetime | None = None) -> SectionState | None:
    """The state of the public section `slug` (None if it is not public), from the cache when still valid.

    Every workflow step and every edit sets the item's updated_at (to the microsecond), and a scheduled item whose
    time comes moves the latest visible published_at: the fingerprint changes whenever the public view does. The
    cached state expires after STATE_SECONDS, or at the next scheduled publication, whichever is first; services
    forget it as soon as they change the section.
    """
    now = now or timezone.now()
    key = _state_key(slug)
    state = cache.get(key)
    if state is not None and now < state.valid_until:
        return state
    section = Section.objects.filter(slug=slug, is_active=True, school__is_active=True).first()
    if section is None:
        return None
    in_section = ContentItem.objects.filter(section=section)
    updated = in_section.order_by("-updated_at").values_list("updated_at", flat=True).first()
    shown = published_items(section, now=now).values_list("published_at", flat=True).first()
    upcoming = (
        in_section.filter(status=S.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    valid_until = now + dt.timedelta(seconds=STATE_SECONDS)
    if upcoming is not None:
        valid_until = min(valid_until, upcoming)
    stamps = [section.updated_at] + [v for v in (updated, shown) if v is not None]
    state = SectionState(
        section_id=section.pk,
        school_id=section.school_id,
        last_modified=max(stamps).replace(microsecond=0),
        fingerprint=f"{section.pk}|{section.updated_at.isoformat()}|{updated}|{shown}",
        valid_until=valid_until,
    )
    cache.set(key, state, STATE_SECONDS)
    return state


def section_state_forget(*slugs: str) -> None:
    """Called by the services after a change that the public may see (once the transaction commits)."""
    cache.delete_many([_state_key(s) for s in slugs if s])


# ---------------------------------------------------------------- calendar


@dataclass
class CalendarEntry:
    day: dt.date
    label: str
    channel: str
    kind: str  # "published" | "planned" | "scheduled"
    item: ContentItem
    is_section: bool
    channel_kind: str = ""
    has_class: bool = False


@dataclass
class CalendarWeek:
    days: list[dt.date]
    entries: dict = field(default_factory=dict)  # day → [CalendarEntry]
    section_count: int = 0
    is_gap: bool = False
    is_future: bool = False

    def grouped(self) -> list[tuple[dt.date, list[dict]]]:
        """For the month view: one line per item and state on a day, its channels together (class groups counted)."""
        out = []
        for day in self.days:
            lines: dict = {}
            for e in self.entries.get(day, []):
                line = lines.setdefault(
                    (e.item.pk, e.kind), {"item": e.item, "kind": e.kind, "channels": [], "class_groups": 0}
                )
                if e.channel_kind in (Channel.Kind.ZALO_GROUP,) and e.has_class:
                    line["class_groups"] += 1
                else:
                    line["channels"].append(e.channel)
            for line in lines.values():
                if line["class_groups"]:
                    line["channels"].append(f"{line['class_groups']} nhóm Zalo lớp")
                line["channel_text"] = ", ".join(line["channels"])
            out.append((day, list(lines.values())))
        return out


def calendar_month(
    *, school: Organisation, year: int, month: int, unit_id: int | None = None, today: dt.date | None = None
) -> list[CalendarWeek]:
    """Weeks (Monday first) of the month with what was published or planned on each channel; a week with nothing on
    the public section is a gap."""
    today = today or timezone.localdate()
    weeks_days = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks_days[0][0], weeks_days[-1][-1]
    entries = calendar_entries(school=school, start=first, end=last, unit_id=unit_id)
    by_day = defaultdict(list)
    for entry in entries:
        by_day[entry.day].append(entry)
    weeks = []
    for days in weeks_days:
        week = CalendarWeek(days=days, entries={d: by_day.get(d, []) for d in days})
        week.section_count = sum(
            1 for d in days for e in by_day.get(d, []) if e.is_section and e.kind == "published"
        )
        week.is_future = days[0] > today
        week.is_gap = week.section_count == 0 and not week.is_future
        weeks.append(week)
    return weeks


def calendar_entries(
    *, school: Organisation, start: dt.date, end: dt.date, unit_id: int | None = None
) -> list[CalendarEntry]:
    pubs = Publication.objects.filter(item__school=school, date__gte=start, date__lte=end).select_related(
        "item", "item__unit", "channel"
    )
    if unit_id:
        pubs = pubs.filter(item__unit_id=unit_id)
    now = timezone.now()
    out = []
    for p in pubs.order_by("date", "id"):
        is_section = p.channel.kind == Channel.Kind.PORTAL
        if is_section:
            visible = (
                p.item.status in (S.PUBLISHED, S.ARCHIVED)
                and p.item.published_at
                and p.item.published_at <= now
            )
            kind = "published" if visible else "scheduled"
        else:
            kind = "published" if p.status == Publication.Status.DONE else "planned"
        out.append(
            CalendarEntry(
                p.date,
                p.item.title,
                p.channel.name,
                kind,
                p.item,
                is_section,
                p.channel.kind,
                bool(p.channel.school_class_id or p.school_class_id),
            )
        )
    return out


# ---------------------------------------------------------------- indicator sources


def _aware_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return lo, hi


def _section_published(school: Organisation, start: dt.date, end: dt.date) -> QuerySet:
    lo, hi = _aware_bounds(start, end)
    hi = min(hi, timezone.now())
    return ContentItem.objects.filter(
        school=school,
        section__isnull=False,
        status__in=[S.PUBLISHED, S.ARCHIVED],
        published_at__gte=lo,
        published_at__lt=hi,
    )


def section_items_published_per_month(
    *, school: Organisation, start: dt.date, end: dt.date
) -> dict[str, int]:
    counts: dict[str, int] = {}
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        counts[f"{month:%Y-%m}"] = 0
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    for published_at in _section_published(school, start, end).values_list("published_at", flat=True):
        key = f"{timezone.localtime(published_at):%Y-%m}"
        counts[key] = counts.get(key, 0) + 1
    return counts


def section_items_published_count(*, school: Organisation, start: dt.date, end: dt.date) -> int:
    return _section_published(school, start, end).count()


def reach_by_audience(*, school: Organisation, start: dt.date, end: dt.date) -> dict[str, int]:
    totals = {a: 0 for a in Audience.values}
    pubs = Publication.objects.filter(
        item__school=school, status=Publication.Status.DONE, date__gte=start, date__lte=end
    ).annotate(portal_views=Greatest("reach", "item__view_count"))
    for audience, kind, reach, portal_views in pubs.values_list(
        "audience", "channel__kind", "reach", "portal_views"
    ):
        totals[audience] = totals.get(audience, 0) + (portal_views if kind == Channel.Kind.PORTAL else reach)
    return totals


def classes_with_parents_reached(
    *, school: Organisation, start: dt.date, end: dt.date, school_year: str
) -> tuple[int, int]:
    classes = SchoolClass.objects.filter(school=school, school_year=school_year)
    class_ids = set(classes.values_list("id", flat=True))
    pubs = Publication.objects.filter(
        item__school=school,
        status=Publication.Status.DONE,
        date__gte=start,
        date__lte=end,
        audience=Audience.PARENTS,
    )
    reached = set()
    for own, via_channel in pubs.values_list("school_class_id", "channel__school_class_id"):
        for cid in (own, via_channel):
            if cid in class_ids:
                reached.add(cid)
    return len(reached), len(class_ids)


# ---------------------------------------------------------------- files under /media/


def file_visible_to(user, name: str) -> bool:
    """May `/media/<name>` be served to `user`? Files of a published public item: to anyone; of any other item: to
    those who may read that school's content; a name no item owns: to nobody."""
    from django.db.models import Q

    from truyenthong.content.models import Attachment, InlineImage
    from truyenthong.core.permissions import can

    item = (
        ContentItem.objects.filter(Q(cover_image=name) | Q(cover_thumb=name) | Q(video_file=name))
        .select_related("school", "section")
        .first()
    )
    if item is None:
        attachment = (
            Attachment.objects.filter(file=name).select_related("item__school", "item__section").first()
        )
        item = attachment.item if attachment else None
    if item is None:
        inline = (
            InlineImage.objects.filter(image=name).select_related("item__school", "item__section").first()
        )
        item = inline.item if inline else None
    if item is None:
        return False
    public = (
        item.status == S.PUBLISHED
        and item.published_at is not None
        and item.published_at <= timezone.now()
        and item.section_id is not None
        and item.section.is_active
        and item.school.is_active
    )
    if public:
        # The public section's consent gate (privacy): the photo of a person who has not consented stays private.
        from truyenthong.core.personal_data import public_gate

        public = public_gate(ContentItem.objects.filter(pk=item.pk)).exists()
    return public or can(user, VIEW, item.school)


def share_target(pk: int):
    """A published content item as a target of the class-group share kit (its public page on the school portal);
    drafts, scheduled and archived items are not shared, nor an item outside any section (it has no public page)."""
    from django.urls import reverse

    from truyenthong.sharing.registry import Target

    item = ContentItem.objects.select_related("school", "section").filter(pk=pk).first()
    if item is None or not item.has_public_page:
        return None
    return Target(
        item.school,
        item.title,
        reverse("portal:item-detail", args=[item.section.slug, item.slug]),
        action_word="đọc bài",
    )
