"""A project for the reader's tests: the fixture project with the benchmarks' generated articles
beside it, so that the claims index has more than one page (14 articles, 112 claims)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from conftest import FIXTURE_PROJECT, copy_project
from glossator.yamledit import write_yaml

GENERATED_ARTICLES = 14


def reader_project(base: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    import realistic

    generated = base / "generated"
    realistic.generate(generated, GENERATED_ARTICLES)
    root = copy_project(FIXTURE_PROJECT, base / "project")
    for folder in (generated / "corpus").iterdir():
        copy_project(folder, root / "corpus" / folder.name)
    for claims in (generated / "annotations" / "claims").iterdir():
        (root / "annotations" / "claims" / claims.name).write_bytes(claims.read_bytes())
    for registry in ("sources.yaml", "entities.yaml"):
        _merge_registry(root / "annotations" / registry, generated / "annotations" / registry)
    return root


def _merge_registry(target: Path, extra: Path) -> None:
    """Append the generated registry's items to the fixture's (a YAML list under one key); an id
    the fixture has already keeps the fixture's item."""
    mine, theirs = yaml.safe_load(target.read_text("utf-8")), yaml.safe_load(extra.read_text("utf-8"))
    (key,) = mine
    known = {item["id"] for item in mine[key]}
    mine[key] = mine[key] + [item for item in theirs[key] if item["id"] not in known]
    write_yaml(target, mine)
