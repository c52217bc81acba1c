"""Measures read from target sentences: values, units, comparators, subjects; numbers that are not quantities."""

import pytest

from truyenthong.lib.plandoc import measures_in, refs_in


def triples(text):
    return [(m.value, m.unit, m.comparator) for m in measures_in(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "100% cán bộ, giáo viên, nhân viên được học tập, quán triệt đầy đủ nội dung các nghị quyết.",
            [(100, "%", ">=")],
        ),
        ("90% trở lên giáo viên ứng dụng hiệu quả công nghệ thông tin.", [(90, "%", ">=")]),
        ("Tối thiểu 70% cán bộ làm công tác truyền thông được bồi dưỡng.", [(70, "%", ">=")]),
        ("Phấn đấu 95% cha mẹ học sinh được tiếp cận thông tin.", [(95, "%", ">=")]),
        ("Tỷ lệ giáo viên đạt chuẩn và trên chuẩn đạt 100%.", [(100, "%", ">=")]),
        ("Đăng ít nhất 12 bài viết trên chuyên mục của nhà trường.", [(12, "count", ">=")]),
        ("Giảm 50% số vụ vi phạm nội quy so với năm học 2025-2026.", [(50, "%", "decrease")]),
        ("Không để xảy ra vụ việc bạo lực học đường nghiêm trọng.", [(0, None, "zero")]),
        ("Xây dựng môi trường an toàn, không có bạo lực học đường.", [(0, None, "zero")]),
        ("Tỷ lệ học sinh bỏ học không quá 5%.", [(5, "%", "<=")]),
        ("Tỷ lệ học sinh bỏ học không quá 0,5%.", [(0.5, "%", "<=")]),
        ("Số lượt truy cập cổng thông tin tăng 20% so với năm học trước.", [(20, "%", "increase")]),
        ("Nâng tỷ lệ học sinh đỗ đại học hằng năm.", [(None, None, "increase")]),
        ("Tăng tỷ lệ học sinh giỏi từ 30% lên 40%.", [(40, "%", ">=")]),
        ("Giảm tỷ lệ học sinh xếp loại chưa đạt xuống dưới 1%.", [(1, "%", "<=")]),
        ("Giảm dần tỷ lệ học sinh nghỉ học không phép qua các năm.", [(None, None, "decrease")]),
        ("Tổ chức 04 buổi ngoại khóa cho học sinh lớp 10 và lớp 11.", [(4, "count", ">=")]),
        ("Mỗi tháng 2 bản tin trên bảng tin của trường.", [(2, "count", ">=")]),
        ("Tối đa 3 học sinh mỗi lớp bị xếp loại rèn luyện chưa đạt.", [(3, "count", "<=")]),
        ("Xuất bản 1.200 tờ rơi đến cha mẹ học sinh.", [(1200, "count", ">=")]),
        ("Tỷ lệ học sinh khá, giỏi bằng 60% tổng số học sinh.", [(60, "%", "=")]),
    ],
)
def test_a_measure_is_read_from_each_kind_of_target(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Duy trì tỷ lệ học sinh tốt nghiệp THPT đạt 100%; nâng tỷ lệ học sinh đỗ đại học hằng năm.",
            [(100, "%", ">="), (None, None, "increase")],
        ),
        (
            "Xây dựng môi trường giáo dục an toàn, không có bạo lực học đường; 100% học sinh được giáo dục kỹ năng sống.",
            [(0, None, "zero"), (100, "%", ">=")],
        ),
        (
            "Tối thiểu 80% cha mẹ học sinh tham gia ít nhất 01 buổi họp chuyên đề.",
            [(80, "%", ">="), (1, "count", ">=")],
        ),
        (
            "Không có học sinh bỏ học, 100% học sinh được hỗ trợ học bổng.",
            [(0, None, "zero"), (100, "%", ">=")],
        ),
        (
            "Đăng tải ít nhất 12 bài viết, 04 video ngắn trên fanpage.",
            [(12, "count", ">="), (4, "count", ">=")],
        ),
    ],
)
def test_a_target_with_two_quantities_gives_two_measures_in_order(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện triển khai đầy đủ công tác truyền thông về thực hiện Nghị quyết số 71-NQ/TW ngày 22/8/2025.",
        "Tạo chuyển biến rõ nét về nhận thức; nâng cao chất lượng giáo dục toàn diện.",
        "Cùng cố và nâng cao chất lượng truyền thông chiều sâu.",
        "Tăng cường phối hợp với cha mẹ học sinh trong năm học 2026-2027.",
        "Xây dựng hình ảnh nhà trường là đơn vị điển hình về đổi mới, sáng tạo.",
        "Triển khai Kế hoạch số 1020/KH-SGDĐT và Nghị định 30/2020/NĐ-CP trong giai đoạn 2026-2030.",
        "Học sinh lớp 10, khối 12 tham gia học kỳ 2 theo Điều 5 của quy chế.",
        "Hoàn thành trong 3 tháng đầu năm.",
        "Có nhiều học sinh đạt giải cấp tỉnh, khu vực và quốc tế.",
    ],
)
def test_years_dates_references_ordinals_and_qualitative_targets_give_no_measure(text):
    assert measures_in(text) == []


