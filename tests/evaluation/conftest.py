"""Evaluation fixtures: the world with the seed plan and its default indicators, and a criteria set."""

import pytest


@pytest.fixture
def evaluated(world_with_plan):
    from truyenthong.evaluation.services import criteria_set_create_default
    from truyenthong.indicators.services import indicators_create_defaults

    w = world_with_plan
    indicators_create_defaults(plan=w.plan, actor=w.users["principal"])
    w.criteria_set = criteria_set_create_default(school=w.school, actor=w.users["principal"])
    return w


@pytest.fixture
def evaluated_free_world(world_with_plan):
    """The world with its plan and indicators but no criteria set yet (for the demo)."""
    from truyenthong.indicators.services import indicators_create_defaults

    indicators_create_defaults(plan=world_with_plan.plan, actor=world_with_plan.users["principal"])
    return world_with_plan
