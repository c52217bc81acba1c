"""Every report page: who may open it, create, generate, download, publish; and who is turned away."""

import io
import json

import pytest
from docx import Document

from tests.access import assert_refused
from tests.reports.conftest import YEAR


@pytest.fixture
def generated(year_report):
    from truyenthong.reports.services import report_generate_now

    return report_generate_now(year_report)


@pytest.mark.parametrize("role", ["admin", "principal", "comms", "official"])
def test_leadership_comms_and_officials_open_the_report_pages(generated, client_for, reported, role):
    client = client_for(reported.users[role])
    assert client.get(f"/truong/{reported.school.code}/bao-cao/").status_code == 200
    assert client.get(f"/bao-cao/{generated.pk}/").status_code == 200
    response = client.get(f"/bao-cao/{generated.pk}/tai-ve/docx/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert "BÁO CÁO" in [p.text for p in document.paragraphs]


@pytest.mark.parametrize("role", ["outsider", "other_official", "teacher", "dept_head", "youth"])
def test_people_without_report_rights_are_refused(generated, client_for, reported, role):
    client = client_for(reported.users[role])
    assert_refused(client.get(f"/truong/{reported.school.code}/bao-cao/"))
    assert_refused(client.get(f"/bao-cao/{generated.pk}/"))
    assert_refused(client.get(f"/bao-cao/{generated.pk}/tai-ve/pdf/"))
    assert_refused(client.post(f"/bao-cao/{generated.pk}/tao-tep/"))


def test_anonymous_visitors_are_sent_to_log_in(generated, client):
    response = client.get(f"/bao-cao/{generated.pk}/tai-ve/pdf/")
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_an_official_reads_but_cannot_create_or_generate(generated, client_for, reported):
    client = client_for(reported.users["official"])
    page = client.get(f"/bao-cao/{generated.pk}/").content.decode()
    assert "Tạo lại báo cáo" not in page
    assert (
        client.post(
            f"/truong/{reported.school.code}/bao-cao/", {"kind": "year_review", "period_key": YEAR}
        ).status_code
        == 403
    )
    assert client.post(f"/bao-cao/{generated.pk}/tao-tep/").status_code == 403


def test_the_officer_creates_edits_and_generates_a_report_and_the_job_reports_its_progress(
    reported, client_for
):
    from truyenthong.reports.models import Report

    client = client_for(reported.users["comms"])
    response = client.post(
        f"/truong/{reported.school.code}/bao-cao/", {"kind": "measurement", "period_key": YEAR}
    )
    report = Report.objects.get(school=reported.school, kind="measurement")
    assert response.status_code == 302 and response["Location"] == f"/bao-cao/{report.pk}/"
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "Ưu điểm" in page and "Đề xuất, kiến nghị" in page
    data = {
        "version": report.version,
        "summary": report.summary,
        "number": "",
        "issued_on": "",
        "signer_authority": "",
        "signer_position": "Hiệu trưởng",
        "signer_name": "Huỳnh Lê Minh",
        "recipients": "Sở GDĐT Gia Lai\nLưu: VT",
        "do": "save_generate",
        **{f"n_{k}": v for k, v in report.narrative.items()},
    }
    data["n_de_xuat"] = "Đề nghị bổ sung kinh phí in ấn tài liệu."
    assert client.post(f"/bao-cao/{report.pk}/", data).status_code == 302
    report.refresh_from_db()
    assert report.narrative["de_xuat"] == "Đề nghị bổ sung kinh phí in ấn tài liệu."
    job = report.jobs.get()
    progress = json.loads(client.get(f"/bao-cao/tien-trinh/{job.pk}/").content)
    assert progress["status"] == "done" and progress["progress"] == 100 and progress["finished"]
    assert report.docx and report.pdf and report.xlsx and report.infographic_png and report.infographic_svg
    assert job.result_file.name == report.docx.name
    assert client_for(reported.users["outsider"]).get(f"/bao-cao/tien-trinh/{job.pk}/").status_code == 403


def test_the_progress_page_shows_a_progress_bar_and_loads_the_script_while_a_job_runs(
    year_report, client_for, reported
):
    from truyenthong.reports.models import ReportJob

    ReportJob.objects.create(report=year_report, status="running", progress=40, step="Tạo tệp PDF")
    page = client_for(reported.users["comms"]).get(f"/bao-cao/{year_report.pk}/").content.decode()
    assert '<progress id="job-bar" max="100" value="40">' in page
    assert "reports/progress.js" in page and "<script>" not in page


def test_the_infographic_becomes_a_draft_content_item(generated, client_for, reported):
    from truyenthong.content.models import ContentItem

    response = client_for(reported.users["comms"]).post(f"/bao-cao/{generated.pk}/dang-infographic/")
    item = ContentItem.objects.get(
        school=reported.school, kind="infographic", title__startswith="Infographic"
    )
    assert response.status_code == 302 and response["Location"] == f"/noi-dung/{item.pk}/"
    assert item.status == "draft" and item.cover_image
    generated.refresh_from_db()
    assert generated.content_item == item


def test_the_png_preview_is_shown_inline_and_the_svg_is_always_a_download(generated, client_for, reported):
    client = client_for(reported.users["principal"])
    png = client.get(f"/bao-cao/{generated.pk}/tai-ve/png/?xem=1")
    assert png["Content-Type"] == "image/png" and png["Content-Disposition"].startswith("inline")
    svg = client.get(f"/bao-cao/{generated.pk}/tai-ve/svg/?xem=1")
    assert svg["Content-Disposition"].startswith("attachment")
    assert client.get(f"/bao-cao/{generated.pk}/tai-ve/exe/").status_code == 404


def test_leadership_issues_the_final_version_from_the_page(year_report, client_for, reported):
    client = client_for(reported.users["principal"])
    data = {
        "version": year_report.version,
        "summary": year_report.summary,
        "number": "45/BC-CLQĐ",
        "issued_on": "2027-05-28",
        "signer_authority": "",
        "signer_position": "Hiệu trưởng",
        "signer_name": "Huỳnh Lê Minh",
        "recipients": "",
        "do": "save",
        **{f"n_{k}": v for k, v in year_report.narrative.items()},
    }
    client.post(f"/bao-cao/{year_report.pk}/", data)
    client.post(f"/bao-cao/{year_report.pk}/", {"do": "finalise"})
    year_report.refresh_from_db()
    assert year_report.is_final and year_report.docx
    header = Document(year_report.docx.open("rb")).tables[0].rows[0].cells
    assert "Số: 45/BC-CLQĐ" in "\n".join(c.text for c in header)
    assert (
        client_for(reported.users["comms"])
        .post(f"/bao-cao/{year_report.pk}/", {"do": "finalise"})
        .status_code
        == 403
    )