def test_the_subject_is_what_the_number_counts():
    (first,) = measures_in(
        "100% cán bộ, giáo viên, nhân viên được học tập, quán triệt đầy đủ nội dung các nghị quyết."
    )
    assert (
        first.subject
        == "cán bộ, giáo viên, nhân viên được học tập, quán triệt đầy đủ nội dung các nghị quyết"
    )
    (after,) = measures_in("90% trở lên giáo viên ứng dụng công nghệ thông tin.")
    assert after.subject == "giáo viên ứng dụng công nghệ thông tin"


def test_a_number_that_ends_the_clause_takes_its_subject_from_before_it():
    graduation, university = measures_in(
        "Duy trì tỷ lệ học sinh tốt nghiệp THPT đạt 100%; nâng tỷ lệ học sinh đỗ đại học hằng năm."
    )
    assert graduation.subject == "tỷ lệ học sinh tốt nghiệp THPT"
    assert university.subject == "tỷ lệ học sinh đỗ đại học"
    assert graduation.text == "Duy trì tỷ lệ học sinh tốt nghiệp THPT đạt 100%"
    assert university.text == "nâng tỷ lệ học sinh đỗ đại học hằng năm"


def test_zero_and_trend_measures_name_what_they_are_about():
    (zero,) = measures_in("Không để xảy ra tai nạn thương tích trong trường.")
    assert zero.subject == "tai nạn thương tích trong trường"
    (trend,) = measures_in("Chất lượng kết quả học tập và rèn luyện loại Tốt tăng ổn định hằng năm.")
    assert (trend.comparator, trend.subject) == (
        "increase",
        "Chất lượng kết quả học tập và rèn luyện loại Tốt",
    )
    (decrease,) = measures_in("Giảm 50% số vụ vi phạm nội quy so với năm học trước.")
    assert decrease.subject == "số vụ vi phạm nội quy"


def test_refs_are_found_in_order_without_repeats_and_without_spaces():
    text = (
        "Căn cứ Quyết định số 701 /QĐ-UBND, Nghị quyết số 71-NQ/TW, Nghị định 30/2020/NĐ-CP, Luật 91/2025/QH15, "
        "Chương trình 04-CTr/TU ngày 28/11/2025 và lại Nghị quyết số 71-NQ/TW giai đoạn 2026-2030."
    )
    assert refs_in(text) == ["701/QĐ-UBND", "71-NQ/TW", "30/2020/NĐ-CP", "91/2025/QH15", "04-CTr/TU"]


# --- changes against a baseline, ranges, bounds, counts per period, fractions of units -----------------------


