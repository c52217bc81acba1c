"""Plans written differently from the reference one: other schools, other section titles, numbering and footers."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tests.lib.plandoc_helpers import docx_from_text, pdf_from_text, sample_names, sample_text
from truyenthong.lib.plandoc import PlanDocumentError, parse_plan, parse_plan_file, read_paragraphs


def measures(target):
    return [(m.value, m.unit, m.comparator) for m in target.measures]


def plan_of(*lines: str, name: str = "ke-hoach.txt"):
    return parse_plan([line for block in lines for line in block.strip().splitlines()], source_name=name)


HEADER = """
SỞ GDĐT GIA LAI
TRƯỜNG THPT HÙNG VƯƠNG
Số: 21/KH-THPTHV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Pleiku, ngày 05 tháng 10 năm 2026
KẾ HOẠCH
Truyền thông về chuyển đổi số trong nhà trường
"""
FOOTER = """
Nơi nhận:
- Lưu: VT.
HIỆU TRƯỞNG
Nguyễn Văn An
"""


# ------------------------------------------------------------------------------- Trường THPT Trần Hưng Đạo


@pytest.fixture(scope="module")
def thd():
    return parse_plan_file(sample_text("ke-hoach-thpt-tran-hung-dao.txt").encode(), "thd.txt")


def test_a_header_without_a_space_after_the_colon_and_a_february_date(thd):
    assert thd.number == "18/KH-THPTTHĐ"
    assert (thd.place, thd.date) == ("Ayun Pa", dt.date(2027, 2, 2))
    assert (thd.parent_body, thd.issuing_body) == ("SỞ GD&ĐT GIA LAI", "TRƯỜNG THPT TRẦN HƯNG ĐẠO")


def test_a_summary_on_two_lines_is_joined(thd):
    assert thd.title == (
        "Tuyên truyền Nghị quyết số 71-NQ/TW của Bộ Chính trị về đột phá phát triển giáo dục và đào tạo "
        "trong học sinh và cha mẹ học sinh năm học 2026-2027"
    )


def test_a_thuc_hien_paragraph_is_a_basis_and_the_introduction_follows_the_last_basis(thd):
    assert [b.refs for b in thd.bases] == [
        ["2150/SGDĐT-CTTT", "71-NQ/TW"],
        ["1020/KH-SGDĐT"],
        ["05/KH-THPTTHĐ"],
    ]
    assert thd.bases[0].text.startswith("Thực hiện Công văn số 2150/SGDĐT-CTTT")
    assert thd.intro == "Trường THPT Trần Hưng Đạo ban hành Kế hoạch tuyên truyền với các nội dung sau:"


def test_a_purpose_section_in_prose_gives_general_objectives_and_a_target_section_the_targets(thd):
    assert [o[:30] for o in thd.general_objectives] == [
        "Giúp học sinh và cha mẹ học si",
        "Việc tuyên truyền phải ngắn gọ",
    ]
    assert thd.phases == ["Năm học 2026-2027", "Giai đoạn 2027-2030"]
    assert [t.phase for t in thd.targets] == ["Năm học 2026-2027"] * 5 + ["Giai đoạn 2027-2030"] * 3


def test_a_lead_in_bullet_prefixes_its_sub_items_and_a_lead_in_sentence_is_reported(thd):
    assert thd.targets[3].text == (
        "Về kỷ luật, nề nếp: Giảm 30% số lượt học sinh vi phạm nội quy so với năm học 2025-2026;"
    )
    assert (
        thd.targets[4].text
        == "Về kỷ luật, nề nếp: Không để xảy ra vụ việc bạo lực học đường gây thương tích."
    )
    assert thd.warnings == [
        "Phần mục tiêu: câu dẫn «Phấn đấu đến cuối năm học đạt các chỉ tiêu sau:» không phải một chỉ tiêu nên "
        "chưa được lưu."
    ]


def test_the_targets_of_the_second_school_and_their_measures(thd):
    assert [measures(t) for t in thd.targets] == [
        [(100, "%", ">=")],
        [(80, "%", ">="), (1, "count", ">=")],
        [(12, "count", ">="), (4, "count", ">=")],
        [(30, "%", "decrease")],
        [(0, None, "zero")],
        [(90, "%", ">=")],
        [(2, "%", "<="), (None, None, "increase")],
        [],
    ]
    assert [m.subject for m in thd.targets[2].measures] == [
        "bài viết",
        "video ngắn trên trang thông tin điện tử và fanpage của trường",
    ]


def test_task_groups_with_lettered_items_plus_bullets_and_a_plain_paragraph(thd):
    assert [(g.number, g.title, len(g.tasks)) for g in thd.task_groups] == [
        ("1", "Tuyên truyền qua hoạt động giáo dục", 2),
        ("2", "Tuyên truyền trên các kênh thông tin của nhà trường", 3),
        ("3", "Phối hợp với cha mẹ học sinh", 1),
    ]
    assert thd.task_groups[0].tasks[1].startswith("Tổ chức ngoại khóa chuyên đề")
    assert thd.task_groups[2].tasks[0].startswith("Ban đại diện cha mẹ học sinh phối hợp")


def test_budget_lines_lose_their_bullets_and_units_take_duties_in_three_ways(thd):
    assert thd.budget.splitlines() == [
        "Nguồn kinh phí chi thường xuyên của nhà trường năm 2027.",
        "Nguồn tài trợ hợp pháp của Ban đại diện cha mẹ học sinh.",
    ]
    assert [(r.unit, len(r.duties)) for r in thd.responsibilities] == [
        ("Lãnh đạo trường", 2),
        ("Tổ Văn phòng", 1),
        ("Đoàn Thanh niên", 1),
        ("Giáo viên chủ nhiệm", 1),
    ]
    assert thd.responsibilities[2].duties == [
        "Tổ chức cuộc thi tìm hiểu Nghị quyết số 71-NQ/TW cho đoàn viên, học sinh."
    ]


def test_a_closing_without_tren_day_and_a_deputy_signing_for_the_principal(thd):
    assert thd.closing.startswith("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc")
    assert thd.recipients == [
        "Sở GD&ĐT (để báo cáo)",
        "Ban đại diện CMHS",
        "Các tổ chuyên môn, Đoàn TN",
        "Lưu: VT, VP",
    ]
    assert (thd.signer.authority, thd.signer.position, thd.signer.name) == (
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Lê Thị Thanh Hương",
    )


# ------------------------------------------------------------------- Trường PTDTNT tỉnh Gia Lai (no Roman numerals)


@pytest.fixture(scope="module")
def dtnt():
    return parse_plan_file(sample_text("ke-hoach-ptdtnt-gia-lai.txt").encode(), "dtnt.txt")


def test_an_issuing_body_on_two_lines_and_a_number_with_spaces(dtnt):
    assert dtnt.number == "09/KH-PTDTNT"
    assert dtnt.parent_body == "SỞ GIÁO DỤC VÀ ĐÀO TẠO GIA LAI"
    assert dtnt.issuing_body == "TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ TỈNH GIA LAI"
    assert (
        dtnt.title
        == "Truyền thông về đổi mới giáo dục và đào tạo theo Nghị quyết số 71-NQ/TW năm học 2026-2027"
    )


def test_a_basis_citing_two_plans_and_an_introduction_of_two_paragraphs(dtnt):
    assert [b.refs for b in dtnt.bases] == [["71-NQ/TW"], ["255/KH-BGDĐT", "1020/KH-SGDĐT"]]
    assert dtnt.intro.splitlines()[1].startswith("Kế hoạch tập trung vào học sinh nội trú")


def test_sections_numbered_in_arabic_capitals_with_decimal_subsections(dtnt):
    assert len(dtnt.general_objectives) == 1
    assert dtnt.phases == [] and all(t.phase == "" for t in dtnt.targets)
    assert [measures(t) for t in dtnt.targets] == [
        [(100, "%", ">=")],
        [(95, "%", ">=")],
        [(4, "count", ">=")],
        [(0, None, "zero"), (98, "%", ">=")],
        [(None, None, "increase")],
        [],
    ]
    assert [(g.number, len(g.tasks)) for g in dtnt.task_groups] == [("2.1", 2), ("2.2", 2), ("2.3", 1)]
    assert dtnt.budget.startswith("Kinh phí thực hiện từ nguồn ngân sách chi thường xuyên")
    assert [(r.unit, len(r.duties)) for r in dtnt.responsibilities] == [
        ("Ban Giám hiệu", 1),
        ("Tổ Giáo vụ - Quản lý học sinh", 1),
        ("Đoàn Thanh niên", 2),
    ]


def test_a_collective_signature_and_a_name_with_an_apostrophe(dtnt):
    assert dtnt.recipients == ["Sở GDĐT (b/c)", "Các tổ, Đoàn TN", "Lưu: VT"]
    assert (dtnt.signer.authority, dtnt.signer.position, dtnt.signer.name) == (
        "TM. BAN GIÁM HIỆU",
        "HIỆU TRƯỞNG",
        "Rơ Châm H'Linh",
    )
    assert dtnt.warnings == []


# ------------------------------------------------------------------------------------------- small variations


def test_targets_before_the_first_phase_heading_have_no_phase():
    plan = plan_of(
        HEADER,
        """
