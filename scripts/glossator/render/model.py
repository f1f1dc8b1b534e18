"""A read-only view of a checked corpus, shaped for rendering: lookups and back-references."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..corpus import Corpus, items
from ..quotes import Match, TextQuote, find_quote


@dataclass
class Article:
    id: str
    meta: dict
    paragraphs: list[dict]
    translation: dict[str, dict]
    claims: list[dict]


@dataclass
class SiteData:
    articles: dict[str, Article] = field(default_factory=dict)
    sources: dict[str, dict] = field(default_factory=dict)
    entities: dict[str, dict] = field(default_factory=dict)
    claim_article: dict[str, str] = field(default_factory=dict)

    def claims(self) -> list[tuple[Article, dict]]:
        return [(a, c) for a in self.articles.values() for c in a.claims]

    def via_closure(self, source_id: str) -> set[str]:
        """Every source through which `source_id` is known, however indirectly."""
        seen: set[str] = set()
        stack = list(self.sources.get(source_id, {}).get("via") or [])
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self.sources.get(current, {}).get("via") or [])
        return seen

    def independent_origins(self, claim: dict) -> list[list[str]]:
        """The claim's sources grouped into independent lines of evidence. Two cited sources are
        one line when one is known through the other or both are known through a common source
        (the WSJ report and the Investing.com article relaying it are one origin, not two)."""
        cited = list(dict.fromkeys(ref["source"] for ref in claim["sources"]))
        reach = {s: self.via_closure(s) | {s} for s in cited}
        groups: list[tuple[set[str], list[str]]] = []
        for source in cited:
            joined = [g for g in groups if g[0] & reach[source]]
            merged_reach = set(reach[source]).union(*(g[0] for g in joined))
            merged = [s for g in joined for s in g[1]] + [source]
            groups = [g for g in groups if g not in joined] + [(merged_reach, merged)]
        return [members for _, members in groups]


def claim_matches(article: Article, claim: dict) -> tuple[Match | None, Match | None]:
    quote = claim["quote"]
    original = find_quote(TextQuote.from_data(quote["original"]), _pairs(article.paragraphs))
    english = find_quote(
        TextQuote.from_data(quote["translation"]),
        [(pid, p["text"]) for pid, p in article.translation.items()],
    )
    return (original[0] if original else None, english[0] if english else None)


def _pairs(paragraphs: list[dict]) -> list[tuple[str, str]]:
    return [(p["id"], p["text"]) for p in paragraphs if p["kind"] != "boilerplate"]


def site_data(corpus: Corpus) -> SiteData:
    """Assumes `corpus` passed `glossator check`."""
    data = SiteData()
    data.sources = {s["id"]: s for _, s in items(corpus.sources, "sources")}
    data.entities = {e["id"]: e for _, e in items(corpus.entities, "entities")}
    for article_id, entry in sorted(corpus.entries.items()):
        translation = {p["id"]: p for _, p in items(entry.translation, "paragraphs")}
        claims = [c for _, c in items(corpus.claims.get(article_id), "claims")]
        data.articles[article_id] = Article(
            article_id,
            entry.article.data,
            [p for _, p in items(entry.article, "paragraphs")],
            translation,
            claims,
        )
        for claim in claims:
            data.claim_article[claim["id"]] = article_id
    return data
