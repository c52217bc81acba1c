"""Document structure: Word numbering, data tables, sections by meaning, sub-bullets, what the parser flags."""

import io

import pytest
from docx import Document
from docx.oxml import parse_xml

from truyenthong.lib.plandoc import parse_plan, parse_plan_file, read_paragraphs
from truyenthong.lib.plandoc.reader import join_lines, table_cells

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def numbered_document(levels, *, start_override=None):
    """A document whose numbering list 7 has the given (format, text) levels."""
    document = Document()
    root = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="7">{lvls}</w:abstractNum>')
    first = root.find(f"{{{W}}}num")
    if first is not None:
        first.addprevious(abstract)
    else:
        root.append(abstract)
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
        if start_override
        else ""
    )
    root.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="7"><w:abstractNumId w:val="7"/>{override}</w:num>'))
    return document


def add_numbered(document, text, level):
    paragraph = document.add_paragraph()
    paragraph._p.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr>')
    )
    paragraph.add_run(text)


LEVELS = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"), ("bullet", "o")]


def test_word_numbering_is_written_into_the_text_as_word_shows_it():
    document = numbered_document(LEVELS)
    for text, level in [
        ("MỤC TIÊU", 0),
        ("Mục tiêu chung", 1),
        ("Mục tiêu cụ thể", 1),
        ("Năm học 2026-2027", 2),
        ("Năm học 2027-2028", 2),
        ("100% giáo viên được bồi dưỡng.", 3),
        ("về chuyển đổi số;", 4),
        ("NHIỆM VỤ", 0),
        ("Truyền thông", 1),
    ]:
        add_numbered(document, text, level)
    document.add_paragraph("Không đánh số.")
    assert read_paragraphs(docx_bytes(document), "a.docx") == [
        "I. MỤC TIÊU",
        "1. Mục tiêu chung",
        "2. Mục tiêu cụ thể",
        "a) Năm học 2026-2027",
        "b) Năm học 2027-2028",
        "- 100% giáo viên được bồi dưỡng.",
        "+ về chuyển đổi số;",
        "II. NHIỆM VỤ",
        "1. Truyền thông",
        "Không đánh số.",
    ]


def test_a_start_override_and_numbering_set_on_a_style_are_followed():
    document = numbered_document(LEVELS, start_override=3)
    style = document.styles["Heading 1"]
    style.element.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>')
    )
    document.add_paragraph("KINH PHÍ", style="Heading 1")
    document.add_paragraph("TỔ CHỨC THỰC HIỆN", style="Heading 1")
    assert read_paragraphs(docx_bytes(document), "a.docx") == ["III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"]


def test_a_data_table_is_read_row_by_row_but_a_signature_table_is_not():
    document = Document()
    grid = document.add_table(rows=2, cols=3)
    for c, value in enumerate(["TT", "Chỉ tiêu", "Năm 2027"]):
        grid.cell(0, c).text = value
    for c, value in enumerate(["1", "Tỷ lệ giáo viên dự giờ", "90%"]):
        grid.cell(1, c).text = value
    layout = document.add_table(rows=2, cols=2)
    layout.cell(0, 0).text = "Nơi nhận:"
    layout.cell(0, 1).text = "HIỆU TRƯỞNG"
    layout.cell(1, 1).text = "Nguyễn Văn A"
    paragraphs = read_paragraphs(docx_bytes(document), "a.docx")
    assert [table_cells(p) for p in paragraphs[:2]] == [
        (True, ["TT", "Chỉ tiêu", "Năm 2027"]),
        (False, ["1", "Tỷ lệ giáo viên dự giờ", "90%"]),
    ]
    assert paragraphs[2:] == ["Nơi nhận:", "HIỆU TRƯỞNG", "Nguyễn Văn A"]


def test_a_reference_or_a_span_of_years_cut_by_the_line_end_is_joined_without_a_space():
    lines = [
        "Căn cứ hướng dẫn thực hiện nhiệm vụ năm học của Sở tại Kế hoạch số 35/KH-",
        "CLQĐ ngày 09/3/2026 và giai đoạn 2026-",
        "2030 của ngành;",
        "Kinh phí do nhà trường bảo đảm.",
    ]
    joined = join_lines(lines, full_length=70)
    assert joined[0] == (
        "Căn cứ hướng dẫn thực hiện nhiệm vụ năm học của Sở tại Kế hoạch số 35/KH-CLQĐ ngày 09/3/2026 và "
        "giai đoạn 2026-2030 của ngành;"
    )
    assert joined[1:] == ["Kinh phí do nhà trường bảo đảm."]