I. CHỈ TIÊU
- 100% giáo viên sử dụng sổ điểm điện tử.
a) Giai đoạn 2026-2030
- Phấn đấu 95% học sinh có tài khoản học tập trực tuyến.
b) Đến năm 2030:
- 100% hồ sơ được số hóa.
""",
        FOOTER,
    )
    assert plan.phases == ["Giai đoạn 2026-2030", "Đến năm 2030"]
    assert [t.phase for t in plan.targets] == ["", "Giai đoạn 2026-2030", "Đến năm 2030"]


def test_a_phase_heading_can_carry_its_target_after_a_colon():
    plan = plan_of(HEADER, "I. CHỈ TIÊU\n1. Đến hết năm học 2026-2027: 100% lớp học có máy chiếu.", FOOTER)
    assert plan.phases == ["Đến hết năm học 2026-2027"]
    assert plan.targets[0].text == "100% lớp học có máy chiếu."
    assert measures(plan.targets[0]) == [(100, "%", ">=")]


def test_under_a_bare_objectives_title_measurable_items_are_targets_and_the_rest_general():
    plan = plan_of(
        HEADER,
        """
I. MỤC TIÊU, CHỈ TIÊU
- Nâng cao năng lực số của đội ngũ.
- 90% trở lên giáo viên khai thác học liệu số.
""",
        FOOTER,
    )
    assert plan.general_objectives == ["Nâng cao năng lực số của đội ngũ."]
    assert [t.text for t in plan.targets] == ["90% trở lên giáo viên khai thác học liệu số."]


def test_a_flat_numbered_task_list_is_one_unnamed_group_and_loose_bullets_form_one_too():
    flat = plan_of(
        HEADER,
        "I. NỘI DUNG VÀ GIẢI PHÁP\n1. Rà soát thiết bị.\n2. Tập huấn giáo viên.\n3. Mở chuyên mục trên cổng.",
        FOOTER,
    )
    assert [(g.number, g.title, g.tasks) for g in flat.task_groups] == [
        ("", "", ["Rà soát thiết bị.", "Tập huấn giáo viên.", "Mở chuyên mục trên cổng."])
    ]
    loose = plan_of(
        HEADER,
        "I. CÁC NHIỆM VỤ TRỌNG TÂM\n- Rà soát thiết bị.\n1. Bồi dưỡng\n- Tập huấn giáo viên.",
        FOOTER,
    )
    assert [(g.number, g.title, g.tasks) for g in loose.task_groups] == [
        ("", "", ["Rà soát thiết bị."]),
        ("1", "Bồi dưỡng", ["Tập huấn giáo viên."]),
    ]


def test_a_numbered_group_heading_ending_with_a_colon_stays_a_group():
    plan = plan_of(
        HEADER, "I. NHIỆM VỤ, GIẢI PHÁP\n1. Về truyền thông:\n- Viết tin bài.\n- Làm video.", FOOTER
    )
    assert [(g.title, g.tasks) for g in plan.task_groups] == [
        ("Về truyền thông", ["Viết tin bài.", "Làm video."])
    ]


def test_units_named_in_bullets_or_letters_and_a_general_paragraph_first():
    plan = plan_of(
        HEADER,
        """
