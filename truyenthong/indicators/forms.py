"""Forms for defining indicators and entering values by hand."""

from __future__ import annotations

from django import forms

from truyenthong.core.forms import OptionalVersionMixin, VersionMixin
from truyenthong.indicators import sources
from truyenthong.indicators.models import Indicator


class IndicatorForm(VersionMixin, forms.ModelForm):
    numerator_source = forms.ChoiceField(label="Tử số (nguồn dữ liệu)", required=False)
    denominator_source = forms.ChoiceField(
        label="Mẫu số (nguồn dữ liệu)",
        required=False,
        help_text="Để trống khi chỉ số là số đếm (ví dụ số vụ việc).",
    )
    numerator_params = forms.JSONField(
        label="Tham số tử số (JSON)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    denominator_params = forms.JSONField(
        label="Tham số mẫu số (JSON)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "method",
            "numerator_source",
            "numerator_params",
            "denominator_source",
            "denominator_params",
            "period_kind",
            "target_value",
            "comparator",
            "is_percent",
            "at_risk_margin",
            "evidence_required",
            "per_unit",
            "note",
            "tasks",
        ]
        widgets = {"tasks": forms.CheckboxSelectMultiple, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", "—")] + sources.choices()
        self.fields["numerator_source"].choices = options
        self.fields["denominator_source"].choices = options
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        from truyenthong.plans.models import Task

        plan_id = self.instance.plan_id
        self.fields["tasks"].queryset = Task.objects.filter(group__plan_id=plan_id).order_by(
            "group__order", "order"
        )
        self.fields["tasks"].required = False
        self.fields["tasks"].label_from_instance = lambda t: f"{t.group.number}. {t.text[:110]}"

    def clean(self):
        data = super().clean()
        for name in ("numerator_params", "denominator_params"):
            if data.get(name) in (None, ""):
                data[name] = {}
            elif not isinstance(data[name], dict):
                self.add_error(name, 'Tham số phải là một đối tượng JSON, ví dụ {"kind": "study_session"}.')
        if data.get("method") == Indicator.Method.COMPUTED and not data.get("numerator_source"):
            self.add_error("numerator_source", "Chỉ số tính từ hồ sơ cần có tử số.")
        return data


class ManualEntryForm(OptionalVersionMixin, forms.Form):
    numerator = forms.DecimalField(label="Tử số", required=False, min_value=0)
    denominator = forms.DecimalField(label="Mẫu số", required=False, min_value=0)
    value = forms.DecimalField(label="Hoặc giá trị trực tiếp", required=False, min_value=0)
    evidence_link = forms.URLField(label="Liên kết minh chứng", required=False, assume_scheme="https")
    evidence = forms.FileField(label="Tệp minh chứng (ảnh, PDF, Word, Excel)", required=False)
    note = forms.CharField(label="Giải trình", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do mở khóa", widget=forms.Textarea(attrs={"rows": 2}))
