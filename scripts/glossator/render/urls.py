"""Where every generated page lives in the site, and the one way to link between them.

Pages are named by their path in the built site (`articles/index.html`, not the Markdown file),
since the links sit in raw HTML that MkDocs copies as is (`use_directory_urls: false`).
"""

from __future__ import annotations

from functools import lru_cache

HOME = "index.html"
ARTICLES = "articles/index.html"
CLAIMS = "claims.html"
SOURCES = "sources.html"
ENTITIES = "entities.html"
METHODOLOGY = "methodology.html"


TIMELINE = "timeline.html"
DATA = "data.html"
ABOUT = "about.html"
DOWNLOADS = "data"  # the folder of the data downloads (corpus.json, claims.csv, ...)


def article_page(article_id: str) -> str:
    return f"articles/{article_id}.html"


def claim_page(claim_id: str) -> str:
    """Each claim's own page (the reader's site issue); its id is its address."""
    return f"claims/{claim_id}.html"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.html"


def entity_page(entity_id: str) -> str:
    return f"entities/{entity_id}.html"


def download(name: str) -> str:
    return f"{DOWNLOADS}/{name}"


def article_file(article_id: str, file: str) -> str:
    """Where a file received for an article is published: in a folder named after the article,
    with `.txt` appended unless the name already ends so. Static servers (MkDocs' own, Python's,
    GitHub Pages, nginx) serve `.txt` as text/plain, so a received web page is shown as its source
    text or downloaded, and never runs in the reader's browser."""
    name = file if file.endswith(".txt") else f"{file}.txt"
    return f"articles/{article_id}/{name}"


def docs_path(page: str) -> str:
    """The Markdown file in the docs folder that becomes `page`."""
    return page.removesuffix(".html") + ".md"


@lru_cache(maxsize=65536)
def url(from_page: str, to_page: str) -> str:
    """The relative address of `to_page` (a site path, optionally with `#fragment`) as written in
    `from_page`, like mkdocs.utils.get_relative_url: `url("articles/index.html",
    "articles/a.html#p1") == "a.html#p1"`; a link to the page itself keeps only the fragment.
    Both are paths from the site's root, without `.` or `..` parts."""
    path, hash_, fragment = to_page.partition("#")
    suffix = f"#{fragment}" if hash_ else ""
    if path in ("", from_page) and hash_:
        return suffix
    source = from_page.split("/")[:-1]
    target = (path or from_page).split("/")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:]) + suffix
