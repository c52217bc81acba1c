"""The yearly criteria cycle (self-assessment with evidence, scoring, publication) and emulation from it."""

from decimal import Decimal as D

import pytest

from truyenthong.core.errors import InvalidInput, NotAllowed


def criteria(w):
    from truyenthong.evaluation.models import Criterion

    return list(Criterion.objects.filter(group__criteria_set=w.criteria_set).order_by("order"))


def full_marks(w, score=None):
    return {c.pk: {"score": str(score if score is not None else c.max_points)} for c in criteria(w)}


def test_the_default_criteria_set_totals_100_points_and_scores_some_criteria_from_data(evaluated):
    from truyenthong.evaluation.selectors import criteria_set_current

    current = criteria_set_current(evaluated.school)
    assert current.max_total == D(100)
    rules = {c.auto_rule for c in criteria(evaluated)}
    assert {"items_per_month", "activities", "indicator"} <= rules


def test_a_unit_head_submits_a_self_assessment_only_with_evidence_and_only_for_their_unit(evaluated):
    from django.core.exceptions import PermissionDenied

    from truyenthong.evaluation.services import cycle_open, self_assessment_save

    w = evaluated
    cycle = cycle_open(school=w.school, period_key="2026-2027", actor=w.users["principal"])
    math = cycle.assessments.get(unit=w.math_unit)
    youth = cycle.assessments.get(unit=w.youth_unit)
    entries = {c.pk: {"self_score": str(c.max_points)} for c in criteria(w)}
    with pytest.raises(InvalidInput) as error:
        self_assessment_save(assessment=math, actor=w.users["dept_head"], entries=entries, submit=True)
    assert any("minh chứng" in e for e in error.value.errors)
    for c in criteria(w):
        entries[c.pk]["evidence_note"] = "Biên bản kèm theo"
    self_assessment_save(assessment=math, actor=w.users["dept_head"], entries=entries, submit=True)
    math.refresh_from_db()
    assert math.state == "submitted"
    with pytest.raises(PermissionDenied):
        self_assessment_save(assessment=youth, actor=w.users["dept_head"], entries=entries)


def test_a_self_score_above_the_maximum_is_refused(evaluated):
    from truyenthong.evaluation.services import cycle_open, self_assessment_save

    w = evaluated
    cycle = cycle_open(school=w.school, period_key="2026-2027", actor=w.users["principal"])
    first = criteria(w)[0]
    with pytest.raises(InvalidInput):
        self_assessment_save(
            assessment=cycle.assessments.get(unit=w.math_unit),
            actor=w.users["dept_head"],
            entries={first.pk: {"self_score": "99"}},
        )


def test_results_are_published_only_when_every_unit_is_scored_and_feed_the_emulation_scores(evaluated):
    from truyenthong.evaluation.selectors import cycle_results, emulation_ranking
    from truyenthong.evaluation.services import (
        assessment_score,
        cycle_open,
        cycle_publish,
        emulation_fill_from_criteria,
        emulation_year_get_or_create,
    )

    w = evaluated
    boss = w.users["principal"]
    cycle = cycle_open(school=w.school, period_key="2026-2027", actor=boss)
    assessments = {a.unit_id: a for a in cycle.assessments.all()}
    assessment_score(assessment=assessments[w.math_unit.pk], actor=boss, entries=full_marks(w))
    with pytest.raises(NotAllowed, match="chưa được chấm"):
        cycle_publish(cycle=cycle, actor=boss)
    half = {c.pk: {"score": str(c.max_points / 2)} for c in criteria(w)}
    for unit_id, a in assessments.items():
        if unit_id != w.math_unit.pk:
            assessment_score(assessment=a, actor=boss, entries=half)
    cycle_publish(cycle=cycle, actor=boss)
    results = {r.unit.pk: r for r in cycle_results(cycle)}
    assert results[w.math_unit.pk].percent == D(100)
    assert results[w.youth_unit.pk].percent == D(50)

    year = emulation_year_get_or_create(school=w.school, period_key="2026-2027")
    emulation_fill_from_criteria(year=year, actor=boss)
    units = emulation_ranking(year)["units"]
    assert units[0].name == "Tổ Toán" and units[0].rank == 1 and units[0].classification == "excellent"
    assert all(r.rank == 2 and r.tied for r in units[1:])
    assert {r.classification for r in units[1:]} == {"complete"}


def test_a_threshold_change_re_ranks_the_stored_scores(world):
    from truyenthong.evaluation.selectors import emulation_ranking
    from truyenthong.evaluation.services import (
        emulation_scores_save,
        emulation_thresholds_update,
        emulation_year_get_or_create,
    )

    w = world
    boss = w.users["principal"]
    year = emulation_year_get_or_create(school=w.school, period_key="2026-2027")
    emulation_scores_save(
        year=year,
        actor=boss,
        unit_scores={
            w.math_unit.pk: "86",
            w.youth_unit.pk: "86",
            w.office_unit.pk: "",
            w.leadership_unit.pk: "49",
        },
        person_scores={w.people["teacher"].pk: "91,5"},
    )
    ranking = emulation_ranking(year)
    assert [(r.name, r.rank_label, r.classification) for r in ranking["units"]] == [
        ("Đoàn Thanh niên", "1 (đồng hạng)", "good"),
        ("Tổ Toán", "1 (đồng hạng)", "good"),
        ("Ban giám hiệu", "3", "incomplete"),
        ("Tổ Văn phòng", "—", "unscored"),
    ]
    assert ranking["people"][0].score == D("91.5")
    with pytest.raises(InvalidInput):
        emulation_thresholds_update(
            year=year, actor=boss, expected_version=year.version, excellent="80", good="85", complete="50"
        )
    emulation_thresholds_update(
        year=year, actor=boss, expected_version=year.version, excellent="85", good="70", complete="45"
    )
    year.refresh_from_db()
    ranking = emulation_ranking(year)
    assert [r.classification for r in ranking["units"]] == ["excellent", "excellent", "complete", "unscored"]


def test_a_commendation_needs_a_decision_number_in_the_state_format(world):
    import datetime as dt

    from truyenthong.evaluation.services import commendation_create

    w = world
    kwargs = dict(
        school=w.school,
        actor=w.users["principal"],
        period_key="2026-2027",
        kind="commendation",
        title="Giấy khen của Hiệu trưởng",
        decision_date=dt.date(2027, 5, 25),
        unit=w.math_unit,
    )
    with pytest.raises(InvalidInput, match="QĐ"):
        commendation_create(decision_number="quyết định 12", **kwargs)
    c = commendation_create(decision_number="12/QĐ-CLQĐ", **kwargs)
    assert c.decision_number == "12/QĐ-CLQĐ" and c.recipient == w.math_unit
