"""The admin (/quan-tri/) speaks Vietnamese: no English label on its index, app pages, list pages and add forms."""

import contextlib
import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

# English the admin showed before (Django 6.1's Vietnamese catalogue has gaps; other packages have none).
ENGLISH = [
    "Model name",
    "MODEL NAME",
    "Toggle theme",
    "Access attempts",
    "Access failures",
    "Access logs",
    "Add link",
    "Change or view list link",
    "Skip to main content",
    "Show counts",
    "Hide counts",
    "TOTP devices",
    "Task Results",
    "Tasks Database Backend",
    "Otp_Totp",
    "Django_Rq",
    "Breadcrumbs",
    "Search ",
    "Filter by",
    "Pagination",
    "Sidebar",
]


def _visible_text(html: str) -> str:
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    # Text a screen reader reads counts too: keep aria-label and title values.
    labels = " ".join(re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + labels


def _admin_pages():
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:app_list", args=[info[0]]))
        for view in ("changelist", "add"):
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse(f"admin:{info[0]}_{info[1]}_{view}"))
    return list(dict.fromkeys(urls))


@pytest.mark.django_db
def test_every_admin_page_reads_in_vietnamese(world, client_for):
    client = client_for(world.users["admin"])
    found = {}
    pages = 0
    for url in _admin_pages():
        response = client.get(url)
        if response.status_code != 200:  # an add form that needs a password again redirects: not a page here
            continue
        pages += 1
        text = _visible_text(response.content.decode())
        hits = [w for w in ENGLISH if w in text]
        if hits:
            found[url] = hits
    assert pages > 40
    assert not found, found


@pytest.mark.django_db
def test_the_admin_names_third_party_apps_in_vietnamese(world, client_for):
    page = client_for(world.users["admin"]).get(reverse("admin:index")).content.decode()
    for name in (
        "Chống dò mật khẩu",
        "Lượt đăng nhập thử",
        "Xác thực hai lớp",
        "Tác vụ nền",
        "Tên mục dữ liệu",
    ):
        assert name in page


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["principal", "comms", "teacher", "official"])
def test_school_staff_never_reach_the_admin(world, client_for, persona):
    """A leadership user reaches no admin page: the English that is left there is for system administrators only."""
    response = client_for(world.users[persona]).get(reverse("admin:index"))
    assert response.status_code in (302, 403)
    if response.status_code == 302:  # to the admin's login, which sends everyone to the site's login page
        final = client_for(world.users[persona]).get(response["Location"])
        assert final.status_code == 302 and "/dang-nhap/" in final["Location"]
