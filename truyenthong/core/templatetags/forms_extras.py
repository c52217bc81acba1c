"""Template helpers for the shared form layout."""

import uuid

from django import forms, template
from django.utils.html import format_html

from truyenthong.core.idempotency import FORM_KEY_FIELD

register = template.Library()


@register.simple_tag
def form_key():
    """A fresh one-time key: the server accepts one submission carrying it (see core.idempotency)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FORM_KEY_FIELD, uuid.uuid4().hex)


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)
