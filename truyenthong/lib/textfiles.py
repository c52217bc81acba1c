"""Text files as Vietnamese offices save them: UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1258.

Excel on a Vietnamese Windows saves "CSV (Comma delimited)" in the ANSI code page, Windows-1258, which writes many
accented letters as a base letter plus a combining tone mark; we decode it and compose the letters (NFC). A file
that is neither UTF-8 nor plausible Vietnamese in Windows-1258 is refused with the steps to save it as UTF-8.
No Django here.
"""

from __future__ import annotations

import codecs
import unicodedata

_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
VIETNAMESE_LETTERS = frozenset(_LOWER + _LOWER.upper())
# Typographic punctuation that Windows code pages also hold (quotes, dashes, ellipsis, non-breaking space…).
_PUNCTUATION = frozenset("‘’“”–—…•·«»°±×÷€\u00a0")

SAVE_AS_UTF8 = (
    "Hãy lưu lại tệp với bảng mã UTF-8: trong Excel chọn Tệp → Lưu thành (Save As) → kiểu tệp "
    "«CSV UTF-8 (Comma delimited) (*.csv)», rồi tải lên tệp mới."
)


class TextEncodingError(ValueError):
    """The bytes are not text in an encoding we recognise; the message says how to fix the file."""


def looks_vietnamese(text: str) -> bool:
    """True when (nearly) every non-ASCII letter is a Vietnamese letter, and no tone mark is left uncomposed."""
    letters = [c for c in text if ord(c) > 127 and c not in _PUNCTUATION]
    if not letters:
        return True
    good = sum(1 for c in letters if c in VIETNAMESE_LETTERS)
    return good / len(letters) >= 0.9


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for `data`; raises TextEncodingError with a Vietnamese message saying what to do."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise TextEncodingError(f"Tệp không đọc được dạng UTF-16. {SAVE_AS_UTF8}") from exc
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        text = None
    if text is not None and looks_vietnamese(text):
        return text, "Windows-1258"
    line = data[: utf8_error.start].count(b"\n") + 1
    raise TextEncodingError(
        f"Tệp không phải văn bản UTF-8 (ký tự lạ ở dòng {line}) và cũng không phải bảng mã tiếng Việt của "
        f"Windows (Windows-1258). {SAVE_AS_UTF8}"
    ) from utf8_error
