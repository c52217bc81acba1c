"""Forms for uploading and correcting a plan. Every edit form carries the version it was opened at."""

from __future__ import annotations

from django import forms

from truyenthong.core import widgets
from truyenthong.core.forms import OptionalVersionMixin, VersionedForm
from truyenthong.org.models import Organisation
from truyenthong.plans.models import (
    LegalBasis,
    Measure,
    Objective,
    Phase,
    Plan,
    Responsibility,
    Target,
    Task,
    TaskGroup,
)


class LinesField(forms.CharField):
    """A textarea holding one item per line, cleaned to a list of non-empty lines."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


NO_INDICATOR = ""
NO_INDICATOR_LABEL = "Cần định nghĩa (chưa chọn cách đo)"


class UploadConfirmForm(forms.Form):
    """The preview's choices: every guessed point acknowledged, an indicator (or none) for every measure."""

    def __init__(self, *args, document, proposals, indicator_names, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        for i, flag in enumerate(document.flags):
            self.fields[f"ack_{i}"] = forms.BooleanField(
                label="Tôi đã kiểm tra và đồng ý lưu" if flag.kind == "organisation" else "Đã kiểm tra",
                required=False,
            )
        choices = [(NO_INDICATOR, NO_INDICATOR_LABEL), *((name, name) for name in indicator_names)]
        self.measure_rows = []
        for (t, m), proposal in proposals.items():
            name = f"indicator_{t}_{m}"
            initial = proposal.name if proposal is not None and proposal.strong else NO_INDICATOR
            self.fields[name] = forms.ChoiceField(
                label="Chỉ số đo", choices=choices, required=False, initial=initial
            )
            self.measure_rows.append(((t, m), name, proposal))

    def flag_rows(self):
        return [(flag, self[f"ack_{i}"]) for i, flag in enumerate(self.document.flags)]

    def measure_field(self, t: int, m: int):
        return self[f"indicator_{t}_{m}"]

    def clean(self):
        data = super().clean()
        missing = [flag.message for i, flag in enumerate(self.document.flags) if not data.get(f"ack_{i}")]
        if missing:
            raise forms.ValidationError(
                f"Còn {len(missing)} điểm hệ thống đoán khi đọc tệp chưa được đánh dấu «Đã kiểm tra»: hãy kiểm "
                "tra từng điểm trong mục «Cần xác nhận» trước khi lưu."
            )
        return data

    def acknowledged(self) -> set[int]:
        return {i for i in range(len(self.document.flags)) if self.cleaned_data.get(f"ack_{i}")}

    def indicator_choices(self) -> dict[tuple[int, int], str]:
        return {key: self.cleaned_data.get(name) or NO_INDICATOR for key, name, _ in self.measure_rows}


class PlanUploadForm(forms.Form):
    document = forms.FileField(
        label="Tệp kế hoạch (.docx, .pdf hoặc .txt)",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
    )


class PlanHeaderForm(VersionedForm):
    recipients = LinesField(label="Nơi nhận (mỗi dòng một nơi)", required=False)

    class Meta:
        model = Plan
        fields = [
            "number",
            "doc_type",
            "place",
            "issued_on",
            "title",
            "parent_body",
            "issuing_body",
            "intro",
            "budget",
            "closing",
            "recipients",
            "signer_authority",
            "signer_position",
            "signer_name",
        ]
        widgets = {
            "issued_on": widgets.DateInput(),
            "title": forms.Textarea(attrs={"rows": 3}),
            "intro": forms.Textarea(attrs={"rows": 3}),
            "budget": forms.Textarea(attrs={"rows": 3}),
            "closing": forms.Textarea(attrs={"rows": 3}),
        }


class LegalBasisForm(VersionedForm):
    refs = LinesField(label="Văn bản được viện dẫn (mỗi dòng một số hiệu)", required=False)

    class Meta:
        model = LegalBasis
        fields = ["text", "refs"]


class ObjectiveForm(VersionedForm):
    class Meta:
        model = Objective
        fields = ["text"]


class PhaseForm(VersionedForm):
    class Meta:
        model = Phase
        fields = ["label", "start_year", "end_year"]


class TargetForm(VersionedForm):
    class Meta:
        model = Target
        fields = ["text", "phase"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = plan.phases.all()
        self.fields["phase"].label = "Giai đoạn"


class MeasureForm(VersionedForm):
    class Meta:
        model = Measure
        fields = [
            "comparator",
            "value",
            "upper_value",
            "unit",
            "noun",
            "per_period",
            "total",
            "baseline",
            "subject",
            "text",
        ]

    def clean(self):
        data = super().clean()
        value, unit, comparator = data.get("value"), data.get("unit"), data.get("comparator")
        if unit == Measure.Unit.PERCENT and value is not None and not (0 <= value <= 100):
            self.add_error("value", "Tỷ lệ phần trăm phải nằm trong khoảng 0–100.")
        if comparator in {">=", "=", "<=", "decrease"} and value is None:
            self.add_error("value", "Cần nhập giá trị cho kiểu so sánh này.")
        if comparator == Measure.Comparator.ZERO:
            data["value"] = 0
        return data


class MeasureCreateForm(OptionalVersionMixin, MeasureForm):
    """A new measure: no version yet."""


class TaskGroupForm(VersionedForm):
    class Meta:
        model = TaskGroup
        fields = ["number", "title"]


class TaskForm(VersionedForm):
    assigned_units = forms.ModelMultipleChoiceField(
        label="Đơn vị thực hiện",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Task
        fields = ["text"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        school = plan.organisation.school
        self.fields["assigned_units"].queryset = Organisation.objects.filter(
            school=school, kind="unit"
        ).order_by("path")
        if self.instance.pk and not self.is_bound:
            self.initial["assigned_units"] = list(self.instance.units.values_list("pk", flat=True))


class ResponsibilityForm(VersionedForm):
    duties = LinesField(label="Nhiệm vụ (mỗi dòng một nhiệm vụ)", required=False)

    class Meta:
        model = Responsibility
        fields = ["unit_name", "unit", "duties"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        school = plan.organisation.school
        self.fields["unit"].queryset = Organisation.objects.filter(school=school, kind="unit").order_by(
            "path"
        )
        self.fields["unit"].label = "Gắn với đơn vị"


class NewTextForm(forms.Form):
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
