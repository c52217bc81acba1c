"""The school menu, built from the permission layer: each app declares its entries with the action they need.

An app adds its entries in `<app>/navigation.py` (imported once at start-up by CoreConfig.ready):

    register(NavEntry(label="Hoạt động", url_name="activities:activity-list", actions=(VIEW,), order=40))

A person sees an entry only when `can(user, action, school)` holds for one of its actions, so every link of the
menu opens a page they may use.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from truyenthong.core.permissions import can


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str  # reversed with the school's code as its only argument
    actions: tuple[str, ...]  # any one of them on the school shows the entry
    order: int = 100


_ENTRIES: dict[str, NavEntry] = {}


def register(*entries: NavEntry) -> None:
    for entry in entries:
        _ENTRIES[entry.url_name] = entry


def entries() -> list[NavEntry]:
    return sorted(_ENTRIES.values(), key=lambda e: (e.order, e.label))


def school_menu(user, school, current_path: str = "") -> list[dict]:
    """The entries this user may open for this school, each with its URL and whether it is the current page."""
    menu = []
    for entry in entries():
        if not any(can(user, action, school) for action in entry.actions):
            continue
        try:
            url = reverse(entry.url_name, args=[school.code])
        except NoReverseMatch:
            continue
        menu.append({"label": entry.label, "url": url, "current": False})
    # The current entry is the longest URL the page's path starts with ("/truong/x/" must not win everywhere).
    matches = [m for m in menu if current_path.startswith(m["url"])]
    if matches:
        max(matches, key=lambda m: len(m["url"]))["current"] = True
    return menu
