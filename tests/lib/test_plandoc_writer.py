"""A plan written as a Decree 30 Word file reads back to the same structure."""

import datetime as dt

import pytest

from tests.lib.plandoc_helpers import sample_names, sample_text, seed_text
from truyenthong.lib.plandoc import (
    Measure,
    PlanDocument,
    Responsibility,
    Signer,
    Target,
    TaskGroup,
    parse_plan_file,
    read_paragraphs,
    write_plan_docx,
)


def without_warnings(plan: PlanDocument) -> dict:
    data = plan.to_dict()
    data.pop("warnings")
    data.pop("flags")  # what the reader had to guess (a plan without a budget, say) is not part of the plan
    return data


def round_trip(plan: PlanDocument) -> PlanDocument:
    return parse_plan_file(write_plan_docx(plan), "xuat-ra.docx")


@pytest.mark.parametrize("name", ["seed", *sample_names()])
def test_a_plan_read_from_text_and_written_to_word_reads_back_the_same(name):
    text = seed_text() if name == "seed" else sample_text(name)
    plan = parse_plan_file(text.encode(), "a.txt")
    again = round_trip(plan)
    assert without_warnings(again) == without_warnings(plan)
    assert [w for w in again.warnings if "câu dẫn" not in w] == []


def test_the_written_plan_is_laid_out_in_the_usual_sections():
    plan = parse_plan_file(seed_text().encode(), "a.txt")
    paragraphs = read_paragraphs(write_plan_docx(plan), "b.docx")
    headings = [
        p for p in paragraphs if p.split(" ", 1)[0] in ("I.", "II.", "III.", "IV.", "1.", "2.", "a)", "b)")
    ]
    assert headings[:6] == [
        "I. MỤC TIÊU",
        "1. Mục tiêu chung",
        headings[2],
        headings[3],
        "2. Mục tiêu cụ thể",
        "a) Giai đoạn 2026-2030",
    ]
    assert headings[2].startswith("a) Đẩy mạnh") and headings[3].startswith("b) Yêu cầu")
    for section in ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"):
        assert section in paragraphs
    # The header table is read cell by cell: the number on the left, then the right-hand column.
    assert paragraphs[:4] == [
        "Số: 35/KH-CLQĐ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quy Nhơn, ngày 09 tháng 3 năm 2026",
    ]
    assert "- Lưu: VT." in paragraphs and paragraphs[-1] == "Huỳnh Lê Minh"


def test_an_unusual_plan_survives_the_round_trip():
    plan = PlanDocument(
        number="07/KH-THCS",
        place="An Khê",
        date=None,
        title="Truyền thông về an toàn trường học",
        parent_body="UBND PHƯỜNG AN KHÊ",
        issuing_body="TRƯỜNG THCS NGUYỄN DU",
        general_objectives=[f"Mục tiêu thứ {i}." for i in range(1, 27)],
        phases=["Năm học 2026-2027", "Năm học 2027-2028", "Giai đoạn 2028-2030"],
        targets=[
            Target(
                phase="",
                text="100% lớp có nội quy.",
                measures=[Measure(100.0, "%", ">=", "100% lớp có nội quy", "lớp có nội quy")],
            ),
            Target(
                phase="Năm học 2027-2028",
                text="Không có tai nạn thương tích.",
                measures=[Measure(0.0, None, "zero", "Không có tai nạn thương tích", "tai nạn thương tích")],
            ),
        ],
        task_groups=[
            TaskGroup(number="", title="", tasks=["Rà soát cơ sở vật chất."]),
            TaskGroup(number="1", title="Tuyên truyền", tasks=[]),
            TaskGroup(number="2", title="Diễn tập", tasks=["Diễn tập phòng cháy."]),
        ],
        responsibilities=[
            Responsibility(unit="", duties=["Các bộ phận phối hợp chặt chẽ."]),
            Responsibility(unit="Tổ Văn phòng", duties=[]),
        ],
        recipients=[],
        signer=Signer(authority="KT. HIỆU TRƯỞNG", position="PHÓ HIỆU TRƯỞNG", name=""),
    )
    again = round_trip(plan)
    assert without_warnings(again) == without_warnings(plan)
    assert again.warnings == ["Không tìm thấy ngày ban hành (dòng «…, ngày … tháng … năm …»)."]


def test_an_empty_budget_or_implementation_section_is_not_written():
    plan = parse_plan_file(seed_text().encode(), "a.txt")
    plan.budget, plan.responsibilities = "", []
    paragraphs = read_paragraphs(write_plan_docx(plan), "b.docx")
    assert "III. KINH PHÍ" not in paragraphs and "IV. TỔ CHỨC THỰC HIỆN" not in paragraphs
    assert round_trip(plan).budget == "" and round_trip(plan).date == dt.date(2026, 3, 9)
