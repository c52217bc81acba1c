"""Take people's names and codes out of a text (the names-free copy of a report a Sở official receives). Pure, no
Django.

What is replaced, each by the same marker ("(đã ẩn tên)"):
- a full name, as whole words, case-insensitive, diacritics exact ("Nguyễn Thị Hoa", "NGUYỄN THỊ HOA");
- the end of a full name of two words or more, capitalised as a name is ("Thị Hoa", "Lê Minh") — how a name is often
  shortened in prose;
- a staff code, as a whole word ("GV002");
- a given name alone where Vietnamese prose uses it to name someone: after a form of address or a title ("cô Hoa",
  "thầy Minh", "đồng chí Nam", "đ/c Lan", "GVCN Hùng").
A given name standing alone with no form of address is left: most Vietnamese given names are ordinary words ("An toàn",
"Công tác", "Thanh niên") and replacing them everywhere would break the text. Well-known names that happen to end with
a staff member's name ("Đoàn TNCS Hồ Chí Minh") are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from truyenthong.lib.vntext import nfc

MARKER = "(đã ẩn tên)"
# Forms of address and titles that put a given name alone in a sentence (lower case; matched case-insensitively)
ADDRESS = (
    "thầy",
    "cô",
    "cô giáo",
    "thầy giáo",
    "đồng chí",
    "đ/c",
    "ông",
    "bà",
    "anh",
    "chị",
    "em",
    "bạn",
    "gv",
    "gvcn",
    "giáo viên",
    "nhà giáo",
    "tổ trưởng",
    "tổ phó",
    "hiệu trưởng",
    "phó hiệu trưởng",
    "bí thư",
)
# Names of the nation's figures that schools write every day; a staff member sharing their end is not named by them
KEPT = ("Hồ Chí Minh",)


class Redactor:
    """Built once from the people of a school, then applied to every string of a document."""

    def __init__(self, people: Iterable[tuple[str, str]], *, marker: str = MARKER):
        self.marker = marker
        full, tails, given, codes = set(), set(), set(), set()
        for full_name, code in people:
            words = nfc(full_name or "").split()
            if len(words) >= 2:
                full.add(" ".join(words))
                for i in range(1, len(words) - 1):
                    tails.add(" ".join(words[i:]))
            if words:
                given.add(words[-1])
            code = (code or "").strip()
            if len(code) >= 3:
                codes.add(code)
        self._full = _alternation(full, flags=re.IGNORECASE)
        self._tails = _alternation(tails)
        self._codes = _alternation(codes, flags=re.IGNORECASE)
        self._given = None
        if given:
            address = "|".join(re.escape(a) for a in sorted(ADDRESS, key=len, reverse=True))
            names = "|".join(re.escape(g) for g in sorted(given, key=len, reverse=True))
            self._given = re.compile(rf"(?<!\w)((?i:{address})\s+)({names})(?!\w)")
        self._kept = _alternation(set(KEPT), flags=re.IGNORECASE)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        text = nfc(text)
        kept: list[str] = []
        if self._kept is not None:
            # Hide the kept names behind placeholders no pattern can match, put them back at the end
            def hold(m):
                kept.append(m.group(0))
                return f"\x00{len(kept) - 1}\x00"

            text = self._kept.sub(hold, text)
        for pattern in (self._full, self._tails, self._codes):
            if pattern is not None:
                text = pattern.sub(self.marker, text)
        if self._given is not None:
            text = self._given.sub(lambda m: m.group(1) + self.marker, text)
        # "Nguyễn Thị Hoa (GV002)" names one person once: one marker, not two
        text = text.replace(f"{self.marker} ({self.marker})", self.marker)
        if kept:
            text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)
        return text


def _alternation(words: set[str], *, flags: int = 0) -> re.Pattern | None:
    if not words:
        return None
    body = "|".join(
        r"\s+".join(re.escape(w) for w in word.split(" ")) for word in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
