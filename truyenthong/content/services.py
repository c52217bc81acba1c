"""Writes for content: items and their workflow, versions, uploads, sections, channels, publications and imports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
import time
import uuid
from collections import Counter

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from truyenthong.content.apps import APPROVE, PUBLISH, WRITE
from truyenthong.content.images import prepare_image
from truyenthong.content.models import (
    Attachment,
    Audience,
    Channel,
    ContentItem,
    ContentVersion,
    InlineImage,
    ItemSearch,
    Publication,
    Section,
    Tag,
)
from truyenthong.content.richtext import embed_url, plain_text, render_body, sanitize_html
from truyenthong.content.selectors import section_state_forget
from truyenthong.core import uploads
from truyenthong.core.audit import audit_create, audit_record, diff, snapshot
from truyenthong.core.errors import ConflictError, InvalidInput, NotAllowed
from truyenthong.core.events import announce_school_data_changed
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import can, require
from truyenthong.core.versioning import update_versioned
from truyenthong.lib.textfiles import decode_text
from truyenthong.lib.vntext import fold, slugify_vi

S = ContentItem.Status
VIDEO_MAX_BYTES = int(getattr(settings, "CONTENT_VIDEO_MAX_MB", 50)) * 1024 * 1024
EDITABLE_FIELDS = ("title", "summary", "body", "kind", "section", "unit", "video_url", "audiences")


# ---------------------------------------------------------------- helpers


RESERVED_SLUGS = {"tim-kiem", "the", "nhung"}  # public routes under /chuyen-muc/<section>/


def _unique_slug(*, school, title: str, exclude_pk=None) -> str:
    base = (slugify_vi(title) or "bai-viet")[:100].strip("-") or "bai-viet"
    if base in RESERVED_SLUGS:
        base = f"{base}-bai-viet"
    slug, n = base, 2
    qs = ContentItem.objects.filter(school=school)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _index_for_search(item: ContentItem, tag_names: list[str]) -> None:
    text = fold(" ".join([item.title, item.summary, " ".join(tag_names), plain_text(item.body)]))
    words = " ".join(dict.fromkeys(w for w in text.split() if w))[:20000]
    ItemSearch.objects.update_or_create(item=item, defaults={"title": fold(item.title), "words": words})


def _check_video_url(url: str) -> None:
    if url and embed_url(url) is None:
        raise InvalidInput(
            "Chỉ nhúng được video YouTube hoặc Facebook (ví dụ https://www.youtube.com/watch?v=… "
            "hoặc https://www.facebook.com/<trang>/videos/<số>)."
        )


def _check_audiences(audiences) -> list[str]:
    audiences = list(dict.fromkeys(audiences or []))
    unknown = [a for a in audiences if a not in Audience.values]
    if unknown:
        raise InvalidInput(f"Đối tượng không hợp lệ: {', '.join(unknown)}.")
    return audiences


def _check_scope(*, school, section=None, unit=None, tasks=()) -> None:
    if section is not None and section.school_id != school.pk:
        raise InvalidInput("Chuyên mục không thuộc trường này.")
    if unit is not None and unit.school_id != school.pk:
        raise InvalidInput("Đơn vị không thuộc trường này.")
    for task in tasks:
        if task.group.plan.organisation_id != school.pk:
            raise InvalidInput("Nhiệm vụ không thuộc kế hoạch của trường này.")


def _set_tags(item: ContentItem, names: list[str]) -> list[str]:
    tags = []
    for name in names:
        name = " ".join(name.split())[:60]
        slug = slugify_vi(name)[:80]
        if not slug:
            continue
        tag, _ = Tag.objects.get_or_create(school=item.school, slug=slug, defaults={"name": name})
        tags.append(tag)
    item.tags.set(tags)
    return [t.name for t in tags]


def parse_tags(text: str) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()][:12]


def _record_version(item: ContentItem, *, actor, note: str = "") -> ContentVersion:
    number = (item.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    data = snapshot(
        item, fields=["kind", "section", "unit", "video_url", "audiences", "status", "published_at"]
    )
    data["tags"] = sorted(item.tags.values_list("name", flat=True))
    return ContentVersion.objects.create(
        item=item,
        number=number,
        status=item.status,
        title=item.title,
        summary=item.summary,
        body=item.body,
        data=data,
        note=note,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _store_image(item: ContentItem, *, name: str, data: bytes) -> None:
    uploads.check_upload(
        name=name, data=data, kinds=uploads.IMAGE, max_bytes=settings.UPLOAD_MAX_BYTES, field="Ảnh"
    )
    cover, thumb, _ = prepare_image(data=data, name=name)
    stem = uuid.uuid4().hex
    item.cover_image.save(f"{stem}.jpg", ContentFile(cover), save=False)
    item.cover_thumb.save(f"{stem}-thumb.jpg", ContentFile(thumb), save=False)


def _store_video(item: ContentItem, *, name: str, data: bytes) -> None:
    ext = uploads.check_upload(
        name=name, data=data, kinds=uploads.VIDEO, max_bytes=VIDEO_MAX_BYTES, field="Video"
    )
    item.video_file.save(f"{uuid.uuid4().hex}{ext}", ContentFile(data), save=False)


def _content_changed(school) -> None:
    """Published items and their reach feed indicators: announce the change once it commits."""
    announce_school_data_changed(sender="content", school=school, source="content")


def check_write(*, user, item: ContentItem) -> None:
    """Writers edit drafts and returned items of their scope; approvers may edit anything not archived."""
    if item.status == S.ARCHIVED:
        raise NotAllowed("Nội dung đã lưu trữ, không sửa được.")
    if can(user, APPROVE, item.school):
        return
    require(user, WRITE, item.school, unit=item.unit)
    if item.status not in (S.DRAFT, S.RETURNED):
        raise NotAllowed("Nội dung đang chờ duyệt hoặc đã duyệt: chỉ lãnh đạo nhà trường được sửa.")


# ---------------------------------------------------------------- items


@transaction.atomic
def item_create(
    *,
    school,
    actor,
    title: str,
    kind: str = ContentItem.Kind.ARTICLE,
    summary: str = "",
    body: str = "",
    section: Section | None = None,
    unit=None,
    tags: list[str] | None = None,
    tasks=(),
    audiences=None,
    video_url: str = "",
    cover: tuple[str, bytes] | None = None,
    video: tuple[str, bytes] | None = None,
) -> ContentItem:
    require(actor, WRITE, school, unit=unit)
    if unit is None:
        # A unit-scoped writer (tổ trưởng, Bí thư Đoàn) writes for their unit.
        scoped = [a.unit for a in actor.role_assignments.all() if a.unit_id and a.unit.school_id == school.pk]
        if scoped and not can(actor, WRITE, school, unit=school):
            unit = scoped[0]
    tasks = list(tasks)
    _check_scope(school=school, section=section, unit=unit, tasks=tasks)
    _check_video_url(video_url)
    clean = sanitize_html(body)
    item = ContentItem(
        school=school,
        unit=unit,
        section=section,
        kind=kind,
        title=" ".join((title or "").split()),
        summary=(summary or "").strip(),
        body=clean,
        body_html=render_body(clean),
        video_url=video_url,
        audiences=_check_audiences(audiences),
        created_by=actor,
    )
    item.slug = _unique_slug(school=school, title=item.title)
    if cover:
        _store_image(item, name=cover[0], data=cover[1])
    if video:
        _store_video(item, name=video[0], data=video[1])
    item.full_clean()
    item.save()
    tag_names = _set_tags(item, tags or [])
    item.tasks.set(tasks)
    _index_for_search(item, tag_names)
    audit_create(actor=actor, instance=item, organisation=school)
    _record_version(item, actor=actor, note="Tạo mới")
    return item


@transaction.atomic
def item_update(
    *,
    item: ContentItem,
    actor,
    expected_version: int,
    tags: list[str] | None = None,
    tasks=None,
    cover: tuple[str, bytes] | None = None,
    video: tuple[str, bytes] | None = None,
    **changes,
) -> ContentItem:
    """Edit an item if nobody saved it since `expected_version`; each save is a new ContentVersion."""
    check_write(user=actor, item=item)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Không sửa được: {', '.join(sorted(unknown))}.")
    if item.version != expected_version:
        raise ConflictError(
            "Nội dung này vừa được người khác sửa sau khi bạn mở trang. "
            "Hãy tải lại trang để xem bản mới nhất rồi sửa lại; thay đổi của bạn chưa được lưu."
        )
    before = snapshot(item)
    old_section = item.section
    old_tags = sorted(item.tags.values_list("name", flat=True))
    if "body" in changes:
        changes["body"] = sanitize_html(changes["body"])
    if "title" in changes:
        changes["title"] = " ".join((changes["title"] or "").split())
    if "audiences" in changes:
        changes["audiences"] = _check_audiences(changes["audiences"])
    if "video_url" in changes:
        _check_video_url(changes["video_url"])
    _check_scope(
        school=item.school,
        section=changes.get("section"),
        unit=changes.get("unit"),
        tasks=list(tasks) if tasks is not None else (),
    )
    if "unit" in changes and changes["unit"] is not None and not can(actor, APPROVE, item.school):
        require(actor, WRITE, item.school, unit=changes["unit"])
    for name, value in changes.items():
        setattr(item, name, value)
    item.body_html = render_body(item.body)
    if cover:
        _store_image(item, name=cover[0], data=cover[1])
    if video:
        _store_video(item, name=video[0], data=video[1])
    item.full_clean()
    tag_names = _set_tags(item, tags) if tags is not None else old_tags
    if tasks is not None:
        item.tasks.set(list(tasks))
    _index_for_search(item, tag_names)
    changed = diff(before, snapshot(item))
    if sorted(tag_names) != old_tags:
        changed["tags"] = [old_tags, sorted(tag_names)]
    if not changed and tasks is None:
        return item
    item.version = expected_version + 1
    updated = ContentItem.objects.filter(pk=item.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if updated != 1:
        raise ConflictError("Nội dung này vừa được người khác sửa; thay đổi của bạn chưa được lưu.")
    item.save()
    audit_record(
        actor=actor, instance=item, action=AuditEntry.Action.UPDATE, changes=changed, organisation=item.school
    )
    _record_version(item, actor=actor, note="Sửa nội dung")
    _forget_public_state(old_section, item.section)
    _content_changed(item.school)
    return item


# The workflow: action → (statuses it starts from, status it leads to, permission needed).
TRANSITIONS = {
    "submit": ((S.DRAFT, S.RETURNED), S.SUBMITTED, WRITE),
    "approve": ((S.SUBMITTED,), S.APPROVED, APPROVE),
    "return": ((S.SUBMITTED, S.APPROVED), S.RETURNED, APPROVE),
    "publish": ((S.APPROVED,), S.PUBLISHED, PUBLISH),
    "archive": ((S.PUBLISHED,), S.ARCHIVED, PUBLISH),
}
TRANSITION_LABELS = {
    "submit": "Gửi duyệt",
    "approve": "Duyệt",
    "return": "Trả lại để sửa",
    "publish": "Đăng",
    "archive": "Lưu trữ",
}


def allowed_transitions(*, user, item: ContentItem) -> list[str]:
    out = []
    for action, (sources, _target, permission) in TRANSITIONS.items():
        if item.status in sources and can(user, permission, item.school, unit=item.unit):
            out.append(action)
    return out


@transaction.atomic
def item_transition(
    *,
    item: ContentItem,
    actor,
    action: str,
    expected_version: int,
    comment: str = "",
    publish_at: dt.datetime | None = None,
) -> ContentItem:
    """Move an item along draft → submitted → approved → published → archived (or back to the writer)."""
    if action not in TRANSITIONS:
        raise InvalidInput("Thao tác không hợp lệ.")
    sources, target, permission = TRANSITIONS[action]
    require(actor, permission, item.school, unit=item.unit)
    if item.status not in sources:
        raise NotAllowed(
            f"Không thể «{TRANSITION_LABELS[action].lower()}» nội dung đang ở trạng thái «{item.get_status_display()}»."
        )
    comment = (comment or "").strip()
    changes: dict = {"status": target}
    now = timezone.now()
    if action == "return":
        if not comment:
            raise InvalidInput("Hãy ghi ý kiến để người viết biết cần sửa gì.")
        changes["review_note"] = comment
    elif action == "approve":
        changes.update(approved_by=actor, approved_at=now, review_note=comment)
    elif action == "publish":
        if item.section_id is None:
            raise InvalidInput("Hãy chọn chuyên mục trước khi đăng.")
        if publish_at is not None and timezone.is_naive(publish_at):
            raise InvalidInput("Thời điểm đăng thiếu múi giờ.")
        changes["published_at"] = publish_at or now
    before = snapshot(item)
    for name, value in changes.items():
        setattr(item, name, value)
    updated = ContentItem.objects.filter(pk=item.pk, version=expected_version).update(
        **{
            ContentItem._meta.get_field(n).attname: getattr(item, ContentItem._meta.get_field(n).attname)
            for n in changes
        },
        version=F("version") + 1,
        updated_at=now,
    )
    if updated != 1:
        raise ConflictError("Nội dung này vừa được người khác thay đổi; hãy tải lại trang rồi làm lại.")
    item.version = expected_version + 1
    item.updated_at = now
    audit_record(
        actor=actor,
        instance=item,
        action=AuditEntry.Action.UPDATE,
        changes=diff(before, snapshot(item)),
        organisation=item.school,
    )
    note = TRANSITION_LABELS[action] + (f": {comment}" if comment else "")
    if action == "publish" and item.published_at > now:
        note += f" (hẹn giờ {timezone.localtime(item.published_at):%d/%m/%Y %H:%M})"
    _record_version(item, actor=actor, note=note)
    if action == "publish":
        _portal_publication(item=item, actor=actor)
    _forget_public_state(item.section)
    _content_changed(item.school)
    return item


def _portal_publication(*, item: ContentItem, actor) -> None:
    """Publishing on the section is itself a publication on the portal channel (views counted by the portal)."""
    channel = Channel.objects.filter(
        school=item.school, kind=Channel.Kind.PORTAL, section=item.section
    ).first()
    if channel is None:
        channel = Channel.objects.create(
            school=item.school,
            kind=Channel.Kind.PORTAL,
            name=f"Chuyên mục «{item.section.title}»",
            section=item.section,
            default_audience=Audience.COMMUNITY,
        )
    day = timezone.localtime(item.published_at).date()
    publication = Publication.objects.filter(item=item, channel=channel).first()
    if publication is None:
        publication = Publication.objects.create(
            item=item,
            channel=channel,
            date=day,
            audience=Audience.COMMUNITY,
            created_by=actor,
            status=Publication.Status.DONE,
        )
        audit_create(actor=actor, instance=publication, organisation=item.school)
    elif publication.date != day:
        Publication.objects.filter(pk=publication.pk).update(date=day)


# The portal's view counter: counts gather in memory and are written in one short transaction every
# VIEW_FLUSH_EVERY views or VIEW_FLUSH_SECONDS, so a page view costs no database write. A crash loses at most
# the views since the last write — acceptable for a reach figure.
VIEW_FLUSH_EVERY = int(getattr(settings, "CONTENT_VIEW_FLUSH_EVERY", 25))
VIEW_FLUSH_SECONDS = 30.0
_views: Counter = Counter()
_views_lock = threading.Lock()
_views_flushed_at = time.monotonic()


def item_count_view(*, item_id: int) -> None:
    global _views_flushed_at
    with _views_lock:
        _views[item_id] += 1
        due = _views.total() >= VIEW_FLUSH_EVERY or time.monotonic() - _views_flushed_at >= VIEW_FLUSH_SECONDS
    if due:
        views_flush()


def views_flush() -> int:
    """Write the gathered portal views to the items; returns how many views were written."""
    global _views_flushed_at
    with _views_lock:
        batch = dict(_views)
        _views.clear()
        _views_flushed_at = time.monotonic()
    with transaction.atomic():
        for item_id, count in batch.items():
            ContentItem.objects.filter(pk=item_id).update(view_count=F("view_count") + count)
    return sum(batch.values())


def _forget_public_state(*sections) -> None:
    """The public section's cached state must not outlive this change: forget it now and again after commit."""
    slugs = [s.slug for s in sections if s is not None]
    if slugs:
        section_state_forget(*slugs)
        transaction.on_commit(lambda: section_state_forget(*slugs))


