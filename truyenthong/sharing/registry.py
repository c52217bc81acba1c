"""What can be shared to class groups: each capability app registers its kind of target (in its AppConfig.ready),
so this app never imports them. A public page of the school (a published content item) is shared by its path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    school: object
    title: str
    path: str  # the local path the short link leads to
    audience_word: str = "các em học sinh và quý phụ huynh"
    action_word: str = "xem"


# kind → (Vietnamese label, function(pk) → Target or None)
TARGETS: dict[str, tuple[str, Callable[[int], Target | None]]] = {}


def register_target(kind: str, label: str, resolve: Callable[[int], Target | None]) -> None:
    TARGETS[kind] = (label, resolve)


def resolve(kind: str, pk: int) -> Target | None:
    entry = TARGETS.get(kind)
    return entry[1](pk) if entry else None
