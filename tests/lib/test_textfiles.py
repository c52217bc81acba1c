"""Text files as Vietnamese offices save them: UTF-8 ± BOM, UTF-16, Windows-1258; anything else refused with steps."""

import unicodedata

import pytest

from truyenthong.lib.textfiles import TextEncodingError, decode_text, looks_vietnamese


def windows_1258(text: str) -> bytes:
    """Encode as Windows does: a precomposed letter where the code page has one, else base letter + tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        # The code page holds â ê ô ă ơ ư: keep one mark on the base letter, send the tone mark after it.
        for kept in [*marks, ""]:
            head = unicodedata.normalize("NFC", base + kept)
            rest = "".join(m for m in marks if m != kept)
            try:
                out += head.encode("cp1258") + rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise AssertionError(f"cannot encode {char!r}")
    return bytes(out)


NAMES = "Nguyễn Thị Hương, Đặng Văn Đức, Lê Thị Ánh Tuyết, Huỳnh Ngọc Ẩn, Trương Mỹ Lệ"


def test_utf8_with_and_without_bom_and_utf16_read_the_same():
    for data in (NAMES.encode("utf-8"), b"\xef\xbb\xbf" + NAMES.encode("utf-8"), NAMES.encode("utf-16")):
        assert decode_text(data)[0] == NAMES


def test_windows_1258_is_decoded_and_its_tone_marks_composed():
    data = windows_1258(NAMES)
    assert b"\xcc" in data or b"\xde" in data or b"\xec" in data  # really uses combining tone marks
    text, encoding = decode_text(data)
    assert encoding == "Windows-1258"
    assert text == NAMES and unicodedata.is_normalized("NFC", text)


def test_bytes_that_are_not_vietnamese_text_are_refused_with_the_excel_steps():
    for data in ("Größe, Straße, Łódź, Żółć".encode("cp1250"), "Привет, мир".encode("cp1251")):
        with pytest.raises(TextEncodingError) as refused:
            decode_text(data)
        assert "CSV UTF-8" in str(refused.value) and "Lưu thành" in str(refused.value)


def test_looks_vietnamese_accepts_typographic_quotes_and_rejects_foreign_letters():
    assert looks_vietnamese("“Trường” – Đoàn…")
    assert not looks_vietnamese("Größe Straße Ølberg")
