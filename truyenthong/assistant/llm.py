"""A generated answer from an OpenAI-compatible endpoint (a local Ollama or vLLM), grounded in given passages.

Only the question and the numbered passages are sent. The reply must cite passages as [1], [2]…; a reply that
cites none, or cites a number that was not given, is not shown (the extractive answer is used instead), and a
reply saying the passages do not cover the question becomes the plain "Tài liệu không đề cập…".
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from truyenthong.lib.retrieval.answer import NOT_FOUND
from truyenthong.lib.vntext import fold

NOT_COVERED_MARK = "KHONG_DE_CAP"
SYSTEM_PROMPT = (
    "Bạn là trợ lý hỏi đáp của một trường học. Chỉ trả lời bằng tiếng Việt, ngắn gọn (tối đa 3 câu), "
    "và CHỈ dựa trên các đoạn văn bản được đánh số dưới đây. Sau mỗi câu, ghi số đoạn đã dùng trong ngoặc "
    "vuông, ví dụ [1]. Không dùng kiến thức bên ngoài. Nếu các đoạn không chứa câu trả lời, chỉ trả lời đúng "
    f"một từ: {NOT_COVERED_MARK}"
)
_CITATION_RE = re.compile(r"\[(\d{1,2})\]")
_LEADING_CITATIONS_RE = re.compile(r"^(?:\[\d{1,2}\]\s*)+")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")


class LlmError(Exception):
    pass


@dataclass(frozen=True)
class Generated:
    text: str  # the answer, or NOT_FOUND
    citations: tuple[int, ...]  # 1-based passage numbers cited
    covered: bool


def _prompt(question: str, passages: list[str]) -> str:
    numbered = "\n\n".join(f"[{i}] {text}" for i, text in enumerate(passages, start=1))
    return f"Các đoạn văn bản:\n\n{numbered}\n\nCâu hỏi: {question}"


def generate(
    question: str, passages: list[str], *, url: str, model: str, key: str = "", timeout: float = 20.0
) -> Generated:
    """Ask the endpoint; raise LlmError when it cannot be reached or replies with something unusable."""
    body = {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": _prompt(question, passages)},
        ],
    }
    request = urllib.request.Request(  # noqa: S310 - the URL is the administrator's own setting
        url.rstrip("/") + "/chat/completions",
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {key}"} if key else {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            payload = json.loads(response.read().decode("utf-8"))
        text = payload["choices"][0]["message"]["content"].strip()
    except (urllib.error.URLError, TimeoutError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise LlmError(str(exc)) from exc
    if not passages or NOT_COVERED_MARK in text or fold(text).startswith("tai lieu khong de cap"):
        return Generated(text=NOT_FOUND, citations=(), covered=False)
    # Every sentence must cite a passage that was given; uncited sentences are dropped.
    pieces: list[str] = []
    for piece in (p.strip() for p in _SENTENCE_RE.split(text)):
        # "… nguồn. [1] Ngoài ra …": citations opening a piece belong to the sentence before it.
        lead = _LEADING_CITATIONS_RE.match(piece)
        if lead and pieces:
            pieces[-1] = f"{pieces[-1]} {lead.group().strip()}"
            piece = piece[lead.end() :].strip()
        if piece:
            pieces.append(piece)
    kept = [s for s in pieces if _CITATION_RE.search(s)]
    cited = tuple(dict.fromkeys(int(n) for s in kept for n in _CITATION_RE.findall(s)))
    if not kept or any(n < 1 or n > len(passages) for n in cited):
        raise LlmError("câu trả lời không dẫn nguồn hợp lệ")
    return Generated(text=" ".join(s.strip() for s in kept), citations=cited, covered=True)
