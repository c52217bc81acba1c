"""Turning counts into a value and a status (đạt / có nguy cơ / chưa đạt / chưa có dữ liệu); pure arithmetic."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MET, AT_RISK, NOT_MET, NO_DATA, UNDEFINED = "met", "at_risk", "not_met", "no_data", "undefined"
HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def ratio(numerator: Decimal | None, denominator: Decimal | None, *, percent: bool) -> Decimal | None:
    """numerator ÷ denominator (× 100 for a percentage), or None when there is nothing to divide by."""
    if numerator is None:
        return None
    if denominator is None:
        return Decimal(numerator).quantize(TWO_PLACES, ROUND_HALF_UP)
    if denominator == 0:
        return None
    value = Decimal(numerator) / Decimal(denominator) * (HUNDRED if percent else 1)
    return value.quantize(TWO_PLACES, ROUND_HALF_UP)


def status_of(
    value: Decimal | None,
    *,
    comparator: str,
    target: Decimal | None,
    margin: Decimal = Decimal(10),
    previous: Decimal | None = None,
) -> str:
    """The status of `value` against the target; "increase"/"decrease" compare with the previous period's value."""
    if value is None:
        return NO_DATA
    margin = abs(margin or Decimal(0))
    if comparator == "zero":
        return MET if value == 0 else NOT_MET
    if comparator in ("increase", "decrease"):
        if previous is None:
            # Nothing to compare with yet: judge against the target value when the plan gives one.
            if target is None:
                return NO_DATA
            comparator = ">=" if comparator == "increase" else "<="
        else:
            better = value > previous if comparator == "increase" else value < previous
            if better:
                return MET
            return AT_RISK if value == previous else NOT_MET
    if target is None:
        return NO_DATA
    if comparator == ">=":
        if value >= target:
            return MET
        return AT_RISK if value >= target - margin else NOT_MET
    if comparator == "<=":
        if value <= target:
            return MET
        return AT_RISK if value <= target + margin else NOT_MET
    if comparator == "=":
        if value == target:
            return MET
        return AT_RISK if abs(value - target) <= margin else NOT_MET
    return NO_DATA


STATUS_LABELS = {
    MET: "Đạt",
    AT_RISK: "Có nguy cơ",
    NOT_MET: "Chưa đạt",
    NO_DATA: "Chưa có dữ liệu",
    UNDEFINED: "Cần định nghĩa",
}
STATUS_BADGES = {MET: "ok", AT_RISK: "warn", NOT_MET: "bad", NO_DATA: "", UNDEFINED: ""}
