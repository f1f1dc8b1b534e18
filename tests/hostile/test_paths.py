"""Nothing outside the project is read, written or deleted, whatever the input names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossator.build import build_site
from glossator.check import check_corpus
from glossator.problems import InputError


def test_site_dir_may_not_be_the_project(project: Path):
    with pytest.raises(InputError, match="it holds the project itself"):
        build_site(project, site_dir=project, progress=lambda _: None)
    with pytest.raises(InputError, match="it holds the project itself"):
        build_site(project, site_dir=project.parent, progress=lambda _: None)
    assert (project / "corpus").is_dir() and (project / "annotations").is_dir()


def test_site_dir_with_other_content_is_refused_and_kept(project: Path, tmp_path: Path):
    other = tmp_path / "holiday-photos"
    other.mkdir()
    (other / "beach.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(InputError, match="is not a site Glossator built"):
        build_site(project, site_dir=other, progress=lambda _: None)
    assert [p.name for p in other.iterdir()] == ["beach.jpg"]


def test_a_previous_site_is_replaced(project: Path, tmp_path: Path):
    out = tmp_path / "out"
    build_site(project, site_dir=out, progress=lambda _: None)
    (out / "stale.html").write_text("old")
    build_site(project, site_dir=out, progress=lambda _: None)
    assert not (out / "stale.html").exists() and (out / "articles" / "demo-article.html").is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == ["out", "project"], "no staging folder is left"


def test_a_site_link_out_of_the_project_is_refused(project: Path, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    (project / "site").symlink_to(outside)
    with pytest.raises(InputError, match="symbolic link"):
        build_site(project, progress=lambda _: None)
    assert (outside / "keep.txt").read_text() == "mine"


def test_check_does_not_read_a_link_out_of_the_project(project: Path, tmp_path: Path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("article: demo-article\nclaims: []\nPRIVATE KEY: xyz\n")
    claims = project / "annotations" / "claims" / "demo-article.yaml"
    claims.unlink()
    claims.symlink_to(secret)
    _, problems = check_corpus(project)
    assert [str(p) for p in problems] == [
        "annotations/claims/demo-article.yaml: is a link to a file outside the project; refused "
        "(replace it with the file itself)"
    ]


def test_check_does_not_hang_on_a_fifo(project: Path):
    claims = project / "annotations" / "claims" / "demo-article.yaml"
    claims.unlink()
    os.mkfifo(claims)
    _, problems = check_corpus(project)
    assert [str(p) for p in problems] == [
        "annotations/claims/demo-article.yaml: is not a regular file (a FIFO, socket or device); refused"
    ]


def test_ci_ignores_a_planted_parse_cache(project: Path, monkeypatch):
    """A pull request could commit build/cache/ entries that describe a broken file as valid."""
    from glossator.parsecache import ParseCache

    claims = project / "annotations" / "claims" / "demo-article.yaml"
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GLOSSATOR_NO_CACHE", raising=False)
    check_corpus(project)  # fills the cache with the valid file
    good = ParseCache(project).get(ParseCache.digest(claims.read_bytes()))
    broken = claims.read_text("utf-8").replace("confidence: low", "confidence: sure")
    claims.write_text(broken, "utf-8")
    ParseCache(project).put(ParseCache.digest(broken.encode()), good)  # the planted entry
    assert check_corpus(project)[1] == [], "a person's own cache is trusted"
    monkeypatch.setenv("CI", "true")
    assert [p.message.split(":")[0] for p in check_corpus(project)[1]] == ["$.claims[0].confidence"]


def test_a_link_in_site_src_is_not_published(project: Path, tmp_path: Path):
    """A link in site_src/ once published the build's environment (DEEPL_AUTH_KEY) and SSH keys."""
    secret = tmp_path / "environ"
    secret.write_text("DEEPL_AUTH_KEY=secret")
    pages = project / "site_src" / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "env.md").symlink_to(secret)
    with pytest.raises(InputError, match="site_src/pages/env.md: is a symbolic link"):
        build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    assert not (tmp_path / "site").exists()


def test_a_rebuild_writes_only_what_changed(project: Path, tmp_path: Path):
    build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    docs = project / "build" / "docs"
    stamps = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    (docs / "stale.md").write_text("no longer generated")
    claims = project / "annotations" / "claims" / "demo-article.yaml"
    claims.write_text(claims.read_text("utf-8").replace("Quoted directly.", "Quoted directly, twice."))
    build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    changed = sorted(p.relative_to(docs).as_posix() for p, t in stamps.items() if p.stat().st_mtime_ns != t)
    assert changed == ["articles/demo-article.md"], "only the page showing the rationale"
    assert not (docs / "stale.md").exists()


def test_a_build_folder_linking_out_of_the_project_is_refused(project: Path, tmp_path: Path):
    """build/ holds the lock, the cache and the generated docs: a committed link there once
    made `build` delete and overwrite a folder outside the project."""
    from conftest import project_files

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    (project / "build").symlink_to(outside)
    before = project_files(project)
    from click.testing import CliRunner

    from glossator.cli import main

    result = CliRunner().invoke(main, ["build", "--root", str(project)])
    assert result.exit_code == 1
    assert "build/ is a symbolic link; refused" in result.output
    assert [p.name for p in outside.iterdir()] == ["keep.txt"] and (
        outside / "keep.txt"
    ).read_text() == "mine"
    assert project_files(project) == before
