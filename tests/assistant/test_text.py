"""Vietnamese analysis without Django: diacritics, abbreviations, syllable pairs, question words, paraphrases."""

from truyenthong.lib.retrieval.bm25 import Bm25Index
from truyenthong.lib.retrieval.text import query_terms, syllables, terms


def test_text_is_indexed_with_and_without_diacritics():
    got = terms("Giáo viên chủ nhiệm")
    for term in ("giao", "giáo", "vien", "viên", "giao_vien", "giáo_viên", "chu_nhiem", "chủ_nhiệm"):
        assert term in got


def test_a_syllable_without_diacritics_is_indexed_once():
    assert terms("tin") == ["tin"]


def test_decomposed_unicode_is_normalised_before_indexing():
    decomposed = "Nghi\u0323 quye\u0302\u0301t"
    assert terms(decomposed) == terms("Nghị quyết")


def test_words_are_split_on_punctuation_and_reference_numbers():
    assert [s.written for s in syllables("71-NQ/TW; (Zalo)")] == ["71", "nq", "tw", "zalo"]


def test_abbreviations_add_the_words_they_stand_for():
    got = terms("GVCN và ĐTN; CB, GV, NV")
    for term in ("gvcn", "giáo_viên", "chủ_nhiệm", "đoàn_thanh", "thanh_niên", "cán_bộ", "nhân_viên"):
        assert term in got


def test_abbreviations_typed_in_lower_case_without_diacritics_expand_too():
    assert "chu_nhiem" in terms("gvcn") and "giao_duc" in terms("gddt") and "pho_thong" in terms("thpt")


def test_an_ordinary_word_that_folds_to_an_abbreviation_is_not_expanded():
    # "tư" folds to "tu" (TU = Tỉnh ủy), "ai" (who) is AI only in capitals.
    assert "tỉnh" not in terms("tư duy") and "tinh" not in terms("tu duy")
    assert "tỉnh_ủy" in terms("04-CTr/TU")
    assert "trí_tuệ" not in terms("ai chịu trách nhiệm") and "trí_tuệ" in terms("ứng dụng AI")


def test_an_abbreviation_is_not_paired_with_its_own_expansion():
    got = terms("GVCN")
    assert "gvcn_giao" not in got and "gvcn_giáo" not in got


def test_question_words_are_dropped_and_never_glue_a_pair():
    weights = query_terms("Kinh phí lấy từ đâu?")
    assert "dau" not in weights and "đâu" not in weights
    assert "tu_dau" not in weights
    assert weights["kinh_phi"] == 1.0


def test_paraphrases_add_the_documents_words_at_a_lower_weight():
    weights = query_terms("bố mẹ hỏi gì")
    assert weights["phụ_huynh"] < 1.0 and weights["cha_mẹ"] < 1.0
    assert query_terms("ngân sách")["kinh_phí"] < 1.0


def test_a_paraphrase_does_not_fire_on_a_part_of_a_word_pair():
    assert "phụ_huynh" not in query_terms("tiềm năng")  # "tiền" must be a whole syllable, not a prefix


def test_search_finds_a_passage_typed_without_diacritics_and_not_an_unrelated_one():
    index = Bm25Index(
        [
            ("Kinh phí", "Kinh phí thực hiện được bảo đảm từ nguồn hoạt động thường xuyên."),
            ("Tổ chức thực hiện", "Giáo viên chủ nhiệm tuyên truyền đến học sinh qua sinh hoạt lớp."),
            ("Mục tiêu", "100% học sinh được giáo dục kỹ năng sống."),
        ]
    )
    assert index.search("kinh phi lay tu dau", k=1)[0].index == 0
    assert index.search("GVCN tuyen truyen the nao", k=1)[0].index == 1
    assert index.search("bóng đá", k=3) == []


def test_headings_weigh_more_than_the_body():
    index = Bm25Index([("Kinh phí", "nguồn hợp pháp khác"), ("Mục tiêu", "kinh phí nguồn hợp pháp khác")])
    assert index.search("kinh phí", k=1)[0].index == 0


def test_search_can_be_limited_to_allowed_passages():
    index = Bm25Index([("", "kinh phí"), ("", "kinh phí thường xuyên")])
    hits = index.search("kinh phí thường xuyên", k=5, allowed=[0])
    assert [h.index for h in hits] == [0]
