"""A person's own data (Law 91/2025/QH15: the right to see and obtain it), as JSON and as a workbook.

Generated from the register: every declared model with an `owner` lookup contributes the rows about the person, with
the declared fields under their Vietnamese labels and values as the pages show them (dd/mm/yyyy dates, labels
instead of codes).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal

from django.db import models
from django.utils import timezone

from truyenthong.lib.spreadsheet import safe_row
from truyenthong.org.models import Person
from truyenthong.privacy.register import REGISTER


def _display(obj, name: str) -> str:
    field = obj._meta.get_field(name)
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    value = getattr(obj, name)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, models.Model | str | int):
        return str(value)
    return str(value)


def person_data(person: Person) -> list[dict]:
    """[{"title", "columns", "rows"}] — one section per register entry that holds rows about `person`."""
    sections = []
    for entry in REGISTER:
        if not entry.owner:
            continue
        model = entry.model_class
        qs = model.objects.filter(**{entry.owner: person.pk}).order_by("pk")
        related = [n for n in entry.fields if isinstance(model._meta.get_field(n), models.ForeignKey)]
        if related:
            qs = qs.select_related(*related)
        rows = [[_display(obj, n) for n in entry.fields] for obj in qs]
        sections.append({"title": entry.model_label, "columns": entry.field_labels(), "rows": rows})
    return sections


def as_json(person: Person, sections: list[dict]) -> bytes:
    data = {
        "Họ và tên": person.full_name,
        "Trường": person.school.name,
        "Thời điểm xuất": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "Dữ liệu": [
            {"Nhóm": s["title"], "Bản ghi": [dict(zip(s["columns"], row, strict=True)) for row in s["rows"]]}
            for s in sections
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:28].strip() or "Dữ liệu"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


def as_xlsx(person: Person, sections: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "Tổng quan"
    summary.append(["Dữ liệu cá nhân của", person.full_name])
    summary.append(["Trường", person.school.name])
    summary.append(["Thời điểm xuất", timezone.localtime().strftime("%d/%m/%Y %H:%M")])
    summary.append([])
    summary.append(["Nhóm dữ liệu", "Số bản ghi"])
    used = {"Tổng quan"}
    for section in sections:
        summary.append(safe_row([section["title"], len(section["rows"])]))
        sheet = book.create_sheet(_sheet_title(section["title"], used))
        sheet.append(safe_row(section["columns"]))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section["rows"]:
            sheet.append(safe_row(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
