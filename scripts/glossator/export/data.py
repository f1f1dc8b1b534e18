"""The whole corpus as one JSON document (schemas/export.schema.json): articles with their
paragraphs and translations, claims with the paragraphs their quotes stand in, sources,
entities and redirects, stamped with the corpus version. Made from the typed model; nothing is
added that the files do not hold, except what is computed from them (visible text, staleness,
paragraph of a quote)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import model as m
from ..markdown import visible_text
from ..textnorm import paragraph_hash
from .quotes import Found, Selectors

FORMAT = "glossator-corpus/1"


def _visible(markdown: str) -> str:
    return visible_text(markdown).text


def _article(corpus: m.Corpus, article: m.Article, visible: Callable[[str], str]) -> dict[str, Any]:
    translation = corpus.translations.get(article.id)
    translated = translation.paragraphs if translation else {}
    paragraphs = []
    for p in article.paragraphs:
        item: dict[str, Any] = {"id": p.id, "kind": p.kind, "text": p.text}
        if p.reading:
            item["visible"] = visible(p.text)
        if p.reason:
            item["reason"] = p.reason
        if p.quote_of:
            item["quote_of"] = p.quote_of
        t = translated.get(p.id)
        if t is not None and p.reading:
            item["translation"] = {
                "text": t.text,
                "visible": visible(t.text),
                "method": t.method,
                "review": t.review,
                "stale": t.source_hash != paragraph_hash(p.text),
            }
        paragraphs.append(item)
    return {
        "id": article.id,
        "language": article.language,
        "title": article.title,
        "working_title": article.working_title,
        "publisher": article.publisher,
        "author": article.author,
        "published": article.published,
        "url": article.url,
        "source": article.source,
        "notes": dict(article.notes),
        "translation_language": translation.language if translation else None,
        "paragraphs": paragraphs,
    }


def _quote(quote, found: Found | None) -> dict[str, Any]:
    out: dict[str, Any] = {"exact": quote.exact}
    if quote.prefix:
        out["prefix"] = quote.prefix
    if quote.suffix:
        out["suffix"] = quote.suffix
    out["paragraph"] = found[0] if found else None
    return out


def _claim(claim: m.Claim, selectors: Selectors) -> dict[str, Any]:
    original, english = selectors[claim.id]
    return {
        "id": claim.id,
        "article": claim.article,
        "statement": claim.statement,
        "quote": {
            "original": _quote(claim.original, original),
            "translation": _quote(claim.translation, english),
        },
        "claimant": claim.claimant,
        "type": claim.type,
        "sources": [
            {
                k: v
                for k, v in (("source", s.source), ("locator", s.locator), ("note", s.note))
                if v is not None
            }
            for s in claim.sources
        ],
        "confidence": claim.confidence,
        "rationale": claim.rationale,
        "status": claim.status,
        "entities": list(claim.entities),
        "event_date": claim.event_date,
        "note": claim.note,
    }


def source_data(source: m.Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "type": source.type,
        "label": source.label,
        "title": source.title,
        "author": source.author,
        "publisher": source.publisher,
        "date": source.date,
        "url": source.url,
        "archive_url": source.archive_url,
        "language": source.language,
        "article": source.article,
        "reliability": {"grade": source.reliability.grade, "rationale": source.reliability.rationale},
        "via": list(source.via),
        "entities": list(source.entities),
        "notes": dict(source.notes),
    }


def entity_data(entity: m.Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "type": entity.type,
        "names": [{"name": n.name, "language": n.language} for n in entity.names],
        "aliases": list(entity.aliases),
        "description": entity.description,
        "wikidata": entity.wikidata,
        "notes": dict(entity.notes),
    }


def corpus_data(
    corpus: m.Corpus,
    version: dict[str, Any],
    redirects: list,
    selectors: Selectors,
    visible: Callable[[str], str] = _visible,
) -> dict[str, Any]:
    """The export document; `redirects` are rename.redirects.Redirect records, `selectors` where
    each claim's quotes stand (quotes.all_selectors), `visible` a paragraph's visible text (the
    build passes what its workers have already worked out)."""
    return {
        "format": FORMAT,
        "version": version,
        "articles": [_article(corpus, a, visible) for _, a in sorted(corpus.articles.items())],
        "claims": [_claim(c, selectors) for c in corpus.all_claims()],
        "sources": [source_data(s) for s in (corpus.sources or {}).values()],
        "entities": [entity_data(e) for e in (corpus.entities or {}).values()],
        "redirects": [{"kind": r.kind, "from": r.old, "to": r.new} for r in redirects],
    }
