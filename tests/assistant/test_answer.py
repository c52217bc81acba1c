"""Extractive answers never hold a sentence that is not in a cited passage; highlights; summaries."""

from truyenthong.assistant.quality import build_index, load_corpus, load_questions
from truyenthong.lib.retrieval.answer import compose_answer, highlight, summarise

EXTRA_QUESTIONS = [
    "Ai chịu trách nhiệm?",
    "học phí năm nay bao nhiêu",
    "Trường có dạy bơi không?",
    "",
    "???",
    "Nghị quyết",
]


def test_no_answer_sentence_is_missing_from_the_passage_it_cites():
    keys, passages, kinds = load_corpus()
    index = build_index(passages, kinds)
    checked = 0
    for question in [q.text for q in load_questions()] + EXTRA_QUESTIONS:
        hits = index.search(question, k=5)
        texts = [passages[h.index].text for h in hits]
        for sentence in compose_answer(question, texts, index.idf):
            assert sentence.text in texts[sentence.citation - 1], (question, sentence)
            checked += 1
    assert checked >= 100


def test_the_answer_starts_with_the_best_sentence_of_the_best_passage():
    passages = [
        "Kinh phí thực hiện Kế hoạch được đảm bảo từ nguồn kinh phí hoạt động thường xuyên. Nhà trường báo cáo hằng năm.",
        "Tổ chức sơ kết, tổng kết theo từng giai đoạn.",
    ]
    sentences = compose_answer("kinh phí lấy từ nguồn nào", passages, {"kinh_phi": 3.0, "nguon": 2.0})
    assert sentences[0].citation == 1 and sentences[0].text.startswith("Kinh phí thực hiện")
    assert all(s.citation == 1 for s in sentences)  # the second passage shares no word with the question


def test_no_passages_no_sentences():
    assert compose_answer("kinh phí", [], {}) == []


def test_highlight_marks_the_words_of_the_question_with_or_without_diacritics():
    pieces = highlight("Giáo viên chủ nhiệm tuyên truyền đến học sinh.", "giao vien chu nhiem")
    marked = [p for p, hit in pieces if hit]
    assert marked == ["Giáo", "viên", "chủ", "nhiệm"]
    assert "".join(p for p, _ in pieces) == "Giáo viên chủ nhiệm tuyên truyền đến học sinh."


def test_highlight_does_not_mark_question_words():
    pieces = highlight("Cái gì cũng được ghi vào kế hoạch.", "kế hoạch là gì")
    assert [p for p, hit in pieces if hit] == ["kế", "hoạch"]


def test_a_summary_is_made_of_sentences_of_the_document_in_its_order():
    _, passages, _ = load_corpus()
    texts = [p.text for p in passages[:53]]  # the seed plan
    summary = summarise(texts, max_sentences=5)
    assert 1 <= len(summary) <= 5
    joined = "\n".join(texts)
    positions = [joined.index(s) for s in summary]
    assert positions == sorted(positions)
