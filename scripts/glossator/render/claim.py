"""One claim as an HTML card: shown on its article's page."""

from __future__ import annotations

from . import vocab
from .html import esc, link, tag
from .model import SiteData

LANGUAGE_NAMES = {"de": "German", "en": "English", "zh": "Chinese"}


def badge(kind: str, value: str, definition: str) -> str:
    return tag("span", esc(value), class_=f"gl-badge gl-{kind} gl-{kind}-{value}", title=definition)


def confidence_badge(value: str) -> str:
    return badge("confidence", value, vocab.confidence().get(value, ""))


def status_badge(value: str) -> str:
    return badge("status", value, vocab.status().get(value, ""))


def grade_badge(grade: str) -> str:
    return badge("grade", grade, vocab.reliability().get(grade, ""))


def source_link(data: SiteData, source_id: str, root: str) -> str:
    label = data.sources.get(source_id, {}).get("label", source_id)
    return link(f"{root}sources.html#source-{source_id}", label)


def entity_link(data: SiteData, entity_id: str, root: str) -> str:
    entity = data.entities.get(entity_id, {})
    name = (entity.get("names") or [{"name": entity_id}])[0]["name"]
    return link(f"{root}entities.html#entity-{entity_id}", name)


def claimant_html(data: SiteData, claimant: str, root: str) -> str:
    kind, ref = claimant.split(":", 1)
    return source_link(data, ref, root) if kind == "source" else entity_link(data, ref, root)


def via_chain(data: SiteData, source_id: str, root: str) -> str:
    """'known via X, via Y': how a source reaches us."""
    parts, current, seen = [], source_id, {source_id}
    while True:
        via = [v for v in data.sources.get(current, {}).get("via") or [] if v not in seen]
        if not via:
            break
        parts.append(" and ".join(source_link(data, v, root) for v in via))
        seen.update(via)
        current = via[0]
    return ("known via " + ", via ".join(parts)) if parts else "we have it directly"


def render_claim(data: SiteData, claim: dict, *, root: str) -> str:
    """The card for one claim. `root` is the relative path from the page to the site root."""
    rows = []
    rows.append(_row("Claimant", claimant_html(data, claim["claimant"], root)))
    rows.append(_row("Type", badge("type", claim["type"], vocab.claim_type()[claim["type"]])))
    rows.append(
        _row(
            "Confidence",
            confidence_badge(claim["confidence"])
            + " "
            + tag("span", esc(claim["rationale"]), class_="gl-rationale"),
        )
    )
    rows.append(_row("Status", status_badge(claim["status"])))
    origins = data.independent_origins(claim)
    rows.append(_row("Sources", _sources_html(data, claim, root) + _origins_html(origins)))
    if claim.get("event_date"):
        rows.append(_row("Event date", tag("time", esc(claim["event_date"]), datetime=claim["event_date"])))
    if claim.get("entities"):
        rows.append(_row("Entities", ", ".join(entity_link(data, e, root) for e in claim["entities"])))
    if claim.get("note"):
        rows.append(_row("Note", esc(claim["note"])))
    quote = claim["quote"]
    quotes = tag(
        "div",
        tag("blockquote", esc(quote["original"]["exact"]), lang=_article_lang(data, claim))
        + tag("blockquote", esc(quote["translation"]["exact"]), lang="en"),
        class_="gl-claim-quotes",
    )
    heading = tag(
        "h3",
        tag("span", esc(claim["id"]), class_="gl-claim-id") + " " + esc(claim["statement"]),
        id=f"claim-{claim['id']}",
    )
    return tag("div", heading + quotes + tag("dl", "".join(rows), class_="gl-claim-facts"), class_="gl-claim")


def _article_lang(data: SiteData, claim: dict) -> str:
    return data.articles[data.claim_article[claim["id"]]].meta["language"]


def _row(label: str, html: str) -> str:
    # The spaces keep words apart in the search index, which reads the page's text.
    return tag("dt", esc(label)) + " " + tag("dd", html) + " "


def _sources_html(data: SiteData, claim: dict, root: str) -> str:
    entries = []
    for ref in claim["sources"]:
        source = data.sources[ref["source"]]
        text = grade_badge(source["reliability"]["grade"]) + " " + source_link(data, ref["source"], root)
        if ref.get("locator"):
            text += " " + tag("span", "at " + esc(ref["locator"]), class_="gl-locator")
        text += " " + tag("span", "(" + via_chain(data, ref["source"], root) + ")", class_="gl-via")
        if ref.get("note"):
            text += " " + tag("span", esc(ref["note"]), class_="gl-note")
        entries.append(tag("li", text))
    return tag("ul", "".join(entries), class_="gl-sources")


def _origins_html(origins: list[list[str]]) -> str:
    count = len(origins)
    label = f"{count} independent origin" + ("" if count == 1 else "s")
    return tag(
        "p",
        tag("strong", esc(label)),
        class_="gl-origins",
        title="Sources known through one another count once.",
    )
