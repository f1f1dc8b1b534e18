"""Ingest drafts a source entry for the report of each news outlet an article cites ("Das Wall
Street Journal berichtet", "according to the Financial Times"): the outlets of
annotations/outlets.yaml and the organisation entities that publish news, named with a citing
word nearby; one draft per outlet and article, no URL, date or title invented, never twice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, project_files
from glossator.check import check_corpus, errors
from glossator.corpus import Layout
from glossator.ingest.outlets import find_citations, load_outlets
from glossator.yamledit import rewrite_yaml

SOURCES = "annotations/sources.yaml"

CITING = [
    ("Das Wall Street Journal berichtet, dass Käufer die Blockchain nutzen.", "wall-street-journal"),
    ("Laut einem Bericht des Wall Street Journal mieten Firmen Rechenleistung.", "wall-street-journal"),
    ("Die Preise steigen, wie Reuters am Montag meldete.", "reuters"),
    ("Laut Bloomberg sind die Chips längst in China.", "bloomberg"),
    ("Das berichtete die South China Morning Post unter Berufung auf Insider.", "south-china-morning-post"),
    ("Einem Bericht des Handelsblatts zufolge stocken die Gespräche.", "handelsblatt"),
    ("The chips were resold, according to the Financial Times.", "financial-times"),
    ("Two traders told Reuters that the servers were in Malaysia.", "reuters"),
    ("The Information reported on Tuesday that the cluster is in Johor.", "the-information"),
    ("Nach Angaben der Nachrichtenagentur dpa ist der Händler verschwunden.", "dpa"),
]

MENTIONS = [
    "Er liest jeden Morgen das Wall Street Journal beim Frühstück.",  # no citing word
    "Apple meldete am Dienstag Rekordumsätze in China.",  # AP inside Apple
    "He worked at Bloomberg for ten years before he joined the firm.",
    "Reuters hat ein Büro in Singapur. Laut Experten ist das üblich.",  # the cue is in the next sentence
    "Die Spiegelreflexkamera meldete einen Fehler, berichtet der Händler.",  # Spiegel inside a word
    "Laut Experten berichtet die Regierung über neue Ausfuhrregeln für Grafikprozessoren.",  # nouns only
]


@pytest.fixture
def outlets_project(corpus_project_with_patterns: Path) -> Path:
    root = corpus_project_with_patterns
    shutil.copy(REPO / "annotations" / "outlets.yaml", root / "annotations" / "outlets.yaml")
    return root


def cited(root: Path, *texts: str, kind: str = "paragraph") -> list[tuple[str, list[str], list[str]]]:
    paragraphs = [{"id": f"p{n}", "kind": kind, "text": t} for n, t in enumerate(texts, 1)]
    return [
        (c.outlet.id, c.paragraphs, c.forms) for c in find_citations(paragraphs, load_outlets(Layout(root)))
    ]


@pytest.mark.parametrize(("text", "outlet"), CITING, ids=[o + str(i) for i, (_, o) in enumerate(CITING)])
def test_a_citing_sentence_names_its_outlet(outlets_project, text, outlet):
    assert [c[0] for c in cited(outlets_project, text)] == [outlet]


@pytest.mark.parametrize("text", MENTIONS)
def test_a_mere_mention_or_a_part_of_a_word_is_not_a_citation(outlets_project, text):
    assert cited(outlets_project, text) == []


def test_an_outlet_cited_twice_is_one_citation_with_both_paragraphs(outlets_project):
    found = cited(
        outlets_project,
        "Laut Wall Street Journal wird die Praxis auch in Europa genutzt.",
        "Ein Absatz ohne Quelle.",
        "Das WSJ berichtet weiter, dass Aw Investitionen sucht.",
    )
    assert found == [("wall-street-journal", ["p1", "p3"], ["Wall Street Journal", "WSJ"])]


def test_embedded_posts_and_boilerplate_are_not_the_articles_citations(outlets_project):
    assert cited(outlets_project, "Laut Reuters ist das falsch.", kind="quote") == []
    assert cited(outlets_project, "Laut Reuters ist das falsch.", kind="boilerplate") == []


def test_without_outlets_yaml_no_word_is_taken_for_an_outlet(corpus_project_with_patterns):
    assert cited(corpus_project_with_patterns, *[t for t, _ in CITING]) == []


# --- ingest ----------------------------------------------------------------------------------

ARTICLE = (
    "Chinesische Firmen mieten Rechenleistung im Ausland, und das in großem Stil.\n"
    "Das Wall Street Journal berichtet, dass Käufer die Blockchain zur Bezahlung nutzen.\n"
    "Er liest das Wall Street Journal jeden Morgen, sagt ein Händler aus Singapur.\n"
    "Apple meldete am Dienstag Rekordumsätze, und Spiegelreflexkameras sind teuer.\n"
    "Laut Bloomberg sind die Chips längst in China angekommen.\n"
    "Das Wall Street Journal berichtet weiter, dass Aw weitere Investitionen sucht.\n"
)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def registry(root: Path) -> dict[str, dict]:
    return {s["id"]: s for s in yaml.safe_load((root / SOURCES).read_text("utf-8"))["sources"]}


@pytest.fixture
def in_git(outlets_project: Path) -> Path:
    if shutil.which("git") is None:
        raise AssertionError("git is needed for this test (it is on every CI image)")
    git(outlets_project, "init", "-q")
    git(outlets_project, "config", "user.email", "annotator@example.org")
    git(outlets_project, "config", "user.name", "Annotator")
    git(outlets_project, "add", "-A")
    git(outlets_project, "commit", "-q", "-m", "the project")
    return outlets_project


def test_ingest_drafts_each_cited_outlet_once_and_only_adds_lines(in_git, tmp_path, cli):
    root = in_git
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    result = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "mieten", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert "Cited outlets" in result.output
    assert 'p2, p6: The Wall Street Journal (as "Wall Street Journal"): drafted as ' in result.output
    diff = git(root, "diff", "--unified=0", "--", SOURCES).splitlines()
    assert [line for line in diff if line.startswith("-") and not line.startswith("---")] == []
    drafts = {k: v for k, v in registry(root).items() if v.get("draft")}
    assert sorted(drafts) == ["bloomberg-cited-in-mieten", "wall-street-journal-cited-in-mieten"]
    wsj = drafts["wall-street-journal-cited-in-mieten"]
    assert {k: wsj[k] for k in ("type", "publisher", "title", "author", "date", "url", "via", "read")} == {
        "type": "news_report",
        "publisher": "The Wall Street Journal",
        "title": None,
        "author": None,
        "date": None,
        "url": None,
        "via": ["mieten"],
        "read": False,
    }
    assert wsj["reliability"]["grade"] == "F" and wsj["label"].startswith("Draft, not confirmed")
    assert "corpus/mieten/article.yaml, p2, p6" in wsj["notes"]["url"]
    assert "corpus/mieten/article.yaml, p2, p6" in wsj["notes"]["read"]
    _, problems = check_corpus(root)
    assert errors(problems) == []
    warned = sorted(p.message.split("'")[1] for p in problems if "is a draft made by ingest" in p.message)
    assert warned == sorted(drafts)

    # The same bytes again, and the same text as a correction: no second draft.
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "ingested")
    again = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "mieten")
    assert again.output.startswith("Nothing changed"), again.output
    (tmp_path / "a.txt").write_text(ARTICLE + "Ein neuer Absatz ohne jede Quelle am Ende.\n", "utf-8")
    update = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "mieten", "--update")
    assert update.exit_code == 0, update.output
    assert "already in the registry as 'wall-street-journal-cited-in-mieten'" in update.output
    assert git(root, "diff", "--", SOURCES) == ""


def test_a_confirmed_or_hand_written_entry_is_recognised_by_via_and_publisher(outlets_project, tmp_path, cli):
    """The committed corpus's WSJ report: a hand-written entry with its own id, `via` the
    article, publisher the outlet (or its entity). A correction citing the outlet again adds
    nothing; an outlet newly cited in the correction is drafted alone."""
    root = outlets_project
    first = "Chinesische Firmen mieten Rechenleistung im Ausland, und das in großem Stil.\n"
    (tmp_path / "a.txt").write_text(first, "utf-8")
    assert cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "mieten", "--lang", "de").exit_code == 0
    path = root / SOURCES
    path.write_text(
        path.read_text("utf-8")
        + "\n  - id: wsj-report-on-renting\n    type: news_report\n    label: WSJ report on renting compute\n"
        "    title: null\n    author: null\n    publisher: Wall Street Journal\n    date: null\n    url: null\n"
        "    reliability: {grade: B, rationale: An established newspaper.}\n    via: [mieten]\n"
        "    notes: {title: Unknown., author: Unknown., date: Unknown., url: Unknown.}\n",
        "utf-8",
    )
    before = path.read_text("utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    result = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "mieten", "--update")
    assert result.exit_code == 0, result.output
    assert "already in the registry as 'wsj-report-on-renting'" in result.output
    after = path.read_text("utf-8")
    assert after.startswith(before)
    assert [k for k, v in registry(root).items() if v.get("draft")] == ["bloomberg-cited-in-mieten"]


def test_an_organisation_entity_that_publishes_news_is_an_outlet(project, tmp_path, cli):
    """No outlets.yaml: the entity registry alone. Acme Wire publishes a news report in the
    registry, so it is an outlet; Globex, an organisation that publishes none, is not."""
    root = project
    entities = root / "annotations" / "entities.yaml"
    entities.write_text(
        entities.read_text("utf-8")
        + "  - id: acme-wire\n    type: organisation\n    names: [{name: Acme Wire, language: en}]\n"
        "    aliases: [AW]\n"
        "  - id: globex\n    type: organisation\n    names: [{name: Globex, language: en}]\n",
        "utf-8",
    )
    sources = root / SOURCES
    sources.write_text(
        sources.read_text("utf-8")
        + "  - id: acme-wire-earlier\n    type: news_report\n    label: An earlier Acme Wire report\n"
        "    title: null\n    author: null\n    publisher: Acme Wire\n    date: null\n    url: null\n"
        "    reliability: {grade: C, rationale: A test fixture.}\n    entities: [acme-wire]\n"
        "    notes: {title: Unknown., author: Unknown., date: Unknown., url: Unknown.}\n",
        "utf-8",
    )
    text = "Laut AW verkauft ein Händler die Chips.\nLaut Globex ist das legal, berichtet ein Händler.\n"
    (tmp_path / "a.txt").write_text(text, "utf-8")
    result = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "acme", "--lang", "de")
    assert result.exit_code == 0, result.output
    drafts = {k: v for k, v in registry(root).items() if v.get("draft")}
    assert list(drafts) == ["acme-wire-cited-in-acme"]
    assert drafts["acme-wire-cited-in-acme"]["entities"] == ["acme-wire"]
    assert drafts["acme-wire-cited-in-acme"]["publisher"] == "Acme Wire"
    assert errors(check_corpus(root)[1]) == []


def test_the_articles_own_publisher_is_not_drafted(outlets_project, tmp_path, cli):
    (tmp_path / "a.txt").write_text(
        "Zwei Händler sagten gegenüber Reuters, die Server stünden in Malaysia.\n"
    )
    args = ["--id", "eigen", "--lang", "de", "--publisher", "Reuters"]
    result = cli("ingest", "--root", outlets_project, tmp_path / "a.txt", *args)
    assert result.exit_code == 0, result.output
    assert "Cited outlets" not in result.output
    assert not any(v.get("draft") for v in registry(outlets_project).values())


def test_an_interrupted_first_ingest_gets_its_drafts_when_completed(outlets_project, tmp_path, cli):
    """What an ingest interrupted after corpus/<id>/ was written but before sources.yaml was
    edited leaves behind; the re-run used to add the source entry without the drafts."""
    root = outlets_project
    post = (
        "In zwei Videos zeigt der Mitbegründer Su Di die Chips in… pic.twitter.com/YGbJzjNMU5\n"
        "– Byron Wan (@Byron_Wan) , 9. Dezember 2024\n"
    )
    (tmp_path / "a.txt").write_text(ARTICLE + post, "utf-8")
    sources_before = (root / SOURCES).read_bytes()
    first = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "halb", "--lang", "de")
    assert first.exit_code == 0, first.output
    made = (root / SOURCES).read_bytes()
    (root / SOURCES).write_bytes(sources_before)
    (root / "annotations" / "claims" / "halb.yaml").unlink()

    result = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "halb")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Completed an interrupted ingest")
    assert "drafted as 'wall-street-journal-cited-in-halb'" in result.output
    assert (root / SOURCES).read_bytes() == made, "the same entry and drafts as an uninterrupted run"
    ids = [s["id"] for s in yaml.safe_load(made)["sources"]]
    assert {
        "halb",
        "x-byron-wan-2024-12-09",
        "wall-street-journal-cited-in-halb",
        "bloomberg-cited-in-halb",
    } <= set(ids)
    assert errors(check_corpus(root)[1]) == []
    assert cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "halb").output.startswith(
        "Nothing changed"
    )


def _ingest_and_delete_the_bloomberg_draft(root, tmp_path, cli) -> None:
    """The article ingested as `weg`, then its Bloomberg draft deleted by the annotator."""
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    assert cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "weg", "--lang", "de").exit_code == 0
    data = yaml.safe_load((root / SOURCES).read_text("utf-8"))
    kept = [s for s in data["sources"] if s["id"] != "bloomberg-cited-in-weg"]
    (root / SOURCES).write_text(rewrite_yaml((root / SOURCES).read_text("utf-8"), {"sources": kept}), "utf-8")


def test_a_draft_deleted_on_purpose_is_not_brought_back_by_the_same_bytes(outlets_project, tmp_path, cli):
    """The completion adds drafts only with a missing source entry: a registry holding the
    entry had its drafts written with it, and the annotator may have removed one."""
    root = outlets_project
    _ingest_and_delete_the_bloomberg_draft(root, tmp_path, cli)
    before = (root / SOURCES).read_bytes()
    again = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "weg")
    assert again.output.startswith("Nothing changed"), again.output
    assert (root / SOURCES).read_bytes() == before


def test_a_correction_drafts_only_what_its_new_or_edited_paragraphs_cite(outlets_project, tmp_path, cli):
    """A draft the annotator deleted (not a report worth recording) is not made again by a
    correction that leaves its paragraphs as they were."""
    root = outlets_project
    _ingest_and_delete_the_bloomberg_draft(root, tmp_path, cli)
    before = (root / SOURCES).read_text("utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE + "Ein neuer Absatz, laut dpa ganz ohne Folgen.\n", "utf-8")
    result = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "weg", "--update")
    assert result.exit_code == 0, result.output
    assert 'p5: Bloomberg (as "Bloomberg"): not drafted, cited only in paragraphs' in result.output
    assert "p7: dpa (as \"dpa\"): drafted as 'dpa-cited-in-weg'" in result.output
    after = (root / SOURCES).read_text("utf-8")
    assert after.startswith(before)
    assert [k for k, v in registry(root).items() if v.get("draft")] == [
        "wall-street-journal-cited-in-weg",
        "dpa-cited-in-weg",
    ]


# --- a bad outlets.yaml -----------------------------------------------------------------------

BAD = [
    ("outlets:\n  - id: reuters\n    names: []\n", "annotations/outlets.yaml:4:12:", "should be non-empty"),
    (
        "outlets:\n  - id: Reuters News\n    names: [Reuters]\n",
        "annotations/outlets.yaml:3:9:",
        "does not have",
    ),
    (
        "outlets:\n  - id: reuters\n    name: [Reuters]\n",
        "annotations/outlets.yaml:4:5:",
        "unknown field 'name'",
    ),
]


@pytest.mark.parametrize(("body", "where", "what"), BAD, ids=["no-names", "bad-id", "misspelt-field"])
def test_check_and_ingest_refuse_a_bad_outlets_file_with_its_place(
    outlets_project, tmp_path, cli, body, where, what
):
    root = outlets_project
    line = "# yaml-language-server: $schema=../scripts/glossator/schemas/outlets.schema.json\n"
    (root / "annotations" / "outlets.yaml").write_text(line + body, "utf-8")
    result = cli("check", "--root", root)
    assert result.exit_code == 1
    problems = [p for p in result.output.splitlines() if p.startswith("annotations/outlets.yaml")]
    assert any(p.startswith(where) and what in p for p in problems), problems
    before = project_files(root)
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    refused = cli("ingest", "--root", root, tmp_path / "a.txt", "--id", "neu", "--lang", "de")
    assert refused.exit_code == 1 and where in refused.output and "Traceback" not in refused.output
    assert project_files(root) == before, "nothing written"


def test_check_refuses_a_name_given_to_two_outlets(outlets_project):
    path = outlets_project / "annotations" / "outlets.yaml"
    path.write_text(path.read_text("utf-8") + "  - id: wire\n    names: [Wire, AP]\n", "utf-8")
    [problem] = [p for p in errors(check_corpus(outlets_project)[1]) if p.path == "annotations/outlets.yaml"]
    assert str(problem).startswith(f"annotations/outlets.yaml:{len(path.read_text().splitlines())}:")
    assert "the name 'AP' is already an outlet's name ('associated-press'" in problem.message


def test_the_repositorys_outlets_file_passes_its_schema():
    from glossator.corpus import load_file

    loaded, problems = load_file(REPO, REPO / "annotations" / "outlets.yaml", "outlets")
    assert problems == [] and loaded is not None and len(loaded.doc.data["outlets"]) > 10


def test_an_outlets_file_linking_out_of_the_project_is_not_read(outlets_project, tmp_path, cli):
    secret = tmp_path / "secret.yaml"
    secret.write_text("outlets:\n  - id: secret\n    names: [Reuters]\n", "utf-8")
    link = outlets_project / "annotations" / "outlets.yaml"
    link.unlink()
    link.symlink_to(secret)
    before = project_files(outlets_project)
    (tmp_path / "a.txt").write_text("Laut Reuters ist das so, sagt ein Händler.\n", "utf-8")
    result = cli("ingest", "--root", outlets_project, tmp_path / "a.txt", "--id", "neu", "--lang", "de")
    assert result.exit_code == 1
    assert "annotations/outlets.yaml: is a link to a file outside the project; refused" in result.output
    assert project_files(outlets_project) == before
