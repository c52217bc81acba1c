"""Consents and withdrawals; the public section never shows a person who has not consented."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.access import assert_file, assert_not_found, assert_page, assert_refused
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.models import AuditEntry
from truyenthong.privacy import services
from truyenthong.privacy.models import Consent, Purpose

TODAY = timezone.localdate


def _give(world, *, person=None, student=None, purpose=Purpose.PHOTO, given_by="self", **kw):
    return services.consent_give(
        school=world.school,
        actor=world.users["comms"],
        person=person,
        student=student,
        purpose=purpose,
        given_by=given_by,
        given_on=kw.pop("given_on", TODAY() - dt.timedelta(days=10)),
        evidence=kw.pop("evidence", "Phiếu đồng ý lưu tại văn phòng"),
        **kw,
    )


def _public_pages(client, section, item) -> str:
    urls = [
        reverse("portal:section", args=[section.slug]),
        reverse("portal:feed-rss", args=[section.slug]),
        reverse("portal:feed-atom", args=[section.slug]),
        reverse("portal:widget-frame", args=[section.slug]),
        "/sitemap.xml",
        reverse("portal:search", args=[section.slug]) + "?q=hoi+thao",
        reverse("portal:tag", args=[section.slug, "hoi-thao"]),
    ]
    return "".join(client.get(u).content.decode() for u in urls)


@pytest.fixture
def photo_item(world, make_item):
    """A published photo story showing the teacher, tagged so that the tag page lists it too."""
    item = make_item("Hội thảo đổi mới dạy học", kind="photo_story", tags=["Hội thảo"])
    services.appearance_add(
        item=item, actor=world.users["comms"], person=world.people["teacher"], purpose=Purpose.PHOTO
    )
    return item


def test_an_item_showing_a_teacher_without_consent_is_on_no_public_surface(
    client, world, section, photo_item
):
    assert photo_item.slug not in _public_pages(client, section, photo_item)
    detail = reverse("portal:item-detail", args=[section.slug, photo_item.slug])
    assert client.get(detail).status_code == 404


def test_it_appears_once_the_teacher_consents_and_disappears_at_once_on_withdrawal(
    client, world, section, photo_item, django_capture_on_commit_callbacks
):
    detail = reverse("portal:item-detail", args=[section.slug, photo_item.slug])
    assert client.get(detail).status_code == 404  # the section's state is now cached
    with django_capture_on_commit_callbacks(execute=True):
        consent = _give(world, person=world.people["teacher"])
    assert client.get(detail).status_code == 200
    assert photo_item.slug in _public_pages(client, section, photo_item)  # cached pages now hold it
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_withdraw(
            consent=consent,
            actor=world.users["comms"],
            withdrawn_on=TODAY(),
            withdrawn_by_name="Nguyễn Thị Hoa",
            withdrawal_evidence="Đơn rút lại ngày hôm nay",
        )
    assert client.get(detail).status_code == 404
    assert photo_item.slug not in _public_pages(client, section, photo_item)


def test_a_consent_for_the_name_does_not_cover_the_photo(client, world, section, photo_item):
    _give(world, person=world.people["teacher"], purpose=Purpose.NAME)
    assert_not_found(client.get(reverse("portal:item-detail", args=[section.slug, photo_item.slug])))


def test_items_showing_nobody_are_unaffected(client, world, section, make_item, photo_item):
    plain = make_item("Thông báo lịch học tập nghị quyết")
    page = client.get(reverse("portal:section", args=[section.slug])).content.decode()
    assert plain.title in page and photo_item.title not in page


@pytest.mark.parametrize(
    ("age", "givers", "shown"),
    [
        (14, ["parent"], False),
        (14, ["self"], False),
        (14, ["parent", "self"], True),
        (6, ["parent"], True),
        (17, ["parent"], False),
        (17, ["self"], True),
    ],
)
def test_a_students_photo_needs_the_consents_the_law_asks_for_their_age(
    client, world, section, make_item, age, givers, shown
):
    today = TODAY()
    student = services.student_create(
        school=world.school,
        actor=world.users["comms"],
        full_name="Lê Minh An",
        birth_date=today.replace(year=today.year - age) - dt.timedelta(days=1),
    )
    item = make_item("Học sinh đạt giải khoa học kỹ thuật", kind="photo_story")
    services.appearance_add(item=item, actor=world.users["comms"], student=student, purpose=Purpose.PHOTO)
    for given_by in givers:
        _give(
            world,
            student=student,
            given_by=given_by,
            giver_name="Lê Văn Bình" if given_by == "parent" else "",
        )
    response = client.get(reverse("portal:item-detail", args=[section.slug, item.slug]))
    if shown:
        assert_page(response, "Học sinh đạt giải khoa học kỹ thuật")
    else:
        assert_not_found(response)


def test_a_future_dated_or_withdrawn_consent_does_not_count(world):
    from truyenthong.privacy.selectors import subject_may_be_shown

    teacher = world.people["teacher"]
    with pytest.raises(InvalidInput, match="tương lai"):
        _give(world, person=teacher, given_on=TODAY() + dt.timedelta(days=1))
    consent = _give(world, person=teacher)
    assert subject_may_be_shown(person=teacher, purpose=Purpose.PHOTO)
    services.consent_withdraw(
        consent=consent,
        actor=world.users["principal"],
        withdrawn_on=TODAY(),
        withdrawn_by_name="Hoa",
        withdrawal_evidence="Đơn",
    )
    assert not subject_may_be_shown(person=teacher, purpose=Purpose.PHOTO)
    with pytest.raises(NotAllowed, match="đã được rút lại"):
        services.consent_withdraw(
            consent=consent,
            actor=world.users["principal"],
            withdrawn_on=TODAY(),
            withdrawn_by_name="Hoa",
            withdrawal_evidence="Đơn",
        )


def test_consent_and_withdrawal_are_audited_with_who_and_when(world):
    consent = _give(world, person=world.people["teacher"])
    services.consent_withdraw(
        consent=consent,
        actor=world.users["principal"],
        withdrawn_on=TODAY(),
        withdrawn_by_name="Hoa",
        withdrawal_evidence="Đơn",
    )
    entries = AuditEntry.objects.filter(object_type="privacy.consent", object_id=str(consent.pk)).order_by(
        "at", "id"
    )
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].actor == world.users["principal"]
    assert entries[1].changes["withdrawn_on"] == [None, TODAY().isoformat()]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"given_by": "parent"}, "Cán bộ, giáo viên tự đồng ý"),
        ({"evidence": "  "}, "minh chứng"),
    ],
)
def test_bad_consents_are_refused_with_a_clear_message(world, kwargs, message):
    with pytest.raises(InvalidInput, match=message):
        _give(world, person=world.people["teacher"], **kwargs)
    assert not Consent.objects.exists()


def test_a_person_of_another_school_cannot_be_recorded_here(world, make_item):
    with pytest.raises(InvalidInput, match="không thuộc trường"):
        _give(world, person=world.people["other_teacher"])
    item = make_item("Tin bài")
    with pytest.raises(InvalidInput, match="không thuộc trường"):
        services.appearance_add(
            item=item, actor=world.users["comms"], person=world.people["other_teacher"], purpose=Purpose.NAME
        )


# ---------------------------------------------------------------- pages


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("principal", 200),
        ("comms", 200),
        ("teacher", 403),
        ("dept_head", 403),
        ("official", 403),
        ("outsider", 403),
    ],
)
def test_consent_pages_are_for_leadership_and_communication_staff_of_the_school(
    world, client_for, persona, status
):
    c = client_for(world.users[persona])
    for name, shows in (("consent-list", "Đồng ý"), ("appearance-list", "Xuất hiện")):
        response = c.get(reverse(f"privacy:{name}", args=[world.school.code]))
        if status == 200:
            assert_page(response, shows, where=name)
        else:
            assert status == 403
            assert_refused(response, where=name)


def test_communication_staff_record_a_parents_consent_through_the_page(world, client_for):
    student = services.student_create(
        school=world.school, actor=world.users["comms"], full_name="Phạm Thu Trang"
    )
    c = client_for(world.users["comms"])
    response = c.post(
        reverse("privacy:consent-add", args=[world.school.code]),
        {
            "student": student.pk,
            "purpose": "photo",
            "given_by": "parent",
            "giver_name": "Phạm Văn Tư",
            "given_on": TODAY().strftime("%d/%m/%Y"),
            "evidence": "Phiếu đồng ý họp phụ huynh đầu năm",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.student == student and consent.giver_name == "Phạm Văn Tư"
    page = c.get(reverse("privacy:consent-list", args=[world.school.code])).content.decode()
    assert "Phạm Thu Trang" in page and "Chưa được công bố" in page and "chính người đó" in page
    assert TODAY().strftime("%d/%m/%Y") in page


def test_a_consent_form_without_a_subject_is_answered_in_vietnamese(world, client_for):
    response = client_for(world.users["comms"]).post(
        reverse("privacy:consent-add", args=[world.school.code]),
        {"purpose": "photo", "given_by": "self", "given_on": "02/12/2026", "evidence": "x"},
    )
    assert response.status_code == 400
    assert "Hãy chọn một cán bộ hoặc một học sinh" in response.content.decode()


def test_the_outsider_cannot_withdraw_or_remove_anything_of_this_school(world, client_for, make_item):
    consent = _give(world, person=world.people["teacher"])
    item = make_item("Tin bài có ảnh")
    appearance = services.appearance_add(
        item=item, actor=world.users["comms"], person=world.people["teacher"], purpose=Purpose.PHOTO
    )
    c = client_for(world.users["outsider"])
    withdraw = reverse("privacy:consent-withdraw", args=[world.other_school.code, consent.pk])
    assert (
        c.post(
            withdraw, {"withdrawn_on": "02/12/2026", "withdrawn_by_name": "x", "withdrawal_evidence": "x"}
        ).status_code
        == 403
    )
    remove = reverse("privacy:appearance-remove", args=[world.other_school.code, appearance.pk])
    assert c.post(remove).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_on is None and appearance.__class__.objects.filter(pk=appearance.pk).exists()


def test_the_teacher_cannot_record_consents(world, client_for):
    response = client_for(world.users["teacher"]).post(
        reverse("privacy:consent-add", args=[world.school.code]),
        {
            "person": world.people["teacher"].pk,
            "purpose": "photo",
            "given_by": "self",
            "given_on": "02/12/2026",
            "evidence": "x",
        },
    )
    assert_refused(response)
    assert not Consent.objects.exists()


def test_withdrawing_through_the_page(world, client_for):
    consent = _give(world, person=world.people["teacher"])
    c = client_for(world.users["principal"])
    url = reverse("privacy:consent-withdraw", args=[world.school.code, consent.pk])
    assert "Ghi nhận rút lại" in c.get(url).content.decode()
    response = c.post(
        url,
        {
            "withdrawn_on": TODAY().strftime("%d/%m/%Y"),
            "withdrawn_by_name": "Nguyễn Thị Hoa",
            "withdrawal_evidence": "Đơn",
        },
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY() and consent.withdrawal_recorded_by == world.users["principal"]


# ---------------------------------------------------------------- names found in the text


def test_an_article_naming_a_teacher_stays_off_the_public_section_until_she_consents_to_her_name(
    client, world, section, make_item
):
    item = make_item("Gương người tốt", body="<p>Cô giáo NGUYỄN THỊ  HOA đã giúp học sinh vùng khó.</p>")
    appearance = item.appearances.get()
    assert (
        appearance.person == world.people["teacher"] and appearance.detected and appearance.purpose == "name"
    )
    detail = reverse("portal:item-detail", args=[section.slug, item.slug])
    assert client.get(detail).status_code == 404
    _give(world, person=world.people["teacher"], purpose=Purpose.NAME)
    assert client.get(detail).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        "<p>Cô Nguyễn Thị Hoan dạy giỏi.</p>",  # a longer name that starts the same
        "<p>Cô Nguyễn Thị Hòa dạy giỏi.</p>",  # another tone mark: another person
        "<p>Hoa nở trong sân trường.</p>",  # the given name alone names nobody
        "<p>Thầy Trần Văn Nam (trường khác) đến dự.</p>",  # a namesake of another school's teacher
    ],
)
def test_texts_that_do_not_name_anyone_of_the_school_are_not_held_back(
    client, world, section, make_item, body
):
    item = make_item("Tin hoạt động", body=body)
    assert not item.appearances.exists()
    assert client.get(reverse("portal:item-detail", args=[section.slug, item.slug])).status_code == 200


def test_a_student_added_later_is_found_in_articles_already_published(
    client, world, section, make_item, django_capture_on_commit_callbacks
):
    item = make_item("Vinh danh học sinh", body="<p>Em Lê Minh An đạt giải Nhất tỉnh.</p>")
    detail = reverse("portal:item-detail", args=[section.slug, item.slug])
    assert client.get(detail).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.student_create(school=world.school, actor=world.users["comms"], full_name="Lê Minh An")
    assert item.appearances.get().student.full_name == "Lê Minh An"
    assert client.get(detail).status_code == 404


def test_the_cover_photo_of_an_item_showing_someone_without_consent_is_not_served_to_the_public(
    client, client_for, world, section, make_item, png
):
    from django.core.files.base import ContentFile

    item = make_item("Phóng sự ảnh lễ khai giảng", kind="photo_story")
    item.cover_image.save("khai-giang.png", ContentFile(png()), save=True)
    url = item.cover_image.url
    assert assert_file(client.get(url), "image/png") == png()
    services.appearance_add(
        item=item, actor=world.users["comms"], person=world.people["teacher"], purpose=Purpose.PHOTO
    )
    assert_not_found(client.get(url))
    # the school's own staff still see it
    assert assert_file(client_for(world.users["comms"]).get(url), "image/png") == png()
    _give(world, person=world.people["teacher"])
    assert assert_file(client.get(url), "image/png") == png()
