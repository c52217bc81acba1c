"""Spreadsheets as schools make them, built in the tests: .xlsx with openpyxl, CSV as Excel saves it."""

from __future__ import annotations

import csv
import io

import pytest


def make_xlsx(rows: list[list], *, title_rows: list[list] | None = None, sheet_title: str = "DS") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in (title_rows or []) + rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def make_csv(rows: list[list], *, delimiter: str = ",", bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


PEOPLE_HEADER = [
    "STT",
    "Mã CB",
    "Họ và tên",
    "Email",
    "Điện thoại",
    "Chức vụ",
    "Loại",
    "Môn",
    "Tổ",
    "Ngày bắt đầu",
]


@pytest.fixture
def people_rows():
    return [
        PEOPLE_HEADER,
        [
            1,
            "GV101",
            "Lê Văn Tám",
            "tam.lv@lqd.edu.vn",
            "0912345678",
            "Giáo viên",
            "Giáo viên",
            "Toán",
            "Tổ Toán",
            "05/09/2026",
        ],
        [
            2,
            "GV102",
            "Phạm Thị Thu",
            "thu.pt@lqd.edu.vn",
            "0987654321",
            "Tổ trưởng",
            "Giáo viên",
            "Toán",
            "toan",
            "01/09/2020",
        ],
        [3, "NV201", "Đỗ Văn Bảo", "", "", "Kế toán", "Nhân viên", "", "Văn phòng", ""],
    ]
