"""Permission actions of the privacy app (granted to roles in PrivacyConfig.ready)."""

from truyenthong.core.models import Role

REGISTER = "privacy.register"  # see the register of personal data
CONSENT_VIEW = "privacy.consent_view"  # see consents and who appears in content
CONSENT_CHANGE = "privacy.consent_change"  # record consents, withdrawals and appearances
ACCESS_LOG = "privacy.access_log"  # see who read personal data
ERASE = "privacy.erase"  # anonymise or erase a person
OWN_DATA = "privacy.own_data"  # see and download one's own data

GRANTS = {
    Role.LEADERSHIP: {REGISTER, CONSENT_VIEW, CONSENT_CHANGE, ACCESS_LOG, ERASE, OWN_DATA},
    Role.COMMS: {CONSENT_VIEW, CONSENT_CHANGE, OWN_DATA},
    Role.DEPT_HEAD: {OWN_DATA},
    Role.TEACHER: {OWN_DATA},
    Role.YOUTH: {OWN_DATA},
}
