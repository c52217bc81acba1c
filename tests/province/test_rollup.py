"""Province roll-up: sums of numerators over sums of denominators, checked against sums computed by hand; schools
without figures shown as missing (never 0%); ties suggested by meaning, counted only once confirmed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.province.conftest import TODAY, YEAR, department_plan, school_indicator, school_value

pytestmark = pytest.mark.django_db


def test_a_percentage_is_the_sum_of_numerators_over_the_sum_of_denominators(province):
    from truyenthong.province.selectors import rollup

    w, it_ind, *_ = province
    row = next(
        r for r in rollup(department=w.department, period_key=YEAR, today=TODAY) if r.indicator == it_ind
    )
    # By hand: (45 + 18) / (50 + 30) = 63 / 80 = 78.75% — not the mean of 90% and 60% (75%).
    assert (row.numerator, row.denominator, row.value) == (Decimal(63), Decimal(80), Decimal("78.75"))
    assert row.status == "not_met"  # 78.75 is more than the 10-point margin below 90
    assert (row.reporting, row.linked, row.missing) == (2, 3, 1)


def test_a_count_is_the_sum_of_counts(province):
    from truyenthong.province.selectors import rollup

    w, _, art_ind, *_ = province
    row = next(
        r for r in rollup(department=w.department, period_key=YEAR, today=TODAY) if r.indicator == art_ind
    )
    assert row.value == Decimal(19) and row.denominator is None and row.status == "met"


def test_a_school_without_figures_is_listed_as_missing_never_as_zero(province, client_for):
    w, it_ind, *_ = province
    page = client_for(w.users["official"]).get(f"/so/so/tong-hop/{it_ind.pk}/?ky={YEAR}")
    assert page.status_code == 200
    text = page.content.decode()
    text = text[text.index("<h1") :]
    assert "Trường THCS Thứ Ba" in text and "Chưa có số liệu" in text
    assert (
        text.index("Trường THPT chuyên Lê Quý Đôn")
        < text.index("Trường THPT Khác")
        < text.index("Trường THCS Thứ Ba")
    )
    assert "0%" not in text.replace("90%", "").replace("60%", "")
    # each school links to the drill-down of its own indicator for the period
    from truyenthong.province.models import IndicatorLink

    ties = IndicatorLink.objects.filter(department_indicator=it_ind, confirmed_at__isnull=False)
    for tie in ties.select_related("school_indicator__school"):
        school = tie.school_indicator.school
        assert f'href="/truong/{school.code}/chi-so/{tie.school_indicator_id}/ky/' in text, school.code


def test_a_year_without_any_figures_says_so(province):
    from truyenthong.province.selectors import rollup

    w, *_ = province
    rows = rollup(department=w.department, period_key="2024-2025", today=TODAY)
    assert all(r.value is None and r.status == "no_data" and r.reporting == 0 for r in rows)


def test_a_percentage_without_its_numerator_and_denominator_is_not_added(province):
    from truyenthong.indicators.models import IndicatorValue
    from truyenthong.province.selectors import rollup

    w, it_ind, _, ind, _ = province
    IndicatorValue.objects.filter(indicator=ind["khac"]).update(numerator=None, denominator=None)
    row = next(
        r for r in rollup(department=w.department, period_key=YEAR, today=TODAY) if r.indicator == it_ind
    )
    assert row.value == Decimal("90.00") and row.reporting == 1
    assert any("thiếu tử số" in f.note for f in row.schools)


def test_only_confirmed_ties_count(province):
    from truyenthong.province.models import IndicatorLink
    from truyenthong.province.selectors import rollup

    w, it_ind, _, ind, _ = province
    IndicatorLink.objects.filter(school_indicator=ind["khac"]).update(confirmed_at=None)
    row = next(
        r for r in rollup(department=w.department, period_key=YEAR, today=TODAY) if r.indicator == it_ind
    )
    assert (row.numerator, row.denominator) == (Decimal(45), Decimal(50))


def test_the_rollup_page_is_for_the_department_and_never_for_a_school_teacher(province, client_for):
    w, *_ = province
    assert client_for(w.users["official"]).get("/so/so/tong-hop/").status_code == 200
    assert client_for(w.users["teacher"]).get("/so/so/tong-hop/").status_code == 403
    assert client_for(w.users["other_official"]).get("/so/so/tong-hop/").status_code == 403
    page = client_for(w.users["official"]).get(f"/so/so/tong-hop/?ky={YEAR}").content.decode()
    assert "78,8" in page or "78,75" in page
    assert "2 / 3 trường liên kết" in page


def test_ties_are_suggested_by_meaning_and_not_for_unrelated_targets(world):
    from truyenthong.province.models import IndicatorLink
    from truyenthong.province.services import links_suggest

    w = world
    it_ind, art_ind = department_plan(w)
    close = school_indicator(
        w.school, "Tỷ lệ giáo viên ứng dụng công nghệ thông tin trong dạy học", percent=True
    )
    unrelated = school_indicator(w.school, "Học sinh tốt nghiệp trung học phổ thông", percent=True)
    count = school_indicator(w.school, "Số bài viết được đăng trên cổng", percent=False)
    made = links_suggest(school=w.school, actor=w.users["principal"])
    assert made == 2
    assert IndicatorLink.objects.get(school_indicator=close).department_indicator == it_ind
    assert IndicatorLink.objects.get(school_indicator=count).department_indicator == art_ind
    assert not IndicatorLink.objects.filter(school_indicator=unrelated).exists()
    assert not IndicatorLink.objects.filter(confirmed_at__isnull=False).exists()


def test_a_school_cannot_tie_to_another_departments_indicator(world):
    from truyenthong.core.errors import InvalidInput
    from truyenthong.indicators.models import Indicator
    from truyenthong.org.models import Organisation
    from truyenthong.province.services import link_set

    w = world
    it_ind, _ = department_plan(w)
    foreign = Organisation.objects.get(code="so-khac")
    Indicator.objects.filter(pk=it_ind.pk).update(school=foreign)
    it_ind.refresh_from_db()
    mine = school_indicator(w.school, "Giáo viên dùng CNTT", percent=True)
    with pytest.raises(InvalidInput):
        link_set(school_indicator=mine, department_indicator=it_ind, actor=w.users["principal"])


def test_leadership_confirms_a_tie_in_the_browser_and_a_teacher_cannot(world, client_for):
    from truyenthong.province.models import IndicatorLink

    w = world
    it_ind, _ = department_plan(w)
    mine = school_indicator(w.school, "Giáo viên dùng CNTT", percent=True)
    page = client_for(w.users["principal"]).get("/truong/lqd/lien-ket-so/")
    assert "Giáo viên dùng CNTT" in page.content.decode()
    teacher = client_for(w.users["teacher"]).post(
        f"/truong/lqd/lien-ket-so/{mine.pk}/", {"department_indicator": it_ind.pk}
    )
    assert teacher.status_code == 403
    ok = client_for(w.users["principal"]).post(
        f"/truong/lqd/lien-ket-so/{mine.pk}/", {"department_indicator": it_ind.pk}
    )
    assert ok.status_code == 302
    link = IndicatorLink.objects.get(school_indicator=mine)
    assert link.is_confirmed and link.confirmed_by == w.users["principal"]


def test_reporting_timeliness_per_school(world, client_for):
    from truyenthong.indicators.models import Submission

    w = world
    tz = timezone.get_current_timezone()
    Submission.objects.create(
        school=w.school,
        period_key="2025-2026",
        state="approved",
        submitted_at=dt.datetime(2026, 6, 1, 9, tzinfo=tz),
    )
    Submission.objects.create(
        school=w.other_school,
        period_key="2025-2026",
        state="submitted",
        submitted_at=dt.datetime(2026, 9, 20, 9, tzinfo=tz),
    )
    from truyenthong.province.selectors import timeliness

    data = timeliness(department=w.department, period_key="2025-2026", today=TODAY)
    by_code = {x.school.code: x for x in data["lines"]}
    assert by_code["lqd"].on_time is True and by_code["khac"].on_time is False
    assert (data["submitted"], data["on_time"], data["late"]) == (2, 1, 1)
    page = client_for(w.users["official"]).get("/so/so/tien-do-bao-cao/?ky=2025-2026").content.decode()
    assert "Đúng hạn" in page and "Muộn" in page


def test_overdue_schools_are_reminded_by_email(world):
    from django.core import mail
    from django.core.management import call_command

    w = world
    w.users["principal"].email = "hieutruong@lqd.edu.vn"
    w.users["principal"].save()
    call_command("remind_reporting", department="so", period="2024-2025")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hieutruong@lqd.edu.vn"]
    assert "quá hạn" in mail.outbox[0].body


def test_a_school_is_told_when_the_department_changes_a_tied_target(world, client_for):
    from truyenthong.indicators.models import Indicator
    from truyenthong.province.services import link_set

    w = world
    it_ind, _ = department_plan(w)
    mine = school_indicator(w.school, "Giáo viên dùng CNTT", percent=True)
    link_set(school_indicator=mine, department_indicator=it_ind, actor=w.users["principal"])
    page = client_for(w.users["principal"]).get("/truong/lqd/lien-ket-so/").content.decode()
    assert "Sở đã thay đổi" not in page
    Indicator.objects.filter(pk=it_ind.pk).update(
        target_value=95, updated_at=timezone.now() + dt.timedelta(seconds=1)
    )
    page = client_for(w.users["principal"]).get("/truong/lqd/lien-ket-so/").content.decode()
    assert "Sở đã thay đổi chỉ tiêu này" in page and "đạt tối thiểu 90% → đạt tối thiểu 95%" in page


def _importdepartment_plan(w):
    from truyenthong.plans.services import plan_import
    from truyenthong.province.demo import DEPARTMENT_PLAN

    return plan_import(
        organisation=w.department,
        data=DEPARTMENT_PLAN.read_bytes(),
        filename=DEPARTMENT_PLAN.name,
        actor=w.users["admin"],
        max_bytes=10 * 1024 * 1024,
    )


def test_a_school_starts_its_plan_from_the_departments_with_every_target_tied(world, client_for):
    from truyenthong.indicators.models import Indicator
    from truyenthong.plans.models import Plan
    from truyenthong.province.models import IndicatorLink

    w = world
    source = _importdepartment_plan(w)
    assert client_for(w.users["teacher"]).post("/truong/lqd/ke-hoach-tu-so/").status_code == 403
    response = client_for(w.users["principal"]).post("/truong/lqd/ke-hoach-tu-so/")
    plan = Plan.objects.get(organisation=w.school, is_current=True)
    assert response.status_code == 302 and response["Location"] == f"/ke-hoach/{plan.pk}/"
    assert plan.targets.count() == source.targets.count() > 0
    assert plan.task_groups.count() == source.task_groups.count()
    first_basis = plan.bases.order_by("order").first().text
    assert first_basis.startswith("Căn cứ Kế hoạch số 1020/KH-SGDĐT") and w.department.name in first_basis
    mine = Indicator.objects.filter(plan=plan, measure__isnull=False)
    links = IndicatorLink.objects.filter(school_indicator__in=mine, confirmed_at__isnull=False)
    assert links.count() == mine.count() > 0
    assert all(link.department_indicator.plan_id == source.pk for link in links)
    for link in links.select_related("school_indicator__measure", "department_indicator__measure"):
        assert link.school_indicator.measure.comparator == link.department_indicator.measure.comparator


def test_without_a_department_plan_there_is_no_template(world):
    from truyenthong.core.errors import InvalidInput
    from truyenthong.province.services import plan_start_from_department

    with pytest.raises(InvalidInput, match="chưa có kế hoạch"):
        plan_start_from_department(school=world.school, actor=world.users["principal"])


def _tie_a_per_phase_indicator(province):
    """khac's tie moves to an indicator measured over its plan's phase 2026–2030: 24/30 for the phase, and a
    school-year figure (1/30) that the roll-up must not read."""
    from truyenthong.indicators.models import Indicator
    from truyenthong.plans.models import Measure, Phase, Plan, Target
    from truyenthong.province.services import link_set

    w, it_ind, _art, ind, _arts = province
    plan = Plan.objects.create(organisation=w.other_school, number="9/KH-THPT", title="Kế hoạch của trường")
    phase = Phase.objects.create(
        plan=plan, order=1, label="Giai đoạn 2026-2030", start_year=2026, end_year=2030
    )
    target = Target.objects.create(plan=plan, phase=phase, order=1, text="90% giáo viên dùng CNTT")
    measure = Measure.objects.create(
        target=target, order=1, value=90, unit="%", comparator=">=", subject="gv"
    )
    per_phase = Indicator.objects.create(
        school=w.other_school,
        plan=plan,
        measure=measure,
        name="Giáo viên dùng CNTT (cả giai đoạn)",
        method=Indicator.Method.MANUAL,
        period_kind="phase",
        target_value=90,
        is_percent=True,
    )
    ind["khac"].delete()  # the school's tie moves to its per-phase indicator
    for key, num, den in (("2026-2030", 24, 30), (YEAR, 1, 30)):
        school_value(
            per_phase, numerator=num, denominator=den, value=Decimal(100 * num / den), period_key=key
        )
    link_set(school_indicator=per_phase, department_indicator=it_ind, actor=w.users["admin"])
    return per_phase


def test_a_school_indicator_measured_per_phase_counts_with_its_phase_figure(province):
    """The school measures the target over its plan's phase (2026–2030): its phase figure is the one added into the
    Sở's school-year roll-up; a year figure of that indicator is not read."""
    from truyenthong.province.selectors import rollup

    w, it_ind, *_ = province
    per_phase = _tie_a_per_phase_indicator(province)
    row = next(
        r for r in rollup(department=w.department, period_key=YEAR, today=TODAY) if r.indicator == it_ind
    )
    # By hand: lqd 45/50 for the year + khac 24/30 for the phase = 69/80.
    assert (row.numerator, row.denominator) == (Decimal(69), Decimal(80))
    figure = next(f for f in row.schools if f.indicator_id == per_phase.pk)
    assert figure.period_key == "2026-2030"


