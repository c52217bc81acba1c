"""Reading and writing school plans (Kế hoạch) in the Vietnamese administrative layout, with no Django."""

from truyenthong.lib.plandoc.model import (
    Basis,
    Measure,
    PlanDocument,
    PlanDocumentError,
    Responsibility,
    Signer,
    Target,
    TaskGroup,
)
from truyenthong.lib.plandoc.parser import parse_plan, parse_plan_file, refs_in
from truyenthong.lib.plandoc.reader import read_paragraphs
from truyenthong.lib.plandoc.writer import write_plan_docx

__all__ = [
    "Basis",
    "Measure",
    "PlanDocument",
    "PlanDocumentError",
    "Responsibility",
    "Signer",
    "Target",
    "TaskGroup",
    "parse_plan",
    "parse_plan_file",
    "read_paragraphs",
    "refs_in",
    "write_plan_docx",
]
