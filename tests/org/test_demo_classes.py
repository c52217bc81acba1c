"""The demo school looks like a real one: no teacher is homeroom teacher (GVCN) of two classes in a school year."""

from django.db.models import Count

from truyenthong.org.demo import build_school
from truyenthong.org.models import SchoolClass


def test_no_demo_teacher_is_gvcn_of_two_classes_in_one_year(db):
    school = build_school(
        code="demo-gvcn", name="Trường THPT Thử", short_name="THPT Thử", place="Pleiku", staff=90, seed=7
    )
    doubled = (
        SchoolClass.objects.filter(school=school)
        .values("school_year", "homeroom_teacher")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert SchoolClass.objects.filter(school=school).count() >= 30
    assert list(doubled) == []
