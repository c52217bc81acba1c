"""Find people's full names in a text: whole words, case-insensitive, diacritics exact (Vietnamese names that differ
only by a tone mark are different names). Pure, no Django."""

from __future__ import annotations

import re

from truyenthong.lib.vntext import nfc


def _pattern(name: str) -> re.Pattern | None:
    words = nfc(name).split(" ")
    if len(words) < 2:  # a lone given name ("Hoa") names nobody in particular
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def names_in(text: str, names: dict) -> set:
    """The keys of `names` ({key: full name}) whose full name occurs in `text` as whole words."""
    text = nfc(text)
    if not text:
        return set()
    found = set()
    for key, name in names.items():
        pattern = _pattern(name or "")
        if pattern is not None and pattern.search(text):
            found.add(key)
    return found
