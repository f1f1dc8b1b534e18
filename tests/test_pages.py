"""The reader's site pages, read from a built site as a reader (or a crawler) would: a claim's
page with its quotes, assessment and ClaimReview JSON-LD; the evidence chain drawn; source and
entity pages listing exactly their claims; the timeline; the data downloads; redirect pages of
renamed claims; the site's address in sitemap, canonical links and JSON-LD ids.

Built once per module from the fixture project, with a claim whose statement is hostile HTML, a
renamed claim and a site address; the expectations come from the corpus as loaded, not from
today's wording."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from glossator import evidence
from glossator.build import build_site
from glossator.cli import main
from glossator.corpus import load_corpus
from glossator.export import exports
from glossator.export.tables import CLAIM_COLUMNS, ENTITY_COLUMNS, SOURCE_COLUMNS, VERSION_COLUMNS
from glossator.model import Claim, Reliability, Source, SourceRef, Where
from glossator.quotes import TextQuote
from glossator.render import chain, jsonld, vocab
from test_links import broken_links

SITE_URL = "https://owner.example.org/corpus/"
HOSTILE = "</script><script>alert(1)</script> <!-- a comment & more"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    from conftest import FIXTURE_PROJECT, copy_project

    root = copy_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("pages") / "project")
    claims = root / "annotations" / "claims" / "demo-article.yaml"
    text = claims.read_text("utf-8").replace(
        "statement: Muster says the sale was legal.", f"statement: {json.dumps(HOSTILE)}"
    )
    claims.write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["rename", "--root", str(root), "claim", "demo-02", "demo-legal"])
    assert result.exit_code == 0, result.output
    site = build_site(root, site_dir=root / "site", site_url=SITE_URL, progress=lambda _: None)
    return root, site


@pytest.fixture(scope="module")
def corpus(built):
    corpus, _, problems = load_corpus(built[0])
    return corpus


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text("utf-8"), "html.parser")


def claim_ids(page: BeautifulSoup, selector: str) -> list[str]:
    return [li["data-claim"] for li in page.select(selector)]


def test_a_claim_page_shows_statement_quotes_in_place_and_assessment(built, corpus) -> None:
    _, site = built
    claim = next(c for c in corpus.all_claims() if c.sources and c.original.exact)
    page = soup(site, f"claims/{claim.id}.html")
    assert claim.statement in page.h1.get_text()
    article = corpus.articles[claim.article]
    original = page.find("blockquote", lang=article.language)
    assert original.get_text() == claim.original.exact
    assert page.find("blockquote", lang="en").get_text() == claim.translation.exact
    article_page = soup(site, f"articles/{claim.article}.html")
    places = [a["href"] for a in page.select(".gl-quote figcaption a")]
    assert len(places) == 2
    for href in places:
        path, anchor = href.split("#")
        assert path == f"../articles/{claim.article}.html"
        row = article_page.find(id=anchor)
        assert row is not None and claim.original.exact in row.select_one(".gl-original").get_text()
    facts = page.select_one(".gl-claim-facts").get_text(" ")
    assert vocab.confidence()[claim.confidence] in facts and claim.rationale in facts
    assert vocab.status()[claim.status] in facts
    received = corpus.articles[claim.article].received.file
    assert page.find(
        "a",
        href=f"../articles/{claim.article}/{received}.txt"
        if not received.endswith(".txt")
        else f"../articles/{claim.article}/{received}",
    )


def test_claim_review_json_ld_says_what_the_claim_says(built, corpus) -> None:
    _, site = built
    for claim in corpus.all_claims():
        page = soup(site, f"claims/{claim.id}.html")
        scripts = page.find_all("script", type="application/ld+json")
        assert len(scripts) == 1
        review = json.loads(scripts[0].string)
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.statement
        assert review["url"] == review["@id"] == f"{SITE_URL}claims/{claim.id}.html"
        rating = review["reviewRating"]
        assert rating["alternateName"] == claim.confidence
        assert rating.get("ratingValue") == jsonld.SCALE.get(claim.confidence)
        assert "confidence" in rating["name"] and rating["bestRating"] == 3
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"]
        assert item["appearance"]["sameAs"] == f"{SITE_URL}articles/{claim.article}.html"


def test_hostile_text_in_a_statement_stays_text(built, corpus) -> None:
    _, site = built
    claim = next(c for c in corpus.all_claims() if c.statement == HOSTILE)
    html = (site / f"claims/{claim.id}.html").read_text("utf-8")
    assert "<script>alert(1)" not in html and "<!-- a comment" not in html
    page = BeautifulSoup(html, "html.parser")
    assert HOSTILE in page.h1.get_text()  # shown as the words it is
    for script in page.find_all("script"):
        assert "alert(1)" not in (script.string or "") or script["type"] == "application/ld+json"
    review = json.loads(page.find("script", type="application/ld+json").string)
    assert review["claimReviewed"] == HOSTILE
    meta = page.find("meta", property="og:title")["content"]
    assert HOSTILE in meta  # an attribute value, parsed back to the same words


def test_the_chain_drawn_has_the_sources_of_via_closure_in_order(built, corpus) -> None:
    _, site = built
    claim = next(c for c in corpus.all_claims() if any(corpus.sources[r.source].via for r in c.sources))
    expected = {r.source for r in claim.sources}
    for ref in claim.sources:
        expected |= evidence.via_closure(corpus.sources, ref.source)
    page = soup(site, f"claims/{claim.id}.html")
    for drawing in page.select("svg.gl-chain-svg"):
        assert drawing["role"] == "img" and "→" in drawing["aria-label"]
        nodes = drawing.select("g.gl-node")
        assert {n["data-source"] for n in nodes} == expected
        order = [n["data-source"] for n in nodes]
        for source_id in order:  # a source stands before every source it is known through
            for via in evidence.via_closure(corpus.sources, source_id):
                assert order.index(source_id) < order.index(via)
        for node in nodes:
            grade = corpus.sources[node["data-source"]].reliability.grade
            assert f"gl-node-grade-{grade}" in node["class"]
            assert node.select_one("text.gl-node-grade").get_text() == grade
    assert len(page.select("svg.gl-chain-wide")) == len(evidence.independent_origins(corpus.sources, claim))


def _source(source_id: str, via: tuple[str, ...] = (), grade: str = "F") -> Source:
    return Source(source_id, "video", f"label {source_id}", Reliability(grade, "r"), None, via=via)


def test_origins_group_a_diamond_and_name_each_route() -> None:
    """Two videos known through one post, known through one article: one origin, two routes."""
    sources = {
        "article": _source("article", grade="C"),
        "post": _source("post", ("article",)),
        "video-1": _source("video-1", ("post",)),
        "video-2": _source("video-2", ("post",)),
        "other": _source("other", grade="B"),
    }
    where = Where(None)
    refs = tuple(SourceRef(s, where) for s in ("article", "video-1", "video-2", "other"))
    claim = Claim("c", "a", "s", TextQuote("x"), TextQuote("x"), "source:article", "event", refs,
                  "low", "r", "unverified", where)  # fmt: skip
    first, second = chain.origins(sources, claim)
    assert [n.id for n in first.nodes] == ["video-1", "video-2", "post", "article"]
    assert first.paths == [["video-1", "post", "article"], ["video-2", "post", "article"]]
    assert [n.cited for n in first.nodes] == [True, True, False, True]
    assert [n.id for n in second.nodes] == ["other"]
    assert chain.in_words(first).startswith(
        "label video-1 (grade F) → label post (grade F) → label article (grade C);"
    )
    drawn = chain.svg(first, narrow=False, label="x")
    assert (
        drawn.count('class="gl-edge"') == 3 and "stroke-dasharray" in drawn
    )  # the post is only passed through


def test_a_source_page_lists_exactly_the_claims_that_cite_it(built, corpus) -> None:
    _, site = built
    for source_id in corpus.sources:
        page = soup(site, f"sources/{source_id}.html")
        citing = [c.id for c in corpus.all_claims() if any(r.source == source_id for r in c.sources)]
        assert claim_ids(page, ".gl-claim-list li") == citing
        for li in page.select(".gl-claim-list li"):
            statement = next(c.statement for c in corpus.all_claims() if c.id == li["data-claim"])
            assert li.a.get_text() == statement and li.a["href"] == f"../claims/{li['data-claim']}.html"


def test_an_entity_page_lists_exactly_the_claims_naming_it_with_names_in_their_languages(
    built, corpus
) -> None:
    _, site = built
    for entity_id, entity in corpus.entities.items():
        page = soup(site, f"entities/{entity_id}.html")
        naming = [
            c.id
            for c in corpus.all_claims()
            if entity_id in c.entities or c.claimant == f"entity:{entity_id}"
        ]
        assert claim_ids(page, ".gl-claim-list li") == naming
        shown = {(span.get_text(), span["lang"]) for span in page.select(".gl-names span[lang]")}
        assert shown == {(n.name, n.language) for n in entity.names}
        dated = [c.id for c in corpus.all_claims() if c.id in naming and c.event_date]
        assert sorted(claim_ids(page, ".gl-timeline-list li")) == sorted(dated)


def test_timeline_events_link_to_the_claim_pages(built, corpus) -> None:
    _, site = built
    page = soup(site, "timeline.html")
    dated = {c.id: c.event_date for c in corpus.all_claims() if c.event_date}
    assert dated, "the fixture has a dated claim"
    items = page.select(".gl-timeline-list li")
    assert {li["data-claim"] for li in items} == set(dated)
    for li in items:
        assert li.time["datetime"] == dated[li["data-claim"]]
        assert (site / li.a["href"]).resolve() == (site / f"claims/{li['data-claim']}.html").resolve()
    drawn = page.select("svg.gl-timeline-svg a")
    assert drawn and all((site / a["href"].split("#")[0]).exists() for a in drawn if a["href"][0] != "#")


def test_timeline_of_many_events_splits_into_period_pages() -> None:
    from glossator.render import pages
    from glossator.render.model import SiteData

    where = Where(None)
    claims = [
        Claim(
            f"c-{i}",
            "a",
            f"s {i}",
            TextQuote("x"),
            TextQuote("x"),
            "source:a",
            "event",
            (),
            "low",
            "r",
            "unverified",
            where,
            event_date=f"2024-{1 + i % 3:02d}",
        )  # fmt: skip
        for i in range(pages.TIMELINE_PAGE_EVENTS * 2)
    ]
    data = SiteData()
    data.articles["a"] = type("A", (), {"claims": claims})()
    made = pages.timeline_pages(data)
    assert set(made) == {"timeline.md", "timeline/2024-01.md", "timeline/2024-02.md", "timeline/2024-03.md"}
    listed = [m for text in made.values() for m in re.findall(r'data-claim="(c-\d+)"', text)]
    assert sorted(listed) == sorted(c.id for c in claims)  # every event once, none on the overview
    assert 'data-claim="' not in made["timeline.md"]


def test_downloads_parse_and_are_what_export_writes(built, corpus) -> None:
    root, site = built
    data = json.loads((site / "data/corpus.json").read_text("utf-8"))
    jsonschema.validate(data, json.loads((site / "data/corpus.schema.json").read_text("utf-8")))
    assert [c["id"] for c in data["claims"]] == [c.id for c in corpus.all_claims()]
    for name, columns in (
        ("claims.csv", CLAIM_COLUMNS),
        ("sources.csv", SOURCE_COLUMNS),
        ("entities.csv", ENTITY_COLUMNS),
    ):
        rows = list(csv.reader(io.StringIO((site / "data" / name).read_text("utf-8"))))
        assert tuple(rows[0]) == (*columns, *VERSION_COLUMNS)
    exported = exports(root, [], site_url=SITE_URL)
    for name, content in exported.items():
        assert (site / "data" / name).read_bytes() == content, name
    data_page = soup(site, "data.html")
    for name in (*exported, "corpus.schema.json"):
        assert data_page.find("a", href=f"data/{name}"), name


def test_web_annotation_selectors_find_their_words_on_the_article_page(built) -> None:
    _, site = built
    collection = json.loads((site / "data/claims.jsonld").read_text("utf-8"))
    items = collection["first"]["items"]
    assert items
    for item in items:
        article = item["target"][0]["source"]["id"].removeprefix(SITE_URL)
        page = soup(site, article)
        for ref in page.select("a.gl-ref"):
            ref.decompose()
        for target, column in zip(item["target"], (".gl-original p", ".gl-translation p"), strict=True):
            selector = target["selector"]
            words = selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")
            texts = [p.get_text() for p in page.select(column)]
            assert any(words in text for text in texts), words


def test_a_renamed_claim_keeps_its_old_address(built) -> None:
    _, site = built
    page = soup(site, "claims/demo-02.html")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=demo-legal.html"
    assert page.find("a", href="demo-legal.html")
    assert (site / "claims/demo-legal.html").exists()
    assert page.find("link", rel="canonical")["href"] == f"{SITE_URL}claims/demo-legal.html"


def test_the_site_address_is_used_for_sitemap_canonical_links_and_open_graph(built, corpus) -> None:
    _, site = built
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    for claim in corpus.all_claims():
        assert f"<loc>{SITE_URL}claims/{claim.id}.html</loc>" in sitemap
        page = soup(site, f"claims/{claim.id}.html")
        assert page.find("link", rel="canonical")["href"] == f"{SITE_URL}claims/{claim.id}.html"
        assert page.find("meta", property="og:url")["content"] == f"{SITE_URL}claims/{claim.id}.html"
        assert page.find("meta", property="og:type")["content"] == "article"
    for source_id in corpus.sources:
        assert f"<loc>{SITE_URL}sources/{source_id}.html</loc>" in sitemap


def test_without_a_site_address_nothing_absolute_is_made_up(tmp_path: Path) -> None:
    from conftest import FIXTURE_PROJECT, copy_project

    root = copy_project(FIXTURE_PROJECT, tmp_path / "project")
    site = build_site(root, site_dir=root / "site", progress=lambda _: None)
    page = soup(site, "claims/demo-01.html")
    review = json.loads(page.find("script", type="application/ld+json").string)
    assert "url" not in review and "@id" not in review
    assert page.find("meta", property="og:url") is None
    about = soup(site, "about.html").get_text(" ")
    assert "the project's repository" in about and "version unknown" in about  # not a git checkout
    assert not broken_links(site)


def test_every_page_has_the_footer_links_and_every_link_leads_somewhere(built) -> None:
    _, site = built
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("claims/demo-02") or relative == "404.html":
            continue  # the redirect page; the 404 page links from the server's root
        footer = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one(".gl-footer")
        hrefs = {a["href"].split("#")[0].rsplit("/", 1)[-1] for a in footer.find_all("a")}
        assert {"data.html", "about.html"} <= hrefs, relative
    # 404.html links from the server's root, which is below /corpus/ when published there
    assert not [line for line in broken_links(site) if not line.startswith("404.html:")]


def test_about_gives_licence_citation_with_version_and_corrections(built) -> None:
    root, site = built
    about = soup(site, "about.html").get_text(" ")
    assert "CC BY 4.0" in about and "MIT" in about and "publishers" in about
    assert "Corrections" in about and "pull request" in about


def test_a_hostile_source_label_in_the_drawing_is_text() -> None:
    sources = {"s": _source("s")._replace(label='</svg><script>alert(1)</script>"')}
    where = Where(None)
    claim = Claim("c", "a", "s", TextQuote("x"), TextQuote("x"), "source:s", "event", (SourceRef("s", where),),
                  "low", "r", "unverified", where)  # fmt: skip
    (origin,) = chain.origins(sources, claim)
    drawn = chain.svg(origin, narrow=True, label=chain.in_words(origin))
    assert "<script>" not in drawn and drawn.count("</svg>") == 1 and drawn.endswith("</svg>")
    assert "&lt;script&gt;" in drawn and "&#34;" in drawn


def test_a_long_claim_list_is_split_over_pages_listing_each_claim_once(monkeypatch, built, corpus) -> None:
    from glossator.render import pages
    from glossator.render.model import site_data

    monkeypatch.setattr(pages, "CLAIMS_PER_PAGE", 1)
    data = site_data(corpus)
    entity_id = next(e for e in corpus.entities if len(data.claims_by_entity.get(e, [])) > 1)
    made = pages.render_entity(data, entity_id)
    assert len(made) == len(data.claims_by_entity[entity_id])
    listed = [m for text in made.values() for m in re.findall(r'<li data-claim="([^"]+)"><a', text)]
    assert listed == data.claims_by_entity[entity_id]
    assert f"entities/{entity_id}/claims-2.md" in made


@pytest.fixture(scope="module")
def editorial(tmp_path_factory) -> tuple[Path, object]:
    """The fixture project with the check case that uses relations, credibility, several quotes,
    an inferred date range and review provenance."""
    from conftest import FIXTURE_PROJECT, TESTS, copy_project
    from test_check_cases import apply_case

    root = copy_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("editorial") / "project")
    apply_case(TESTS / "cases" / "check" / "positive" / "two-axes-relations-review", root)
    site = build_site(root, site_dir=root / "site", progress=lambda _: None)
    return site, load_corpus(root)[0]


def test_a_claim_page_shows_relations_both_ways_credibility_quotes_and_review(editorial) -> None:
    site, corpus = editorial
    claims = {c.id: c for c in corpus.all_claims()}
    for claim in claims.values():
        page = soup(site, f"claims/{claim.id}.html")
        shown = {li["data-claim"] for li in page.select(".gl-relations li")}
        stated = {r.claim for r in claim.relations}
        received = {c.id for c in claims.values() if any(r.claim == claim.id for r in c.relations)}
        assert shown == stated | received, claim.id
        for ref, li in zip(claim.sources, page.select(".gl-claim-sources > li"), strict=True):
            if ref.credibility:
                assert f"credibility {ref.credibility}" in li.get_text()
                assert vocab.vocabulary("claims", "credibility")[ref.credibility] in li.get_text()
        assert len(page.select(".gl-claim-quotes")) == 1 + len(claim.also_quoted)
        if claim.review and claim.review.reviewed_by:
            assert claim.review.reviewed_by in page.select_one(".gl-review").get_text()
    first = soup(site, "claims/demo-01.html")
    supported = [li for li in first.select(".gl-relations li") if li["data-claim"] == "demo-03"]
    assert supported and supported[0].get_text().startswith("Supported by")
    event = first.select_one(".gl-claim-facts").get_text(" ")
    assert claims["demo-01"].event_end in event and claims["demo-01"].event_date_inferred in event
    timeline = soup(site, "timeline.html")
    assert timeline.select("svg.gl-timeline-svg circle.gl-dot-inferred")
    anonymous = next(c for c in claims.values() if c.claimant_kind == "anonymous")
    page = soup(site, f"claims/{anonymous.id}.html")
    review = json.loads(page.find("script", type="application/ld+json").string)
    assert review["itemReviewed"]["author"] == {"@type": "Thing", "name": anonymous.attribution}
