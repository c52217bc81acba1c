"""Numbers the Vietnamese way on every page (48.900; 77,8%): the vn_number / vn_percent filters, and a sweep of the
templates so that no figure is printed raw where the old pages printed "48900", "77.8%" or floatformat's output."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import engines

from truyenthong.core.templatetags.vn_format import vn_number, vn_percent
from truyenthong.lib.numbers_vi import format_number_vi, format_percent_vi

TEMPLATES = sorted(Path(__file__).resolve().parents[2].joinpath("truyenthong").rglob("*.html"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (48900, "48.900"),
        (1234567, "1.234.567"),
        (999, "999"),
        (0, "0"),
        (Decimal("77.75"), "77,8"),
        (77.84, "77,8"),
        (12.5, "12,5"),
        (Decimal("100.00"), "100"),
        (-1234.5, "-1.234,5"),
        (-7, "-7"),
        (None, "—"),
        ("", "—"),
        ("không phải số", "—"),
        (float("nan"), "—"),
    ],
)
def test_a_number_has_a_thousands_dot_and_a_decimal_comma(value, text):
    assert vn_number(value) == text
    assert format_number_vi(value) == text


def test_decimals_can_be_asked_for_and_trailing_zeros_are_dropped():
    assert vn_number(Decimal("4.256"), 2) == "4,26"
    assert vn_number(Decimal("4.50"), 2) == "4,5"
    assert vn_number(12345.678, "0") == "12.346"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("77.75"), "77,8%"),
        (100, "100%"),
        (0, "0%"),
        (-2.5, "-2,5%"),
        (None, "—"),
        (12000.5, "12.000,5%"),
    ],
)
def test_a_percentage_has_a_decimal_comma_and_no_percent_sign_without_a_value(value, text):
    assert vn_percent(value) == text
    assert format_percent_vi(value) == text


def test_the_filters_are_there_in_every_template_without_a_load():
    template = engines["django"].from_string(
        "{{ n|vn_number }} người; {{ p|vn_percent }}; {{ m|vn_percent }}"
    )
    assert template.render({"n": 48900, "p": Decimal("77.75"), "m": None}) == "48.900 người; 77,8%; —"


def test_the_reports_print_numbers_with_the_same_function_as_the_pages():
    from truyenthong.reports import data

    assert data.figure(Decimal("77.75"), True) == vn_percent(Decimal("77.75"))
    assert data.thousands(48900) == vn_number(48900) == "48.900"


# What the old templates printed raw: floatformat (decimal point, no thousands), "{{ x }}%" and counts/totals.
COUNT_WORDS = (
    r"(?:count|total|reach|reached|submitted|approved|on_time|late|responses|present|percent|progress|rate)"
)
RAW_PERCENT = re.compile(r"\{\{((?:(?!\}\}).)*)\}\}\s*%")
RAW_COUNT = re.compile(r'(?<!=")\{\{\s*([\w.]*' + COUNT_WORDS + r")\s*(\|(?:(?!\}\}).)*)?\}\}")
RAW_LENGTH = re.compile(r'(?<!=")\{\{\s*[\w.]+\|length\s*\}\}')


def _offences(text: str) -> list[str]:
    found = [m.group(0) for m in re.finditer(r"\{\{[^}]*floatformat[^}]*\}\}", text)]
    found += [m.group(0) for m in RAW_PERCENT.finditer(text) if "vn_" not in m.group(1)]
    found += [m.group(0) for m in RAW_COUNT.finditer(text) if "vn_" not in (m.group(2) or "")]
    found += [m.group(0) for m in RAW_LENGTH.finditer(text)]
    return found


def test_no_template_prints_a_count_or_a_percentage_without_the_vietnamese_filter():
    offences = {str(p): _offences(p.read_text(encoding="utf-8")) for p in TEMPLATES}
    assert {p: o for p, o in offences.items() if o} == {}


@pytest.mark.parametrize(
    "snippet",
    [
        "{{ r.mean|floatformat:2 }}",
        "{{ g.progress }}%",
        "{{ r.percent }} %",
        "{{ item.view_count }} lượt xem",
        '{{ item.count|default_if_none:"—" }}',
        "({{ doc.targets|length }})",
        "{{ completeness.total }}",
    ],
)
def test_the_sweep_catches_what_the_old_pages_printed(snippet):
    assert _offences(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        "{{ g.progress|vn_percent }}",
        '<progress max="100" value="{{ g.progress }}">',
        '<td rowspan="{{ c.display|length }}">',
        "{{ item.view_count|vn_number }} lượt xem",
        "{{ r.value|vn_number }}{% if r.is_percent %}%{% endif %}",
        "{{ page.number }}/{{ page.paginator.num_pages }}",
        "{{ school.name }}",
    ],
)
def test_the_sweep_leaves_attributes_formatted_figures_and_text_alone(snippet):
    assert _offences(snippet) == []


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("Học kỳ II năm học 2026-2027", "học kỳ II năm học 2026-2027"),
        ("Sơ kết học kỳ II", "sơ kết học kỳ II"),
        ("THPT chuyên Lê Quý Đôn", "THPT chuyên Lê Quý Đôn"),
        ("II. Nhiệm vụ", "II. Nhiệm vụ"),
        ("Năm học 2026-2027", "năm học 2026-2027"),
        ("", ""),
    ],
)
def test_a_label_inside_a_sentence_keeps_its_roman_numerals_and_acronyms(label, text):
    from truyenthong.core.templatetags.vn_format import in_sentence

    assert in_sentence(label) == text
    assert engines["django"].from_string("{{ x|in_sentence }}").render({"x": label}) == text


def test_no_template_lowers_a_label_which_would_print_hoc_ky_ii():
    lowered = {
        str(p): re.findall(r"\{\{[^}]*(?:label|_display)\|lower[^}]*\}\}", p.read_text(encoding="utf-8"))
        for p in TEMPLATES
    }
    assert {p: found for p, found in lowered.items() if found} == {}
