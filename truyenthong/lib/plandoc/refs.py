"""Vietnamese document references ("71-NQ/TW", "1020/KH-SGDĐT", "30/2020/NĐ-CP") found in running text."""

from __future__ import annotations

import re

_UPPER = "A-ZĐÀ-ỸÂĂÊÔƠƯ"
_CODE = rf"[{_UPPER}][{_UPPER}a-zđ0-9]*"

# State style: number[/year]/TYPE-ISSUER, e.g. 701/QĐ-UBND, 30/2020/NĐ-CP, 91/2025/QH15.
# Party style: number-TYPE/ISSUER, e.g. 71-NQ/TW, 04-CTr/TU, 35-KH/ĐU.
REF_RE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?P<num>\d{{1,5}}[a-z]?)(?:\s*/\s*(?P<year>(?:19|20)\d{{2}}))?\s*/\s*(?P<code>{_CODE}(?:-{_CODE})*)"
    rf"|(?P<pnum>\d{{1,5}})-(?P<ptype>{_CODE})\s*/\s*(?P<pcode>{_CODE}(?:-{_CODE})*)"
    rf")(?![\w])"
)


def normalise_ref(raw: str) -> str:
    """A reference without the spaces people put around its slashes: "35 /KH-CLQĐ" → "35/KH-CLQĐ"."""
    return re.sub(r"\s*/\s*", "/", raw.strip())


def refs_in(text: str) -> list[str]:
    """References in order of first appearance, without repeats."""
    seen: list[str] = []
    for match in REF_RE.finditer(text or ""):
        ref = normalise_ref(match.group(0))
        if ref not in seen:
            seen.append(ref)
    return seen