I. NHIỆM VỤ
1. Tuyên truyền
- Viết tin bài.
II. TỔ CHỨC THỰC HIỆN
Các bộ phận căn cứ kế hoạch này triển khai thực hiện.
a) Đối với Tổ Văn phòng
- Đăng tin bài.
b) Đoàn Thanh niên: phát động phong trào.
""",
        FOOTER,
    )
    assert [(r.unit, r.duties) for r in plan.responsibilities] == [
        ("", ["Các bộ phận căn cứ kế hoạch này triển khai thực hiện."]),
        ("Tổ Văn phòng", ["Đăng tin bài."]),
        ("Đoàn Thanh niên", ["phát động phong trào."]),
    ]
    bullets = plan_of(
        HEADER,
        "I. NHIỆM VỤ\n1. Tuyên truyền\n- Viết tin bài.\nII. TỔ CHỨC THỰC HIỆN\n- Lãnh đạo trường: chỉ đạo chung.",
        FOOTER,
    )
    assert [(r.unit, r.duties) for r in bullets.responsibilities] == [("Lãnh đạo trường", ["chỉ đạo chung."])]


def test_a_pdf_header_and_footer_merged_into_single_lines_are_taken_apart():
    plan = plan_of(
        """
SỞ GDĐT GIA LAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRƯỜNG THPT HÙNG VƯƠNG Độc lập - Tự do - Hạnh phúc
Số: 21 /KH-THPTHV Pleiku, ngày 05 tháng 10 năm 2026
KẾ HOẠCH
Truyền thông về chuyển đổi số
I. NHIỆM VỤ
1. Tuyên truyền
- Viết tin bài.
Nơi nhận: KT. HIỆU TRƯỞNG
- Sở GDĐT; PHÓ HIỆU TRƯỞNG
- Lưu: VT. Trần Thị Bích
""",
    )
    assert (plan.parent_body, plan.issuing_body) == ("SỞ GDĐT GIA LAI", "TRƯỜNG THPT HÙNG VƯƠNG")
    assert (plan.number, plan.place, plan.date) == ("21/KH-THPTHV", "Pleiku", dt.date(2026, 10, 5))
    assert plan.recipients == ["Sở GDĐT", "Lưu: VT"]
    assert (plan.signer.authority, plan.signer.position, plan.signer.name) == (
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Trần Thị Bích",
    )
    assert plan.warnings == []


def test_signature_notes_are_ignored_and_an_unrelated_extra_name_is_reported():
    plan = plan_of(
        HEADER,
        "I. NHIỆM VỤ\n1. Tuyên truyền\n- Viết tin bài.",
        "Nơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\n(Đã ký)\nPhạm Văn Cường\nNguyễn Văn An",
    )
    assert plan.signer.name == "Nguyễn Văn An"
    assert plan.warnings == ["Khối chữ ký: dòng «Phạm Văn Cường» chưa được lưu."]


def test_what_cannot_be_placed_is_reported_with_the_start_of_the_paragraph():
    plan = plan_of(
        HEADER.replace("Số: 21/KH-THPTHV", "Số: 21/KH-THPTHV\nBản dự thảo lần 2"),
        """
