"""Forms of the contests app (parsing only; rules live in services)."""

from __future__ import annotations

from django import forms

from truyenthong.contests.models import Contest, Question
from truyenthong.core import widgets
from truyenthong.lib import quiz
from truyenthong.org.models import SchoolClass


class QuestionImportForm(forms.Form):
    file = forms.FileField(label="Tệp câu hỏi (.xlsx hoặc .docx)")


class ContestForm(forms.Form):
    title = forms.CharField(label="Tên cuộc thi", max_length=250)
    description = forms.CharField(
        label="Thể lệ, giới thiệu", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    audience = forms.ChoiceField(label="Đối tượng", choices=Contest.Audience.choices)
    classes = forms.ModelMultipleChoiceField(
        label="Các lớp tham gia",
        queryset=SchoolClass.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, school, school_year: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classes"].queryset = SchoolClass.objects.filter(school=school, school_year=school_year)


class RoundForm(forms.Form):
    name = forms.CharField(label="Tên vòng thi", max_length=150)
    opens_at = forms.DateTimeField(
        label="Mở lúc",
        input_formats=widgets.DATETIME_INPUT_FORMATS,
        widget=widgets.DateTimeInput(),
    )
    closes_at = forms.DateTimeField(
        label="Đóng lúc",
        input_formats=widgets.DATETIME_INPUT_FORMATS,
        widget=widgets.DateTimeInput(),
    )
    time_limit_minutes = forms.IntegerField(
        label="Thời gian làm bài (phút)", min_value=1, max_value=600, initial=15
    )
    attempts_allowed = forms.IntegerField(label="Số lần làm bài", min_value=1, max_value=10, initial=1)
    question_count = forms.IntegerField(label="Số câu hỏi mỗi lượt", min_value=1, max_value=200, initial=20)
    tags = forms.CharField(label="Chủ đề (cách nhau bởi dấu phẩy; để trống: mọi câu)", required=False)
    shuffle_options = forms.BooleanField(label="Đảo thứ tự phương án", required=False, initial=True)
    tie_break_question = forms.ModelChoiceField(
        label="Câu hỏi phụ (dự đoán)", queryset=Question.objects.none(), required=False
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tie_break_question"].queryset = Question.objects.filter(
            school=school, kind=quiz.TIE_BREAK
        )


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    school_class = forms.ModelChoiceField(label="Lớp", queryset=SchoolClass.objects.none(), required=False)
    affiliation = forms.CharField(label="Lớp hoặc đơn vị, trường", max_length=150, required=False)
    birth_date = forms.DateField(
        label="Ngày sinh (dd/mm/yyyy)", input_formats=widgets.DATE_INPUT_FORMATS, required=False
    )
    contact = forms.CharField(label="Điện thoại hoặc email", max_length=150)
    guardian_name = forms.CharField(
        label="Họ tên cha/mẹ hoặc người giám hộ (nếu dưới 16 tuổi)", required=False
    )
    guardian_consent = forms.BooleanField(
        label="Cha/mẹ (người giám hộ) đã đồng ý cho tham gia", required=False
    )
    consent = forms.BooleanField(
        label="Tôi đồng ý với thể lệ và việc dùng thông tin đăng ký cho cuộc thi", required=False
    )
    challenge_answer = forms.CharField(label="Câu hỏi kiểm tra", max_length=6, required=False)

    def __init__(self, *args, contest: Contest, **kwargs):
        super().__init__(*args, **kwargs)
        if contest.audience in (Contest.Audience.STUDENTS, Contest.Audience.PARENTS):
            self.fields["school_class"].queryset = contest.classes.all()
            if contest.audience == Contest.Audience.PARENTS:
                self.fields["school_class"].label = "Lớp của con"
            del self.fields["affiliation"]
        else:
            del self.fields["school_class"]
        if contest.audience == Contest.Audience.PARENTS:
            for name in ("birth_date", "guardian_name", "guardian_consent"):
                del self.fields[name]
        if contest.audience != Contest.Audience.PUBLIC:
            del self.fields["challenge_answer"]


class ResumeForm(forms.Form):
    contact = forms.CharField(label="Điện thoại hoặc email đã đăng ký", max_length=150)
    code = forms.CharField(label="Mã tiếp tục", max_length=12)


class CertificateIssueForm(forms.Form):
    winners = forms.IntegerField(label="Số giải (Nhất, Nhì, Ba)", min_value=1, max_value=3, initial=3)
    honourable = forms.IntegerField(label="Số giải Khuyến khích", min_value=0, max_value=100, initial=0)
