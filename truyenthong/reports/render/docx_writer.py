"""The report as a Word document in the Decree 30/2020 layout (truyenthong.lib.decree30 does the layout)."""

from __future__ import annotations

import io

from docx.shared import Length, Mm

from truyenthong.lib import decree30 as D
from truyenthong.reports.render.charts import chart_png
from truyenthong.reports.render.model import ReportDocument


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
                D.add_paragraph(document, table.title, italic=True, align="center", indent=False, size=13)
            widths = _widths(table)
            D.add_table(
                document,
                table.header,
                [
                    [
                        value if isinstance(value, int) and not isinstance(value, bool) else text
                        for value, text in zip(raw, shown, strict=True)
                    ]
                    for raw, shown in zip(table.rows, table.shown(), strict=True)
                ],
                widths=[Length(w) for w in widths] if widths else None,
                size=12,
            )
        if block.chart is not None and block.chart.bars:
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
