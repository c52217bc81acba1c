"""Every plan page for the roles allowed and at least one denied (including a user of another school)."""

import pytest
from django.urls import reverse

from tests.access import assert_download, assert_page, assert_refused, assert_to_login, heading

pytestmark = pytest.mark.django_db

READERS = ["admin", "principal", "comms", "dept_head", "teacher", "youth", "official"]
DENIED_READERS = ["outsider", "other_official"]
EDITORS = ["admin", "principal"]
DENIED_EDITORS = ["comms", "dept_head", "teacher", "youth", "official", "outsider"]


def plan_urls(w):
    plan = w.plan
    target = plan.targets.first()
    task = plan.task_groups.first().tasks.first()
    return {
        "read": [
            reverse("plans:plan-list", args=[w.school.code]),
            reverse("plans:plan-detail", args=[plan.pk]),
        ],
        "edit": [
            reverse("plans:plan-edit", args=[plan.pk]),
            reverse("plans:part-edit", args=[plan.pk, "chi-tieu", target.pk]),
            reverse("plans:part-edit", args=[plan.pk, "nhiem-vu", task.pk]),
            reverse("plans:part-edit", args=[plan.pk, "can-cu", plan.bases.first().pk]),
            reverse("plans:measure-add", args=[plan.pk, target.pk]),
            reverse("plans:task-add", args=[plan.pk, plan.task_groups.first().pk]),
            reverse("plans:plan-upload", args=[w.school.code]),
            reverse("plans:plan-history", args=[plan.pk]),
        ],
    }


def plan_pages_show(w):
    """What each plan page must show: its heading, and on the plan itself the plan's number."""
    urls = plan_urls(w)
    return dict(
        zip(
            urls["read"] + urls["edit"],
            [
                ("Kế hoạch của Trường THPT chuyên Lê Quý Đôn", "35/KH-CLQĐ"),
                ("KẾ HOẠCH", "35/KH-CLQĐ"),
                ("Sửa thông tin chung",),
                ("Sửa chỉ tiêu",),
                ("Sửa nhiệm vụ",),
                ("Sửa căn cứ",),
                ("Thêm thước đo cho chỉ tiêu",),
                ("Thêm nhiệm vụ vào nhóm 1",),
                ("Tải lên kế hoạch",),
                ("Lịch sử thay đổi",),
            ],
            strict=True,
        )
    )


@pytest.mark.parametrize("role", READERS)
def test_plan_pages_open_for_roles_that_read_the_plan(world_with_plan, client_for, role):
    c = client_for(world_with_plan.users[role])
    shows = plan_pages_show(world_with_plan)
    for url in plan_urls(world_with_plan)["read"]:
        response = c.get(url)
        assert_page(response, *shows[url], where=url)
        assert heading(response).startswith(shows[url][0]), url


@pytest.mark.parametrize("role", DENIED_READERS)
def test_plan_pages_are_refused_to_users_outside_the_school(world_with_plan, client_for, role):
    c = client_for(world_with_plan.users[role])
    urls = plan_urls(world_with_plan)
    for url in urls["read"] + urls["edit"] + [reverse("plans:plan-export", args=[world_with_plan.plan.pk])]:
        assert_refused(c.get(url), where=url)
        assert_refused(c.post(url, {}), where=f"POST {url}")


@pytest.mark.parametrize("role", EDITORS)
def test_edit_pages_open_for_the_leadership(world_with_plan, client_for, role):
    c = client_for(world_with_plan.users[role])
    shows = plan_pages_show(world_with_plan)
    for url in plan_urls(world_with_plan)["edit"]:
        response = c.get(url)
        assert_page(response, *shows[url], where=url)
        assert heading(response).startswith(shows[url][0]), url


@pytest.mark.parametrize("role", DENIED_EDITORS)
def test_edit_pages_are_refused_to_everyone_else(world_with_plan, client_for, role):
    c = client_for(world_with_plan.users[role])
    for url in plan_urls(world_with_plan)["edit"]:
        assert_refused(c.get(url), where=url)
    target = world_with_plan.plan.targets.first()
    delete = reverse("plans:part-delete", args=[world_with_plan.plan.pk, "chi-tieu", target.pk])
    assert_refused(c.post(delete), where=delete)
    assert world_with_plan.plan.targets.filter(pk=target.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login_page(world_with_plan, client_for):
    c = client_for(None)
    urls = plan_urls(world_with_plan)
    for url in urls["read"] + urls["edit"]:
        assert_to_login(c.get(url), where=url)


def test_the_word_export_is_refused_to_a_teacher_but_given_to_an_official(world_with_plan, client_for):
    url = reverse("plans:plan-export", args=[world_with_plan.plan.pk])
    assert_refused(client_for(world_with_plan.users["teacher"]).get(url), "plan.export")
    data = assert_download(
        client_for(world_with_plan.users["official"]).get(url),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="ke-hoach-35-kh-clqd.docx",
    )
    assert data.startswith(b"PK")


def test_the_audit_log_is_for_the_leadership_of_the_school(world_with_plan, client_for):
    url = reverse("org:audit-log", args=[world_with_plan.school.code])
    assert_page(client_for(world_with_plan.users["principal"]).get(url), "Nhật ký thay đổi")
    for role in ["teacher", "official", "outsider"]:
        assert_refused(client_for(world_with_plan.users[role]).get(url), where=role)


def test_the_public_home_page_names_the_school_without_login(world_with_plan, client_for):
    page = client_for(None).get("/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'lang="vi"' in body and "Trường THPT chuyên Lê Quý Đôn" in body and "35/KH-CLQĐ" in body
