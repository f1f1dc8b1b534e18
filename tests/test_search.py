"""The search's records and analysis, without a browser (tests/test_search_browser.py types the
queries into the built site)."""

from __future__ import annotations

import json
import subprocess
from html import escape
from pathlib import Path

import pytest

from glossator.corpus import load_corpus
from glossator.problems import InputError
from glossator.render.model import site_data
from glossator.search.analysis import Decompounder, british_to_american, cjk_characters, extra_words, nouns
from glossator.search.binary import executable
from glossator.search.index import PATCHES, Analyser, _patch, document, pages
from glossator.search.records import records
from glossator.search.synonyms import Synonyms, load_groups

CORPUS = "Die Schlupflöcher sind bekannt. Der Handel blüht. Eine Rolle spielt das nicht."


def test_a_compound_is_split_into_nouns_the_corpus_uses():
    splitter = Decompounder(nouns(CORPUS))
    assert splitter.parts("Handelsschlupflöcher") == ["schlupflocher", "handel"]
    extra = extra_words("Offensichtlich werden Handelsschlupflöcher ausgenutzt", "de", splitter)
    # as written (a query with umlauts) and folded (a query without, or a stem that drops them)
    assert "schlupflöcher" in extra and "schlupflocher" in extra


def test_the_splitter_invents_no_part():
    assert Decompounder(nouns("Der Handel blüht.")).parts("Handelsschlupflöcher") == []
    # `Rolle` is a noun of the corpus, but `Kont` is no part: Kontrolle stays whole
    assert Decompounder(nouns(CORPUS)).parts("Kontrolle") == []


def test_british_spellings_are_also_indexed_in_american():
    assert british_to_american("centres") == "centers"
    assert british_to_american("organised") == "organized"
    assert british_to_american("more") is None
    assert "centers" in extra_words("data centres in Brisbane", "en")


def test_chinese_is_indexed_character_by_character():
    assert cjk_characters("Su Di (苏菂) said") == ["苏", "菂"]
    assert extra_words("苏菂", "en") == ["苏", "菂"]


def test_synonyms_match_inflected_forms_and_phrases():
    synonyms = Synonyms([["Rechenzentrum", "data centre"], ["Derek Aw", "Aw"]])
    assert synonyms.extra("in zwei Rechenzentren") == ["data centre"]
    assert synonyms.extra("two data centres in Brisbane") == ["Rechenzentrum"]
    assert synonyms.extra("Aw says demand is high") == ["Derek Aw"]
    # a short name matches itself only: `award` is not `Aw`
    assert synonyms.extra("an award for the data") == []


def test_groups_sharing_a_phrase_are_merged():
    synonyms = Synonyms([["Exportkontrolle", "export control"], ["Ausfuhrkontrolle", "export control"]])
    assert sorted(synonyms.extra("Exportkontrolle")) == ["Ausfuhrkontrolle", "export control"]


@pytest.fixture
def data(project: Path):
    corpus, _, problems = load_corpus(project)
    assert not [p for p in problems if p.severity == "error"]
    return site_data(corpus)


def test_claim_records_hold_neither_their_id_nor_their_sources_titles(data):
    claims = [r for r in records(data) if r.kind == "claim"]
    assert claims
    for record in claims:
        claim_id = record.meta["id"]
        words = " ".join(
            [record.title, record.context] + [b.text for bs in record.texts.values() for b in bs]
        )
        assert claim_id not in words
        claim = next(c for _, c in data.claims() if c.id == claim_id)
        for ref in claim.sources:
            assert data.sources[ref.source].label not in words
        assert record.url == f"claims/{claim_id}.html", "a claim record leads to the claim's own page"


def test_each_article_language_is_a_record_of_its_own(data):
    articles = [r for r in records(data) if r.kind == "article"]
    languages = {(r.filters["article"], language) for r in articles for language in r.texts}
    for article_id, article in data.articles.items():
        assert (article_id, article.meta.language) in languages
        if article.translation:
            assert (article_id, "en") in languages


def test_record_documents_escape_corpus_text(data):
    record = next(r for r in records(data) if r.kind == "claim")
    hostile = record._replace(
        title='<script>alert("x")</script>',
        meta={"id": '"><svg onload=alert(1)>', "label": '"><img src=x onerror=alert(1)>'},
    )
    html = document([hostile, record], "en", [["<b>"], []])
    assert "<script>" not in html and "<img" not in html and "<b>" not in html and "<svg" not in html


def test_the_claims_of_an_article_are_one_page_each_claim_a_heading_with_its_id(data):
    """One page per article for its claims (pagefind's table of pages stays small); pagefind makes
    each heading with an id a sub-result, which the search box shows as the claim."""
    found = list(records(data))
    grouped = [page for page in pages(found) if page[0].kind == "claim"]
    claims = [r for r in found if r.kind == "claim"]
    assert sorted(r.key for page in grouped for r in page) == sorted(r.key for r in claims)
    assert len(grouped) == len({r.filters["article"] for r in claims})
    assert all(len(page) == 1 for page in pages(found) if page[0].kind != "claim")
    page = max(grouped, key=len)
    html = document(page, "en", [[] for _ in page])
    for claim in page:
        assert f'<h1 id="{claim.meta["id"]}">' in html
        assert escape(json.dumps(claim.url)) in html  # its own address, for the search box
    assert html.count("<h1") == len(page)


def test_synonyms_from_the_glossary_the_file_and_the_entities(project: Path, data):
    (project / "annotations" / "synonyms.yaml").write_text(
        "# yaml-language-server: $schema=../scripts/glossator/schemas/synonyms.schema.json\n"
        "groups:\n  - [Rechenzentrum, data centre]\n",
        "utf-8",
    )
    analyser = Analyser(data, load_groups(project))
    assert analyser.synonyms.extra("ein Rechenzentrum") == ["data centre"]
    assert analyser.synonyms.extra("in Singapur") == ["Singapore"]  # an entity's names


def test_a_broken_synonyms_file_is_reported_at_its_line(project: Path):
    (project / "annotations" / "synonyms.yaml").write_text(
        "# yaml-language-server: $schema=../scripts/glossator/schemas/synonyms.schema.json\n"
        "groups:\n  - [Rechenzentrum]\n",
        "utf-8",
    )
    with pytest.raises(InputError) as error:
        load_groups(project)
    assert "annotations/synonyms.yaml:3:" in str(error.value)


def test_pagefinds_code_is_patched_and_code_that_differs_refused(tmp_path: Path):
    """The build changes pagefind's code where it must (search/index.py, PATCHES); code that
    differs (another pagefind release) stops the build with a message, rather than leaving a
    search that downloads every index chunk for a filter."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_text("<html lang='en'><body><p>word</p></body></html>")
    subprocess.run(
        [
            str(executable()),
            "--site",
            str(tmp_path / "in"),
            "--output-path",
            str(tmp_path / "out"),
            "--silent",
        ],
        check=True,
    )
    code = tmp_path / "out" / "pagefind.js"
    _patch(code)
    text = code.read_text("utf-8")
    assert all(after in text and before not in text for before, after, _ in PATCHES)
    with pytest.raises(InputError, match="update PATCHES for this pagefind"):
        _patch(code)  # already patched: not the code PATCHES were written for
