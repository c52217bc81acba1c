"""Permission actions of the privacy app (granted to roles in PrivacyConfig.ready)."""

from truyenthong.core.models import Role

REGISTER = "privacy.register"  # see the register of personal data
CONSENT_VIEW = "privacy.consent_view"  # see consents and who appears in content
CONSENT_CHANGE = "privacy.consent_change"  # record consents, withdrawals and appearances
ACCESS_LOG = "privacy.access_log"  # see who read personal data
ERASE = "privacy.erase"  # anonymise or erase a person
OWN_DATA = "privacy.own_data"  # see and download one's own data

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    REGISTER: "xem sổ đăng ký dữ liệu cá nhân",
    CONSENT_VIEW: "xem sự đồng ý của người xuất hiện trong nội dung",
    CONSENT_CHANGE: "ghi nhận sự đồng ý và rút lại đồng ý",
    ACCESS_LOG: "xem nhật ký truy cập dữ liệu cá nhân",
    ERASE: "ẩn danh hoặc xoá dữ liệu của một người",
    OWN_DATA: "xem và tải dữ liệu của chính mình",
}

GRANTS = {
    Role.LEADERSHIP: {REGISTER, CONSENT_VIEW, CONSENT_CHANGE, ACCESS_LOG, ERASE, OWN_DATA},
    Role.COMMS: {CONSENT_VIEW, CONSENT_CHANGE, OWN_DATA},
    Role.DEPT_HEAD: {OWN_DATA},
    Role.TEACHER: {OWN_DATA},
    Role.YOUTH: {OWN_DATA},
}
