"""The reports' entry in the school menu (see core/navigation.py)."""

from truyenthong.core.navigation import NavEntry, register
from truyenthong.reports import actions

register(NavEntry(label="Báo cáo", url_name="reports:report-list", actions=(actions.VIEW,), order=80))
