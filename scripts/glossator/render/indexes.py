"""The pages that list across articles: home, articles, claims, sources, entities, methodology."""

from __future__ import annotations

from collections import Counter, defaultdict

from . import vocab
from .article import display_title
from .claim import (
    LANGUAGE_NAMES,
    claimant_html,
    confidence_badge,
    grade_badge,
    status_badge,
    via_chain,
)
from .html import block, esc, front_matter, link, tag
from .model import SiteData

ROOT = ""


def _table(headers: list[str], rows: list[str], css: str) -> str:
    head = tag("thead", tag("tr", "".join(tag("th", esc(h)) for h in headers)))
    return tag("table", head + tag("tbody", "".join(rows)), class_=f"gl-table {css}")


def _article_link(data: SiteData, article_id: str, anchor: str = "") -> str:
    return link(f"articles/{article_id}.html{anchor}", display_title(data.articles[article_id].meta))


def _claim_links(data: SiteData, claim_ids: list[str]) -> str:
    return ", ".join(link(f"articles/{data.claim_article[c]}.html#claim-{c}", c) for c in claim_ids)


def render_home(data: SiteData, intro: str) -> str:
    claims = data.claims()
    confidence = Counter(c["confidence"] for _, c in claims)
    counts = [
        ("articles", len(data.articles), "articles/index.md"),
        ("claims", len(claims), "claims.md"),
        ("sources", len(data.sources), "sources.md"),
        ("entities", len(data.entities), "entities.md"),
    ]
    parts = [front_matter("Glossator corpus"), intro.rstrip() + "\n\n", "## The corpus in numbers\n\n"]
    parts.extend(f"- [{n} {label}]({target})\n" for label, n, target in counts)
    parts.append(
        "\nClaims by confidence: "
        + ", ".join(f"{value} {confidence.get(value, 0)}" for value in vocab.confidence())
        + "\n\n"
    )
    parts.append("## Articles\n\n")
    parts.append(block(_articles_table(data)))
    return "".join(parts)


def _articles_table(data: SiteData) -> str:
    rows = []
    for article in data.articles.values():
        meta = article.meta
        rows.append(
            tag(
                "tr",
                tag("td", _article_link(data, article.id))
                + tag("td", esc(meta.get("publisher") or "unknown"))
                + tag("td", esc(meta.get("published") or "unknown"))
                + tag("td", esc(LANGUAGE_NAMES.get(meta["language"], meta["language"])))
                + tag("td", esc(len(article.claims))),
            )
        )
    return _table(["Article", "Publisher", "Published", "Language", "Claims"], rows, "gl-articles")


def render_articles(data: SiteData) -> str:
    return front_matter("Articles", hide_toc=True) + "# Articles\n\n" + block(_articles_table(data))


def render_claims(data: SiteData) -> str:
    rows = []
    for article, claim in data.claims():
        anchor = f"#claim-{claim['id']}"
        rows.append(
            tag(
                "tr",
                tag("td", link(f"articles/{article.id}.html{anchor}", claim["id"]))
                + tag("td", esc(claim["statement"]))
                + tag("td", claimant_html(data, claim["claimant"], ROOT))
                + tag("td", esc(claim["type"]))
                + tag("td", confidence_badge(claim["confidence"]))
                + tag("td", status_badge(claim["status"]))
                + tag("td", esc(len(data.independent_origins(claim)))),
                id=f"claim-{claim['id']}",
            )
        )
    table = _table(
        ["Claim", "Statement", "Claimant", "Type", "Confidence", "Status", "Origins"], rows, "gl-claims"
    )
    intro = "Every claim in the corpus. *Origins* counts independent lines of evidence: sources known through one another count once. The scales are defined on the [methodology page](methodology.md).\n\n"
    return front_matter("Claims", hide_toc=True) + "# Claims\n\n" + intro + block(table)


