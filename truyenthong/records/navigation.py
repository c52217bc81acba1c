"""The records' entry in the school menu (see core/navigation.py)."""

from truyenthong.core.navigation import NavEntry, register
from truyenthong.records import actions

register(
    NavEntry(
        label="Hồ sơ chỉ tiêu",
        url_name="records:record-home",
        actions=(actions.VIEW, actions.SUMMARY),
        order=50,
    )
)
