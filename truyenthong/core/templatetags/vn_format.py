"""Numbers on pages written the Vietnamese way (48.900; 77,8%), by the same functions the report renderers use.

Loaded for every template (TEMPLATES builtins): ``{{ n|vn_number }}``, ``{{ mean|vn_number:2 }}``,
``{{ rate|vn_percent }}``; None or an empty value prints "—". ``{{ period.label|in_sentence }}`` puts a label
inside a sentence keeping its Roman numerals ("học kỳ II"), where ``|lower`` would write "học kỳ ii".
"""

from django import template

from truyenthong.lib.numbers_vi import format_number_vi, format_percent_vi
from truyenthong.lib.vntext import in_sentence as _in_sentence

register = template.Library()


def _decimals(arg) -> int:
    try:
        return max(0, int(arg))
    except (TypeError, ValueError):
        return 1


@register.filter
def vn_number(value, decimals=1):
    """48900 → "48.900"; 12.50 → "12,5"; -1234.5 → "-1.234,5"; None → "—"."""
    return format_number_vi(value, decimals=_decimals(decimals))


@register.filter
def vn_percent(value, decimals=1):
    """77.75 → "77,8%"; 100 → "100%"; None → "—" (never "None%" or "0%" for a missing value)."""
    return format_percent_vi(value, decimals=_decimals(decimals))


@register.filter
def in_sentence(value):
    """ "Học kỳ II năm học 2026-2027" → "học kỳ II năm học 2026-2027"."""
    return _in_sentence(str(value)) if value is not None else ""
