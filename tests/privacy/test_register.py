"""The register of personal data: it matches the models, leadership sees it, and reading it is logged."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from truyenthong.privacy.models import AccessLog
from truyenthong.privacy.register import CATEGORIES, REGISTER, register_markdown, retention_days

PERSONAL_NAMES = {"full_name", "email", "phone", "student_name", "birth_date", "first_name", "last_name"}


def _declared() -> dict[str, set[str]]:
    declared: dict[str, set[str]] = {}
    for entry in REGISTER:
        declared.setdefault(entry.model.lower(), set()).update(entry.fields)
    return declared


def test_every_declared_field_exists_and_every_owner_lookup_resolves(db):

    for entry in REGISTER:
        model = entry.model_class
        for name in entry.fields:
            model._meta.get_field(name)  # raises if the declaration went stale
        assert entry.category in CATEGORIES
        if entry.owner:
            model.objects.filter(**{entry.owner: 1}).exists()  # the lookup is valid SQL
        for name in entry.scrub:
            assert name in entry.fields or name in {"code"}, (entry.model, name)


def test_every_personal_field_of_every_model_is_declared():
    """A new link to a staff record, or a new name/email/phone/birth-date field, must enter the register."""
    from truyenthong.org.models import Person

    declared = _declared()
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("truyenthong."):
            continue
        label = model._meta.label_lower
        for field in model._meta.concrete_fields:
            personal = field.name in PERSONAL_NAMES or (
                isinstance(field, models.ForeignKey) and field.related_model is Person
            )
            if personal and field.name not in declared.get(label, set()):
                missing.append(f"{label}.{field.name}")
    assert missing == []


def test_retention_periods_come_from_the_setting_when_given(settings):
    assert retention_days("staff") == 5 * 365
    settings.PRIVACY_RETENTION_DAYS = {"staff": 30}
    assert retention_days("staff") == 30


def test_the_markdown_table_has_one_row_per_declared_model(capsys):
    call_command("privacy_register")
    out = capsys.readouterr().out
    assert out.strip() == register_markdown().strip()
    assert out.count("\n| ") == len(REGISTER)
    assert "Họ và tên" in out and "Ban giám hiệu" in out


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("principal", 200),
        ("admin", 200),
        ("comms", 403),
        ("teacher", 403),
        ("official", 403),
        ("outsider", 403),
    ],
)
def test_only_leadership_of_the_school_sees_the_register(world, client_for, persona, status):
    response = client_for(world.users[persona]).get(reverse("privacy:register", args=[world.school.code]))
    assert response.status_code == status
    if status == 200:
        text = response.content.decode()
        assert "Danh mục dữ liệu cá nhân" in text
        assert "Điểm danh" in text and "Giải thưởng của học sinh" in text
        assert "org.Person" not in text and "full_name" not in text  # labels, never codes


def test_anonymous_visitors_are_sent_to_the_login_page(world, client):
    response = client.get(reverse("privacy:register", args=[world.school.code]))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_reading_the_register_is_logged(world, client_for):
    client_for(world.users["principal"]).get(reverse("privacy:register", args=[world.school.code]))
    entry = AccessLog.objects.get()
    assert entry.user == world.users["principal"] and entry.kind == AccessLog.Kind.DATA_REGISTER
    assert entry.school == world.school


def test_every_label_the_register_shows_is_vietnamese():
    for entry in REGISTER:
        meta = entry.model_class._meta
        assert entry.model_label != meta.verbose_name_raw or not entry.model_label.isascii(), entry.model
        for name, label in zip(entry.fields, entry.field_labels(), strict=True):
            assert label != name.replace("_", " "), f"{entry.model}.{name}"
