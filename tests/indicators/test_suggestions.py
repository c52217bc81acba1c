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