def test_the_drill_down_names_the_schools_that_are_not_tied_to_the_target(province, client_for):
    from truyenthong.org.models import Organisation
    from truyenthong.org.services import organisation_create

    w, it_ind, *_ = province
    organisation_create(
        kind=Organisation.Kind.SCHOOL,
        code="chua-lien-ket",
        name="Trường THCS Chưa Liên Kết",
        parent=w.department,
    )
    text = client_for(w.users["official"]).get(f"/so/so/tong-hop/{it_ind.pk}/?ky={YEAR}").content.decode()
    unlinked = text[text.index("Chưa liên kết (") :]
    assert "1 trường" in unlinked[:40] and "Trường THCS Chưa Liên Kết" in unlinked
    assert "Trường THCS Thứ Ba" not in unlinked  # tied (without figures): listed in the table, not here


def test_the_pages_one_query_sums_equal_the_per_school_sums_in_every_case(province):
    """The roll-up page adds up in one aggregate query (rollup_totals); the drill-down and the report add up the
    schools' figures in Python (rollup). Both must give the same rows whatever the data."""
    from truyenthong.indicators.models import IndicatorValue
    from truyenthong.province.models import IndicatorLink
    from truyenthong.province.selectors import rollup, rollup_totals

    w, it_ind, _art, ind, arts = province

    def same():
        for key in (YEAR, "2024-2025", "2026-2027-HK1", "2026-2030"):
            per_school = rollup(department=w.department, period_key=key, today=TODAY)
            totals = rollup_totals(department=w.department, period_key=key, today=TODAY)
            fields = ("indicator", "numerator", "denominator", "value", "status", "reporting", "linked")
            assert [tuple(getattr(r, f) for f in fields) for r in totals] == [
                tuple(getattr(r, f) for f in fields) for r in per_school
            ], key
            assert all(r.schools == [] for r in totals)

    same()
    IndicatorValue.objects.filter(indicator=ind["khac"]).update(numerator=None, denominator=None)
    same()
    IndicatorValue.objects.filter(indicator=ind["lqd"]).update(denominator=0)
    same()
    IndicatorLink.objects.filter(school_indicator=arts["khac"]).update(confirmed_at=None)
    same()
    _tie_a_per_phase_indicator(province)
    same()
