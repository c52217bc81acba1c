"""Forms of the report pages."""

from __future__ import annotations

from django import forms

from truyenthong.core import widgets
from truyenthong.core.forms import VersionMixin
from truyenthong.reports.data import NARRATIVE
from truyenthong.reports.models import Report


class CreateForm(forms.Form):
    kind = forms.ChoiceField(label="Loại báo cáo", choices=Report.Kind.choices)
    period_key = forms.ChoiceField(label="Kỳ báo cáo", choices=())

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_key"].choices = periods


class ReportForm(VersionMixin, forms.Form):
    summary = forms.CharField(label="Trích yếu", max_length=300)
    number = forms.CharField(
        label="Số, ký hiệu", max_length=60, required=False, help_text="Ví dụ: 45/BC-CLQĐ"
    )
    issued_on = forms.DateField(
        label="Ngày ban hành",
        required=False,
        input_formats=widgets.DATE_INPUT_FORMATS,
        widget=widgets.DateInput(),
    )
    signer_authority = forms.CharField(
        label="Thẩm quyền ký (KT. HIỆU TRƯỞNG…)",
        max_length=100,
        required=False,
        help_text="Để trống: khi Phó hiệu trưởng ký, văn bản tự ghi «KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG».",
    )
    signer_position = forms.CharField(label="Chức vụ người ký", max_length=100)
    signer_name = forms.CharField(label="Họ tên người ký", max_length=150, required=False)
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in NARRATIVE.items():
            self.fields[f"n_{key}"] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 5})
            )

    @staticmethod
    def initial_for(report: Report) -> dict:
        initial = {
            "version": report.version,
            "summary": report.summary,
            "number": report.number,
            "issued_on": report.issued_on,
            "signer_authority": report.signer_authority,
            "signer_position": report.signer_position,
            "signer_name": report.signer_name,
            "recipients": report.recipients,
        }
        initial.update({f"n_{k}": (report.narrative or {}).get(k, "") for k in NARRATIVE})
        return initial

    def changes(self) -> tuple[int, dict]:
        data = dict(self.cleaned_data)
        version = data.pop("version")
        narrative = {k: data.pop(f"n_{k}") for k in NARRATIVE}
        return version, {**data, "narrative": narrative}
