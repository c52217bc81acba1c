from django.apps import AppConfig

VIEW = "activity.view"
CHANGE = "activity.change"
VERIFY = "activity.verify"
VIEW_ATTENDANCE = "attendance.view"
CHECK_IN = "attendance.check_in"
LABELS = {
    VIEW: "xem hoạt động",
    CHANGE: "tạo và sửa hoạt động",
    VERIFY: "xác nhận minh chứng hoạt động",
    VIEW_ATTENDANCE: "xem danh sách điểm danh",
    CHECK_IN: "điểm danh người tham dự",
}


class ActivitiesConfig(AppConfig):
    name = "truyenthong.activities"
    label = "activities"
    verbose_name = "Hoạt động và điểm danh"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("activities", _build_demo, order=40)

        from truyenthong.core.models import Role
        from truyenthong.core.permissions import describe_actions, register_actions

        describe_actions(LABELS)
        register_actions(Role.LEADERSHIP, {VIEW, CHANGE, VERIFY, VIEW_ATTENDANCE, CHECK_IN})
        register_actions(Role.COMMS, {VIEW, CHANGE, VIEW_ATTENDANCE, CHECK_IN})
        # Unit-scoped: their assignment names the unit, so `can(..., unit=activity.unit)` limits them to it.
        register_actions(Role.DEPT_HEAD, {VIEW, CHANGE, VIEW_ATTENDANCE, CHECK_IN})
        register_actions(Role.YOUTH, {VIEW, CHANGE, VIEW_ATTENDANCE, CHECK_IN})
        # Teachers see activities and check themselves in; their own attendance is shown to them, nobody else's.
        register_actions(Role.TEACHER, {VIEW})
        # Department officials follow activities and evidence, never attendance lists (personal data).
        register_actions(Role.OFFICIAL, {VIEW})


def _build_demo(school):
    from truyenthong.activities.demo import build

    return build(school)
