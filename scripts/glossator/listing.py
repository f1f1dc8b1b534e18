"""`glossator list` and `glossator stats`: the corpus as rows (articles, claims, sources,
entities) and as counts, read from the typed model. What is stale is decided as `check` decides
it: a translation whose `source_hash` is not its paragraph's `paragraph_hash`, and a quote that
`quotes.find_quote` does not find exactly once in the visible text.

Rows are plain dicts of JSON values, so `--format json` prints them as they are, and the table
is made from the same rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .evidence import independent_origins
from .model import Article, Claim, Corpus
from .quotes import find_quote
from .textnorm import paragraph_hash

KINDS = ("articles", "claims", "sources", "entities")


@dataclass(frozen=True)
class Filters:
    """What to keep: each None (or False) keeps everything."""

    article: str | None = None
    confidence: str | None = None
    status: str | None = None
    unreviewed: bool = False
    stale: bool = False


def stale_translations(corpus: Corpus, article: Article) -> list[str]:
    """The ids of the paragraphs whose translation was made from another text."""
    translation = corpus.translations.get(article.id)
    if translation is None:
        return []
    hashes = {p.id: paragraph_hash(p.text) for p in article.reading}
    return [
        pid for pid, t in translation.paragraphs.items() if pid in hashes and t.source_hash != hashes[pid]
    ]


def stale_quotes(corpus: Corpus, claim: Claim) -> list[str]:
    """Which of the claim's quotes ('original', 'translation') are not found exactly once."""
    article = corpus.articles.get(claim.article)
    if article is None:
        return ["original", "translation"]
    translation = corpus.translations.get(claim.article)
    texts = {
        "original": [(p.id, p.text) for p in article.reading],
        "translation": [(p.id, p.text) for p in translation.paragraphs.values()] if translation else [],
    }
    quotes = {"original": claim.original, "translation": claim.translation}
    return [which for which in texts if len(find_quote(quotes[which], texts[which])) != 1]


def _article_row(corpus: Corpus, article: Article) -> dict[str, Any]:
    translation = corpus.translations.get(article.id)
    translated = translation.paragraphs if translation else {}
    claims = corpus.claims.get(article.id, [])
    return {
        "id": article.id,
        "language": article.language,
        "title": article.display_title,
        "published": article.published,
        "paragraphs": len(article.reading),
        "translated": sum(p.id in translated for p in article.reading),
        "unreviewed": sum(t.review != "reviewed" for t in translated.values()),
        "stale_translations": len(stale_translations(corpus, article)),
        "claims": len(claims),
        "stale_quotes": sum(bool(stale_quotes(corpus, c)) for c in claims),
    }


def _claim_row(corpus: Corpus, claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article": claim.article,
        "type": claim.type,
        "confidence": claim.confidence,
        "status": claim.status,
        "claimant": claim.claimant,
        "origins": len(independent_origins(corpus.sources or {}, claim)),
        "stale_quotes": stale_quotes(corpus, claim),
        "statement": claim.statement,
    }


def _in_article(corpus: Corpus, article_id: str) -> tuple[set[str], set[str]]:
    """The sources and entities the claims of one article name."""
    sources, entities = set(), set()
    for claim in corpus.claims.get(article_id, []):
        sources |= {ref.source for ref in claim.sources}
        entities |= set(claim.entities)
        if claim.claimant_kind in ("source", "entity"):  # anonymous:<slug> names no registry entry
            (sources if claim.claimant_kind == "source" else entities).add(claim.claimant_id)
    article = corpus.articles.get(article_id)
    if article is not None:
        sources.add(article.source)
    return sources, entities


