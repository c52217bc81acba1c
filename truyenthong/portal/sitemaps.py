"""/sitemap.xml with django.contrib.sitemaps: every public section, and every item the public may see with its last
change (the library handles the XML, escaping and the 50,000-URL pagination)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from truyenthong.content.selectors import public_sections


class SectionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return list(public_sections())

    def location(self, section):
        return reverse("portal:section", args=[section.slug])


class ItemSitemap(Sitemap):
    def items(self):
        # portal.views' published_items: the public gate included (people shown without consent stay private).
        from truyenthong.portal.views import published_items  # portal.views imports this module

        now = timezone.now()
        rows = []
        for section in public_sections():
            for item in published_items(section, now=now).only("slug", "updated_at", "published_at"):
                rows.append((section.slug, item))
        return rows

    def location(self, row):
        section_slug, item = row
        return reverse("portal:item-detail", args=[section_slug, item.slug])

    def lastmod(self, row):
        _slug, item = row
        return max(item.updated_at, item.published_at)


SITEMAPS = {"chuyen-muc": SectionSitemap, "bai-viet": ItemSitemap}