HEADER = [
    "TRƯỜNG THCS BÌNH MINH",
    "Số: 03/KH-THCSBM",
    "Bình Minh, ngày 05 tháng 9 năm 2026",
    "KẾ HOẠCH",
    "Truyền thông năm học 2026-2027",
]
FOOTER = ["Nơi nhận:", "- Lưu: VT.", "HIỆU TRƯỞNG", "Lê Văn Bình"]


def test_headings_typed_in_normal_case_are_sections_and_are_flagged_as_assumed():
    doc = parse_plan(
        [
            *HEADER,
            "Thực hiện Kế hoạch số 1020/KH-SGDĐT ngày 04/3/2026 của Sở Giáo dục và Đào tạo, trường xây dựng kế hoạch như sau:",
            "1. Mục đích, yêu cầu",
            "- Nâng cao nhận thức của cha mẹ học sinh.",
            "2. Chỉ tiêu",
            "- 100% lớp có góc truyền thông.",
            "3. Nhiệm vụ và giải pháp",
            "- Cập nhật bảng tin hằng tháng.",
            "4. Kinh phí",
            "Chi thường xuyên.",
            "5. Tổ chức thực hiện",
            "- Ban giám hiệu: chỉ đạo chung.",
            *FOOTER,
        ]
    )
    assert doc.bases[0].refs == ["1020/KH-SGDĐT"]
    assert doc.general_objectives == ["Nâng cao nhận thức của cha mẹ học sinh."]
    assert [t.text for t in doc.targets] == ["100% lớp có góc truyền thông."]
    assert doc.task_groups[0].tasks == ["Cập nhật bảng tin hằng tháng."]
    assert doc.budget == "Chi thường xuyên."
    assert [(r.unit, r.duties) for r in doc.responsibilities] == [("Ban giám hiệu", ["chỉ đạo chung."])]
    assert [f.kind for f in doc.flags] == ["heading"] * 5
    assert "«2. Chỉ tiêu»" in doc.flags[1].message and "Mục tiêu, chỉ tiêu" in doc.flags[1].message


def test_a_numbered_sentence_is_not_taken_for_a_heading():
    with pytest.raises(Exception, match="không phải là một kế hoạch"):
        parse_plan(
            [
                *HEADER,
                "1. Nhiệm vụ của giáo viên là dạy học và giáo dục học sinh theo mục tiêu, chương trình giáo dục.",
                "2. Hoạt động của nhà trường được công khai hằng năm theo quy định của Bộ Giáo dục và Đào tạo.",
                *FOOTER,
            ]
        )


def test_a_bases_section_of_its_own_and_sections_in_another_order_are_read():
    doc = parse_plan(
        [
            *HEADER,
            "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH",
            "- Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị;",
            "- Kế hoạch số 1020/KH-SGDĐT ngày 04/3/2026 của Sở GDĐT.",
            "II. ĐẶC ĐIỂM TÌNH HÌNH",
            "Trường có 20 lớp, 800 học sinh.",
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Ban giám hiệu",
            "- Chỉ đạo chung.",
            "IV. Nhiệm vụ, giải pháp",
            "1. Truyền thông nội bộ",
            "- Họp hội đồng sư phạm.",
            "V. mục tiêu",
            "- 100% giáo viên tham gia.",
            *FOOTER,
        ]
    )
    assert [b.refs for b in doc.bases] == [["71-NQ/TW"], ["1020/KH-SGDĐT"]]
    assert doc.intro == "Trường có 20 lớp, 800 học sinh."
    assert doc.responsibilities[0].unit == "Ban giám hiệu"
    assert doc.task_groups[0].title == "Truyền thông nội bộ"
    assert [t.text for t in doc.targets] == ["100% giáo viên tham gia."]
    assert [f.kind for f in doc.flags] == ["missing"] and "kinh phí" in doc.flags[0].message


