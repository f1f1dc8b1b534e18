"""The reader's pages as built (no browser): anchors a reader can cite and that never collide,
indexes bounded by pages and JSON chunks, the home page's latest articles, Han names marked as
Chinese, marks tinted by their claim's confidence."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from glossator.build import build_site
from glossator.render.indexes import LATEST, PER_PAGE
from glossator.render.inline import lang_han, tint_marks


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(path: Path) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(path.read_text("utf-8"))
    return parser.elements


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    from reader_site import reader_project

    root = reader_project(tmp_path_factory.mktemp("pages"))
    return root, build_site(root, site_dir=root / "site", progress=lambda _: None)


def test_no_page_repeats_an_id(built) -> None:
    _, site = built
    for page in site.rglob("*.html"):
        ids = Counter(a["id"] for _, a in _elements(page) if a.get("id"))
        repeated = [i for i, n in ids.items() if n > 1]
        assert not repeated, f"{page.relative_to(site)}: {repeated}"


def test_paragraphs_have_short_anchors_and_cards_link_back(built) -> None:
    _, site = built
    elements = _elements(site / "articles" / "demo-article.html")
    ids = {a["id"] for _, a in elements if a.get("id")}
    assert {"p1", "para-p1"} <= ids, "#p1 to cite, #para-p1 as before"
    backs = [a["href"] for tag, a in elements if tag == "a" and "gl-backlink" in a.get("class", "")]
    assert backs and all(href[1:] in ids and re.fullmatch(r"#p[0-9]+", href) for href in backs)
    pages = [a["href"] for tag, a in elements if tag == "a" and "gl-claim-page" in a.get("class", "")]
    assert pages == ["../claims/demo-01.html", "../claims/demo-02.html"]


def test_marks_are_tinted_by_their_claims_confidence(built) -> None:
    root, site = built
    claims = yaml.safe_load((root / "annotations" / "claims" / "demo-article.yaml").read_text("utf-8"))
    confidence = {c["id"]: c["confidence"] for c in claims["claims"]}
    marks = [a for tag, a in _elements(site / "articles" / "demo-article.html") if tag == "mark"]
    assert marks
    for mark in marks:
        claim = mark["data-claims"].split()[0]
        assert f"gl-tint-{confidence[claim]}" in mark["class"].split()


def test_indexes_are_paged_and_chunked_and_hold_every_row(built) -> None:
    root, site = built
    claim_ids = []
    for path in (root / "annotations" / "claims").glob("*.yaml"):
        claim_ids += [c["id"] for c in yaml.safe_load(path.read_text("utf-8"))["claims"]]
    pages = [site / "claims.html", site / "claims-2.html"]
    assert not (site / "claims-3.html").exists()
    rows = []
    for page in pages:
        found = [
            a["id"] for tag, a in _elements(page) if tag == "tr" and a.get("id", "").startswith("claim-")
        ]
        assert len(found) <= PER_PAGE
        rows += found
    assert sorted(rows) == sorted(f"claim-{c}" for c in claim_ids), "each claim on one page"
    chunk = json.loads((site / "index-data" / "claims-1.json").read_text("utf-8"))
    assert sorted(row[0] for row in chunk["rows"]) == sorted(rows)
    for index in ("articles", "sources", "entities"):
        assert (site / "index-data" / f"{index}-1.json").is_file()


def test_the_home_page_lists_the_latest_articles_only(built) -> None:
    _, site = built
    elements = _elements(site / "index.html")
    links = [a["href"] for tag, a in elements if tag == "a" and a.get("href", "").startswith("articles/")]
    articles = [h for h in links if h != "articles/index.html"]
    assert len(articles) == LATEST, "not every one of the 17 articles"


def test_han_names_are_marked_chinese_and_tags_are_untouched() -> None:
    html = '<a href="https://example.org/苏菂" title="x">Su Di (苏菂)</a> and 苏菂。'
    assert lang_han(html) == (
        '<a href="https://example.org/苏菂" title="x">Su Di (<span lang="zh">苏菂</span>)</a>'
        ' and <span lang="zh">苏菂。</span>'
    )
    assert lang_han("no Han here") == "no Han here"


def test_tint_marks_adds_the_first_known_claims_class() -> None:
    html = (
        '<mark class="gl-mark" data-claims="a-1 b-2">x</mark>&lt;mark class="gl-mark" data-claims="a-1"&gt;'
    )
    tinted = tint_marks(html, {"b-2": "gl-tint-low", "a-1": "gl-tint-high"})
    assert tinted.startswith('<mark class="gl-mark gl-tint-high" data-claims="a-1 b-2">x</mark>')
    assert tinted.endswith('&lt;mark class="gl-mark" data-claims="a-1"&gt;'), "escaped text stays text"


def test_the_pager_links_first_last_and_near_pages_only() -> None:
    from glossator.render.indexes import _window

    assert _window(1, 1) == [1]
    assert _window(1, 400) == [1, 2, 3, 4, 400]
    assert _window(200, 400) == [1, 197, 198, 199, 200, 201, 202, 203, 400]
