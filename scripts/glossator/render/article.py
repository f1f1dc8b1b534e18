"""One article's page: metadata, original and translation side by side with claims marked, and
the claims themselves. The HTML is templates/article.html; this module shapes the data for it."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from ..model import Received, TranslatedParagraph
from ..textnorm import paragraph_hash
from . import urls
from .labels import display_title
from .model import Article, SiteData, claim_matches
from .templating import front_matter, render

METADATA_FIELDS = (
    ("title", "Original title"),
    ("publisher", "Publisher"),
    ("author", "Author"),
    ("published", "Published"),
    ("url", "Address"),
)


# The rows, facts and versions a page shows are small records, not dicts: the templates read
# them by attribute, which for a dict costs Jinja a failed attribute lookup first.
class Row(NamedTuple):
    id: str
    kind: str
    text: str
    quote_of: str | None
    marks_original: list
    marks_english: list
    translated: TranslatedParagraph | None
    provenance: str


class Fact(NamedTuple):
    label: str
    value: str | None
    note: str | None
    is_url: bool


class Version(NamedTuple):
    href: str
    download: str
    original_name: str
    sha256: str
    date: str | None
    replaced: str | None


def render_article(data: SiteData, article: Article) -> str:
    meta = article.meta
    page = urls.article_page(article.id)
    source = data.sources.get(meta.source)
    rows, claim_paragraph = _rows(article)
    body = render(
        "article.html",
        page=page,
        data=data,
        meta=meta,
        facts=[
            Fact(label, getattr(meta, key), meta.notes.get(key), key == "url")
            for key, label in METADATA_FIELDS
        ],
        source_grade=source.reliability.grade if source else None,
        received=_version(article.id, meta.received),
        versions=[_version(article.id, v) for v in meta.versions],
        notice=_translation_notice(article),
        rows=rows,
        tints={claim.id: f"gl-tint-{claim.confidence}" for claim in article.claims},
        claim_paragraph=claim_paragraph,
        boilerplate=[p for p in article.paragraphs if not p.reading],
        claims=article.claims,
    )
    return front_matter(display_title(meta), description=meta.working_title) + body


def published_files(article: Article) -> list[tuple[str, str]]:
    """The files received for the article (current, then earlier versions), each as (its path in
    the site, its path in the article's folder). See urls.article_file for why they end in `.txt`."""
    received = [article.meta.received, *article.meta.versions]
    return [(urls.article_file(article.id, v.file), v.file) for v in received]


def _version(article_id: str, version: Received) -> Version:
    name = version.original_name or version.file
    return Version(
        urls.article_file(article_id, version.file),
        name,
        name,
        version.sha256,
        version.date,
        version.replaced,
    )


def _translation_notice(article: Article) -> dict | None:
    """A warning above the text when any of its translation is a machine's or unreviewed."""
    paragraphs = article.translation.values()
    machine = sum(1 for p in paragraphs if p.method == "deepl" and p.review != "reviewed")
    unreviewed = sum(1 for p in paragraphs if p.review != "reviewed")
    if machine:
        return {
            "kind": "warning",
            "title": "Machine translation, not reviewed",
            "body": f"{machine} of {len(paragraphs)} paragraphs were translated by DeepL and nobody has checked them against the original yet.",
        }
    if unreviewed:
        return {
            "kind": "note",
            "title": "Translation not reviewed",
            "body": f"{unreviewed} of {len(paragraphs)} paragraphs were translated by hand and not yet reviewed by a second person.",
        }
    return None


def _provenance(paragraph: TranslatedParagraph, source_text: str) -> str:
    method = "machine translation (DeepL)" if paragraph.method == "deepl" else "manual translation"
    review = "reviewed" if paragraph.review == "reviewed" else "not reviewed"
    stale = paragraph.source_hash != paragraph_hash(source_text)
    return f"{method}, {review}" + (", stale" if stale else "")


def _rows(article: Article) -> tuple[list[Row], dict[str, str]]:
    """The reading text, one row per paragraph that is not boilerplate, with its claim marks; and
    the paragraph each claim is quoted from (its original's, else its translation's)."""
    marks_original: dict[str, list] = defaultdict(list)
    marks_english: dict[str, list] = defaultdict(list)
    claim_paragraph: dict[str, str] = {}
    for claim in article.claims:
        original, english = claim_matches(article, claim)
        found = original or english
        if found:
            claim_paragraph[claim.id] = found.paragraph
        if original:
            marks_original[original.paragraph].append((original, claim.id))
        if english:
            marks_english[english.paragraph].append((english, claim.id))
    rows = []
    for paragraph in article.meta.reading:
        pid = paragraph.id
        translated = article.translation.get(pid)
        rows.append(
            Row(
                pid,
                paragraph.kind,
                paragraph.text,
                paragraph.quote_of if paragraph.kind == "quote" else None,
                marks_original[pid],
                marks_english[pid],
                translated,
                _provenance(translated, paragraph.text) if translated else "",
            )
        )
    return rows, claim_paragraph
