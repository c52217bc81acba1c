"""Hand-entered values and the submit → approve → lock cycle of a reporting period."""

import datetime as dt
from decimal import Decimal

import pytest

from truyenthong.core.errors import InvalidInput, NotAllowed

TODAY = dt.date(2027, 6, 1)


@pytest.fixture
def manual(measured):
    from truyenthong.indicators.models import Indicator

    return Indicator.objects.get(plan=measured.plan, method="manual")


def _save(indicator, actor, **kw):
    from truyenthong.indicators.services import manual_entry_save

    kw.setdefault("period_key", "2026-2027")
    kw.setdefault("unit", None)
    kw.setdefault("evidence_link", "https://lqd.edu.vn/minh-chung")
    return manual_entry_save(indicator=indicator, actor=actor, today=TODAY, **kw)


def test_a_hand_entered_value_becomes_the_indicator_value(measured, manual):
    from tests.indicators.conftest import value_of
    from truyenthong.indicators.services import indicators_recompute

    _save(manual, measured.users["principal"], numerator=18, denominator=20)
    indicators_recompute(school_ids=[measured.school.pk], today=TODAY)
    v = value_of(manual, "2026-2027")
    assert (v.numerator, v.denominator, v.value, v.status) == (
        18,
        20,
        Decimal("90.00"),
        "at_risk",
    )  # target 100, margin 10


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": 120}, "Tỷ lệ phần trăm phải nằm trong khoảng 0–100."),
        ({"numerator": 21, "denominator": 20}, "Tử số không được lớn hơn mẫu số."),
        ({"numerator": 1, "denominator": 0}, "Mẫu số phải lớn hơn 0."),
        ({"numerator": 5}, "Hãy nhập cả tử số và mẫu số, hoặc nhập trực tiếp giá trị."),
        ({"value": "mười"}, "Giá trị phải là một số."),
        (
            {"value": 50, "evidence_link": ""},
            "Chỉ số này bắt buộc có minh chứng: hãy đính kèm tệp hoặc dán liên kết.",
        ),
    ],
)
def test_hand_entered_values_are_validated_in_vietnamese(measured, manual, fields, message):
    with pytest.raises(InvalidInput) as err:
        _save(manual, measured.users["principal"], **fields)
    assert message in err.value.errors


def test_a_period_that_has_not_started_is_not_open_for_entry(measured, manual):
    with pytest.raises(NotAllowed, match="chưa bắt đầu"):
        _save(manual, measured.users["principal"], value=50, period_key="2027-2028")


def test_evidence_files_are_checked_for_their_real_type(measured, manual):
    with pytest.raises(InvalidInput) as err:
        _save(
            manual,
            measured.users["principal"],
            value=50,
            evidence_link="",
            evidence_name="bang.pdf",
            evidence_data=b"not a pdf at all",
        )
    assert any("PDF" in e for e in err.value.errors)


def test_every_change_keeps_its_history_old_to_new(measured, manual):
    from truyenthong.core.audit import history_for

    entry = _save(manual, measured.users["principal"], value=50)
    _save(manual, measured.users["comms"], value=64)
    pairs = [e.changes["value"] for e in history_for(entry) if "value" in e.changes]
    # core.audit writes 50 as "5E+1" (Decimal.normalize); compare as numbers
    assert [[None if x is None else Decimal(x) for x in p] for p in pairs] == [[50, 64], [None, 50]]


def test_approving_the_school_before_every_unit_is_refused(measured):
    from truyenthong.indicators.services import reporting_units, submission_approve, submission_submit

    actor = measured.users["principal"]
    units = reporting_units(measured.school)
    assert [u.name for u in units] == ["Tổ Toán", "Tổ Văn phòng", "Đoàn Thanh niên"]
    submission_submit(school=measured.school, period_key="2026-2027", unit=units[0], actor=actor, today=TODAY)
    submission_approve(
        school=measured.school, period_key="2026-2027", unit=units[0], actor=actor, today=TODAY
    )
    with pytest.raises(NotAllowed) as err:
        submission_approve(
            school=measured.school, period_key="2026-2027", unit=None, actor=actor, today=TODAY
        )
    assert "Tổ Văn phòng, Đoàn Thanh niên" in err.value.message
    with pytest.raises(NotAllowed, match="chưa nộp"):
        submission_approve(
            school=measured.school, period_key="2026-2027", unit=units[1], actor=actor, today=TODAY
        )


