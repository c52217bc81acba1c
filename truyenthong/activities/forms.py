"""Forms for activities, evidence and catch-up. Dates are typed dd/mm/yyyy; times HH:MM, local time."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from truyenthong.activities.models import Activity
from truyenthong.core import widgets
from truyenthong.core.collation import vi_person
from truyenthong.core.forms import OptionalVersionMixin, VersionMixin
from truyenthong.org.models import Person

DATE_FORMATS = widgets.DATE_INPUT_FORMATS
DateInput = widgets.DateInput  # dd/mm/yyyy (core/widgets.py)
TimeInput = widgets.TimeInput  # HH:MM, 24 hours


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        text = obj.text if len(obj.text) <= 110 else obj.text[:107] + "…"
        return f"{obj.group.number}. {text}"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ActivityForm(OptionalVersionMixin, forms.Form):
    kind = forms.ChoiceField(label="Loại hoạt động", choices=Activity.Kind.choices)
    title = forms.CharField(label="Tên hoạt động", max_length=300)
    task = TaskChoiceField(
        label="Nhiệm vụ trong kế hoạch", queryset=None, required=False, empty_label="— Không gắn nhiệm vụ —"
    )
    unit = UnitChoiceField(label="Đơn vị tổ chức", queryset=None, empty_label=None)
    day = forms.DateField(label="Ngày (dd/mm/yyyy)", input_formats=DATE_FORMATS, widget=DateInput())
    start_time = forms.TimeField(label="Từ giờ", widget=TimeInput(), input_formats=widgets.TIME_INPUT_FORMATS)
    end_time = forms.TimeField(label="Đến giờ", widget=TimeInput(), input_formats=widgets.TIME_INPUT_FORMATS)
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    person_in_charge = forms.ModelChoiceField(label="Người phụ trách", queryset=None, required=False)
    audience = forms.ChoiceField(label="Đối tượng", choices=Activity.Audience.choices)
    roster_units = forms.ModelMultipleChoiceField(
        label="Đơn vị tham dự (điểm danh)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Chỉ với hoạt động dành cho cán bộ, giáo viên. Để trống: toàn trường.",
    )
    planned_participants = forms.IntegerField(label="Số người dự kiến", min_value=0, required=False)
    actual_participants = forms.IntegerField(
        label="Số người tham gia thực tế",
        min_value=0,
        required=False,
        help_text="Với hoạt động của cán bộ, giáo viên, số này được tính từ điểm danh.",
    )
    description = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, school, units, tasks, instance: Activity | None = None, **kwargs):
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            local_start = timezone.localtime(instance.starts_at)
            kwargs["initial"] = {
                "version": instance.version,
                "kind": instance.kind,
                "title": instance.title,
                "task": instance.task_id,
                "unit": instance.unit_id,
                "day": local_start.date(),
                "start_time": local_start.time(),
                "end_time": timezone.localtime(instance.ends_at).time(),
                "place": instance.place,
                "person_in_charge": instance.person_in_charge_id,
                "audience": instance.audience,
                "roster_units": list(instance.roster_units.values_list("pk", flat=True)),
                "planned_participants": instance.planned_participants,
                "actual_participants": instance.actual_participants,
                "description": instance.description,
            }
        super().__init__(*args, **kwargs)
        from truyenthong.activities.selectors import school_units

        self.fields["task"].queryset = tasks
        self.fields["unit"].queryset = units
        self.fields["person_in_charge"].queryset = Person.objects.filter(school=school).order_by(
            vi_person(), "code"
        )
        self.fields["roster_units"].queryset = school_units(school)
        self.fields["roster_units"].label_from_instance = lambda u: u.name

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "Giờ kết thúc phải sau giờ bắt đầu.")
            data["starts_at"] = timezone.make_aware(dt.datetime.combine(day, start))
            data["ends_at"] = timezone.make_aware(dt.datetime.combine(day, end))
        return data

    def fields_for_service(self) -> dict:
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "title": d["title"],
            "task": d["task"],
            "unit": d["unit"],
            "starts_at": d["starts_at"],
            "ends_at": d["ends_at"],
            "place": d["place"],
            "person_in_charge": d["person_in_charge"],
            "audience": d["audience"],
            "planned_participants": d["planned_participants"],
            "actual_participants": d["actual_participants"],
            "description": d["description"],
        }


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Tệp minh chứng (ảnh, PDF, Word, Excel)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,.gif,.pdf,.docx,.xlsx"}),
    )
    url = forms.URLField(
        label="Hoặc liên kết (bài đăng, video…)", required=False, max_length=500, assume_scheme="https"
    )
    caption = forms.CharField(label="Mô tả", max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and not self.errors:
            raise forms.ValidationError("Hãy chọn một tệp hoặc nhập một liên kết.")
        return data


class DoneForm(VersionMixin, forms.Form):
    actual_participants = forms.IntegerField(label="Số người tham gia thực tế", min_value=0, required=False)


class TransitionForm(VersionMixin, forms.Form):
    """A status change (verify, reopen): only the version the user saw."""


class CatchUpForm(forms.Form):
    caught_up_on = forms.DateField(
        label="Ngày học bù (dd/mm/yyyy)", input_formats=DATE_FORMATS, widget=DateInput()
    )
    note = forms.CharField(label="Ghi chú (hình thức học bù)", max_length=300, required=False)
    file = forms.FileField(label="Tệp minh chứng (ảnh, PDF, Word)", required=False)
    url = forms.URLField(
        label="Hoặc liên kết minh chứng", required=False, max_length=500, assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and not self.errors:
            raise forms.ValidationError("Học bù cần minh chứng: tệp hoặc liên kết.")
        return data


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=[("", "Tất cả")] + Activity.Kind.choices, required=False)
    status = forms.ChoiceField(
        label="Trạng thái", choices=[("", "Tất cả")] + Activity.Status.choices, required=False
    )
    don_vi = forms.ChoiceField(label="Đơn vị", required=False)
    nam_hoc = forms.ChoiceField(label="Năm học", required=False)

    def __init__(self, *args, units, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [("", "Tất cả đơn vị")] + [(u.code, u.name) for u in units]
        self.fields["nam_hoc"].choices = [("", "Tất cả")] + [(y, y) for y in years]