def test_sub_bullets_stay_with_their_task_instead_of_copying_the_lead_in():
    doc = parse_plan(
        [
            *HEADER,
            "I. MỤC TIÊU",
            "- 100% giáo viên tham gia.",
            "II. NHIỆM VỤ VÀ GIẢI PHÁP",
            "1. Truyền thông trong nhà trường",
            "a) Tổ chức các hoạt động:",
            "- Diễn đàn học sinh;",
            "- Phiên tòa giả định.",
            "b) Cập nhật bảng tin.",
            "2. Phối hợp",
            "- Với Công an xã:",
            "+ tuyên truyền an toàn giao thông;",
            "+ phòng chống ma túy.",
            "- Với Hội cha mẹ học sinh.",
            *FOOTER,
        ]
    )
    assert [g.tasks for g in doc.task_groups] == [
        ["Tổ chức các hoạt động:\n- Diễn đàn học sinh;\n- Phiên tòa giả định.", "Cập nhật bảng tin."],
        [
            "Với Công an xã:\n+ tuyên truyền an toàn giao thông;\n+ phòng chống ma túy.",
            "Với Hội cha mẹ học sinh.",
        ],
    ]


def _table_plan(rows, header):
    document = Document()
    for line in [*HEADER, "I. MỤC TIÊU", "1. Chỉ tiêu cụ thể"]:
        document.add_paragraph(line)
    grid = document.add_table(rows=len(rows) + 1, cols=len(header))
    for r, row in enumerate([header, *rows]):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    for line in ["II. NHIỆM VỤ", "1. Truyền thông", "- Họp phụ huynh.", *FOOTER]:
        document.add_paragraph(line)
    return parse_plan_file(docx_bytes(document), "bang.docx")


def test_a_table_of_targets_gives_a_target_per_row_and_year_column_and_is_flagged():
    doc = _table_plan(
        [
            ["1", "Tỷ lệ học sinh tham gia câu lạc bộ", "%", "80", "≥ 85"],
            ["2", "Số chuyên đề kỹ năng sống", "chuyên đề", "2 chuyên đề", ""],
            ["", "Về cha mẹ học sinh", "", "", ""],
        ],
        ["STT", "Nội dung chỉ tiêu", "Đơn vị tính", "2027", "Giai đoạn 2028-2030"],
    )
    assert doc.phases == ["Năm 2027", "Giai đoạn 2028-2030"]
    assert [(t.phase, t.text) for t in doc.targets] == [
        ("Năm 2027", "Tỷ lệ học sinh tham gia câu lạc bộ: 80%"),
        ("Giai đoạn 2028-2030", "Tỷ lệ học sinh tham gia câu lạc bộ: tối thiểu 85%"),
        ("Năm 2027", "Số chuyên đề kỹ năng sống: 2 chuyên đề"),
    ]
    assert [[(m.value, m.unit, m.comparator) for m in t.measures] for t in doc.targets] == [
        [(80, "%", ">=")],
        [(85, "%", ">=")],
        [(2, "count", ">=")],
    ]
    assert [f.kind for f in doc.flags] == ["table", "missing"]
    assert "«Năm 2027», «Giai đoạn 2028-2030»" in doc.flags[0].message
    assert any("Về cha mẹ học sinh" in w for w in doc.warnings)


def test_a_table_without_year_columns_reads_its_level_column_without_a_phase():
    doc = _table_plan(
        [["1", "Tỷ lệ giáo viên dự giờ", "95%", "Tổ trưởng"]],
        ["TT", "Chỉ tiêu", "Mức phấn đấu", "Ghi chú"],
    )
    assert [(t.phase, t.text) for t in doc.targets] == [("", "Tỷ lệ giáo viên dự giờ: 95%")]


def test_a_number_in_a_target_that_gives_no_measure_is_flagged_not_dropped():
    doc = parse_plan(
        [
            *HEADER,
            "I. CHỈ TIÊU",
            "- Phấn đấu có từ 3 đến 5 sáng kiến được công nhận.",
            "- Trường đạt kiểm định chất lượng giáo dục mức 3.",
            "- Xây dựng trường học hạnh phúc theo Kế hoạch 12/KH-SGDĐT năm 2026.",
            "II. NHIỆM VỤ",
            "- Họp phụ huynh.",
            *FOOTER,
        ]
    )
    measure_flags = [f.message for f in doc.flags if f.kind == "measure"]
    assert len(doc.targets) == 3
    assert [(m.value, m.upper, m.noun) for m in doc.targets[0].measures] == [(3, 5, "sáng kiến")]
    assert len(measure_flags) == 1 and "kiểm định chất lượng giáo dục mức 3" in measure_flags[0]
