"""The reference plan (Kế hoạch 35/KH-CLQĐ) read completely, from .txt, Word and PDF renderings alike."""

import datetime as dt
import json

import pytest

from tests.lib.plandoc_helpers import docx_from_text, pdf_from_text, seed_text
from truyenthong.lib.plandoc import PlanDocument, parse_plan, parse_plan_file, read_paragraphs

PHASE_1, PHASE_2 = "Giai đoạn 2026-2030", "Giai đoạn 2030-2035"
RESOLUTIONS = ["71-NQ/TW", "281/NQ-CP", "04-CTr/TU"]


@pytest.fixture(scope="module")
def seed() -> PlanDocument:
    return parse_plan_file(seed_text().encode(), "ke-hoach-35-KH-CLQD.txt")


def test_the_seed_header_number_place_date_and_type(seed):
    assert seed.number == "35/KH-CLQĐ"
    assert (seed.place, seed.date) == ("Quy Nhơn", dt.date(2026, 3, 9))
    assert seed.doc_type == "KẾ HOẠCH"
    assert (seed.parent_body, seed.issuing_body) == ("", "")


def test_the_seed_summary_line_is_one_line(seed):
    assert seed.title == (
        "Truyền thông thực hiện Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị, Nghị quyết số "
        "281/NQ-CP ngày 15/9/2025 của Chính phủ và Chương trình hành động số 04-CTr/TU ngày 28/11/2025 của "
        "Ban Thường vụ Tỉnh ủy về đột phá phát triển giáo dục và đào tạo trong ngành Giáo dục tỉnh Gia Lai"
    )


def test_the_seed_bases_cite_their_documents_in_order(seed):
    assert [b.refs for b in seed.bases] == [
        ["701/QĐ-UBND", *RESOLUTIONS],
        ["255/KH-BGDĐT", "71-NQ/TW"],
        ["1020/KH-SGDĐT", *RESOLUTIONS],
    ]
    assert all(b.text.startswith("Căn cứ ") and b.text.endswith(";") for b in seed.bases)
    assert seed.intro == (
        "Trường THPT chuyên Lê Quý Đôn xây dựng Kế hoạch Truyền thông thực hiện Nghị quyết số 71-NQ/TW "
        "trong ngành Giáo dục tỉnh Gia Lai, cụ thể như sau:"
    )


def test_the_seed_has_two_general_objectives_without_their_letters(seed):
    assert len(seed.general_objectives) == 2
    assert seed.general_objectives[0].startswith("Đẩy mạnh truyền thông thực hiện Nghị quyết số 71-NQ/TW")
    assert seed.general_objectives[1].startswith("Yêu cầu công tác truyền thông phải chủ động")


def test_the_seed_has_fourteen_targets_in_two_phases(seed):
    assert seed.phases == [PHASE_1, PHASE_2]
    assert [t.phase for t in seed.targets] == [PHASE_1] * 8 + [PHASE_2] * 6
    assert seed.targets[0].text.startswith("Thực hiện triển khai đầy đủ công tác truyền thông")
    assert seed.targets[-1].text == "Xây dựng hình ảnh nhà trường là đơn vị điển hình về đổi mới, sáng tạo."


