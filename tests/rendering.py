"""Real clients for the files we write: LibreOffice converts a .docx/.xlsx to PDF, poppler reads the PDF back.
Shared by every test that checks a document the way a clerk would open it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def need(tool: str) -> str:
    """The path of a command-line tool; a missing tool fails under CI and skips elsewhere."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is required under CI")
        pytest.skip(f"{tool} not installed")
    return path


def libreoffice_pdf(tmp_path: Path, name: str, data: bytes) -> Path:
    """Write `data` as `name` and have LibreOffice (headless, its own profile) convert it to PDF."""
    source = tmp_path / name
    source.write_bytes(data)
    subprocess.run(
        [
            need("soffice"),
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    return source.with_suffix(".pdf")


def pdf_text(pdf: Path) -> str:
    """The PDF's text with its layout (pdftotext -layout)."""
    return subprocess.run(
        [need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout


def libreoffice_text(tmp_path: Path, name: str, data: bytes) -> str:
    """What a reader sees of the file once LibreOffice has laid it out."""
    return pdf_text(libreoffice_pdf(tmp_path, name, data))
