"""`glossator rename`: every reference rewritten, the diff only those lines, the old address kept
(annotations/redirects.yaml and alias anchors in the built site), and bad input refused with
nothing written."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from glossator.check import check_corpus
from glossator.rename.references import FIELDS, NOT_RENAMED


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repo(project: Path) -> Path:
    (project / ".gitignore").write_text("build/\nsite/\n", "utf-8")  # as in the repository
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "start")
    return project


def changed_lines(root: Path) -> tuple[list[str], list[str]]:
    """The removed and added lines of the working tree's diff against the last commit."""
    diff = git(root, "diff", "-U0")
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts and "build" not in p.parts
    }


def test_rename_entity_changes_only_the_lines_with_the_id(repo: Path, cli) -> None:
    result = cli("rename", "--root", repo, "entity", "max-muster", "max-mustermann")
    assert result.exit_code == 0, result.output
    assert "4 place(s) in 2 file(s)" in result.output
    removed, added = changed_lines(repo)
    # the definition, the claimant and two `entities:` lists (one in flow style [a, b])
    assert removed == [
        "    entities: [max-muster, singapore]",
        "    claimant: entity:max-muster",
        "    entities: [max-muster]",
        "  - id: max-muster",
    ]
    assert added == [line.replace("max-muster", "max-mustermann") for line in removed]
    redirects = yaml.safe_load((repo / "annotations" / "redirects.yaml").read_text("utf-8"))
    assert redirects == {"entities": [{"from": "max-muster", "to": "max-mustermann"}]}
    _, problems = check_corpus(repo)
    assert [str(p) for p in problems] == []


def test_rename_source_rewrites_claims_sources_via_and_article(repo: Path, cli) -> None:
    result = cli("rename", "--root", repo, "source", "demo-article", "demo-report")
    assert result.exit_code == 0, result.output
    removed, added = changed_lines(repo)
    assert len(removed) == len(added) and all("demo-article" in line for line in removed)
    assert added == [line.replace("demo-article", "demo-report") for line in removed]
    files = git(repo, "diff", "--name-only").split()
    assert files == [
        "annotations/claims/demo-article.yaml",
        "annotations/sources.yaml",
        "corpus/demo-article/article.yaml",
    ]
    assert "source: demo-report" in (repo / "corpus/demo-article/article.yaml").read_text("utf-8")
    _, problems = check_corpus(repo)
    assert [str(p) for p in problems] == []


