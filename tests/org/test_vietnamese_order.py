"""Vietnamese order in the database and in the pages (runs on SQLite and PostgreSQL: the same order on both)."""

from django.db import connection

from truyenthong.core.collation import vi
from truyenthong.lib.vntext import sort_key
from truyenthong.org.models import Organisation, SchoolClass
from truyenthong.org.services import person_create


def test_the_database_orders_names_like_the_vietnamese_alphabet(world):
    names = ["10 Văn", "10 Địa", "10 Anh", "10 Dược", "11 Toán", "10 Ưng", "10 Ứng", "10 Uyên"]
    for name in names:
        SchoolClass.objects.create(school=world.school, school_year="2026-2027", name=name, grade=10)
    ordered = list(
        SchoolClass.objects.filter(school=world.school).order_by(vi("name")).values_list("name", flat=True)
    )
    assert ordered == sorted(names, key=sort_key), connection.vendor
    assert ordered.index("10 Địa") < ordered.index("10 Văn")
    assert ordered.index("10 Dược") < ordered.index("10 Địa")


def test_organisation_names_sort_hoa_before_hoang_before_huynh(world):
    for code, name in (("t1", "Tổ Huỳnh"), ("t2", "Tổ Hoàng"), ("t3", "Tổ Hà")):
        Organisation.objects.create(
            code=code, name=name, kind=Organisation.Kind.UNIT, parent=world.school, school=world.school
        )
    ordered = list(
        Organisation.objects.filter(code__in=["t1", "t2", "t3"])
        .order_by(vi("name"))
        .values_list("name", flat=True)
    )
    assert ordered == ["Tổ Hà", "Tổ Hoàng", "Tổ Huỳnh"]


def test_the_staff_list_reads_by_given_name(world, client_for):
    for code, name in (
        ("A1", "Vũ Thị Đào"),
        ("A2", "Đặng Văn An"),
        ("A3", "Hoàng Thị Dung"),
        ("A4", "Hà An"),
    ):
        person_create(school=world.school, code=code, full_name=name)
    html = client_for(world.users["principal"]).get(f"/truong/{world.school.code}/can-bo/").content.decode()
    order = ["Hà An", "Đặng Văn An", "Hoàng Thị Dung", "Vũ Thị Đào", "Nguyễn Thị Hoa", "Huỳnh Lê Minh"]
    positions = [html.index(name) for name in order]
    assert positions == sorted(positions)


def test_the_class_list_puts_dia_before_van(world, client_for):
    for name in ("10 Văn", "10 Địa", "10 Anh"):
        SchoolClass.objects.create(school=world.school, school_year="2026-2027", name=name, grade=10)
    html = client_for(world.users["principal"]).get(f"/truong/{world.school.code}/lop/").content.decode()
    assert html.index("10 Anh") < html.index("10 Địa") < html.index("10 Văn")


def test_every_class_list_of_a_form_and_the_default_order_put_dia_before_van(world):
    from truyenthong.content.forms import ChannelForm
    from truyenthong.org.selectors import class_choices
    from truyenthong.privacy.forms import StudentForm

    for name in ("10 Văn", "10 Địa", "10 Anh"):
        SchoolClass.objects.create(school=world.school, school_year="2026-2027", name=name, grade=10)
    expected = ["10 Anh", "10 Địa", "10 Văn"]
    assert [c.name for c in class_choices(world.school)] == expected
    assert [c.name for c in SchoolClass.objects.filter(school=world.school)] == expected  # Meta.ordering
    for form in (ChannelForm(school=world.school), StudentForm(school=world.school)):
        assert [c.name for c in form.fields["school_class"].queryset] == expected


def test_students_read_by_given_name_in_the_consent_form(world, client_for):
    from truyenthong.privacy.services import student_create

    for name in ("Vũ Thị Đào", "Đặng Văn An", "Hoàng Thị Dung", "Hà An"):
        student_create(school=world.school, actor=world.users["principal"], full_name=name)
    html = client_for(world.users["principal"]).get(f"/truong/{world.school.code}/du-lieu-ca-nhan/dong-y/")
    html = html.content.decode()
    select = html[html.index('name="student"') :]
    select = select[: select.index("</select>")]
    positions = [select.index(n) for n in ("Hà An", "Đặng Văn An", "Hoàng Thị Dung", "Vũ Thị Đào")]
    assert positions == sorted(positions)
