"""Demo contest data: a question bank on Resolution 71, a students' contest with a finished round (participants,
ranking, certificates) and an open round, and a share kit with visits per class. Idempotent; fixed random seed."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from truyenthong.contests import selectors, services
from truyenthong.contests.models import Answer, Attempt, Contest, Question
from truyenthong.core.models import Role
from truyenthong.lib import quiz
from truyenthong.org.models import Organisation, SchoolClass

CURRENT = "2026-2027"
BANK = [
    (
        "Nghị quyết 71-NQ/TW của Bộ Chính trị bàn về lĩnh vực nào?",
        ["Y tế", "Giáo dục và đào tạo", "Quốc phòng", "Du lịch"],
        [1],
    ),
    ("Cơ quan nào ban hành Nghị quyết 71-NQ/TW?", ["Quốc hội", "Chính phủ", "Bộ Chính trị", "Bộ GDĐT"], [2]),
    ("Nghị quyết 71-NQ/TW được ban hành năm nào?", ["2023", "2024", "2025", "2026"], [2]),
    (
        "Nội dung nào là nhiệm vụ trọng tâm về chuyển đổi số trong giáo dục?",
        ["Số hóa học liệu", "Giảm giờ học", "Bỏ thi cử", "Tăng sĩ số lớp"],
        [0],
    ),
    (
        "Những kênh nào nhà trường dùng để truyền thông tới phụ huynh?",
        ["Nhóm Zalo lớp", "Cổng thông tin điện tử", "Họp phụ huynh", "Quảng cáo truyền hình"],
        [0, 1, 2],
    ),
    ("Giáo dục toàn diện gồm những mặt nào?", ["Đức", "Trí", "Thể", "Mỹ"], [0, 1, 2, 3]),
]
TRUE_FALSE = [
    ("Nghị quyết 71-NQ/TW xác định giáo dục và đào tạo là quốc sách hàng đầu.", 0),
    ("Nghị quyết 71-NQ/TW chỉ áp dụng cho các trường đại học.", 1),
    ("Học sinh có thể tham gia tuyên truyền Nghị quyết qua hoạt động Đoàn.", 0),
]
SHORT = [
    (
        "Tên tổ chức chính trị - xã hội của thanh niên trong trường THPT?",
        ["Đoàn Thanh niên", "Đoàn TNCS Hồ Chí Minh"],
    ),
    ("Viết tắt của Nghị quyết 71 là gì (dạng số/NQ/TW)?", ["71-NQ/TW", "71/NQ-TW"]),
]


def _organiser(school):
    User = get_user_model()
    for role in (Role.YOUTH, Role.COMMS, Role.LEADERSHIP):
        user = (
            User.objects.filter(role_assignments__role=role, role_assignments__organisation=school)
            .order_by("id")
            .first()
        )
        if user:
            return user
    return User.objects.filter(is_superuser=True).order_by("id").first()


@transaction.atomic
def build(school) -> None:
    if Question.objects.filter(school=school).exists():
        return
    actor = _organiser(school)
    classes = list(
        SchoolClass.objects.filter(school=school, school_year=CURRENT).order_by("grade", "name")[:6]
    )
    if actor is None or not classes:
        return
    rng = random.Random(2026)
    tags = ["Nghị quyết 71"]
    for i in range(4):  # variants so that each attempt draws a different set
        for text, options, correct in BANK:
            kind = quiz.MULTIPLE if len(correct) > 1 else quiz.SINGLE
            services.question_create(
                school=school,
                actor=actor,
                kind=kind,
                text=text if i == 0 else f"{text} (đề {i + 1})",
                options=options,
                correct=correct,
                tags=tags,
                difficulty=1 + i % 3,
            )
    for text, answer in TRUE_FALSE:
        services.question_create(
            school=school, actor=actor, kind=quiz.TRUE_FALSE, text=text, correct=[answer], tags=tags
        )
    for text, accepted in SHORT:
        services.question_create(
            school=school, actor=actor, kind=quiz.SHORT, text=text, correct=accepted, tags=tags
        )
    tie = services.question_create(
        school=school,
        actor=actor,
        kind=quiz.TIE_BREAK,
        text="Dự đoán số người trả lời đúng tất cả các câu hỏi?",
    )
    youth = school.children.filter(unit_kind=Organisation.UnitKind.YOUTH_UNION).first()
    contest = services.contest_create(
        school=school,
        actor=actor,
        title="Cuộc thi tìm hiểu Nghị quyết 71-NQ/TW",
        audience=Contest.Audience.STUDENTS,
        description="Do Đoàn Thanh niên tổ chức cho học sinh. Mỗi vòng 10 câu hỏi, 15 phút, mỗi em làm một lần.",
        classes=classes,
        organiser_unit=youth,
    )
    now = timezone.now()
    first = services.round_create(
        contest=contest,
        actor=actor,
        name="Vòng 1",
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(days=1),
        time_limit_seconds=900,
        question_count=10,
        tags=tags,
        tie_break_question=tie,
    )
    services.contest_set_status(contest=contest, actor=actor, status=Contest.Status.PUBLISHED)
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"]
    given = [
        "An",
        "Bình",
        "Chi",
        "Dũng",
        "Giang",
        "Hà",
        "Khoa",
        "Lan",
        "Minh",
        "Ngọc",
        "Phúc",
        "Quân",
        "Thảo",
        "Vy",
    ]
    for n in range(60):
        cls = classes[n % len(classes)]
        participant = services.participant_register(
            contest=contest,
            full_name=f"{rng.choice(surnames)} {rng.choice(given)}",
            contact=f"0905{n:06d}",
            consent=True,
            school_class=cls,
            birth_date=dt.date(2009, 1 + n % 12, 1 + n % 27),
        )
        attempt = services.attempt_start(round_=first, participant=participant)
        for qid in attempt.question_ids:
            q = Question.objects.get(pk=qid)
            right = rng.random() < 0.75
            if q.kind == quiz.SHORT:
                response = q.correct[0] if right else "không nhớ"
            elif q.kind == quiz.MULTIPLE:
                response = list(q.correct) if right else [0]
            else:
                response = q.correct[0] if right else (q.correct[0] + 1) % len(q.options)
            services.attempt_answer(attempt=attempt, question_id=qid, response=response)
        services.attempt_answer(attempt=attempt, question_id=tie.pk, response=rng.randint(0, 20))
        services.attempt_submit(attempt=attempt)
        Attempt.objects.filter(pk=attempt.pk).update(duration_ms=rng.randint(180, 850) * 1000)
    # the first round took place last month
    shift = dt.timedelta(days=30)
    Attempt.objects.filter(round=first).update(
        started_at=F("started_at") - shift,
        deadline=F("deadline") - shift,
        finished_at=F("finished_at") - shift,
    )
    Answer.objects.filter(attempt__round=first).update(answered_at=F("answered_at") - shift)
    type(first).objects.filter(pk=first.pk).update(
        opens_at=now - shift - dt.timedelta(days=7), closes_at=now - shift
    )
    first.refresh_from_db()
    services.certificates_issue(round_=first, actor=actor, winners=3, honourable=3)
    services.round_create(
        contest=contest,
        actor=actor,
        name="Vòng 2",
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=14),
        time_limit_seconds=900,
        question_count=10,
        tags=tags,
        tie_break_question=tie,
    )
    _share(contest, actor, rng)
    assert selectors.leaderboard(round_=first)


def _share(contest, actor, rng):
    from truyenthong.sharing.models import ShareVisitDay
    from truyenthong.sharing.registry import resolve
    from truyenthong.sharing.services import share_kit_ensure

    links = share_kit_ensure(
        actor=actor,
        kind="cuoc-thi",
        target_id=contest.pk,
        target=resolve("cuoc-thi", contest.pk),
        school_year=CURRENT,
    )
    today = timezone.localdate()
    for link in links[:12]:
        for d in range(0, 10, 2):
            ShareVisitDay.objects.create(
                link=link, day=today - dt.timedelta(days=d), visits=rng.randint(0, 9)
            )
