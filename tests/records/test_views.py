"""Record pages: allowed roles see them, others are refused; the incident log is for leadership only."""

import pytest

from truyenthong.records.kinds import KINDS

ALL = [
    "admin",
    "principal",
    "comms",
    "dept_head",
    "teacher",
    "youth",
    "official",
    "other_official",
    "outsider",
]


def _status(client_for, world, name, url, method="get", data=None):
    return getattr(client_for(world.users[name]), method)(url, data or {}).status_code


def test_the_record_overview_is_for_school_staff_and_officials(recorded, client_for):
    url = f"/truong/{recorded.school.code}/ho-so/"
    for name in ALL:
        expected = 200 if name not in ("other_official", "outsider") else 403
        assert _status(client_for, recorded, name, url) == expected, name


def test_officials_see_counts_but_no_links_into_personal_records(recorded, client_for):
    page = client_for(recorded.users["official"]).get(
        f"/truong/{recorded.school.code}/ho-so/?nam-hoc=2026-2027"
    )
    html = page.content.decode()
    assert "Sổ theo dõi vụ việc bạo lực học đường" in html
    assert "/ho-so/bao-luc-hoc-duong/" not in html
    incidents = next(i for i in page.context["kinds"] if i["kind"].slug == "bao-luc-hoc-duong")
    assert incidents["count"] == 1


VIEW = {
    "ke-hoach-to": {"admin", "principal", "comms", "dept_head", "teacher", "youth"},
    "tieu-chi-cntt": {"admin", "principal", "comms", "dept_head", "teacher", "youth"},
    "tu-danh-gia-cntt": {"admin", "principal", "dept_head"},
    "giao-duc-ky-nang": {"admin", "principal", "comms", "dept_head", "teacher", "youth"},
    "bao-luc-hoc-duong": {"admin", "principal"},
    "can-bo-truyen-thong": {"admin", "principal", "comms", "dept_head", "teacher", "youth"},
    "dao-tao-truyen-thong": {"admin", "principal", "comms", "dept_head", "teacher", "youth"},
    "tot-nghiep": {"admin", "principal", "comms", "dept_head", "teacher", "youth"},
    "chuan-nghe-nghiep": {"admin", "principal"},
    "xep-loai-hoc-sinh": {"admin", "principal", "comms", "dept_head", "teacher", "youth"},
    "giai-thuong": {"admin", "principal", "comms", "dept_head", "teacher", "youth"},
}
CHANGE = {
    "ke-hoach-to": {"admin", "principal", "dept_head"},
    "tieu-chi-cntt": {"admin", "principal", "comms"},
    "giao-duc-ky-nang": {"admin", "principal", "comms"},
    "bao-luc-hoc-duong": {"admin", "principal"},
    "can-bo-truyen-thong": {"admin", "principal", "comms"},
    "dao-tao-truyen-thong": {"admin", "principal", "comms"},
    "tot-nghiep": {"admin", "principal", "comms"},
    "chuan-nghe-nghiep": {"admin", "principal"},
    "xep-loai-hoc-sinh": {"admin", "principal", "comms"},
    "giai-thuong": {"admin", "principal", "comms"},
}


def test_every_kind_has_its_expectations_written_down():
    assert set(VIEW) == set(KINDS)
    assert set(CHANGE) == set(KINDS) - {"tu-danh-gia-cntt"}


@pytest.mark.parametrize("kind", sorted(VIEW))
def test_record_lists_by_role(recorded, client_for, kind):
    url = f"/truong/{recorded.school.code}/ho-so/{kind}/"
    for name in ALL:
        expected = 200 if name in VIEW[kind] else 403
        assert _status(client_for, recorded, name, url) == expected, (kind, name)


@pytest.mark.parametrize("kind", sorted(CHANGE))
def test_record_forms_by_role(recorded, client_for, kind):
    url = f"/truong/{recorded.school.code}/ho-so/{kind}/them/"
    for name in ALL:
        expected = 200 if name in CHANGE[kind] else 403
        assert _status(client_for, recorded, name, url) == expected, (kind, name)


