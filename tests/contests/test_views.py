"""HTTP: who sees which contest page; a student's journey through the test client; files read back."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.access import assert_not_found, assert_page, assert_refused, assert_to_login
from tests.contests.conftest import register_student, right_answer
from truyenthong.contests import services
from truyenthong.contests.models import Answer, Attempt, Certificate, Participant, Question
from truyenthong.contests.selectors import participant_session_key
from truyenthong.privacy.models import AccessLog


@pytest.mark.parametrize(
    "who,status",
    [
        ("principal", 200),
        ("comms", 200),
        ("youth", 200),
        ("teacher", 403),
        ("outsider", 403),
        ("official", 403),
    ],
)
def test_the_question_bank_is_for_organisers(contest_world, client_for, who, status):
    r = client_for(contest_world.users[who]).get(reverse("contests:question-bank", args=["lqd"]))
    if status == 200:
        assert_page(r, "Ngân hàng câu hỏi")
    else:
        assert status == 403
        assert_refused(r)


@pytest.mark.parametrize("who,status", [("teacher", 200), ("official", 200), ("outsider", 403)])
def test_contests_and_leaderboards_are_visible_to_the_school_and_its_officials(
    contest_world, client_for, who, status
):
    c = client_for(contest_world.users[who])
    title = "Tìm hiểu Nghị quyết 71-NQ/TW"
    pages = [
        (reverse("contests:contest-list", args=["lqd"]), ("Cuộc thi tìm hiểu", title)),
        (reverse("contests:contest-detail", args=[contest_world.contest.pk]), (title, "Vòng 1")),
        (reverse("contests:round-detail", args=[contest_world.round.pk]), ("Vòng 1",)),
    ]
    for url, shows in pages:
        if status == 200:
            assert_page(c.get(url), *shows, where=url)
        else:
            assert status == 403
            assert title not in assert_refused(c.get(url), where=url)


def test_anonymous_visitors_are_sent_to_login_for_organiser_pages(contest_world, client):
    assert_to_login(client.get(reverse("contests:contest-detail", args=[contest_world.contest.pk])))


def test_results_export_and_certificates_are_for_organisers_only(contest_world, client_for):
    w = contest_world
    for who in ("teacher", "outsider"):
        c = client_for(w.users[who])
        assert_refused(c.get(reverse("contests:round-export", args=[w.round.pk])), where=who)
        assert_refused(c.get(reverse("contests:certificates-zip", args=[w.round.pk])), where=who)


def test_a_student_registers_takes_the_round_and_sees_the_result(contest_world, client):
    w = contest_world
    home = reverse("contests:take-home", args=[w.contest.pk])
    page = client.get(home)
    assert "Đăng ký dự thi" in page.content.decode()
    r = client.post(
        home,
        {
            "full_name": "Trần Minh Khoa",
            "school_class": w.classes[0].pk,
            "birth_date": "12/03/2008",
            "contact": "0987654321",
            "consent": "on",
        },
    )
    assert r.status_code == 302
    p = Participant.objects.get(full_name="Trần Minh Khoa")
    r = client.post(reverse("contests:attempt-start", args=[w.round.pk]))
    attempt = Attempt.objects.get(participant=p)
    # the start answers with the attempt page itself, which names its own address for the address bar
    started = r.content.decode()
    assert r.status_code == 200 and "Câu 1." in started and "Nộp bài" in started
    assert f'data-page-url="{reverse("contests:attempt", args=[attempt.key])}"' in started
    page = client.get(reverse("contests:attempt", args=[attempt.key])).content.decode()
    assert "Câu 1." in page and "Nộp bài" in page
    answer_url = reverse("contests:attempt-answer", args=[attempt.key])
    for qid in attempt.question_ids:
        r = client.post(
            answer_url,
            json.dumps({"question": qid, "response": right_answer(Question.objects.get(pk=qid))}),
            content_type="application/json",
        )
        assert r.json()["ok"] is True
    bad = client.post(answer_url, "not json", content_type="application/json")
    assert bad.status_code == 400
    r = client.post(reverse("contests:attempt-submit", args=[attempt.key]))
    result = client.get(r["Location"]).content.decode()
    assert "10/10" in result
    # a page left open after the submit still sends answers: refused, said so, and nothing changes
    late = client.post(
        answer_url,
        json.dumps({"question": attempt.question_ids[0], "response": 0}),
        content_type="application/json",
    )
    assert late.status_code == 409 and "đã nộp" in late.json()["message"]
    assert Answer.objects.filter(attempt=attempt, is_correct=True).count() == 10
    assert_not_found(
        client.post(
            reverse("contests:attempt-answer", args=["0" * 32]),
            json.dumps({"question": 1}),
            content_type="application/json",
        )
    )


def test_a_registration_with_errors_lists_them_in_vietnamese(contest_world, client):
    r = client.post(
        reverse("contests:take-home", args=[contest_world.contest.pk]),
        {
            "full_name": "An",
            "school_class": contest_world.classes[0].pk,
            "birth_date": "01/01/2015",
            "contact": "0911111111",
        },
    )
    body = r.content.decode()
    assert "dưới 16 tuổi" in body and "Đồng ý" in body
    assert not Participant.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_start_from_a_browser_whose_registration_was_removed_asks_to_register_again(contest_world, client):
    # committed for real: the start does not read the participant's row, the database's foreign key refuses it
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    session = client.session
    session[participant_session_key(w.contest.pk)] = p.pk
    session.save()
    p.delete()  # the organiser removed the registration; the browser still names it
    r = client.post(reverse("contests:attempt-start", args=[w.round.pk]), follow=True)
    assert "Hãy đăng ký" in r.content.decode()
    assert not Attempt.objects.exists()


def test_another_browser_cannot_open_someone_elses_attempt(contest_world, client, client_for):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    assert_not_found(client.get(reverse("contests:attempt", args=[attempt.key])))
    r = client.post(
        reverse("contests:attempt-answer", args=[attempt.key]),
        json.dumps({"question": 1}),
        content_type="application/json",
    )
    assert_not_found(r)
    assert not attempt.answers.exists()


def test_resume_by_code_in_another_browser_reopens_the_same_attempt(contest_world, client):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    first = services.attempt_start(round_=w.round, participant=p)
    client.post(
        reverse("contests:take-resume", args=[w.contest.pk]), {"contact": "0905123456", "code": p.resume_code}
    )
    r = client.post(reverse("contests:attempt-start", args=[w.round.pk]))
    assert r.status_code == 200
    assert f'data-key="{first.key}"' in r.content.decode()
    assert Attempt.objects.filter(participant=p).count() == 1


def test_staff_take_a_staff_contest_under_their_account(contest_world, client_for):
    from truyenthong.contests.models import Contest

    w = contest_world
    contest = services.contest_create(
        school=w.school, actor=w.users["comms"], title="Thi cán bộ", audience=Contest.Audience.STAFF
    )
    round_ = services.round_create(
        contest=contest,
        actor=w.users["comms"],
        name="Vòng cán bộ",
        opens_at=timezone.now(),
        closes_at=timezone.now() + dt.timedelta(hours=1),
        question_count=5,
    )
    services.contest_set_status(contest=contest, actor=w.users["comms"], status=Contest.Status.PUBLISHED)
    c = client_for(w.users["teacher"])
    assert "Bắt đầu làm bài" in c.get(reverse("contests:take-home", args=[contest.pk])).content.decode()
    c.post(reverse("contests:attempt-start", args=[round_.pk]))
    c.post(reverse("contests:attempt-start", args=[round_.pk]))
    assert Attempt.objects.filter(round=round_, participant__user=w.users["teacher"]).count() == 1
    outsider = client_for(w.users["outsider"])
    assert (
        "Bắt đầu làm bài"
        not in outsider.get(reverse("contests:take-home", args=[contest.pk])).content.decode()
    )


def test_certificates_pdf_zip_and_results_sheet_read_back(contest_world, client_for, client):
    w = contest_world
    winner = register_student(w.contest, w.classes[0], name="Nguyễn Thị Ánh Dương", contact="0944444444")
    attempt = services.attempt_start(round_=w.round, participant=winner)
    for qid in attempt.question_ids:
        services.attempt_answer(
            attempt=attempt, question_id=qid, response=right_answer(Question.objects.get(pk=qid))
        )
    services.attempt_submit(attempt=attempt)
    w.round.opens_at = timezone.now() - dt.timedelta(hours=3)
    w.round.closes_at = timezone.now() - dt.timedelta(hours=1)
    w.round.save()
    organiser = client_for(w.users["youth"])
    organiser.post(reverse("contests:certificates-issue", args=[w.round.pk]), {"winners": 3, "honourable": 0})
    cert = Certificate.objects.get()
    pdf_url = reverse("contests:certificate-pdf", args=[cert.code])
    pdf = organiser.get(pdf_url)
    # a certificate names its winner: its download is a read of personal data, logged (Law 91)
    line = AccessLog.objects.get(path=pdf_url)
    assert (
        line.user == w.users["youth"]
        and line.kind == "contestants"
        and "Nguyễn Thị Ánh Dương" in line.object_repr
    )
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert (
        "GIẤY CHỨNG NHẬN" in text
        and "Nguyễn Thị Ánh Dương" in text
        and "Giải Nhất" in text
        and cert.code in text
    )
    archive = zipfile.ZipFile(
        io.BytesIO(organiser.get(reverse("contests:certificates-zip", args=[w.round.pk])).content)
    )
    names = archive.namelist()
    assert AccessLog.objects.filter(path=reverse("contests:certificates-zip", args=[w.round.pk])).count() == 1
    assert len(names) == 1 and names[0].endswith(f"nguyen-thi-anh-duong-{cert.code}.pdf")
    assert archive.read(names[0]).startswith(b"%PDF")
    sheet = load_workbook(
        io.BytesIO(organiser.get(reverse("contests:round-export", args=[w.round.pk])).content)
    ).active
    assert [c.value for c in sheet[3]][:4] == [1, "Nguyễn Thị Ánh Dương", "10A1", 10]
    verify = client.get(reverse("contests:certificate-verify", args=[cert.code.lower()]))
    assert verify.status_code == 200 and "Giấy chứng nhận hợp lệ" in verify.content.decode()
    assert client.get(reverse("contests:certificate-verify", args=["KHONGCO123"])).status_code == 404
