"""Vietnamese text helpers: normalisation, folding, slugs, administrative dates."""

import datetime as dt
import unicodedata

import pytest

from truyenthong.lib.vntext import (
    fold,
    format_date_vi,
    nfc,
    parse_place_date_line,
    place_date_line,
    slugify_vi,
)


def test_nfc_composes_decomposed_text_and_cleans_invisible_characters():
    decomposed = unicodedata.normalize("NFD", "Kế hoạch")
    assert decomposed != "Kế hoạch"
    assert nfc(f"\ufeff {decomposed}\u00a0số\u200b  35\t/KH ") == "Kế hoạch số 35 /KH"


def test_nfc_collapses_line_breaks_unless_asked_to_keep_them():
    assert nfc("Căn cứ\r\n  Kế hoạch") == "Căn cứ Kế hoạch"
    assert nfc("  Căn cứ \r\n\u00a0Kế  hoạch \n", keep_newlines=True) == "Căn cứ\nKế hoạch"


def test_nfc_of_nothing_is_an_empty_string():
    assert nfc(None) == "" and nfc("") == ""


def test_fold_removes_diacritics_and_lowers_case_including_d_with_stroke():
    assert fold("Đoàn Thanh niên") == "doan thanh nien"
    assert fold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == "cong hoa xa hoi chu nghia viet nam"
    assert fold(unicodedata.normalize("NFD", "Giáo dục")) == "giao duc"


def test_fold_makes_old_and_new_tone_placement_equal():
    assert fold("hoà bình") == fold("hòa bình") == "hoa binh"


def test_slugify_vi_gives_ascii_slugs():
    assert slugify_vi("Kế hoạch 35/KH-CLQĐ") == "ke-hoach-35-kh-clqd"
    assert slugify_vi("  Đột phá — giáo dục!  ") == "dot-pha-giao-duc"
    assert slugify_vi("truyền thông giáo dục", max_length=12) == "truyen-thong"


def test_format_date_vi_pads_day_and_month():
    assert format_date_vi(dt.date(2026, 3, 9)) == "09/03/2026"
    assert format_date_vi(None) == ""


@pytest.mark.parametrize(
    ("date", "line"),
    [
        (dt.date(2026, 3, 9), "Quy Nhơn, ngày 09 tháng 3 năm 2026"),
        (dt.date(2027, 1, 15), "Quy Nhơn, ngày 15 tháng 01 năm 2027"),
        (dt.date(2027, 2, 2), "Quy Nhơn, ngày 02 tháng 02 năm 2027"),
        (dt.date(2026, 12, 31), "Quy Nhơn, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_place_date_line_pads_the_day_and_only_january_and_february(date, line):
    assert place_date_line("Quy Nhơn", date) == line


def test_place_date_line_without_a_date_or_a_place():
    assert place_date_line("Pleiku", None) == "Pleiku, ngày … tháng … năm …"
    assert place_date_line("", dt.date(2026, 3, 9)) == "Ngày 09 tháng 3 năm 2026"


def test_parse_place_date_line_reads_back_what_place_date_line_writes():
    for date in (dt.date(2026, 3, 9), dt.date(2027, 1, 5), None):
        assert parse_place_date_line(place_date_line("Quy Nhơn", date)) == ("Quy Nhơn", date)


def test_parse_place_date_line_finds_the_line_inside_a_merged_pdf_line():
    place, date = parse_place_date_line("Số: 35 /KH-CLQĐ Quy Nhơn, ngày 09 tháng 3 năm 2026")
    assert date == dt.date(2026, 3, 9) and place.endswith("Quy Nhơn")


def test_parse_place_date_line_rejects_impossible_dates_and_other_text():
    assert parse_place_date_line("Pleiku, ngày 31 tháng 02 năm 2027") == ("Pleiku", None)
    assert parse_place_date_line("Kính gửi quý phụ huynh") is None
