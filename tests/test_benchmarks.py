"""The realistic corpus of the benchmarks (benchmarks/realistic.py) is a valid project, the same
every time, and made of varied text rather than copies."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import realistic  # noqa: E402


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_project_passes_check(tmp_path, cli):
    root = tmp_path / "project"
    realistic.generate(root, 4)
    result = cli("check", "--root", root)
    assert result.exit_code == 0, result.output
    assert f"OK: 4 articles, {4 * realistic.CLAIMS} claims" in result.output


def test_generator_is_deterministic(tmp_path):
    realistic.generate(tmp_path / "a", 3)
    realistic.generate(tmp_path / "b", 3)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_paragraphs_are_varied_text_of_about_600_characters(tmp_path):
    realistic.generate(tmp_path, 3)
    texts = []
    for path in (tmp_path / "corpus").glob("*/article.yaml"):
        paragraphs = yaml.safe_load(path.read_text("utf-8"))["paragraphs"]
        texts += [p["text"] for p in paragraphs if p["kind"] == "paragraph"]
    assert len(texts) == 3 * realistic.PARAGRAPHS
    assert len(set(texts)) == len(texts)
    assert all(400 <= len(t) <= 800 for t in texts)
    assert 500 <= sum(map(len, texts)) / len(texts) <= 700
    assert any("](https://" in t for t in texts) and any("**[" in t for t in texts)
