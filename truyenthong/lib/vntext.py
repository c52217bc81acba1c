"""Small pure helpers for Vietnamese text: normalisation, accent folding, slugs and administrative dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Characters that text copied from Word or PDF carries in place of a plain space, or invisibly.
_SPACE_LIKE = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\u3000\t\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a"), " "
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LIGATURES = {ord("ﬀ"): "ff", ord("ﬁ"): "fi", ord("ﬂ"): "fl", ord("ﬃ"): "ffi", ord("ﬄ"): "ffl"}
_TRANSLATE = {**_SPACE_LIKE, **_INVISIBLE, **_LIGATURES}

_SPACES_RE = re.compile(r"[ ]+")
_ALL_WHITESPACE_RE = re.compile(r"\s+")


def nfc(text: str | None, *, keep_newlines: bool = False) -> str:
    """Text in NFC with non-breaking and zero-width characters cleaned up and runs of spaces collapsed.

    By default every whitespace run (newlines included) becomes one space; with ``keep_newlines`` the line
    structure is kept and each line is collapsed and stripped on its own.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATE))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if keep_newlines:
        return "\n".join(_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")).strip("\n")
    return _ALL_WHITESPACE_RE.sub(" ", text).strip()


def fold(text: str | None) -> str:
    """Lower-case text without Vietnamese diacritics (đ → d), for accent-insensitive matching and search."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_SLUG_JUNK_RE = re.compile(r"[^a-z0-9]+")


def slugify_vi(text: str | None, *, max_length: int | None = None) -> str:
    """An ASCII slug: "Kế hoạch 35/KH-CLQĐ" → "ke-hoach-35-kh-clqd"; cut at a dash when ``max_length`` is given."""
    slug = _SLUG_JUNK_RE.sub("-", fold(text)).strip("-")
    if max_length and len(slug) > max_length:
        head = slug[: max_length + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:max_length]
    return slug


def format_date_vi(date: dt.date | None) -> str:
    """A date written dd/mm/yyyy, as in Vietnamese administrative text; "" for no date."""
    return "" if date is None else f"{date.day:02d}/{date.month:02d}/{date.year:04d}"


def _month_word(month: int) -> str:
    # Decree 30/2020: days below 10 and the months January and February take a leading zero.
    return f"{month:02d}" if month < 3 else str(month)


def place_date_line(place: str, date: dt.date | None) -> str:
    """The place-and-date line of a document header: "Quy Nhơn, ngày 09 tháng 3 năm 2026".

    Without a date the numbers are left as dots to be filled in by hand; without a place the line starts
    with "Ngày".
    """
    if date is None:
        when = "ngày … tháng … năm …"
    else:
        when = f"ngày {date.day:02d} tháng {_month_word(date.month)} năm {date.year}"
    place = nfc(place)
    return f"{place}, {when}" if place else when[0].upper() + when[1:]


_PLACE_DATE_RE = re.compile(
    r"(?:(?P<place>[^,;:]*?)\s*,\s*)?ngày\s+(?P<day>\d{1,2}|[.…\s]*?)\s*tháng\s+(?P<month>\d{1,2}|[.…\s]*?)\s*"
    r"năm\s+(?P<year>\d{4}|[.…]*)",
    re.IGNORECASE,
)


def parse_place_date_line(text: str) -> tuple[str, dt.date | None] | None:
    """The inverse of :func:`place_date_line`: (place, date) or None when the text holds no such line.

    The date is None when its numbers are blank ("ngày … tháng … năm 2026") or impossible (31/02).
    The match is searched anywhere in the text, so a line where a PDF merged the "Số: …" cell with the
    date cell still yields the date; the caller strips what precedes the place.
    """
    match = _PLACE_DATE_RE.search(nfc(text))
    if not match:
        return None
    place = (match.group("place") or "").strip(" .-–")
    try:
        date = dt.date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        date = None
    return place, date


# -- Vietnamese alphabetical order ----------------------------------------------------------------------------------
# The alphabet (a ă â b c d đ e ê … o ô ơ … u ư …) decides first; tones come second, in dictionary order
# (ngang, huyền, hỏi, ngã, sắc, nặng); case last. The same order as ICU's "vi" collation, which PostgreSQL uses
# (core/collation.py), so a list reads the same on SQLite and PostgreSQL.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(text: str | None) -> tuple:
    """A key that orders text in Vietnamese alphabetical order: Đ after D, tones in order, "Hà" before "Hoàng"."""
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in nfc(text):
        base, *marks = unicodedata.normalize("NFD", char)
        tone = next((_TONE_RANK[m] for m in marks if m in _TONE_RANK), 0)
        shape = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in _TONE_RANK))
        lower = shape.lower()
        if lower in _LETTER_RANK:
            primary.append((2, _LETTER_RANK[lower]))
        elif lower.isdigit():
            primary.append((1, ord(lower)))
        elif lower.isalpha():
            primary.append((3, ord(lower)))
        else:
            primary.append((0, ord(lower)))
        tones.append(tone)
        cases.append(0 if shape == lower else 1)
    return tuple(primary), tuple(tones), tuple(cases)


def person_sort_name(full_name: str | None) -> str:
    """ "Nguyễn Thị Hoa" → "Hoa Thị Nguyễn": the name as Vietnamese lists sort it (given, middle, family name).

    Stored beside the name (org.Person.sort_name) so the database orders people with its Vietnamese collation.
    """
    words = nfc(full_name).split()
    if len(words) < 2:
        return " ".join(words)
    return " ".join([words[-1], *words[1:-1], words[0]])


def person_name_key(full_name: str | None) -> tuple:
    """Vietnamese order of people: by given name (the last word), then middle name(s), then family name."""
    words = nfc(full_name).split()
    if not words:
        return ((), (), ())
    given, middle, family = words[-1], " ".join(words[1:-1]), words[0] if len(words) > 1 else ""
    return sort_key(given), sort_key(middle), sort_key(family)


def in_sentence(label: str | None) -> str:
    """A label inside a sentence: its first letter lower-cased and nothing else, so Roman numerals, acronyms and
    names keep their capitals ("Học kỳ II năm học 2026-2027" → "học kỳ II năm học 2026-2027"; "THPT" stays).
    Never ``str.lower()`` a label: "Sơ kết học kỳ ii" is what a clerk would not sign."""
    if not label:
        return label or ""
    head = label.split(" ", 1)[0]
    if len(head) > 1 and head.isupper():  # an acronym or a Roman numeral leads: leave it
        return label
    return label[0].lower() + label[1:]
