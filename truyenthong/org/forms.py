"""Forms for staff records."""

from truyenthong.core import widgets
from truyenthong.core.forms import VersionedForm
from truyenthong.org.models import Person


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "gender",
            "email",
            "phone",
            "position",
            "category",
            "subject",
            "active_from",
            "active_to",
        ]
        widgets = {
            "active_from": widgets.DateInput(),
            "active_to": widgets.DateInput(),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("active_from"), data.get("active_to")
        if start and end and end < start:
            self.add_error("active_to", "Ngày kết thúc công tác phải sau ngày bắt đầu.")
        return data
