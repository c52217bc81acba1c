"""Forms of the surveys app. Questions are typed one per line, in a notation a clerk can learn in a minute:

[5 nhận thức] Em hiểu rõ nội dung Nghị quyết 71        → Likert 1–5 measuring awareness
[5 hài lòng] Quý phụ huynh hài lòng với thông tin …    → Likert measuring satisfaction
[5] Câu thang đo không dùng cho chỉ tiêu
[1] Em biết thông tin qua kênh nào? | Zalo lớp | Cổng thông tin | Khác   → one choice
[n] Các chủ đề muốn tìm hiểu thêm? | A | B | C                           → several choices
[?] Góp ý của em                                                          → free text
"""

from __future__ import annotations

import re

from django import forms

from truyenthong.lib.vntext import fold, nfc
from truyenthong.org.models import SchoolClass
from truyenthong.surveys.models import Survey

_LINE_RE = re.compile(r"^\[\s*(5|1|n|\?)\s*([^\]]*)\]\s*(.+)$", re.IGNORECASE)
KINDS = {"5": "likert", "1": "single", "n": "multiple", "?": "text"}
MEASURES = {"nhan thuc": "awareness", "hieu biet": "awareness", "hai long": "satisfaction"}


def parse_questions(text: str) -> tuple[list[dict], list[str]]:
    questions, errors = [], []
    for number, line in enumerate(nfc(text, keep_newlines=True).split("\n"), start=1):
        if not line.strip():
            continue
        m = _LINE_RE.match(line.strip())
        if not m:
            errors.append(f"Dòng {number}: phải bắt đầu bằng [5], [1], [n] hoặc [?] (xem hướng dẫn).")
            continue
        kind = KINDS[m.group(1).lower()]
        measure_word = fold(m.group(2)).strip()
        measure = MEASURES.get(measure_word, "")
        if measure_word and not measure:
            errors.append(f"Dòng {number}: “{m.group(2)}” không phải “nhận thức” hay “hài lòng”.")
        parts = [p.strip() for p in m.group(3).split("|")]
        questions.append({"kind": kind, "text": parts[0], "options": parts[1:], "measure": measure})
    return questions, errors


class SurveyForm(forms.Form):
    title = forms.CharField(label="Tên khảo sát", max_length=250)
    description = forms.CharField(
        label="Giới thiệu", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    series = forms.CharField(
        label="Chuỗi khảo sát (cùng tên qua các năm để so sánh)", max_length=100, required=False
    )
    audiences = forms.MultipleChoiceField(
        label="Đối tượng", choices=Survey.Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    anonymous = forms.BooleanField(label="Ẩn danh", required=False, initial=True)
    questions = forms.CharField(label="Câu hỏi (mỗi dòng một câu)", widget=forms.Textarea(attrs={"rows": 8}))

    def clean_questions(self):
        questions, errors = parse_questions(self.cleaned_data["questions"])
        if errors:
            raise forms.ValidationError(errors)
        return questions


class RespondForm(forms.Form):
    audience = forms.ChoiceField(label="Bạn là", choices=())
    school_class = forms.ModelChoiceField(
        label="Lớp (của em hoặc của con)", queryset=SchoolClass.objects.none(), required=False
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [(a, Survey.Audience(a).label) for a in survey.audiences]
        self.fields["school_class"].queryset = SchoolClass.objects.filter(
            school=survey.school, school_year=survey.school_year
        )
