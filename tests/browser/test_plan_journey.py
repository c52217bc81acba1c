"""The leadership's journey in a real browser: log in, open the plan, upload a plan document, see it parsed."""

import pytest

from tests.browser_support import login
from tests.conftest import PASSWORD
from tests.lib.plandoc_helpers import docx_from_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_principal_opens_the_plan_and_uploads_a_new_one(
    page, live_server, world_with_plan, seed_bytes, tmp_path
):
    login(page, live_server, "principal", PASSWORD)
    assert page.locator("h1").first.inner_text() == "Trường THPT chuyên Lê Quý Đôn"
    page.get_by_role("link", name="Xem toàn bộ kế hoạch").click()
    assert page.get_by_role("heading", name="KẾ HOẠCH").is_visible()
    assert page.get_by_text("Giai đoạn 2026-2030").first.is_visible()
    assert page.get_by_text("Huỳnh Lê Minh").is_visible()

    path = tmp_path / "ke-hoach-moi.docx"
    path.write_bytes(docx_from_text(seed_bytes.decode().replace("35 /KH-CLQĐ", "36/KH-CLQĐ")))
    page.goto(f"{live_server.url}/truong/{world_with_plan.school.code}/ke-hoach/tai-len/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(path))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    assert page.locator("#preview-number").inner_text() == "36/KH-CLQĐ"
    assert page.get_by_role("heading", name="Chỉ tiêu (14)").is_visible()
    page.get_by_role("button", name="Lưu kế hoạch").click()
    assert "Đã lưu Kế hoạch số 36/KH-CLQĐ" in page.locator(".messages").inner_text()
    assert page.get_by_role("link", name="Tải về Word (.docx)").is_visible()


def test_a_teacher_sees_the_plan_but_no_edit_or_upload_controls(page, live_server, world_with_plan):
    login(page, live_server, "teacher", PASSWORD)
    page.goto(f"{live_server.url}/ke-hoach/{world_with_plan.plan.pk}/")
    assert page.get_by_role("heading", name="KẾ HOẠCH").is_visible()
    assert page.get_by_role("link", name="Sửa thông tin chung").count() == 0
    response = page.goto(f"{live_server.url}/truong/{world_with_plan.school.code}/ke-hoach/tai-len/")
    assert response.status == 403
