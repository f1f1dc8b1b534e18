"""Corrections: `glossator ingest --update` on an annotated article keeps paragraph ids, the
annotators' edits and every version received, and touches only what changed; an interrupted
ingest is completed by running it again."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
import yaml

from conftest import project_files
from glossator.check import check_corpus, errors
from glossator.ingest.align import Pair, align
from glossator.textnorm import paragraph_hash

V1 = [
    "Ein Händler aus Shenzhen verkaufte im Herbst 2024 mehrere hundert Grafikprozessoren an Kunden in Singapur.",
    "Die Lieferungen liefen nach Angaben der Zeitung über zwei Zwischenhändler in Kuala Lumpur.",
    "„Wir halten uns an alle Gesetze“, schrieb der Händler auf seinem Kanal. pic.twitter.com/AbCdEf1234",
    "Die Behörden in Singapur prüfen den Fall nach eigenen Angaben seit Anfang Dezember.",
    "Melden Sie sich jetzt für unseren täglichen Newsletter an und verpassen Sie nichts mehr.",
    "Ein Sprecher des Handelsministeriums in Peking wollte sich auf Anfrage nicht äußern.",
]
EDITED = (
    "Die Lieferungen liefen nach Angaben der Zeitung über drei Zwischenhändler in Kuala Lumpur und Bangkok."
)
ADDED = "Der Händler bestreitet inzwischen jede Beteiligung an den Lieferungen nach Singapur."
V2 = [V1[0], EDITED, V1[2], V1[4], V1[5], ADDED]  # p2 edited, p4 removed, one added at the end

TRANSLATION = """# yaml-language-server: $schema=../../scripts/glossator/schemas/translation.schema.json
# Reviewed by A. Reviewer on 2024-12-12.
article: korrektur
language: en
paragraphs:
  - id: p1
    source_hash: "{p1}"
    method: manual
    review: reviewed
    text: A trader from Shenzhen sold several hundred GPUs to customers in Singapore in autumn 2024.
  - id: p2
    source_hash: "{p2}"
    method: manual
    review: reviewed
    text: According to the newspaper, the deliveries went through two intermediaries in Kuala Lumpur.
  - id: p3
    source_hash: "{p3}"
    method: manual
    review: reviewed
    text: '"We comply with all laws," the trader wrote on his channel. pic.twitter.com/AbCdEf1234'
  - id: p4
    source_hash: "{p4}"
    method: manual
    review: reviewed
    text: The authorities in Singapore say they have been examining the case since early December.
  - id: p6
    source_hash: "{p6}"
    method: manual
    review: reviewed
    text: A spokesperson for the Ministry of Commerce in Beijing declined to comment.
"""

CLAIMS = """# yaml-language-server: $schema=../../scripts/glossator/schemas/claims.schema.json
# Claims of the article korrektur.
article: korrektur
claims:
  - id: korrektur-01
    statement: A Shenzhen trader sold several hundred GPUs to customers in Singapore in autumn 2024.
    quote:
      original: {exact: "verkaufte im Herbst 2024 mehrere hundert Grafikprozessoren"}
      translation: {exact: "sold several hundred GPUs"}
    claimant: source:korrektur
    type: event
    sources:
      - {source: korrektur, locator: p1}
    confidence: low
    rationale: One origin.
    status: unverified
    entities: []
