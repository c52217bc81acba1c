"""One form layout: labels above fields, required marks, errors under their field plus one summary, Vietnamese words."""

import re
from pathlib import Path

from django import forms

from truyenthong.core.formrender import empty_choice_label

ROOT = Path(__file__).resolve().parents[2] / "truyenthong"


def test_an_empty_choice_reads_choose_and_the_field_name():
    assert empty_choice_label("Đơn vị phụ trách") == "— Chọn đơn vị phụ trách —"
    assert empty_choice_label("GVCN") == "— Chọn GVCN —"
    assert empty_choice_label("") == "— Chọn —"


def test_a_refused_activity_form_says_what_is_missing_under_each_field_and_once_at_the_top(world, client_for):
    c = client_for(world.users["principal"])
    page = c.post(f"/truong/{world.school.code}/hoat-dong/them/", {"place": "Hội trường"}).content.decode()
    assert "Trường này là bắt buộc" not in page
    assert page.count('class="form-summary"') == 1
    field_errors = re.findall(r'<ul class="field-errors" id="id_(\w+)_error">\s*<li>([^<]+)</li>', page)
    assert ("title", "Mục này là bắt buộc.") in field_errors
    # Each field's message sits under that field, once.
    names = [name for name, _ in field_errors]
    assert len(names) == len(set(names))
    # The summary links to the field.
    assert '<a href="#id_title">' in page


def test_a_choice_field_offers_a_vietnamese_empty_choice_and_marks_required_fields(world, client_for):
    page = (
        client_for(world.users["principal"])
        .get(f"/truong/{world.school.code}/hoat-dong/them/")
        .content.decode()
    )
    assert "---------" not in page and "Select an option" not in page
    assert re.search(r"<option value=\"\"[^>]*>— Chọn [^<]+ —</option>", page)
    assert (
        re.search(r'<label for="id_title">\s*Tên hoạt động\s*<span class="req"', page)
        or 'class="req"' in page
    )


def test_forms_rendered_in_python_use_the_same_layout():
    class Example(forms.Form):
        unit = forms.ChoiceField(label="Đơn vị", choices=[("", "---------"), ("a", "Tổ Toán")])
        note = forms.CharField(label="Ghi chú", required=False, help_text="Không bắt buộc.")

    html = str(Example(data={}))
    assert "— Chọn đơn vị —" in html and "Mục này là bắt buộc." in html
    assert 'name="_form_key"' in html
    assert html.index('for="id_note"') < html.index('id="id_note_helptext"') < html.index('name="note"')


def test_no_template_renders_a_form_with_as_p_or_copies_the_error_block():
    offenders = []
    for path in ROOT.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if ".as_p" in text or "non_field_errors %}<li>" in text or "Select an option" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
