"""Upload → preview → save, corrections with audit and conflict detection, Word export read back."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.lib.plandoc_helpers import docx_from_text, pdf_from_text, pdf_without_text
from truyenthong.core.models import AuditEntry
from truyenthong.lib.plandoc import parse_plan_file
from truyenthong.plans.models import Measure, Plan, Target, Task

pytestmark = pytest.mark.django_db


def upload(client, school, name, data):
    return client.post(
        reverse("plans:plan-upload", args=[school.code]), {"document": SimpleUploadedFile(name, data)}
    )


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_a_plan_uploaded_as_txt_docx_or_pdf_is_previewed_then_saved(world, client_for, seed_bytes, kind):
    data = {
        "txt": lambda: seed_bytes,
        "docx": lambda: docx_from_text(seed_bytes.decode()),
        "pdf": lambda: pdf_from_text(seed_bytes.decode()),
    }[kind]()
    c = client_for(world.users["principal"])
    response = upload(c, world.school, f"ke-hoach.{kind}", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = c.get(response["Location"])
    body = preview.content.decode()
    assert "35/KH-CLQĐ" in body and "Chỉ tiêu (14)" in body and "Nhiệm vụ và giải pháp (4 nhóm)" in body
    assert not Plan.objects.exists()
    saved = c.post(response["Location"])
    plan = Plan.objects.get()
    assert saved["Location"] == reverse("plans:plan-detail", args=[plan.pk])
    assert plan.targets.count() == 14
    assert [g.tasks.count() for g in plan.task_groups.all()] == [8, 6, 6, 5]
    assert plan.responsibilities.count() == 3 and len(plan.recipients) == 3
    assert plan.signer_name == "Huỳnh Lê Minh"
    assert AuditEntry.objects.filter(action="import", object_id=str(plan.pk)).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.xlsx", b"PK\x03\x04 nothing", "chỉ nhận kế hoạch dạng .docx, .pdf hoặc .txt"),
        ("ke-hoach.txt", b"", "rỗng"),
        ("ke-hoach.docx", b"this is not a zip file at all", "Word"),
        ("ke-hoach.pdf", None, "scan"),
        (
            "thu-moi.txt",
            "Kính gửi quý phụ huynh,\nNhà trường trân trọng kính mời quý vị dự họp.".encode(),
            "không phải",
        ),
    ],
)
def test_bad_plan_files_get_a_clear_vietnamese_message_and_write_nothing(
    world, client_for, name, data, message
):
    data = pdf_without_text() if data is None else data
    response = upload(client_for(world.users["principal"]), world.school, name, data)
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert not Plan.objects.exists()


def test_editing_a_target_is_audited_with_old_and_new_values(world_with_plan, client_for):
    plan = world_with_plan.plan
    target = plan.targets.order_by("order")[2]
    c = client_for(world_with_plan.users["principal"])
    url = reverse("plans:part-edit", args=[plan.pk, "chi-tieu", target.pk])
    response = c.post(
        url,
        {
            "text": "100% cán bộ, giáo viên được học tập nghị quyết.",
            "phase": target.phase_id,
            "version": target.version,
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(
        object_type="plans.target", object_id=str(target.pk), action="update"
    ).get()
    assert entry.actor == world_with_plan.users["principal"]
    assert entry.changes["text"] == [target.text, "100% cán bộ, giáo viên được học tập nghị quyết."]


def test_a_stale_edit_is_refused_instead_of_overwriting_a_newer_one(world_with_plan, client_for):
    plan = world_with_plan.plan
    target = plan.targets.first()
    url = reverse("plans:part-edit", args=[plan.pk, "chi-tieu", target.pk])
    first, second = client_for(world_with_plan.users["principal"]), client_for(world_with_plan.users["admin"])
    assert first.post(url, {"text": "Bản của người thứ nhất", "version": target.version}).status_code == 302
    response = second.post(url, {"text": "Bản của người thứ hai", "version": target.version})
    assert response.status_code == 200
    assert "vừa được người khác sửa" in response.content.decode()
    target.refresh_from_db()
    assert target.text == "Bản của người thứ nhất"


def test_a_measure_with_a_percentage_above_100_is_refused(world_with_plan, client_for):
    plan = world_with_plan.plan
    measure = Measure.objects.filter(target__plan=plan, unit="%").first()
    url = reverse("plans:part-edit", args=[plan.pk, "thuoc-do", measure.pk])
    response = client_for(world_with_plan.users["principal"]).post(
        url, {"comparator": ">=", "value": "120", "unit": "%", "version": measure.version}
    )
    assert "0–100" in response.content.decode()
    measure.refresh_from_db()
    assert measure.value != 120


def test_assigning_a_task_to_units_is_audited(world_with_plan, client_for):
    plan = world_with_plan.plan
    task = Task.objects.filter(group__plan=plan).first()
    url = reverse("plans:part-edit", args=[plan.pk, "nhiem-vu", task.pk])
    response = client_for(world_with_plan.users["principal"]).post(
        url, {"text": task.text, "version": task.version, "assigned_units": [world_with_plan.youth_unit.pk]}
    )
    assert response.status_code == 302
    assert list(task.units.all()) == [world_with_plan.youth_unit]
    assert AuditEntry.objects.filter(object_type="plans.task", changes__has_key="units").exists()


def test_a_task_cannot_be_assigned_to_a_unit_of_another_school(world_with_plan, client_for):
    plan = world_with_plan.plan
    task = Task.objects.filter(group__plan=plan).first()
    url = reverse("plans:part-edit", args=[plan.pk, "nhiem-vu", task.pk])
    response = client_for(world_with_plan.users["principal"]).post(
        url, {"text": task.text, "version": task.version, "assigned_units": [world_with_plan.other_unit.pk]}
    )
    assert response.status_code == 200
    assert world_with_plan.other_unit not in task.units.all()


def test_the_word_export_reads_back_to_the_same_plan(world_with_plan, client_for):
    plan = world_with_plan.plan
    response = client_for(world_with_plan.users["principal"]).get(
        reverse("plans:plan-export", args=[plan.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    data = b"".join(response.streaming_content) if response.streaming else response.content
    doc = parse_plan_file(data, "xuat.docx")
    assert doc.number == "35/KH-CLQĐ"
    assert len(doc.targets) == 14 and [len(g.tasks) for g in doc.task_groups] == [8, 6, 6, 5]
    assert [t.text for t in doc.targets] == [
        t.text for t in Target.objects.filter(plan=plan).order_by("order")
    ]
    assert doc.signer.name == "Huỳnh Lê Minh"


def test_import_plan_command_prints_json_and_writes_nothing_on_dry_run(world, seed_bytes, tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(seed_bytes)
    out = io.StringIO()
    call_command("import_plan", str(path), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["number"] == "35/KH-CLQĐ" and data["date"] == "2026-03-09"
    assert len(data["bases"]) == 3 and len(data["targets"]) == 14
    assert [len(g["tasks"]) for g in data["task_groups"]] == [8, 6, 6, 5]
    assert not Plan.objects.exists()


def test_import_plan_command_saves_into_the_named_school(world, seed_bytes, tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(seed_bytes)
    call_command("import_plan", str(path), "--org", world.school.code, stdout=io.StringIO())
    assert Plan.objects.get().organisation == world.school


def test_imported_tasks_are_assigned_to_units_named_in_them(world_with_plan):
    plan = world_with_plan.plan
    group1 = plan.task_groups.get(number="1")
    party = group1.tasks.get(text__startswith="Lồng ghép nội dung Nghị quyết")
    assert world_with_plan.math_unit in party.units.all()
    assert all(t.units.exists() for t in Task.objects.filter(group__plan=plan))
