"""Forms for defining indicators and entering values by hand."""

from __future__ import annotations

from django import forms

from truyenthong.core.forms import OptionalVersionMixin, VersionMixin
from truyenthong.indicators import sources
from truyenthong.indicators.models import Indicator

SIDES = {"numerator": "tử số", "denominator": "mẫu số"}


def param_field_name(side: str, source_key: str, param_name: str) -> str:
    return f"{side}__{source_key}__{param_name}"


class IndicatorForm(VersionMixin, forms.ModelForm):
    """Define an indicator by choosing named sources and their named parameters from lists (never JSON).

    Every source's parameters are fields of the form (`numerator__<source>__<parameter>`), each marked with the source
    it belongs to; the page's script shows only those of the chosen source (without it they stay listed, each saying
    which source it belongs to). The stored parameters are built from the chosen source's fields; parameters the
    editor does not offer (kept from the defaults) are carried over while the source stays the same.
    """

    numerator_source = forms.ChoiceField(label="Tử số (nguồn dữ liệu)", required=False)
    denominator_source = forms.ChoiceField(
        label="Mẫu số (nguồn dữ liệu)",
        required=False,
        help_text="Để trống khi chỉ số là số đếm (ví dụ số vụ việc).",
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "method",
            "numerator_source",
            "denominator_source",
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
        options = [("", "— Không dùng —")] + sources.choices()
        self.fields["numerator_source"].choices = options
        self.fields["denominator_source"].choices = options
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self._add_param_fields()
        from truyenthong.plans.models import Task

        plan_id = self.instance.plan_id
        self.fields["tasks"].queryset = Task.objects.filter(group__plan_id=plan_id).order_by(
            "group__order", "order"
        )
        self.fields["tasks"].required = False
        self.fields["tasks"].label_from_instance = lambda t: f"{t.group.number}. {t.text[:110]}"

    def _add_param_fields(self) -> None:
        """One field per (side, source, parameter), placed right after that side's source choice."""
        order = list(self.fields)
        for side, side_label in SIDES.items():
            chosen = getattr(self.instance, f"{side}_source", "")
            stored = getattr(self.instance, f"{side}_params", None) or {}
            added = []
            for source in sources.REGISTRY.values():
                values = {**source.params, **(stored if source.key == chosen else {})}
                for param in source.fields:
                    name = param_field_name(side, source.key, param.name)
                    attrs = {"data-param-of": f"{side}_source", "data-param-source": source.key}
                    help_text = f"Tham số {side_label} khi chọn nguồn «{source.label}». {param.help}".strip()
                    value = values.get(param.name, "")
                    if param.multiple:
                        field = forms.MultipleChoiceField(
                            label=param.label,
                            choices=param.options(),
                            required=False,
                            widget=forms.CheckboxSelectMultiple(attrs=attrs),
                            help_text=help_text,
                        )
                        value = value if isinstance(value, list) else ([value] if value else [])
                    else:
                        choices = param.options()
                        if param.empty_label:
                            choices = [("", param.empty_label), *choices]
                        field = forms.ChoiceField(
                            label=param.label,
                            choices=choices,
                            required=False,
                            widget=forms.Select(attrs=attrs),
                            help_text=help_text,
                        )
                        value = "" if value is None else str(value)
                    self.fields[name] = field
                    self.initial.setdefault(name, value)
                    added.append(name)
            at = order.index(f"{side}_source") + 1
            order[at:at] = added
        self.order_fields(order)

    def _params_for(self, side: str, data: dict) -> dict:
        source = sources.get(data.get(f"{side}_source") or "")
        if source is None:
            return {}
        stored = getattr(self.instance, f"{side}_params", None) or {}
        same_source = getattr(self.instance, f"{side}_source", "") == source.key
        names = {p.name for p in source.fields}
        params = {k: v for k, v in (stored if same_source else source.params).items() if k not in names}
        for param in source.fields:
            field_name = param_field_name(side, source.key, param.name)
            value = data.get(field_name)
            if param.multiple:
                if value:
                    params[param.name] = list(value)
            elif value:
                params[param.name] = value
            elif param.empty_label:
                params[param.name] = ""
            else:
                self.add_error(field_name, f"Hãy chọn {param.label.lower()} cho {SIDES[side]}.")
        return params

    def clean(self):
        data = super().clean()
        data["numerator_params"] = self._params_for("numerator", data)
        data["denominator_params"] = self._params_for("denominator", data)
        if data.get("method") == Indicator.Method.COMPUTED and not data.get("numerator_source"):
            self.add_error("numerator_source", "Chỉ số tính từ hồ sơ cần có tử số.")
        return data

    def changes(self) -> dict:
        """The model's fields as edited, plus the source parameters built from the named fields in clean()."""
        names = [*self._meta.fields, "numerator_params", "denominator_params"]
        return {f: self.cleaned_data[f] for f in names}


class ManualEntryForm(OptionalVersionMixin, forms.Form):
    numerator = forms.DecimalField(label="Tử số", required=False, min_value=0)
    denominator = forms.DecimalField(label="Mẫu số", required=False, min_value=0)
    value = forms.DecimalField(label="Hoặc giá trị trực tiếp", required=False, min_value=0)
    evidence_link = forms.URLField(label="Liên kết minh chứng", required=False, assume_scheme="https")
    evidence = forms.FileField(label="Tệp minh chứng (ảnh, PDF, Word, Excel)", required=False)
    note = forms.CharField(label="Giải trình", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do mở khóa", widget=forms.Textarea(attrs={"rows": 2}))
