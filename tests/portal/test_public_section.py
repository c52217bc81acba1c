"""The public section: list, detail, tags, search, feeds, sitemap, widget, cache headers — and nothing leaks."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.access import assert_not_found, assert_page
from truyenthong.content import services
from truyenthong.content.models import ContentItem

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def items(world, make_item, future):
    return {
        "published": make_item(title="Giáo dục và đào tạo là quốc sách hàng đầu", tags=["Nghị quyết 71"]),
        "draft": make_item(title="Bản nháp bí mật về học phí", status="draft"),
        "submitted": make_item(title="Bài chờ duyệt bí mật", status="submitted"),
        "approved": make_item(title="Bài đã duyệt chưa đăng bí mật", status="approved"),
        "scheduled": make_item(title="Bài hẹn giờ bí mật", publish_at=future),
        "archived": make_item(title="Bài đã lưu trữ bí mật", status="archived"),
    }


SECRETS = [
    "Bản nháp bí mật",
    "Bài chờ duyệt bí mật",
    "Bài đã duyệt chưa đăng",
    "Bài hẹn giờ bí mật",
    "Bài đã lưu trữ bí mật",
]


def _public_surfaces(client, section):
    s = section.slug
    return {
        "list": client.get(f"/chuyen-muc/{s}/"),
        "search": client.get(f"/chuyen-muc/{s}/tim-kiem/", {"q": "bi mat"}),
        "search-accented": client.get(f"/chuyen-muc/{s}/tim-kiem/", {"q": "bí mật"}),
        "tag": client.get(f"/chuyen-muc/{s}/the/nghi-quyet-71/"),
        "rss": client.get(f"/chuyen-muc/{s}/rss.xml"),
        "atom": client.get(f"/chuyen-muc/{s}/atom.xml"),
        "sitemap": client.get("/sitemap.xml"),
        "widget": client.get(f"/chuyen-muc/{s}/nhung/", {"so-bai": "10"}),
        "index": client.get("/chuyen-muc/"),
    }


def test_nothing_unpublished_scheduled_or_archived_leaks_through_any_public_surface(client, section, items):
    for name, response in _public_surfaces(client, section).items():
        assert response.status_code == 200, name
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, (name, secret)
        for key in ("draft", "submitted", "approved", "scheduled", "archived"):
            assert f"/{items[key].slug}/" not in text, (name, key)
    for key in ("draft", "submitted", "approved", "scheduled", "archived"):
        assert client.get(f"/chuyen-muc/{section.slug}/{items[key].slug}/").status_code == 404, key


def test_the_published_item_shows_everywhere(client, section, items):
    surfaces = _public_surfaces(client, section)
    for name in ("list", "tag", "rss", "atom", "sitemap", "widget"):
        assert items["published"].slug in surfaces[name].content.decode(), name


def test_a_scheduled_item_appears_once_its_time_has_come_without_any_job(client, section, items, monkeypatch):
    later = timezone.now() + dt.timedelta(days=4)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(f"/chuyen-muc/{section.slug}/{items['scheduled'].slug}/").status_code == 200
    assert "Bài hẹn giờ bí mật" in client.get(f"/chuyen-muc/{section.slug}/").content.decode()


def test_a_section_hidden_by_leadership_disappears_at_once(client, world, section, items):
    assert client.get(f"/chuyen-muc/{section.slug}/").status_code == 200  # its state is now in the cache
    services.section_update(
        section=section, actor=world.users["principal"], expected_version=section.version, is_active=False
    )
    assert client.get(f"/chuyen-muc/{section.slug}/").status_code == 404
    assert client.get(f"/chuyen-muc/{section.slug}/rss.xml").status_code == 404
    assert client.get(f"/chuyen-muc/{section.slug}/{items['published'].slug}/").status_code == 404
    assert client.get(f"/chuyen-muc/{section.slug}/widget.js").status_code == 404
    assert items["published"].slug not in client.get("/sitemap.xml").content.decode()


def test_an_archived_item_disappears_at_once_even_after_being_served_from_the_cache(
    client, world, section, items
):
    item = items["published"]
    url = f"/chuyen-muc/{section.slug}/{item.slug}/"
    for _ in range(2):
        assert client.get(url).status_code == 200
        assert item.title in client.get(f"/chuyen-muc/{section.slug}/").content.decode()
    services.item_transition(
        item=item, actor=world.users["principal"], action="archive", expected_version=item.version
    )
    assert client.get(url).status_code == 404
    assert item.title not in client.get(f"/chuyen-muc/{section.slug}/").content.decode()
    assert item.title not in client.get(f"/chuyen-muc/{section.slug}/rss.xml").content.decode()


def test_search_matches_with_or_without_diacritics(client, section, make_item):
    make_item(title="Đổi mới giáo dục phổ thông")
    for query in ("giao duc", "giáo dục", "GIÁO DỤC", "Giao Duc", "doi moi"):
        response = client.get(f"/chuyen-muc/{section.slug}/tim-kiem/", {"q": query})
        assert "Đổi mới giáo dục phổ thông" in response.content.decode(), query
    miss = client.get(f"/chuyen-muc/{section.slug}/tim-kiem/", {"q": "bong da"})
    assert "0 kết quả" in miss.content.decode()


def test_search_ranks_title_hits_above_body_hits(client, section, make_item):
    body_hit = make_item(title="Tin hoạt động tháng mười", body="<p>Bàn về chuyển đổi số trong dạy học.</p>")
    title_hit = make_item(title="Chuyển đổi số trong nhà trường", body="<p>Nội dung khác.</p>")
    # The body hit is the newer one, so only the ranking can put the title hit first.
    ContentItem.objects.filter(pk=body_hit.pk).update(published_at=timezone.now())
    ContentItem.objects.filter(pk=title_hit.pk).update(published_at=timezone.now() - dt.timedelta(days=5))
    html = client.get(f"/chuyen-muc/{section.slug}/tim-kiem/", {"q": "chuyen doi so"}).content.decode()
    assert html.index("Chuyển đổi số trong nhà trường") < html.index("Tin hoạt động tháng mười")


def test_the_list_paginates(client, section, make_item):
    for n in range(14):
        make_item(title=f"Bản tin số {n + 1}")
    first = client.get(f"/chuyen-muc/{section.slug}/").content.decode()
    second = client.get(f"/chuyen-muc/{section.slug}/", {"trang": 2}).content.decode()
    assert "Trang 1/2" in first and "Trang 2/2" in second
    assert first.count('class="item-card"') == 12 and second.count('class="item-card"') == 2


def test_the_rss_feed_is_valid_rss_2(client, section, items):
    response = client.get(f"/chuyen-muc/{section.slug}/rss.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.find(required) is not None and channel.find(required).text
    entries = channel.findall("item")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find("title").text == items["published"].title
    assert entry.find("link").text.startswith("http://testserver/chuyen-muc/")
    assert entry.find("pubDate").text
    assert entry.find("guid").text
    assert [c.text for c in entry.findall("category")] == ["Nghị quyết 71"]


def test_the_atom_feed_is_valid_atom(client, section, items):
    response = client.get(f"/chuyen-muc/{section.slug}/atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    for required in ("id", "title", "updated", "link"):
        assert entries[0].find(f"{ATOM}{required}") is not None, required
    assert entries[0].find(f"{ATOM}link").get("href").endswith(f"/{items['published'].slug}/")


def test_the_detail_page_has_open_graph_and_twitter_tags_and_share_links(client, world, section, png):
    item = services.item_create(
        school=world.school,
        actor=world.users["comms"],
        title="Ngày hội chuyển đổi số",
        summary="Học sinh trải nghiệm học liệu số.",
        section=section,
        cover=("bia.png", png()),
    )
    for action in ("submit", "approve", "publish"):
        actor = world.users["comms"] if action == "submit" else world.users["principal"]
        item = services.item_transition(item=item, actor=actor, action=action, expected_version=item.version)
    html = client.get(f"/chuyen-muc/{section.slug}/{item.slug}/").content.decode()
    assert '<meta property="og:title" content="Ngày hội chuyển đổi số">' in html
    assert '<meta property="og:description" content="Học sinh trải nghiệm học liệu số.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert (
        f'<meta property="og:url" content="http://testserver/chuyen-muc/{section.slug}/{item.slug}/">' in html
    )
    assert '<meta property="og:image" content="http://testserver/media/content/cover/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fchuyen-muc%2F" in html
    assert "https://button-share.zalo.me/share_external?" in html
    assert "<script" not in html.split("</head>")[1]  # no third-party (or any) script in the page body


def test_public_pages_are_cacheable_and_answer_conditional_requests(client, section, items):
    url = f"/chuyen-muc/{section.slug}/"
    response = client.get(url)
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"] and response["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    detail = client.get(f"/chuyen-muc/{section.slug}/{items['published'].slug}/")
    assert detail["Cache-Control"] == "public, max-age=60"
    assert (
        client.get(detail.request["PATH_INFO"], HTTP_IF_MODIFIED_SINCE=detail["Last-Modified"]).status_code
        == 304
    )
    feed = client.get(f"/chuyen-muc/{section.slug}/rss.xml")
    assert feed["Cache-Control"] == "public, max-age=60" and feed["ETag"]


def test_publishing_changes_the_etag_so_caches_see_the_new_item(client, section, items, make_item):
    url = f"/chuyen-muc/{section.slug}/"
    etag = client.get(url)["ETag"]
    make_item(title="Bài mới nhất")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert_page(response, section.title, "Bài mới nhất")
    assert response["ETag"] != etag


def test_archiving_changes_the_etag_too(client, world, section, items):
    url = f"/chuyen-muc/{section.slug}/"
    etag = client.get(url)["ETag"]
    item = items["published"]
    services.item_transition(
        item=item, actor=world.users["principal"], action="archive", expected_version=item.version
    )
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and item.title not in response.content.decode()


def test_detail_views_are_counted_but_not_revalidations(client, section, items):
    url = f"/chuyen-muc/{section.slug}/{items['published'].slug}/"
    first = client.get(url)
    client.get(url)
    client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    client.head(url)
    services.views_flush()
    assert ContentItem.objects.get(pk=items["published"].pk).view_count == 2


def test_public_pages_show_no_staff_name_even_to_a_logged_in_user(client_for, world, section, items):
    html = client_for(world.users["comms"]).get(f"/chuyen-muc/{section.slug}/").content.decode()
    assert "Đăng nhập" in html and "Đăng xuất" not in html


def test_the_widget_script_inserts_an_iframe_of_the_frameable_page(client, section, items):
    js = client.get(f"/chuyen-muc/{section.slug}/widget.js")
    assert js["Content-Type"].startswith("text/javascript")
    body = js.content.decode()
    assert 'createElement("iframe")' in body
    assert f"http://testserver/chuyen-muc/{section.slug}/nhung/" in body.replace("\\u002D", "-")
    frame = client.get(f"/chuyen-muc/{section.slug}/nhung/")
    assert "X-Frame-Options" not in frame
    assert "frame-ancestors *" in frame["Content-Security-Policy"]
    assert items["published"].title in frame.content.decode()
    assert client.get(f"/chuyen-muc/{section.slug}/")["X-Frame-Options"] == "DENY"


def test_the_sitemap_lists_the_section_and_its_items(client, section, items):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [u.find(f"{ns}loc").text for u in root.findall(f"{ns}url")]
    assert f"http://testserver/chuyen-muc/{section.slug}/" in locs
    assert f"http://testserver/chuyen-muc/{section.slug}/{items['published'].slug}/" in locs
    assert len(locs) == 2


def test_an_unknown_section_is_404(db, client):
    assert_not_found(client.get("/chuyen-muc/khong-co/"))
