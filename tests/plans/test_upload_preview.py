"""The upload preview: measures in words, an indicator proposed per measure and chosen before saving, guessed
points and another organisation's document confirmed before the save is allowed."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from truyenthong.core.errors import InvalidInput
from truyenthong.indicators.models import Indicator
from truyenthong.plans import services
from truyenthong.plans.models import Plan, PlanUpload

pytestmark = pytest.mark.django_db
CORPUS = Path(__file__).resolve().parents[1] / "data" / "plans" / "corpus"


def upload(client, school, name, data):
    response = client.post(
        reverse("plans:plan-upload", args=[school.code]), {"document": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_the_preview_writes_measures_in_words_and_proposes_an_indicator_with_its_reason(
    world, client_for, seed_bytes
):
    c = client_for(world.users["principal"])
    url = upload(c, world.school, "ke-hoach.txt", seed_bytes)
    body = c.get(url).content.decode()
    for words in ("≥ 100%", "≥ 90%", "không để xảy ra", "tăng so với kỳ trước", "≥ 70%"):
        assert words in body
    for raw in (">= 100", "&gt;= 100", "increase", "decrease", "zero 0", "100,0%", "(số lượng)"):
        assert raw not in body
    assert "Đề xuất: Tỷ lệ giáo viên ứng dụng hiệu quả CNTT" in body
    assert "khớp: «giáo viên»" in body or "khớp: «công nghệ thông tin» + «giáo viên»" in body
    assert "Chưa có chỉ số phù hợp: cần định nghĩa." in body
    assert "Cần xác nhận" not in body  # the school's own plan, read without guessing


def test_indicators_are_created_as_leadership_chose_them_and_only_so(world, client_for, seed_bytes):
    c = client_for(world.users["principal"])
    url = upload(c, world.school, "ke-hoach.txt", seed_bytes)
    upload_row = PlanUpload.objects.get()
    proposals = services.document_indicator_proposals(services.PlanDocument.from_dict(upload_row.parsed))
    strong = {key: p.name for key, p in proposals.items() if p is not None and p.strong}
    (first, *others) = sorted(strong)
    data = {f"indicator_{t}_{m}": name for (t, m), name in strong.items()}
    data[f"indicator_{first[0]}_{first[1]}"] = ""  # refused: "cần định nghĩa"
    other = others[0]
    data[f"indicator_{other[0]}_{other[1]}"] = (
        "Tỷ lệ hoạt động quản lý, điều hành trên nền tảng số"  # another
    )
    c.post(url, data)
    plan = Plan.objects.get()
    measures = {
        (m.target.order, m.order): m for t in plan.targets.all() for m in t.measures.select_related("target")
    }
    by_measure = {i.measure_id: i for i in Indicator.objects.filter(plan=plan)}
    assert len(by_measure) == len(measures)
    assert by_measure[measures[first].pk].method == "undefined"
    assert by_measure[measures[other].pk].name == "Tỷ lệ hoạt động quản lý, điều hành trên nền tảng số"
    for key in others[1:]:
        assert by_measure[measures[key].pk].name == strong[key]
    unproposed = [key for key in measures if key not in strong]
    assert all(by_measure[measures[key].pk].method == "undefined" for key in unproposed)


def test_a_save_without_choices_creates_no_computed_indicator(world, client_for, seed_bytes):
    c = client_for(world.users["principal"])
    c.post(upload(c, world.school, "ke-hoach.txt", seed_bytes))
    plan = Plan.objects.get()
    assert set(Indicator.objects.filter(plan=plan).values_list("method", flat=True)) == {"undefined"}


def test_an_unknown_indicator_name_is_refused(world, client_for, seed_bytes):
    c = client_for(world.users["principal"])
    url = upload(c, world.school, "ke-hoach.txt", seed_bytes)
    response = c.post(url, {"indicator_2_0": "Chỉ số bịa ra"})
    assert response.status_code == 200 and not Plan.objects.exists()


def test_guessed_points_must_each_be_acknowledged_before_the_save(world, client_for):
    c = client_for(world.users["principal"])
    path = CORPUS / "03-thpt-phan-boi-chau.docx"
    url = upload(c, world.school, path.name, path.read_bytes())
    body = c.get(url).content.decode()
    assert "Cần xác nhận" in body and "được đọc thành 6 chỉ tiêu" in body
    flags = PlanUpload.objects.get().parsed["flags"]
    assert [f["kind"] for f in flags] == ["organisation", "table"]
    refused = c.post(url, {"ack_1": "on"})
    assert refused.status_code == 200 and not Plan.objects.exists()
    assert "chưa được đánh dấu «Đã kiểm tra»" in refused.content.decode()
    saved = c.post(url, {"ack_0": "on", "ack_1": "on"})
    assert saved.status_code == 302 and Plan.objects.get().targets.count() == 6


@pytest.mark.parametrize(
    ("name", "issuer"),
    [
        ("05-so-gddt-gia-lai.txt", "«SỞ GIÁO DỤC VÀ ĐÀO TẠO» (một Sở, Phòng hay cơ quan khác)"),
        ("06-thpt-nguyen-du.docx", "«TRƯỜNG THPT NGUYỄN DU»"),
    ],
)
def test_a_plan_of_another_organisation_says_whose_it_is_and_needs_confirmation(
    world, client_for, name, issuer
):
    c = client_for(world.users["principal"])
    url = upload(c, world.school, name, (CORPUS / name).read_bytes())
    body = c.get(url).content.decode()
    assert "Văn bản của đơn vị khác." in body
    assert f"Văn bản này do {issuer} ban hành, không phải «Trường THPT chuyên Lê Quý Đôn»" in body
    assert c.post(url).status_code == 200 and not Plan.objects.exists()
    assert c.post(url, {"ack_0": "on"}).status_code == 302
    assert Plan.objects.get().organisation == world.school


def test_the_service_itself_refuses_an_unacknowledged_upload(world):
    upload_row = services.plan_upload_create(
        organisation=world.school,
        data=(CORPUS / "05-so-gddt-gia-lai.txt").read_bytes(),
        filename="so.txt",
        actor=world.users["principal"],
        max_bytes=10**7,
    )
    with pytest.raises(InvalidInput) as error:
        services.plan_upload_confirm(upload=upload_row, actor=world.users["principal"])
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in error.value.errors[0]
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("issuer", "name", "short", "same"),
    [
        ("TRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN", "Trường THPT chuyên Lê Quý Đôn", "", True),
        ("TRƯỜNG TRUNG HỌC PHỔ THÔNG CHUYÊN LÊ QUÝ ĐÔN", "Trường THPT chuyên Lê Quý Đôn", "", True),
        ("TRƯỜNG THCS LÊ QUÝ ĐÔN", "Trường THPT chuyên Lê Quý Đôn", "", False),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Trường THPT chuyên Lê Quý Đôn", "", False),
        ("TRUNG TÂM GDNN-GDTX THỊ XÃ AN KHÊ", "Trung tâm GDNN-GDTX thị xã An Khê", "", True),
        ("", "Trường THPT chuyên Lê Quý Đôn", "", True),
    ],
)
def test_the_document_organisation_is_compared_by_name_with_abbreviations_spelt_out(
    issuer, name, short, same
):
    from truyenthong.lib.plandoc import PlanDocument
    from truyenthong.org.models import Organisation

    organisation = Organisation(name=name, short_name=short)
    flag = services.document_organisation_flag(
        document=PlanDocument(issuing_body=issuer), organisation=organisation
    )
    assert (flag is None) == same


def test_the_command_line_refuses_another_organisations_plan_unless_confirmed(world):
    from django.core.management import CommandError, call_command

    path = str(CORPUS / "05-so-gddt-gia-lai.txt")
    with pytest.raises(CommandError, match="SỞ GIÁO DỤC VÀ ĐÀO TẠO"):
        call_command("import_plan", path, "--org", world.school.code)
    assert not Plan.objects.exists()
    call_command("import_plan", path, "--org", world.school.code, "--confirm-organisation")
    plan = Plan.objects.get()
    assert plan.signer_authority == "KT. GIÁM ĐỐC" and plan.signer_position == "PHÓ GIÁM ĐỐC"


def test_what_was_acknowledged_stays_on_the_saved_plan(world, client_for):
    c = client_for(world.users["principal"])
    path = CORPUS / "01-th-hoa-sen.txt"
    url = upload(c, world.school, path.name, path.read_bytes())
    count = len(PlanUpload.objects.get().parsed["flags"])
    c.post(url, {f"ack_{i}": "on" for i in range(count)})
    plan = Plan.objects.get()
    assert any("được hiểu là tiêu đề phần" in w for w in plan.import_warnings)
    detail = c.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    assert "cảnh báo khi nhập tệp 01-th-hoa-sen.txt" in detail


def test_a_pdf_target_table_printed_from_word_is_previewed_as_targets_per_year(world, client_for):
    c = client_for(world.users["principal"])
    path = CORPUS / "13-thcs-tran-phu.pdf"
    url = upload(c, world.school, path.name, path.read_bytes())
    body = c.get(url).content.decode()
    assert "được đọc thành 8 chỉ tiêu" in body and "«Năm 2027», «Năm 2028»" in body
    parsed = PlanUpload.objects.get().parsed
    assert [t["phase"] for t in parsed["targets"]] == ["Năm 2027", "Năm 2028"] * 4
    # the row cut by the page break is a target too, counted with goal 0, never a percentage
    assert parsed["targets"][-1]["text"] == "Số vụ việc học sinh vi phạm an toàn giao thông: Không có"
    assert "Đề xuất: Số vụ việc, trường hợp vi phạm, mất an toàn" in body


def test_unnumbered_headings_and_a_target_in_the_tasks_are_shown_for_confirmation(world, client_for):
    c = client_for(world.users["principal"])
    path = CORPUS / "14-th-vo-thi-sau.docx"
    url = upload(c, world.school, path.name, path.read_bytes())
    body = c.get(url).content.decode()
    flags = PlanUpload.objects.get().parsed["flags"]
    kinds = [f["kind"] for f in flags]
    assert kinds.count("heading") == 4 and kinds.count("outside") == 1
    assert "(không đánh số, in đậm)" in body
    assert "Phấn đấu 100% cha mẹ học sinh tham gia nhóm Zalo của lớp." in body
    assert "có dạng chỉ tiêu nhưng không nằm trong phần mục tiêu, chỉ tiêu" in body
    refused = c.post(url, {f"ack_{i}": "on" for i in range(len(flags) - 1)})
    assert refused.status_code == 200 and not Plan.objects.exists()
    saved = c.post(url, {f"ack_{i}": "on" for i in range(len(flags))})
    assert saved.status_code == 302
    plan = Plan.objects.get()
    assert plan.task_groups.count() == 2 and plan.targets.count() == 3
