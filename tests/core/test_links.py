"""reverse_many: the links of one view for many rows, the same as reverse() gives for each."""

import pytest
from django.urls import reverse

from truyenthong.core.links import reverse_many


def test_each_row_gets_the_url_reverse_gives_it():
    rows = [("lqd", 12, "2026-2027"), ("thpt-an-khe", 7, "2026-2027-HK1"), ("c3_pleiku", 100234, "2027")]
    assert reverse_many("indicators:drilldown", rows) == [
        reverse("indicators:drilldown", args=r) for r in rows
    ]
    codes = [("lqd",), ("khac",)]
    assert reverse_many("indicators:dashboard", codes) == [
        reverse("indicators:dashboard", args=c) for c in codes
    ]


def test_values_are_quoted_as_reverse_quotes_them():
    rows = [("lqd", 1, "2026 2027"), ("lqd", 2, "kỳ-1"), ("lqd", 3, "a&b")]
    assert reverse_many("indicators:drilldown", rows) == [
        reverse("indicators:drilldown", args=r) for r in rows
    ]


def test_no_rows_no_links():
    assert reverse_many("indicators:dashboard", []) == []


def test_a_url_prefix_holding_a_marker_falls_back_to_reverse_for_every_row(settings):
    from django.urls import set_script_prefix

    set_script_prefix("/qqmark0qq/")  # as if the site were served under a folder with the marker's name
    try:
        rows = [("lqd",), ("khac",)]
        assert reverse_many("indicators:dashboard", rows) == [
            "/qqmark0qq/truong/lqd/bang-dieu-khien/",
            "/qqmark0qq/truong/khac/bang-dieu-khien/",
        ]
    finally:
        set_script_prefix("/")


def test_a_first_row_the_view_cannot_take_is_an_error_as_with_reverse():
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse_many("indicators:drilldown", [("lqd", 1, "")])
