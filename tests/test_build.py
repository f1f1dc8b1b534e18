"""End to end: build sites in a temporary folder and read them as a reader would."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossator.build import build_site
from glossator.problems import InputError


class _Text(HTMLParser):
    """Visible text of a page and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def read_page(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from conftest import copy_repo

    root = copy_repo(tmp_path_factory.mktemp("repo"))
    return build_site(root, site_dir=root / "out", progress=lambda _: None)


def test_article_page_shows_both_languages_claims_sources_confidence(site: Path) -> None:
    page = read_page(site / "articles" / "wsj-derek-aw-compute-rental.html")
    text = " ".join(page.text)
    assert "Der frühere Bitcoin-Miner Derek Aw wirkt dabei als zentraler Akteur." in text
    assert "The former Bitcoin miner Derek Aw acts as a central player in this." in text
    assert "Aw persuaded investors in Dubai and the USA to finance AI servers with Nvidia H100 chips." in text
    assert "Wall Street Journal report on Derek Aw and rented compute for Chinese firms" in text
    assert "manual translation, not reviewed" in text
    marks = [a for tag, a in page.elements if tag == "mark" and "aw-05" in a.get("data-claims", "")]
    assert len(marks) == 2, "the claim is marked once in the German and once in the English text"
    badges = [
        a["class"] for tag, a in page.elements if tag == "span" and "gl-confidence" in a.get("class", "")
    ]
    assert any("gl-confidence-moderate" in b for b in badges)
    assert "InvestingPro" not in text.split("Left out as boilerplate")[0], "the advert is not reading text"


def test_embedded_post_is_shown_as_a_quotation(site: Path) -> None:
    page = read_page(site / "articles" / "su-di-nvidia-loopholes.html")
    rows = [a for tag, a in page.elements if tag == "div" and "gl-kind-quote" in a.get("class", "")]
    assert len(rows) == 2
    assert "Schreibe einen Kommentar" in " ".join(page.text).split("Left out as boilerplate")[1]


def test_search_index_finds_people_in_articles_in_both_languages(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["de", "en"]

    def pages_with(words: str) -> set[str]:
        return {d["location"].split("#")[0] for d in index["docs"] if words in d["text"]}

    assert "articles/wsj-derek-aw-compute-rental.html" in pages_with("Derek Aw")
    assert "articles/su-di-nvidia-loopholes.html" in pages_with("Su Di")
    assert "articles/su-di-nvidia-loopholes.html" in pages_with("苏菂")
    assert "articles/su-di-nvidia-loopholes.html" in pages_with("Mitbegründer")


def test_no_page_loads_anything_from_a_third_party(site: Path) -> None:
    for page in site.rglob("*.html"):
        for tag, attrs in read_page(page).elements:
            loads = attrs.get("src") if tag in ("script", "img", "iframe") else None
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "preload", "icon"):
                loads = attrs.get("href")
            assert not (loads or "").startswith(("http:", "https:", "//")), f"{page.name} loads {loads}"
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text("utf-8")), css.name


def test_indexes_list_claims_sources_entities(site: Path) -> None:
    claims = " ".join(read_page(site / "claims.html").text)
    assert "aw-17" in claims and "sudi-06" in claims
    sources = " ".join(read_page(site / "sources.html").text)
    assert "Byron Wan's post on X about Su Di's videos, 9 December 2024" in sources
    assert "known via" in sources
    entities = " ".join(read_page(site / "entities.html").text)
    assert "苏菂" in entities
    methodology = " ".join(read_page(site / "methodology.html").text)
    assert "Reliability cannot be judged" in methodology


def test_annotation_text_cannot_inject_markup(project: Path, tmp_path: Path) -> None:
    evil = (
        "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) {: onclick=alert(4) }"
    )
    path = project / "annotations" / "claims" / "demo-article.yaml"
    text = path.read_text("utf-8").replace(
        "statement: Muster says the sale was legal.", f"statement: {json.dumps(evil)}"
    )
    path.write_text(text, "utf-8")
    entities = project / "annotations" / "entities.yaml"
    entities.write_text(
        entities.read_text("utf-8").replace(
            "{name: Max Muster, language: de}", '{name: "</title><script>x()</script>", language: de}'
        ),
        "utf-8",
    )
    article = project / "corpus" / "demo-article" / "article.yaml"
    article.write_text(
        article.read_text("utf-8").replace(
            "title: Händler verkauft Chips", 'title: "</title><script>y()</script>"'
        ),
        "utf-8",
    )
    translation = project / "corpus" / "demo-article" / "translation.en.yaml"
    translation.write_text(
        translation.read_text("utf-8").replace(
            "in Singapore in 2024.",
            'in Singapore in 2024. <script>alert(5)</script> [x](javascript:alert(6)) **<img src=x onerror=alert(7)>**"',
        ),
        "utf-8",
    )
    out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    for page in out.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and "<script>x()" not in html and "<script>y()" not in html, page
        assert "<img" not in html, page
        assert 'href="javascript:' not in html, page
        for tag, attrs in read_page(page).elements:
            assert "onclick" not in attrs and "onerror" not in attrs, (page, tag)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (out / "articles" / "demo-article.html").read_text(
        "utf-8"
    )


