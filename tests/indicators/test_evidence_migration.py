"""Evidence files stored before names were private (`indicators/evidence/<year>/<original name>`, guessable and served
by /media/) are moved by migration 0004 to unguessable private names, and the rows follow; running it again does
nothing, and files already private or missing are left alone."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

pytestmark = pytest.mark.django_db

MIGRATION = "truyenthong.indicators.migrations.0004_evidence_files_to_private_names"
OLD = "indicators/evidence/2025/Danh sách học sinh lớp 10A1.pdf"
PDF = b"%PDF-1.4\n% minh chung\n"


@pytest.fixture
def entries(world_with_plan):
    from truyenthong.indicators.models import Indicator, ManualEntry
    from truyenthong.indicators.services import indicators_create_defaults

    w = world_with_plan
    indicators_create_defaults(plan=w.plan, actor=w.users["principal"])
    first, second, third = Indicator.objects.filter(school=w.school).order_by("pk")[:3]
    old = default_storage.save(OLD, ContentFile(PDF))
    public = ManualEntry.objects.create(
        indicator=first, school=w.school, period_key="2025-2026", evidence_file=old
    )
    private = ManualEntry.objects.create(indicator=second, school=w.school, period_key="2025-2026")
    private.evidence_file.save("bien-ban.pdf", ContentFile(PDF))
    missing = ManualEntry.objects.create(
        indicator=third,
        school=w.school,
        period_key="2025-2026",
        evidence_file="indicators/evidence/2025/mat.pdf",
    )
    return w, old, public, private, missing


def migrate_forwards():
    importlib.import_module(MIGRATION).forwards(apps, None)


def test_the_migration_moves_an_old_public_evidence_file_to_a_private_unguessable_name(entries, client_for):
    w, old, public, private, missing = entries
    private_name = private.evidence_file.name

    migrate_forwards()

    public.refresh_from_db()
    new = public.evidence_file.name
    assert new.startswith("private/indicators/evidence/") and new.endswith(".pdf")
    assert "10A1" not in new and "Danh" not in new
    with default_storage.open(new, "rb") as handle:
        assert handle.read() == PDF
    assert not default_storage.exists(old)
    assert client_for(None).get("/media/" + old).status_code == 404
    # The school still downloads it, through the permission-checked view
    response = client_for(w.users["principal"]).get(reverse("indicators:entry-evidence", args=[public.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    # Must not move: a file already private, a row whose file is gone
    private.refresh_from_db()
    missing.refresh_from_db()
    assert private.evidence_file.name == private_name
    assert missing.evidence_file.name == "indicators/evidence/2025/mat.pdf"


def test_running_it_again_changes_nothing(entries):
    from truyenthong.indicators.evidence_files import move_public_evidence
    from truyenthong.indicators.models import ManualEntry

    migrate_forwards()
    names = dict(ManualEntry.objects.values_list("pk", "evidence_file"))
    assert move_public_evidence(ManualEntry) == 0
    assert dict(ManualEntry.objects.values_list("pk", "evidence_file")) == names
