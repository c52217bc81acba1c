"""The contests' entry in the school menu (see core/navigation.py)."""

from truyenthong.contests import actions
from truyenthong.core.navigation import NavEntry, register

register(NavEntry(label="Cuộc thi", url_name="contests:contest-list", actions=(actions.VIEW,), order=62))
