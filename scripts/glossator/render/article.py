"""One article's page: metadata, original and translation side by side with claims marked, and
the claims themselves."""

from __future__ import annotations

from collections import defaultdict

from ..textnorm import paragraph_hash
from .claim import LANGUAGE_NAMES, grade_badge, render_claim, source_link
from .html import block, esc, front_matter, link, tag
from .inline import inline_html
from .model import Article, SiteData, claim_matches

ROOT = "../"
METADATA_FIELDS = (
    ("title", "Original title"),
    ("publisher", "Publisher"),
    ("author", "Author"),
    ("published", "Published"),
    ("url", "Address"),
)


def display_title(meta: dict) -> str:
    return meta.get("title") or meta.get("working_title") or meta["id"]


def render_article(data: SiteData, article: Article) -> str:
    meta = article.meta
    parts = [front_matter(display_title(meta), description=meta.get("working_title"))]
    parts.append(
        block(tag("h1", esc(display_title(meta)), lang=meta["language"] if meta.get("title") else "en"))
    )
    if not meta.get("title") and meta.get("working_title"):
        parts.append(
            block(
                tag(
                    "p",
                    "Working title given by the annotators; the article as received has no headline.",
                    class_="gl-aside",
                )
            )
        )
    parts.append("## About this article\n\n")
    parts.append(block(_metadata(data, article)))
    parts.append("## Text\n\n")
    notice = _translation_notice(article)
    if notice:
        parts.append(block(notice))
    parts.append(block(_parallel_text(data, article)))
    boilerplate = [p for p in article.paragraphs if p["kind"] == "boilerplate"]
    if boilerplate:
        items = "".join(
            tag("li", tag("q", esc(p["text"])) + " — " + esc(p.get("reason", ""))) for p in boilerplate
        )
        parts.append(
            block(
                tag(
                    "details",
                    tag("summary", "Left out as boilerplate") + tag("ul", items),
                    class_="gl-boilerplate",
                )
            )
        )
    parts.append(f"## Claims ({len(article.claims)})\n\n")
    if not article.claims:
        parts.append(block(tag("p", "No claims annotated yet.", class_="gl-aside")))
    for claim in article.claims:
        parts.append(block(render_claim(data, claim, root=ROOT)))
    return "".join(parts)


def _metadata(data: SiteData, article: Article) -> str:
    meta = article.meta
    notes = meta.get("notes") or {}
    rows = []
    for key, label in METADATA_FIELDS:
        value = meta.get(key)
        if key == "url" and value:
            shown = link(value, value, rel="nofollow noopener")
        elif value:
            shown = esc(value)
        else:
            shown = tag("span", "unknown", class_="gl-unknown")
        if notes.get(key):
            shown += " " + tag("span", esc(notes[key]), class_="gl-note")
        rows.append(tag("tr", tag("th", esc(label)) + tag("td", shown)))
    language = meta["language"]
    rows.append(tag("tr", tag("th", "Language") + tag("td", esc(LANGUAGE_NAMES.get(language, language)))))
    source = data.sources.get(meta["source"], {})
    grade = source.get("reliability", {}).get("grade")
    rows.append(
        tag(
            "tr",
            tag("th", "As a source")
            + tag(
                "td", (grade_badge(grade) + " " if grade else "") + source_link(data, meta["source"], ROOT)
            ),
        )
    )
    received = meta["received"]
    rows.append(
        tag(
            "tr",
            tag("th", "Received file")
            + tag(
                "td", esc(received["original_name"]) + " " + tag("code", "sha256 " + esc(received["sha256"]))
            ),
        )
    )
    return tag("table", tag("tbody", "".join(rows)), class_="gl-meta")


def _translation_notice(article: Article) -> str:
    """A warning above the text when any of its translation is a machine's or unreviewed."""
    paragraphs = article.translation.values()
    machine = sum(1 for p in paragraphs if p["method"] == "deepl" and p["review"] != "reviewed")
    unreviewed = sum(1 for p in paragraphs if p["review"] != "reviewed")
    if machine:
        title = "Machine translation, not reviewed"
        body = f"{machine} of {len(paragraphs)} paragraphs were translated by DeepL and nobody has checked them against the original yet."
    elif unreviewed:
        title = "Translation not reviewed"
        body = f"{unreviewed} of {len(paragraphs)} paragraphs were translated by hand and not yet reviewed by a second person."
    else:
        return ""
    kind = "warning" if machine else "note"
    return tag(
        "div",
        tag("p", esc(title), class_="admonition-title") + tag("p", esc(body)),
        class_=f"admonition {kind}",
    )


def _provenance(paragraph: dict | None, source_text: str) -> str:
    if paragraph is None:
        return tag("span", "not translated yet", class_="gl-prov gl-prov-missing")
    method = "machine translation (DeepL)" if paragraph["method"] == "deepl" else "manual translation"
    review = "reviewed" if paragraph["review"] == "reviewed" else "not reviewed"
    stale = paragraph["source_hash"] != paragraph_hash(source_text)
    label = f"{method}, {review}" + (", stale" if stale else "")
    return tag(
        "span", esc(label), class_=f"gl-prov gl-prov-{paragraph['method']} gl-prov-{paragraph['review']}"
    )


def _parallel_text(data: SiteData, article: Article) -> str:
    marks_de: dict[str, list] = defaultdict(list)
    marks_en: dict[str, list] = defaultdict(list)
    for claim in article.claims:
        original, english = claim_matches(article, claim)
        if original:
            marks_de[original.paragraph].append((original, claim["id"]))
        if english:
            marks_en[english.paragraph].append((english, claim["id"]))
    language = article.meta["language"]
    head = tag(
        "div",
        tag("div", esc(f"Original ({LANGUAGE_NAMES.get(language, language)})"), class_="gl-col-head")
        + tag("div", "English translation", class_="gl-col-head"),
        class_="gl-row gl-head",
    )
    rows = [head]
    for paragraph in article.paragraphs:
        if paragraph["kind"] == "boilerplate":
            continue
        pid = paragraph["id"]
        translated = article.translation.get(pid)
        kind = paragraph["kind"]
        quoted = ""
        if paragraph.get("quote_of") and kind == "quote":
            quoted = tag(
                "span", "Embedded: " + source_link(data, paragraph["quote_of"], ROOT), class_="gl-quote-of"
            )
        original = tag(
            "div",
            tag("span", esc(pid), class_="gl-pid")
            + quoted
            + tag("p", inline_html(paragraph["text"], marks_de[pid])),
            class_="gl-original",
            lang=language,
        )
        english_text = inline_html(translated["text"], marks_en[pid]) if translated else ""
        english = tag(
            "div",
            _provenance(translated, paragraph["text"]) + tag("p", english_text),
            class_="gl-translation",
            lang="en",
        )
        rows.append(tag("div", original + english, class_=f"gl-row gl-kind-{kind}", id=f"para-{pid}"))
    return tag("div", "".join(rows), class_="gl-parallel")
