"""schema.org ClaimReview for a claim's page (https://schema.org/ClaimReview), and the one safe way
to put JSON-LD into a page.

The review's rating is our confidence on a named scale (1 low, 2 moderate, 3 high; "not
assessable" has no value): a judgement of how far the claim is supported, not a verdict of
true or false, and the rating says so. Addresses (`url`, `@id`) are absolute only when the
site's address is configured (`glossator build --site-url`, or `site_url` in mkdocs.yml);
otherwise they are left out rather than guessed.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..model import Claim
from . import urls
from .model import SiteData

SCALE = {"low": 1, "moderate": 2, "high": 3}
SCALE_NAME = (
    "Glossator confidence, after ICD 203: 1 low, 2 moderate, 3 high (how far the claim is "
    "supported by its sources; not-assessable: an opinion or prediction, no value)"
)
_ENTITY_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place", "product": "Product"}


def _claimant(data: SiteData, claim: Claim) -> dict[str, Any]:
    if claim.claimant_kind == "entity":
        entity = data.entities.get(claim.claimant_id)
        name = entity.names[0].name if entity else claim.claimant_id
        kind = _ENTITY_TYPES.get(entity.type, "Thing") if entity else "Thing"
        found: dict[str, Any] = {"@type": kind, "name": name}
        if entity and entity.wikidata:
            found["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
        page = urls.entity_page(claim.claimant_id)
    elif claim.claimant_kind == "anonymous":  # unnamed: the article's words, never a guess
        return {"@type": "Thing", "name": claim.attribution or "unnamed"}
    else:
        source = data.sources.get(claim.claimant_id)
        found = {"@type": "CreativeWork", "name": source.label if source else claim.claimant_id}
        if source and source.author:
            found["author"] = {"@type": "Thing", "name": source.author}
        if source and source.publisher:
            found["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source and source.url:
            found["url"] = source.url
        page = urls.source_page(claim.claimant_id)
    address = data.site.absolute(page)
    if address:
        found["@id"] = address
    return found


def _appearance(data: SiteData, claim: Claim) -> dict[str, Any]:
    meta = data.articles[data.claim_article[claim.id]].meta
    found: dict[str, Any] = {"@type": "NewsArticle", "inLanguage": meta.language}
    if meta.title:
        found["headline"] = meta.title
    if meta.url:
        found["url"] = meta.url  # the publisher's address, verified (the schema allows no guess)
    if meta.publisher:
        found["publisher"] = {"@type": "Organization", "name": meta.publisher}
    if meta.author:
        found["author"] = {"@type": "Thing", "name": meta.author}
    if meta.published:
        found["datePublished"] = meta.published
    copy = data.site.absolute(urls.article_page(meta.id))
    if copy:
        found["sameAs"] = copy  # our copy of the text, with its translation
    return found


def claim_review(data: SiteData, claim: Claim) -> dict[str, Any]:
    """The ClaimReview of one claim (a checked corpus: its article and references exist)."""
    rating: dict[str, Any] = {
        "@type": "Rating",
        "name": SCALE_NAME,
        "alternateName": claim.confidence,
        "ratingExplanation": claim.rationale,
        "worstRating": 1,
        "bestRating": 3,
    }
    if claim.confidence in SCALE:
        rating["ratingValue"] = SCALE[claim.confidence]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.statement,
        "identifier": claim.id,
        "itemReviewed": {
            "@type": "Claim",
            "author": _claimant(data, claim),
            "appearance": _appearance(data, claim),
        },
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": "Glossator"},
    }
    if claim.event_date:
        end = claim.event_end
        review["itemReviewed"]["temporalCoverage"] = f"{claim.event_date}/{end}" if end else claim.event_date
    if data.site.version.get("date") not in (None, "unknown"):
        review["dateModified"] = data.site.version["date"]
    address = data.site.absolute(urls.claim_page(claim.id))
    if address:
        review["@id"] = address
        review["url"] = address
    return review


def script(value: Any) -> Markup:
    """A <script type="application/ld+json"> element holding `value`. <, > and & are written as
    \\u003c, \\u003e and \\u0026 (the same string to a JSON reader), so corpus text can neither end
    the element (`</script>`) nor open a comment (`<!--`); U+2028 and U+2029 likewise."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(f'<script type="application/ld+json">{text}</script>')