def test_rename_twice_and_back_keeps_every_old_address_leading_to_the_item(repo: Path, cli) -> None:
    assert cli("rename", "--root", repo, "claim", "demo-01", "demo-sale").exit_code == 0
    assert cli("rename", "--root", repo, "claim", "demo-sale", "demo-sale-2024").exit_code == 0
    redirects = yaml.safe_load((repo / "annotations" / "redirects.yaml").read_text("utf-8"))
    assert redirects["claims"] == [
        {"from": "demo-01", "to": "demo-sale-2024"},
        {"from": "demo-sale", "to": "demo-sale-2024"},
    ]
    assert cli("rename", "--root", repo, "claim", "demo-sale-2024", "demo-01").exit_code == 0
    redirects = yaml.safe_load((repo / "annotations" / "redirects.yaml").read_text("utf-8"))
    assert redirects["claims"] == [
        {"from": "demo-sale", "to": "demo-01"},
        {"from": "demo-sale-2024", "to": "demo-01"},
    ]
    _, problems = check_corpus(repo)
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("entity", "max-muster", "singapore"),
            "entity 'singapore' exists already (annotations/entities.yaml:",
        ),
        (("entity", "max-mustre", "x"), "unknown entity 'max-mustre'; did you mean 'max-muster'?"),
        (("entity", "max-muster", "Max_Muster"), "'Max_Muster' is not a valid id"),
        (("claim", "demo-01", "demo-02"), "claim 'demo-02' exists already"),
        (("source", "demo-relay", "demo-relay"), "the old and the new id are the same"),
    ],
)
def test_bad_rename_is_refused_and_touches_nothing(repo: Path, cli, args, message) -> None:
    before = snapshot(repo)
    result = cli("rename", "--root", repo, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(repo) == before


def test_a_yaml_error_in_any_file_refuses_the_rename(repo: Path, cli) -> None:
    sources = repo / "annotations" / "sources.yaml"
    sources.write_text(sources.read_text("utf-8") + "  - id: [unclosed\n", "utf-8")
    before = snapshot(repo)
    result = cli("rename", "--root", repo, "entity", "max-muster", "max-mustermann")
    assert result.exit_code == 1
    assert result.output.startswith("annotations/sources.yaml:")
    assert "Nothing was renamed" in result.output
    assert snapshot(repo) == before


def test_an_old_id_is_never_reused(repo: Path, cli) -> None:
    assert cli("rename", "--root", repo, "entity", "max-muster", "max-mustermann").exit_code == 0
    before = snapshot(repo)
    result = cli("rename", "--root", repo, "entity", "singapore", "max-muster")
    assert result.exit_code == 1
    assert "'max-muster' was an entity id before" in result.output
    assert "ids are never reused" in result.output
    assert snapshot(repo) == before
    result = cli("rename", "--root", repo, "entity", "max-muster", "x")
    assert "it was renamed to 'max-mustermann'" in result.output


def test_crlf_and_byte_order_mark_survive(repo: Path, cli) -> None:
    path = repo / "annotations" / "entities.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert cli("rename", "--root", repo, "entity", "singapore", "singapur").exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"- id: singapur\r\n" in raw


def test_old_addresses_work_in_the_built_site(repo: Path, cli, tmp_path: Path) -> None:
    for kind, old, new in (
        ("entity", "max-muster", "max-mustermann"),
        ("source", "demo-relay", "demo-relay-post"),
        ("claim", "demo-01", "demo-sale"),
    ):
        assert cli("rename", "--root", repo, kind, old, new).exit_code == 0
    result = cli("build", "--root", repo)
    assert result.exit_code == 0, result.output
    site = repo / "site"
    for page, old, new in (
        ("entities.html", "entity-max-muster", "entity-max-mustermann"),
        ("sources.html", "source-demo-relay", "source-demo-relay-post"),
        ("claims.html", "claim-demo-01", "claim-demo-sale"),
        ("articles/demo-article.html", "claim-demo-01", "claim-demo-sale"),
    ):
        html = (site / page).read_text("utf-8")
        assert html.count(f'id="{old}"') == 1, page
        # the alias stands right before (or inside) the renamed item, so the old link lands there
        alias, item = html.index(f'id="{old}"'), html.index(f'id="{new}"')
        assert abs(alias - item) < 200, page


def _id_fields(schema: dict, node: dict, path: tuple[str, ...], found: set) -> None:
    """(path) of every property whose value is an id or a list of ids, or a claimant."""
    if not isinstance(node, dict):
        return
    ref = node.get("$ref", "")
    if ref.endswith("#/$defs/id"):
        found.add(path)
    elif ref.endswith("#/$defs/ids"):
        found.add((*path, "*"))
    elif ref.startswith("#/$defs/"):
        _id_fields(schema, schema["$defs"][ref.split("/")[-1]], path, found)
    if "(source|entity):" in node.get("pattern", ""):
        found.add(path)
    for key, value in node.get("properties", {}).items():
        _id_fields(schema, value, (*path, key), found)
    if isinstance(node.get("items"), dict):
        _id_fields(schema, node["items"], (*path, "*"), found)


@pytest.mark.parametrize("name", ["article", "translation", "claims", "sources", "entities"])
def test_every_id_field_of_the_schemas_is_known_to_rename(name: str) -> None:
    """A field added to a schema that holds an id must be added to rename's table (or said to
    name something rename does not rename); otherwise a rename would leave it dangling."""
    schema = json.loads((REPO / "scripts/glossator/schemas" / f"{name}.schema.json").read_text("utf-8"))
    found: set = set()
    _id_fields(schema, schema, (), found)
    known = {f.path for f in FIELDS if f.schema == name} | {p for s, p in NOT_RENAMED if s == name}
    assert found == known


def test_rename_the_source_ingest_made_for_a_new_article(repo: Path, cli, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Erster Absatz über Chips.\n\nZweiter Absatz über Exporte.\n", "utf-8")
    result = cli("ingest", "--root", repo, page, "--id", "chips", "--lang", "de", "--title", "Chips")
    assert result.exit_code == 0, result.output
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "ingest")
    assert cli("rename", "--root", repo, "source", "chips", "chips-report").exit_code == 0
    removed, added = changed_lines(repo)
    assert removed == ["  - id: chips", "source: chips"]  # sources.yaml, then article.yaml
    assert added == ["  - id: chips-report", "source: chips-report"]


def test_values_keep_their_quoting_and_a_plain_id_that_reads_as_another_type_is_quoted() -> None:
    from glossator.yamlsplice import replace_scalars

    text = "a: 'x'\nb: \"x\"\nc: [x, {s: x, l: p1}]\nd: x  # a comment\n"
    edits = {("a",): "yes", ("b",): "y-2", ("c", 0): "2024", ("c", 1, "s"): "z", ("d",): "null"}
    assert replace_scalars(text, edits) == (
        "a: 'yes'\nb: \"y-2\"\nc: ['2024', {s: z, l: p1}]\nd: 'null'  # a comment\n"
    )
