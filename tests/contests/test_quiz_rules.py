"""The pure rules: grading of every type, seeded draws and shuffles, ranking ties, the challenge."""

from truyenthong.lib import quiz


def test_single_and_true_false_are_right_only_for_the_right_index():
    assert quiz.grade(quiz.SINGLE, [2], 2) is True
    assert quiz.grade(quiz.SINGLE, [2], "2") is True
    assert quiz.grade(quiz.SINGLE, [2], 1) is False
    assert quiz.grade(quiz.SINGLE, [2], None) is False
    assert quiz.grade(quiz.TRUE_FALSE, [1], 1) is True
    assert quiz.grade(quiz.TRUE_FALSE, [1], 0) is False
    assert quiz.grade(quiz.SINGLE, [2], "abc") is False


def test_multiple_needs_every_right_option_and_no_wrong_one():
    assert quiz.grade(quiz.MULTIPLE, [0, 2], [2, 0]) is True
    assert quiz.grade(quiz.MULTIPLE, [0, 2], [0]) is False
    assert quiz.grade(quiz.MULTIPLE, [0, 2], [0, 1, 2]) is False
    assert quiz.grade(quiz.MULTIPLE, [0, 2], []) is False


def test_short_answers_ignore_diacritics_case_and_spacing_but_not_the_words():
    accepted = ["Hà Nội", "Thành phố Hà Nội"]
    for given in ["ha noi", "HÀ NỘI", "  Hà   Nội. ", "thanh pho ha noi", "Hà Nội"]:
        assert quiz.grade(quiz.SHORT, accepted, given), given
    for given in ["Hà", "Hải Phòng", "ha noi thu do", "", "hanoi"]:
        assert not quiz.grade(quiz.SHORT, accepted, given), given
    assert quiz.grade(quiz.SHORT, ["Đoàn Thanh niên"], "doan thanh nien")


def test_the_tie_break_is_not_graded():
    assert quiz.grade(quiz.TIE_BREAK, [], 12) is None


def test_the_same_seed_draws_the_same_questions_and_another_seed_usually_not():
    pool = list(range(100, 160))
    first = quiz.draw(pool, 20, seed=42)
    assert first == quiz.draw(list(reversed(pool)), 20, seed=42)
    assert len(set(first)) == 20 and set(first) <= set(pool)
    others = {tuple(quiz.draw(pool, 20, seed=s)) for s in range(1, 30)}
    assert len(others) == 29
    assert quiz.draw(pool[:5], 20, seed=1) and len(quiz.draw(pool[:5], 20, seed=1)) == 5


def test_option_shuffles_are_permutations_fixed_by_seed_and_question():
    order = quiz.shuffle_options(4, 7, 11)
    assert sorted(order) == [0, 1, 2, 3]
    assert order == quiz.shuffle_options(4, 7, 11)
    assert len({tuple(quiz.shuffle_options(4, 7, q)) for q in range(50)}) > 1


def test_ranking_by_score_then_time_then_tie_break_distance_with_shared_ranks():
    R = quiz.Result
    results = [
        R("slow", 9, 60_000, 5),
        R("fast", 9, 30_000, 5),
        R("near", 8, 30_000, 10),
        R("far", 8, 30_000, 50),
        R("same-a", 7, 10_000, 3),
        R("same-b", 7, 10_000, 3),
        R("no-guess", 7, 10_000, None),
        R("low", 1, 1_000, 12),
    ]
    ranked = [(rank, r.key) for rank, r in quiz.rank(results, tie_break_value=12)]
    assert ranked == [
        (1, "fast"),
        (2, "slow"),
        (3, "near"),
        (4, "far"),
        (5, "same-a"),
        (5, "same-b"),
        (7, "no-guess"),
        (8, "low"),
    ]


def test_ranking_without_a_tie_break_value_leaves_equal_results_tied():
    R = quiz.Result
    ranked = quiz.rank([R("a", 5, 100, 1), R("b", 5, 100, 99)], tie_break_value=None)
    assert [rank for rank, _ in ranked] == [1, 1]


def test_the_challenge_accepts_the_sum_and_refuses_tampering_and_old_tokens():
    text, token = quiz.challenge_make("secret", now=1000)
    a, b = (int(x) for x in text.split(" = ")[0].split(" + "))
    assert quiz.challenge_check("secret", token, str(a + b), now=1010)
    assert not quiz.challenge_check("secret", token, str(a + b + 1), now=1010)
    assert not quiz.challenge_check("other", token, str(a + b), now=1010)
    assert not quiz.challenge_check("secret", token, str(a + b), now=1000 + 4000)
    forged = token.replace(f"{a}:{b}:", f"{a}:{b + 1}:")
    assert not quiz.challenge_check("secret", forged, str(a + b + 1), now=1010)
    assert not quiz.challenge_check("secret", "", "3", now=1010)