"""


def _annotate(project: Path) -> None:
    """What an annotator does after the first ingest, by hand in an editor."""
    path = project / "corpus" / "korrektur" / "article.yaml"
    text = path.read_text("utf-8")
    text = text.replace("author: null\n", "author: Erika Muster\n")
    text = text.replace(
        "source: korrektur\n", "working_title: Trader ships GPUs to Singapore\nsource: korrektur\n"
    )
    p3, p5 = "- id: p3\n  kind: quote\n", "- id: p5\n  kind: paragraph\n"
    assert p3 in text and p5 in text, text
    text = text.replace(p3, "# The embedded post, checked on 2024-12-11.\n" + p3 + "  quote_of: demo-relay\n")
    text = text.replace(p5, "- id: p5\n  kind: boilerplate\n  reason: newsletter prompt\n")
    path.write_text(text, "utf-8")
    hashes = {f"p{i}": paragraph_hash(t) for i, t in enumerate(V1, 1)}
    (path.parent / "translation.en.yaml").write_text(TRANSLATION.format(**hashes), "utf-8")
    (project / "annotations" / "claims" / "korrektur.yaml").write_text(CLAIMS, "utf-8")


def _regions(text: str) -> list[str]:
    """For each line of an article.yaml: the top-level key it belongs to, or `paragraphs/<id>`
    for a line of a paragraph item (comments and blank lines count with what follows)."""
    node = yaml.compose(text)
    starts: list[tuple[int, str]] = []
    for key, value in node.value:
        starts.append((key.start_mark.line, key.value))
        if key.value == "paragraphs":
            for item in value.value:
                pid = next(v.value for k, v in item.value if k.value == "id")
                starts.append((item.start_mark.line, f"paragraphs/{pid}"))
    lines = text.splitlines()
    regions = []
    for number, line in enumerate(lines):
        region = "header"
        for start, name in starts:
            if start <= number:
                region = name
        if not line.strip() or line.lstrip().startswith("#"):
            later = [name for start, name in starts if start > number]
            region = later[0] if later else region
        regions.append(region)
    return regions


def _touched(before: str, after: str) -> tuple[set[str], set[str]]:
    """The regions of the old and of the new text whose lines a line diff touches."""
    old_lines, new_lines = before.splitlines(), after.splitlines()
    old_regions, new_regions = _regions(before), _regions(after)
    old_touched, new_touched = set(), set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old_lines, new_lines, autojunk=False
    ).get_opcodes():
        if tag != "equal":
            old_touched |= set(old_regions[i1:i2])
            new_touched |= set(new_regions[j1:j2])
    return old_touched, new_touched


@pytest.fixture
def annotated(project: Path, tmp_path: Path, cli) -> Path:
    v1 = tmp_path / "v1.txt"
    v1.write_text("\n".join(V1) + "\n", "utf-8")
    result = cli(
        "ingest", "--root", project, v1, "--id", "korrektur", "--lang", "de", "--publisher", "Zeitung"
    )
    assert result.exit_code == 0, result.output
    _annotate(project)
    assert [str(p) for p in errors(check_corpus(project)[1])] == []
    return project


def test_correction_keeps_ids_edits_versions_and_touches_only_what_changed(annotated, tmp_path, cli):
    before = project_files(annotated)
    v2 = tmp_path / "v2.txt"
    v2.write_text("\n".join(V2) + "\n", "utf-8")

    result = cli("ingest", "--root", annotated, v2, "--id", "korrektur", "--update")
    assert result.exit_code == 0, result.output
    assert "  Edited: p2\n  New: p7\n  Retired: p4\n" in result.output
    after = project_files(annotated)
    data = yaml.safe_load(after["corpus/korrektur/article.yaml"])

    # ids kept, the edited paragraph keeps its id, the new one gets a fresh id, p4 is retired
    assert [(p["id"], p["text"]) for p in data["paragraphs"]] == list(
        zip(["p1", "p2", "p3", "p5", "p6", "p7"], V2, strict=True)
    )
    assert data["retired"] == ["p4"]
    # the annotator's edits survive
    by_id = {p["id"]: p for p in data["paragraphs"]}
    assert (by_id["p3"]["kind"], by_id["p3"]["quote_of"]) == ("quote", "demo-relay")
    assert (by_id["p5"]["kind"], by_id["p5"]["reason"]) == ("boilerplate", "newsletter prompt")
    assert (data["author"], data["working_title"], data["publisher"]) == (
        "Erika Muster",
        "Trader ships GPUs to Singapore",
        "Zeitung",
    )
    # every version kept: the first one byte for byte where it was, the new one beside it
    assert after["corpus/korrektur/received.txt"] == before["corpus/korrektur/received.txt"]
    assert after["corpus/korrektur/versions/2.txt"] == v2.read_bytes()
    assert data["received"]["file"] == "versions/2.txt"
    first = yaml.safe_load(before["corpus/korrektur/article.yaml"])["received"]
    assert data["versions"] == [{**first, "replaced": data["received"]["date"]}]
    # translation and claims untouched byte for byte; nothing else in the project changed
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {"corpus/korrektur/article.yaml", "corpus/korrektur/versions/2.txt"}
    # check shows the reviewed translation of the edited paragraph as stale (and nothing of p1)
    problems = [str(p) for p in check_corpus(annotated)[1]]
    assert any("stale translation: source paragraph p2 changed" in p for p in problems), problems
    assert not any("source paragraph p1 " in p for p in problems), problems
    # the diff of article.yaml touches only the changed paragraphs and the version records
    old_touched, new_touched = _touched(
        before["corpus/korrektur/article.yaml"].decode(), after["corpus/korrektur/article.yaml"].decode()
    )
    assert old_touched == {"received", "paragraphs/p2", "paragraphs/p4"}
    assert new_touched == {"received", "versions", "retired", "paragraphs/p2", "paragraphs/p7"}
    assert (
        "# The embedded post, checked on 2024-12-11.\n- id: p3\n"
        in after["corpus/korrektur/article.yaml"].decode()
    )
    from ruamel.yaml import YAML

    from glossator.yamlio import Loader

    text = after["corpus/korrektur/article.yaml"].decode()
    assert YAML(typ="safe", pure=True).load(text) == yaml.load(text, Loader=Loader), "YAML 1.2 reads the same"


def test_translate_after_a_correction_bills_the_new_paragraph_and_keeps_the_reviewed_one(
    annotated, tmp_path, cli, fake_deepl
):
    v2 = tmp_path / "v2.txt"
    v2.write_text("\n".join(V2) + "\n", "utf-8")
    assert cli("ingest", "--root", annotated, v2, "--id", "korrektur", "--update").exit_code == 0
    result = cli("translate", "--root", annotated, "korrektur")
    assert result.exit_code == 0, result.output
    sent = [text for call in fake_deepl.calls("/v2/translate") for text in call["text"]]
    assert sent == [ADDED], "only the new paragraph is billed; the edited reviewed one is not"
    translation = yaml.safe_load((annotated / "corpus" / "korrektur" / "translation.en.yaml").read_text())
    by_id = {p["id"]: p for p in translation["paragraphs"]}
    assert (by_id["p2"]["review"], by_id["p2"]["source_hash"]) == ("reviewed", paragraph_hash(V1[1]))
    assert "two intermediaries" in by_id["p2"]["text"]
    assert by_id["p7"]["method"] == "deepl"


def test_ingest_reads_no_other_article(project, tmp_path, cli, monkeypatch):
    """What keeps one ingest as fast with 5,000 articles as with 5: no other article.yaml is
    read, and only received files of the same size are hashed."""
    import io

    from conftest import add_article

    for number in range(20):
        add_article(project, f"other-{number}", [f"Absatz {number} eines anderen Artikels über Chips."] * 3)
    source = tmp_path / "neu.txt"
    source.write_text("\n".join(V1) + "\n", "utf-8")
    opened: list[str] = []
    real_open = io.open

    def spying_open(file, *args, **kwargs):
        opened.append(Path(file).as_posix() if isinstance(file, (str, Path)) else str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", spying_open)
    result = cli("ingest", "--root", project, source, "--id", "neu", "--lang", "de")
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    corpus = (project / "corpus").as_posix()
    others = [
        n
        for n in opened
        if n.startswith(corpus + "/") and not n.startswith((f"{corpus}/.neu.", f"{corpus}/neu/"))
    ]
    assert others == []
    assert any(n.startswith(f"{corpus}/.neu.") for n in opened), "the spy sees the files ingest writes"


def test_every_earlier_version_is_recognised_and_a_third_version_numbers_on(annotated, tmp_path, cli):
    v1, v2, v3 = (tmp_path / f"v{i}.txt" for i in (1, 2, 3))
    v2.write_text("\n".join(V2) + "\n", "utf-8")
    v3.write_text(
        "\n".join([*V2, "Ein weiterer Absatz, der in der dritten Fassung hinzukam."]) + "\n", "utf-8"
    )
    assert cli("ingest", "--root", annotated, v2, "--id", "korrektur", "--update").exit_code == 0
    again = cli("ingest", "--root", annotated, v1, "--id", "korrektur", "--update")
    assert again.exit_code == 0
    assert "Nothing changed" in again.output and "version 1 (received.txt, replaced on" in again.output
    third = cli("ingest", "--root", annotated, v3, "--id", "korrektur", "--update")
    assert third.exit_code == 0, third.output
    data = yaml.safe_load((annotated / "corpus" / "korrektur" / "article.yaml").read_text())
    assert [v["file"] for v in data["versions"]] == ["received.txt", "versions/2.txt"]
    assert data["received"]["file"] == "versions/3.txt"
    assert data["paragraphs"][-1]["id"] == "p8", "p7 was used by the second version; p4 stays retired"


def test_a_missing_or_altered_earlier_version_stops_the_update(annotated, tmp_path, cli):
    (annotated / "corpus" / "korrektur" / "received.txt").write_text("changed by hand\n", "utf-8")
    before = project_files(annotated)
    v2 = tmp_path / "v2.txt"
    v2.write_text("\n".join(V2) + "\n", "utf-8")
    result = cli("ingest", "--root", annotated, v2, "--id", "korrektur", "--update")
    assert result.exit_code == 1
    assert "received.txt does not match the sha256 recorded for it" in result.output
    assert project_files(annotated) == before


def _fail_on(monkeypatch, name: str) -> None:
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == name:
            raise OSError(28, "No space left on device")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("failing", ["sources.yaml", "fresh", "article.yaml"])
def test_an_interrupted_ingest_is_completed_by_a_rerun(failing, annotated, tmp_path, cli, monkeypatch):
    """`fresh`: the new article's folder is the last rename; `article.yaml`: an update's last."""
    source = tmp_path / "in.txt"
    update = failing == "article.yaml"
    source.write_text("\n".join(V2 if update else [V1[0], V1[3]]) + "\n", "utf-8")
    args = ["ingest", "--root", annotated, source, "--id", "korrektur" if update else "fresh", "--lang", "de"]
    args += ["--update"] if update else []
    before = project_files(annotated)
    with monkeypatch.context() as patch:
        _fail_on(patch, failing)
        broken = cli(*args)
    assert broken.exit_code == 1
    assert f"cannot write {'corpus/' if failing == 'fresh' else ''}" in broken.output
    assert "Traceback" not in broken.output
    if failing == "sources.yaml":
        assert project_files(annotated) == before, "the first rename failed: nothing was written"
    assert not any(name.rsplit("/", 1)[-1].startswith(".") for name in project_files(annotated))

    rerun = cli(*args)
    assert rerun.exit_code == 0, rerun.output
    article_id = "korrektur" if update else "fresh"
    data = yaml.safe_load((annotated / "corpus" / article_id / "article.yaml").read_text())
    assert data["received"]["sha256"] == __import__("hashlib").sha256(source.read_bytes()).hexdigest()
    sources = yaml.safe_load((annotated / "annotations" / "sources.yaml").read_text())["sources"]
    assert [s["id"] for s in sources].count(article_id) == 1
    assert (annotated / "annotations" / "claims" / f"{article_id}.yaml").exists()
    stale = ("corpus/korrektur/translation.en.yaml", "annotations/claims/korrektur.yaml")  # by the correction
    assert [str(p) for p in errors(check_corpus(annotated)[1]) if not str(p).startswith(stale)] == []


def test_same_bytes_with_registry_entry_and_claims_missing_are_completed(project, tmp_path, cli):
    """What an ingest interrupted before this fix left behind: the article folder without its
    source entry and claims file. Running it again used to say "Nothing changed"."""
    source = tmp_path / "a.txt"
    source.write_text("\n".join(V1) + "\n", "utf-8")
    sources_before = (project / "annotations" / "sources.yaml").read_bytes()
    assert cli("ingest", "--root", project, source, "--id", "halb", "--lang", "de").exit_code == 0
    (project / "annotations" / "sources.yaml").write_bytes(sources_before)
    (project / "annotations" / "claims" / "halb.yaml").unlink()

    result = cli("ingest", "--root", project, source, "--id", "halb")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Completed an interrupted ingest")
    assert "annotations/sources.yaml (a new entry), annotations/claims/halb.yaml" in result.output
    assert [str(p) for p in errors(check_corpus(project)[1])] == []
    again = cli("ingest", "--root", project, source, "--id", "halb")
    assert again.output.startswith("Nothing changed")


# the alignment itself


def test_align_pairs_unchanged_edited_added_and_removed():
    old = ["alpha beta gamma delta", "the quick brown fox jumps", "removed entirely here", "tail end"]
    new = ["alpha beta gamma delta", "the quick brown fox jumped", "tail end", "brand new words"]
    assert align(old, new) == [
        Pair(0, 0, 1.0),
        Pair(1, 1, align(old[1:2], new[1:2])[0].ratio),
        Pair(2, None),
        Pair(3, 2, 1.0),
        Pair(None, 3),
    ]
    assert 0.6 <= align(old[1:2], new[1:2])[0].ratio < 1.0


def test_align_never_crosses_and_prefers_identical_texts():
    # the same paragraph moved: only one of its places can keep the id (no crossing pairs)
    pairs = align(
        ["a long first paragraph", "second one here"], ["second one here", "a long first paragraph"]
    )
    matched = [(p.old, p.new) for p in pairs if p.old is not None and p.new is not None]
    assert len(matched) == 1
    # an identical text wins over a merely similar one
    pairs = align(
        ["Das sei legal, sagte Muster."], ["Das sei legal, sagte Muster!", "Das sei legal, sagte Muster."]
    )
    assert [(p.old, p.new) for p in pairs] == [(None, 0), (0, 1)]


def test_align_every_index_exactly_once():
    old = ["x" * 10, "y" * 10, "z" * 10]
    new = ["y" * 10, "w" * 10, "x" * 10, "z" * 9 + "q"]
    pairs = align(old, new)
    assert sorted(p.old for p in pairs if p.old is not None) == [0, 1, 2]
    assert sorted(p.new for p in pairs if p.new is not None) == [0, 1, 2, 3]
    assert [p.new for p in pairs if p.new is not None] == [0, 1, 2, 3]


def test_merge_gives_new_paragraphs_ids_above_every_retired_one():
    from glossator.ingest.update import merge_paragraphs

    old = [
        {"id": "p1", "kind": "paragraph", "text": "Erster Absatz mit genug Worten."},
        {"id": "p2", "kind": "boilerplate", "reason": "ad", "text": "Jetzt Abo sichern!"},
    ]
    new = [
        {"id": "p1", "kind": "paragraph", "text": "Erster Absatz mit genug Worten."},
        {"id": "p2", "kind": "paragraph", "text": "Ganz neu und anders."},
    ]
    items, retired, changes = merge_paragraphs(old, ["p9"], new)
    assert items == [old[0], {"id": "p10", "kind": "paragraph", "text": "Ganz neu und anders."}]
    assert retired == ["p9", "p2"]
    assert (changes.kept, changes.edited, changes.added, changes.retired) == (["p1"], [], ["p10"], ["p2"])


def test_align_compares_in_full_only_paragraphs_that_share_word_pairs(monkeypatch):
    """Aligning long articles stays cheap: unrelated paragraphs are told apart by their word
    pairs, and only near ones get the full (quadratic) comparison."""
    import random

    from glossator.ingest import align as module

    rng = random.Random(7)
    vocabulary = [f"wort{n}" for n in range(300)]
    old = [" ".join(rng.choice(vocabulary) for _ in range(80)) for _ in range(100)]
    new = [*old[:50], old[50] + " ergänzt", *old[52:], "ein ganz neuer Absatz am Ende"]
    compared = []
    real = module.SequenceMatcher

    def counting(*args, **kwargs):
        compared.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "SequenceMatcher", counting)
    pairs = align(old, new)
    assert len(compared) < 20, "only the edited paragraph and a few near ones are compared in full"
    assert Pair(51, None) in pairs and Pair(None, 99) in pairs
    assert [p.old for p in pairs if p.new == 50] == [50]


def test_update_fills_only_empty_metadata_or_what_is_given(annotated, tmp_path, cli):
    page = tmp_path / "v2.html"
    body = "".join(f"<p>{text}</p>" for text in V2)
    page.write_text(
        '<html lang="de"><head><meta property="og:title" content="Ein anderer Titel">'
        '<meta name="author" content="Jemand Anderes">'
        '<link rel="canonical" href="https://example.org/korrigiert"></head>'
        f"<body><article>{body}</article></body></html>",
        "utf-8",
    )
    path = annotated / "corpus" / "korrektur" / "article.yaml"
    path.write_text(
        path.read_text("utf-8").replace("title: null\n", "title: Händler liefert Chips\n"), "utf-8"
    )
    result = cli(
        "ingest", "--root", annotated, page, "--id", "korrektur", "--update", "--publisher", "Neue Zeitung"
    )
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(path.read_text("utf-8"))
    assert data["title"] == "Händler liefert Chips", "filled in by the annotator: kept"
    assert data["author"] == "Erika Muster", "filled in by the annotator: kept"
    assert data["url"] == "https://example.org/korrigiert", "empty before: filled from the page"
    assert data["publisher"] == "Neue Zeitung", "given on the command line: set"
    assert "url" not in (data.get("notes") or {}), "the standard 'not given' note goes once it is known"
    assert (data["received"]["file"], data["received"]["format"]) == ("versions/2.html", "html")
    assert [p["id"] for p in data["paragraphs"]] == ["p1", "p2", "p3", "p5", "p6", "p7"]