@transaction.atomic
def attachment_add(*, item: ContentItem, actor, name: str, data: bytes) -> Attachment:
    check_write(user=actor, item=item)
    ext = uploads.check_upload(
        name=name,
        data=data,
        kinds=uploads.EVIDENCE,
        max_bytes=settings.UPLOAD_MAX_BYTES,
        field="Tệp đính kèm",
    )
    attachment = Attachment(item=item, name=name[:200], size=len(data))
    attachment.file.save(f"{uuid.uuid4().hex}{ext}", ContentFile(data), save=False)
    attachment.full_clean()
    attachment.save()
    # The public page lists attachments: a new updated_at gives it a new ETag.
    ContentItem.objects.filter(pk=item.pk).update(updated_at=timezone.now())
    _forget_public_state(item.section)
    audit_create(actor=actor, instance=attachment, organisation=item.school)
    return attachment


@transaction.atomic
def inline_image_add(*, item: ContentItem, actor, name: str, data: bytes) -> InlineImage:
    """A picture for the item's body (the editor's "Chèn ảnh"): the same checks as a cover image — type by
    signature, size, pixel count — then re-encoded as JPEG without metadata and at most 1600 px."""
    check_write(user=actor, item=item)
    uploads.check_upload(
        name=name, data=data, kinds=uploads.IMAGE, max_bytes=settings.UPLOAD_MAX_BYTES, field="Ảnh chèn"
    )
    picture, _thumb, (width, height) = prepare_image(data=data, name=name)
    image = InlineImage(item=item, width=width, height=height)
    image.image.save(f"{uuid.uuid4().hex}.jpg", ContentFile(picture), save=False)
    image.full_clean()
    image.save()
    audit_create(actor=actor, instance=image, organisation=item.school)
    return image


