"""Every measure of the seed plan gets a default indicator when the plan is imported."""

from truyenthong.indicators.models import Indicator


def test_every_measure_of_the_seed_plan_gets_an_indicator(measured):
    from truyenthong.plans.models import Measure

    measures = Measure.objects.filter(target__plan=measured.plan)
    assert measures.count() == 12
    assert Indicator.objects.filter(measure__in=measures).count() == 12


def test_default_definitions_match_the_measures_by_their_words(measured):
    by_source = {
        i.numerator_source: i for i in Indicator.objects.filter(plan=measured.plan, method="computed")
    }
    assert set(by_source) == {
        "staff_attended",
        "departments_plan_approved",
        "teachers_it_meeting",
        "graduates",
        "university_admitted",
        "violence_incidents",
        "classes_covered",
        "comms_staff_trained",
        "teachers_meeting_standard",
        "students_rated_level",
    }
    assert by_source["staff_attended"].denominator_source == "staff_active"
    assert by_source["staff_attended"].target_value == 100
    assert by_source["teachers_it_meeting"].target_value == 90
    assert by_source["comms_staff_trained"].target_value == 70
    assert by_source["violence_incidents"].comparator == "zero"
    assert by_source["university_admitted"].comparator == "increase"
    assert by_source["students_rated_level"].comparator == "increase"


def test_a_measure_no_rule_understands_is_kept_as_needing_a_definition(measured):
    undefined = Indicator.objects.filter(plan=measured.plan, method="undefined")
    assert len(undefined) == 1
    assert undefined[0].measure.subject.startswith("cán bộ, giáo viên chủ động tuyên truyền")
    manual = Indicator.objects.get(plan=measured.plan, method="manual")
    assert "nền tảng số" in manual.measure.subject


def test_creating_defaults_twice_creates_nothing_more(measured):
    from truyenthong.indicators.services import indicators_create_defaults

    assert indicators_create_defaults(plan=measured.plan, actor=None) == []
    assert Indicator.objects.filter(plan=measured.plan).count() == 12


def test_default_indicators_are_linked_to_the_tasks_that_feed_them(measured):
    study = Indicator.objects.get(plan=measured.plan, numerator_source="staff_attended")
    assert study.tasks.filter(text__icontains="quán triệt").exists()
