"""Values for a generated JavaScript file, as JSON that stays data wherever it is placed (json_script's escaping).

`escapejs` inside a `/* */` comment or a string literal leaves `*/` and friends alone; JSON with `<`, `>`, `&` and
the line separators escaped cannot end a comment, a string, or a surrounding <script> element.
"""

from __future__ import annotations

import json

_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def js_value(value) -> str:
    """`value` as a JavaScript expression (a JSON literal) safe to paste anywhere in a script."""
    return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
