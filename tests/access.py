"""One set of access helpers for every app's tests (issue 10 item 7).

A test of a page says what the person sees, not only the status code:

- ``assert_page(response, *texts)``: the page opened (200, HTML) and shows each text — its heading, the object's title,
  a figure that must be there. Returns the page's text (HTML entities decoded) for further checks.
- ``assert_refused(response, action=None)``: exactly 403, rendered as the refusal page with its Vietnamese reason
  ("… không có quyền …"); with ``action`` the reason is the one ``core.permissions.refusal_reason`` gives for it.
- ``assert_to_login(response)``: 302 to the login page, keeping where the visitor wanted to go.
- ``assert_not_found(response)``: exactly 404 (an HTML answer is the "Không tìm thấy trang" page).
- ``assert_file(response, content_type)``: 200 with that kind of file (shown in the browser or downloaded); returns the
  bytes. ``assert_download(...)`` also requires it to be offered as an attachment, optionally with its file name.

Each takes ``where`` (usually the URL) so a failure inside a loop says which page failed.
"""

from __future__ import annotations

import html
import re

REFUSAL_HEADING = "Không có quyền truy cập"


def page_text(response) -> str:
    """The response body as text with HTML entities decoded (so ``&quot;``/``&#x27;`` compare as the characters)."""
    return html.unescape(response.content.decode("utf-8", errors="replace"))


def heading(response) -> str:
    """The text of the page's first <h1>, tags stripped and spaces collapsed ('' when there is none)."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode("utf-8", errors="replace"), re.S)
    if not match:
        return ""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def _label(response, where) -> str:
    return f"{where or getattr(response, 'request', {}).get('PATH_INFO', '')} → {response.status_code}"


def assert_page(response, *texts: str, where: str = "") -> str:
    assert response.status_code == 200, _label(response, where)
    assert response["Content-Type"].startswith("text/html"), (
        _label(response, where),
        response["Content-Type"],
    )
    body = page_text(response)
    assert REFUSAL_HEADING not in heading(response), _label(response, where)
    for text in texts:
        assert text in body, (
            f"{_label(response, where)}: the page «{heading(response)}» does not show {text!r}"
        )
    return body


def assert_refused(response, action: str | None = None, *, where: str = "") -> str:
    assert response.status_code == 403, _label(response, where)
    body = page_text(response)
    assert heading(response) == REFUSAL_HEADING, f"{_label(response, where)}: not the refusal page"
    assert "không có quyền" in body, f"{_label(response, where)}: the refusal gives no reason"
    if action is not None:
        from truyenthong.core.permissions import refusal_reason

        assert refusal_reason(action) in body, f"{_label(response, where)}: not the reason for {action!r}"
    return body


def assert_to_login(response, *, where: str = "") -> str:
    from django.urls import reverse

    assert response.status_code == 302, _label(response, where)
    location = response["Location"]
    assert location.startswith(reverse("core:login")), f"{_label(response, where)}: goes to {location}"
    assert "next=" in location, f"{_label(response, where)}: the login forgets where the visitor was going"
    return location


NOT_FOUND_HEADING = "Không tìm thấy trang"


def assert_not_found(response, *, where: str = "") -> None:
    assert response.status_code == 404, _label(response, where)
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        assert heading(response) == NOT_FOUND_HEADING, f"{_label(response, where)}: not the not-found page"


def assert_file(response, content_type: str, *, where: str = "") -> bytes:
    assert response.status_code == 200, _label(response, where)
    assert response["Content-Type"].startswith(content_type), (
        _label(response, where),
        response["Content-Type"],
    )
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data, f"{_label(response, where)}: an empty file"
    return data


def assert_download(response, content_type: str, *, filename: str | None = None, where: str = "") -> bytes:
    data = assert_file(response, content_type, where=where)
    disposition = response.get("Content-Disposition", "")
    assert "attachment" in disposition, f"{_label(response, where)}: not offered as a file ({disposition!r})"
    if filename is not None:
        assert filename in disposition, f"{_label(response, where)}: named {disposition!r}"
    return data
