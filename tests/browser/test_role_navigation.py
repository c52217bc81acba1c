"""Each role follows every link of its menu in Chromium: no refusal page, and axe-core finds no serious problem.

With SCREENSHOTS_DIR set (`make screenshots`), every page is also saved at 1366 and 390 px wide, per role.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser_support import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "truyenthong" / "static" / "vendor" / "axe-core" / "axe.min.js"
ROLES = ["principal", "comms", "dept_head", "teacher", "youth", "official"]
WIDTHS = (1366, 390)


def _axe_problems(page, base_url: str) -> list[str]:
    # From our own static files: the Content-Security-Policy allows scripts from the site only.
    page.add_script_tag(url=f"{base_url}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}});
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }"""
    )
    return list(result)


def _slug(url: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "trang-chu"


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_link_opens_without_refusal_and_passes_axe(page, live_server, world_with_plan, role):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make install` (it copies npm packages into static/vendor)")
    shots = os.environ.get("SCREENSHOTS_DIR")
    login(page, live_server, role, PASSWORD)
    page.goto(f"{live_server.url}/truong/{world_with_plan.school.code}/")
    links = page.eval_on_selector_all(
        "nav.subnav a", "els => els.map(a => [a.textContent.trim(), a.getAttribute('href')])"
    )
    assert links, f"{role} has a menu"
    problems: dict[str, list[str]] = {}
    for label, href in [("Trang chủ", "/"), *links]:
        response = page.goto(f"{live_server.url}{href}")
        assert response.status == 200, f"{role}: «{label}» {href} → {response.status}"
        assert "Không có quyền truy cập" not in page.content(), f"{role}: «{label}» shows a refusal"
        found = _axe_problems(page, live_server.url)
        if found:
            problems[f"«{label}» {href}"] = found
        if shots:
            folder = Path(shots) / role
            folder.mkdir(parents=True, exist_ok=True)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.screenshot(path=str(folder / f"{_slug(href)}-{width}.png"), full_page=True)
            page.set_viewport_size({"width": 1366, "height": 900})
    assert problems == {}


def test_the_forms_leadership_works_in_pass_axe(page, live_server, world_with_plan):
    """The forms behind the menu (content editor, indicator editor, a new activity, a staff record) are checked by
    axe-core too, and saved as screenshots with the menu pages (`make screenshots`: var/screenshots/forms/)."""
    from truyenthong.content.services import item_create
    from truyenthong.indicators.models import Indicator

    world = world_with_plan
    item = item_create(
        school=world.school, actor=world.users["principal"], title="Bản tin tháng", body="<p>Nội dung.</p>"
    )
    indicator = Indicator.objects.filter(plan=world.plan).exclude(numerator_source="").first()
    person = world.people["teacher"]
    code = world.school.code
    forms = {
        "noi-dung-sua": f"/noi-dung/{item.pk}/sua/",
        "noi-dung-viet-moi": f"/truong/{code}/noi-dung/viet-moi/",
        "chi-so-sua": f"/truong/{code}/chi-so/{indicator.pk}/sua/",
        "hoat-dong-them": f"/truong/{code}/hoat-dong/them/",
        "can-bo-sua": f"/truong/{code}/can-bo/{person.pk}/sua/",
    }
    shots = os.environ.get("SCREENSHOTS_DIR")
    login(page, live_server, "principal", PASSWORD)
    problems = {}
    for name, url in forms.items():
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        found = _axe_problems(page, live_server.url)
        if found:
            problems[url] = found
        if shots:
            folder = Path(shots) / "forms"
            folder.mkdir(parents=True, exist_ok=True)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
            page.set_viewport_size({"width": 1366, "height": 900})
    assert problems == {}
