"""Field-level score of the plan importer over the test corpus (tests/data/plans/corpus): one line per plan, a total.

    .venv/bin/python bench/bench_corpus.py            # every file of the corpus, with the fields it got wrong
    .venv/bin/python bench/bench_corpus.py --smoke    # the first three files only (CI smoke run)
    .venv/bin/python bench/bench_corpus.py --verbose  # and what was read against what was expected

A field is right when what the importer read equals the expected parse written beside the file (``<file>.json``,
made from the plan's spec by tests/data/plans/corpus/build.py, never from the importer). No database is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "plans" / "corpus"
sys.path.insert(0, str(ROOT))

FIELDS = (
    "header",
    "bases",
    "targets",
    "phases",
    "measures",
    "task groups",
    "tasks",
    "budget",
    "units",
    "recipients",
    "signer",
    "flags",
)


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


def _measures(targets) -> list:
    return [[[m[0], m[1], m[2]] for m in t["measures"]] for t in targets]


def read_fields(doc: dict) -> dict:
    """The scored fields of a parse (``PlanDocument.to_dict()``), in the expected file's shape."""
    targets = doc["targets"]
    return {
        "header": [
            doc["number"],
            doc["place"],
            doc["date"],
            doc["parent_body"],
            doc["issuing_body"],
            doc["title"],
        ],
        "bases": [b["text"] for b in doc["bases"]],
        "targets": [[t["phase"], t["text"]] for t in targets],
        "phases": list(doc["phases"]),
        "measures": [[[m["value"], m["unit"], m["comparator"]] for m in t["measures"]] for t in targets],
        "task groups": [[g["number"], g["title"]] for g in doc["task_groups"]],
        "tasks": [t for g in doc["task_groups"] for t in g["tasks"]],
        "budget": doc["budget"],
        "units": [[r["unit"], r["duties"]] for r in doc["responsibilities"]],
        "recipients": list(doc["recipients"]),
        "signer": [doc["signer"]["authority"], doc["signer"]["position"], doc["signer"]["name"]],
        "flags": sorted({f["kind"] for f in doc.get("flags", [])}),
    }


def expected_fields(exp: dict) -> dict:
    return {
        "header": [
            exp["number"],
            exp["place"],
            exp["date"],
            exp["parent_body"],
            exp["issuing_body"],
            exp["title"],
        ],
        "bases": exp["bases"],
        "targets": [[t["phase"], t["text"]] for t in exp["targets"]],
        "phases": exp["phases"],
        "measures": [
            [[float(m[0]) if m[0] is not None else None, m[1], m[2]] for m in t["measures"]]
            for t in exp["targets"]
        ],
        "task groups": [[g["number"], g["title"]] for g in exp["task_groups"]],
        "tasks": [t for g in exp["task_groups"] for t in g["tasks"]],
        "budget": exp["budget"],
        "units": [[r["unit"], r["duties"]] for r in exp["responsibilities"]],
        "recipients": exp["recipients"],
        "signer": [exp["signer"]["authority"], exp["signer"]["position"], exp["signer"]["name"]],
        "flags": exp["flags"],
    }


def score_file(path: Path) -> tuple[dict[str, bool], dict, dict]:
    """(field → right?, what was read, what was expected) for one corpus file."""
    from truyenthong.lib.plandoc import parse_plan_file

    doc = parse_plan_file(path.read_bytes(), path.name).to_dict()
    got = read_fields(doc)
    want = expected_fields(json.loads(Path(f"{path}.json").read_text(encoding="utf-8")))
    return {field: got[field] == want[field] for field in FIELDS}, got, want


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="the first three files only")
    parser.add_argument("--verbose", action="store_true", help="print what was read for every wrong field")
    args = parser.parse_args(argv)
    files = corpus_files()[:3] if args.smoke else corpus_files()
    totals = dict.fromkeys(FIELDS, 0)
    started = time.perf_counter()
    for path in files:
        result, got, want = score_file(path)
        for field, right in result.items():
            totals[field] += right
        wrong = [f for f, right in result.items() if not right]
        print(
            f"{path.name:32} {sum(result.values()):2}/{len(FIELDS)}  {'sai: ' + ', '.join(wrong) if wrong else ''}"
        )
        if args.verbose:
            for field in wrong:
                print(
                    f"    {field}: read     {got[field]!r}\n    {' ' * len(field)}  expected {want[field]!r}"
                )
    elapsed = time.perf_counter() - started
    print()
    print("field           right")
    for field in FIELDS:
        print(f"{field:15} {totals[field]:3}/{len(files)}")
    right = sum(totals.values())
    cells = len(FIELDS) * len(files)
    print(f"\n{len(files)} files, {right}/{cells} fields right ({100 * right / cells:.1f}%), {elapsed:.2f} s")
    return 0 if right == cells or not args.smoke else 1


if __name__ == "__main__":
    sys.exit(main())
