"""Contest participants in Vietnamese order: by given name, then middle and family name (SQLite and PostgreSQL)."""

from tests.contests.conftest import register_student
from truyenthong.contests.models import Participant


def test_contest_participants_read_by_given_name(contest_world):
    w = contest_world
    names = ("Vũ Thị Đào", "Đặng Văn An", "Hoàng Thị Dung", "Hà An")
    for i, name in enumerate(names):
        register_student(w.contest, w.classes[0], name=name, contact=f"090512345{i}")
    ordered = [p.full_name for p in Participant.objects.filter(contest=w.contest)]
    assert ordered == ["Hà An", "Đặng Văn An", "Hoàng Thị Dung", "Vũ Thị Đào"]
