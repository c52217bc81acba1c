"""Passages keep their section numbering and headings; metadata is read from the document's header."""

import datetime as dt

from truyenthong.assistant.quality import DEMO_DOCUMENTS
from truyenthong.lib.plandoc.reader import read_paragraphs
from truyenthong.lib.retrieval.passages import (
    MAX_PASSAGE_CHARS,
    read_metadata,
    split_passages,
    split_sentences,
)


def _seed():
    path = DEMO_DOCUMENTS["ke-hoach"]
    return read_paragraphs(path.read_bytes(), path.name)


def test_the_seed_plan_keeps_its_numbering_and_headings():
    passages = split_passages(_seed())
    budget = next(p for p in passages if p.text.startswith("Kinh phí thực hiện"))
    assert budget.section == "III" and budget.heading == "KINH PHÍ"
    gvcn = next(p for p in passages if p.text.startswith("- Tuyên truyền đến học sinh"))
    assert gvcn.section == "IV.3" and gvcn.heading == "TỔ CHỨC THỰC HIỆN › Đoàn thanh niên và GVCN"
    target = next(p for p in passages if "90% trở lên" in p.text)
    assert target.section == "I.2.a" and "Giai đoạn 2026-2030" in target.heading


def test_a_numbered_paragraph_of_content_is_labelled_with_its_number():
    passages = split_passages(_seed())
    general = next(p for p in passages if p.text.startswith("a) Đẩy mạnh truyền thông"))
    assert general.section == "I.1.a"


def test_recipients_and_signature_are_not_passages():
    texts = " ".join(p.text for p in split_passages(_seed()))
    assert "Lưu: VT" not in texts and "Huỳnh Lê Minh" not in texts


def test_the_front_matter_keeps_the_legal_bases_but_not_the_header_lines():
    front = [p for p in split_passages(_seed()) if p.section == ""]
    assert any(p.text.startswith("Căn cứ Quyết định số 701/QĐ-UBND") for p in front)
    assert not any(p.text.startswith(("Số:", "Quy Nhơn, ngày")) for p in front)


def test_articles_and_chapters_of_a_legal_text_are_sections():
    paragraphs = [
        "QUY CHẾ",
        "Phối hợp giữa nhà trường và cha mẹ học sinh",
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy chế này quy định việc phối hợp giữa nhà trường và cha mẹ học sinh.",
        "Điều 2. Nguyên tắc",
        "1. Tôn trọng, bình đẳng.",
        "2. Bảo vệ thông tin cá nhân của học sinh.",
    ]
    passages = split_passages(paragraphs)
    scope = next(p for p in passages if p.text.startswith("Quy chế này"))
    assert scope.section == "Chương I Điều 1" and "Phạm vi điều chỉnh" in scope.heading
    privacy = next(p for p in passages if "thông tin cá nhân" in p.text)
    assert privacy.section == "Chương I Điều 2.2"


def test_a_long_paragraph_is_cut_at_sentences_and_nothing_is_lost():
    sentence = "Nhà trường tổ chức học tập nghị quyết cho cán bộ, giáo viên và nhân viên trong năm học. "
    long = (sentence * 40).strip()
    passages = split_passages(["I. MỤC TIÊU", long])
    assert len(passages) > 1 and all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
    assert " ".join(p.text for p in passages) == long


def test_sentences_are_exact_substrings_of_their_passage():
    for passage in split_passages(_seed()):
        for sentence in split_sentences(passage.text):
            assert sentence in passage.text


def test_metadata_of_the_seed_plan():
    meta = read_metadata(_seed())
    assert meta.number == "35/KH-CLQĐ"
    assert meta.issued_on == dt.date(2026, 3, 9)
    assert meta.doc_type == "KẾ HOẠCH"
    assert meta.title.startswith("Truyền thông thực hiện Nghị quyết số 71-NQ/TW")


def test_metadata_of_a_guidance_note_with_its_issuer():
    path = DEMO_DOCUMENTS["huong-dan"]
    meta = read_metadata(read_paragraphs(path.read_bytes(), path.name))
    assert (meta.number, meta.issued_on, meta.doc_type) == ("12/HD-CLQĐ", dt.date(2026, 3, 20), "HƯỚNG DẪN")
    assert meta.issuer == "TRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN"


def test_a_document_without_header_has_empty_metadata():
    meta = read_metadata(["Một đoạn văn không có số, không có ngày.", "Đoạn thứ hai."])
    assert (meta.number, meta.issued_on, meta.issuer, meta.doc_type) == ("", None, "", "")
