"""Imports of staff and classes from spreadsheets: a preview that writes nothing, and an all-or-nothing commit.

The preview reads the file (`imports.read_sheet`), checks rows (`imports.check_people`/`check_classes`), then
matches them against the school: a person by staff code, else by email; a class by school year and name. The result
is a plan (rows to create, rows to update with each field's old → new value, errors) and a fingerprint of that plan.
The commit is given the same sheet and the fingerprint the user saw; it recomputes the plan inside one transaction
and writes only if the plan has no errors and is still the one the user confirmed. Blank cells keep the value already
stored (a list without emails does not erase them).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction

from truyenthong.core import uploads
from truyenthong.core.audit import audit_create, audit_record
from truyenthong.core.errors import ConflictError, InvalidInput
from truyenthong.core.models import AuditEntry
from truyenthong.core.versioning import update_versioned
from truyenthong.lib.spreadsheet import safe_row
from truyenthong.lib.vntext import fold
from truyenthong.org import imports
from truyenthong.org.imports import RowError, Sheet
from truyenthong.org.models import Membership, Organisation, Person, SchoolClass
from truyenthong.org.services import person_create, school_class_create

PERSON_LABELS = {
    "code": "Mã CB",
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "email": "Email",
    "phone": "Điện thoại",
    "position": "Chức vụ",
    "category": "Loại",
    "subject": "Môn",
    "active_from": "Ngày bắt đầu",
    "active_to": "Ngày kết thúc",
    "units": "Tổ/Đơn vị",
}
CLASS_LABELS = {
    "school_year": "Năm học",
    "name": "Lớp",
    "grade": "Khối",
    "student_count": "Sĩ số",
    "homeroom_teacher_id": "GVCN",
}


class ImportRejected(InvalidInput):
    """The import has row errors; nothing was written. `row_errors` lists them."""

    def __init__(self, message: str, *, row_errors: list[RowError]):
        super().__init__(message, errors=[f"Dòng {e.row}, cột «{e.column}»: {e.message}" for e in row_errors])
        self.row_errors = row_errors


@dataclass
class Change:
    """One row of the plan: what is created or updated, with old → new per field (display values)."""

    row: int
    label: str
    values: dict = field(default_factory=dict)  # field → value to write
    display: list[tuple[str, str, str]] = field(default_factory=list)  # (column, old, new)
    target_id: int | None = None
    target_version: int | None = None
    add_units: list[tuple[int, str]] = field(default_factory=list)  # (unit id, membership role)


@dataclass
class ImportPlan:
    kind: str
    sheet: Sheet
    creates: list[Change] = field(default_factory=list)
    updates: list[Change] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """What the user confirms: every write and the version of every record it touches."""
        data = [
            [
                c.row,
                c.target_id,
                c.target_version,
                sorted((k, str(v)) for k, v in c.values.items()),
                c.add_units,
            ]
            for c in self.creates + self.updates
        ]
        data.append([[e.row, e.column, e.message] for e in self.errors])
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:32]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def has_writes(self) -> bool:
        return bool(self.creates or self.updates)


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def import_sheet_read(*, data: bytes, filename: str, kind: str, max_bytes: int) -> Sheet:
    """Check the upload (extension, signature, size) and read its table."""
    ext = uploads.check_upload(
        name=filename,
        data=data,
        kinds=(uploads.XLSX, uploads.CSV),
        max_bytes=max_bytes,
        field="Tệp danh sách",
    )
    return imports.read_sheet(data=data, ext=ext, kind=kind)


# -- people ---------------------------------------------------------------------------------------------------------


def _unit_index(school: Organisation) -> tuple[dict[str, int], dict[int, str], list[str]]:
    units = list(Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT).order_by("path"))
    index: dict[str, int] = {}
    for unit in units:
        for key in imports.unit_keys(unit.name, unit.short_name):
            index.setdefault(key, unit.pk)
    return index, {u.pk: u.name for u in units}, [u.name for u in units]


def _people_plan(*, school: Organisation, sheet: Sheet) -> ImportPlan:
    index, unit_names, names = _unit_index(school)
    rows, errors = imports.check_people(sheet, units=index, unit_names=names)
    plan = ImportPlan("people", sheet, errors=list(errors))
    people = list(Person.objects.filter(school=school).prefetch_related("memberships"))
    by_code = {p.code: p for p in people}
    by_code_folded = {p.code.casefold(): p for p in people}
    by_email = {p.email.lower(): p for p in people if p.email}
    claimed: dict[int, int] = {}
    category_labels = dict(Person.Category.choices)
    gender_labels = dict(Person.Gender.choices)

    def display(name, value):
        if name == "category":
            return category_labels.get(value, value)
        if name == "gender":
            return gender_labels.get(value, value)
        return _show(value)

    column = sheet.column
    for row in rows:
        found_by_code = by_code.get(row.code) or by_code_folded.get(row.code.casefold()) if row.code else None
        found_by_email = by_email.get(row.email) if row.email else None
        if found_by_code and found_by_email and found_by_code.pk != found_by_email.pk:
            plan.errors.append(
                RowError(
                    row.row,
                    column("email"),
                    f"Email «{row.email}» đã là email của {found_by_email.full_name} "
                    f"(mã {found_by_email.code}), không phải của cán bộ mã {row.code}.",
                )
            )
            continue
        person = found_by_code or found_by_email
        role = imports.membership_role(row.values.get("position", ""))
        if person is None:
            if not row.code:
                plan.errors.append(
                    RowError(
                        row.row,
                        column("code"),
                        f"Thiếu mã cán bộ: email «{row.email}» chưa có trong danh sách của trường "
                        "nên cần mã để thêm người mới.",
                    )
                )
                continue
            values = {"category": Person.Category.TEACHER, **row.values}
            change = Change(row.row, f"{values['full_name']} ({row.code})", values=values)
            change.display = [(PERSON_LABELS[k], "", display(k, v)) for k, v in values.items()]
            change.add_units = [(uid, role) for uid in row.unit_ids]
            if row.unit_ids:
                change.display.append(
                    (PERSON_LABELS["units"], "", ", ".join(unit_names[u] for u in row.unit_ids))
                )
            plan.creates.append(change)
            continue
        if (first := claimed.get(person.pk)) is not None:
            plan.errors.append(
                RowError(
                    row.row,
                    column("code" if found_by_code else "email"),
                    f"Dòng này và dòng {first} cùng là cán bộ {person.full_name} ({person.code}).",
                )
            )
            continue
        claimed[person.pk] = row.row
        changes = {k: v for k, v in row.values.items() if getattr(person, k) != v}
        if "code" in changes and changes["code"].casefold() == person.code.casefold():
            del changes["code"]
        if "email" in changes and changes["email"] == (person.email or "").lower():
            del changes["email"]
        current_units = {m.unit_id for m in person.memberships.all()}
        new_units = [uid for uid in row.unit_ids if uid not in current_units]
        if not changes and not new_units:
            plan.unchanged.append(row.row)
            continue
        change = Change(
            row.row,
            f"{person.full_name} ({person.code})",
            values=changes,
            target_id=person.pk,
            target_version=person.version,
            add_units=[(uid, role) for uid in new_units],
        )
        change.display = [
            (PERSON_LABELS[k], display(k, getattr(person, k)), display(k, v)) for k, v in changes.items()
        ]
        if new_units:
            change.display.append(
                (
                    PERSON_LABELS["units"],
                    ", ".join(unit_names.get(u, "") for u in current_units if u in unit_names) or "—",
                    "thêm " + ", ".join(unit_names[u] for u in new_units),
                )
            )
        plan.updates.append(change)
    plan.errors.sort(key=lambda e: e.row)
    return plan


def people_import_preview(*, school: Organisation, data: bytes, filename: str, max_bytes: int) -> ImportPlan:
    """Read and check a staff list against the school; writes nothing."""
    sheet = import_sheet_read(data=data, filename=filename, kind="people", max_bytes=max_bytes)
    return _people_plan(school=school, sheet=sheet)


def people_import_plan(*, school: Organisation, sheet: Sheet) -> ImportPlan:
    """The plan for a sheet already read (the preview page shows it again after a reload)."""
    return _people_plan(school=school, sheet=sheet)


def _check_confirmed(plan: ImportPlan, fingerprint: str) -> None:
    if plan.errors:
        raise ImportRejected(
            f"Có {len(plan.errors)} lỗi trong tệp; chưa có dòng nào được ghi. Hãy sửa tệp rồi nhập lại.",
            row_errors=plan.errors,
        )
    if plan.fingerprint != fingerprint:
        raise ConflictError(
            "Dữ liệu của trường đã thay đổi từ lúc xem trước nên kết quả nhập cũng khác; chưa có dòng nào được ghi. "
            "Hãy xem lại bản xem trước mới rồi xác nhận."
        )


@transaction.atomic
def people_import_commit(
    *, school: Organisation, sheet: Sheet, fingerprint: str, actor, filename: str = ""
) -> ImportResult:
    """Write the confirmed staff import, all or nothing; each created or changed person is audited (old → new)."""
    plan = _people_plan(school=school, sheet=sheet)
    _check_confirmed(plan, fingerprint)
    for change in plan.creates:
        person = person_create(school=school, actor=actor, **change.values)
        _add_memberships(person, change.add_units, actor=actor, school=school)
    for change in plan.updates:
        person = Person.objects.get(pk=change.target_id, school=school)
        if change.values:
            update_versioned(
                instance=person,
                expected_version=change.target_version,
                changes=change.values,
                actor=actor,
                organisation=school,
            )
        _add_memberships(person, change.add_units, actor=actor, school=school)
    result = ImportResult(len(plan.creates), len(plan.updates), len(plan.unchanged))
    _audit_import(school=school, actor=actor, what="people", result=result, filename=filename)
    return result


def _add_memberships(person: Person, units: list[tuple[int, str]], *, actor, school: Organisation) -> None:
    for unit_id, role in units:
        membership = Membership(person=person, unit_id=unit_id, role=role, start=person.active_from)
        membership.full_clean()
        membership.save()
        audit_create(actor=actor, instance=membership, organisation=school)


def _audit_import(*, school, actor, what: str, result: ImportResult, filename: str) -> None:
    summary = f"thêm {result.created}, cập nhật {result.updated}, giữ nguyên {result.unchanged}"
    audit_record(
        actor=actor,
        instance=school,
        action=AuditEntry.Action.IMPORT,
        changes={what: [None, summary + (f" — tệp {filename}" if filename else "")]},
        organisation=school,
    )


# -- classes --------------------------------------------------------------------------------------------------------


def _classes_plan(*, school: Organisation, sheet: Sheet, default_year: str = "") -> ImportPlan:
    people = list(Person.objects.filter(school=school).only("pk", "code", "full_name"))
    by_code = {p.code.casefold(): p.pk for p in people}
    by_name: dict[str, list[int]] = {}
    for p in people:
        by_name.setdefault(" ".join(fold(p.full_name).split()), []).append(p.pk)
    names = {p.pk: f"{p.full_name} ({p.code})" for p in people}
    rows, errors = imports.check_classes(
        sheet, teachers_by_code=by_code, teachers_by_name=by_name, default_year=default_year
    )
    plan = ImportPlan("classes", sheet, errors=list(errors))
    existing = {
        (c.school_year, imports.class_key(c.name)): c for c in SchoolClass.objects.filter(school=school)
    }

    def display(name, value):
        return names.get(value, "—") if name == "homeroom_teacher_id" else _show(value)

    for row in rows:
        current = existing.get((row.school_year, imports.class_key(row.name)))
        if current is None:
            values = {"school_year": row.school_year, "name": row.name, **row.values}
            change = Change(row.row, f"{row.name} ({row.school_year})", values=values)
            change.display = [(CLASS_LABELS[k], "", display(k, v)) for k, v in values.items()]
            plan.creates.append(change)
            continue
        changes = {k: v for k, v in row.values.items() if getattr(current, k) != v}
        if not changes:
            plan.unchanged.append(row.row)
            continue
        change = Change(
            row.row, str(current), values=changes, target_id=current.pk, target_version=current.version
        )
        change.display = [
            (CLASS_LABELS[k], display(k, getattr(current, k)), display(k, v)) for k, v in changes.items()
        ]
        plan.updates.append(change)
    return plan


def classes_import_preview(
    *, school: Organisation, data: bytes, filename: str, max_bytes: int, default_year: str = ""
) -> ImportPlan:
    """Read and check a class list against the school; writes nothing."""
    sheet = import_sheet_read(data=data, filename=filename, kind="classes", max_bytes=max_bytes)
    return _classes_plan(school=school, sheet=sheet, default_year=default_year)


def classes_import_plan(*, school: Organisation, sheet: Sheet, default_year: str = "") -> ImportPlan:
    return _classes_plan(school=school, sheet=sheet, default_year=default_year)


@transaction.atomic
def classes_import_commit(
    *, school: Organisation, sheet: Sheet, fingerprint: str, actor, default_year: str = "", filename: str = ""
) -> ImportResult:
    """Write the confirmed class import, all or nothing, audited."""
    plan = _classes_plan(school=school, sheet=sheet, default_year=default_year)
    _check_confirmed(plan, fingerprint)
    for change in plan.creates:
        school_class_create(school=school, actor=actor, **change.values)
    for change in plan.updates:
        school_class = SchoolClass.objects.get(pk=change.target_id, school=school)
        update_versioned(
            instance=school_class,
            expected_version=change.target_version,
            changes=change.values,
            actor=actor,
            organisation=school,
        )
    result = ImportResult(len(plan.creates), len(plan.updates), len(plan.unchanged))
    _audit_import(school=school, actor=actor, what="classes", result=result, filename=filename)
    return result


# -- the template file ----------------------------------------------------------------------------------------------


def import_template_xlsx(*, school: Organisation, kind: str) -> bytes:
    """An .xlsx with the expected headers, one example row, and a sheet listing the school's units and the codes."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    units = list(Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT).order_by("path"))
    if kind == "people":
        sheet.title = "Cán bộ"
        headers = [
            "Mã CB",
            "Họ và tên",
            "Giới tính",
            "Email",
            "Điện thoại",
            "Chức vụ",
            "Loại",
            "Môn",
            "Tổ",
            "Ngày bắt đầu",
            "Ngày kết thúc",
        ]
        example = [
            "GV101",
            "Nguyễn Văn An",
            "Nam",
            "an.nv@example.edu.vn",
            "0912345678",
            "Giáo viên",
            "Giáo viên",
            "Toán",
            units[0].name if units else "",
            "05/09/2026",
            "",
        ]
    else:
        sheet.title = "Lớp"
        headers = ["Năm học", "Lớp", "Khối", "Sĩ số", "GVCN"]
        example = ["2026-2027", "10A1", 10, 40, "GV101"]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(safe_row(example))
    for column, header in zip("ABCDEFGHIJK", headers, strict=False):
        sheet.column_dimensions[column].width = max(12, len(header) + 4)
        sheet[f"{column}2"].number_format = "@"
    help_sheet = book.create_sheet("Hướng dẫn")
    help_sheet.append(["Dòng 1 là tiêu đề, dữ liệu bắt đầu từ dòng 2; xóa dòng ví dụ trước khi nhập."])
    help_sheet.append(["Ngày ghi dạng dd/mm/yyyy. Ô để trống: giữ nguyên thông tin đang có của cán bộ/lớp."])
    help_sheet.append(["Nhập lại cùng tệp sẽ cập nhật theo Mã CB (hoặc Email), không tạo bản trùng."])
    if kind == "people":
        help_sheet.append([])
        help_sheet.append(["Loại (cột «Loại»)"])
        for label in imports.CATEGORY_LABELS.values():
            help_sheet.append([label])
        help_sheet.append([])
        help_sheet.append(["Tổ/Đơn vị của trường (cột «Tổ»)"])
        for unit in units:
            help_sheet.append(safe_row([unit.name]))
        validation = DataValidation(
            type="list", formula1='"' + ",".join(imports.CATEGORY_LABELS.values()) + '"', allow_blank=True
        )
        sheet.add_data_validation(validation)
        validation.add("G2:G2000")
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
