"""The content's entry in the school menu (see core/navigation.py)."""

from truyenthong.content.apps import VIEW
from truyenthong.core.navigation import NavEntry, register

register(NavEntry(label="Nội dung", url_name="content:item-list", actions=(VIEW,), order=60))
