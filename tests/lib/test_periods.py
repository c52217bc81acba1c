"""Reporting periods: keys, bounds, order."""

import datetime as dt

import pytest

from truyenthong.lib import periods as P


def test_a_school_year_runs_from_first_of_september_to_end_of_august():
    year = P.period_from_key("2026-2027")
    assert (year.kind, year.start, year.end) == (P.SCHOOL_YEAR, dt.date(2026, 9, 1), dt.date(2027, 8, 31))
    assert year.label == "Năm học 2026-2027"


def test_semesters_split_in_mid_january():
    hk1, hk2 = P.period_from_key("2026-2027-HK1"), P.period_from_key("2026-2027-HK2")
    assert hk1.end == dt.date(2027, 1, 15)
    assert hk2.start == dt.date(2027, 1, 16)
    assert hk2.end == dt.date(2027, 5, 31)
    assert hk2.label == "Học kỳ II năm học 2026-2027"


def test_a_span_longer_than_a_year_is_a_phase_and_a_single_year_is_a_calendar_year():
    assert P.period_from_key("2026-2030").kind == P.PHASE
    assert P.period_from_key("2026-2030").end == dt.date(2030, 12, 31)
    assert P.period_from_key("2026").kind == P.CALENDAR_YEAR
    assert P.period_from_key("2026-2027", kind=P.PHASE).kind == P.PHASE


@pytest.mark.parametrize("bad", ["", "2026-2028-HK1", "2026-2027-HK3", "abc", "2027-2026"])
def test_bad_keys_are_refused(bad):
    with pytest.raises(ValueError):
        P.period_from_key(bad)


def test_the_current_school_year_changes_on_the_first_of_september():
    assert P.current_school_year(dt.date(2026, 8, 31)).key == "2025-2026"
    assert P.current_school_year(dt.date(2026, 9, 1)).key == "2026-2027"


def test_previous_periods_chain_backwards():
    assert P.previous(P.period_from_key("2026-2027")).key == "2025-2026"
    assert P.previous(P.period_from_key("2026-2027-HK1")).key == "2025-2026-HK2"
    assert P.previous(P.period_from_key("2026-2027-HK2")).key == "2026-2027-HK1"
    assert P.previous(P.period_from_key("2026")).key == "2025"
    assert P.previous(P.period_from_key("2026-2030")) is None


def test_the_school_years_within_a_phase_are_those_wholly_inside_it():
    keys = [p.key for p in P.within(P.period_from_key("2026-2030"), P.SCHOOL_YEAR)]
    assert keys == ["2026-2027", "2027-2028", "2028-2029", "2029-2030"]


def test_semester_of_a_summer_day_is_none():
    assert P.semester_of(dt.date(2027, 7, 1)) is None
    assert P.semester_of(dt.date(2027, 1, 15)).key == "2026-2027-HK1"


def test_up_to_lists_periods_in_order():
    keys = [p.key for p in P.up_to(P.SCHOOL_YEAR, P.school_year(2024), P.school_year(2026))]
    assert keys == ["2024-2025", "2025-2026", "2026-2027"]


def test_periods_of_kind_lists_semesters_of_each_year():
    keys = [p.key for p in P.periods_of_kind(P.SEMESTER, 2025, 2026)]
    assert keys == ["2025-2026-HK1", "2025-2026-HK2", "2026-2027-HK1", "2026-2027-HK2"]
