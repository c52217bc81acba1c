"""The plan importer without Django: the seed in three formats, two other schools' plans, errors, round trip."""

import pytest

from tests.lib.plandoc_helpers import docx_from_text, pdf_from_text, pdf_without_text, sample_text, seed_text
from truyenthong.lib.plandoc import PlanDocumentError, parse_plan_file, write_plan_docx


def measures(target):
    return [(m.value, m.unit, m.comparator) for m in target.measures]


@pytest.fixture(scope="module")
def seed():
    return parse_plan_file(seed_text().encode(), "ke-hoach-35.txt")


def test_the_seed_header_is_read(seed):
    assert seed.number == "35/KH-CLQĐ"
    assert seed.place == "Quy Nhơn" and seed.date.isoformat() == "2026-03-09"
    assert seed.doc_type == "KẾ HOẠCH"
    assert seed.title.startswith("Truyền thông thực hiện Nghị quyết số 71-NQ/TW")
    assert seed.title.endswith("trong ngành Giáo dục tỉnh Gia Lai")


def test_the_seed_has_three_legal_bases_with_their_references(seed):
    assert [b.refs for b in seed.bases] == [
        ["701/QĐ-UBND", "71-NQ/TW", "281/NQ-CP", "04-CTr/TU"],
        ["255/KH-BGDĐT", "71-NQ/TW"],
        ["1020/KH-SGDĐT", "71-NQ/TW", "281/NQ-CP", "04-CTr/TU"],
    ]
    assert seed.intro.startswith("Trường THPT chuyên Lê Quý Đôn xây dựng")


def test_the_seed_has_fourteen_targets_in_two_phases_with_their_measures(seed):
    assert seed.phases == ["Giai đoạn 2026-2030", "Giai đoạn 2030-2035"]
    assert [t.phase for t in seed.targets] == ["Giai đoạn 2026-2030"] * 8 + ["Giai đoạn 2030-2035"] * 6
    assert [measures(t) for t in seed.targets] == [
        [],
        [],
        [(100, "%", ">=")],
        [(100, "%", ">=")],
        [(90, "%", ">=")],
        [(100, "%", ">="), (None, None, "increase")],
        [(0, None, "zero"), (100, "%", ">=")],
        [(70, "%", ">=")],
        [],
        [(100, "%", ">=")],
        [(100, "%", ">=")],
        [(100, "%", ">=")],
        [(None, None, "increase")],
        [],
    ]
    assert seed.targets[2].measures[0].subject.startswith("cán bộ, giáo viên, nhân viên được học tập")


def test_the_seed_has_four_task_groups_budget_units_recipients_and_signer(seed):
    assert [g.number for g in seed.task_groups] == ["1", "2", "3", "4"]
    assert [len(g.tasks) for g in seed.task_groups] == [8, 6, 6, 5]
    assert seed.budget.startswith("Kinh phí thực hiện Kế hoạch được đảm bảo")
    assert [(r.unit, len(r.duties)) for r in seed.responsibilities] == [
        ("Lãnh đạo trường", 2),
        ("Các tổ chuyên môn", 1),
        ("Đoàn thanh niên và GVCN", 2),
    ]
    assert seed.recipients == ["Lãnh đạo trường", "Các tổ CM, VP, ĐTN", "Lưu: VT"]
    assert (seed.signer.position, seed.signer.name) == ("HIỆU TRƯỞNG", "Huỳnh Lê Minh")
    assert seed.closing.startswith("Trên đây là Kế hoạch")
    assert seed.warnings == []


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("ke-hoach.docx", lambda: docx_from_text(seed_text())),
        ("ke-hoach.pdf", lambda: pdf_from_text(seed_text())),
        ("ke-hoach-nfd.pdf", lambda: pdf_from_text(seed_text(), decompose=True)),
    ],
)
def test_the_seed_reads_the_same_from_word_and_pdf(seed, name, build):
    assert parse_plan_file(build(), name).to_dict() == seed.to_dict()


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
