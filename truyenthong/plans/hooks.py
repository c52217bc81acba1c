"""What plans asks of a higher floor without importing it: the indicator advisor registered by the indicators app.

The upload preview proposes an indicator for each measure and the save creates the ones leadership chose; both
belong to the indicators app, which registers itself here in its ``AppConfig.ready()``. With no advisor (an
installation without indicators) the preview simply offers none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class IndicatorProposal:
    name: str  # the indicator definition's name, as leadership sees it
    reason: str  # "khớp: «giáo viên» + «công nghệ thông tin»"
    strong: bool  # pre-ticked in the preview


class IndicatorAdvisor(Protocol):
    def names(self) -> list[str]: ...

    def propose(
        self,
        *,
        measure_text: str,
        target_text: str,
        comparator: str,
        single_measure: bool,
        unit: str | None = "",
    ) -> IndicatorProposal | None: ...

    def create(self, *, plan, actor, choices: dict[int, str] | None) -> None: ...


_advisor: IndicatorAdvisor | None = None


def register_indicator_advisor(advisor: IndicatorAdvisor) -> None:
    global _advisor  # noqa: PLW0603 — one registry, set once at start-up
    _advisor = advisor


def indicator_advisor() -> IndicatorAdvisor | None:
    return _advisor
