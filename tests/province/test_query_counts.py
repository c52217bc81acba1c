"""The province's pages cost a fixed number of queries however many schools and ties there are (no query per school,
per tie or per target): counted, not timed. A page that starts asking once per school fails here long before the
1,000-school benchmark shows it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.province.conftest import YEAR, school_indicator, school_value

pytestmark = pytest.mark.django_db


def _add_schools(w, it_ind, art_ind, n: int) -> None:
    from truyenthong.org.models import Organisation
    from truyenthong.org.services import organisation_create
    from truyenthong.province.services import link_set

    for k in range(n):
        school = organisation_create(
            kind=Organisation.Kind.SCHOOL, code=f"them-{k}", name=f"Trường THCS Thêm {k}", parent=w.department
        )
        it = school_indicator(school, "Giáo viên dùng CNTT trong dạy học", percent=True)
        art = school_indicator(school, "Bài viết trên cổng thông tin", percent=False)
        school_value(it, numerator=7 + k, denominator=10 + k, value=70)
        school_value(art, value=k)
        link_set(school_indicator=it, department_indicator=it_ind, actor=w.users["admin"])
        link_set(school_indicator=art, department_indicator=art_ind, actor=w.users["admin"])


def _queries(client, url: str) -> int:
    client.get(url)  # sessions, caches and the like warmed once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_rollup_drill_down_reporting_and_the_report_do_not_grow_with_the_schools(province, client_for):
    w, it_ind, art_ind, *_ = province
    client = client_for(w.users["official"])
    urls = [
        f"/so/so/tong-hop/?ky={YEAR}",
        f"/so/so/tong-hop/{it_ind.pk}/?ky={YEAR}",
        f"/so/so/tien-do-bao-cao/?ky={YEAR}",
        f"/so/so/bang-dieu-khien/?ky={YEAR}",
        f"/truong/lqd/bang-dieu-khien/?ky={YEAR}",
        f"/so/so/tong-hop/bao-cao/?ky={YEAR}&dinh_dang=xlsx",
    ]
    before = {url: _queries(client, url) for url in urls}
    _add_schools(w, it_ind, art_ind, 6)
    after = {url: _queries(client, url) for url in urls}
    assert after == before
    assert max(before.values()) <= 25


def test_the_links_page_does_not_grow_with_ties_that_drifted(world, client_for):
    """Ties at a changed target and at a replaced plan (each scored against the new plan's targets)."""
    from django.utils import timezone

    from tests.province.conftest import department_plan
    from truyenthong.indicators.models import Indicator
    from truyenthong.plans.models import Plan
    from truyenthong.province.models import IndicatorLink
    from truyenthong.province.services import upstream_snapshot_of

    w = world
    old_it, old_art = department_plan(w)
    client = client_for(w.users["principal"])

    def tie(n: int, start: int) -> None:
        for k in range(start, start + n):
            for upstream, percent in ((old_it, True), (old_art, False)):
                mine = school_indicator(w.school, f"{upstream.name} {k}", percent=percent)
                IndicatorLink.objects.create(
                    school_indicator=mine,
                    department_indicator=upstream,
                    confirmed_at=timezone.now(),
                    upstream_snapshot=upstream_snapshot_of(upstream),
                )

    tie(1, 0)
    Indicator.objects.filter(pk=old_art.pk).update(target_value=15)  # changed
    Plan.objects.filter(pk=old_it.plan_id).update(is_current=False)
    department_plan(w)  # the new current plan: its targets are the suggestions for the replaced ones
    few = _queries(client, "/truong/lqd/lien-ket-so/")
    page = client.get("/truong/lqd/lien-ket-so/").content.decode()
    assert "không còn trong kế hoạch hiện hành" in page and "Chuyển sang" in page
    tie(5, 1)
    many = _queries(client, "/truong/lqd/lien-ket-so/")
    assert many == few
