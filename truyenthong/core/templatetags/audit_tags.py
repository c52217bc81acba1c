"""Audit entries in words for templates (see core/audit_display.py)."""

from django import template

from truyenthong.core import audit_display

register = template.Library()


@register.filter
def audit_sentence(entry) -> str:
    return audit_display.sentence(entry)


@register.filter
def audit_changes(entry) -> list:
    return audit_display.change_lines(entry)
