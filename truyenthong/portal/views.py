"""The public section (chuyên mục): list, detail, tags, search, feeds, sitemap and the embeddable widget.

No login and no personal data: every page is rendered as for an anonymous visitor (so a shared cache can keep it),
every item comes through content.selectors.published_items, and responses carry Cache-Control with ETag and
Last-Modified so browsers and proxies revalidate cheaply.

Speed: the section's state (content.selectors.section_state) lives in the cache and its fingerprint is part of
every validator and of the key of every rendered page, so the list, a detail page, the feeds and the widget are
served from the cache without touching the database until something in the section changes.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import condition, require_safe

from truyenthong.content.models import ContentItem, Section, Tag
from truyenthong.content.richtext import plain_text
from truyenthong.content.search import ranked_ids
from truyenthong.content.selectors import (
    SectionState,
    public_section,
    public_sections,
    published_items as _published_items,
    section_state,
)
from truyenthong.content.services import item_count_view
from truyenthong.core.personal_data import public_gate
from truyenthong.lib.jsvalue import js_value
from truyenthong.portal.sitemaps import SITEMAPS

PAGE_SIZE = 12
RENDER_CACHE_SECONDS = 600
LIST_FIELDS = ("id", "title", "slug", "summary", "kind", "published_at", "cover_thumb", "section_id")
MAX_AGE = 60
TEMPLATE_VERSION = "2"
CSP = (
    "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; "
    "frame-src https://www.youtube-nocookie.com https://www.facebook.com; media-src 'self'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'"
)
# Anonymous context: the page is the same for everybody, so no name or session ever ends up in a shared cache.
ANONYMOUS = {
    "user": AnonymousUser(),
    "nav_schools": [],
    "nav_is_admin": False,
    "messages": [],
    "school": None,
}


def published_items(section, **kwargs):
    """What the public may see: published items of the section, minus any showing a person without consent
    (the gate the privacy app subscribes to)."""
    return public_gate(_published_items(section, **kwargs))


# ---------------------------------------------------------------- caching helpers


def _memo(request) -> dict:
    return request.__dict__.setdefault("_portal", {})


def _state(request, slug) -> SectionState:
    memo = _memo(request)
    if ("state", slug) not in memo:
        state = section_state(slug)
        if state is None:
            raise Http404("Không có chuyên mục này.")
        memo[("state", slug)] = state
    return memo[("state", slug)]


def _section(request, slug) -> Section:
    memo = _memo(request)
    if ("section", slug) not in memo:
        memo[("section", slug)] = public_section(slug)
    return memo[("section", slug)]


def _etag(*parts) -> str:
    text = "|".join(str(p) for p in (TEMPLATE_VERSION, *parts))
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def _section_modified(request, slug, *args, **kwargs):
    return _state(request, slug).last_modified


def _section_etag(request, slug, *args, **kwargs):
    return _etag(_state(request, slug).fingerprint)


def _item_etag(request, slug, item_slug):
    return _etag(_state(request, slug).fingerprint, item_slug)


def _rendered(request, etag: str, build) -> tuple[HttpResponse, object]:
    """(response, extra) from the cache when this URL was rendered for this exact state, else from build().

    build() returns (response, extra). The key holds the state's fingerprint, so publishing, editing or archiving
    anything in the section, or a scheduled item's time coming, makes a new key: nothing stale is ever served.
    """
    key = "portal:page:" + _etag(request.get_host(), request.get_full_path(), etag)
    hit = cache.get(key)
    if hit is not None:
        content, content_type, extra = hit
        return HttpResponse(content, content_type=content_type), extra
    response, extra = build()
    if response.status_code == 200:
        cache.set(key, (response.content, response["Content-Type"], extra), RENDER_CACHE_SECONDS)
    return response, extra


def _public(response: HttpResponse, *, max_age: int = MAX_AGE, csp: str = CSP) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={max_age}"
    if csp:
        response.setdefault("Content-Security-Policy", csp)
    return response


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _list_context(section, **extra) -> dict:
    return {
        **ANONYMOUS,
        "section": section,
        "feed_url": reverse("portal:feed-rss", args=[section.slug]),
        **extra,
    }


# ---------------------------------------------------------------- pages


@require_safe
def section_index(request):
    sections = list(public_sections())
    return _public(render(request, "portal/index.html", {**ANONYMOUS, "sections": sections}))


@require_safe
@condition(etag_func=_section_etag, last_modified_func=_section_modified)
def section_list(request, slug):
    def build():
        section = _section(request, slug)
        page = _page(request, published_items(section).only(*LIST_FIELDS))
        return render(
            request, "portal/section.html", _list_context(section, page=page, heading=section.title)
        ), None

    return _public(_rendered(request, _section_etag(request, slug), build)[0])


@require_safe
@condition(etag_func=_section_etag, last_modified_func=_section_modified)
def tag_list(request, slug, tag_slug):
    def build():
        section = _section(request, slug)
        tag = get_object_or_404(Tag, school=section.school, slug=tag_slug)
        page = _page(request, published_items(section).filter(tags=tag).only(*LIST_FIELDS))
        context = _list_context(section, page=page, tag=tag, heading=f"Thẻ «{tag.name}»")
        return render(request, "portal/section.html", context), None

    return _public(_rendered(request, _section_etag(request, slug), build)[0])


@require_safe
@condition(etag_func=_section_etag, last_modified_func=_section_modified)
def search(request, slug):
    """Not cached: every query runs (on 5,000 items it stays well under 100 ms, see bench/bench_portal.py)."""
    section = _section(request, slug)
    query = (request.GET.get("q") or "").strip()[:100]
    ids = ranked_ids(published_items(section), query) if query else []
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("trang"))
    by_id = ContentItem.objects.only(*LIST_FIELDS).in_bulk(list(page.object_list))
    page.object_list = [by_id[i] for i in page.object_list if i in by_id]
    heading = f"Tìm kiếm «{query}»" if query else "Tìm kiếm"
    context = _list_context(section, page=page, query=query, heading=heading)
    return _public(render(request, "portal/section.html", context))


def _share_links(request, url: str) -> dict:
    return {
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        # The address Zalo's own share button opens: no Zalo script on our page.
        "zalo": "https://button-share.zalo.me/share_external?"
        + urlencode(
            {
                "layout": 1,
                "color": "blue",
                "customize": "false",
                "width": 20,
                "height": 20,
                "isDesktop": "true",
                "url": url,
                "domain": request.get_host(),
            }
        ),
    }


@require_safe
@condition(etag_func=_item_etag, last_modified_func=_section_modified)
def item_detail(request, slug, item_slug):
    state = _state(request, slug)

    def build():
        # school + slug is the unique index: one lookup whatever the section's size; the gate is published_items.
        item = get_object_or_404(
            published_items(state.section_id).select_related("section__school"),
            school_id=state.school_id,
            slug=item_slug,
        )
        section = item.section
        url = _absolute(request, reverse("portal:item-detail", args=[slug, item_slug]))
        context = {
            **ANONYMOUS,
            "section": section,
            "item": item,
            "canonical": url,
            "og_image": _absolute(request, item.cover_image.url) if item.cover_image else "",
            "share": _share_links(request, url),
            "tags": list(item.tags.all()),
            "attachments": list(item.attachments.all()),
            "feed_url": reverse("portal:feed-rss", args=[slug]),
        }
        return render(request, "portal/detail.html", context), item.pk

    response, item_id = _rendered(request, _item_etag(request, slug, item_slug), build)
    if request.method == "GET" and response.status_code == 200:
        item_count_view(item_id=item_id)
    return _public(response)


# ---------------------------------------------------------------- feeds


class SectionRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, slug):
        return public_section(slug)

    def title(self, obj):
        return f"{obj.title} — {obj.school.name}"

    def link(self, obj):
        return reverse("portal:section", args=[obj.slug])

    def description(self, obj):
        return obj.description or f"Chuyên mục «{obj.title}» của {obj.school.name}."

    def feed_url(self, obj):
        return reverse("portal:feed-rss", args=[obj.slug])

    def author_name(self, obj):
        return obj.school.name

    def items(self, obj):
        return published_items(obj).select_related("section").prefetch_related("tags")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or plain_text(item.body)[:600]

    def item_link(self, item):
        return reverse("portal:item-detail", args=[item.section.slug, item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [t.name for t in item.tags.all()]

    def item_guid(self, item):
        return f"truyenthong-item-{item.pk}"

    item_guid_is_permalink = False


class SectionAtomFeed(SectionRssFeed):
    feed_type = Atom1Feed

    def feed_url(self, obj):
        return reverse("portal:feed-atom", args=[obj.slug])

    def subtitle(self, obj):
        return self.description(obj)

    def item_guid(self, item):
        return f"tag:truyenthong,2026:item-{item.pk}"


def _cached_feed(feed):
    @require_safe
    @condition(etag_func=_section_etag, last_modified_func=_section_modified)
    def view(request, slug):
        response, _ = _rendered(
            request, _section_etag(request, slug), lambda: (feed(request, slug=slug), None)
        )
        return _public(response, csp="")

    return view


feed_rss = _cached_feed(SectionRssFeed())
feed_atom = _cached_feed(SectionAtomFeed())


# ---------------------------------------------------------------- sitemap


@require_safe
def sitemap(request):
    """/sitemap.xml: every public section and every item the public may see, with its last change."""
    response = sitemap_view(request, sitemaps=SITEMAPS)
    response.render()
    return _public(response, max_age=600, csp="")


# ---------------------------------------------------------------- widget


@require_safe
def widget_js(request, slug):
    """A small script for the school's own website: it puts an iframe of the latest items after itself."""
    state = _state(request, slug)

    def build():
        section = _section(request, slug)
        frame = _absolute(request, reverse("portal:widget-frame", args=[section.slug]))
        # Every value reaches the script as a JSON literal, never spliced into a comment or a string by hand.
        context = {"config": js_value({"frame": frame, "title": section.title})}
        return render(
            request, "portal/widget.js", context, content_type="text/javascript; charset=utf-8"
        ), None

    response, _ = _rendered(request, _etag(state.fingerprint), build)
    response["Access-Control-Allow-Origin"] = "*"
    return _public(response, max_age=3600, csp="")


@xframe_options_exempt
@require_safe
@condition(etag_func=_section_etag, last_modified_func=_section_modified)
def widget_frame(request, slug):
    """The iframe the widget shows: the only public page that other sites may frame."""

    def build():
        section = _section(request, slug)
        raw = request.GET.get("so-bai", "5")
        count = min(max(int(raw), 1), 10) if raw.isdigit() else 5
        items = list(published_items(section).only(*LIST_FIELDS)[:count])
        return render(request, "portal/widget_frame.html", {"section": section, "items": items}), None

    response, _ = _rendered(request, _section_etag(request, slug), build)
    return _public(response, csp=CSP.replace("form-action 'self'", "form-action 'self'; frame-ancestors *"))
