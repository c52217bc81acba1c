"""Reading and writing school plans (Kế hoạch): file → paragraphs → PlanDocument → Decree 30 .docx, no Django."""

from truyenthong.lib.plandoc.measures import COMPARATOR_LABELS, describe_measure, format_number, measures_in
from truyenthong.lib.plandoc.model import (
    Basis,
    Flag,
    Measure,
    PlanDocument,
    PlanDocumentError,
    Responsibility,
    Signer,
    Target,
    TaskGroup,
)
from truyenthong.lib.plandoc.parser import parse_plan, parse_plan_file
from truyenthong.lib.plandoc.reader import read_paragraphs
from truyenthong.lib.plandoc.refs import refs_in
from truyenthong.lib.plandoc.writer import write_plan_docx

__all__ = [
    "COMPARATOR_LABELS",
    "Basis",
    "Flag",
    "Measure",
    "PlanDocument",
    "PlanDocumentError",
    "Responsibility",
    "Signer",
    "Target",
    "TaskGroup",
    "describe_measure",
    "format_number",
    "measures_in",
    "parse_plan",
    "parse_plan_file",
    "read_paragraphs",
    "refs_in",
    "write_plan_docx",
]
