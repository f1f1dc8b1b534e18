"""The reader's site pages of single items: one page per claim, per source and per entity, the
timeline, and the redirect pages of renamed ids. Pure functions: site data in, page text out.
The HTML is in templates/{claim,source,entity,timeline,redirect}.html; links go through urls.url.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Claim
from ..quotes import find_quote
from ..rename.redirects import PLURAL, Redirect, final_target, table
from . import jsonld, timeline, urls, vocab
from .model import Article, SiteData, claim_matches
from .templating import environment, front_matter, render

TIMELINE_PAGE_EVENTS = 200
CLAIMS_PER_PAGE = 200  # claims listed on a source's or entity's page; the rest on pages of their own  # events listed on one page of the timeline; more go to period pages
PAGE_OF = {"claim": urls.claim_page, "source": urls.source_page, "entity": urls.entity_page}


class QuotePlace(NamedTuple):
    exact: str
    language: str
    paragraph: str | None  # the paragraph id it stands in (None: not found exactly once)


def _place(quote, language: str, paragraphs: list[tuple[str, str]]) -> QuotePlace:
    found = find_quote(quote, paragraphs)
    return QuotePlace(quote.exact, language, found[0].paragraph if len(found) == 1 else None)


def _quotes(article: Article, claim: Claim) -> list[tuple[QuotePlace, QuotePlace]]:
    """Every place the claim is made (`quote`, then `also_quoted`), in both languages."""
    original, english = claim_matches(article, claim)
    pairs = [
        (
            QuotePlace(claim.original.exact, article.meta.language, original.paragraph if original else None),
            QuotePlace(claim.translation.exact, "en", english.paragraph if english else None),
        )
    ]
    if claim.also_quoted:
        source = [(p.id, p.text) for p in article.meta.reading]
        target = [(pid, p.text) for pid, p in article.translation.items()]
        pairs += [
            (_place(q.original, article.meta.language, source), _place(q.translation, "en", target))
            for q in claim.also_quoted
        ]
    return pairs


RELATION_WORDS = {  # (type, stated by this claim) -> how the page says it
    ("same_as", True): "the same claim as",
    ("same_as", False): "the same claim as",
    ("contradicts", True): "contradicts",
    ("contradicts", False): "contradicts",
    ("supports", True): "supports",
    ("supports", False): "supported by",
    ("refines", True): "refines",
    ("refines", False): "refined by",
}


def paragraph_anchor(paragraph_id: str) -> str:
    """The anchor of a paragraph's row on its article's page (article.html)."""
    return paragraph_id  # the row is `#p5`; an empty `#para-p5` inside it keeps old links working


def locator_target(data: SiteData, source_id: str, locator: str | None) -> str | None:
    """A locator naming a paragraph (`p7`) of the corpus article a source is: that paragraph."""
    source = data.sources.get(source_id)
    if not locator or not source or not source.article or source.article not in data.articles:
        return None
    if any(p.id == locator and p.reading for p in data.articles[source.article].paragraphs):
        return urls.article_page(source.article) + "#" + paragraph_anchor(locator)
    return None


def claim_pages(data: SiteData, article: Article) -> dict[str, str]:
    """The page of each claim of one article (docs path -> text): made in the article's job."""
    pages = {}
    claims = article.claims
    for index, claim in enumerate(claims):
        neighbours = (
            claims[index - 1] if index else None,
            claims[index + 1] if index + 1 < len(claims) else None,
        )
        pages[urls.docs_path(urls.claim_page(claim.id))] = render_claim(data, article, claim, neighbours)
    return pages


