"""One search record per thing a reader looks for: each article in each of its languages, each
claim, source and entity; each with the address of its place on the site and a title a reader
recognises.

A record's text is what a reader would search it by, and nothing else: a claim's id, and the
titles of the sources it rests on, are not in it (so `Derek Aw` does not find every `aw-NN` claim,
and `loophole` does not find every claim resting on a source titled so). The id is kept as
metadata, shown beside the title.

A record may hold text in several languages: an article's original and its translation are two
records, each indexed in its language's bundle with its own stemmer; a claim is one record in
the English bundle, its German quote analysed as German (compounds split, umlauts folded). The
search box merges the hits of one record into one result.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .. import model as m
from ..markdown import visible_text
from ..render import urls
from ..render.labels import entity_name, language_name
from ..render.model import Article, SiteData

KINDS = ("article", "claim", "source", "entity")


class Block(NamedTuple):
    """A piece of a record's text: its anchor on the page (or ""), its words, and its language
    when it is not the language it is indexed in (a claim's German quote, in English)."""

    anchor: str
    text: str
    language: str = ""


class Record(NamedTuple):
    """`texts`: language -> blocks. `filters` (filtered on) and `meta` (shown) are never matched."""

    key: str
    kind: str
    url: str
    title: str
    texts: dict[str, list[Block]]
    filters: dict[str, str]
    meta: dict[str, str]
    context: str = ""  # words that find the record, weighed low (a claim's claimant and entities)


def address(kind: str, key: str, data: SiteData) -> str:
    """Where the record of `kind` and id `key` lives on the site: an article's page, or the page
    of its own that each claim, source and entity has."""
    if kind == "article":
        return urls.article_page(key)
    if kind == "claim":
        return urls.claim_page(key)
    if kind == "source":
        return urls.source_page(key)
    if kind == "entity":
        return urls.entity_page(key)
    raise ValueError(f"unknown record kind {kind!r}")


def _plain(markdown: str) -> str:
    return visible_text(markdown).text


def article_records(data: SiteData, article: Article) -> Iterator[Record]:
    """The original and the translation: two records, each in its own language."""
    meta = article.meta
    title = meta.display_title
    original = [Block(f"para-{p.id}", _plain(p.text)) for p in meta.reading]
    translated = [
        Block(f"para-{p.id}", _plain(article.translation[p.id].text))
        for p in meta.reading
        if p.id in article.translation
    ]
    variants = [(meta.language, original, f"original ({language_name(meta.language)})")]
    if meta.language != "en":
        variants.append(("en", translated, "English translation"))
    for language, blocks, label in variants:
        if not blocks:
            continue
        yield Record(
            key=f"article:{article.id}:{language}",
            kind="article",
            url=address("article", article.id, data),
            title=title,
            texts={language: blocks},
            filters={"type": "article", "language": language, "article": article.id},
            meta={"label": label, "publisher": meta.publisher or "", "date": meta.published or ""},
        )


def claim_record(data: SiteData, article: Article, claim: m.Claim) -> Record:
    # One record, indexed in English (its title is the statement): its German quote rides along,
    # analysed as German. A claim in every language's index would double the index's table of
    # records, which every first search downloads.
    original = Block("", claim.original.exact, article.meta.language)
    texts: dict[str, list[Block]] = {"en": [Block("", claim.translation.exact), original]}
    claimant = (
        data.sources[claim.claimant_id].label
        if claim.claimant_kind == "source" and claim.claimant_id in data.sources
        else entity_name(data, claim.claimant_id)
    )
    named = [entity_name(data, e) for e in claim.entities]
    return Record(
        key=f"claim:{claim.id}",
        kind="claim",
        url=address("claim", claim.id, data),
        title=claim.statement,
        texts=texts,
        filters={
            "type": "claim",
            "confidence": claim.confidence,
            "status": claim.status,
            "article": article.id,
        },
        meta={
            "id": claim.id,
            "label": f"confidence {claim.confidence}, {claim.status} · in {article.meta.display_title}",
        },
        context=" ".join(named if claim.claimant_kind == "source" else [claimant, *named]),
    )


def source_record(data: SiteData, source: m.Source) -> Record:
    language = source.language if source.language and source.title else "en"
    fields = (source.title, source.author, source.publisher)  # the label is the record's title
    blocks = [Block("", w) for w in dict.fromkeys(fields) if w and w != source.label]
    filters = {"type": "source"}
    if source.article:
        filters["article"] = source.article
    return Record(
        key=f"source:{source.id}",
        kind="source",
        url=address("source", source.id, data),
        title=source.label,
        texts={language: blocks},
        filters=filters,
        meta={"label": f"source, graded {source.reliability.grade}"},
    )


def entity_record(data: SiteData, entity: m.Entity) -> Record:
    names = [n.name for n in entity.names]
    others = [n for n in names[1:] + list(entity.aliases) if n != entity.name]
    title = entity.name + (f" ({', '.join(n for n in names if n != entity.name)})" if len(names) > 1 else "")
    blocks = [Block("", " · ".join(others))] if others else []
    if entity.description:
        blocks.append(Block("", entity.description))
    return Record(
        key=f"entity:{entity.id}",
        kind="entity",
        url=address("entity", entity.id, data),
        title=title,
        texts={"en": blocks},
        filters={"type": "entity"},
        meta={"label": entity.type},
    )


def records(data: SiteData) -> Iterator[Record]:
    """Every record of the site, articles (with their claims) first, then sources and entities."""
    for article in data.articles.values():
        yield from article_records(data, article)
        for claim in article.claims:
            yield claim_record(data, article, claim)
    for source in data.sources.values():
        yield source_record(data, source)
    for entity in data.entities.values():
        yield entity_record(data, entity)
