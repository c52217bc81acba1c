"""The demo data of contests, sharing and surveys builds on the demo school, once (idempotent)."""

import pytest

from truyenthong.contests import demo as contests_demo, selectors
from truyenthong.contests.models import Certificate, Contest, Question
from truyenthong.org import demo as org_demo
from truyenthong.sharing.models import ShareLink
from truyenthong.surveys import demo as surveys_demo, selectors as survey_selectors
from truyenthong.surveys.models import Survey


@pytest.mark.django_db
def test_the_demo_builds_contests_share_kits_and_surveys_once():
    school = org_demo.build_demo()
    contest = Contest.objects.get(school=school)
    first = contest.rounds.order_by("opens_at").first()
    board = selectors.leaderboard(round_=first)
    assert len(board) == 60 and board[0].rank == 1
    assert Certificate.objects.filter(attempt__round=first).count() >= 6
    assert ShareLink.objects.filter(target_id=contest.pk).count() == 30
    current = Survey.objects.get(school=school, school_year="2026-2027")
    years = survey_selectors.year_on_year(survey=current)
    assert [r.school_year for r in years[0]["rates"]] == ["2025-2026", "2026-2027"]
    before = Question.objects.count(), Survey.objects.count()
    contests_demo.build(school)
    surveys_demo.build(school)
    assert (Question.objects.count(), Survey.objects.count()) == before
