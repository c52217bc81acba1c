"""Hooks through which lower floors announce personal-data events that the privacy app (a higher floor) handles.

- `announce_read(...)`: a page showed a staff register or a personal record; privacy writes its access log.
- `public_gate(items)`: the public section narrows what it shows; privacy drops content that shows a person
  without a standing consent. With no subscriber (privacy not installed) both do nothing.
"""

from __future__ import annotations

from django.dispatch import Signal

personal_data_read = Signal()  # kwargs: user, kind, school, person, object_repr, path

_PUBLIC_GATES: list = []

REGISTER = "register"
RECORD = "record"


def announce_read(
    *, user, kind: str, school=None, person=None, object_repr: str = "", path: str = ""
) -> None:
    personal_data_read.send(
        sender=None, user=user, kind=kind, school=school, person=person, object_repr=object_repr, path=path
    )


def subscribe_public_gate(gate) -> None:
    """Called once from an AppConfig.ready: gate(queryset of content items) → the narrowed queryset."""
    if gate not in _PUBLIC_GATES:
        _PUBLIC_GATES.append(gate)


def public_gate(items):
    for gate in _PUBLIC_GATES:
        items = gate(items)
    return items
