"""Numbers written the Vietnamese way: a dot between thousands and a comma before decimals (48.900; 77,8%)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

DASH = "—"


def format_number_vi(value, *, decimals: int = 1) -> str:
    """48900 → "48.900"; 77.75 → "77,8"; 100.0 → "100"; -1234.5 → "-1.234,5"; None or not a number → "—".

    Whole numbers print without decimals; others are rounded half-even to `decimals` places (as the dashboard does), trailing zeros dropped.
    """
    if value is None or value == "" or isinstance(value, bool):
        return DASH
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return DASH
    if not number.is_finite():
        return DASH
    step = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    rounded = number.quantize(step, rounding=ROUND_HALF_EVEN)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def format_percent_vi(value, *, decimals: int = 1) -> str:
    """77.75 → "77,8%"; None → "—"."""
    text = format_number_vi(value, decimals=decimals)
    return text if text == DASH else f"{text}%"
