"""The plans' entries in the school menu (see core/navigation.py): the school's overview page and its plans."""

from truyenthong.core.navigation import NavEntry, register
from truyenthong.core.permissions import VIEW_ORG, VIEW_PLAN

register(
    NavEntry(label="Tổng quan", url_name="plans:school-detail", actions=(VIEW_ORG,), order=10),
    NavEntry(label="Kế hoạch", url_name="plans:plan-list", actions=(VIEW_PLAN,), order=20),
)
