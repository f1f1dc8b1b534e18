"""The generated docs folder (build/docs): a rebuild writes only what changed, a failed or
interrupted build leaves it as it was, the staging folders of killed builds are cleared, and
links planted in it are removed, never written through."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossator.build import GENERATED_DOCS, generate_docs
from glossator.docsdir import MARKER
from glossator.problems import InputError
from glossator.render import pages


def tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder`: its bytes and its inode (a rewritten file gets a new one)."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stagings(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "build").iterdir() if p.name.startswith(".docs."))


def test_a_second_run_writes_nothing_and_a_change_writes_only_what_it_changes(project: Path) -> None:
    docs = project / GENERATED_DOCS
    first = generate_docs(project, docs)
    assert first.pages > 5 and first.written == len(tree(docs))
    before = tree(docs)
    assert generate_docs(project, docs).written == 0
    assert tree(docs) == before

    claims = project / "annotations" / "claims" / "demo-article.yaml"
    claims.write_text(
        claims.read_text("utf-8").replace("confidence: low", "confidence: moderate", 1), "utf-8"
    )
    again = generate_docs(project, docs)
    after = tree(docs)
    changed = {name for name in after if after[name] != before.get(name)}
    assert again.written == len(changed)
    assert any(name.startswith("claims/") for name in changed)
    untouched = [
        name for name in before if name.startswith("assets/") or name.startswith("data/corpus.schema")
    ]
    assert untouched and all(after[name] == before[name] for name in untouched)
    assert stagings(project) == []


def test_a_failing_check_leaves_the_docs_folder_as_it_was(project: Path) -> None:
    docs = project / GENERATED_DOCS
    generate_docs(project, docs)
    before = tree(docs)
    claims = project / "annotations" / "claims" / "demo-article.yaml"
    claims.write_text(claims.read_text("utf-8").replace("confidence: low", "confidence: sure"), "utf-8")
    with pytest.raises(InputError):
        generate_docs(project, docs)
    assert tree(docs) == before
    assert stagings(project) == []


def test_an_interrupted_generation_leaves_the_docs_folder_as_it_was(project: Path, monkeypatch) -> None:
    docs = project / GENERATED_DOCS
    generate_docs(project, docs)
    before = tree(docs)
    claims = project / "annotations" / "claims" / "demo-article.yaml"
    claims.write_text(
        claims.read_text("utf-8").replace("confidence: low", "confidence: moderate", 1), "utf-8"
    )

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C while the pages of sources are made

    monkeypatch.setattr(pages, "render_source", interrupted)
    with pytest.raises(KeyboardInterrupt):
        generate_docs(project, docs)
    assert tree(docs) == before
    assert stagings(project) == []


def test_the_staging_folder_of_a_killed_build_is_removed_and_no_other_folder(project: Path) -> None:
    build = project / "build"
    build.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    killed = build / ".docs.killed1"
    (killed / "articles").mkdir(parents=True)
    (killed / "articles" / "x.md").write_text("half")
    (killed / MARKER).write_text(dead.stdout)
    running = build / ".docs.running1"
    running.mkdir()
    (running / MARKER).write_text(f"{os.getpid()}\n")  # a build still running (this process)
    someone = build / ".docs.notes"
    someone.mkdir()
    (someone / "mine.txt").write_text("not the tool's")  # no marker: not made by a build
    generate_docs(project, project / GENERATED_DOCS)
    assert not killed.exists()
    assert running.is_dir() and (someone / "mine.txt").read_text() == "not the tool's"


def test_links_planted_in_the_docs_folder_are_removed_not_followed(project: Path, tmp_path: Path) -> None:
    docs = project / GENERATED_DOCS
    generate_docs(project, docs)
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("keep me")
    page = next(p for p in docs.rglob("*.md") if p.parent != docs)
    name = page.relative_to(docs).as_posix()
    page.unlink()
    page.symlink_to(secret)  # a generated page replaced by a link out of the project
    (docs / "elsewhere").symlink_to(outside, target_is_directory=True)
    generate_docs(project, docs)
    assert secret.read_text() == "keep me" and sorted(os.listdir(outside)) == ["secret.txt"]
    assert not (docs / "elsewhere").exists() and not (docs / "elsewhere").is_symlink()
    assert not (docs / name).is_symlink() and (docs / name).read_text("utf-8").startswith("---")


def test_a_docs_folder_made_a_link_while_building_is_refused_and_nothing_outside_is_touched(
    project: Path, tmp_path: Path
) -> None:
    from glossator.docsdir import DocsStage

    docs = project / GENERATED_DOCS
    generate_docs(project, docs)
    stage = DocsStage(docs)
    stage.put("articles/new.md", b"new page")
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True)
    (victim / "sub" / "thesis.tex").write_text("years of work")
    docs.rename(project / "build" / "docs.real")
    docs.symlink_to(victim, target_is_directory=True)  # swapped while the pages were made
    with pytest.raises(InputError, match="symbolic link"):
        stage.commit({"articles/new.md"})
    assert sorted(p.relative_to(victim).as_posix() for p in victim.rglob("*")) == ["sub", "sub/thesis.tex"]
    assert (victim / "sub" / "thesis.tex").read_text() == "years of work"


def test_a_linked_docs_subfolder_with_the_same_pages_is_replaced_by_real_files(project: Path, tmp_path: Path):
    docs = project / GENERATED_DOCS
    generate_docs(project, docs)
    copy = tmp_path / "copy"
    shutil.copytree(docs / "sources", copy)
    shutil.rmtree(docs / "sources")
    (docs / "sources").symlink_to(copy, target_is_directory=True)
    generate_docs(project, docs)
    assert not (docs / "sources").is_symlink()
    assert sorted(p.name for p in (docs / "sources").iterdir()) == sorted(p.name for p in copy.iterdir())
    assert all(p.is_file() and not p.is_symlink() for p in (docs / "sources").iterdir())


def test_pages_reach_a_docs_folder_on_another_file_system(project: Path, monkeypatch) -> None:
    import errno

    from glossator import docsdir

    def cross_device(source, target):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(docsdir.os, "replace", cross_device)
    docs = project / GENERATED_DOCS
    made = generate_docs(project, docs)
    assert made.written > 5 and (docs / "articles" / "demo-article.md").read_text("utf-8").startswith("---")
    assert stagings(project) == []
