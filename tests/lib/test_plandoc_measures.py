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