def render_sources(data: SiteData) -> str:
    cited: dict[str, list[str]] = defaultdict(list)
    for _, claim in data.claims():
        for ref in claim["sources"]:
            cited[ref["source"]].append(claim["id"])
    cards = []
    for source_id, source in data.sources.items():
        facts = [
            ("Type", esc(source["type"].replace("_", " "))),
            (
                "Reliability",
                grade_badge(source["reliability"]["grade"]) + " " + esc(source["reliability"]["rationale"]),
            ),
            ("How we know it", via_chain(data, source_id, ROOT)),
        ]
        for key in ("title", "author", "publisher", "date", "url", "archive_url"):
            value = source.get(key)
            if value:
                facts.append(
                    (
                        key.replace("_", " ").capitalize(),
                        link(value, value, rel="nofollow noopener") if key.endswith("url") else esc(value),
                    )
                )
        if source.get("article"):
            facts.append(("In this corpus", _article_link(data, source["article"])))
        for key, note in (source.get("notes") or {}).items():
            facts.append((f"Note on {key.replace('_', ' ')}", esc(note)))
        claims = cited.get(source_id, [])
        claim_links = _claim_links(data, claims)
        facts.append((f"Cited by {len(claims)} claim(s)", claim_links or "none"))
        body = "".join(tag("dt", esc(k)) + " " + tag("dd", v) + " " for k, v in facts)
        cards.append(
            tag(
                "div",
                tag("h2", esc(source["label"]), id=f"source-{source_id}") + tag("dl", body),
                class_="gl-card",
            )
        )
    intro = "Every source that claims rest on, with its reliability grade (NATO Admiralty code, see [methodology](methodology.md)) and the chain through which we know it.\n\n"
    return front_matter("Sources") + "# Sources\n\n" + intro + "".join(block(c) for c in cards)


def render_entities(data: SiteData) -> str:
    mentioned: dict[str, list[str]] = defaultdict(list)
    for _, claim in data.claims():
        for entity_id in claim.get("entities") or []:
            mentioned[entity_id].append(claim["id"])
        if claim["claimant"].startswith("entity:"):
            mentioned[claim["claimant"].split(":", 1)[1]].append(claim["id"])
    rows = []
    for entity_id, entity in sorted(
        data.entities.items(), key=lambda kv: kv[1]["names"][0]["name"].casefold()
    ):
        names = " · ".join(tag("span", esc(n["name"]), lang=n["language"]) for n in entity["names"])
        aliases = ", ".join(esc(a) for a in entity.get("aliases") or [])
        claims = sorted(set(mentioned.get(entity_id, [])))
        claim_links = _claim_links(data, claims)
        wikidata = entity.get("wikidata")
        rows.append(
            tag(
                "tr",
                tag("td", names + (tag("div", "also: " + aliases, class_="gl-aliases") if aliases else ""))
                + tag("td", esc(entity["type"]))
                + tag("td", esc(entity.get("description", "")))
                + tag("td", link(f"https://www.wikidata.org/wiki/{wikidata}", wikidata) if wikidata else "")
                + tag("td", claim_links),
                id=f"entity-{entity_id}",
            )
        )
    table = _table(["Name", "Type", "Description", "Wikidata", "Claims"], rows, "gl-entities")
    return (
        front_matter("Entities", hide_toc=True)
        + "# Entities\n\nPeople, organisations, products and places, with their names in every language and script the corpus uses.\n\n"
        + block(table)
    )


def render_methodology(intro: str) -> str:
    parts = [front_matter("Methodology"), intro.rstrip() + "\n\n"]
    scales = [
        ("Confidence", "claims", "confidence", vocab.confidence()),
        ("Status", "claims", "status", vocab.status()),
        ("Claim types", "claims", "claim_type", vocab.claim_type()),
        ("Source reliability", "sources", "reliability_grade", vocab.reliability()),
        ("Source types", None, None, vocab.source_type()),
    ]
    for title, schema, name, values in scales:
        parts.append(f"## {title}\n\n")
        if schema:
            description = vocab.vocabulary_intro(schema, name)
            if description:
                parts.append(block(tag("p", esc(description))))
        rows = [tag("tr", tag("td", tag("code", esc(v))) + tag("td", esc(d))) for v, d in values.items()]
        parts.append(block(_table(["Value", "Definition"], rows, "gl-scale")))
    return "".join(parts)
