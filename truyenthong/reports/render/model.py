"""What a report is made of once the data is read: plain values, no Django, so every writer (Word, PDF, Excel,
infographic) renders exactly the same figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Percent:
    """A percentage in a table's raw rows (77.8 means 77,8%): Excel stores 0.778 with a percent format."""

    value: float


@dataclass(frozen=True)
class Fraction:
    """A numerator and its denominator in one printed column ("7/9"); Excel gives each its own column."""

    numerator: float
    denominator: float


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[object]]  # str for text; int/float/Decimal for figures (right-aligned, numeric in Excel)
    widths: list[float] = field(default_factory=list)  # relative column widths
    display: list[list[str]] | None = (
        None  # the figures as printed (Vietnamese decimal comma); rows when None
    )
    sheet: str = ""  # Excel sheet name (≤ 31 characters)

    def shown(self) -> list[list[str]]:
        if self.display is not None:
            return self.display
        return [["" if v is None else str(v) for v in row] for row in self.rows]


@dataclass
class Bar:
    label: str
    value: float | None
    target: float | None
    status: str  # met / at_risk / not_met / no_data
    text: str  # the value as printed


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    percent: bool = True


@dataclass
class Block:
    """One body part: a heading, then paragraphs, tables and a chart, in that order."""

    heading: str
    level: int = 1
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chart: Chart | None = None


@dataclass
class Highlight:
    value: str
    label: str


@dataclass
class ReportDocument:
    parent_body: str
    issuing_body: str
    number: str
    place: str
    issued_on: dt.date | None
    doc_type: str
    summary: str
    blocks: list[Block]
    recipients: list[str]
    signer_authority: str
    signer_position: str
    signer_name: str
    draft: bool = False
    # For the infographic
    school_name: str = ""
    period_label: str = ""
    highlights: list[Highlight] = field(default_factory=list)
    status_counts: dict[str, int] = field(default_factory=dict)
    chart: Chart | None = None

    @property
    def tables(self) -> list[Table]:
        return [t for b in self.blocks for t in b.tables]
