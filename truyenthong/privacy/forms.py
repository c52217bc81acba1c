"""Forms of the privacy pages; every choice of person, student, class or content item is limited to the school."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from truyenthong.core import widgets
from truyenthong.core.collation import vi_person
from truyenthong.org.models import Person, SchoolClass
from truyenthong.org.selectors import class_choices
from truyenthong.privacy.models import AccessLog, Consent, Erasure, Purpose, Student

DATE_FORMATS = widgets.DATE_INPUT_FORMATS
EMPTY = "— Chọn —"


def _date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=widgets.DateInput(),
        error_messages={"invalid": "Ngày phải có dạng dd/mm/yyyy.", "required": "Hãy nhập ngày."},
    )


class StudentForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên học sinh", max_length=150)
    birth_date = _date("Ngày sinh", required=False)
    school_class = forms.ModelChoiceField(
        label="Lớp", queryset=SchoolClass.objects.none(), required=False, empty_label=EMPTY
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = class_choices(school)


class ConsentForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Cán bộ, giáo viên", queryset=Person.objects.none(), required=False, empty_label=EMPTY
    )
    student = forms.ModelChoiceField(
        label="hoặc học sinh", queryset=Student.objects.none(), required=False, empty_label=EMPTY
    )
    purpose = forms.ChoiceField(label="Nội dung đồng ý", choices=Purpose.choices)
    given_by = forms.ChoiceField(label="Người đồng ý", choices=Consent.GivenBy.choices)
    giver_name = forms.CharField(label="Họ tên cha mẹ, người giám hộ", max_length=150, required=False)
    given_on = _date("Ngày đồng ý")
    evidence = forms.CharField(
        label="Minh chứng", max_length=300, help_text="Ví dụ: phiếu đồng ý lưu tại văn phòng"
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(school=school).order_by(vi_person(), "code")
        self.fields["student"].queryset = Student.objects.filter(school=school, anonymised_at__isnull=True)
        self.initial.setdefault("given_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("student")):
            raise forms.ValidationError("Hãy chọn một cán bộ hoặc một học sinh (không chọn cả hai).")
        return data


class WithdrawForm(forms.Form):
    withdrawn_on = _date("Ngày rút lại")
    withdrawn_by_name = forms.CharField(label="Người rút lại", max_length=150)
    withdrawal_evidence = forms.CharField(label="Minh chứng rút lại", max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("withdrawn_on", timezone.localdate())


class AppearanceForm(forms.Form):
    item = forms.ModelChoiceField(label="Nội dung", queryset=None, empty_label=EMPTY)
    person = forms.ModelChoiceField(
        label="Cán bộ, giáo viên", queryset=Person.objects.none(), required=False, empty_label=EMPTY
    )
    student = forms.ModelChoiceField(
        label="hoặc học sinh", queryset=Student.objects.none(), required=False, empty_label=EMPTY
    )
    purpose = forms.ChoiceField(label="Xuất hiện bằng", choices=Purpose.choices)

    def __init__(self, *args, school, **kwargs):
        from truyenthong.content.models import ContentItem

        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = ContentItem.objects.filter(school=school).order_by("-updated_at")
        self.fields["person"].queryset = Person.objects.filter(school=school).order_by(vi_person(), "code")
        self.fields["student"].queryset = Student.objects.filter(school=school, anonymised_at__isnull=True)

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("student")):
            raise forms.ValidationError("Hãy chọn một cán bộ hoặc một học sinh (không chọn cả hai).")
        return data


class AccessLogFilter(forms.Form):
    nguoi_xem = forms.CharField(label="Tài khoản", required=False, max_length=150)
    loai = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả")] + AccessLog.Kind.choices)
    tu_ngay = _date("Từ ngày", required=False)
    den_ngay = _date("Đến ngày", required=False)


class ErasureForm(forms.Form):
    mode = forms.ChoiceField(
        label="Cách làm",
        choices=Erasure.Mode.choices,
        initial=Erasure.Mode.ANONYMISE,
        widget=forms.RadioSelect,
        help_text="Ẩn danh giữ các bản ghi (điểm danh, chỉ số vẫn đúng) nhưng bỏ họ tên, email, điện thoại; "
        "xóa hẳn bỏ cả hồ sơ và điểm danh của người đó.",
    )
    note = forms.CharField(label="Căn cứ (đơn đề nghị, quyết định…)", max_length=300)
    confirm = forms.BooleanField(label="Tôi hiểu việc này không hoàn tác được.")
