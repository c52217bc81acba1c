"""A generated answer from an OpenAI-compatible endpoint: a tiny HTTP server on loopback started by the test."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from truyenthong.assistant.answering import answer_question
from truyenthong.lib.retrieval.answer import NOT_FOUND

pytestmark = pytest.mark.django_db


class FakeEndpoint:
    """Answers /v1/chat/completions with `reply` and remembers what it was sent."""

    def __init__(self, reply: str, status: int = 200):
        self.reply, self.status, self.requests = reply, status, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(
                    {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
                )
                payload = json.dumps(
                    {"choices": [{"message": {"role": "assistant", "content": outer.reply}}]}
                )
                self.send_response(outer.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(payload.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _ask(library, endpoint, question="Kinh phí thực hiện kế hoạch lấy từ đâu?"):
    with override_settings(
        ASSISTANT_LLM_URL=endpoint.url, ASSISTANT_LLM_MODEL="qwen-thu", ASSISTANT_LLM_KEY="khoa-bi-mat"
    ):
        return answer_question(school=library.school, question=question)


def test_a_generated_answer_is_grounded_in_the_retrieved_passages_and_cites_them(library):
    reply = "Kinh phí lấy từ nguồn kinh phí hoạt động thường xuyên của nhà trường và nguồn hợp pháp khác [1]."
    with FakeEndpoint(reply) as endpoint:
        answer = _ask(library, endpoint)
    assert answer.generated and answer.answered and answer.text == reply
    sent = endpoint.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == "Bearer khoa-bi-mat"
    assert sent["body"]["model"] == "qwen-thu"
    prompt = sent["body"]["messages"][1]["content"]
    assert "[1] Kinh phí thực hiện Kế hoạch được đảm bảo" in prompt  # only retrieved passages are sent
    assert "Kinh phí lấy từ đâu" in prompt or "Kinh phí thực hiện kế hoạch lấy từ đâu?" in prompt
    assert "CHỈ dựa trên các đoạn" in sent["body"]["messages"][0]["content"]


def test_when_the_model_says_the_passages_do_not_cover_it_the_page_says_so_plainly(library):
    with FakeEndpoint("KHONG_DE_CAP") as endpoint:
        answer = _ask(library, endpoint)
    assert answer.text == NOT_FOUND and answer.answered is False
    assert answer.text.startswith("Tài liệu không đề cập")


def test_uncited_sentences_of_a_generated_answer_are_dropped(library):
    reply = "Kinh phí lấy từ nguồn thường xuyên. [1] Ngoài ra trường còn được Bộ cấp thêm 2 tỷ đồng."
    with FakeEndpoint(reply) as endpoint:
        answer = _ask(library, endpoint)
    assert answer.text == "Kinh phí lấy từ nguồn thường xuyên. [1]"


@pytest.mark.parametrize(
    "reply, status",
    [
        ("Trường được cấp 2 tỷ đồng.", 200),  # no citation at all
        ("Kinh phí lấy từ ngân sách [9].", 200),  # cites a passage that was not given
        ("lỗi máy chủ", 500),
    ],
)
def test_an_unusable_reply_falls_back_to_the_extractive_answer(library, reply, status):
    with FakeEndpoint(reply, status) as endpoint:
        answer = _ask(library, endpoint)
    assert not answer.generated
    assert answer.sentences and answer.sentences[0][0].startswith("Kinh phí thực hiện Kế hoạch")


def test_an_unreachable_endpoint_falls_back_to_the_extractive_answer(library):
    with override_settings(
        ASSISTANT_LLM_URL="http://127.0.0.1:9/v1", ASSISTANT_LLM_MODEL="x", ASSISTANT_LLM_TIMEOUT=2
    ):
        answer = answer_question(school=library.school, question="kinh phí lấy từ đâu")
    assert not answer.generated and answer.answered


def test_nothing_is_sent_when_nothing_relevant_was_found(library):
    with FakeEndpoint("[1] bịa") as endpoint:
        answer = _ask(library, endpoint, question="đội bóng đá của trường thi đấu ở đâu")
    assert endpoint.requests == [] and answer.text == NOT_FOUND


def test_without_an_endpoint_every_answer_sentence_is_in_a_cited_passage(library):
    from truyenthong.assistant.quality import load_questions

    for q in load_questions():
        answer = answer_question(school=library.school, question=q.text)
        by_number = {p.number: p.text for p in answer.passages}
        for sentence, n in answer.sentences:
            assert sentence in by_number[n], (q.text, sentence)
        if answer.answered:
            assert answer.text == " ".join(f"{s} [{n}]" for s, n in answer.sentences)
