"""The public section (chuyên mục): list, detail, tags, search, feeds, sitemap and the embeddable widget.

No login and no personal data: every page is rendered as for an anonymous visitor (so a shared cache can keep it),
every item comes through content.selectors.published_items, and responses carry Cache-Control with ETag and
Last-Modified so browsers and proxies revalidate cheaply.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode
from xml.sax.saxutils import escape

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import http_date
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import condition, require_safe

from truyenthong.content.models import ContentItem, Tag
from truyenthong.content.richtext import plain_text
from truyenthong.content.search import rank_search
from truyenthong.content.selectors import (
    public_section,
    public_sections,
    published_items,
    section_state,
)
from truyenthong.content.services import item_count_view

PAGE_SIZE = 12
MAX_AGE = 60
TEMPLATE_VERSION = "1"
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


# ---------------------------------------------------------------- caching helpers


def _section(request, slug):
    cache = request.__dict__.setdefault("_portal", {})
    if ("section", slug) not in cache:
        cache[("section", slug)] = public_section(slug)
    return cache[("section", slug)]


def _section_state(request, slug):
    cache = request.__dict__.setdefault("_portal", {})
    if ("state", slug) not in cache:
        cache[("state", slug)] = section_state(_section(request, slug))
    return cache[("state", slug)]


def _section_modified(request, slug, *args, **kwargs):
    return _section_state(request, slug)[0]


def _etag(*parts) -> str:
    return hashlib.blake2b(
        "|".join(str(p) for p in (TEMPLATE_VERSION, *parts)).encode(), digest_size=10
    ).hexdigest()


def _section_etag(request, slug, *args, **kwargs):
    return _etag(slug, _section_state(request, slug)[1])


def _item(request, slug, item_slug):
    cache = request.__dict__.setdefault("_portal", {})
    if ("item", slug, item_slug) not in cache:
        section = _section(request, slug)
        cache[("item", slug, item_slug)] = get_object_or_404(
            published_items(section).select_related("school"), slug=item_slug
        )
    return cache[("item", slug, item_slug)]


def _item_modified(request, slug, item_slug):
    item = _item(request, slug, item_slug)
    return max(item.updated_at, item.published_at).replace(microsecond=0)


def _item_etag(request, slug, item_slug):
    return _etag(slug, item_slug, _item_modified(request, slug, item_slug).isoformat())


def _public(response: HttpResponse, *, max_age: int = MAX_AGE, csp: str = CSP) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={max_age}"
    if csp:
        response.setdefault("Content-Security-Policy", csp)
    return response


def _page(request, qs):
    paginator = Paginator(qs, PAGE_SIZE)
    return paginator.get_page(request.GET.get("trang"))


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


# ---------------------------------------------------------------- pages


@require_safe
def section_index(request):
    sections = list(public_sections())
    response = render(request, "portal/index.html", {**ANONYMOUS, "sections": sections})
    return _public(response)


@require_safe
@condition(etag_func=_section_etag, last_modified_func=_section_modified)
def section_list(request, slug):
    section = _section(request, slug)
    page = _page(
        request,
        published_items(section)
        .select_related(None)
        .only("id", "title", "slug", "summary", "kind", "published_at", "cover_thumb", "section_id"),
    )
    context = {
        **ANONYMOUS,
        "section": section,
        "page": page,
        "heading": section.title,
        "feed_url": reverse("portal:feed-rss", args=[slug]),
    }
    return _public(render(request, "portal/section.html", context))


@require_safe
@condition(etag_func=_section_etag, last_modified_func=_section_modified)
def tag_list(request, slug, tag_slug):
    section = _section(request, slug)
    tag = get_object_or_404(Tag, school=section.school, slug=tag_slug)
    page = _page(request, published_items(section).filter(tags=tag))
    context = {
        **ANONYMOUS,
        "section": section,
        "page": page,
        "tag": tag,
        "heading": f"Thẻ «{tag.name}»",
        "feed_url": reverse("portal:feed-rss", args=[slug]),
    }
    return _public(render(request, "portal/section.html", context))


@require_safe
@condition(etag_func=_section_etag, last_modified_func=_section_modified)
def search(request, slug):
    section = _section(request, slug)
    query = (request.GET.get("q") or "").strip()[:100]
    results = rank_search(published_items(section), query) if query else ContentItem.objects.none()
    page = _page(
        request, results.only("id", "title", "slug", "summary", "kind", "published_at", "cover_thumb")
    )
    context = {
        **ANONYMOUS,
        "section": section,
        "page": page,
        "query": query,
        "heading": f"Tìm kiếm «{query}»" if query else "Tìm kiếm",
        "feed_url": reverse("portal:feed-rss", args=[slug]),
    }
    return _public(render(request, "portal/section.html", context))


@require_safe
@condition(etag_func=_item_etag, last_modified_func=_item_modified)
def item_detail(request, slug, item_slug):
    section = _section(request, slug)
    item = _item(request, slug, item_slug)
    url = _absolute(request, reverse("portal:item-detail", args=[slug, item_slug]))
    image = _absolute(request, item.cover_image.url) if item.cover_image else ""
    share = {
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
    context = {
        **ANONYMOUS,
        "section": section,
        "item": item,
        "canonical": url,
        "og_image": image,
        "share": share,
        "tags": list(item.tags.all()),
        "attachments": list(item.attachments.all()),
        "feed_url": reverse("portal:feed-rss", args=[slug]),
    }
    response = _public(render(request, "portal/detail.html", context))
    if request.method == "GET":
        item_count_view(item_id=item.pk)
    return response


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
        return _public(feed(request, slug=slug), csp="")

    return view


feed_rss = _cached_feed(SectionRssFeed())
feed_atom = _cached_feed(SectionAtomFeed())


# ---------------------------------------------------------------- sitemap


@require_safe
def sitemap(request):
    """/sitemap.xml: every public section and every item the public may see, with its last change."""
    base = request.build_absolute_uri("/").rstrip("/")
    now = timezone.now()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for section in public_sections():
        lines.append(
            f"<url><loc>{escape(base + reverse('portal:section', args=[section.slug]))}</loc>"
            "<changefreq>daily</changefreq></url>"
        )
        rows = published_items(section, now=now).values_list("slug", "updated_at", "published_at")[:45000]
        for item_slug, updated_at, published_at in rows.iterator(chunk_size=2000):
            loc = base + reverse("portal:item-detail", args=[section.slug, item_slug])
            lastmod = max(updated_at, published_at).date().isoformat()
            lines.append(f"<url><loc>{escape(loc)}</loc><lastmod>{lastmod}</lastmod></url>")
    lines.append("</urlset>")
    response = HttpResponse("\n".join(lines), content_type="application/xml; charset=utf-8")
    return _public(response, max_age=600, csp="")


# ---------------------------------------------------------------- widget


@require_safe
def widget_js(request, slug):
    """A small script for the school's own website: it puts an iframe of the latest items after itself."""
    section = _section(request, slug)
    frame = _absolute(request, reverse("portal:widget-frame", args=[section.slug]))
    response = render(
        request,
        "portal/widget.js",
        {"frame_url": frame, "title": section.title},
        content_type="text/javascript; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Last-Modified"] = http_date(section.updated_at.timestamp())
    return _public(response, max_age=3600, csp="")


@xframe_options_exempt
@require_safe
@condition(etag_func=_section_etag, last_modified_func=_section_modified)
def widget_frame(request, slug):
    """The iframe the widget shows: the only public page that other sites may frame."""
    section = _section(request, slug)
    raw = request.GET.get("so-bai", "5")
    count = min(max(int(raw), 1), 10) if raw.isdigit() else 5
    items = list(published_items(section).only("id", "title", "slug", "published_at", "section_id")[:count])
    response = render(request, "portal/widget_frame.html", {"section": section, "items": items})
    return _public(response, csp=CSP.replace("form-action 'self'", "form-action 'self'; frame-ancestors *"))
