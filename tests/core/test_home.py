"""The home page each user lands on."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_department_official_sees_every_school_of_the_department_and_its_overview(
    world_with_plan, client_for
):
    page = client_for(world_with_plan.users["official"]).get("/")
    body = page.content.decode()
    assert "Trường THPT chuyên Lê Quý Đôn" in body and "Trường THPT Khác" in body
    assert reverse("indicators:department-dashboard", args=[world_with_plan.department.code]) in body


def test_a_school_user_goes_straight_to_their_school(world_with_plan, client_for):
    response = client_for(world_with_plan.users["teacher"]).get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:school-detail", args=[world_with_plan.school.code])


def test_a_user_without_roles_is_told_to_ask_for_access(world, client_for, django_user_model):
    nobody = django_user_model.objects.create_user(username="nobody", password="x")
    body = client_for(nobody).get("/").content.decode()
    assert "chưa được phân quyền" in body
