"""Every form writes dates dd/mm/yyyy and times HH:MM (core/widgets.py), never the browser's own date picker."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms

import truyenthong
from truyenthong.core import widgets
from truyenthong.records.kinds import KINDS

OURS = {
    forms.DateTimeField: widgets.DateTimeInput,
    forms.DateField: widgets.DateInput,
    forms.TimeField: widgets.TimeInput,
}


def _form_classes():
    for info in pkgutil.iter_modules(truyenthong.__path__):
        try:
            module = importlib.import_module(f"truyenthong.{info.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_date_and_time_field_of_every_form_uses_our_widgets():
    checked, wrong = 0, []
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            for kind, widget in OURS.items():
                if isinstance(field, kind) and not isinstance(field, forms.SplitDateTimeField):
                    checked += 1
                    if not isinstance(field.widget, widget):
                        wrong.append(f"{cls.__module__}.{cls.__name__}.{name}: {type(field.widget).__name__}")
                    break
    assert checked >= 10
    assert not wrong, wrong


def test_the_widgets_render_and_read_vietnamese_dates_and_times():
    class Sample(forms.Form):
        day = widgets.DateField(label="Ngày")
        at = widgets.TimeField(label="Giờ")
        moment = widgets.DateTimeField(label="Lúc")

    html = Sample(initial={"day": dt.date(2026, 9, 5), "at": dt.time(7, 30)}).as_div()
    assert 'value="05/09/2026"' in html and 'value="07:30"' in html
    assert 'type="date"' not in html and 'type="time"' not in html and "datetime-local" not in html
    assert 'placeholder="dd/mm/yyyy"' in html and 'placeholder="HH:MM"' in html
    form = Sample({"day": "05/09/2026", "at": "07:30", "moment": "05/09/2026 14:05"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 9, 5)
    assert form.cleaned_data["at"] == dt.time(7, 30)
    assert form.cleaned_data["moment"].replace(tzinfo=None) == dt.datetime(2026, 9, 5, 14, 5)
    # Must NOT read: a month-first date, a 12-hour time.
    wrong = Sample({"day": "09/25/2026", "at": "7:30 PM", "moment": "25/13/2026 10:00"})
    assert not wrong.is_valid()
    assert set(wrong.errors) == {"day", "at", "moment"}
    assert "ngày/tháng/năm" in wrong.errors["day"][0]


def test_a_model_form_s_date_field_gets_the_widget_too():
    from truyenthong.org.models import Person

    class PersonDates(forms.ModelForm):
        class Meta:
            model = Person
            fields = ["birth_date"] if hasattr(Person, "birth_date") else ["active_from"]

    field = next(iter(PersonDates.base_fields.values()))
    assert isinstance(field.widget, widgets.DateInput)


@pytest.mark.django_db
def test_the_pages_with_dates_show_no_browser_date_picker(world_with_plan, client_for):
    school = world_with_plan.school.code
    client = client_for(world_with_plan.users["principal"])
    urls = [f"/truong/{school}/hoat-dong/them/"]
    urls += [f"/truong/{school}/ho-so/{slug}/them/" for slug, kind in KINDS.items() if kind.date_field]
    seen_dates = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert 'type="date"' not in page and 'type="time"' not in page and "datetime-local" not in page, url
        seen_dates += page.count('placeholder="dd/mm/yyyy"')
    assert seen_dates >= len(urls)
