"""The floors hold: no app reaches an app above it, by import (module level or inside a function) or by a
`get_model` string. The floors are read from import-linter's contract in pyproject.toml (one place)."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "truyenthong"


def floors() -> dict[str, int]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    rank = {}
    for height, layer in enumerate(reversed(layers)):
        for app in re.split(r"[|:]", layer):
            rank[app.strip()] = height
    return rank


def crossings(source: str, app: str, rank: dict[str, int]) -> list[str]:
    """Every reference from `app` to an app on a higher floor (or a sibling on its own floor) in `source`."""
    found = []

    def check(target: str, where: str) -> None:
        if target in rank and target != app and rank[target] >= rank[app]:
            found.append(f"{where} → {target}")

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] == "truyenthong" and len(parts) > 1:
                check(parts[1], f"line {node.lineno}: from {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "truyenthong" and len(parts) > 1:
                    check(parts[1], f"line {node.lineno}: import {alias.name}")
        elif (
            (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) == "get_model"
            )
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            check(node.args[0].value.split(".")[0], f"line {node.lineno}: get_model({node.args[0].value!r})")
    return found


def test_no_app_reaches_an_app_above_it():
    rank = floors()
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if len(relative.parts) < 2 or relative.parts[0] not in rank or "migrations" in relative.parts:
            continue
        problems += [f"{relative}: {c}" for c in crossings(path.read_text(), relative.parts[0], rank)]
    assert problems == []


def test_the_check_sees_imports_inside_functions_and_get_model_strings():
    rank = floors()
    source = (
        "def refresh():\n"
        "    from truyenthong.indicators.services import indicators_recompute\n"
        "def model():\n"
        "    return apps.get_model('reports', 'Report')\n"
        "from truyenthong.core.events import plan_saved\n"  # downwards: fine
    )
    assert crossings(source, "records", rank) == [
        "line 2: from truyenthong.indicators.services → indicators",
        "line 4: get_model('reports') → reports",
    ]


def test_every_app_of_the_package_stands_on_a_floor():
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")} | {"lib"}
    assert apps <= set(floors()), f"apps without a floor in pyproject.toml: {sorted(apps - set(floors()))}"
