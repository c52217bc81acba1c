"""The assistant's entry in the school menu (see core/navigation.py)."""

from truyenthong.assistant import actions
from truyenthong.core.navigation import NavEntry, register

register(NavEntry(label="Trợ lý hỏi đáp", url_name="assistant:staff-ask", actions=(actions.ASK,), order=85))
