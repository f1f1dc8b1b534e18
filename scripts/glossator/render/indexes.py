"""The pages that list across articles: home, articles, claims, sources, entities, methodology.
The HTML is in templates/; this module shapes the data for it."""

from __future__ import annotations

from collections import Counter, defaultdict

from . import urls, vocab
from .model import SiteData
from .templating import front_matter, render


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
    )
    return front_matter("Glossator corpus") + _intro(intro) + body


def render_articles(data: SiteData) -> str:
    return front_matter("Articles", hide_toc=True) + render("articles.html", page=urls.ARTICLES, data=data)


def render_claims(data: SiteData) -> str:
    return front_matter("Claims", hide_toc=True) + render("claims.html", page=urls.CLAIMS, data=data)


def render_sources(data: SiteData) -> str:
    cited: dict[str, list[str]] = defaultdict(list)
    for _, claim in data.claims():
        for ref in claim.sources:
            cited[ref.source].append(claim.id)
    cards = []
    for source_id, source in data.sources.items():
        facts = [
            (key.replace("_", " ").capitalize(), getattr(source, key), key.endswith("url"))
            for key in ("title", "author", "publisher", "date", "url", "archive_url")
            if getattr(source, key)
        ]
        notes = [(f"Note on {key.replace('_', ' ')}", note) for key, note in source.notes.items()]
        cards.append({"source": source, "facts": facts, "notes": notes, "claims": cited.get(source_id, [])})
    return front_matter("Sources") + render("sources.html", page=urls.SOURCES, data=data, cards=cards)


def render_entities(data: SiteData) -> str:
    mentioned: dict[str, list[str]] = defaultdict(list)
    for _, claim in data.claims():
        for entity_id in claim.entities:
            mentioned[entity_id].append(claim.id)
        if claim.claimant_kind == "entity":
            mentioned[claim.claimant_id].append(claim.id)
    rows = [
        (entity, sorted(set(mentioned.get(entity_id, []))))
        for entity_id, entity in sorted(data.entities.items(), key=lambda kv: kv[1].names[0].name.casefold())
    ]
    return front_matter("Entities", hide_toc=True) + render(
        "entities.html", page=urls.ENTITIES, data=data, rows=rows
    )


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
