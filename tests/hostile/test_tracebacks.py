"""Class 9 of issue 8, "17 tracebacks": input that once ended in a Python traceback ends in one
located message and exit 1 (the `cli` fixture lets any exception through, so a traceback fails
the test). A malformed DEEPL_SERVER_URL and a read-only project for `translate` are in
test_billing.py."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hostile_helpers import read_only_run

from conftest import project_files

CLAIMS = Path("annotations/claims/demo-article.yaml")
ARTICLE = Path("corpus/demo-article/article.yaml")
TEXT = "Der Händler verkaufte zehn Chips in Singapur an eine Firma.\nDas sei legal, sagte er am Montag.\n"


def test_an_unreadable_corpus_folder(project, cli, monkeypatch):
    real = os.scandir
    corpus = project / "corpus"

    def scandir(path="."):
        if Path(path) == corpus:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    for command in ("check", "build"):
        result = cli(command, "--root", project)
        assert result.exit_code == 1
        assert result.output.strip() == (
            f"{corpus}: Permission denied; stopped. Files are written whole or not at all: "
            "run the command again once this is fixed"
        )
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        (
            ARTICLE,
            "id: demo-article",
            "id: [demo-article, x]",
            "2:5: $.id: ['demo-article', 'x'] is not of type 'string'",
        ),
        (
            CLAIMS,
            "article: demo-article",
            "article: [demo-article]",
            "2:10: $.article: ['demo-article'] is not of type 'string'",
        ),
    ],
    ids=["article-id", "claims-article"],
)
def test_a_list_where_an_id_belongs(path, old, new, message, project, cli):
    file = project / path
    file.write_text(file.read_text("utf-8").replace(old, new, 1), "utf-8")
    for command in ("check", "build"):
        result = cli(command, "--root", project)
        assert result.exit_code == 1
        assert f"{path.as_posix()}:{message}" in result.output
    assert not (project / "site").exists()


def test_a_self_referencing_alias(project, cli):
    file = project / CLAIMS
    lines = len(file.read_text("utf-8").splitlines())
    file.write_text(file.read_text("utf-8") + "x: &a [*a]\n", "utf-8")
    result = cli("check", "--root", project)
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"{CLAIMS}:{lines + 1}:4: anchor '&a': anchors, aliases, tags and merge keys are not allowed; write the value out in full",
        f"{CLAIMS}:{lines + 1}:8: alias '*a': anchors, aliases, tags and merge keys are not allowed; write the value out in full",
    ]


@pytest.mark.parametrize("args", [("check",), ("build",), ("translate", "--dry-run")], ids=lambda a: a[0])
def test_a_symlink_loop(args, project, cli):
    file = project / ARTICLE
    file.unlink()
    file.symlink_to(file)
    result = cli(*args, "--root", project)
    assert result.exit_code == 1
    assert f"{ARTICLE}: is a symbolic link that loops; refused" in result.output


@pytest.mark.parametrize(
    ("folder", "args", "message"),
    [
        (".", ("build",), "cannot create the lock file build/glossator.lock ("),
        (
            ".",
            ("ingest", "{source}", "--id", "neu", "--lang", "de"),
            "cannot create the lock file build/glossator.lock (",
        ),
        ("corpus", ("ingest", "{source}", "--id", "neu", "--lang", "de"), "cannot write corpus/neu/: "),
        (
            "annotations",
            ("ingest", "{source}", "--id", "neu", "--lang", "de"),
            "cannot write annotations/sources.yaml",
        ),
    ],
    ids=["build", "ingest", "ingest-corpus", "ingest-annotations"],
)
def test_a_read_only_project(folder, args, message, project, tmp_path):
    source = tmp_path / "article.txt"
    source.write_text(TEXT)
    (project / "build").mkdir(exist_ok=True)
    before = project_files(project)
    result = read_only_run(project / folder, *(a.format(source=source) for a in args), "--root", str(project))
    assert result.returncode == 1, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert project_files(project) == before


def _disk_full(monkeypatch, inside: Path) -> None:
    """Every file written under `inside` fails as on a full disk."""
    real = Path.write_bytes

    def write_bytes(self, data):
        if self.is_relative_to(inside):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_a_full_disk_during_ingest(project, cli, tmp_path, monkeypatch):
    source = tmp_path / "article.txt"
    source.write_text(TEXT)
    before = project_files(project)
    _disk_full(monkeypatch, project)
    result = cli("ingest", "--root", project, source, "--id", "neu", "--lang", "de")
    assert result.exit_code == 1
    assert result.output.strip() == "cannot write corpus/neu/: No space left on device; nothing was changed"
    assert project_files(project) == before
    assert not [p for p in (project / "corpus").iterdir() if p.name.startswith(".")], "no staging left"


def test_a_full_disk_during_build_keeps_the_old_site(project, cli, tmp_path, monkeypatch):
    site = tmp_path / "site"
    assert cli("build", "--root", project, "--site-dir", site).exit_code == 0
    old = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    page = project / "build" / "docs" / "articles" / "demo-article.md"
    page.unlink()  # so that the rebuild has a page to write
    _disk_full(monkeypatch, project / "build")
    result = cli("build", "--root", project, "--site-dir", site)
    assert result.exit_code == 1
    assert f"{page}: No space left on device; stopped." in result.output
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == old
    assert not page.exists()  # the docs folder as it was: nothing half-written moved into it
    assert [p.name for p in (project / "build").iterdir() if p.name.startswith(".docs.")] == []


def test_a_nul_byte_is_reported_where_it_is(project, cli):
    """It was reported at 1:1 with a hint about tabs."""
    file = project / CLAIMS
    lines = file.read_text("utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace("quote:", "quote:\x00", 1)
    file.write_text("".join(lines), "utf-8")
    result = cli("check", "--root", project)
    assert result.exit_code == 1
    column = lines[5].index("\x00") + 1
    assert result.output.splitlines()[0] == (
        f"{CLAIMS}:6:{column}: the character U+0000 (a control character) is not allowed in a YAML file: remove it"
    )


def test_an_unreadable_claims_folder_is_reported_not_skipped(project, cli, monkeypatch):
    # A glob finds nothing in a folder it cannot read: `check` said OK without the claims.
    real = os.scandir
    claims = project / "annotations" / "claims"

    def scandir(path="."):
        if Path(path) == claims:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("check", "--root", project)
    assert result.exit_code == 1
    assert (
        "annotations/claims: cannot read the folder: Permission denied; no claim was checked" in result.output
    )


def test_an_article_folder_that_is_a_link_is_reported_not_followed(project, cli):
    outside = project.parent / "elsewhere"
    (project / "corpus" / "demo-article").rename(outside)
    (project / "corpus" / "demo-article").symlink_to(outside, target_is_directory=True)
    (project / "corpus" / "loop").symlink_to(project / "corpus" / "loop")
    result = cli("check", "--root", project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "corpus/demo-article: is a symbolic link; an article must be a folder in corpus/ (not followed)"
        in lines
    )
    assert "corpus/loop: is a symbolic link; an article must be a folder in corpus/ (not followed)" in lines
