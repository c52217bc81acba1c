"""Whose consent publishing a person needs (Law 91/2025/QH15): pure rules, no Django.

- An adult member of staff, or a student aged 16 or more, decides alone.
- A child under 7: a parent or guardian decides.
- A child from 7 to under 16: both a parent or guardian and the child must agree.
- A student whose birth date is not known is treated as a child from 7 to under 16 (the strictest rule).
"""

from __future__ import annotations

import datetime as dt

SELF = "self"
PARENT = "parent"
OWN_CONSENT_AGE = 7
ADULT_AGE = 16


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Full years of age on `day`."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def required_givers(*, is_student: bool, birth_date: dt.date | None, day: dt.date) -> frozenset[str]:
    """Who must have agreed (and not withdrawn) for the person to be shown on `day`."""
    if not is_student:
        return frozenset({SELF})
    if birth_date is None:
        return frozenset({SELF, PARENT})
    age = age_on(birth_date, day)
    if age >= ADULT_AGE:
        return frozenset({SELF})
    if age >= OWN_CONSENT_AGE:
        return frozenset({SELF, PARENT})
    return frozenset({PARENT})


def is_satisfied(*, is_student: bool, birth_date: dt.date | None, day: dt.date, givers: set[str]) -> bool:
    """True when every required giver has a standing consent."""
    return required_givers(is_student=is_student, birth_date=birth_date, day=day) <= set(givers)
