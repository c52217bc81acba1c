"""The plan importer without Django: other schools' plans, errors, round trip (the seed itself is read completely,
in every format, by test_plandoc_seed.py)."""

import pytest

from tests.lib.plandoc_helpers import pdf_without_text, sample_text, seed_text
from truyenthong.lib.plandoc import PlanDocumentError, parse_plan_file, write_plan_docx


def measures(target):
    return [(m.value, m.unit, m.comparator) for m in target.measures]


def test_a_plan_with_purpose_and_target_sections_and_year_phases_is_read():
    doc = parse_plan_file(sample_text("ke-hoach-thpt-nguyen-trai.txt").encode(), "nt.txt")
    assert doc.number == "12/KH-THPTNT" and doc.date.isoformat() == "2027-01-15" and doc.place == "Pleiku"
    assert (doc.parent_body, doc.issuing_body) == ("SỞ GDĐT GIA LAI", "TRƯỜNG THPT NGUYỄN TRÃI")
    assert len(doc.general_objectives) == 2
    assert doc.phases == ["Đến hết năm học 2026-2027", "Đến năm 2028"]
    assert [measures(t) for t in doc.targets] == [
        [(95, "%", ">=")],
        [(12, "count", ">=")],
        [(50, "%", "decrease")],
        [(0, None, "zero")],
        [(0.5, "%", "<="), (None, None, "increase")],
        [],
    ]
    assert [(g.title, len(g.tasks)) for g in doc.task_groups] == [
        ("Tuyên truyền trong cán bộ, giáo viên", 2),
        ("Tuyên truyền đến học sinh và cha mẹ học sinh", 2),
        ("Phối hợp với địa phương", 1),
    ]
    assert doc.budget == "Sử dụng nguồn kinh phí chi thường xuyên năm 2027 của nhà trường."
    assert [r.unit for r in doc.responsibilities] == ["Ban giám hiệu", "Tổ Văn phòng", "Đoàn Thanh niên"]
    assert doc.responsibilities[0].duties == [
        "Chỉ đạo, kiểm tra việc thực hiện kế hoạch; sơ kết vào cuối học kỳ II."
    ]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == (
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Trần Thị Mai Anh",
    )
    assert doc.warnings == []


def test_a_plan_without_phases_with_other_section_titles_is_read():
    doc = parse_plan_file(sample_text("ke-hoach-thcs-hoa-binh.txt").encode(), "hb.txt")
    assert doc.number == "07/KH-THCSHB"
    assert doc.phases == [] and all(t.phase == "" for t in doc.targets)
    assert [measures(t) for t in doc.targets] == [
        [(100, "%", ">=")],
        [(4, "count", ">=")],
        [(None, None, "increase")],
    ]
    assert [len(g.tasks) for g in doc.task_groups] == [2, 1]
    assert doc.budget.splitlines() == [
        "Ngân sách nhà nước cấp cho hoạt động thường xuyên.",
        "Nguồn xã hội hóa hợp pháp.",
    ]
    assert [(r.unit, r.duties) for r in doc.responsibilities][0] == ("Lãnh đạo trường", ["chỉ đạo chung."])
    assert (doc.signer.authority, doc.signer.position) == ("TM. BAN GIÁM HIỆU", "HIỆU TRƯỞNG")


@pytest.mark.parametrize("sample", ["seed", "ke-hoach-thpt-nguyen-trai.txt", "ke-hoach-thcs-hoa-binh.txt"])
def test_a_plan_written_to_word_reads_back_to_the_same_structure(sample):
    text = seed_text() if sample == "seed" else sample_text(sample)
    original = parse_plan_file(text.encode(), "a.txt").to_dict()
    again = parse_plan_file(write_plan_docx(parse_plan_file(text.encode(), "a.txt")), "b.docx").to_dict()
    original.pop("warnings"), again.pop("warnings")
    assert again == original


def test_unplaceable_paragraphs_become_warnings_not_silence():
    text = seed_text().replace(
        "III. KINH PHÍ", "III. PHỤ LỤC KHÁC\nMột đoạn lạ không thuộc phần nào.\nIV. KINH PHÍ"
    )
    doc = parse_plan_file(text.encode(), "x.txt")
    assert any("Một đoạn lạ" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.xlsx", b"PK\x03\x04", "chỉ nhận kế hoạch dạng .docx, .pdf hoặc .txt"),
        ("ke-hoach.txt", b"", "rỗng"),
        ("ke-hoach.txt", b"   \n  ", "rỗng"),
        ("ke-hoach.docx", b"not a zip", "không phải là tài liệu Word"),
        ("ke-hoach.docx", b"PK\x03\x04broken", "Word"),
        ("ke-hoach.pdf", b"%PDF-1.4 broken", "PDF"),
        ("ke-hoach.txt", "Kính gửi phụ huynh,\nMời dự họp lớp.".encode(), "không phải là một kế hoạch"),
        ("ke-hoach.txt", b"\xff\xfa\xfb invalid", "UTF-8"),
    ],
)
def test_files_that_are_not_readable_plans_get_a_clear_vietnamese_error(name, data, message):
    with pytest.raises(PlanDocumentError) as error:
        parse_plan_file(data, name)
    assert message in error.value.message and name in error.value.message


def test_a_pdf_without_a_text_layer_is_refused_as_a_scan():
    with pytest.raises(PlanDocumentError) as error:
        parse_plan_file(pdf_without_text(), "scan.pdf")
    assert "scan" in error.value.message