def details(text):
    return [
        (m.value, m.unit, m.comparator, m.upper, m.baseline, m.noun, m.per, m.total)
        for m in measures_in(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Giảm ít nhất 30% số vụ vi phạm so với năm học 2024-2025.",
            [(30, "%", "decrease", None, "năm học 2024-2025", "", "", None)],
        ),
        (
            "Tăng ít nhất 20% số lượt truy cập so với năm học trước.",
            [(20, "%", "increase", None, "năm học trước", "", "", None)],
        ),
        (
            "Số học viên tăng tối thiểu 15% so với năm 2026, giữ vững chất lượng.",
            [(15, "%", "increase", None, "năm 2026", "", "", None)],
        ),
        (
            "Nâng tỷ lệ học sinh đỗ đại học so với năm học 2024-2025.",
            [(None, None, "increase", None, "năm học 2024-2025", "", "", None)],
        ),
        ("Tỷ lệ học sinh khá, giỏi đạt 90 - 95%.", [(90, "%", ">=", 95, "", "", "", None)]),
        ("Tỷ lệ học sinh khá, giỏi đạt từ 90% đến 95%.", [(90, "%", ">=", 95, "", "", "", None)]),
        (
            "Không dưới 85% học sinh tham gia hoạt động trải nghiệm.",
            [(85, "%", ">=", None, "", "", "", None)],
        ),
        ("Trên 70% cha mẹ học sinh theo dõi trang thông tin.", [(70, "%", ">=", None, "", "", "", None)]),
        ("Tỷ lệ học viên bỏ học tối đa 5%.", [(5, "%", "<=", None, "", "", "", None)]),
        (
            "Tổ chức 02 chuyên đề/năm về kỹ năng sống.",
            [(2, "count", ">=", None, "", "chuyên đề", "năm", None)],
        ),
        ("Mỗi tháng đăng ít nhất 2 bản tin.", [(2, "count", ">=", None, "", "bản tin", "tháng", None)]),
        ("Tổ chức 3 buổi tọa đàm mỗi học kỳ.", [(3, "count", ">=", None, "", "buổi", "học kỳ", None)]),
        (
            "8/10 tổ chuyên môn có sản phẩm truyền thông.",
            [(8, "count", ">=", None, "", "tổ", "", 10)],
        ),
    ],
)
def test_changes_ranges_bounds_counts_and_fractions_are_read_with_their_details(text, expected):
    assert details(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hoàn thành trước ngày 15/9 năm 2026.",
        "Báo cáo kết quả về Sở trước ngày 8/10 hằng năm.",
        "Giai đoạn 2026-2030 của tỉnh.",
        "Thực hiện theo Công văn số 12/SGDĐT-VP.",
        "Từ 8/10 đến 15/10 tổ chức ngày hội.",
    ],
)
def test_dates_and_references_with_a_slash_are_not_fractions(text):
    assert measures_in(text) == []


def test_a_bound_after_a_change_keeps_the_change_but_a_level_after_it_wins():
    # "tăng … lên 40%" and "giảm … xuống dưới 1%" name the level to reach, not the size of the change.
    assert triples("Tăng tỷ lệ học sinh giỏi từ 30% lên 40%.") == [(40, "%", ">=")]
    assert triples("Giảm tỷ lệ học sinh xếp loại chưa đạt xuống dưới 1%.") == [(1, "%", "<=")]
    assert triples("Giảm 50% số vụ vi phạm nội quy.") == [(50, "%", "decrease")]
    assert triples("Ít nhất 30% học sinh tham gia câu lạc bộ.") == [(30, "%", ">=")]


def test_a_descending_or_equal_pair_is_not_a_range():
    assert triples("Tỷ lệ đạt 95 - 90% là không hợp lý.")[-1][0] == 90


def test_comparators_have_one_vietnamese_label_each():
    from truyenthong.lib.plandoc import COMPARATOR_LABELS
    from truyenthong.lib.plandoc.model import COMPARATORS

    assert set(COMPARATOR_LABELS) == set(COMPARATORS)
    assert COMPARATOR_LABELS[">="] == "tối thiểu" and COMPARATOR_LABELS["zero"] == "không để xảy ra"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("90% trở lên giáo viên ứng dụng công nghệ thông tin.", "≥ 90%"),
        ("Tỷ lệ học sinh bỏ học không quá 0,5%.", "≤ 0,5%"),
        ("Tỷ lệ học sinh khá, giỏi đạt 90 - 95%.", "90–95%"),
        ("Tổ chức 02 chuyên đề/năm về kỹ năng sống.", "≥ 2 chuyên đề/năm"),
        ("8/10 tổ chuyên môn có sản phẩm truyền thông.", "≥ 8/10 tổ"),
        ("Có từ 3 đến 5 sáng kiến được công nhận.", "3–5 sáng kiến"),
        ("Xuất bản 1.200 tờ rơi đến cha mẹ học sinh.", "≥ 1.200 tờ"),
        (
            "Giảm ít nhất 30% số vụ vi phạm so với năm học 2024-2025.",
            "giảm ít nhất 30% so với năm học 2024-2025",
        ),
        ("Nâng tỷ lệ học sinh đỗ đại học hằng năm.", "tăng so với kỳ trước"),
        ("Không để xảy ra bạo lực học đường.", "không để xảy ra"),
        ("Tỷ lệ học sinh khá, giỏi bằng 60% tổng số học sinh.", "= 60%"),
    ],
)
def test_a_measure_is_written_in_vietnamese_words(text, words):
    from truyenthong.lib.plandoc import describe_measure

    (measure,) = measures_in(text)
    assert describe_measure(measure) == words
    for raw in (">=", "<=", "increase", "decrease", "zero", "count", ".0"):
        assert raw not in describe_measure(measure)