def test_failing_corpus_builds_no_site_and_keeps_the_old_one(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(project, site_dir=site, progress=lambda _: None)
    before = (site / "index.html").read_bytes()
    claims = project / "annotations" / "claims" / "demo-article.yaml"
    claims.write_text(claims.read_text("utf-8").replace("confidence: low", "confidence: sure"), "utf-8")
    with pytest.raises(InputError) as error:
        build_site(project, site_dir=site, progress=lambda _: None)
    assert "confidence: 'sure'" in str(error.value)
    assert (site / "index.html").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_title_with_line_breaks_controls_and_markup_shows_as_text(project: Path, tmp_path: Path) -> None:
    """Front matter comes from a YAML emitter: no character of a title can end it, add keys to it
    or become markup in <title> (which the theme fills in as is) or in the page's heading."""
    title = "A\x85B\u2028C\u2029D\x7fE\n---\nhide: [toc]\n\"q\" 'q' </title><script>y()</script> <b onmouseover=z()>"
    article = project / "corpus" / "demo-article" / "article.yaml"
    article.write_text(
        article.read_text("utf-8").replace("title: Händler verkauft Chips", f"title: {json.dumps(title)}"),
        "utf-8",
    )
    out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    page = read_page(out / "articles" / "demo-article.html")
    assert not [e for e in page.elements if e[0] == "b"], "no element from the title"
    assert not [e for e in page.elements if any(k.startswith("on") for k in e[1])], "no handler"
    titles = _texts_of(out / "articles" / "demo-article.html", "title")
    assert titles == [f"{title} - Glossator"]
    headings = _texts_of(out / "articles" / "demo-article.html", "h1")
    assert headings == [title]
    assert not any("y()" in body for body in _texts_of(out / "articles" / "demo-article.html", "script"))


class _ElementText(HTMLParser):
    """The text inside every element named `name` (not nested)."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name, self.inside, self.found = name, False, []

    def handle_starttag(self, tag, attrs):
        if tag == self.name:
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == self.name:
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.found[-1] += data


def _texts_of(path: Path, name: str) -> list[str]:
    parser = _ElementText(name)
    parser.feed(path.read_text("utf-8"))
    return parser.found


def test_corrected_article_says_so_and_links_every_version_as_text(project: Path, tmp_path: Path) -> None:
    from conftest import add_correction

    first = (project / "corpus" / "demo-article" / "received.txt").read_bytes()
    corrected = b"<html><body><script>alert(1)</script><p>Der H\xc3\xa4ndler</p></body></html>"
    new_file = add_correction(project, "demo-article", corrected, "page.html")
    out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    path = out / "articles" / "demo-article.html"
    text = " ".join(" ".join(read_page(path).text).split())
    assert "Corrected on 2026-11-26" in text
    links = {
        attrs["href"]: attrs for tag, attrs in read_page(path).elements if tag == "a" and "download" in attrs
    }
    assert set(links) == {f"demo-article/{new_file}.txt", "demo-article/received.txt"}
    assert links[f"demo-article/{new_file}.txt"]["download"] == "page.html"
    assert links["demo-article/received.txt"]["download"] == "demo.txt"
    published = out / "articles" / "demo-article"
    assert (published / f"{new_file}.txt").read_bytes() == corrected
    assert (published / "received.txt").read_bytes() == first
    assert not [p for p in published.rglob("*") if p.is_file() and p.suffix != ".txt"], (
        "a received file is served as text, never as a page the browser would run"
    )


def test_uncorrected_article_says_nothing_of_corrections(project: Path, tmp_path: Path) -> None:
    out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    page = read_page(out / "articles" / "demo-article.html")
    assert "Corrected" not in " ".join(page.text)
    downloads = [a["href"] for tag, a in page.elements if tag == "a" and "download" in a]
    assert downloads == ["demo-article/received.txt"]
