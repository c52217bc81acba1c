"""Hooks through which lower floors announce personal-data events that the privacy app (a higher floor) handles.

- `announce_read(...)`: a page showed a staff register or a personal record; privacy writes its access log.
- `public_gate(items)`: the public section narrows what it shows; privacy drops content that shows a person
  without a standing consent. With no subscriber (privacy not installed) both do nothing.
"""

from __future__ import annotations

from django.dispatch import Signal

personal_data_read = Signal()  # kwargs: user, kind, school, person, object_repr, path

_PUBLIC_GATES: list = []

# Kinds of read (privacy.AccessLog.Kind holds their Vietnamese labels)
REGISTER = "register"  # a list of staff: the register, units with their heads, classes with their GVCN
RECORD = "record"  # one person's record
ATTENDANCE = "attendance"  # an activity's roster, the tick list, a catch-up
HISTORY = "history"  # a change history (values and actors)
RECORDS = "records"  # the records behind targets that name people (IT self-assessments, prizes, training…)
EVALUATION = "evaluation"  # emulation (individual scores and pickers), inspections (who must remedy)
CONTESTANTS = "contestants"  # a contest's registrations, a round's results


def announce_read(
    *, user, kind: str, school=None, person=None, object_repr: str = "", path: str = ""
) -> None:
    personal_data_read.send(
        sender=None, user=user, kind=kind, school=school, person=person, object_repr=object_repr, path=path
    )


def announce_page(request, *, kind: str, school, person=None, object_repr: str = "") -> None:
    """announce_read for the page being answered: who asks and the address come from the request."""
    announce_read(
        user=request.user,
        kind=kind,
        school=school,
        person=person,
        object_repr=object_repr,
        path=request.get_full_path(),
    )


def subscribe_public_gate(gate) -> None:
    """Called once from an AppConfig.ready: gate(queryset of content items) → the narrowed queryset."""
    if gate not in _PUBLIC_GATES:
        _PUBLIC_GATES.append(gate)


def public_gate(items):
    for gate in _PUBLIC_GATES:
        items = gate(items)
    return items
