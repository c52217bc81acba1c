"""The indicator proposed for every measure of every corpus plan, checked by hand: the rules are about what is measured,
so plans the seed never saw get a fitting indicator or "cần định nghĩa", never one fitted to another plan's wording.

A plan added to the corpus must be added here (the last test fails until it is)."""

from pathlib import Path

import pytest

from truyenthong.indicators.defaults import rule_named, suggest
from truyenthong.lib.plandoc import parse_plan_file

CORPUS = Path(__file__).resolve().parents[1] / "data" / "plans" / "corpus"
LESSONS = "Tỷ lệ CB, GV, NV được học tập, quán triệt nghị quyết"
IT = "Tỷ lệ giáo viên ứng dụng hiệu quả CNTT, chuyển đổi số trong dạy học"
GRADUATES = "Tỷ lệ học sinh tốt nghiệp THPT"
ADVERSE = "Số vụ việc, trường hợp vi phạm, mất an toàn (theo sổ theo dõi)"
VIOLENCE = "Số vụ việc bạo lực học đường"
TOPICS = "Số chuyên đề, buổi sinh hoạt chuyên đề đã tổ chức"
ARTICLES = "Số tin, bài đăng trên trang thông tin điện tử của trường"
DROPOUT = "Tỷ lệ học sinh, học viên bỏ học"
CLASSES = "Tỷ lệ lớp được giáo dục kỹ năng sống, pháp luật"
UNIVERSITY = "Tỷ lệ học sinh đỗ đại học"

# plan → the proposal for each measure, in document order (None: "cần định nghĩa")
EXPECTED = {
    "01-th-hoa-sen": [None, TOPICS, None],
    "02-thcs-ly-tu-trong": [LESSONS, None, ADVERSE, VIOLENCE],
    "03-thpt-phan-boi-chau": [IT, IT, GRADUATES, GRADUATES, ARTICLES, ARTICLES],
    "04-gdtx-an-khe": [None, DROPOUT, None],
    "05-so-gddt-gia-lai": [None, ADVERSE, None],
    "06-thpt-nguyen-du": [None, None, None, UNIVERSITY],
    "07-thcs-nguyen-hue": [None, None, DROPOUT, ADVERSE],
    "08-ptdtnt-kbang": [CLASSES, GRADUATES],
    "09-th-kim-dong": [None, TOPICS],
    "10-thcs-chu-van-an": [IT, None],
    "11-phong-gddt-ia-grai": [None, None],
    "12-thpt-le-loi": [TOPICS, ADVERSE],
    # "phổ biến chương trình giáo dục phổ thông" is not education about the law: no rule, "cần định nghĩa"
    "13-thcs-tran-phu": [None, None, ARTICLES, ARTICLES, IT, IT, ADVERSE, ADVERSE],
    "14-th-vo-thi-sau": [CLASSES, ADVERSE, TOPICS],
}


def _plans():
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


def _proposals(path: Path):
    doc = parse_plan_file(path.read_bytes(), path.name)
    out = []
    for target in doc.targets:
        for m in target.measures:
            found = suggest(
                f"{m.subject} {m.text}",
                target.text,
                comparator=m.comparator,
                single_measure=len(target.measures) == 1,
                unit=m.unit,
            )
            out.append((m, found.rule if found else None))
    return out


@pytest.mark.parametrize("path", _plans(), ids=lambda p: p.name)
def test_every_measure_of_the_corpus_gets_the_indicator_checked_by_hand(path):
    got = [rule.name if rule else None for _m, rule in _proposals(path)]
    assert got == EXPECTED[path.name.split(".")[0]]


@pytest.mark.parametrize("path", _plans(), ids=lambda p: p.name)
def test_no_corpus_measure_of_none_or_of_a_count_gets_a_percentage(path):
    for measure, rule in _proposals(path):
        if rule and (measure.comparator == "zero" or measure.unit == "count"):
            assert not rule.is_percent, (measure.text, rule.name)


def test_every_name_in_the_table_is_a_rule_and_every_plan_of_the_corpus_is_in_it():
    names = {n for row in EXPECTED.values() for n in row if n}
    assert all(rule_named(n) for n in names)
    assert {p.name.split(".")[0] for p in _plans()} <= set(EXPECTED)
