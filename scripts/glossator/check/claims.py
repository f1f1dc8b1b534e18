"""Rules for claims: ids, claimants, references, locators, quotes, and how well a claim is known."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..corpus import Files
from ..model import Article, Claim, Corpus, Where
from ..problems import Problem
from ..quotes import Match, TextQuote, describe_miss, find_quote
from .common import problem, real_date, reference

_PARAGRAPH_REF = re.compile(r"\bp\d+\b")


def unique_claim_ids(corpus: Corpus, files: Files) -> Iterator[Problem]:
    """A claim id names one claim in the whole corpus (links and other claims point at it)."""
    first: dict[str, Claim] = {}
    for claim in corpus.all_claims():
        if claim.id in first:
            earlier = first[claim.id].where
            yield problem(
                claim.where.at("id"),
                f"duplicate claim id '{claim.id}' (first at {earlier.file}:{earlier.line}); "
                "claim ids are unique across the corpus",
            )
        first.setdefault(claim.id, claim)


def check_claims_file(corpus: Corpus, files: Files, name: str) -> Iterator[Problem]:
    """The rules for annotations/claims/<name>.yaml, claim by claim."""
    if name not in corpus.claims:
        return
    where = corpus.claim_files[name]
    article_id = where.doc.data.get("article")
    if not isinstance(article_id, str):
        return  # the schema check has said what is wrong
    article = corpus.articles.get(article_id)
    if article_id != name:
        yield problem(where.at("article"), f"article '{article_id}' differs from the file name '{name}.yaml'")
    if not corpus.has_folder(article_id):
        yield problem(
            where.at("article"), f"unknown article '{article_id}' (expected a folder name under corpus/)"
        )
    for claim in corpus.claims[name]:
        yield from _check_claim(corpus, claim, article)


# What a draft from `glossator claim` leaves to decide, with what to write.
_TO_DECIDE = {
    "statement": "one English sentence saying what is claimed",
    "claimant": "source:<id> or entity:<id>",
    "type": "event, statement, assertion, prediction or opinion",
    "confidence": "high, moderate, low or not-assessable",
    "rationale": "why this confidence",
    "status": "unverified, corroborated, disputed or refuted",
}


def _check_draft(claim: Claim) -> Iterator[Problem]:
    """A draft lists what is left to do, field by field; a draft with nothing left says to
    remove `draft: true` (a warning: the proposed quote may still need a look)."""
    todo = [name for name in _TO_DECIDE if getattr(claim, name) is None]
    for name in todo:
        yield problem(
            claim.where.at(name),
            f"to do: draft claim '{claim.id}' needs its {name} ({_TO_DECIDE[name]}); then remove `draft: true`",
        )
    if not claim.translation.exact:
        yield problem(
            claim.where.at("quote", "translation"),
            f"to do: draft claim '{claim.id}' needs its translation quote (translate the article first)",
        )
    if not todo and claim.translation.exact:
        yield problem(
            claim.where.at("id"),
            f"draft claim '{claim.id}' has every field filled: check its proposed quote, then remove `draft: true`",
            severity="warning",
        )


def _check_claim(corpus: Corpus, claim: Claim, article: Article | None) -> Iterator[Problem]:
    where = claim.where
    if claim.draft:
        yield from _check_draft(claim)
    kind, _, ref = (claim.claimant or "").partition(":")
    if claim.claimant is None:
        pass
    elif kind == "source":
        yield from reference(corpus, where.at("claimant"), "source", ref)
    elif kind == "entity":
        yield from reference(corpus, where.at("claimant"), "entity", ref)
    elif kind != "anonymous":  # anonymous:<slug> names no registry entry (check/grading.py)
        yield problem(
            where.at("claimant"),
            f"claimant '{claim.claimant}' must be source:<id> (an article or report), entity:<id> (a person or organisation) or anonymous:<slug> (an unnamed claimant, with `attribution`)",
        )
    for source_ref in claim.sources:
        yield from reference(corpus, source_ref.where.at("source"), "source", source_ref.source)
    for i, entity in enumerate(claim.entities):
        yield from reference(corpus, where.at("entities", i), "entity", entity)
    yield from real_date(where.at("event_date"), claim.event_date)
    # 'corroborated' (and 'high'): check/grading.py, which counts related claims' origins too.
    if article is not None and not has_invalid_paragraphs(corpus, article.id):
        yield from _check_quote(
            where.at("quote", "original"), claim.original, article, "original", _pairs(article)
        )
        translation = corpus.translations.get(article.id)
        pairs = [(p.id, p.text) for p in translation.paragraphs.values()] if translation else []
        if claim.translation.exact:
            yield from _check_quote(
                where.at("quote", "translation"), claim.translation, article, "translation", pairs
            )


def check_locators(corpus: Corpus, files: Files) -> Iterator[Problem]:
    """A locator into an article of the corpus names paragraphs that exist in it (a rule across
    articles: a claim may cite a report that is another article of the corpus)."""
    for claim in corpus.all_claims():
        for source_ref in claim.sources:
            yield from _check_locator(corpus, source_ref)


def _check_locator(corpus: Corpus, source_ref) -> Iterator[Problem]:
    source = (corpus.sources or {}).get(source_ref.source)
    if source is None or source.article is None or source_ref.locator is None:
        return
    outline = corpus.outlines.get(source.article)
    if outline is None:
        return
    known = outline.paragraphs
    for pid in _PARAGRAPH_REF.findall(source_ref.locator):
        if pid in known or pid in outline.invalid:
            continue
        if pid in outline.retired:
            why = "a correction removed it (it is retired)"
        else:
            shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
            why = f"its paragraphs are {shown}"
        yield problem(
            source_ref.where.at("locator"),
            f"locator names paragraph '{pid}', which article '{source.article}' does not have: {why}",
        )


def has_invalid_paragraphs(corpus: Corpus, article_id: str) -> bool:
    """Quotes are not searched in an article some of whose paragraphs (or their translations)
    failed the schema: the quote may stand in one of them, and that problem comes first."""
    prefix = f"{article_id}/"
    return any(i.startswith(prefix) for kind in ("paragraph", "translated") for i in corpus.invalid[kind])


def _pairs(article: Article) -> list[tuple[str, str]]:
    return [(p.id, p.text) for p in article.reading]


def _check_quote(
    where: Where, quote: TextQuote, article: Article, which: str, paragraphs
) -> Iterator[Problem]:
    if which == "translation" and not paragraphs:
        yield problem(
            where,
            f"article '{article.id}' has no translation yet, so the quote cannot be found; translate it first",
        )
        return
    yield from locate_quote(where, quote, paragraphs, which, article.id)[1]


def locate_quote(
    where: Where, quote: TextQuote, paragraphs, which: str, article_id: str, *, fixable: bool = True
) -> tuple[list[Match], list[Problem]]:
    """Where a quote stands in the original or the translation of an article, and the problem
    if it stands nowhere or in several places (`fixable`: say when fix-anchors can mend it)."""
    matches = find_quote(quote, paragraphs)
    if not matches:
        miss = describe_miss(quote, paragraphs, fixable=fixable)
        message = f"quote not found in the {which} of '{article_id}': {miss}; copy the words exactly"
        return matches, [problem(where.at("exact"), message)]
    if len(matches) > 1:
        places = ", ".join(m.paragraph for m in matches)
        message = (
            f"quote is ambiguous in the {which}: it occurs {len(matches)} times (in {places}); "
            "add a prefix or suffix to say which"
        )
        return matches, [problem(where.at("exact"), message)]
    return matches, []
