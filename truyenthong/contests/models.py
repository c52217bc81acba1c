"""Awareness contests: the question bank, contests and their rounds, participants, attempts with every answer,
and winners' certificates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Collate

from truyenthong.core.stamps import Created, PersonSortName
from truyenthong.lib import quiz


class Question(Created):
    class Kind(models.TextChoices):
        SINGLE = quiz.SINGLE, "Một lựa chọn"
        MULTIPLE = quiz.MULTIPLE, "Nhiều lựa chọn"
        TRUE_FALSE = quiz.TRUE_FALSE, "Đúng/Sai"
        SHORT = quiz.SHORT, "Trả lời ngắn"
        TIE_BREAK = quiz.TIE_BREAK, "Câu hỏi phụ (dự đoán)"

    class Difficulty(models.IntegerChoices):
        EASY = 1, "Dễ"
        MEDIUM = 2, "Trung bình"
        HARD = 3, "Khó"

    school = models.ForeignKey(
        "org.Organisation", on_delete=models.CASCADE, related_name="contest_questions", verbose_name="Trường"
    )
    kind = models.CharField("Loại câu hỏi", max_length=12, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField("Câu hỏi")
    options = models.JSONField("Phương án", default=list, blank=True)
    # indices of the right options; for a short answer, the accepted variants; empty for the tie-break
    correct = models.JSONField("Đáp án", default=list, blank=True)
    tags = models.JSONField("Chủ đề", default=list, blank=True)
    difficulty = models.PositiveSmallIntegerField(
        "Mức độ", choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    points = models.PositiveSmallIntegerField("Điểm", default=1)
    is_active = models.BooleanField("Đang dùng", default=True)

    class Meta:
        verbose_name = "Câu hỏi"
        verbose_name_plural = "Ngân hàng câu hỏi"
        ordering = ["id"]

    def __str__(self):
        return self.text[:80]

    @property
    def answer_display(self) -> str:
        if self.kind == quiz.SHORT:
            return " | ".join(self.correct)
        if self.kind == quiz.TIE_BREAK:
            return "—"
        return ", ".join("ABCDEFGH"[int(i)] for i in self.correct if 0 <= int(i) < 8)


class Contest(Created):
    class Audience(models.TextChoices):
        STUDENTS = "students", "Học sinh các lớp được chọn"
        STAFF = "staff", "Cán bộ, giáo viên, nhân viên"
        PARENTS = "parents", "Cha mẹ học sinh"
        PUBLIC = "public", "Mọi người (đăng ký công khai)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        PUBLISHED = "published", "Đã công bố"
        CLOSED = "closed", "Đã kết thúc"

    school = models.ForeignKey(
        "org.Organisation", on_delete=models.CASCADE, related_name="contests", verbose_name="Trường"
    )
    title = models.CharField("Tên cuộc thi", max_length=250)
    description = models.TextField("Thể lệ, giới thiệu", blank=True)
    audience = models.CharField("Đối tượng", max_length=10, choices=Audience.choices)
    classes = models.ManyToManyField("org.SchoolClass", blank=True, verbose_name="Các lớp tham gia")
    organiser_unit = models.ForeignKey(
        "org.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Đơn vị tổ chức",
    )
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "Cuộc thi"
        verbose_name_plural = "Cuộc thi"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def needs_registration(self) -> bool:
        return self.audience != self.Audience.STAFF


class Round(Created):
    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="rounds", verbose_name="Cuộc thi"
    )
    name = models.CharField("Tên vòng thi", max_length=150)
    opens_at = models.DateTimeField("Mở lúc")
    closes_at = models.DateTimeField("Đóng lúc")
    time_limit_seconds = models.PositiveIntegerField("Thời gian làm bài (giây)", default=900)
    attempts_allowed = models.PositiveSmallIntegerField("Số lần làm bài", default=1)
    question_count = models.PositiveSmallIntegerField("Số câu hỏi mỗi lượt", default=20)
    tags = models.JSONField("Chủ đề được rút câu hỏi", default=list, blank=True)
    shuffle_options = models.BooleanField("Đảo phương án", default=True)
    tie_break_question = models.ForeignKey(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Câu hỏi phụ",
        limit_choices_to={"kind": quiz.TIE_BREAK},
    )
    # the true answer of the tie-break; when empty, the number of participants with a perfect score
    tie_break_value = models.PositiveIntegerField("Đáp án câu hỏi phụ", null=True, blank=True)
    results_published = models.BooleanField("Đã công bố kết quả", default=False)

    class Meta:
        verbose_name = "Vòng thi"
        verbose_name_plural = "Vòng thi"
        ordering = ["opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_open"
            )
        ]

    def __str__(self):
        return f"{self.contest} — {self.name}"


class Participant(PersonSortName, Created):
    """Who takes part: a staff account, or a registration (student, parent, member of the public)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    full_name = models.CharField("Họ và tên", max_length=150)
    school_class = models.ForeignKey(
        "org.SchoolClass",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Lớp",
    )
    unit = models.ForeignKey(
        "org.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Tổ",
    )
    affiliation = models.CharField("Lớp hoặc đơn vị", max_length=150, blank=True)
    contact = models.CharField("Điện thoại hoặc email", max_length=150, blank=True)
    # the contact as compared (folded, no spaces): one registration per contact and contest
    contact_key = models.CharField(max_length=150, blank=True, editable=False)
    birth_date = models.DateField("Ngày sinh", null=True, blank=True)
    consent = models.BooleanField("Đồng ý thể lệ và xử lý dữ liệu", default=False)
    guardian_name = models.CharField("Họ tên cha/mẹ hoặc người giám hộ", max_length=150, blank=True)
    guardian_consent = models.BooleanField("Cha/mẹ đã đồng ý", default=False)
    # a keyed hash of the address registrations came from, to spot many registrations from one place
    origin_hash = models.CharField(max_length=24, blank=True, editable=False, db_index=True)
    resume_code = models.CharField("Mã tiếp tục", max_length=12, unique=True)

    class Meta:
        verbose_name = "Người dự thi"
        verbose_name_plural = "Người dự thi"
        ordering = [Collate(F("sort_name"), "vi_icu"), "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "user"], condition=Q(user__isnull=False), name="uniq_participant_user"
            ),
            models.UniqueConstraint(
                fields=["contest", "contact_key"],
                condition=~Q(contact_key=""),
                name="uniq_participant_contact",
            ),
        ]

    DERIVED_FIELDS = {"sort_name": "full_name"}

    def __str__(self):
        return self.full_name

    @property
    def group_label(self) -> str:
        if self.school_class_id:
            return self.school_class.name
        if self.unit_id:
            return self.unit.name
        return self.affiliation


class Attempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "Đang làm bài"
        SUBMITTED = "submitted", "Đã nộp bài"
        EXPIRED = "expired", "Hết giờ (chấm phần đã trả lời)"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="attempts")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField("Lượt", default=1)
    key = models.CharField(max_length=32, unique=True)
    seed = models.BigIntegerField("Hạt giống rút câu hỏi")
    question_ids = models.JSONField(default=list)
    option_orders = models.JSONField(default=dict)
    started_at = models.DateTimeField("Bắt đầu")
    deadline = models.DateTimeField("Hạn nộp")
    finished_at = models.DateTimeField("Kết thúc", null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    score = models.DecimalField("Điểm", max_digits=7, decimal_places=2, default=0)
    max_score = models.DecimalField("Điểm tối đa", max_digits=7, decimal_places=2, default=0)
    duration_ms = models.PositiveIntegerField("Thời gian làm bài (ms)", null=True, blank=True)
    tie_break_guess = models.PositiveIntegerField("Dự đoán", null=True, blank=True)

    # Not a column: {} on an attempt just created (nothing answered yet), so the page shown at once need not ask the
    # database; None means "read them" (selectors.attempt_questions).
    saved_answers: dict | None = None

    class Meta:
        verbose_name = "Lượt làm bài"
        verbose_name_plural = "Lượt làm bài"
        ordering = ["round", "participant", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "participant", "number"], name="uniq_attempt_number"),
            # at most one attempt in progress per person and round, whatever the number of tabs or devices
            models.UniqueConstraint(
                fields=["round", "participant"],
                condition=Q(status="in_progress"),
                name="uniq_attempt_in_progress",
            ),
        ]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self):
        return f"{self.participant} — {self.round.name} (lượt {self.number})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    # the answer as given, in the question's own option numbering (never the shuffled positions)
    response = models.JSONField(null=True, blank=True)
    answered_at = models.DateTimeField()
    is_correct = models.BooleanField(null=True)

    class Meta:
        verbose_name = "Câu trả lời"
        verbose_name_plural = "Câu trả lời"
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="uniq_answer_per_question")
        ]


class Certificate(models.Model):
    attempt = models.OneToOneField(Attempt, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField("Mã xác minh", max_length=16, unique=True)
    rank = models.PositiveIntegerField("Xếp hạng")
    award = models.CharField("Danh hiệu", max_length=100)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "Giấy chứng nhận"
        verbose_name_plural = "Giấy chứng nhận"
        ordering = ["rank", "id"]

    def __str__(self):
        return f"{self.award} — {self.attempt.participant}"
