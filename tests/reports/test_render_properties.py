"""Property tests (hypothesis): the report chart, the infographic and the dashboard sparkline take random, empty and
extreme series (zeros, one value, NaN, infinities, huge and negative numbers, no target, long and empty labels)
without an exception, keep every shape inside the picture and out of the footer band, and never draw a bar for a
value that is missing."""

from __future__ import annotations

import io
import math
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image

from truyenthong.indicators.charts import sparkline
from truyenthong.reports.render import charts, infographic
from truyenthong.reports.render.model import Bar, Chart, Highlight, ReportDocument

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

numbers = st.one_of(
    st.none(),
    st.just(0.0),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e6, max_value=1e6),
    st.integers(min_value=0, max_value=10**12).map(float),
)
labels = st.one_of(
    st.just(""),
    st.text(max_size=300),
    st.just("TỶ LỆ CÁN BỘ, GIÁO VIÊN ĐƯỢC HỌC TẬP, QUÁN TRIỆT NGHỊ QUYẾT 71-NQ/TW " * 3),
    st.just("x" * 400),  # one word wider than any column
)
statuses = st.sampled_from(["met", "at_risk", "not_met", "no_data", "undefined", "unknown"])
bars = st.builds(Bar, label=labels, value=numbers, target=numbers, status=statuses, text=st.text(max_size=20))
chart_of = st.builds(Chart, title=labels, bars=st.lists(bars, max_size=14), percent=st.booleans())
counts = st.dictionaries(
    st.sampled_from(["met", "at_risk", "not_met", "no_data", "undefined"]), st.integers(0, 10**6)
)


def document(
    chart, status_counts, highlights, school="Trường THPT Bình Minh", period="Học kỳ II năm học 2026-2027"
):
    return ReportDocument(
        parent_body="",
        issuing_body=school,
        number="",
        place="",
        issued_on=None,
        doc_type="Báo cáo",
        summary="",
        blocks=[],
        recipients=[],
        signer_authority="",
        signer_position="",
        signer_name="",
        school_name=school,
        period_label=period,
        highlights=highlights,
        status_counts=status_counts,
        chart=chart,
    )


@FAST
@given(chart=chart_of)
def test_the_report_chart_draws_any_series(chart):
    image = Image.open(io.BytesIO(charts.chart_png(chart)))
    assert image.format == "PNG" and image.width == charts.WIDTH


@FAST
@given(
    chart=st.one_of(st.none(), chart_of),
    status_counts=counts,
    highlights=st.lists(
        st.builds(Highlight, value=st.sampled_from(["", "0", "48.900"]), label=labels), max_size=4
    ),
    school=labels,
    period=labels,
)
def test_the_infographic_lays_out_any_data_inside_the_page_and_above_the_footer(
    chart, status_counts, highlights, school, period
):
    doc = document(chart, status_counts, highlights, school or "Trường", period)
    shapes = infographic.layout(doc, generated="02/12/2026")
    footer_top = infographic.HEIGHT - infographic.FOOTER_H
    for shape in shapes:
        assert all(isinstance(v, int | float) and math.isfinite(v) for v in shape.box), shape
        if shape.box in (
            (0, 0, infographic.WIDTH, infographic.HEIGHT),
            (0, footer_top, infographic.WIDTH, infographic.HEIGHT),
        ):
            continue  # the page's background and the footer band itself
        if shape.kind == "text":
            x, y = shape.box
            assert 0 <= x <= infographic.WIDTH and 0 < y <= infographic.HEIGHT, shape
            if shape.fill != infographic.MUTED or "Nguồn" not in shape.text:
                assert y <= footer_top, f"cut by the footer band: {shape}"
        elif shape.box[1] < footer_top:  # a bar or mark: entirely above the footer band
            assert shape.box[3] <= footer_top, f"cut by the footer band: {shape}"
    texts = [s.text for s in shapes if s.kind == "text"]
    assert "0/0" not in texts
    with_value = sum(status_counts.get(k, 0) for k in ("met", "at_risk", "not_met"))
    if not with_value:
        assert charts.NO_DATA in texts  # a period without values says so instead of a giant 0
    infographic.infographic_svg(doc)


def test_a_period_with_nothing_recorded_shows_no_giant_zero_cards():
    doc = document(
        None, {"no_data": 4}, [Highlight("", "hoạt động đã tổ chức"), Highlight("", "lượt tiếp cận")]
    )
    shapes = infographic.layout(doc)
    big = [s for s in shapes if s.kind == "text" and s.size >= 56]
    assert all(s.text != "0" for s in big)
    assert [s.text for s in shapes].count("chưa có dữ liệu") == 2
    assert "4 chỉ tiêu của kỳ này chưa có số liệu để đánh giá" in [s.text for s in shapes]


def test_an_all_zero_count_series_without_targets_still_has_a_scale():
    chart = Chart("Biểu đồ", [Bar("Số vụ việc bạo lực học đường", 0.0, None, "met", "0")], percent=False)
    doc = document(chart, {"met": 1}, [])
    shapes = infographic.layout(doc)
    assert any(s.text == "Số vụ việc bạo lực học đường" for s in shapes)
    assert charts.chart_png(chart)


def test_labels_typed_in_capitals_are_put_in_sentence_case_keeping_acronyms_and_roman_numerals():
    assert charts.sentence_case("TỶ LỆ GIÁO VIÊN THPT ĐƯỢC BỒI DƯỠNG HỌC KỲ II") == (
        "Tỷ lệ giáo viên THPT được bồi dưỡng học kỳ II"
    )
    assert charts.sentence_case("tỷ lệ học sinh") == "Tỷ lệ học sinh"
    assert (
        charts.sentence_case("Số tin bài trên Cổng TTĐT") == "Số tin bài trên Cổng TTĐT"
    )  # not all capitals
    assert charts.sentence_case("") == ""


@FAST
@given(
    points=st.lists(
        st.tuples(
            st.text(max_size=12),
            st.one_of(
                st.none(),
                st.decimals(allow_nan=True, allow_infinity=True),
                st.decimals(min_value=-1000, max_value=10**9, places=2),
            ),
        ),
        max_size=12,
    ),
    target=st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=True)),
    percent=st.booleans(),
)
def test_the_sparkline_draws_any_series(points, target, percent):
    svg = sparkline(points, target=target, percent=percent)
    if svg:
        assert svg.startswith("<svg") and svg.endswith("</svg>")
        coordinates = re.findall(r' (?:cx|cy|y1|y2)="([^"]*)"', svg)
        coordinates += [
            c for pts in re.findall(r'points="([^"]*)"', svg) for xy in pts.split() for c in xy.split(",")
        ]
        assert coordinates and all(math.isfinite(float(c)) for c in coordinates), svg


def test_a_sparkline_of_one_value_or_of_equal_values_is_a_flat_line_not_an_error():
    assert "<circle" in sparkline([("2026-2027", Decimal("0"))], percent=False)
    flat = sparkline([("a", Decimal("5")), ("b", Decimal("5"))], percent=False)
    assert flat.count("<circle") == 2
    assert sparkline([], percent=True) == "" and sparkline([("a", None)], percent=True) == ""
