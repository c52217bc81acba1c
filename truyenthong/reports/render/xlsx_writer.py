"""The report's tables as an Excel workbook (openpyxl): one sheet per table, figures stored as numbers."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from truyenthong.reports.render.model import ReportDocument

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", name).strip()[:28] or "Bảng"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base[:26]} {n}", n + 1
    taken.add(candidate)
    return candidate


def _cell_value(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def report_xlsx(doc: ReportDocument) -> bytes:
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in doc.tables:
        sheet = book.create_sheet(_sheet_name(table.sheet or table.title, taken))
        sheet["A1"] = doc.issuing_body
        sheet["A1"].font = Font(name="Times New Roman", bold=True, size=12)
        sheet["A2"] = f"{doc.doc_type} {doc.summary}".strip()
        sheet["A2"].font = Font(name="Times New Roman", bold=True, size=13)
        sheet["A3"] = table.title
        sheet["A3"].font = Font(name="Times New Roman", italic=True, size=12)
        for col, text in enumerate(table.header, start=1):
            cell = sheet.cell(row=5, column=col, value=text)
            cell.font = Font(name="Times New Roman", bold=True, size=12)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BORDER
        for r, row in enumerate(table.rows, start=6):
            for col, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=col, value=_cell_value(value))
                cell.font = Font(name="Times New Roman", size=12)
                cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
                cell.border = BORDER
        widths = table.widths or [1] * len(table.header)
        whole = sum(widths)
        for col, w in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = max(8, min(70, 110 * w / whole))
        sheet.freeze_panes = "A6"
    if not book.sheetnames:
        book.create_sheet("Báo cáo")["A1"] = "Báo cáo không có bảng số liệu."
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
