"""`truyenthong ask "CÂU HỎI" [--json] [--top-k K] [--school MÃ]`: what the question page shows, on the terminal."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from truyenthong.assistant.models import Question
from truyenthong.assistant.services import question_ask
from truyenthong.org.models import Organisation


class Command(BaseCommand):
    help = "Hỏi trợ lý về các văn bản của trường (kế hoạch, nghị quyết, hướng dẫn) và in câu trả lời có dẫn nguồn."

    def add_arguments(self, parser):
        parser.add_argument("question", help="câu hỏi, có dấu hoặc không dấu")
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")
        parser.add_argument("--top-k", type=int, default=5, help="số đoạn văn bản tối đa (mặc định 5)")
        parser.add_argument(
            "--school", default="", help="mã trường (mặc định: DEFAULT_SCHOOL_CODE hoặc trường đầu tiên)"
        )

    def handle(self, *args, **options):
        from django.conf import settings

        code = options["school"] or getattr(settings, "DEFAULT_SCHOOL_CODE", "")
        schools = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
        school = schools.filter(code=code).first() if code else schools.order_by("id").first()
        if school is None:
            raise CommandError(f"Không tìm thấy trường có mã «{code}»." if code else "Chưa có trường nào.")
        if not 1 <= options["top_k"] <= 20:
            raise CommandError("--top-k phải từ 1 đến 20.")
        # The command line acts as the system administrator: every document of the school is searched.
        answer = question_ask(
            school=school, question=options["question"], channel=Question.Channel.CLI, top_k=options["top_k"]
        )
        site = getattr(settings, "SITE_URL", "").rstrip("/")
        payload = answer.as_json()
        for passage in payload["passages"]:
            passage["url"] = site + passage["url"]
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Câu hỏi: {answer.question}\n")
        self.stdout.write(f"Trả lời: {answer.text}\n")
        for p in answer.passages:
            where = f"{p.document}, mục {p.section}" if p.section else p.document
            self.stdout.write(f"\n[{p.number}] {where} (điểm {p.score:.2f})\n    {p.text}\n    {site}{p.url}")
