"""The structure of a school plan (Kế hoạch) as plain dataclasses, with a JSON-ready form and its inverse."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

COMPARATORS = (">=", "=", "<=", "increase", "decrease", "zero")
UNITS = ("%", "count")


class PlanDocumentError(Exception):
    """A plan file that cannot be read or is not a plan; ``message`` is a Vietnamese sentence for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _float(value) -> float | None:
    return None if value is None or value == "" else float(value)


@dataclass
class Measure:
    """A measurable quantity found in a target: "90% trở lên giáo viên …" → 90, "%", ">=".

    ``upper`` closes a range ("90 - 95%"), ``baseline`` is what a change is measured against ("năm học
    2024-2025"), ``noun`` and ``per`` describe a count ("02 chuyên đề/năm" → "chuyên đề", "năm"), ``total`` is the
    whole of a fraction ("8/10 tổ" → 8 of 10).
    """

    value: float | None
    unit: str | None
    comparator: str
    text: str = ""
    subject: str = ""
    upper: float | None = None
    baseline: str = ""
    noun: str = ""
    per: str = ""
    total: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {
            "value": self.value,
            "unit": self.unit,
            "comparator": self.comparator,
            "text": self.text,
            "subject": self.subject,
        }
        # The details only when present, so a plain measure keeps its short form.
        details = {"upper": self.upper, "baseline": self.baseline, "noun": self.noun, "per": self.per}
        details["total"] = self.total
        d.update({k: v for k, v in details.items() if v not in (None, "")})
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Measure:
        return cls(
            value=_float(d.get("value")),
            unit=d.get("unit") or None,
            comparator=d.get("comparator") or ">=",
            text=d.get("text") or "",
            subject=d.get("subject") or "",
            upper=_float(d.get("upper")),
            baseline=d.get("baseline") or "",
            noun=d.get("noun") or "",
            per=d.get("per") or "",
            total=_float(d.get("total")),
        )


@dataclass
class Target:
    """A specific objective (chỉ tiêu) under its phase heading; ``phase`` is "" when the plan has none."""

    phase: str
    text: str
    measures: list[Measure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"phase": self.phase, "text": self.text, "measures": [m.to_dict() for m in self.measures]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Target:
        return cls(
            phase=d.get("phase") or "",
            text=d.get("text") or "",
            measures=[Measure.from_dict(m) for m in d.get("measures") or []],
        )


@dataclass
class Basis:
    """A "Căn cứ …" paragraph and the document references it cites, in order, without repeats."""

    text: str
    refs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "refs": list(self.refs)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Basis:
        return cls(text=d.get("text") or "", refs=list(d.get("refs") or []))


@dataclass
class TaskGroup:
    """A numbered group of tasks ("1. Đẩy mạnh truyền thông …") and its items."""

    number: str
    title: str
    tasks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title, "tasks": list(self.tasks)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TaskGroup:
        return cls(
            number=str(d.get("number") or ""), title=d.get("title") or "", tasks=list(d.get("tasks") or [])
        )


@dataclass
class Responsibility:
    """A unit named in "Tổ chức thực hiện" and its duties; ``unit`` is "" for text addressed to no one unit."""

    unit: str
    duties: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "duties": list(self.duties)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Responsibility:
        return cls(unit=d.get("unit") or "", duties=list(d.get("duties") or []))


@dataclass
class Signer:
    """The signature block: "KT. HIỆU TRƯỞNG" / "PHÓ HIỆU TRƯỞNG" / name."""

    authority: str = ""
    position: str = ""
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"authority": self.authority, "position": self.position, "name": self.name}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Signer:
        d = d or {}
        return cls(
            authority=d.get("authority") or "", position=d.get("position") or "", name=d.get("name") or ""
        )


@dataclass
class Flag:
    """Something the parser guessed and a person should confirm: ``kind`` is one of FLAG_KINDS, ``message`` a
    Vietnamese sentence saying what was guessed and where."""

    kind: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Flag:
        return cls(kind=d.get("kind") or "", message=d.get("message") or "")


# heading: a section heading recognised by its words only (no Roman numeral, not in capitals);
# table: a table read as targets or tasks; measure: a number in a target that gave no measure;
# missing: a usual part of a plan not found; organisation: the document is issued by another organisation;
# outside: a sentence that sets a target ("Phấn đấu 100% …") outside the targets section.
FLAG_KINDS = ("heading", "table", "measure", "missing", "organisation", "outside")


@dataclass
class PlanDocument:
    """A plan as read from (or to be written to) a document."""

    number: str = ""
    place: str = ""
    date: dt.date | None = None
    doc_type: str = "KẾ HOẠCH"
    title: str = ""
    parent_body: str = ""
    issuing_body: str = ""
    bases: list[Basis] = field(default_factory=list)
    intro: str = ""
    general_objectives: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    task_groups: list[TaskGroup] = field(default_factory=list)
    budget: str = ""
    responsibilities: list[Responsibility] = field(default_factory=list)
    closing: str = ""
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    warnings: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "doc_type": self.doc_type,
            "title": self.title,
            "parent_body": self.parent_body,
            "issuing_body": self.issuing_body,
            "bases": [b.to_dict() for b in self.bases],
            "intro": self.intro,
            "general_objectives": list(self.general_objectives),
            "phases": list(self.phases),
            "targets": [t.to_dict() for t in self.targets],
            "task_groups": [g.to_dict() for g in self.task_groups],
            "budget": self.budget,
            "responsibilities": [r.to_dict() for r in self.responsibilities],
            "closing": self.closing,
            "recipients": list(self.recipients),
            "signer": self.signer.to_dict(),
            "warnings": list(self.warnings),
            "flags": [f.to_dict() for f in self.flags],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PlanDocument:
        date = d.get("date")
        if isinstance(date, str) and date:
            date = dt.date.fromisoformat(date)
        elif not isinstance(date, dt.date):
            date = None
        return cls(
            number=d.get("number") or "",
            place=d.get("place") or "",
            date=date,
            doc_type=d.get("doc_type") or "KẾ HOẠCH",
            title=d.get("title") or "",
            parent_body=d.get("parent_body") or "",
            issuing_body=d.get("issuing_body") or "",
            bases=[Basis.from_dict(b) for b in d.get("bases") or []],
            intro=d.get("intro") or "",
            general_objectives=list(d.get("general_objectives") or []),
            phases=list(d.get("phases") or []),
            targets=[Target.from_dict(t) for t in d.get("targets") or []],
            task_groups=[TaskGroup.from_dict(g) for g in d.get("task_groups") or []],
            budget=d.get("budget") or "",
            responsibilities=[Responsibility.from_dict(r) for r in d.get("responsibilities") or []],
            closing=d.get("closing") or "",
            recipients=list(d.get("recipients") or []),
            signer=Signer.from_dict(d.get("signer")),
            warnings=list(d.get("warnings") or []),
            flags=[Flag.from_dict(f) for f in d.get("flags") or []],
        )

    @property
    def measures(self) -> list[Measure]:
        """Every measure of every target, in order."""
        return [m for t in self.targets for m in t.measures]
