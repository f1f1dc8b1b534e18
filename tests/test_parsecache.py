"""The parse cache changes how fast `check` is, never what it says."""

from __future__ import annotations

from pathlib import Path

from glossator.check import check_corpus


def test_second_run_reports_the_same_problems(project: Path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GLOSSATOR_NO_CACHE", raising=False)
    claims = project / "annotations" / "claims" / "demo-article.yaml"
    claims.write_text(claims.read_text("utf-8").replace("confidence: low", "confidence: sure") + "id: 1\n")
    first = [str(p) for p in check_corpus(project)[1]]
    assert len(list((project / "build" / "cache").rglob("*.json"))) > 0, "the first run filled the cache"
    assert [str(p) for p in check_corpus(project)[1]] == first
    assert any("$.claims[0].confidence" in p for p in first)


def test_a_damaged_cache_entry_is_a_miss(project: Path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GLOSSATOR_NO_CACHE", raising=False)
    expected = [str(p) for p in check_corpus(project)[1]]
    for entry in (project / "build" / "cache").rglob("*.json"):
        entry.write_text('{"data": {}}')  # valid JSON, wrong shape
    assert [str(p) for p in check_corpus(project)[1]] == expected
    for entry in (project / "build" / "cache").rglob("*.json"):
        entry.write_bytes(b"\x00torn")
    assert [str(p) for p in check_corpus(project)[1]] == expected
