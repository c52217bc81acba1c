"""The plan document as plain data: what the importer extracts and the exporter writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field


class PlanDocumentError(Exception):
    """The file cannot be read as a plan; `message` says what and where, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Measure:
    value: float | None
    unit: str | None  # "%", "count" or None
    comparator: str  # ">=", "=", "<=", "increase", "decrease", "zero"
    text: str = ""
    subject: str = ""


@dataclass
class Target:
    phase: str
    text: str
    measures: list[Measure] = field(default_factory=list)


@dataclass
class Basis:
    text: str
    refs: list[str] = field(default_factory=list)


@dataclass
class TaskGroup:
    number: str
    title: str
    tasks: list[str] = field(default_factory=list)


@dataclass
class Responsibility:
    unit: str
    duties: list[str] = field(default_factory=list)


@dataclass
class Signer:
    authority: str = ""
    position: str = ""
    name: str = ""


@dataclass
class PlanDocument:
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

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> PlanDocument:
        date = data.get("date")
        return cls(
            number=data.get("number", ""),
            place=data.get("place", ""),
            date=dt.date.fromisoformat(date) if date else None,
            doc_type=data.get("doc_type", "KẾ HOẠCH"),
            title=data.get("title", ""),
            parent_body=data.get("parent_body", ""),
            issuing_body=data.get("issuing_body", ""),
            bases=[Basis(**b) for b in data.get("bases", [])],
            intro=data.get("intro", ""),
            general_objectives=list(data.get("general_objectives", [])),
            phases=list(data.get("phases", [])),
            targets=[
                Target(
                    phase=t["phase"], text=t["text"], measures=[Measure(**m) for m in t.get("measures", [])]
                )
                for t in data.get("targets", [])
            ],
            task_groups=[TaskGroup(**g) for g in data.get("task_groups", [])],
            budget=data.get("budget", ""),
            responsibilities=[Responsibility(**r) for r in data.get("responsibilities", [])],
            closing=data.get("closing", ""),
            recipients=list(data.get("recipients", [])),
            signer=Signer(**data.get("signer", {})),
            warnings=list(data.get("warnings", [])),
        )
