"""The pages that list across articles: home, the indexes (articles, claims, sources, entities)
and methodology. The HTML is in templates/; this module shapes the data for it.

Every index is bounded: its rows are cut into pages of PER_PAGE (`claims.html`, `claims-2.html`,
... at the site's root, where no id can land: ids live in `claims/<id>.html`, and `claims-2`
is no page name there), and written as chunked JSON (`index-data/claims-1.json`, ...) that
reader.js fetches to sort and filter across all pages. Without JavaScript the server-rendered
pages and their pager are the index.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import NamedTuple

from ..model import Claim
from . import urls, vocab
from .labels import display_title
from .model import SiteData
from .templating import front_matter, render

PER_PAGE = 100  # rows of an index page
CHUNK = 1000  # rows of a JSON chunk
LATEST = 10  # articles on the home page
DATA_FOLDER = "index-data"


class Badge(NamedTuple):
    kind: str  # confidence, status, type, grade
    value: str


class Names(NamedTuple):
    """An entity's names, each in its own language, the first linked."""

    names: tuple[tuple[str, str], ...]  # (name, language code)
    href: str


# A cell: text, a number, (text, site path) as a link, a badge or an entity's names.
Cell = str | int | tuple[str, str] | Badge | Names


class Column(NamedTuple):
    label: str
    filter: str | None = None  # "text" (words the cell contains) or a badge kind (its values)
    css: str = ""  # "gl-id" (never broken), "gl-num"


class Index(NamedTuple):
    name: str  # claims: pages claims.html, claims-2.html, data index-data/claims-N.json
    title: str
    intro: str
    columns: tuple[Column, ...]
    anchors: list[str]  # each row's id attribute (its old anchors are kept too)
    rows: list[list[Cell]]


def page_name(index: str, number: int) -> str:
    """The site path of page `number` (from 1) of an index."""
    first = urls.ARTICLES if index == "articles" else f"{index}.html"
    return first if number == 1 else f"{index}-{number}.html"


