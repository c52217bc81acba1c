"""The contest fixtures, shared: a contest is the first thing shared to class groups."""

from tests.contests.conftest import contest_world  # noqa: F401
