"""Cell values for spreadsheet exports (.xlsx, .csv) that a spreadsheet program never runs as a formula.

A text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and LibreOffice as a
formula (or DDE call) when the file is opened. Exports pass every text cell through `safe_cell`, which prefixes such
text with an apostrophe-free guard: a leading single quote character is the convention both programs honour for
"this is text", so the value the user sees is unchanged apart from that mark. Numbers, dates and None pass through.
Imports keep the text as typed; only what we write out is neutralised.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value to write into a cell: text that would start a formula gets a leading quote, anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    """`safe_cell` over a row (any iterable), as a list."""
    return [safe_cell(v) for v in values]