def render_claim(data: SiteData, article: Article, claim: Claim, neighbours: tuple) -> str:
    page = urls.claim_page(claim.id)
    body = render(
        "claim.html",
        page=page,
        data=data,
        claim=claim,
        article=article,
        quotes=_quotes(article, claim),
        neighbours=neighbours,
        locator_target=locator_target,
        paragraph_anchor=paragraph_anchor,
        event=timeline.event_of(claim),
        related=[
            (RELATION_WORDS.get((kind, out), kind), other, note)
            for kind, other, note, out in data.related.get(claim.id, [])
        ],  # fmt: skip
        credibility=vocab.vocabulary("claims", "credibility"),
        review=jsonld.script(jsonld.claim_review(data, claim)),
    )
    description = f"Confidence {claim.confidence}, {claim.status}. {claim.rationale}"
    return (
        front_matter(f"Claim {claim.id}: {claim.statement}", description=description, og_type="article")
        + body
    )


def _listed(page: str, subject: str, claims: list[Claim], data: SiteData) -> tuple[list[Claim], list, dict]:
    """The claims a source's or entity's own page lists (the first CLAIMS_PER_PAGE), the links to
    the pages holding the rest ([(site page, first, last)]), and those pages (docs path -> text):
    `sources/<id>/claims-2.html` and so on (an id has no "/", so no page of another id is hit)."""
    chunks = [claims[i : i + CLAIMS_PER_PAGE] for i in range(0, len(claims), CLAIMS_PER_PAGE)] or [[]]
    folder = page.removesuffix(".html")
    names = [page] + [f"{folder}/claims-{n}.html" for n in range(2, len(chunks) + 1)]
    links = [(name, n * CLAIMS_PER_PAGE + 1, n * CLAIMS_PER_PAGE + len(chunk))
             for n, (name, chunk) in enumerate(zip(names, chunks, strict=True))]  # fmt: skip
    more = {}
    for n, (name, chunk) in enumerate(zip(names[1:], chunks[1:], strict=True), start=2):
        title = f"{subject}: claims {links[n - 1][1]}-{links[n - 1][2]} of {len(claims)}"
        body = render("claim_list_page.html", page=name, data=data, title=title, owner=page,
                      subject=subject, claims=chunk, links=links, total=len(claims))  # fmt: skip
        more[urls.docs_path(name)] = front_matter(title, og_type="website") + body
    return chunks[0], links if len(links) > 1 else [], more


def render_source(data: SiteData, source_id: str) -> dict[str, str]:
    """The source's page, and the pages of its claims beyond the first CLAIMS_PER_PAGE."""
    source = data.sources[source_id]
    page = urls.source_page(source_id)
    facts = [
        (key.replace("_", " ").capitalize(), getattr(source, key), key.endswith("url"))
        for key in ("title", "author", "publisher", "date", "url", "archive_url")
        if getattr(source, key)
    ]
    relays = [s.id for s in data.sources.values() if source_id in s.via]
    claims = [data.claim_by_id[c] for c in data.claims_by_source.get(source_id, [])]
    shown, links, more = _listed(page, source.label, claims, data)
    body = render(
        "source.html",
        page=page,
        data=data,
        source=source,
        facts=facts,
        relays=relays,
        claims=shown,
        total=len(claims),
        links=links,
    )
    description = f"Source, reliability {source.reliability.grade}: {source.reliability.rationale}"
    return {
        urls.docs_path(page): front_matter(source.label, description=description, og_type="website") + body,
        **more,
    }


def render_entity(data: SiteData, entity_id: str) -> dict[str, str]:
    """The entity's page, and the pages of its claims beyond the first CLAIMS_PER_PAGE. Its
    timeline lists the dated claims when they fit on one page; the drawing is always there."""
    entity = data.entities[entity_id]
    page = urls.entity_page(entity_id)
    claims = [data.claim_by_id[c] for c in data.claims_by_entity.get(entity_id, [])]
    shown, links, more = _listed(page, entity.names[0].name, claims, data)
    dated = timeline.events(claims)
    listed = len(dated) <= CLAIMS_PER_PAGE
    body = render(
        "entity.html",
        page=page,
        data=data,
        entity=entity,
        claims=shown,
        total=len(claims),
        links=links,
        dated=dated,
        drawing=_drawing(
            page,
            timeline.groups(dated),
            lambda key: f"#period-{key}" if listed else "#timeline",
            entity.names[0].name,
        )
        if len(dated) > 1
        else None,
        groups=timeline.groups(dated) if listed else [],
        period_name=timeline.period_name,
        sources=[s for s in data.sources.values() if entity_id in s.entities],
        language_names=_language_names(),
    )
    return {
        urls.docs_path(page): front_matter(
            entity.names[0].name, description=entity.description, og_type="website"
        )
        + body,
        **more,
    }


