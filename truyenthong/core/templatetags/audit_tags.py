"""Audit entries in words for templates (see core/audit_display.py).

`hide_staff_names` (set for Sở officials) leaves out who acted and any person named in the changes.
"""

from django import template

from truyenthong.core import audit_display

register = template.Library()


@register.filter
def audit_sentence(entry, hide_staff_names=False) -> str:
    return audit_display.sentence(entry, hide_people=bool(hide_staff_names))


@register.filter
def audit_changes(entry, hide_staff_names=False) -> list:
    return audit_display.change_lines(entry, hide_people=bool(hide_staff_names))
