"""The activities' entry in the school menu (see core/navigation.py)."""

from truyenthong.activities.apps import VIEW
from truyenthong.core.navigation import NavEntry, register

register(NavEntry(label="Hoạt động", url_name="activities:activity-list", actions=(VIEW,), order=40))