def _lock_school(measured, key="2026-2027"):
    from truyenthong.indicators.services import reporting_units, submission_approve, submission_submit

    actor = measured.users["principal"]
    for unit in reporting_units(measured.school):
        submission_submit(school=measured.school, period_key=key, unit=unit, actor=actor, today=TODAY)
        submission_approve(school=measured.school, period_key=key, unit=unit, actor=actor, today=TODAY)
    return submission_approve(school=measured.school, period_key=key, unit=None, actor=actor, today=TODAY)


def test_a_locked_period_refuses_edits_of_values_and_records(measured, manual):
    from truyenthong.records.models import CommsTraining
    from truyenthong.records.services import record_create

    _save(manual, measured.users["principal"], value=50)
    assert _lock_school(measured).is_locked
    with pytest.raises(NotAllowed, match="khóa"):
        _save(manual, measured.users["principal"], value=70)
    with pytest.raises(NotAllowed, match="đã được duyệt và khóa"):
        record_create(
            model=CommsTraining,
            school=measured.school,
            actor=measured.users["principal"],
            person=measured.people["teacher"],
            title="Bồi dưỡng",
            start=dt.date(2026, 10, 1),
        )
    # another year stays open
    record_create(
        model=CommsTraining,
        school=measured.school,
        actor=measured.users["principal"],
        person=measured.people["teacher"],
        title="Bồi dưỡng",
        start=dt.date(2025, 10, 1),
    )


def test_a_submitted_unit_cannot_edit_until_leadership_reopens_it_with_a_reason(measured):
    from truyenthong.core.audit import history_for
    from truyenthong.indicators.models import Indicator
    from truyenthong.indicators.services import submission_submit, submission_unlock

    indicator = Indicator.objects.get(plan=measured.plan, method="manual")
    Indicator.objects.filter(pk=indicator.pk).update(per_unit=True)
    indicator.refresh_from_db()
    _save(indicator, measured.users["principal"], value=40, unit=measured.math_unit)
    sub = submission_submit(
        school=measured.school,
        period_key="2026-2027",
        unit=measured.math_unit,
        actor=measured.users["dept_head"],
        today=TODAY,
    )
    with pytest.raises(NotAllowed):
        _save(indicator, measured.users["principal"], value=45, unit=measured.math_unit)
    with pytest.raises(InvalidInput, match="lý do"):
        submission_unlock(
            school=measured.school,
            period_key="2026-2027",
            unit=measured.math_unit,
            actor=measured.users["principal"],
            reason=" ",
        )
    submission_unlock(
        school=measured.school,
        period_key="2026-2027",
        unit=measured.math_unit,
        actor=measured.users["principal"],
        reason="Sai số liệu tổ Toán",
    )
    _save(indicator, measured.users["principal"], value=45, unit=measured.math_unit)
    assert any("Sai số liệu tổ Toán" in str(e.changes) for e in history_for(sub))


def test_unlocking_the_school_reopens_records_of_the_year(measured):
    from truyenthong.indicators.services import submission_unlock
    from truyenthong.records.models import ViolenceIncident
    from truyenthong.records.services import record_create

    _lock_school(measured)
    submission_unlock(
        school=measured.school,
        period_key="2026-2027",
        unit=None,
        actor=measured.users["principal"],
        reason="Bổ sung vụ việc phát hiện muộn",
    )
    record_create(
        model=ViolenceIncident,
        school=measured.school,
        actor=measured.users["principal"],
        occurred_on=dt.date(2027, 2, 2),
        description="Bổ sung",
    )


def test_completeness_lists_missing_and_overdue_units(measured):
    from truyenthong.indicators.selectors import completeness
    from truyenthong.indicators.services import submission_submit

    submission_submit(
        school=measured.school,
        period_key="2026-2027-HK1",
        unit=measured.math_unit,
        actor=measured.users["dept_head"],
        today=TODAY,
    )
    c = completeness(school=measured.school, period_key="2026-2027-HK1", today=dt.date(2027, 2, 1))
    assert (c["submitted"], c["total"]) == (1, 3)
    assert c["due"] == dt.date(2027, 1, 30)
    assert [r.unit.name for r in c["overdue"]] == ["Tổ Văn phòng", "Đoàn Thanh niên"]
    early = completeness(school=measured.school, period_key="2026-2027-HK1", today=dt.date(2027, 1, 20))
    assert early["overdue"] == [] and len(early["missing"]) == 2