# ---------------------------------------------------------------- sections and channels


@transaction.atomic
def section_create(*, school, actor, title: str, slug: str = "", description: str = "", plan=None) -> Section:
    require(actor, PUBLISH, school)
    section = Section(
        school=school,
        title=title.strip(),
        slug=slugify_vi(slug or title)[:80],
        description=description,
        plan=plan,
    )
    section.full_clean()
    section.save()
    audit_create(actor=actor, instance=section, organisation=school)
    Channel.objects.create(
        school=school,
        kind=Channel.Kind.PORTAL,
        name=f"Chuyên mục «{section.title}»",
        section=section,
        default_audience=Audience.COMMUNITY,
    )
    return section


def section_update(*, section: Section, actor, expected_version: int, **changes) -> dict:
    """Rename, describe, hide or show a section (is_active); the public view changes at once."""
    require(actor, PUBLISH, section.school)
    unknown = set(changes) - {"title", "description", "is_active", "plan"}
    if unknown:
        raise InvalidInput(f"Không sửa được: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        changed = update_versioned(
            instance=section,
            expected_version=expected_version,
            changes=changes,
            actor=actor,
            organisation=section.school,
        )
        _forget_public_state(section)
    return changed


@transaction.atomic
def channel_create(
    *,
    school,
    actor,
    kind: str,
    name: str,
    url: str = "",
    section=None,
    school_class=None,
    default_audience: str = Audience.PARENTS,
) -> Channel:
    require(actor, WRITE, school)
    if school_class is not None and school_class.school_id != school.pk:
        raise InvalidInput("Lớp không thuộc trường này.")
    if section is not None and section.school_id != school.pk:
        raise InvalidInput("Chuyên mục không thuộc trường này.")
    channel = Channel(
        school=school,
        kind=kind,
        name=name.strip(),
        url=url,
        section=section,
        school_class=school_class,
        default_audience=default_audience,
    )
    channel.full_clean()
    channel.save()
    audit_create(actor=actor, instance=channel, organisation=school)
    return channel


