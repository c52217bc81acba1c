"""The report's tables as an Excel workbook (openpyxl): one sheet per table, figures stored as numbers
(percentages with a percent format, numerator and denominator in their own columns, formats that show 48.900 and
77,8% as the pages do), every text cell guarded
against formula injection, wrapped rows with their heights, a filter on the header row, and a print setup a clerk
can print as is (A4 landscape, fit to the page width, the header row repeated on every page)."""

from __future__ import annotations

import io
import math
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from truyenthong.lib.spreadsheet import safe_cell
from truyenthong.reports.render.model import Fraction, Percent, ReportDocument, Table

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
HEADER_ROW = 5
# Number formats tagged Vietnamese ([$-42A], LCID 0x042A): LibreOffice, and Excel on a Vietnamese system, show
# 48.900 and 77,8% as the pages do, whatever the reader's own locale. Like the pages, a whole number shows no
# decimals and any other one decimal (the cell keeps the full value).
VI = "[$-42A]"
INTEGER_FORMAT = f"{VI}#,##0"
DECIMAL_FORMAT = f"{VI}#,##0.0"
PERCENT_FORMAT = f"{VI}0.0%"
WHOLE_PERCENT_FORMAT = f"{VI}0%"


def number_format(value: float | None, *, percent: bool = False) -> str:
    """The cell format of ``value`` (a percentage given as a fraction of 1 when ``percent``)."""
    if value is None:
        return ""
    shown = value * 100 if percent else value
    whole = abs(shown - round(shown)) < 0.05
    if percent:
        return WHOLE_PERCENT_FORMAT if whole else PERCENT_FORMAT
    return INTEGER_FORMAT if whole else DECIMAL_FORMAT


LINE_PT = 15.0  # the height of one line of 12 pt Times New Roman


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", name).strip()[:28] or "Bảng"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base[:26]} {n}", n + 1
    taken.add(candidate)
    return candidate


def _columns(table: Table) -> list[tuple[str, int, float]]:
    """(header, source column, relative width) of every sheet column: a column holding fractions becomes two."""
    widths = table.widths or [1] * len(table.header)
    out = []
    for i, (title, width) in enumerate(zip(table.header, widths, strict=True)):
        if any(isinstance(row[i], Fraction) for row in table.rows):
            out += [("Tử số", i, width / 2), ("Mẫu số", i, width / 2)]
        else:
            out.append((title, i, width))
    return out


def _cells(table: Table, row: list) -> list[tuple[object, str | None]]:
    """The row's (value, number format) per sheet column."""
    out = []
    for i, value in enumerate(row):
        fractions = any(isinstance(r[i], Fraction) for r in table.rows)
        if fractions:
            if isinstance(value, Fraction):
                out += [
                    (value.numerator, number_format(float(value.numerator))),
                    (value.denominator, number_format(float(value.denominator))),
                ]
            else:
                out += [(None, None), (None, None)]
        elif isinstance(value, Percent):
            number = float(value.value) / 100 if math.isfinite(float(value.value)) else None
            out.append((number, number_format(number, percent=True) or None))
        elif isinstance(value, Decimal | float):
            number = float(value) if math.isfinite(float(value)) else None
            out.append((number, number_format(number) or None))
        elif isinstance(value, int) and not isinstance(value, bool):
            out.append((value, INTEGER_FORMAT))
        elif value is None:
            out.append((None, None))
        else:
            out.append((safe_cell(str(value)), None))
    return out


def _lines(value, width_chars: float) -> int:
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(int(width_chars * 1.1), 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in value.splitlines() or [""])


def report_xlsx(doc: ReportDocument) -> bytes:
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in doc.tables:
        sheet = book.create_sheet(_sheet_name(table.sheet or table.title, taken))
        sheet["A1"] = safe_cell(doc.issuing_body)
        sheet["A1"].font = Font(name="Times New Roman", bold=True, size=12)
        sheet["A2"] = safe_cell(f"{doc.doc_type} {doc.summary}".strip())
        sheet["A2"].font = Font(name="Times New Roman", bold=True, size=13)
        sheet["A3"] = safe_cell(table.title)
        sheet["A3"].font = Font(name="Times New Roman", italic=True, size=12)
        columns = _columns(table)
        whole = sum(w for _t, _i, w in columns) or 1
        widths = [max(8.0, min(70.0, 110 * w / whole)) for _t, _i, w in columns]
        for col, ((title, _i, _w), width) in enumerate(zip(columns, widths, strict=True), start=1):
            cell = sheet.cell(row=HEADER_ROW, column=col, value=safe_cell(title))
            cell.font = Font(name="Times New Roman", bold=True, size=12)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BORDER
            sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.row_dimensions[HEADER_ROW].height = LINE_PT * max(
            _lines(t, w) for (t, _i, _w), w in zip(columns, widths, strict=True)
        )
        last_row = HEADER_ROW
        for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
            cells = _cells(table, row)
            for col, (value, number_format) in enumerate(cells, start=1):
                cell = sheet.cell(row=r, column=col, value=value)
                cell.font = Font(name="Times New Roman", size=12)
                cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
                cell.border = BORDER
                if number_format:
                    cell.number_format = number_format
            sheet.row_dimensions[r].height = LINE_PT * max(
                _lines(v, w) for (v, _f), w in zip(cells, widths, strict=True)
            )
            last_row = r
        last_col = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
        sheet.freeze_panes = f"A{HEADER_ROW + 1}"
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
    if not book.sheetnames:
        book.create_sheet("Báo cáo")["A1"] = "Báo cáo không có bảng số liệu."
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
