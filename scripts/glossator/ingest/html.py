"""A saved news page cut down to its article: navigation, header, footer, forms, images,
scripts, styles and comment sections go; metadata is read from the head."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "img", "picture", "figure", "video", "audio", "source", "nav", "header", "footer", "form",
    "aside", "button", "input", "select", "textarea", "label", "link", "meta",
)  # fmt: skip
DROP_NAMES = re.compile(
    r"(^|[-_ ])(comments?|disqus|respond|reply|share|sharing|social|newsletter|related|sidebar|"
    r"breadcrumbs?|cookie|consent|advert|ads?|promo|subscribe|paywall)($|[-_ ])",
    re.IGNORECASE,
)


def page_metadata(soup: BeautifulSoup) -> dict[str, str]:
    def meta(**attrs: str) -> str | None:
        tag = soup.find("meta", attrs=attrs)
        content = tag.get("content") if tag else None
        return content.strip() if isinstance(content, str) and content.strip() else None

    found: dict[str, str | None] = {
        "title": meta(property="og:title") or (soup.title.get_text(" ", strip=True) if soup.title else None),
        "published": meta(property="article:published_time")
        or meta(name="date")
        or meta(itemprop="datePublished"),
        "author": meta(name="author") or meta(property="article:author"),
        "url": None,
        "language": None,
    }
    canonical = soup.find("link", rel="canonical")
    found["url"] = (canonical.get("href") if canonical else None) or meta(property="og:url")
    if soup.html and soup.html.get("lang"):
        language = str(soup.html["lang"]).strip().split("-")[0].lower()
        found["language"] = language if re.fullmatch(r"[a-z]{2,3}", language) else None
    if found["published"]:
        match = re.match(r"\d{4}-\d{2}-\d{2}", found["published"])
        found["published"] = match.group(0) if match else None
    if found["url"] and not re.fullmatch(r"https?://\S+", found["url"]):
        found["url"] = None
    return {k: v for k, v in found.items() if v}


def _names(tag) -> str:
    classes = tag.get("class") or []
    return " ".join([*classes, tag.get("id") or ""]) if isinstance(classes, list) else str(classes)


def article_html(text: str) -> tuple[str, dict[str, str]]:
    """The page's article as clean HTML, and what its head says about it."""
    soup = BeautifulSoup(text, "html.parser")
    metadata = page_metadata(soup)
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        names = _names(tag)
        if "twitter-tweet" not in names and DROP_NAMES.search(names):
            tag.decompose()
    for tag in soup.find_all(True):
        tag.attrs = {
            k: v
            for k, v in tag.attrs.items()
            if k in ("href", "class", "colspan", "rowspan")
            and not str(v).strip().lower().startswith("javascript:")
        }
    candidates = soup.find_all("article") or soup.find_all("main")
    body = max(candidates, key=lambda t: len(t.get_text())) if candidates else (soup.body or soup)
    return str(body), metadata
