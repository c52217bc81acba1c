"""Many links to one view on one page: the Sở's lists have a line, and a link, per school (a thousand of them), and
`reverse()` costs about as much as rendering the rest of the line.

`reverse_many(viewname, rows)` reverses once with marker arguments, then puts each row's values where the markers
are, quoted as `reverse()` quotes them. The first row is also reversed the ordinary way and must come out the same;
if it does not (a marker the converters rewrite, a marker that also occurs elsewhere in the URL), every row is
reversed the ordinary way. Values are not checked against the URL's converters: use it for values the database
already holds in that form (school codes, ids, period keys).
"""

from __future__ import annotations

from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

_SAFE = RFC3986_SUBDELIMS + "~:@"


def _marker(i: int, sample) -> int | str:
    # digits for an int converter, letters for the others; unlikely anywhere else in a URL
    return 7_319_046_280 + i if isinstance(sample, int) else f"qqmark{i}qq"


def reverse_many(viewname: str, rows: list[tuple]) -> list[str]:
    if not rows:
        return []
    markers = [_marker(i, value) for i, value in enumerate(rows[0])]
    pattern = reverse(viewname, args=markers)

    def fill(values) -> str:
        url = pattern
        for marker, value in zip(markers, values, strict=True):
            url = url.replace(str(marker), quote(str(value), safe=_SAFE), 1)
        return url

    if any(pattern.count(str(m)) != 1 for m in markers) or fill(rows[0]) != reverse(viewname, args=rows[0]):
        return [reverse(viewname, args=values) for values in rows]
    return [fill(values) for values in rows]
