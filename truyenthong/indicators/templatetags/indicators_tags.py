"""Template helpers for indicator pages: the sparkline (numbers go through the vn_number builtin of core)."""

from django import template
from django.utils.safestring import mark_safe

from truyenthong.indicators.charts import sparkline

register = template.Library()


@register.simple_tag
def spark(row):
    return mark_safe(sparkline(row.trend, target=row.target_value, percent=row.is_percent))  # noqa: S308 — escaped
