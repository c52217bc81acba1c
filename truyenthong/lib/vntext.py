"""Vietnamese text helpers with no Django in them: normalisation, accent folding, slugs, dates as the sector writes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)


def nfc(text: str) -> str:
    """NFC, invisible characters removed, every run of spaces (including non-breaking ones) made one space."""
    text = unicodedata.normalize("NFC", text or "").translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower case without diacritics ("Giáo dục" → "giao duc", "Đoàn" → "doan"), for accent-insensitive matching."""
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def slugify_vi(text: str) -> str:
    """An ASCII slug: "35/KH-CLQĐ" → "35-kh-clqd"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def format_date_vi(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def place_date_line(place: str, day: dt.date) -> str:
    """ "Quy Nhơn, ngày 09 tháng 3 năm 2026": day on two digits, January and February as "01", "02"."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
