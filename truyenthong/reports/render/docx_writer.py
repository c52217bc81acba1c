"""The report as a Word document in the Decree 30/2020 layout (truyenthong.lib.decree30 does the layout)."""

from __future__ import annotations

import io

from docx.shared import Length, Mm

from truyenthong.lib import decree30 as D
from truyenthong.reports.render.charts import chart_png, finite
from truyenthong.reports.render.model import Chart, Fraction, Percent, ReportDocument, Table


def has_values(chart: Chart) -> bool:
    """Whether any bar has a value to draw; a chart of a period without data is replaced by a sentence."""
    return any(finite(b.value) is not None for b in chart.bars)


def column_aligns(table: Table) -> list[str]:
    """Figures right, text left: a column is a figure column when its values are numbers."""
    out = []
    for i in range(len(table.header)):
        values = [row[i] for row in table.rows if row[i] not in (None, "")]
        numeric = values and all(
            isinstance(v, int | float | Percent | Fraction) and not isinstance(v, bool) or _decimal(v)
            for v in values
        )
        out.append("right" if numeric and i > 0 else "left")
    return out


def _decimal(value) -> bool:
    from decimal import Decimal

    return isinstance(value, Decimal)


def _widths(table, total=D.TEXT_WIDTH):
    if not table.widths:
        return None
    whole = sum(table.widths)
    return [int(total * w / whole) for w in table.widths]


def report_docx(doc: ReportDocument, *, chart_image: bytes | None = None) -> bytes:
    document = D.new_document()
    D.add_header(
        document,
        parent_body=doc.parent_body,
        issuing_body=doc.issuing_body,
        number=doc.number,
        place=doc.place,
        date=doc.issued_on,
    )
    if doc.draft:
        D.add_paragraph(document, "DỰ THẢO", bold=True, align="right", indent=False, size=12)
    D.add_title(document, doc.doc_type, doc.summary)
    for block in doc.blocks:
        if block.heading:
            D.add_heading(document, block.heading, level=block.level)
        for text in block.paragraphs:
            for line in text.splitlines() or [""]:
                if line.strip():
                    D.add_paragraph(document, line.strip())
        for table in block.tables:
            if table.title:
                D.add_caption(document, table.title)
            widths = _widths(table)
            D.add_table(
                document,
                table.header,
                table.shown(),
                widths=[Length(w) for w in widths] if widths else None,
                size=12,
                aligns=column_aligns(table),
            )
        if block.chart is not None and block.chart.bars and not has_values(block.chart):
            D.add_paragraph(
                document, f"{block.chart.title}: chưa có dữ liệu.", italic=True, indent=False, size=12
            )
        elif block.chart is not None and block.chart.bars:
            image = chart_image or chart_png(block.chart)
            paragraph = document.add_paragraph()
            paragraph.alignment = 1
            paragraph.add_run().add_picture(io.BytesIO(image), width=Mm(160))
            D.add_paragraph(document, block.chart.title, italic=True, align="center", indent=False, size=12)
    D.add_footer_blocks(
        document,
        recipients=doc.recipients,
        signer_authority=doc.signer_authority,
        signer_position=doc.signer_position,
        signer_name=doc.signer_name,
    )
    return D.to_bytes(document)
