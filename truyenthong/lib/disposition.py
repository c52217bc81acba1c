"""The Content-Disposition header of a download: the human-readable Vietnamese file name for browsers that read
RFC 5987 (`filename*=UTF-8''…`) and an ASCII fallback (`filename="…"`, diacritics folded) for those that do not."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from truyenthong.lib.vntext import nfc

_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')
_SPACES = re.compile(r"\s+")


def clean_file_name(name: str, *, fallback: str = "tai-ve") -> str:
    """A file name with no path, quote or control characters and single spaces (NFC)."""
    text = _SPACES.sub(" ", _UNSAFE.sub(" ", nfc(name or ""))).strip(" .")
    return text or fallback


def ascii_file_name(name: str) -> str:
    """The name with diacritics folded (Đ → D) and anything outside printable ASCII replaced by '_'."""
    text = clean_file_name(name).replace("đ", "d").replace("Đ", "D")
    folded = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return "".join(ch if 32 <= ord(ch) < 127 else "_" for ch in folded)


def content_disposition(name: str, *, inline: bool = False) -> str:
    """`attachment; filename="Tong ket.docx"; filename*=UTF-8''T%E1%BB%95ng%20k%E1%BA%BFt.docx`."""
    clean = clean_file_name(name)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_file_name(clean)}\"; filename*=UTF-8''{quote(clean, safe='')}"
