"""The evaluation demo builds every kind of record once and is idempotent."""


def test_the_evaluation_demo_builds_every_record_once(evaluated_free_world):
    from truyenthong.evaluation import demo
    from truyenthong.evaluation.models import Commendation, EvaluationCycle, FollowUp, Inspection
    from truyenthong.evaluation.selectors import overdue_follow_ups

    school = evaluated_free_world.school
    demo.build(school)
    demo.build(school)
    assert EvaluationCycle.objects.filter(school=school).count() == 2
    assert EvaluationCycle.objects.get(school=school, period_key="2025-2026").is_published
    assert Commendation.objects.filter(school=school).count() == 2
    assert Inspection.objects.filter(school=school).count() == 3
    assert FollowUp.objects.filter(inspection__school=school).count() == 3
    assert overdue_follow_ups(school).exists()