@transaction.atomic
def publication_create(
    *,
    item: ContentItem,
    actor,
    channel: Channel,
    date: dt.date,
    audience: str = "",
    status: str = Publication.Status.DONE,
    school_class=None,
    reach: int = 0,
    reactions: int = 0,
    shares: int = 0,
    parents_reached: int = 0,
    note: str = "",
    external_id: str = "",
) -> Publication:
    require(actor, WRITE, item.school)
    if channel.school_id != item.school_id:
        raise InvalidInput("Kênh không thuộc trường này.")
    if school_class is not None and school_class.school_id != item.school_id:
        raise InvalidInput("Lớp không thuộc trường này.")
    if status == Publication.Status.DONE and item.status not in (S.APPROVED, S.PUBLISHED, S.ARCHIVED):
        raise NotAllowed("Chỉ ghi nhận đăng tải cho nội dung đã được duyệt.")
    publication = Publication(
        item=item,
        channel=channel,
        date=date,
        audience=audience or channel.default_audience,
        status=status,
        school_class=school_class or channel.school_class,
        reach=reach,
        reactions=reactions,
        shares=shares,
        parents_reached=parents_reached,
        note=note,
        external_id=external_id,
        created_by=actor,
    )
    publication.full_clean()
    publication.save()
    audit_create(actor=actor, instance=publication, organisation=item.school)
    _content_changed(item.school)
    return publication


