from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossator.cli import main

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE_PROJECT = TESTS / "fixtures" / "project"


def copy_project(source: Path, target: Path) -> Path:
    """A copy of a project, with the repository's mkdocs.yml and site_src so that it builds."""
    shutil.copytree(source, target)
    for name in ("mkdocs.yml",):
        if not (target / name).exists():
            shutil.copy(REPO / name, target / name)
    if not (target / "site_src").exists():
        shutil.copytree(REPO / "site_src", target / "site_src")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small, valid project (one article, two claims) to break in tests."""
    return copy_project(FIXTURE_PROJECT, tmp_path / "project")


@pytest.fixture
def corpus_project_with_patterns(project: Path) -> Path:
    """The fixture project with the repository's boilerplate patterns."""
    shutil.copy(REPO / "annotations" / "boilerplate.yaml", project / "annotations" / "boilerplate.yaml")
    return project


def copy_repo(target: Path) -> Path:
    """A copy of the committed corpus with what it needs to build."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("corpus", "annotations", "site_src"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def cli():
    def run(*args: str, input: str | bytes | None = None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def add_article(root: Path, article_id: str, paragraphs: list[str], *, language: str = "de") -> None:
    """A new article in a project: received file, article.yaml, and its entry in sources.yaml."""
    import hashlib

    import yaml

    folder = root / "corpus" / article_id
    folder.mkdir(parents=True)
    raw = "\n".join(paragraphs).encode("utf-8")
    (folder / "received.txt").write_bytes(raw)
    data = {
        "id": article_id,
        "language": language,
        "title": f"Titel {article_id}",
        "working_title": f"Title {article_id}",
        "publisher": "Test",
        "author": "Test",
        "published": "2024",
        "url": "https://example.org/" + article_id,
        "source": article_id,
        "received": {
            "file": "received.txt",
            "sha256": hashlib.sha256(raw).hexdigest(),
            "original_name": "x.txt",
        },
        "paragraphs": [{"id": f"p{i}", "kind": "paragraph", "text": t} for i, t in enumerate(paragraphs, 1)],
    }
    header = "# yaml-language-server: $schema=../../scripts/glossator/schemas/article.schema.json\n"
    (folder / "article.yaml").write_text(
        header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8"
    )
    sources = root / "annotations" / "sources.yaml"
    entry = (
        f"  - id: {article_id}\n    type: news_report\n    label: {article_id}\n    article: {article_id}\n"
        "    reliability: {grade: C, rationale: test}\n"
    )
    sources.write_text(sources.read_text("utf-8").replace("sources:\n", "sources:\n" + entry, 1), "utf-8")


@pytest.fixture
def fake_deepl(monkeypatch):
    """A fake DeepL server on 127.0.0.1, with the environment pointing the real client at it and
    the client's retries and timeouts set low so that fault tests stay fast."""
    import deepl

    from fake_deepl import FakeDeepL

    fake = FakeDeepL().start()
    monkeypatch.setenv("DEEPL_AUTH_KEY", "test-key")
    monkeypatch.setenv("DEEPL_SERVER_URL", fake.url)
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 0)
    monkeypatch.setattr(deepl.http_client, "min_connection_timeout", 1.0)
    yield fake
    fake.stop()


def add_correction(root: Path, article_id: str, content: bytes, name: str = "page.html") -> str:
    """Record a correction of an article as the ingest step does (shared decision 1 of issue 7):
    the new file under versions/, the old `received` entry moved to `versions`. Only the
    `received` block of article.yaml is edited. Returns the new file's path in the folder."""
    import hashlib
    import re

    folder = root / "corpus" / article_id
    number = len(list((folder / "versions").glob("*"))) + 2 if (folder / "versions").is_dir() else 2
    new_file = f"versions/{number}.{name.rsplit('.', 1)[-1]}"
    (folder / "versions").mkdir(exist_ok=True)
    (folder / new_file).write_bytes(content)
    path = folder / "article.yaml"
    text = path.read_text("utf-8")
    block = re.search(r"^received:\n(?:  .*\n)+", text, re.M)
    assert block, "article.yaml has a received block"
    old = block.group(0).removeprefix("received:\n")
    received = (
        f"received:\n  file: {new_file}\n  sha256: {hashlib.sha256(content).hexdigest()}\n"
        f"  original_name: {name}\n  format: {name.rsplit('.', 1)[-1]}\n  date: '2026-11-26'\n"
    )
    versions = "versions:\n" + ("  - " + old[2:]).replace("\n  ", "\n    ") + "    replaced: '2026-11-26'\n"
    path.write_text(text.replace(block.group(0), received + versions), "utf-8")
    return new_file


def project_files(root: Path) -> dict[str, bytes]:
    """Every file of the project but build/ (the lock and caches, ignored by git): to assert
    that a command wrote nothing, or exactly what it wrote."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != "build"
    }
