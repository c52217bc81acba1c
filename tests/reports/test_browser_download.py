"""In a real Chromium: the communication officer creates the year's report, generates it in the background while
the progress bar moves, and downloads the Word file, which opens with the Decree 30 header."""

import pytest
from docx import Document

from tests.browser_support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_generates_a_report_in_the_background_and_downloads_it(
    page, live_server, reported, settings
):
    login(page, live_server, "comms")
    page.goto(f"{live_server.url}/truong/{reported.school.code}/bao-cao/")
    page.locator("select[name=kind]").select_option(label="Tổng kết năm học")
    page.locator("select[name=period_key]").select_option(label="Năm học 2026-2027")
    page.get_by_role("button", name="Tạo dự thảo").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Tổng kết năm học — 2026-2027").is_visible()
    assert "Ưu điểm" in page.content()

    page.get_by_role("button", name="Tạo báo cáo", exact=True).click()
    page.wait_for_load_state()
    # Either the progress bar is still moving or the job already finished and the page reloaded itself.
    download_link = page.get_by_role("link", name="Tải Word (.docx)")
    download_link.wait_for(timeout=60000)
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == "Tổng kết năm học 2026-2027 (dự thảo).docx"
    document = Document(str(download.path()))
    header = "\n".join(c.text for c in document.tables[0].rows[0].cells)
    assert "Độc lập - Tự do - Hạnh phúc" in header
    assert "BÁO CÁO" in [p.text for p in document.paragraphs]
    assert page.locator("img.infographic-preview").is_visible()
