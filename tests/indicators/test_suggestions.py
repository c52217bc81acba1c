"""Indicator suggestions: whole words and phrases on accent-folded text, a score, a reason; and what must not match."""

import pytest

from truyenthong.indicators.defaults import STRONG_SCORE, suggest


def proposed(text, comparator=">="):
    found = suggest(text, text, comparator=comparator, single_measure=True)
    return found.rule.name if found else None


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("Giai đoạn 2026-2030 của tỉnh: nâng cao chất lượng giáo dục toàn diện", ">="),
        ("100% giáo viên có trình độ trên đại học", ">="),
        ("Tăng số giáo viên có trình độ trên đại học", "increase"),
        ("100% giáo viên giữ gìn chuẩn mực đạo đức nhà giáo", ">="),
        ("Giải quyết kịp thời 100% kiến nghị của cha mẹ học sinh ở cấp tỉnh", ">="),
        ("100% học sinh tốt bụng, đoàn kết trong học tập", ">="),
        ("100% lớp có góc truyền thông", ">="),
        ("Hoàn thành đợt học tập chuyên đề đúng hạn", ">="),
    ],
)
def test_targets_that_only_share_short_words_with_a_rule_get_no_suggestion(text, comparator):
    assert proposed(text, comparator) is None


@pytest.mark.parametrize(
    ("text", "comparator", "name"),
    [
        ("Nâng tỷ lệ học sinh đỗ đại học hằng năm", "increase", "Tỷ lệ học sinh đỗ đại học"),
        ("Tỷ lệ giáo viên đạt chuẩn và trên chuẩn đạt 100%", ">=", "Tỷ lệ giáo viên đạt chuẩn nghề nghiệp"),
        ("Tỷ lệ học sinh tốt nghiệp THPT đạt 100%", ">=", "Tỷ lệ học sinh tốt nghiệp THPT"),
        (
            "Kết quả học tập xếp loại Tốt tăng hằng năm",
            "increase",
            "Tỷ lệ học sinh xếp loại Tốt (kết quả học tập)",
        ),
        ("Có nhiều học sinh đạt giải cấp tỉnh", "increase", "Số giải học sinh từ cấp tỉnh trở lên"),
        ("Không để xảy ra bạo lực học đường", "zero", "Số vụ việc bạo lực học đường"),
    ],
)
def test_targets_that_say_what_a_rule_measures_get_it(text, comparator, name):
    assert proposed(text, comparator) == name


def test_a_suggestion_says_which_words_matched_with_their_accents_and_how_strongly():
    found = suggest(
        "90% trở lên giáo viên ứng dụng hiệu quả công nghệ thông tin trong dạy học",
        "",
        comparator=">=",
        single_measure=False,
    )
    assert found.rule.name == "Tỷ lệ giáo viên ứng dụng hiệu quả CNTT, chuyển đổi số trong dạy học"
    assert found.reason == "khớp: «công nghệ thông tin» + «giáo viên»"
    assert found.score >= STRONG_SCORE and found.strong


def test_the_target_text_counts_only_when_the_target_has_one_measure():
    measure, target = "100% học sinh", "100% học sinh được giáo dục kỹ năng sống; 100% lớp có nội quy"
    assert suggest(measure, target, comparator=">=", single_measure=False) is None
    assert suggest(measure, target, comparator=">=", single_measure=True).rule.name.startswith("Tỷ lệ lớp")


def proposed_for(text, comparator, unit):
    found = suggest(text, text, comparator=comparator, single_measure=True, unit=unit)
    return found.rule if found else None


@pytest.mark.parametrize(
    "text",
    [
        "Không có cán bộ, giáo viên vi phạm pháp luật",
        "Không để xảy ra tai nạn thương tích trong trường",
        "Không để xảy ra khủng hoảng truyền thông, thông tin sai lệch về nhà trường",
        "Không có học sinh vi phạm an toàn giao thông",
        "Không có học sinh liên quan đến ma túy, tệ nạn xã hội",
    ],
)
def test_an_adverse_event_that_must_not_happen_is_a_count_with_goal_zero_never_a_percentage(text):
    rule = proposed_for(text, "zero", None)
    assert rule is not None and rule.name.startswith("Số vụ việc")
    assert rule.is_percent is False


@pytest.mark.parametrize(
    ("text", "comparator", "unit"),
    [
        ("Không để xảy ra vi phạm pháp luật trong cán bộ, giáo viên", "zero", None),
        ("Không có học sinh vi phạm pháp luật", "zero", None),
        ("Tổ chức 02 chuyên đề/năm về giáo dục pháp luật cho học sinh", ">=", "count"),
        ("Tổ chức ít nhất 02 chuyên đề/năm về kỹ năng sống cho học sinh", ">=", "count"),
        ("Không có cán bộ truyền thông đăng tin sai lệch", "zero", None),
    ],
)
def test_a_percentage_rule_is_never_proposed_for_a_count_or_a_target_of_none(text, comparator, unit):
    rule = proposed_for(text, comparator, unit)
    assert rule is None or not rule.is_percent


@pytest.mark.parametrize(
    "text",
    [
        "100% cán bộ, giáo viên chấp hành nghiêm pháp luật",
        "100% học sinh có kỹ năng sống cơ bản phù hợp lứa tuổi",
        "Thực hiện đúng quy định pháp luật về công khai trong cơ sở giáo dục",
    ],
)
def test_the_law_and_life_skills_rule_needs_education_wording(text):
    assert proposed(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "100% lớp được phổ biến, giáo dục pháp luật",
        "100% học sinh được tuyên truyền pháp luật về an toàn giao thông",
        "100% học sinh được giáo dục kỹ năng sống",
    ],
)
def test_education_about_the_law_or_life_skills_is_measured_by_the_classes_covered(text):
    assert proposed(text) == "Tỷ lệ lớp được giáo dục kỹ năng sống, pháp luật"


@pytest.mark.parametrize(
    ("text", "comparator", "unit"),
    [
        ("Tỷ lệ học sinh vi phạm nội quy tối đa 2%", "<=", "%"),  # a rate, not a count of events
        ("100% học sinh không vi phạm nội quy", ">=", "%"),  # a share of students, not an event to count
        ("Đăng tải ít nhất 12 video ngắn trên fanpage", ">=", "count"),  # not the school's website
        (
            "Tổ chức 02 buổi quán triệt chuyên đề nghị quyết",
            ">=",
            "count",
        ),  # the study sessions' rule is a rate
        ("Tỷ lệ học sinh bỏ học đạt 100%", ">=", "%"),  # a dropout rate is never a goal to reach
    ],
)
def test_counts_and_adverse_rules_stay_out_of_what_they_do_not_measure(text, comparator, unit):
    assert proposed_for(text, comparator, unit) is None


def test_a_count_of_articles_on_the_school_website_is_counted_from_the_published_content():
    rule = proposed_for("Số bài viết đăng trên trang thông tin điện tử: 24 bài viết", ">=", "count")
    assert rule.numerator == "content_published" and not rule.is_percent
