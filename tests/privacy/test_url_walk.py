"""Every privacy URL (taken from the resolver, not a hand list) for every persona of both schools: nothing of this
school's personal data is reachable by anyone but the roles that hold the action."""

import pytest
from django.urls import get_resolver, reverse

from truyenthong.privacy import services
from truyenthong.privacy.models import Purpose

SCHOOL_ONLY = {"privacy:own-data", "privacy:own-data-json", "privacy:own-data-xlsx"}
# URL name → personas that may GET it on this school; the system administrator may on every school
ALLOWED = {
    "privacy:register": {"admin", "principal"},
    "privacy:consent-list": {"admin", "principal", "comms"},
    "privacy:consent-withdraw": {"admin", "principal", "comms"},
    "privacy:appearance-list": {"admin", "principal", "comms"},
    "privacy:access-log": {"admin", "principal"},
    "privacy:person-erase": {"admin", "principal"},
}
OBJECT_URLS = {
    "privacy:consent-withdraw",
    "privacy:appearance-remove",
    "privacy:person-erase",
}  # this school's rows
POST_ONLY = {
    "privacy:consent-add",
    "privacy:student-add",
    "privacy:appearance-add",
    "privacy:appearance-remove",
}


def _privacy_url_names() -> list[str]:
    resolver = get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if getattr(pattern, "namespace", None) == "privacy":
            names |= {f"privacy:{p.name}" for p in pattern.url_patterns}
    return sorted(names)


def test_the_walk_covers_every_privacy_url():
    assert set(_privacy_url_names()) == set(ALLOWED) | POST_ONLY | SCHOOL_ONLY


@pytest.fixture
def objects(world, make_item):
    consent = services.consent_give(
        school=world.school,
        actor=world.users["comms"],
        person=world.people["teacher"],
        purpose=Purpose.PHOTO,
        given_by="self",
        given_on=__import__("datetime").date(2026, 1, 5),
        evidence="Phiếu",
    )
    item = make_item("Tin có ảnh")
    appearance = services.appearance_add(
        item=item, actor=world.users["comms"], person=world.people["teacher"], purpose=Purpose.PHOTO
    )
    return {"consent_id": consent.pk, "appearance_id": appearance.pk, "person_id": world.people["teacher"].pk}


def _url(name, school_code, objects):
    from django.urls import NoReverseMatch

    for kwargs in (
        {},
        {"code": school_code},
        {"code": school_code, "consent_id": objects["consent_id"]},
        {"code": school_code, "appearance_id": objects["appearance_id"]},
        {"code": school_code, "person_id": objects["person_id"]},
    ):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise AssertionError(name)


PERSONAS = [
    "admin",
    "principal",
    "comms",
    "dept_head",
    "teacher",
    "youth",
    "official",
    "other_official",
    "outsider",
]


def _answer_is_exact(status, *, may_here, may_on_row, about_objects, at_its_school, done) -> bool:
    """The one right answer. A page about a school: done when the persona may act there, else 403. A page about one
    of this school's rows: the row decides — a persona without the right on the row's school is refused (403); one
    with it is answered 404 when the address names another school (the row is not there), done otherwise."""
    if not about_objects:
        return status in done if may_here else status == 403
    if not may_on_row:
        return status == 403
    return status in done if at_its_school else status == 404


@pytest.mark.parametrize("persona", [*PERSONAS, None])
def test_every_privacy_url_answers_each_persona_as_the_rules_say(world, objects, client_for, persona):
    user = world.users[persona] if persona else None
    c = client_for(user)
    wrong = []
    # the outsider leads the other school: its own pages are theirs, this school's objects are not
    home = world.other_school.code if persona in {"outsider"} else world.school.code
    for name in _privacy_url_names():
        if name in SCHOOL_ONLY:
            continue
        for code in (world.school.code, world.other_school.code):
            url = _url(name, code, objects)
            about_objects = name in OBJECT_URLS
            response = c.get(url) if name not in POST_ONLY else c.post(url, {})
            if persona == "admin" and code != world.school.code:
                ok = response.status_code in {
                    200,
                    302,
                    400,
                    404,
                }  # objects of this school under another's address
            elif persona is None:
                ok = response.status_code == 302 and "/dang-nhap/" in response["Location"]
            elif name in POST_ONLY:
                role = "principal" if persona == "outsider" else persona
                ok = _answer_is_exact(
                    response.status_code,
                    may_here=code == home and role in {"admin", "principal", "comms"},
                    may_on_row=home == world.school.code and role in {"admin", "principal", "comms"},
                    about_objects=about_objects,
                    at_its_school=code == world.school.code,
                    done={200, 302, 400},
                )
            else:
                role = "principal" if persona == "outsider" else persona
                ok = _answer_is_exact(
                    response.status_code,
                    may_here=role in ALLOWED[name] and code == home,
                    may_on_row=home == world.school.code and role in ALLOWED[name],
                    about_objects=about_objects,
                    at_its_school=code == world.school.code,
                    done={200},
                )
            if not ok:
                wrong.append(f"{persona} {url} → {response.status_code}")
    assert wrong == []