def _language_names() -> dict[str, str]:
    from .labels import LANGUAGE_NAMES

    return LANGUAGE_NAMES


def _drawing(page: str, grouped: list, period_href, subject: str):
    count = sum(len(items) for _, items in grouped)
    return timeline.svg(
        grouped,
        event_href=lambda e: urls.url(page, urls.claim_page(e.claim_id)),
        period_href=period_href,
        label=f"Timeline of {subject}: {count} dated event{'' if count == 1 else 's'}",
    )


def timeline_pages(data: SiteData) -> dict[str, str]:
    """The timeline (docs path -> text): the drawing and, when the corpus has few dated events,
    their list; otherwise the list is split into one page per period (and per
    TIMELINE_PAGE_EVENTS events), linked from the drawing."""
    found = timeline.events(c for _, c in data.claims())
    grouped = timeline.groups(found)
    split = len(found) > TIMELINE_PAGE_EVENTS
    pages: dict[str, str] = {}
    period_pages: dict[str, str] = {}
    if split:
        for key, items in grouped:
            chunks = [items[i : i + TIMELINE_PAGE_EVENTS] for i in range(0, len(items), TIMELINE_PAGE_EVENTS)]
            names = [f"timeline/{key}.html"] + [f"timeline/{key}-{n}.html" for n in range(2, len(chunks) + 1)]
            period_pages[key] = names[0]
            for n, (name, chunk) in enumerate(zip(names, chunks, strict=True)):
                nav = (names[n - 1] if n else None, names[n + 1] if n + 1 < len(names) else None)
                title = f"Timeline: {timeline.period_name(key)}" + (
                    f" ({n + 1} of {len(names)})" if len(names) > 1 else ""
                )
                body = render("timeline.html", page=name, data=data, drawing=None, sections=[(key, chunk)],
                              title=title, count=len(found), period_pages={}, nav=nav,
                              period_name=timeline.period_name)  # fmt: skip
                pages[urls.docs_path(name)] = front_matter(title, og_type="website") + body
    page = urls.TIMELINE

    def href(key: str) -> str:
        return urls.url(page, period_pages[key]) if split else f"#period-{key}"

    body = render(
        "timeline.html",
        page=page,
        data=data,
        drawing=_drawing(page, grouped, href, "the corpus") if found else None,
        sections=[] if split else grouped,
        title="Timeline",
        count=len(found),
        period_pages={key: (period_pages[key], len(items)) for key, items in grouped} if split else {},
        nav=(None, None),
        period_name=timeline.period_name,
    )
    pages[urls.docs_path(page)] = (
        front_matter(
            "Timeline",
            description="Dated events across the corpus, each linked to its claim.",
            og_type="website",
        )
        + body
    )
    return pages


def redirect_pages(data: SiteData, redirects: list[Redirect]) -> dict[str, str]:
    """An HTML page at the old address of each renamed claim, source and entity (docs path ->
    HTML, copied by MkDocs as it is): a meta refresh to the new page, and a link to it."""
    pages = {}
    template = environment().get_template("redirect.html")
    for kind in PLURAL:
        links = table(redirects, kind)
        for old in links:
            new = final_target(links, old)
            if new is None:
                continue
            page = PAGE_OF[kind](old)
            target = PAGE_OF[kind](new)
            pages[page] = template.render(
                kind=kind, old=old, new=new, href=urls.url(page, target), canonical=data.site.absolute(target)
            )
    return pages


__all__ = ["claim_pages", "redirect_pages", "render_entity", "render_source", "timeline_pages", "vocab"]