def _pages(count: int) -> int:
    return max(1, -(-count // PER_PAGE))


def _claim_rows(data: SiteData) -> Index:
    rows, anchors = [], []
    for article, claim in data.claims():
        anchors.append(f"claim-{claim.id}")
        rows.append(
            [
                (claim.id, urls.claim_page(claim.id)),
                claim.statement,
                (display_title(article.meta), urls.article_page(article.id) + f"#claim-{claim.id}"),
                Badge("type", claim.type),
                Badge("confidence", claim.confidence),
                Badge("status", claim.status),
                len(data.independent_origins(claim)),
            ]
        )
    columns = (
        Column("Claim", "text", "gl-id"),
        Column("Statement", "text"),
        Column("Article", "text"),
        Column("Type", "type"),
        Column("Confidence", "confidence"),
        Column("Status", "status"),
        Column("Origins", None, "gl-num"),
    )
    intro = (
        "Every claim in the corpus. <em>Origins</em> counts independent lines of evidence: "
        "sources known through one another count once."
    )
    return Index("claims", "Claims", intro, columns, anchors, rows)


def _cited(data: SiteData) -> dict[str, list[Claim]]:
    cited: dict[str, list[Claim]] = defaultdict(list)
    for _, claim in data.claims():
        for source_id in dict.fromkeys(ref.source for ref in claim.sources):
            cited[source_id].append(claim)
    return cited


def _source_rows(data: SiteData) -> Index:
    cited = _cited(data)
    rows, anchors = [], []
    for source_id, source in sorted(data.sources.items(), key=lambda kv: kv[1].label.casefold()):
        anchors.append(f"source-{source_id}")
        rows.append(
            [
                (source.label, urls.source_page(source_id)),
                source.type.replace("_", " "),
                Badge("grade", source.reliability.grade),
                source.publisher or "",
                source.date or "",
                len(cited.get(source_id, ())),
            ]
        )
    columns = (
        Column("Source", "text"),
        Column("Type", "text"),
        Column("Reliability", "grade"),
        Column("Publisher", "text"),
        Column("Date", None, "gl-id"),
        Column("Claims", None, "gl-num"),
    )
    intro = "Every source that claims rest on, with its reliability grade (NATO Admiralty code)."
    return Index("sources", "Sources", intro, columns, anchors, rows)


def _entity_rows(data: SiteData) -> Index:
    mentioned: dict[str, set[str]] = defaultdict(set)
    for _, claim in data.claims():
        for entity_id in claim.entities:
            mentioned[entity_id].add(claim.id)
        if claim.claimant_kind == "entity":
            mentioned[claim.claimant_id].add(claim.id)
    rows, anchors = [], []
    for entity_id, entity in sorted(data.entities.items(), key=lambda kv: kv[1].names[0].name.casefold()):
        anchors.append(f"entity-{entity_id}")
        names = tuple((n.name, n.language) for n in entity.names)
        rows.append(
            [
                Names(names, urls.entity_page(entity_id)),
                entity.type,
                entity.description or "",
                len(mentioned.get(entity_id, ())),
            ]
        )
    columns = (
        Column("Name", "text"),
        Column("Type", "text"),
        Column("Description", "text"),
        Column("Claims", None, "gl-num"),
    )
    intro = "People, organisations, products and places, with their names in every script the corpus uses."
    return Index("entities", "Entities", intro, columns, anchors, rows)


def latest_articles(data: SiteData) -> list:
    """The articles, latest published first (undated last), then by id."""
    dated = sorted(data.articles.values(), key=lambda a: a.id)
    return sorted(dated, key=lambda a: a.meta.published or "", reverse=True)


def _article_rows(data: SiteData) -> Index:
    rows, anchors = [], []
    for article in latest_articles(data):
        meta = article.meta
        anchors.append(f"article-{article.id}")
        rows.append(
            [
                (display_title(meta), urls.article_page(article.id)),
                meta.publisher or "unknown",
                meta.published or "unknown",
                {"de": "German", "en": "English", "zh": "Chinese"}.get(meta.language, meta.language),
                len(article.claims),
            ]
        )
    columns = (
        Column("Article", "text"),
        Column("Publisher", "text"),
        Column("Published", None, "gl-id"),
        Column("Language", "text"),
        Column("Claims", None, "gl-num"),
    )
    intro = "Every article, latest first."
    return Index("articles", "Articles", intro, columns, anchors, rows)


INDEXES: dict[str, Callable[[SiteData], Index]] = {
    "articles": _article_rows,
    "claims": _claim_rows,
    "sources": _source_rows,
    "entities": _entity_rows,
}


def index_pages(data: SiteData) -> dict[str, Callable[[], str]]:
    """Every page and JSON chunk of every index (site path -> a function that makes it). The
    rows are computed once per index, on first use."""
    made: dict[str, Index] = {}

    def rows(name: str) -> Index:
        if name not in made:
            made[name] = INDEXES[name](data)
        return made[name]

    count = {"articles": len(data.articles), "sources": len(data.sources), "entities": len(data.entities)}
    count["claims"] = sum(len(a.claims) for a in data.articles.values())
    pages: dict[str, Callable[[], str]] = {}
    for name in INDEXES:
        total = _pages(count[name])
        for number in range(1, total + 1):
            pages[page_name(name, number)] = lambda name=name, number=number, total=total: _render_index(
                data, rows(name), number, total
            )
        for chunk in range(1, max(1, -(-count[name] // CHUNK)) + 1):
            pages[f"{DATA_FOLDER}/{name}-{chunk}.json"] = lambda name=name, chunk=chunk: _chunk(
                rows(name), chunk
            )
    return pages


def _render_index(data: SiteData, index: Index, number: int, total: int) -> str:
    page = page_name(index.name, number)
    start = (number - 1) * PER_PAGE
    shown = list(
        zip(index.anchors[start : start + PER_PAGE], index.rows[start : start + PER_PAGE], strict=True)
    )
    pager = [(n, page_name(index.name, n)) for n in _window(number, total)]
    title = index.title if number == 1 else f"{index.title}, page {number}"
    return front_matter(title, hide_toc=True) + render(
        "index.html",
        page=page,
        data=data,
        index=index,
        title=title,
        rows=shown,
        number=number,
        pager=pager,
        first=start + 1,
        chunks=max(1, -(-len(index.rows) // CHUNK)),
        data_base=f"{DATA_FOLDER}/{index.name}-",
        badge_values={
            "type": vocab.claim_type(),
            "confidence": vocab.confidence(),
            "status": vocab.status(),
            "grade": vocab.reliability(),
        },
    )


def _window(number: int, total: int, around: int = 3) -> list[int]:
    """The pages the pager links from page `number`: the first, the last and those within
    `around` of it (so the pager does not grow with the corpus); a gap is shown between them."""
    return sorted({1, total} | set(range(max(1, number - around), min(total, number + around) + 1)))


def _chunk(index: Index, number: int) -> str:
    """Rows CHUNK*(number-1) ... as compact JSON: a cell is text, a number, [text, href] (href
    relative to the index pages, which are all at the site's root), {"b": kind, "v": value} or
    {"n": [[name, lang], ...], "h": href}; each row is [anchor, cells...]."""
    start = (number - 1) * CHUNK
    out = []
    for anchor, row in zip(
        index.anchors[start : start + CHUNK], index.rows[start : start + CHUNK], strict=True
    ):
        cells: list[object] = [anchor]
        for cell in row:
            if isinstance(cell, Badge):
                cells.append({"b": cell.kind, "v": cell.value})
            elif isinstance(cell, Names):
                cells.append({"n": [list(n) for n in cell.names], "h": cell.href})
            elif isinstance(cell, tuple):
                cells.append(list(cell))
            else:
                cells.append(cell)
        out.append(cells)
    return json.dumps({"index": index.name, "rows": out}, ensure_ascii=False, separators=(",", ":"))


def render_home(data: SiteData, intro: str) -> str:
    claims = data.claims()
    confidence = Counter(c.confidence for _, c in claims)
    counts = [
        {"label": "articles", "number": len(data.articles), "page": urls.ARTICLES},
        {"label": "claims", "number": len(claims), "page": urls.CLAIMS},
        {"label": "sources", "number": len(data.sources), "page": urls.SOURCES},
        {"label": "entities", "number": len(data.entities), "page": urls.ENTITIES},
    ]
    body = render(
        "home.html",
        page=urls.HOME,
        data=data,
        counts=counts,
        confidence=[(value, confidence.get(value, 0)) for value in vocab.confidence()],
        latest=latest_articles(data)[:LATEST],
    )
    return front_matter("Glossator corpus") + _intro(intro) + body


def render_methodology(intro: str) -> str:
    scales = [
        ("Confidence", "claims", "confidence", vocab.confidence()),
        ("Status", "claims", "status", vocab.status()),
        ("Claim types", "claims", "claim_type", vocab.claim_type()),
        ("Source reliability", "sources", "reliability_grade", vocab.reliability()),
        ("Credibility of information", "claims", "credibility", vocab.vocabulary("claims", "credibility")),
        ("Relations between claims", "claims", "relation_type", vocab.vocabulary("claims", "relation_type")),
        ("Source types", None, None, vocab.source_type()),
    ]
    views = [
        {
            "title": title,
            "description": vocab.vocabulary_intro(schema, name) if schema else "",
            "definitions": definitions,
        }
        for title, schema, name, definitions in scales
    ]
    return (
        front_matter("Methodology")
        + _intro(intro)
        + render("methodology.html", page=urls.METHODOLOGY, data=None, scales=views)
    )


def _intro(text: str) -> str:
    """The hand-written Markdown of site_src/intro, as written."""
    return text.rstrip() + "\n\n" if text.strip() else ""
