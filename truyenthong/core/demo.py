"""The demo orchestrator's registry: each app contributes the demo data of its floor, nobody imports them all.

`org.demo.build_demo()` builds the organisations, people and accounts (its own floor), then asks every contribution
registered here — from the apps' `AppConfig.ready()` — to build on each demo school, lowest floor first (the plan
before the activities, the records and content before the indicators computed from them, the reports last).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Contribution:
    name: str
    order: int  # lower floors first; ties keep registration order
    build: Callable  # build(school) -> anything; idempotent
    synthetic: bool  # also run for the synthetic benchmark schools (only what they need: the plan)


_REGISTRY: dict[str, Contribution] = {}


def contribute(name: str, build: Callable, *, order: int, synthetic: bool = False) -> None:
    """Register (or replace) an app's demo builder; called from the app's `AppConfig.ready()`."""
    _REGISTRY[name] = Contribution(name=name, order=order, build=build, synthetic=synthetic)


def contributions(*, synthetic: bool = False) -> list[Contribution]:
    found = [c for c in _REGISTRY.values() if c.synthetic or not synthetic]
    return sorted(found, key=lambda c: c.order)


def build_contributions(school, *, synthetic: bool = False) -> None:
    """Run every registered contribution on `school`, floor by floor."""
    for contribution in contributions(synthetic=synthetic):
        contribution.build(school)
