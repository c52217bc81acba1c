"""The evaluation's entry in the school menu (see core/navigation.py)."""

from truyenthong.core.navigation import NavEntry, register
from truyenthong.evaluation import actions

register(NavEntry(label="Đánh giá, thi đua", url_name="evaluation:home", actions=(actions.VIEW,), order=70))
