"""Readable differences between two versions of an item: line by line, HTML-escaped, for people not programmers."""

from __future__ import annotations

import difflib
import html
import re

from truyenthong.content.richtext import plain_text


def _lines(text: str) -> list[str]:
    # Compare the text people read, one paragraph per line, not the markup.
    spaced = re.sub(r"</(p|li|h[2-4]|blockquote|tr)>", "\n", text or "")
    return [line.strip() for line in plain_text_keep_lines(spaced).split("\n") if line.strip()]


def plain_text_keep_lines(text: str) -> str:
    return "\n".join(plain_text(part) for part in text.split("\n"))


def diff_rows(old: str, new: str) -> list[tuple[str, str]]:
    """[(kind, escaped html)] with kind in "same", "added", "removed"; words changed inside a line are marked."""
    a, b = _lines(old), _lines(new)
    rows: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(("same", html.escape(line)) for line in a[i1:i2])
            continue
        old_lines, new_lines = a[i1:i2], b[j1:j2]
        while old_lines and new_lines and _similar(old_lines[0], new_lines[0]):
            # A paragraph that was edited, not replaced: show which words changed.
            removed, added = _word_diff(old_lines.pop(0), new_lines.pop(0))
            rows.append(("removed", removed))
            rows.append(("added", added))
        rows.extend(("removed", html.escape(line)) for line in old_lines)
        rows.extend(("added", html.escape(line)) for line in new_lines)
    return rows


def _similar(old: str, new: str) -> bool:
    return difflib.SequenceMatcher(a=old.split(), b=new.split(), autojunk=False).ratio() >= 0.4


def _word_diff(old: str, new: str) -> tuple[str, str]:
    a, b = old.split(), new.split()
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        old_words, new_words = html.escape(" ".join(a[i1:i2])), html.escape(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(old_words)
            right.append(new_words)
        else:
            if old_words:
                left.append(f"<del>{old_words}</del>")
            if new_words:
                right.append(f"<ins>{new_words}</ins>")
    return " ".join(left), " ".join(right)


def field_changes(old: dict, new: dict, labels: dict) -> list[tuple[str, str, str]]:
    """[(label, old, new)] for short fields that changed (title, summary, status, tags…), as plain strings."""
    out = []
    for key, label in labels.items():
        before, after = old.get(key), new.get(key)
        if before != after:
            out.append((label, _show(before), _show(after)))
    return out


def _show(value) -> str:
    if value in (None, "", []):
        return "∅"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
