"""Whose consent publishing a person needs: the pure rules (no database)."""

import datetime as dt

import pytest

from truyenthong.lib.consent import PARENT, SELF, age_on, is_satisfied, required_givers

DAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("birth", "age"),
    [
        (dt.date(2010, 12, 2), 16),
        (dt.date(2010, 12, 3), 15),
        (dt.date(2019, 12, 2), 7),
        (dt.date(2008, 2, 29), 18),
    ],
)
def test_age_counts_full_years_including_the_birthday_itself(birth, age):
    assert age_on(birth, DAY) == age


def test_staff_decide_alone():
    assert required_givers(is_student=False, birth_date=None, day=DAY) == {SELF}


def test_a_child_under_seven_needs_a_parent_only():
    assert required_givers(is_student=True, birth_date=dt.date(2020, 1, 1), day=DAY) == {PARENT}


def test_a_student_from_seven_to_under_sixteen_needs_both_parent_and_own_consent():
    birth = dt.date(2012, 5, 1)  # 14
    assert required_givers(is_student=True, birth_date=birth, day=DAY) == {SELF, PARENT}
    assert not is_satisfied(is_student=True, birth_date=birth, day=DAY, givers={PARENT})
    assert not is_satisfied(is_student=True, birth_date=birth, day=DAY, givers={SELF})
    assert is_satisfied(is_student=True, birth_date=birth, day=DAY, givers={SELF, PARENT})


def test_a_student_of_sixteen_decides_alone_and_a_parent_alone_is_not_enough():
    birth = dt.date(2010, 6, 1)  # 16
    assert is_satisfied(is_student=True, birth_date=birth, day=DAY, givers={SELF})
    assert not is_satisfied(is_student=True, birth_date=birth, day=DAY, givers={PARENT})


def test_an_unknown_birth_date_takes_the_strictest_rule():
    assert required_givers(is_student=True, birth_date=None, day=DAY) == {SELF, PARENT}


def test_nobody_is_shown_without_any_consent():
    assert not is_satisfied(is_student=False, birth_date=None, day=DAY, givers=set())
    assert not is_satisfied(is_student=True, birth_date=dt.date(2021, 1, 1), day=DAY, givers=set())
