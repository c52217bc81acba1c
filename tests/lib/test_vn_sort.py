"""Vietnamese alphabetical order without the database: Đ after D, tones in dictionary order, people by given name."""

from truyenthong.lib.vntext import person_name_key, sort_key


def test_letters_follow_the_vietnamese_alphabet():
    words = ["Vũ", "Đào", "Dung", "Ân", "Ăn", "An", "Ơn", "Ôn", "On", "Ưng", "Ung", "Em", "Êm"]
    assert sorted(words, key=sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Dung",
        "Đào",
        "Em",
        "Êm",
        "On",
        "Ôn",
        "Ơn",
        "Ung",
        "Ưng",
        "Vũ",
    ]


def test_tones_come_after_letters_in_dictionary_order():
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # A tone never outweighs a letter: "Hà" before "Hoàng" before "Huỳnh" (code-point order puts "Hà" last).
    assert sorted(["Huỳnh", "Hoàng", "Hà"], key=sort_key) == ["Hà", "Hoàng", "Huỳnh"]
    assert sorted(["Huỳnh", "Hoàng", "Hà"]) != ["Hà", "Hoàng", "Huỳnh"]


def test_class_names_with_numbers_sort_by_number_then_subject():
    names = ["10 Văn", "10 Địa", "10 Anh", "11 Toán", "10 Đức", "10 Dược"]
    assert sorted(names, key=sort_key) == ["10 Anh", "10 Dược", "10 Địa", "10 Đức", "10 Văn", "11 Toán"]


def test_people_sort_by_given_name_then_middle_then_family():
    people = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn An", "Đỗ An", "Vũ Thị Đào", "Phạm Minh Dũng", "Bình"]
    assert sorted(people, key=person_name_key) == [
        "Đỗ An",  # no middle name comes first among the Ans
        "Lê Văn An",
        "Nguyễn Văn An",
        "Bình",
        "Trần Thị Bình",
        "Phạm Minh Dũng",
        "Vũ Thị Đào",
    ]


def test_the_same_letters_in_another_case_or_composition_sort_together():
    decomposed = "Nguye\u0302\u0303n"  # as some Word documents write it
    assert sort_key(decomposed) == sort_key("Nguyễn")
    assert sort_key("đào") < sort_key("Đào")  # case decides last
