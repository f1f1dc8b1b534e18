"""Claims as W3C Web Annotations (JSON-LD, https://www.w3.org/TR/annotation-model/): one
AnnotationCollection holding one page of annotations, each claim an annotation whose targets
are its words in the original and in the translation (TextQuoteSelector with prefix and suffix
from the visible text) and whose bodies are its statement and assessment.

The article texts are identified by their pages on the published site when its address is
known (--site-url or GLOSSATOR_SITE_URL), and otherwise by `urn:glossator:` names made from the
ids; a publisher's URL is never used as the target (its page's text is not the corpus text)."""

from __future__ import annotations

from typing import Any

from ..model import Corpus
from ..render import urls
from .quotes import Found, Selectors

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _text_iri(site_url: str | None, article_id: str, language: str) -> str:
    """The article's page (which shows both texts), or a name for the text in one language."""
    if site_url:
        return f"{site_url.rstrip('/')}/articles/{article_id}.html"
    return f"urn:glossator:article:{article_id}:{language}"


def _target(iri: str, language: str, found: Found | None) -> dict[str, Any]:
    target: dict[str, Any] = {
        "type": "SpecificResource",
        "source": {"id": iri, "type": "Text", "language": language},
    }
    if found is not None:
        target["selector"] = found[1]
    return target


def _body(value: str, purpose: str, language: str | None = "en") -> dict[str, Any]:
    body = {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}
    if language:
        body["language"] = language
    return body


def annotation_collection(
    corpus: Corpus, version: dict[str, Any], selectors: Selectors, *, site_url: str | None = None
) -> dict[str, Any]:
    """Every claim of the corpus as one AnnotationCollection (`selectors`: quotes.all_selectors)."""
    items = []
    for claim in corpus.all_claims():
        article = corpus.articles.get(claim.article)
        translation = corpus.translations.get(claim.article)
        if article is None:
            continue
        english = translation.language if translation else "en"
        original, translated = selectors[claim.id]
        targets = [
            _target(_text_iri(site_url, article.id, article.language), article.language, original),
            _target(_text_iri(site_url, article.id, english), english, translated),
        ]
        bodies = [
            _body(claim.statement, "describing"),
            _body(f"type: {claim.type}", "classifying"),
            _body(f"confidence: {claim.confidence}. {claim.rationale}", "assessing"),
            _body(f"status: {claim.status}", "assessing"),
            _body(f"claimant: {claim.claimant}", "identifying", None),
            *(
                _body(f"source: {s.source}" + (f" ({s.locator})" if s.locator else ""), "linking", None)
                for s in claim.sources
            ),
            *(_body(f"entity: {e}", "tagging", None) for e in claim.entities),
        ]
        items.append(
            {
                "id": f"{site_url.rstrip('/')}/{urls.claim_page(claim.id)}"
                if site_url
                else f"urn:glossator:claim:{claim.id}",
                "type": "Annotation",
                "motivation": "assessing",
                "body": bodies,
                "target": targets,
            }
        )
    collection = {
        "@context": CONTEXT,
        "id": f"{site_url.rstrip('/')}/{urls.download('claims.jsonld')}"
        if site_url
        else "urn:glossator:claims",
        "type": "AnnotationCollection",
        "label": "Glossator claims",
        "generator": {"type": "Software", "name": "Glossator"},
        "glossator_version": version,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    if version["date"] != "unknown":
        collection["generated"] = version["date"]  # the corpus commit's date: the same export twice
    return collection
