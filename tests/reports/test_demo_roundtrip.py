"""What a province does on PostgreSQL (issue 15): build the demo through `truyenthong demo`, generate every report
kind twice, import the demo's plan again, download every file. Then walk every model field with a max_length and
check that every value our code generated fits its column: PostgreSQL refuses a longer value, SQLite silently keeps
it, so on SQLite this walk is what catches the fault."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.conftest import SEED_PATH

pytestmark = pytest.mark.django_db


def overlong_values() -> list[str]:
    """Every stored value longer than its field's max_length, as "app.Model.field (pk): length > max"."""
    from django.apps import apps
    from django.db.models import CharField, FileField, Q
    from django.db.models.functions import Length

    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, CharField | FileField) and f.max_length and f.model is model
        ]
        for f in fields:
            too_long = model._default_manager.annotate(_len=Length(f.attname)).filter(
                Q(_len__gt=f.max_length)
            )
            for pk, value in too_long.values_list("pk", f.attname)[:5]:
                found.append(f"{model._meta.label}.{f.name} ({pk}): {len(value)} > {f.max_length}")
    return found


def test_demo_then_every_report_twice_then_the_plan_again_then_every_download(
    client_for, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from truyenthong.org.models import Organisation
    from truyenthong.plans.services import plan_import
    from truyenthong.reports.models import Report
    from truyenthong.reports.services import FORMATS, report_generate_now
    from truyenthong.reports.views import DOWNLOADS

    call_command("demo", stdout=io.StringIO())
    from truyenthong.org.demo import SCHOOL_CODE

    school = Organisation.objects.get(code=SCHOOL_CODE, kind=Organisation.Kind.SCHOOL)
    reports = list(Report.objects.filter(school=school))
    assert {r.kind for r in reports} == set(Report.Kind.values)
    old_names = {r.pk: {f: getattr(r, f).name for f in FORMATS} for r in reports}
    for report in reports:
        for _ in range(2):
            with django_capture_on_commit_callbacks(
                execute=True
            ):  # the old files go once the new names commit
                report = report_generate_now(report)
        for field in FORMATS:
            name = getattr(report, field).name
            assert name.startswith("private/reports/") and len(name) <= 100, name
            assert name != old_names[report.pk][field]
            assert not getattr(report, field).storage.exists(old_names[report.pk][field]), (
                "old file left behind"
            )

    leader = get_user_model().objects.get(username="hieutruong")
    plan = plan_import(
        organisation=school,
        data=SEED_PATH.read_bytes(),
        filename=SEED_PATH.name,
        actor=leader,
        max_bytes=10 * 1024 * 1024,
    )
    client = client_for(leader)
    response = client.get(f"/ke-hoach/{plan.pk}/xuat-word/")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    for report in Report.objects.filter(school=school):
        for fmt in DOWNLOADS:
            response = client.get(f"/bao-cao/{report.pk}/tai-ve/{fmt}/")
            assert response.status_code == 200, (report.kind, fmt)
            disposition = response["Content-Disposition"]
            assert "filename*=UTF-8''" in disposition and 'filename="' in disposition
            assert b"".join(response.streaming_content)

    assert overlong_values() == []


def test_the_walk_finds_a_value_longer_than_its_column(world):
    """The walk itself must see a fault (SQLite keeps an overlong value; PostgreSQL would refuse the write)."""
    from django.db import connection

    from truyenthong.org.models import Organisation

    if connection.vendor != "sqlite":
        pytest.skip("only SQLite stores a value longer than its column")
    Organisation.objects.filter(pk=world.school.pk).update(name="x" * 1000)
    assert any(line.startswith("org.Organisation.name") for line in overlong_values())


def test_every_plan_of_the_corpus_imports_with_values_that_fit_their_columns(world):
    """Whatever the plan documents say (long numbers, titles, headings), what is stored fits: every plan under
    tests/data/plans and the seed, imported into one school, then the walk."""
    from pathlib import Path

    from truyenthong.core.errors import AppError
    from truyenthong.plans.services import plan_import

    corpus = Path(__file__).resolve().parent.parent / "data" / "plans"
    paths = [SEED_PATH, *sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".docx", ".pdf"))]
    imported = 0
    for path in paths:
        try:
            plan_import(
                organisation=world.school,
                data=path.read_bytes(),
                filename=path.name,
                actor=world.users["principal"],
                max_bytes=10 * 1024 * 1024,
            )
            imported += 1
        except AppError:
            continue  # a document the reader refuses (with its message) stores nothing
    assert imported >= 3
    assert overlong_values() == []
