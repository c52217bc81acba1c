"""The plans' entry in the school menu (see core/navigation.py)."""

from truyenthong.core.navigation import NavEntry, register
from truyenthong.core.permissions import VIEW_PLAN

register(NavEntry(label="Kế hoạch", url_name="plans:plan-list", actions=(VIEW_PLAN,), order=20))
