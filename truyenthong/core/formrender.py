"""One form layout for the whole product: Django's form renderer pointed at our templates.

`{{ form }}` anywhere renders `forms/form.html` (an error summary at the top, then each field with its label above,
a required mark, help text, the widget and its errors under it) and carries a one-time form key that
`core.idempotency` uses to refuse a second submission of the same form.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

DJANGO_EMPTY_LABELS = {"---------", "- Select an option -"}


def _is_django_empty_label(label) -> bool:
    from django.db.models.fields import BLANK_CHOICE_LABEL

    text = str(label) if label is not None else None
    return text in DJANGO_EMPTY_LABELS or text == str(BLANK_CHOICE_LABEL)


def empty_choice_label(label) -> str:
    """'Đơn vị phụ trách' → '— Chọn đơn vị phụ trách —' (keeps a leading acronym such as 'GVCN' as written)."""
    text = str(label or "").strip().rstrip(":")
    if not text:
        return "— Chọn —"
    first_word = text.split()[0]
    if not first_word.isupper():
        text = text[0].lower() + text[1:]
    return f"— Chọn {text} —"


class FieldWithVietnameseDefaults(BoundField):
    """A bound field whose empty choice reads '— Chọn … —' instead of Django's dashes."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        widget = field.widget
        if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
            placeholder = empty_choice_label(field.label or name)
            if getattr(field, "empty_label", None) is not None and _is_django_empty_label(field.empty_label):
                field.empty_label = placeholder
                # ModelChoiceField copies its iterator to the widget; re-point it at the relabelled field.
                if hasattr(field, "queryset"):
                    widget.choices = field.choices
            elif isinstance(getattr(widget, "choices", None), list):
                widget.choices = [
                    (value, placeholder if value in ("", None) and _is_django_empty_label(label) else label)
                    for value, label in widget.choices
                ]


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = FieldWithVietnameseDefaults
