"""The indicators' entry in the school menu (see core/navigation.py)."""

from truyenthong.core.navigation import NavEntry, register
from truyenthong.indicators import actions

register(
    NavEntry(label="Bảng điều khiển", url_name="indicators:dashboard", actions=(actions.VIEW,), order=30)
)