def test_every_measure_of_the_seed(seed):
    assert [[(m.value, m.unit, m.comparator) for m in t.measures] for t in seed.targets] == [
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


def test_the_seed_measures_name_their_subjects(seed):
    subjects = [m.subject for t in seed.targets for m in t.measures]
    assert subjects == [
        "cán bộ, giáo viên, nhân viên được học tập, quán triệt đầy đủ nội dung các nghị quyết",
        "tổ chuyên môn xây dựng kế hoạch thực hiện gắn với nhiệm vụ chuyên môn",
        "giáo viên ứng dụng hiệu quả công nghệ thông tin, chuyển đổi số trong dạy học",
        "tỷ lệ học sinh tốt nghiệp THPT",
        "tỷ lệ học sinh đỗ đại học",
        "bạo lực học đường",
        "học sinh được giáo dục kỹ năng sống, pháp luật",
        "cán bộ làm công tác truyền thông của nhà trường được đào tạo, bồi dưỡng thường xuyên, có năng lực "
        "truyền thông chuyên nghiệp và kỹ năng truyền thông trong lĩnh vực giáo dục và đào tạo",
        "cán bộ, giáo viên chủ động tuyên truyền, lan tỏa chủ trương đổi mới giáo dục",
        "hoạt động quản lý, điều hành được thực hiện trên nền tảng số",
        "Tỷ lệ giáo viên đạt chuẩn và trên chuẩn theo quy định",
        "Chất lượng kết quả học tập và rèn luyện loại Tốt",
    ]
    zero = seed.targets[6].measures[0]
    assert zero.text == "Xây dựng môi trường giáo dục an toàn, không có bạo lực học đường"


def test_the_seed_has_four_task_groups(seed):
    assert [(g.number, len(g.tasks)) for g in seed.task_groups] == [("1", 8), ("2", 6), ("3", 6), ("4", 5)]
    assert seed.task_groups[3].title == "Tăng cường kiểm tra, giám sát, đánh giá và phối hợp thực hiện"
    assert seed.task_groups[0].title.endswith("nền tảng số và các phương thức khác")
    assert seed.task_groups[0].tasks[5] == "Thiết kế infographic, video ngắn, tài liệu tóm tắt dễ hiểu."
    assert all(not task.startswith("-") for g in seed.task_groups for task in g.tasks)


def test_the_seed_budget_units_closing_recipients_and_signer(seed):
    assert seed.budget == (
        "Kinh phí thực hiện Kế hoạch được đảm bảo từ nguồn kinh phí hoạt động thường xuyên của nhà trường và "
        "các nguồn hợp pháp khác theo quy định."
    )
    assert [(r.unit, r.duties) for r in seed.responsibilities] == [
        (
            "Lãnh đạo trường",
            [
                "Chỉ đạo xây dựng và tổ chức triển khai kế hoạch.",
                "Kiểm tra, đôn đốc thực hiện các nội dung trong kế hoạch.",
            ],
        ),
        ("Các tổ chuyên môn", ["Lồng ghép nội dung truyền thông vào các hoạt động chuyên môn và giảng dạy."]),
        (
            "Đoàn thanh niên và GVCN",
            [
                "Tổ chức các hoạt động tuyên truyền, phong trào thi đua gắn với thực hiện các nghị quyết.",
                "Tuyên truyền đến học sinh và phụ huynh thông qua sinh hoạt lớp và các buổi họp phụ huynh.",
            ],
        ),
    ]
    assert seed.closing.startswith("Trên đây là Kế hoạch truyền thông") and seed.closing.endswith(
        "thực hiện./."
    )
    assert seed.recipients == ["Lãnh đạo trường", "Các tổ CM, VP, ĐTN", "Lưu: VT"]
    assert (seed.signer.authority, seed.signer.position, seed.signer.name) == (
        "",
        "HIỆU TRƯỞNG",
        "Huỳnh Lê Minh",
    )


def test_the_seed_reads_without_warnings(seed):
    assert seed.warnings == []


def test_the_seed_as_a_dict_is_json_and_comes_back_the_same(seed):
    data = json.loads(json.dumps(seed.to_dict(), ensure_ascii=False))
    assert data["date"] == "2026-03-09"
    assert data["targets"][5]["measures"][1] == {
        "value": None,
        "unit": None,
        "comparator": "increase",
        "text": "nâng tỷ lệ học sinh đỗ đại học hằng năm",
        "subject": "tỷ lệ học sinh đỗ đại học",
    }
    assert PlanDocument.from_dict(data) == seed


def test_parse_plan_takes_paragraphs_directly(seed):
    paragraphs = read_paragraphs(seed_text().encode(), "a.txt")
    assert parse_plan(paragraphs, source_name="a.txt") == seed


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("ke-hoach.docx", lambda: docx_from_text(seed_text())),
        ("ke-hoach.pdf", lambda: pdf_from_text(seed_text())),
        ("ke-hoach-nfd.pdf", lambda: pdf_from_text(seed_text(), decompose=True)),
        ("ke-hoach-hai-cot.pdf", lambda: pdf_from_text(seed_text(), two_columns=True)),
        ("ke-hoach-hai-cot-nfd.pdf", lambda: pdf_from_text(seed_text(), two_columns=True, decompose=True)),
    ],
)
def test_the_seed_reads_the_same_from_a_word_template_and_from_wrapped_pdfs(seed, name, build):
    assert parse_plan_file(build(), name).to_dict() == seed.to_dict()
