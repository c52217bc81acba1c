"""The surveys' entry in the school menu (see core/navigation.py)."""

from truyenthong.core.navigation import NavEntry, register
from truyenthong.surveys import actions

register(NavEntry(label="Khảo sát", url_name="surveys:survey-list", actions=(actions.VIEW,), order=64))
