"""The organisation's entries in the school menu (see core/navigation.py)."""

from truyenthong.core.navigation import NavEntry, register
from truyenthong.core.permissions import VIEW_ORG, VIEW_PEOPLE

register(
    NavEntry(label="Đơn vị", url_name="org:unit-list", actions=(VIEW_ORG,), order=90),
    NavEntry(label="Cán bộ, giáo viên", url_name="org:person-list", actions=(VIEW_PEOPLE,), order=91),
    NavEntry(label="Lớp", url_name="org:class-list", actions=(VIEW_ORG,), order=92),
)
