"""Date and time fields as Vietnamese users type them: dd/mm/yyyy, HH:MM (24 h), whatever the browser's language.

A browser's own `<input type="date">`/`type="time"` shows the format of the browser's language (mm/dd/yyyy and AM/PM
on an English Chromium), so every form uses these text widgets instead: the value is written dd/mm/yyyy, a
placeholder shows the form, a phone opens its number keyboard. The fields accept what `formats/vi` lists
(dd/mm/yyyy, and yyyy-mm-dd for pasted values). `install_defaults()` (called by core's AppConfig) makes them the
default widgets of Django's DateField, TimeField and DateTimeField, so a model form's date field gets them too.
"""

from __future__ import annotations

from django import forms

DATE_FORMAT = "%d/%m/%Y"
TIME_FORMAT = "%H:%M"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%Hg%M"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
]


def _attrs(extra: dict, defaults: dict) -> dict:
    return {**defaults, **(extra or {})}


class DateInput(forms.DateInput):
    """A date typed dd/mm/yyyy."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):  # noqa: A002 — Django's argument name
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "date",
        }
        super().__init__(attrs=_attrs(attrs, defaults), format=format or DATE_FORMAT)


class TimeInput(forms.TimeInput):
    """A time of day typed HH:MM, 24 hours."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):  # noqa: A002
        defaults = {"placeholder": "HH:MM", "inputmode": "numeric", "autocomplete": "off", "class": "time"}
        super().__init__(attrs=_attrs(attrs, defaults), format=format or TIME_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """A moment typed "dd/mm/yyyy HH:MM"."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):  # noqa: A002
        defaults = {"placeholder": "dd/mm/yyyy HH:MM", "autocomplete": "off", "class": "datetime"}
        super().__init__(attrs=_attrs(attrs, defaults), format=format or DATETIME_FORMAT)


def DateField(**kwargs) -> forms.DateField:  # noqa: N802 — reads as the field it builds
    kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
    kwargs.setdefault("widget", DateInput())
    return forms.DateField(**kwargs)


def TimeField(**kwargs) -> forms.TimeField:  # noqa: N802
    kwargs.setdefault("input_formats", TIME_INPUT_FORMATS)
    kwargs.setdefault("widget", TimeInput())
    return forms.TimeField(**kwargs)


def DateTimeField(**kwargs) -> forms.DateTimeField:  # noqa: N802
    kwargs.setdefault("input_formats", DATETIME_INPUT_FORMATS)
    kwargs.setdefault("widget", DateTimeInput())
    return forms.DateTimeField(**kwargs)


def install_defaults() -> None:
    """Our widgets become the defaults of Django's date and time form fields (model forms included)."""
    forms.DateField.widget = DateInput
    forms.TimeField.widget = TimeInput
    forms.DateTimeField.widget = DateTimeInput
