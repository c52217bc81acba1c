"""Demo surveys: the same awareness survey of students and parents in 2025-2026 (closed) and 2026-2027 (open), with
responses, so results, the breakdown by audience and the year-on-year comparison have something to show.
Idempotent; fixed random seed."""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.db import transaction

from truyenthong.core.models import Role
from truyenthong.org.models import SchoolClass
from truyenthong.surveys import services
from truyenthong.surveys.forms import parse_questions
from truyenthong.surveys.models import Survey

QUESTIONS = """
[5 nhận thức] Tôi hiểu rõ mục tiêu của Nghị quyết 71-NQ/TW về phát triển giáo dục và đào tạo
[5 nhận thức] Tôi biết nhà trường đang thực hiện những nhiệm vụ nào theo Nghị quyết
[5 hài lòng] Thông tin nhà trường gửi qua nhóm lớp, nhóm phụ huynh là kịp thời, dễ hiểu
[1] Bạn biết thông tin về Nghị quyết chủ yếu qua kênh nào? | Nhóm Zalo lớp | Cổng thông tin nhà trường | Buổi sinh hoạt, họp phụ huynh | Khác
[n] Bạn muốn tìm hiểu thêm chủ đề nào? | Chuyển đổi số | Kỹ năng sống | Ngoại ngữ | Hướng nghiệp
[?] Góp ý cho công tác truyền thông của nhà trường
"""
COMMENTS = ["Nên có thêm video ngắn.", "Thông tin rõ ràng.", "Mong có buổi nói chuyện với phụ huynh.", ""]


@transaction.atomic
def build(school) -> None:
    if Survey.objects.filter(school=school).exists():
        return
    User = get_user_model()
    actor = (
        User.objects.filter(role_assignments__role=Role.COMMS, role_assignments__organisation=school)
        .order_by("id")
        .first()
        or User.objects.filter(is_superuser=True).order_by("id").first()
    )
    if actor is None:
        return
    rng = random.Random(71)
    questions, _ = parse_questions(QUESTIONS)
    for year, shift, count in (("2025-2026", -1, 80), ("2026-2027", 0, 120)):
        survey = services.survey_create(
            school=school,
            actor=actor,
            title=f"Khảo sát mức độ hiểu biết về Nghị quyết 71-NQ/TW, năm học {year}",
            school_year=year,
            audiences=["students", "parents"],
            questions=questions,
            series="Khảo sát nhận thức Nghị quyết 71",
        )
        services.survey_set_status(survey=survey, actor=actor, status=Survey.Status.OPEN)
        classes = list(SchoolClass.objects.filter(school=school, school_year=year)[:10])
        qs = list(survey.questions.all())
        for n in range(count):

            def likert(mean=3.6 + 0.4 * (shift + 1)):
                return max(1, min(5, round(rng.gauss(mean, 0.9))))

            answers = {
                qs[0].pk: likert(),
                qs[1].pk: likert(),
                qs[2].pk: likert(),
                qs[3].pk: rng.randrange(4),
                qs[4].pk: rng.sample(range(4), rng.randint(1, 2)),
                qs[5].pk: rng.choice(COMMENTS),
            }
            services.survey_respond(
                survey=survey,
                answers=answers,
                audience="students" if n % 3 else "parents",
                token=f"demo-{year}-{n}",
                school_class=classes[n % len(classes)] if classes else None,
            )
        if year == "2025-2026":
            services.survey_set_status(survey=survey, actor=actor, status=Survey.Status.CLOSED)
