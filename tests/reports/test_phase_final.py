"""A phase's final review (tổng kết giai đoạn) cannot be issued before the phase ends; its draft can be previewed."""

import datetime as dt

import pytest

from tests.reports.conftest import TODAY


@pytest.fixture
def phase_final(reported):
    from truyenthong.reports.services import report_create, report_update

    boss = reported.users["principal"]
    report = report_create(
        school=reported.school, actor=boss, kind="phase_final", period_key="2026-2030", today=TODAY
    )
    report_update(
        report=report,
        actor=boss,
        expected_version=report.version,
        changes={"number": "60/BC-CLQĐ", "issued_on": dt.date(2031, 1, 10)},
    )
    report.refresh_from_db()
    return report


def test_the_final_review_of_a_phase_is_refused_while_the_phase_runs_but_its_draft_renders(
    reported, phase_final
):
    from truyenthong.core.errors import InvalidInput
    from truyenthong.reports.services import report_finalise, report_render

    with pytest.raises(InvalidInput) as refused:
        report_finalise(report=phase_final, actor=reported.users["principal"], today=TODAY)
    assert any("sau khi giai đoạn kết thúc (31/12/2030)" in e for e in refused.value.errors)
    phase_final.refresh_from_db()
    assert not phase_final.is_final
    files = report_render(phase_final, today=TODAY, only=("pdf",))
    assert files["pdf"].startswith(b"%PDF")


def test_the_final_review_of_a_phase_is_issued_once_the_phase_has_ended(reported, phase_final):
    from truyenthong.reports.services import report_finalise

    report_finalise(report=phase_final, actor=reported.users["principal"], today=dt.date(2031, 1, 10))
    phase_final.refresh_from_db()
    assert phase_final.is_final


def test_the_page_says_why_a_running_phase_cannot_be_issued(reported, phase_final, client_for):
    response = client_for(reported.users["principal"]).post(
        f"/bao-cao/{phase_final.pk}/", {"do": "finalise"}, follow=True
    )
    assert response.status_code == 200
    assert "chỉ ban hành được sau khi giai đoạn kết thúc" in response.content.decode()
    phase_final.refresh_from_db()
    assert not phase_final.is_final
