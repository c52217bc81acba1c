"""`truyenthong ask`: the same answer as the page, as text or one JSON object."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from truyenthong.assistant.models import Question

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("ask", *args, stdout=out)
    return out.getvalue()


def test_json_output_lists_passages_best_first_with_links(library):
    data = json.loads(
        _run("giao vien chu nhiem tuyen truyen the nao", "--json", "--school", library.school.code)
    )
    assert set(data) == {"question", "answer", "passages"}
    assert data["question"] == "giao vien chu nhiem tuyen truyen the nao"
    scores = [p["score"] for p in data["passages"]]
    assert scores == sorted(scores, reverse=True) and len(scores) <= 5
    first = data["passages"][0]
    assert set(first) == {"document", "section", "text", "score", "url"}
    assert first["url"].startswith("http") and "#doan-" in first["url"]
    assert any("sinh hoạt lớp" in p["text"] for p in data["passages"])
    assert Question.objects.get().channel == Question.Channel.CLI


def test_top_k_limits_the_passages(library):
    data = json.loads(
        _run("kế hoạch truyền thông", "--json", "--top-k", "2", "--school", library.school.code)
    )
    assert len(data["passages"]) <= 2


def test_text_output_shows_the_answer_and_numbered_sources(library):
    out = _run("Kinh phí lấy từ đâu?", "--school", library.school.code)
    assert out.startswith("Câu hỏi: Kinh phí lấy từ đâu?")
    assert "Trả lời: Kinh phí thực hiện Kế hoạch" in out and "[1] Kế hoạch số 35/KH-CLQĐ, mục III" in out


def test_an_unknown_school_is_a_clear_error(library):
    with pytest.raises(CommandError, match="Không tìm thấy trường có mã «khong-co»"):
        _run("kinh phí", "--school", "khong-co")
