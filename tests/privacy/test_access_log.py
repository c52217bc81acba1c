"""Reads of the staff register and of personal records are logged; leadership reads the log, filtered and paged."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.access import assert_page, assert_refused
from truyenthong.privacy.models import AccessLog


def test_opening_the_register_and_a_record_writes_who_what_when(world, client_for):
    c = client_for(world.users["comms"])
    before = timezone.now()
    c.get(reverse("org:person-list", args=[world.school.code]) + "?q=Hoa")
    c.get(reverse("org:person-detail", args=[world.school.code, world.people["teacher"].pk]))
    register, record = AccessLog.objects.order_by("id")
    assert (
        register.kind == "register"
        and register.user == world.users["comms"]
        and "Hoa" in register.object_repr
    )
    assert record.kind == "record" and record.person == world.people["teacher"]
    assert record.object_repr == "Nguyễn Thị Hoa" and record.at >= before and record.school == world.school


def test_a_refused_read_writes_nothing(world, client_for):
    assert (
        client_for(world.users["teacher"])
        .get(reverse("org:person-list", args=[world.school.code]))
        .status_code
        == 403
    )
    url = reverse("org:person-detail", args=[world.school.code, world.people["teacher"].pk])
    assert client_for(world.users["outsider"]).get(url).status_code == 403
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("principal", 200),
        ("comms", 403),
        ("dept_head", 403),
        ("teacher", 403),
        ("official", 403),
        ("outsider", 403),
    ],
)
def test_only_leadership_reads_the_log(world, client_for, persona, status):
    url = reverse("privacy:access-log", args=[world.school.code])
    response = client_for(world.users[persona]).get(url)
    if status == 200:
        assert_page(response, "Nhật ký truy cập")
    else:
        assert status == 403
        assert_refused(response)


def test_the_log_filters_by_account_kind_and_date_and_stays_within_the_school(world, client_for):
    client_for(world.users["comms"]).get(reverse("org:person-list", args=[world.school.code]))
    client_for(world.users["dept_head"]).get(
        reverse("org:person-detail", args=[world.school.code, world.people["teacher"].pk])
    )
    client_for(world.users["outsider"]).get(
        reverse("org:person-detail", args=[world.other_school.code, world.people["other_teacher"].pk])
    )
    c = client_for(world.users["principal"])
    url = reverse("privacy:access-log", args=[world.school.code])
    page = c.get(url).content.decode()
    assert "<td>Danh sách cán bộ</td>" in page and "Nguyễn Thị Hoa" in page
    assert "Trần Văn Nam" not in page  # another school's reads stay there
    only_records = c.get(url, {"loai": "record"}).content.decode()
    assert "Nguyễn Thị Hoa" in only_records and "<td>Danh sách cán bộ</td>" not in only_records
    by_account = c.get(url, {"nguoi_xem": "comms"}).content.decode()
    assert "<td>Danh sách cán bộ</td>" in by_account and "Nguyễn Thị Hoa" not in by_account
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert "Không có lượt truy cập nào" in c.get(url, {"tu_ngay": tomorrow}).content.decode()


def test_the_log_is_paginated_keeping_the_filter(world, client_for):
    rows = [
        AccessLog(
            user=world.users["comms"],
            username="comms",
            school=world.school,
            kind="register",
            object_repr=f"Trang {i}",
        )
        for i in range(120)
    ]
    AccessLog.objects.bulk_create(rows)
    c = client_for(world.users["principal"])
    url = reverse("privacy:access-log", args=[world.school.code])
    first = c.get(url, {"loai": "register"}).content.decode()
    assert "Trang 1/3" in first and "loai=register&amp;trang=2" in first
    third = c.get(url, {"loai": "register", "trang": 3}).content.decode()
    assert "Trang 3/3" in third
