"""In a real Chromium: a student registers, takes a round, loses the connection midway (answers wait in the browser),
closes the tab, comes back, resumes the same attempt, submits and sees the result; then a visitor scans the QR code
printed on the winner's certificate (decoded from the rendered PDF with zbarimg) and sees it verified."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.contests.conftest import right_answer
from truyenthong.contests import documents, services
from truyenthong.contests.models import Answer, Attempt, Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("TT_SCREENSHOTS", tempfile.gettempdir())) / "tt-contests"


def _answer(page, question: Question):
    box = page.locator(f'fieldset[data-question="{question.pk}"]')
    wanted = right_answer(question)
    if question.kind == "short":
        box.locator("input").fill(wanted)
        box.locator("input").press("Tab")
    elif question.kind == "multiple":
        for index in wanted:
            box.locator(f'input[value="{index}"]').check()
    else:
        box.locator(f'input[value="{wanted}"]').check()


def test_a_student_loses_the_connection_resumes_submits_and_a_visitor_verifies_the_certificate(
    new_page, live_server, contest_world
):
    w = contest_world
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page()
    page.goto(f"{live_server.url}/thi/{w.contest.pk}/")
    page.get_by_label("Họ và tên").fill("Võ Thị Thu Trang")
    page.get_by_label("Lớp").select_option(label="10A1 (2026-2027)")
    page.get_by_label("Ngày sinh (dd/mm/yyyy)").fill("15/04/2008")
    page.get_by_label("Điện thoại hoặc email").fill("0935111222")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Đăng ký").click()
    assert "Mã tiếp tục" in page.locator("#participant").inner_text()
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url("**/thi/bai/**")

    attempt = Attempt.objects.get(participant__full_name="Võ Thị Thu Trang")
    # the start answered with the page; the address bar names the attempt, so a reload asks for the page again
    page.reload()
    assert page.url.endswith(f"/thi/bai/{attempt.key}/")
    assert Attempt.objects.filter(participant=attempt.participant).count() == 1
    questions = [Question.objects.get(pk=qid) for qid in attempt.question_ids]
    for q in questions[:4]:
        _answer(page, q)
    # (locator assertions, not wait_for_function: the pages' Content-Security-Policy forbids eval)
    expect(page.locator("#attempt")).to_have_attribute("data-pending", "0")
    expect(page.locator(".saved", has_text="Đã lưu")).to_have_count(4)
    assert Answer.objects.filter(attempt=attempt).count() == 4
    page.screenshot(path=str(SHOTS / "attempt.png"), full_page=True)

    # the connection drops: the next answers wait in the browser, nothing is lost, the tab is closed
    page.context.set_offline(True)
    for q in questions[4:7]:
        _answer(page, q)
    expect(page.locator("#attempt")).to_have_attribute("data-pending", "3")
    assert "chưa gửi được" in page.locator("#save-state").inner_text()
    assert Answer.objects.filter(attempt=attempt).count() == 4
    page.close()

    # back online, the student opens the contest again (same browser: its cookies and stored answers)
    resumed = _reopen(live_server, attempt, page)
    expect(resumed.locator("#attempt")).to_have_attribute("data-pending", "0")
    assert Answer.objects.filter(attempt=attempt).count() == 7
    for q in questions[7:]:
        _answer(resumed, q)
    expect(resumed.locator("#attempt")).to_have_attribute("data-pending", "0")
    resumed.get_by_role("button", name="Nộp bài").click()
    resumed.wait_for_url("**/ket-qua/")
    assert "10/10" in resumed.locator("#score").inner_text()
    resumed.screenshot(path=str(SHOTS / "result.png"), full_page=True)
    assert Attempt.objects.filter(participant=attempt.participant).count() == 1

    # the round closes, the organiser issues certificates, a visitor scans the printed QR code
    Attempt.objects.filter(pk=attempt.pk).update(duration_ms=60_000)
    w.round.opens_at = timezone.now() - dt.timedelta(hours=2)
    w.round.closes_at = timezone.now() - dt.timedelta(minutes=1)
    w.round.save()
    (certificate,) = services.certificates_issue(round_=w.round, actor=w.users["youth"])
    with override_settings(SITE_URL=live_server.url):
        pdf = documents.certificate_pdf(certificate)
    url = _decode_qr_from_pdf(pdf)
    assert url == f"{live_server.url}/chung-nhan/{certificate.code}/"
    visitor = new_page()
    visitor.goto(url)
    text = visitor.locator("#certificate-valid").inner_text()
    assert "Giấy chứng nhận hợp lệ" in text and "Võ Thị Thu Trang" in text and "Giải Nhất" in text
    visitor.screenshot(path=str(SHOTS / "verify.png"), full_page=True)


def _reopen(live_server, attempt, closed_page):
    context = closed_page.context
    context.set_offline(False)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/thi/{attempt.round.contest_id}/")
    page.get_by_role("button", name="Tiếp tục làm bài").click()
    page.wait_for_url(f"**/thi/bai/{attempt.key}/")
    return page


def _decode_qr_from_pdf(pdf: bytes) -> str:
    if not shutil.which("zbarimg") or not shutil.which("pdftoppm"):
        if os.environ.get("CI") == "true":
            pytest.fail("zbarimg (zbar-tools) and pdftoppm (poppler-utils) are needed")
        pytest.skip("zbarimg or pdftoppm not installed")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "giay-chung-nhan.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", str(source), str(Path(folder) / "trang")], check=True
        )
        png = sorted(Path(folder).glob("trang*.png"))[0]
        shutil.copy(png, SHOTS / "certificate.png")
        out = subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True
        )
    return out.stdout.strip()
