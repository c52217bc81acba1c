"""Permission actions of the indicators app (granted to roles in IndicatorsConfig.ready)."""

from truyenthong.core.models import Role

VIEW = "indicator.view"  # dashboard, values, completeness, task progress
RECORDS = "indicator.records"  # drill-down to the named people/records behind a value (personal data: not officials)
DEFINE = "indicator.define"  # edit indicator definitions
ENTER = "indicator.enter"  # enter hand-entered values, submit a unit's report
APPROVE = "indicator.approve"  # approve, lock and unlock reporting periods

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    VIEW: "xem bảng điều khiển và tiến độ chỉ tiêu",
    RECORDS: "xem danh sách người và hồ sơ sau một số liệu",
    DEFINE: "định nghĩa chỉ số",
    ENTER: "nhập số liệu, nộp báo cáo của đơn vị",
    APPROVE: "duyệt và khoá kỳ báo cáo",
}

GRANTS = {
    Role.LEADERSHIP: {VIEW, RECORDS, DEFINE, ENTER, APPROVE},
    Role.COMMS: {VIEW, RECORDS, ENTER},
    Role.DEPT_HEAD: {VIEW, RECORDS, ENTER},
    Role.YOUTH: {VIEW, RECORDS, ENTER},
    Role.OFFICIAL: {VIEW},
}
