"""Contest participation as indicator sources: submitted attempts count, attempts in progress and other schools not."""

from __future__ import annotations

from django.utils import timezone

from tests.contests.conftest import register_student
from truyenthong.contests import services
from truyenthong.indicators import sources
from truyenthong.lib.periods import current_school_year


def test_participants_and_classes_count_only_finished_attempts_of_the_school(contest_world):
    w = contest_world
    period = current_school_year(timezone.localdate())
    done = register_student(w.contest, w.classes[0], name="Đã nộp", contact="0901000001")
    services.attempt_submit(attempt=services.attempt_start(round_=w.round, participant=done))
    pending = register_student(w.contest, w.classes[1], name="Đang làm", contact="0901000002")
    services.attempt_start(round_=w.round, participant=pending)
    people = sources.get("contest_participants")
    classes = sources.get("contest_classes")
    assert people.counts([w.school.id, w.other_school.id], period, {}) == {(w.school.id, 0): 1}
    assert classes.counts([w.school.id], period, {}) == {(w.school.id, 0): 1}
    assert [r.label for r in people.rows(w.school, period, None, {})] == ["Đã nộp"]
    assert [r.label for r in classes.rows(w.school, period, None, {})] == ["10A1"]
    assert people.counts([w.other_school.id], period, {}) == {}
