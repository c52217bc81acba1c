"""The register of personal data the system holds (Law 91/2025/QH15), declared once, in code.

Every model field that holds personal data is listed here with why it is kept, who may see it and how long. The
leadership page, the README table (`truyenthong privacy-register`), a person's own export and the anonymisation of a
person are all generated from this one declaration, and tests/privacy/test_register.py fails when a model gains a
personal field (a link to a staff record, a name, an email, a phone number, a birth date) that is not declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    retention_label: str
    default_days: int | None  # None: kept while the record it belongs to is kept


CATEGORIES = {
    c.key: c
    for c in [
        Category("staff", "Hồ sơ cán bộ, giáo viên, nhân viên", "đến khi nghỉ việc, rồi {years}", 5 * 365),
        Category("accounts", "Tài khoản đăng nhập", "theo hồ sơ cán bộ", None),
        Category(
            "work",
            "Công việc của cán bộ (điểm danh, nội dung, hồ sơ chuyên môn, thi đua)",
            "theo hồ sơ cán bộ",
            None,
        ),
        Category("students", "Học sinh được nêu tên, hình ảnh", "{years} sau năm học của lớp", 3 * 365),
        Category("prizes", "Giải thưởng của học sinh", "{years} sau ngày trao giải", 5 * 365),
        Category("incidents", "Vụ việc bạo lực học đường", "{years} sau ngày xảy ra", 5 * 365),
        Category("consents", "Đồng ý công bố thông tin", "theo người được đồng ý", None),
        Category("contests", "Người dự thi cuộc thi tìm hiểu", "theo cuộc thi (xóa cùng cuộc thi)", None),
        Category("access_log", "Nhật ký truy cập dữ liệu cá nhân", "{years}, rồi xóa", 2 * 365),
        Category("audit", "Nhật ký thay đổi", "lâu dài; giá trị cá nhân được ẩn danh cùng người đó", None),
    ]
}


def retention_days(key: str) -> int | None:
    """The period of a category: settings.PRIVACY_RETENTION_DAYS overrides the default."""
    configured = getattr(settings, "PRIVACY_RETENTION_DAYS", {}) or {}
    if key in configured:
        return int(configured[key])
    return CATEGORIES[key].default_days


def retention_text(key: str) -> str:
    days = retention_days(key)
    if days is None:
        return CATEGORIES[key].retention_label
    years = f"{days // 365} năm" if days % 365 == 0 else f"{days} ngày"
    return CATEGORIES[key].retention_label.format(years=years)


@dataclass(frozen=True)
class Entry:
    """Personal fields of one model.

    `owner`: the lookup from this model to the staff record (org.Person) it is about, for a person's own export and
    for anonymising a person ("" when rows are not about one member of staff). `scrub`: field → value written when
    that person is anonymised (fields not listed are kept: they say what happened, not who).
    """

    model: str
    fields: tuple[str, ...]
    category: str
    purpose: str
    seen_by: str
    owner: str = ""
    scrub: dict = field(default_factory=dict)
    title: str = ""  # when the model has no Vietnamese verbose_name_plural
    labels: dict = field(default_factory=dict)  # field → label, when the field has no Vietnamese verbose_name

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def model_label(self) -> str:
        return self.title or str(self.model_class._meta.verbose_name_plural)

    def field_labels(self) -> list[str]:
        meta = self.model_class._meta
        return [self.labels.get(name) or str(meta.get_field(name).verbose_name) for name in self.fields]


SCHOOL_STAFF = "Ban giám hiệu; cán bộ truyền thông và tổ trưởng (xem); không ra khỏi trường"
LEADERSHIP = "Ban giám hiệu"

REGISTER: list[Entry] = [
    Entry(
        "contests.Participant",
        ("full_name", "affiliation", "contact", "birth_date", "guardian_name"),
        "contests",
        "Đăng ký dự thi, xếp hạng, cấp giấy chứng nhận; đồng ý của cha mẹ với học sinh dưới 16 tuổi",
        "Ban tổ chức (Ban giám hiệu, cán bộ truyền thông, Đoàn Thanh niên); bảng xếp hạng công khai chỉ tên và lớp",
    ),
    Entry(
        "org.Person",
        (
            "code",
            "full_name",
            "gender",
            "email",
            "phone",
            "position",
            "category",
            "subject",
            "active_from",
            "active_to",
        ),
        "staff",
        "Quản lý đội ngũ, phân công nhiệm vụ kế hoạch, tính chỉ tiêu theo số cán bộ",
        SCHOOL_STAFF + "; chính người đó",
        owner="pk",
        scrub={"full_name": "ANON", "email": "", "phone": "", "gender": "", "code": "ANON_CODE"},
    ),
    Entry(
        "org.Membership",
        ("person", "unit", "role", "start", "end"),
        "staff",
        "Biết ai thuộc tổ, đơn vị nào (phân công, điểm danh theo đơn vị)",
        SCHOOL_STAFF,
        owner="person",
        labels={"person": "Cán bộ"},
    ),
    Entry(
        "org.SchoolClass",
        ("homeroom_teacher",),
        "staff",
        "Giáo viên chủ nhiệm của lớp",
        "Mọi cán bộ của trường (tên GVCN chỉ hiện với người được xem danh sách cán bộ)",
        owner="homeroom_teacher",
    ),
    Entry(
        "core.User",
        ("username", "full_name", "first_name", "last_name", "email", "last_login"),
        "accounts",
        "Đăng nhập, ghi nhận ai đã làm gì",
        "Quản trị hệ thống; chính người đó",
        owner="person",
        scrub={"full_name": "ANON", "first_name": "", "last_name": "", "email": ""},
    ),
    Entry(
        "activities.Attendance",
        ("person", "activity", "status", "checked_in_at", "method", "caught_up_on", "note"),
        "work",
        "Điểm danh học tập, quán triệt nghị quyết (chỉ tiêu tỷ lệ cán bộ tham gia)",
        SCHOOL_STAFF + "; chính người đó",
        owner="person",
        scrub={"note": ""},
        labels={"activity": "Hoạt động"},
    ),
    Entry(
        "activities.Activity",
        ("person_in_charge",),
        "work",
        "Người phụ trách hoạt động",
        "Cán bộ của trường",
        owner="person_in_charge",
    ),
    Entry(
        "content.ContentItem",
        ("title", "status", "published_at", "created_by"),
        "work",
        "Người soạn nội dung truyền thông (không hiện trên cổng công khai)",
        "Cán bộ của trường có quyền xem nội dung",
        owner="created_by__person",
        labels={"created_by": "Người soạn"},
    ),
    Entry(
        "records.ITSelfAssessment",
        ("person", "school_year", "self_meets", "note", "status", "meets", "confirm_comment"),
        "work",
        "Tự đánh giá ứng dụng công nghệ thông tin (chỉ tiêu)",
        "Ban giám hiệu, tổ trưởng của tổ; chính người đó",
        owner="person",
        scrub={"note": "", "confirm_comment": ""},
    ),
    Entry(
        "records.StandardRating",
        ("person", "school_year", "level"),
        "work",
        "Đánh giá chuẩn nghề nghiệp giáo viên (chỉ tiêu)",
        LEADERSHIP + "; chính người đó",
        owner="person",
    ),
    Entry(
        "records.CommsStaff",
        ("person", "duty", "start", "end"),
        "work",
        "Cán bộ làm công tác truyền thông",
        SCHOOL_STAFF,
        owner="person",
    ),
    Entry(
        "records.CommsTraining",
        ("person", "title", "organiser", "start", "end", "hours", "certificate"),
        "work",
        "Đào tạo, bồi dưỡng cán bộ truyền thông (chỉ tiêu)",
        SCHOOL_STAFF,
        owner="person",
        scrub={"certificate": ""},
    ),
    Entry(
        "evaluation.EmulationScore",
        ("person", "score", "note"),
        "work",
        "Điểm thi đua cá nhân",
        LEADERSHIP + "; chính người đó",
        owner="person",
        title="Điểm thi đua cá nhân",
        labels={"person": "Cá nhân"},
    ),
    Entry(
        "evaluation.Commendation",
        ("person", "title", "decision_number", "decision_date", "reason"),
        "work",
        "Khen thưởng, biểu dương cá nhân",
        SCHOOL_STAFF,
        owner="person",
        title="Khen thưởng, biểu dương",
    ),
    Entry(
        "evaluation.FollowUp",
        ("owner", "action", "deadline", "status"),
        "work",
        "Người chịu trách nhiệm khắc phục sau kiểm tra",
        SCHOOL_STAFF,
        owner="owner",
        title="Yêu cầu khắc phục sau kiểm tra",
        labels={"status": "Trạng thái"},
    ),
    Entry(
        "records.StudentPrize",
        ("student_name", "school_class", "competition", "award", "awarded_on"),
        "prizes",
        "Học sinh đạt giải cấp tỉnh trở lên (chỉ tiêu); chỉ họ tên và lớp",
        SCHOOL_STAFF,
        scrub={"student_name": "ANON"},
    ),
    Entry(
        "records.ViolenceIncident",
        ("occurred_on", "school_class", "description", "handling"),
        "incidents",
        "Sổ theo dõi vụ việc bạo lực học đường (chỉ tiêu không để xảy ra)",
        LEADERSHIP + "; Sở chỉ thấy số lượng",
        scrub={"description": "ANON", "handling": "ANON"},
    ),
    Entry(
        "privacy.Student",
        ("full_name", "birth_date", "school_class"),
        "students",
        "Học sinh được nêu tên hoặc xuất hiện trong ảnh của nội dung công khai",
        "Ban giám hiệu, cán bộ truyền thông",
        scrub={"full_name": "ANON", "birth_date": None},
    ),
    Entry(
        "privacy.Consent",
        (
            "person",
            "student",
            "purpose",
            "given_by",
            "giver_name",
            "given_on",
            "evidence",
            "withdrawn_on",
            "withdrawn_by_name",
            "withdrawal_evidence",
        ),
        "consents",
        "Chứng minh sự đồng ý công bố họ tên, hình ảnh và việc rút lại",
        "Ban giám hiệu, cán bộ truyền thông; chính người đó",
        owner="person",
    ),
    Entry(
        "privacy.Appearance",
        ("item", "person", "student", "purpose"),
        "consents",
        "Ai xuất hiện trong nội dung nào (để ẩn nội dung khi chưa có hoặc đã rút đồng ý)",
        "Ban giám hiệu, cán bộ truyền thông",
        owner="person",
    ),
    Entry(
        "privacy.AccessLog",
        ("user", "username", "object_repr", "person", "path"),
        "access_log",
        "Biết ai đã xem danh sách, hồ sơ cá nhân",
        LEADERSHIP,
    ),
    Entry(
        "core.AuditEntry",
        ("actor", "object_repr", "changes"),
        "audit",
        "Ai đã thay đổi gì, khi nào (giá trị cũ → mới)",
        LEADERSHIP,
        labels={"object_repr": "Đối tượng"},
    ),
]


def entries_for(category: str) -> list[Entry]:
    return [e for e in REGISTER if e.category == category]


def register_rows() -> list[dict]:
    """The register as rows for the page and the README: category, data, purpose, who sees it, how long."""
    rows = []
    for entry in REGISTER:
        rows.append(
            {
                "category": CATEGORIES[entry.category].label,
                "model": entry.model_label,
                "fields": entry.field_labels(),
                "purpose": entry.purpose,
                "seen_by": entry.seen_by,
                "retention": retention_text(entry.category),
            }
        )
    return rows


def register_markdown() -> str:
    lines = [
        "| dữ liệu | trường thông tin | mục đích | ai được xem | thời hạn lưu |",
        "|---|---|---|---|---|",
    ]
    for row in register_rows():
        lines.append(
            f"| {row['model']} | {', '.join(row['fields'])} | {row['purpose']} | {row['seen_by']} | {row['retention']} |"
        )
    return "\n".join(lines)