# ---------------------------------------------------------------- fanpage insights import

# Column names as Meta Business Suite exports them (English or Vietnamese interface) → our field.
CSV_COLUMNS = {
    "post id": "external_id",
    "mã bài viết": "external_id",
    "id bài viết": "external_id",
    "permalink": "permalink",
    "liên kết vĩnh viễn": "permalink",
    "liên kết": "permalink",
    "title": "title",
    "tiêu đề": "title",
    "description": "title",
    "mô tả": "title",
    "publish time": "date",
    "thời gian đăng": "date",
    "ngày đăng": "date",
    "reach": "reach",
    "lượt tiếp cận": "reach",
    "số người tiếp cận": "reach",
    "reactions": "reactions",
    "cảm xúc": "reactions",
    "lượt bày tỏ cảm xúc": "reactions",
    "reactions, comments and shares": "reactions",
    "lượt tương tác": "reactions",
    "shares": "shares",
    "lượt chia sẻ": "shares",
}
DATE_FORMATS = ("%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%m/%d/%Y")


def _parse_csv_date(text: str) -> dt.date | None:
    text = text.strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date, no time zone needed)
        except ValueError:
            continue
    return None


def _parse_count(text: str) -> int | None:
    text = (text or "").strip().replace(".", "").replace(",", "").replace(" ", "")
    if text == "":
        return 0
    return int(text) if text.isdigit() else None


