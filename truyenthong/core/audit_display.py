"""The audit trail in words: "Nguyễn Văn A đã sửa hoạt động «…»" and, per field, its label with old → new values.

Entries store raw values (ids, ISO dates, choice codes, HTML); this module turns them back into what a school user
reads: field verbose names, choice labels, the related object's name, dates as dd/mm/yyyy HH:MM, text without tags.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags

from truyenthong.core.models import AuditEntry

EMPTY = "(trống)"
HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at", "created_by", "updated_by", "search_text"}
VERBS = {
    AuditEntry.Action.CREATE: "đã tạo",
    AuditEntry.Action.UPDATE: "đã sửa",
    AuditEntry.Action.DELETE: "đã xóa",
    AuditEntry.Action.IMPORT: "đã nhập",
}
MAX_TEXT = 160


@dataclass
class ChangeLine:
    label: str
    old: str
    new: str


def _model_of(entry: AuditEntry):
    try:
        return apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # A reverse relation (another model's foreign key seen from this side) has no label of its own here.
    return field if hasattr(field, "verbose_name") else None


def _capitalised(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _number(value) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral():
        return f"{int(number):,}".replace(",", ".")
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def _datetime(value) -> str:
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")


def _date(value) -> str:
    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


PEOPLE_MODELS = {"org.person", "core.user"}


def _names_a_person(field) -> bool:
    related = getattr(field, "related_model", None)
    return related is not None and related._meta.label_lower in PEOPLE_MODELS


def format_value(field, value, *, hide_people: bool = False) -> str:
    """One stored value as a school user reads it (a person's name left out when `hide_people`)."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if hide_people and field is not None and _names_a_person(field):
        return "—"
    if field is None:
        return _short(strip_tags(str(value))) if not isinstance(value, list | dict) else EMPTY
    if isinstance(value, list):
        base = getattr(field, "base_field", None)
        choices = dict(getattr(base, "flatchoices", None) or getattr(field, "flatchoices", None) or [])
        return ", ".join(str(choices.get(v, v)) for v in value)
    if getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Có" if value else "Không"
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return _short(str(related)) if related is not None else "(đã xóa)"
    if isinstance(field, models.DateTimeField):
        return _datetime(value)
    if isinstance(field, models.DateField):
        return _date(value)
    if isinstance(field, models.TimeField):
        return str(value)[:5]
    if isinstance(field, models.FileField):
        return posixpath.basename(str(value))
    if isinstance(field, models.DecimalField | models.FloatField | models.IntegerField):
        return _number(value)
    if isinstance(value, dict):
        return EMPTY
    return _short(strip_tags(str(value)))


def change_lines(entry: AuditEntry, *, hide_people: bool = False) -> list[ChangeLine]:
    model = _model_of(entry)
    lines = []
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    for name, pair in changes.items():
        if name in HIDDEN_FIELDS or not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        field = _field(model, name)
        label = (
            _capitalised(field.verbose_name) if field is not None else _capitalised(name.replace("_", " "))
        )
        old, new = (format_value(field, v, hide_people=hide_people) for v in pair)
        if old != new:
            lines.append(ChangeLine(label, old, new))
    return lines


def sentence(entry: AuditEntry, *, hide_people: bool = False) -> str:
    """'Nguyễn Văn A đã sửa hoạt động «Sinh hoạt tổ Toán»' (the system when nobody acted)."""
    if hide_people:
        who = "Cán bộ nhà trường" if entry.actor_id else "Hệ thống"
    else:
        who = entry.actor.display_name if entry.actor_id and entry.actor else "Hệ thống"
    model = _model_of(entry)
    what = str(model._meta.verbose_name).lower() if model is not None else "dữ liệu"
    verb = VERBS.get(entry.action, "đã thay đổi")
    names_a_person = model is not None and model._meta.label_lower in PEOPLE_MODELS
    name = (
        f" «{_short(entry.object_repr)}»"
        if entry.object_repr and not (hide_people and names_a_person)
        else ""
    )
    return f"{who} {verb} {what}{name}"
