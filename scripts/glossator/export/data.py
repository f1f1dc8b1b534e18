"""The whole corpus as one JSON document (schemas/export.schema.json): articles with their
paragraphs and translations, claims with the paragraphs their quotes stand in, sources,
entities and redirects, stamped with the corpus version. Made from the typed model; nothing is
added that the files do not hold, except what is computed from them (visible text, staleness,
paragraph of a quote)."""

from __future__ import annotations

from typing import Any

from .. import model as m
from ..markdown import visible_text
from ..textnorm import paragraph_hash
from .quotes import selector

FORMAT = "glossator-corpus/1"


def _article(corpus: m.Corpus, article: m.Article) -> dict[str, Any]:
    translation = corpus.translations.get(article.id)
    translated = translation.paragraphs if translation else {}
    paragraphs = []
    for p in article.paragraphs:
        item: dict[str, Any] = {"id": p.id, "kind": p.kind, "text": p.text}
        if p.reading:
            item["visible"] = visible_text(p.text).text
        if p.reason:
            item["reason"] = p.reason
        if p.quote_of:
            item["quote_of"] = p.quote_of
        t = translated.get(p.id)
        if t is not None and p.reading:
            item["translation"] = {
                "text": t.text,
                "visible": visible_text(t.text).text,
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


def _quote(quote, paragraphs) -> dict[str, Any]:
    found = selector(quote, paragraphs)
    out: dict[str, Any] = {"exact": quote.exact}
    if quote.prefix:
        out["prefix"] = quote.prefix
    if quote.suffix:
        out["suffix"] = quote.suffix
    out["paragraph"] = found[0] if found else None
    return out


def _claim(corpus: m.Corpus, claim: m.Claim) -> dict[str, Any]:
    article = corpus.articles.get(claim.article)
    translation = corpus.translations.get(claim.article)
    original = [(p.id, p.text) for p in article.reading] if article else []
    english = [(p.id, p.text) for p in translation.paragraphs.values()] if translation else []
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


def corpus_data(corpus: m.Corpus, version: dict[str, Any], redirects: list) -> dict[str, Any]:
    """The export document; `redirects` are rename.redirects.Redirect records."""
    return {
        "format": FORMAT,
        "version": version,
        "articles": [_article(corpus, a) for _, a in sorted(corpus.articles.items())],
        "claims": [_claim(corpus, c) for c in corpus.all_claims()],
        "sources": [source_data(s) for s in (corpus.sources or {}).values()],
        "entities": [entity_data(e) for e in (corpus.entities or {}).values()],
        "redirects": [{"kind": r.kind, "from": r.old, "to": r.new} for r in redirects],
    }
