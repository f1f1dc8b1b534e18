"""The checked corpus shaped for rendering: each article with its translation and claims, and
the back-references pages need. Everything in it is the typed model (model.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .. import evidence
from .. import model as m
from ..quotes import Match, find_quote


@dataclass
class Article:
    id: str
    meta: m.Article
    paragraphs: tuple[m.Paragraph, ...]
    translation: dict[str, m.TranslatedParagraph]
    claims: list[m.Claim]


class Site(NamedTuple):
    """What the pages say about the site itself: where it is published (None when not
    configured), the repository (mkdocs.yml's repo_url, or None) and the corpus version
    (export.version.corpus_version: git commit, date, modified; "unknown" outside git)."""

    url: str | None = None
    repo_url: str | None = None
    version: dict = {"commit": "unknown", "date": "unknown", "modified": None}  # noqa: RUF012

    def absolute(self, page: str) -> str | None:
        """The published address of a site page, when the site's address is known."""
        return f"{self.url.rstrip('/')}/{page}" if self.url else None


@dataclass
class SiteData:
    articles: dict[str, Article] = field(default_factory=dict)
    sources: dict[str, m.Source] = field(default_factory=dict)
    entities: dict[str, m.Entity] = field(default_factory=dict)
    claim_article: dict[str, str] = field(default_factory=dict)
    # back-references, computed once: claim ids by the source they cite and by the entity they
    # name (as an entity or as claimant), in corpus order; and each claim by its id
    claims_by_source: dict[str, list[str]] = field(default_factory=dict)
    claims_by_entity: dict[str, list[str]] = field(default_factory=dict)
    claim_by_id: dict[str, m.Claim] = field(default_factory=dict)
    # each claim's relations in both directions: (type, other claim id, note, stated by this one)
    related: dict[str, list[tuple[str, str, str | None, bool]]] = field(default_factory=dict)
    # old anchors of renamed items, by the item's anchor (render/redirects.py)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    site: Site = field(default_factory=Site)
    # what the templates have drawn already, for pages in the same folder (templating.py)
    drawn: dict[tuple, object] = field(default_factory=dict, repr=False, compare=False)

    def claims(self) -> list[tuple[Article, m.Claim]]:
        return [(a, c) for a in self.articles.values() for c in a.claims]

    def independent_origins(self, claim: m.Claim) -> list[list[str]]:
        return evidence.independent_origins(self.sources, claim)


def claim_matches(article: Article, claim: m.Claim) -> tuple[Match | None, Match | None]:
    original = find_quote(claim.original, [(p.id, p.text) for p in article.meta.reading])
    english = find_quote(claim.translation, [(pid, p.text) for pid, p in article.translation.items()])
    return (original[0] if original else None, english[0] if english else None)


def site_data(corpus: m.Corpus) -> SiteData:
    """Assumes `corpus` passed `glossator check`."""
    data = SiteData(sources=dict(corpus.sources or {}), entities=dict(corpus.entities or {}))
    for article_id, article in sorted(corpus.articles.items()):
        translation = corpus.translations.get(article_id)
        claims = corpus.claims.get(article_id, [])
        data.articles[article_id] = Article(
            article_id,
            article,
            article.paragraphs,
            dict(translation.paragraphs) if translation else {},
            claims,
        )
        for claim in claims:
            data.claim_article[claim.id] = article_id
            data.claim_by_id[claim.id] = claim
            for source_id in dict.fromkeys(ref.source for ref in claim.sources):
                data.claims_by_source.setdefault(source_id, []).append(claim.id)
            named = (
                [*claim.entities, claim.claimant_id] if claim.claimant_kind == "entity" else claim.entities
            )
            for entity_id in dict.fromkeys(named):
                data.claims_by_entity.setdefault(entity_id, []).append(claim.id)
            for relation in claim.relations:
                data.related.setdefault(claim.id, []).append(
                    (relation.type, relation.claim, relation.note, True)
                )
                data.related.setdefault(relation.claim, []).append(
                    (relation.type, claim.id, relation.note, False)
                )
    return data
