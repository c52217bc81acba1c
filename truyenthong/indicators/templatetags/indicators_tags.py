"""Template helpers for indicator pages: the sparkline and a value formatted the Vietnamese way."""

from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

from truyenthong.indicators.charts import sparkline

register = template.Library()


@register.simple_tag
def spark(row):
    return mark_safe(sparkline(row.trend, target=row.target_value, percent=row.is_percent))  # noqa: S308 — escaped


@register.filter
def vn_number(value):
    """12.50 → "12,5"; 100.00 → "100"; None → "—"."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value.quantize(Decimal('0.1')):f}"
    return text.replace(".", ",")
