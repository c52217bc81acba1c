"""Forms for the records behind targets; every choice of person, unit or class is limited to the school."""

from __future__ import annotations

from django import forms

from truyenthong.core import widgets
from truyenthong.core.collation import vi_person
from truyenthong.core.forms import OptionalVersionMixin
from truyenthong.org.models import Organisation, Person, SchoolClass
from truyenthong.org.selectors import class_choices
from truyenthong.records import models as m


class RecordForm(OptionalVersionMixin, forms.ModelForm):
    """A record form bound to a school; edits carry the version they were opened at."""

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = widgets.DateInput()
                field.input_formats = widgets.DATE_INPUT_FORMATS
            qs = getattr(field, "queryset", None)
            if qs is None:
                continue
            if qs.model is Person:
                field.queryset = Person.objects.filter(school=school).order_by(vi_person(), "code")
            elif qs.model is SchoolClass:
                field.queryset = class_choices(school)
            elif qs.model is Organisation:
                field.queryset = Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT)

    def clean(self):
        data = super().clean()
        self.instance.school = self.school
        return data


class DepartmentPlanForm(RecordForm):
    class Meta:
        model = m.DepartmentPlan
        fields = ["unit", "school_year", "title", "content", "evidence_link"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = self.fields["unit"].queryset.filter(unit_kind=Organisation.UnitKind.SUBJECT)
        if units is not None:
            qs = qs.filter(pk__in=[u.pk for u in units])
        self.fields["unit"].queryset = qs


class ITCriterionForm(RecordForm):
    class Meta:
        model = m.ITCriterion
        fields = ["school_year", "order", "text"]


class ITSelfAssessmentForm(RecordForm):
    criteria = forms.MultipleChoiceField(
        label="Các tiêu chí tôi đã đạt", required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = m.ITSelfAssessment
        fields = ["school_year", "self_meets", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = self.data.get("school_year") or self.initial.get("school_year") or self.instance.school_year
        criteria = m.ITCriterion.objects.filter(school=self.school, school_year=year) if year else []
        self.fields["criteria"].choices = [(str(c.pk), c.text) for c in criteria]
        if self.instance.pk and not self.is_bound:
            self.initial["criteria"] = [str(x) for x in self.instance.criteria_met]


class CoverageForm(RecordForm):
    class Meta:
        model = m.ClassEducationCoverage
        fields = ["school_class", "life_skills", "law", "sessions", "note"]


class IncidentForm(RecordForm):
    class Meta:
        model = m.ViolenceIncident
        fields = ["occurred_on", "school_class", "severity", "description", "handling"]


class CommsStaffForm(RecordForm):
    class Meta:
        model = m.CommsStaff
        fields = ["person", "duty", "start", "end"]


class CommsTrainingForm(RecordForm):
    class Meta:
        model = m.CommsTraining
        fields = ["person", "title", "organiser", "start", "end", "hours", "certificate"]


class GraduationForm(RecordForm):
    class Meta:
        model = m.GraduationResult
        fields = ["school_class", "candidates", "graduates", "university_admitted"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = self.fields["school_class"].queryset.filter(grade=12)


class StandardRatingForm(RecordForm):
    class Meta:
        model = m.StandardRating
        fields = ["person", "school_year", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = self.fields["person"].queryset.filter(
            category=Person.Category.TEACHER
        )


class RatingDistributionForm(RecordForm):
    class Meta:
        model = m.RatingDistribution
        fields = ["school_class", "kind", "good", "fair", "passed", "failed"]


class PrizeForm(RecordForm):
    class Meta:
        model = m.StudentPrize
        fields = [
            "school_year",
            "student_name",
            "school_class",
            "level",
            "competition",
            "award",
            "awarded_on",
        ]


class ReviewForm(forms.Form):
    comment = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 3}))
