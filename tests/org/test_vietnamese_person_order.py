"""People are listed in Vietnamese order, by given name, then middle and family name — the same on SQLite and
PostgreSQL (Person.sort_name ordered with the "vi_icu" collation), on every page that lists them."""

import re

import pytest

from truyenthong.core.collation import vi_person
from truyenthong.lib.vntext import person_sort_name
from truyenthong.org.models import Person
from truyenthong.org.selectors import people_for_school
from truyenthong.org.services import person_create, person_update

# The two people of the test world ("Huỳnh Lê Minh", "Nguyễn Thị Hoa") plus these, in the order expected.
EXPECTED = [
    "Trần Thị An",
    "Nguyễn Văn An",
    "Lê Văn Ánh",
    "Vũ Văn Dũng",
    "Phạm Thị Đào",
    "Nguyễn Thị Hà",
    "Nguyễn Thị Hoa",
    "Trần Văn Hoàng",
    "Lê Huỳnh",
    "Huỳnh Lê Minh",
    "Đỗ Thị Yến",
]


@pytest.fixture
def staff(world):
    for i, name in enumerate(reversed(EXPECTED)):
        if not Person.objects.filter(school=world.school, full_name=name).exists():
            person_create(school=world.school, code=f"SX{i:02d}", full_name=name, units=[world.math_unit])
    return world


def test_the_sort_name_puts_the_given_name_first():
    assert person_sort_name("Nguyễn Thị Hoa") == "Hoa Thị Nguyễn"
    assert person_sort_name("  Lê   Huỳnh ") == "Huỳnh Lê"
    assert person_sort_name("Hoa") == "Hoa"


def test_the_database_orders_people_by_given_name_in_vietnamese(staff):
    names = list(Person.objects.filter(school=staff.school).values_list("full_name", flat=True))
    assert names == EXPECTED
    assert [p.full_name for p in people_for_school(school=staff.school)] == EXPECTED
    ordered = Person.objects.filter(school=staff.school).order_by(vi_person(), "code")
    assert [p.full_name for p in ordered] == EXPECTED
    # Not code-point order, not family-name order.
    assert sorted(EXPECTED) != EXPECTED


def test_a_renamed_person_moves_to_their_new_place(staff):
    person = Person.objects.get(school=staff.school, full_name="Đỗ Thị Yến")
    person_update(
        person=person, expected_version=person.version, actor=staff.users["admin"], full_name="Đỗ Thị Ân"
    )
    person.refresh_from_db()
    assert person.sort_name == "Ân Thị Đỗ"
    names = list(Person.objects.filter(school=staff.school).values_list("full_name", flat=True))
    assert names.index("Đỗ Thị Ân") == names.index("Lê Văn Ánh") - 1 or names[:4].count("Đỗ Thị Ân") == 1
    # The audit entry of the rename names the name, not the sort key.
    from truyenthong.core.models import AuditEntry

    entry = AuditEntry.objects.filter(object_id=str(person.pk)).order_by("-id").first()
    assert "sort_name" not in entry.changes and "full_name" in entry.changes


def _order_in(page: str, names: list[str]) -> list[str]:
    positions = {n: m.start() for n in names if (m := re.search(re.escape(n) + r"\b", page))}
    return sorted(positions, key=positions.get)


def test_every_page_listing_people_lists_them_in_vietnamese_order(staff, client_for):
    code = staff.school.code
    client = client_for(staff.users["principal"])
    pages = [
        f"/truong/{code}/can-bo/",  # the staff register
        f"/truong/{code}/hoat-dong/them/",  # person in charge
        f"/truong/{code}/ho-so/can-bo-truyen-thong/them/",  # a record's person
    ]
    walked = 0
    for url in pages:
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, url
        found = _order_in(response.content.decode(), EXPECTED)
        assert len(found) == len(EXPECTED), (url, set(EXPECTED) - set(found))
        assert found == EXPECTED, url
        walked += 1
    assert walked >= 2
