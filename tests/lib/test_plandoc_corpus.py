"""The plan corpus (tests/data/plans/corpus): every file reads field for field as its expected parse says."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "plans" / "corpus"


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _module(ROOT / "bench" / "bench_corpus.py", "bench_corpus")
FILES = bench.corpus_files()


def test_the_corpus_has_twelve_plans_of_every_level_in_every_format():
    expected = [json.loads(Path(f"{p}.json").read_text(encoding="utf-8")) for p in FILES]
    assert len({e["number"] for e in expected}) >= 12
    levels = {e["level"] for e in expected}
    assert {"tiểu học", "trung học cơ sở", "trung học phổ thông", "trung tâm GDNN-GDTX", "sở"} <= levels
    assert {p.suffix for p in FILES} == {".txt", ".docx", ".pdf"}
    assert any(e["signer"]["authority"] == "KT. GIÁM ĐỐC" for e in expected)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_field_of_a_corpus_plan_is_read_as_expected(path):
    result, got, want = bench.score_file(path)
    wrong = {field: (got[field], want[field]) for field, right in result.items() if not right}
    assert wrong == {}


def test_the_text_files_of_the_corpus_are_what_the_generator_writes(tmp_path):
    """The committed files come from build.py (the .docx and .pdf carry dates, so only text is compared)."""
    build = _module(CORPUS / "build.py", "corpus_build")
    for spec in build.SPECS:
        for render in spec["render"]:
            if render in ("txt", "txt-wrapped"):
                text = build.plan_text(spec) if render == "txt" else build.wrapped_text(spec)
                assert (CORPUS / f"{spec['slug']}.txt").read_text(encoding="utf-8") == text
                written = json.loads((CORPUS / f"{spec['slug']}.txt.json").read_text(encoding="utf-8"))
                assert written == json.loads(json.dumps(build.expected(spec), ensure_ascii=False))


def test_the_bench_smoke_run_scores_every_field():
    assert bench.main(["--smoke"]) == 0
