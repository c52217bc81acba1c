"""Privacy fixtures: the content fixtures (a public section, items through the workflow) and staff with accounts."""

import pytest

from tests.content.conftest import (  # noqa: F401
    _fresh_portal_memory,
    future,
    make_item,
    png,
    section,
)


@pytest.fixture
def staff(world):
    """The teacher persona's account linked to the staff record Nguyễn Thị Hoa (GV002), the principal's to GV001."""
    people, users = world.people, world.users
    people["teacher"].user = users["teacher"]
    people["teacher"].save(update_fields=["user"])
    people["principal"].user = users["principal"]
    people["principal"].save(update_fields=["user"])
    people["other_teacher"].user = users["outsider"]
    people["other_teacher"].save(update_fields=["user"])
    return world