def rows(corpus: Corpus, kind: str, filters: Filters) -> list[dict[str, Any]]:
    """The items of `kind` that pass the filters, as rows, in id order (claims in file order)."""
    f = filters
    if kind == "articles":
        out = [_article_row(corpus, a) for _, a in sorted(corpus.articles.items())]
        return [
            r
            for r in out
            if (f.article is None or r["id"] == f.article)
            and (not f.unreviewed or r["unreviewed"])
            and (not f.stale or r["stale_translations"] or r["stale_quotes"])
        ]
    if kind == "claims":
        claims = [
            c
            for c in corpus.all_claims()
            if (f.article is None or c.article == f.article)
            and (f.confidence is None or c.confidence == f.confidence)
            and (f.status is None or c.status == f.status)
        ]
        out = [_claim_row(corpus, c) for c in claims]
        return [r for r in out if not f.stale or r["stale_quotes"]]
    cited: Counter[str] = Counter()
    for claim in corpus.all_claims():
        names = {ref.source for ref in claim.sources} | set(claim.entities)
        if claim.claimant_kind != "anonymous":
            names.add(claim.claimant_id)
        cited.update(names)
    wanted = _in_article(corpus, f.article) if f.article else None
    if kind == "sources":
        return [
            {
                "id": s.id,
                "type": s.type,
                "reliability": s.reliability.grade,
                "date": s.date,
                "via": list(s.via),
                "cited_by": cited[s.id],
                "label": s.label,
            }
            for s in sorted((corpus.sources or {}).values(), key=lambda s: s.id)
            if wanted is None or s.id in wanted[0]
        ]
    return [
        {"id": e.id, "type": e.type, "name": e.name, "wikidata": e.wikidata, "claims": cited[e.id]}
        for e in sorted((corpus.entities or {}).values(), key=lambda e: e.id)
        if wanted is None or e.id in wanted[1]
    ]


def stats(corpus: Corpus) -> dict[str, Any]:
    """Counts across the corpus, grouped by what they count."""
    articles = rows(corpus, "articles", Filters())
    claims = corpus.all_claims()
    sources = list((corpus.sources or {}).values())
    entities = list((corpus.entities or {}).values())
    total = sum(r["paragraphs"] for r in articles)
    translated = sum(r["translated"] for r in articles)
    return {
        "articles": len(articles),
        "paragraphs": {
            "total": total,
            "translated": translated,
            "untranslated": total - translated,
            "unreviewed": sum(r["unreviewed"] for r in articles),
            "stale": sum(r["stale_translations"] for r in articles),
        },
        "claims": {
            "total": len(claims),
            "stale_quotes": sum(r["stale_quotes"] for r in articles),
            "confidence": dict(Counter(c.confidence for c in claims).most_common()),
            "status": dict(Counter(c.status for c in claims).most_common()),
            "type": dict(Counter(c.type for c in claims).most_common()),
        },
        "sources": {
            "total": len(sources),
            "type": dict(Counter(s.type for s in sources).most_common()),
            "reliability": dict(sorted(Counter(s.reliability.grade for s in sources).items())),
        },
        "entities": {"total": len(entities), "type": dict(Counter(e.type for e in entities).most_common())},
    }


def _cell(value: Any, width: int = 60) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value) or "-"
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(items: list[dict[str, Any]]) -> str:
    """Rows as plain text columns aligned under a header; long text is cut to fit a line."""
    if not items:
        return "(none)"
    keys = list(items[0])
    cells = [[k.replace("_", " ") for k in keys]] + [[_cell(r[k]) for k in keys] for r in items]
    widths = [max(len(row[i]) for row in cells) for i in range(len(keys))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )


def stats_text(counts: dict[str, Any]) -> str:
    """The counts as indented lines: `claims  12`, then `  confidence  high 3, low 9`."""
    lines = []
    for key, value in counts.items():
        if not isinstance(value, dict):
            lines.append(f"{key}: {value}")
            continue
        lines.append(f"{key}: {value.get('total', '')}".rstrip())
        for sub, inner in value.items():
            if sub == "total":
                continue
            shown = ", ".join(f"{k} {v}" for k, v in inner.items()) if isinstance(inner, dict) else inner
            lines.append(f"  {sub.replace('_', ' ')}: {shown or 0}")
    return "\n".join(lines)
