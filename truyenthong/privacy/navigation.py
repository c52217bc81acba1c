"""The personal-data register's entry in the school menu (see core/navigation.py)."""

from truyenthong.core.navigation import NavEntry, register
from truyenthong.privacy import actions

register(
    NavEntry(label="Dữ liệu cá nhân", url_name="privacy:register", actions=(actions.REGISTER,), order=95)
)
