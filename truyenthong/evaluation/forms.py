"""Forms of the evaluation pages (the per-criterion score grids are read straight from POST by the views)."""

from __future__ import annotations

from django import forms

from truyenthong.core import widgets
from truyenthong.core.forms import VersionMixin
from truyenthong.evaluation.models import Commendation, Criterion, Finding

DateInput = widgets.DateInput  # dd/mm/yyyy (core/widgets.py)


class GroupForm(forms.Form):
    number = forms.CharField(label="Số thứ tự (I, II…)", max_length=10, required=False)
    title = forms.CharField(label="Tên nhóm tiêu chí", max_length=300)


class CriterionForm(forms.Form):
    group = forms.ModelChoiceField(label="Nhóm", queryset=None)
    text = forms.CharField(label="Tiêu chí", widget=forms.Textarea(attrs={"rows": 2}))
    max_points = forms.DecimalField(label="Điểm tối đa", min_value=0, max_digits=6, decimal_places=2)
    evidence_required = forms.BooleanField(label="Bắt buộc minh chứng", required=False, initial=True)
    evidence_hint = forms.CharField(label="Minh chứng cần có", max_length=300, required=False)
    auto_rule = forms.ChoiceField(label="Chấm tự động", choices=Criterion.AutoRule.choices, required=False)
    indicator = forms.ModelChoiceField(label="Chỉ số (khi chấm theo chỉ số)", queryset=None, required=False)
    auto_param = forms.DecimalField(
        label="Tham số (số tối thiểu)", required=False, max_digits=8, decimal_places=2
    )

    def __init__(self, *args, criteria_set, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = criteria_set.groups.all()
        self.fields["indicator"].queryset = indicators


class ThresholdsForm(VersionMixin, forms.Form):
    excellent = forms.DecimalField(label="Hoàn thành xuất sắc từ", max_digits=6, decimal_places=2)
    good = forms.DecimalField(label="Hoàn thành tốt từ", max_digits=6, decimal_places=2)
    complete = forms.DecimalField(label="Hoàn thành từ", max_digits=6, decimal_places=2)


class CommendationForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=Commendation.Kind.choices)
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=None, required=False)
    person = forms.ModelChoiceField(label="Hoặc cá nhân", queryset=None, required=False)
    title = forms.CharField(label="Danh hiệu, hình thức khen", max_length=200)
    decision_number = forms.CharField(label="Số quyết định", max_length=60, help_text="Ví dụ: 12/QĐ-CLQĐ")
    decision_date = forms.DateField(label="Ngày quyết định", widget=DateInput())
    reason = forms.CharField(label="Thành tích", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people


class InspectionForm(forms.Form):
    title = forms.CharField(label="Nội dung kiểm tra", max_length=300)
    unit = forms.ModelChoiceField(
        label="Đơn vị được kiểm tra", queryset=None, required=False, empty_label="Toàn trường"
    )
    scheduled_on = forms.DateField(label="Thời gian dự kiến", widget=DateInput())
    inspector = forms.CharField(label="Người/ban kiểm tra", max_length=200, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class RecordForm(forms.Form):
    conducted_on = forms.DateField(label="Ngày kiểm tra", widget=DateInput())
    conclusion = forms.CharField(label="Kết luận", widget=forms.Textarea(attrs={"rows": 3}))


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=Finding.Kind.choices, initial=Finding.Kind.ISSUE)
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(forms.Form):
    action = forms.CharField(label="Yêu cầu khắc phục", widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label="Người chịu trách nhiệm", queryset=None)
    deadline = forms.DateField(label="Hạn hoàn thành", widget=DateInput())
    finding = forms.ModelChoiceField(label="Theo nội dung phát hiện", queryset=None, required=False)

    def __init__(self, *args, people, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["finding"].queryset = findings