I. NHIỆM VỤ
1. Tuyên truyền
- Viết tin bài.
II. TIẾN ĐỘ THỰC HIỆN
Tháng 10/2026: triển khai đến toàn trường.
""",
        FOOTER,
    )
    assert plan.warnings == [
        "Phần đầu văn bản: không xếp được đoạn «Bản dự thảo lần 2».",
        "Phần «II. TIẾN ĐỘ THỰC HIỆN» không thuộc các phần hệ thống đọc được; đoạn «Tháng 10/2026: triển khai đến "
        "toàn trường.» chưa được lưu.",
    ]


def test_a_missing_number_date_and_document_type_are_reported():
    plan = plan_of("Truyền thông về chuyển đổi số", "I. NHIỆM VỤ\n1. Tuyên truyền\n- Viết tin bài.", FOOTER)
    assert plan.number == "" and plan.date is None
    assert plan.warnings == [
        "Không tìm thấy dòng tên loại văn bản (ví dụ «KẾ HOẠCH»).",
        "Không tìm thấy số hiệu văn bản (dòng «Số: …»).",
        "Không tìm thấy ngày ban hành (dòng «…, ngày … tháng … năm …»).",
    ]
    assert plan.title == "Truyền thông về chuyển đổi số"


def test_a_document_of_another_type_is_read_with_a_warning():
    plan = plan_of(
        HEADER.replace("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG"), "I. NHIỆM VỤ\n1. Tuyên truyền", FOOTER
    )
    assert plan.doc_type == "CHƯƠNG TRÌNH HÀNH ĐỘNG"
    assert plan.warnings == ["Văn bản có tên loại «CHƯƠNG TRÌNH HÀNH ĐỘNG», không phải «KẾ HOẠCH»."]


@pytest.mark.parametrize(
    "text",
    [
        "Kính gửi quý phụ huynh,\nNhà trường trân trọng kính mời quý vị dự họp cha mẹ học sinh.",
        HEADER
        + "I. TÌNH HÌNH\nNăm học vừa qua nhà trường đạt nhiều thành tích.\nII. KIẾN NGHỊ\nĐề nghị cấp trên hỗ trợ.",
        HEADER + "I. MỤC TIÊU\nII. NHIỆM VỤ VÀ GIẢI PHÁP\n" + FOOTER,
    ],
)
def test_a_document_that_is_not_a_plan_is_refused_with_the_file_name(text):
    with pytest.raises(PlanDocumentError) as caught:
        parse_plan_file(text.encode(), "thu-moi.txt")
    assert caught.value.message.startswith("Tệp «thu-moi.txt» không phải là một kế hoạch: không tìm thấy")


@pytest.mark.parametrize("name", sample_names())
@pytest.mark.parametrize("kind", ["docx", "pdf", "pdf-two-columns-nfd"])
def test_every_sample_plan_reads_the_same_from_word_and_pdf(name, kind):
    text = sample_text(name)
    build = {
        "docx": lambda: docx_from_text(text),
        "pdf": lambda: pdf_from_text(text),
        "pdf-two-columns-nfd": lambda: pdf_from_text(text, two_columns=True, decompose=True),
    }[kind]
    data = build()
    if kind != "docx":
        printed = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).splitlines()
        assert len(printed) > len(read_paragraphs(data, "a.pdf"))  # the reader really had lines to join
    expected = parse_plan_file(text.encode(), f"{name}").to_dict()
    assert parse_plan_file(data, f"ke-hoach.{kind.split('-')[0]}").to_dict() == expected
