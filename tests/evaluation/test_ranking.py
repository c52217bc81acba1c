"""Emulation ranking: ties, missing scores and classification thresholds (pure, no database)."""

from decimal import Decimal as D

from truyenthong.evaluation.ranking import Thresholds, classify, rank

TH = Thresholds(excellent=D(90), good=D(80), complete=D(50))


def test_equal_scores_share_a_rank_and_the_next_rank_is_skipped():
    ranked = rank(
        [("a", "Tổ Toán", D(92)), ("b", "Tổ Văn", D(85)), ("c", "Đoàn", D(85)), ("d", "VP", D(70))], TH
    )
    assert [(r.name, r.rank, r.tied) for r in ranked] == [
        ("Tổ Toán", 1, False),
        ("Đoàn", 2, True),
        ("Tổ Văn", 2, True),
        ("VP", 4, False),
    ]
    assert ranked[1].rank_label == "2 (đồng hạng)"


def test_entries_without_a_score_come_last_unranked_and_are_not_counted_as_zero():
    ranked = rank([("a", "Tổ Anh", None), ("b", "Tổ Sử", D(0)), ("c", "Tổ Lý", D(60))], TH)
    assert [(r.name, r.rank, r.classification) for r in ranked] == [
        ("Tổ Lý", 1, "complete"),
        ("Tổ Sử", 2, "incomplete"),
        ("Tổ Anh", None, "unscored"),
    ]
    assert ranked[-1].rank_label == "—"
    assert ranked[-1].classification_label == "Chưa có điểm"


def test_a_threshold_change_reclassifies_without_changing_the_order_by_score():
    entries = [("a", "A", D(88)), ("b", "B", D(79.5)), ("c", "C", D(45))]
    before = [r.classification for r in rank(entries, TH)]
    after = [r.classification for r in rank(entries, Thresholds(D(85), D(75), D(40)))]
    assert before == ["good", "complete", "incomplete"]
    assert after == ["excellent", "good", "complete"]


def test_the_boundary_score_belongs_to_the_higher_class():
    assert classify(D(90), TH) == "excellent"
    assert classify(D("89.99"), TH) == "good"
    assert classify(None, TH) == "unscored"


def test_thresholds_must_decrease():
    assert Thresholds(D(80), D(80), D(50)).problems()
    assert not TH.problems()