@transaction.atomic
def fanpage_insights_import(*, channel: Channel, actor, name: str, data: bytes) -> list[Publication]:
    """Import a fanpage insights CSV: every row must match a published item, or nothing is written.

    A row matches an item when its link or text contains the item's portal address (slug), or its title equals the
    item's title (accents and case ignored). A row already imported (same post id) updates that publication.
    """
    require(actor, WRITE, channel.school)
    if channel.kind != Channel.Kind.FANPAGE:
        raise InvalidInput("Chỉ nhập số liệu CSV cho kênh fanpage.")
    uploads.check_upload(
        name=name, data=data, kinds=uploads.CSV, max_bytes=settings.UPLOAD_MAX_BYTES, field="CSV"
    )
    text, _encoding = decode_text(data)  # UTF-8 or Vietnamese Excel's Windows-1258 (checked by check_upload)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = list(reader)
    if not rows:
        raise InvalidInput("Tệp CSV rỗng.")
    header = [CSV_COLUMNS.get(h.strip().lower(), "") for h in rows[0]]
    missing = [
        label
        for key, label in (("date", "Thời gian đăng / Publish time"), ("reach", "Lượt tiếp cận / Reach"))
        if key not in header
    ]
    if "title" not in header and "permalink" not in header:
        missing.append("Tiêu đề / Title hoặc Liên kết / Permalink")
    if missing:
        raise InvalidInput("Tệp CSV thiếu cột: " + "; ".join(missing) + ".")
    items = list(
        ContentItem.objects.filter(school=channel.school, status__in=[S.PUBLISHED, S.ARCHIVED]).only(
            "id", "slug", "title", "school_id", "status"
        )
    )
    by_title = {fold(i.title): i for i in items}
    known = {
        p.external_id: p
        for p in Publication.objects.filter(channel=channel).exclude(external_id="").select_related("item")
    }
    errors, parsed = [], []
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {}
        for key, cell in zip(header, row, strict=False):
            if key and key not in values:
                values[key] = cell.strip()
        date = _parse_csv_date(values.get("date", ""))
        if date is None:
            errors.append(
                f"Dòng {line_no}: không đọc được ngày đăng «{values.get('date', '')}» (dạng dd/mm/yyyy)."
            )
        counts = {}
        for key in ("reach", "reactions", "shares"):
            value = _parse_count(values.get(key, ""))
            if value is None:
                errors.append(f"Dòng {line_no}: «{values.get(key)}» không phải là số (cột {key}).")
            counts[key] = value or 0
        haystack = (values.get("permalink", "") + " " + values.get("title", "")).lower()
        item = next(
            (i for i in items if f"/{i.slug}/" in haystack or haystack.rstrip("/").endswith(i.slug)), None
        )
        if item is None:
            item = by_title.get(fold(values.get("title", "")))
        if item is None and values.get("external_id") in known:
            item = known[values["external_id"]].item
        if item is None:
            errors.append(
                f"Dòng {line_no}: không tìm thấy bài đã đăng tương ứng với «{values.get('title') or values.get('permalink')}»."
            )
        parsed.append((item, date, counts, values.get("external_id", "")))
    if errors:
        raise InvalidInput("Chưa nhập gì vì tệp có lỗi; hãy sửa rồi tải lên lại.", errors=errors)
    if not parsed:
        raise InvalidInput("Tệp CSV không có dòng số liệu nào.")
    out = []
    for item, date, counts, external_id in parsed:
        existing = (
            Publication.objects.filter(channel=channel, external_id=external_id).first()
            if external_id
            else None
        )
        if existing is not None:
            before = snapshot(existing)
            for key, value in counts.items():
                setattr(existing, key, value)
            existing.date = date
            existing.save()
            audit_record(
                actor=actor,
                instance=existing,
                action=AuditEntry.Action.IMPORT,
                changes=diff(before, snapshot(existing)),
                organisation=channel.school,
            )
            out.append(existing)
        else:
            publication = Publication.objects.create(
                item=item,
                channel=channel,
                date=date,
                audience=channel.default_audience,
                external_id=external_id,
                created_by=actor,
                note="Nhập từ CSV fanpage",
                **counts,
            )
            audit_record(
                actor=actor,
                instance=publication,
                action=AuditEntry.Action.IMPORT,
                changes={k: [None, v] for k, v in counts.items()},
                organisation=channel.school,
            )
            out.append(publication)
    _content_changed(channel.school)
    return out
