"""The school menu shows a person only what they may open; the refusal page says why and whom to ask."""

import re

import pytest

from truyenthong.core import navigation
from truyenthong.core.navigation import NavEntry

PERSONAS = ["admin", "principal", "comms", "dept_head", "teacher", "youth", "official"]


def _menu(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="subnav"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "the school page has its menu"
    return {
        label.strip(): href for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(1))
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_link_of_the_school_menu_opens_for_the_person_who_sees_it(world_with_plan, client_for, persona):
    client = client_for(world_with_plan.users[persona])
    menu = _menu(client.get(f"/truong/{world_with_plan.school.code}/").content.decode())
    assert "Tổng quan" in menu and "Kế hoạch" in menu
    for label, href in menu.items():
        response = client.get(href)
        assert response.status_code == 200, f"{persona}: «{label}» {href} → {response.status_code}"
        assert "Không có quyền truy cập" not in response.content.decode()


def test_a_teacher_does_not_see_pages_a_teacher_may_not_open(world_with_plan, client_for):
    menu = _menu(client_for(world_with_plan.users["teacher"]).get("/truong/lqd/").content.decode())
    assert "Bảng điều khiển" not in menu and "Báo cáo" not in menu and "Cán bộ, giáo viên" not in menu
    assert "Hoạt động" in menu


def test_an_official_of_the_department_sees_no_staff_register(world_with_plan, client_for):
    menu = _menu(client_for(world_with_plan.users["official"]).get("/truong/lqd/").content.decode())
    assert "Cán bộ, giáo viên" not in menu and "Bảng điều khiển" in menu


def test_the_menu_marks_the_page_being_read(world_with_plan, client_for):
    html = client_for(world_with_plan.users["principal"]).get("/truong/lqd/hoat-dong/").content.decode()
    assert re.search(r'<a href="/truong/lqd/hoat-dong/" aria-current="page">Hoạt động</a>', html)
    assert html.count('aria-current="page"') == 1


def test_an_app_adds_its_entry_with_the_action_it_needs(world_with_plan):
    # an action no role holds yet (a new app's), so only the system administrator sees the entry
    entry = NavEntry(label="Mục thử nghiệm", url_name="org:unit-list", actions=("thu_nghiem.view",), order=95)
    saved = dict(navigation._ENTRIES)
    try:
        navigation.register(entry)
        teacher = navigation.school_menu(world_with_plan.users["teacher"], world_with_plan.school)
        admin = navigation.school_menu(world_with_plan.users["admin"], world_with_plan.school)
    finally:
        navigation._ENTRIES.clear()
        navigation._ENTRIES.update(saved)
    assert "Mục thử nghiệm" not in [m["label"] for m in teacher]
    assert "Mục thử nghiệm" in [m["label"] for m in admin]


def test_the_refusal_page_says_why_and_whom_to_ask(world_with_plan, client_for):
    response = client_for(world_with_plan.users["teacher"]).get("/truong/lqd/bang-dieu-khien/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in html
    assert "Giáo viên / GVCN — Trường THPT chuyên Lê Quý Đôn" in html
    assert "Ban giám hiệu" in html


def test_the_top_bar_links_an_officials_first_three_schools_in_vietnamese_order(world, client_for):
    """A Sở official may see a thousand schools: the top bar names the first three by name (Vietnamese order),
    read with one query that takes three rows, not every school."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from truyenthong.org.models import Organisation
    from truyenthong.org.services import organisation_create

    for code, name in [
        ("dam", "Trường THPT Đắk Đoa"),
        ("an", "Trường THPT An Khê"),
        ("duc", "Trường THPT Đức Cơ"),
    ]:
        organisation_create(kind=Organisation.Kind.SCHOOL, code=code, name=name, parent=world.department)
    client = client_for(world.users["official"])
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    bar = re.search(r'<nav aria-label="Điều hướng chính">(.*?)</nav>', html, re.S).group(1)
    names = re.findall(r'<a href="/truong/[^"]+/">([^<]+)</a>', bar)
    # five schools under the Sở (lqd "Trường THPT chuyên Lê Quý Đôn", khac "Trường THPT Khác" and the three above);
    # Đ sorts after D and before E, so "Đắk Đoa" and "Đức Cơ" come after "chuyên", before "Khác"
    assert names == ["Trường THPT An Khê", "Trường THPT chuyên Lê Quý Đôn", "Trường THPT Đắk Đoa"]
    nav_queries = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "org_organisation"' in q["sql"] and "LIMIT 3" in q["sql"]
    ]
    assert len(nav_queries) == 1