def test_the_incident_log_is_invisible_to_teachers_and_other_schools(recorded, client_for):
    code = recorded.school.code
    pk = recorded.incident.pk
    for name in ("teacher", "comms", "dept_head", "youth", "official", "outsider", "other_official"):
        for url in (
            f"/truong/{code}/ho-so/bao-luc-hoc-duong/",
            f"/truong/{code}/ho-so/bao-luc-hoc-duong/{pk}/lich-su/",
            f"/truong/{code}/ho-so/bao-luc-hoc-duong/{pk}/sua/",
        ):
            response = client_for(recorded.users[name]).get(url)
            assert response.status_code == 403, (name, url)
            assert "xô xát" not in response.content.decode()
    # the other school's leadership cannot reach it through their own school either
    assert (
        client_for(recorded.users["outsider"])
        .get(f"/truong/khac/ho-so/bao-luc-hoc-duong/{pk}/lich-su/")
        .status_code
        == 404
    )
    page = client_for(recorded.users["principal"]).get(
        f"/truong/{code}/ho-so/bao-luc-hoc-duong/?nam-hoc=2026-2027"
    )
    assert "xô xát" in page.content.decode()


def test_a_department_head_writes_only_their_own_departments_plan(recorded, client_for):
    from truyenthong.records.models import DepartmentPlan

    client = client_for(recorded.users["dept_head"])
    form = client.get(f"/truong/{recorded.school.code}/ho-so/ke-hoach-to/them/").context["form"]
    assert list(form.fields["unit"].queryset) == [recorded.math_unit]
    url = f"/truong/{recorded.school.code}/ho-so/ke-hoach-to/{recorded.dept_plan.pk}/nop/"
    assert client.post(url).status_code == 302
    assert DepartmentPlan.objects.get(pk=recorded.dept_plan.pk).status == "submitted"
    approve = f"/truong/{recorded.school.code}/ho-so/ke-hoach-to/{recorded.dept_plan.pk}/duyet/"
    assert client.post(approve).status_code == 403
    assert client_for(recorded.users["outsider"]).post(approve).status_code == 403
    assert client_for(recorded.users["principal"]).post(approve).status_code == 302
    assert DepartmentPlan.objects.get(pk=recorded.dept_plan.pk).status == "approved"


def test_adding_a_record_through_the_form_audits_it(recorded, client_for):
    from truyenthong.core.audit import history_for
    from truyenthong.records.models import GraduationResult

    response = client_for(recorded.users["comms"]).post(
        f"/truong/{recorded.school.code}/ho-so/tot-nghiep/them/",
        {"school_class": recorded.cls.pk, "candidates": 35, "graduates": 36, "university_admitted": 0},
    )
    assert "Số học sinh tốt nghiệp không thể lớn hơn số dự thi." in response.content.decode()
    response = client_for(recorded.users["comms"]).post(
        f"/truong/{recorded.school.code}/ho-so/tot-nghiep/them/",
        {"school_class": recorded.cls.pk, "candidates": 35, "graduates": 35, "university_admitted": 28},
    )
    assert response.status_code == 302
    result = GraduationResult.objects.get(school_class=recorded.cls)
    assert history_for(result).first().action == "create"


def test_a_teacher_writes_their_own_it_self_assessment_and_the_head_confirms_it(recorded, client_for):
    from truyenthong.records.models import ITCriterion, ITSelfAssessment

    teacher = recorded.users["teacher"]
    person = recorded.people["teacher"]
    person.user = teacher
    person.save()
    c = ITCriterion.objects.create(school=recorded.school, school_year="2026-2027", order=1, text="Dùng LMS")
    url = f"/truong/{recorded.school.code}/ho-so/tu-danh-gia-cntt/cua-toi/?nam-hoc=2026-2027"
    assert client_for(recorded.users["outsider"]).get(url).status_code == 403
    response = client_for(teacher).post(
        url,
        {
            "school_year": "2026-2027",
            "self_meets": "on",
            "criteria": [str(c.pk)],
            "note": "Bài giảng điện tử",
        },
    )
    assert response.status_code == 302
    a = ITSelfAssessment.objects.get(person=person)
    assert a.criteria_met == [c.pk]
    confirm = f"/truong/{recorded.school.code}/ho-so/tu-danh-gia-cntt/{a.pk}/xac-nhan/"
    assert client_for(recorded.users["teacher"]).post(confirm, {"decision": "meets"}).status_code == 403
    assert client_for(recorded.users["dept_head"]).post(confirm, {"decision": "meets"}).status_code == 302
    a.refresh_from_db()
    assert (a.status, a.meets) == ("confirmed", True)
