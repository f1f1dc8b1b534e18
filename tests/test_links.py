"""Every link in the built site leads somewhere: each relative `href` and `src` to a file that
exists, each `#fragment` to an element with that id (or name) in the target page, and every other
link to an http(s) or mailto address. Built once per module, from the committed corpus and from the
fixture project with a correction (so the links to earlier versions are followed too)."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from glossator.build import build_site
from glossator.render.urls import url

LINK_ATTRIBUTES = {"href", "src"}
# MkDocs' 404 page is served for a missing address at any depth, so it links from the server's
# root (absolute paths; set `site_url` in mkdocs.yml when the site is published below a root).
NOT_FOUND = "404.html"


class _Links(HTMLParser):
    """Every href/src in a page, and every id and name its elements carry."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value is not None:
                self.links.append((tag, name, value))
            if name in ("id", "name") and value:
                self.anchors.add(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def broken_links(site: Path) -> list[str]:
    """One line for each link in the site that leads nowhere."""
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    broken = []
    for name, page in pages.items():
        for tag, attribute, value in page.links:
            where = f"{name}: <{tag} {attribute}={value!r}>"
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                if parts.scheme not in ("http", "https", "mailto") or value.startswith("//"):
                    broken.append(f"{where}: only http(s) and mailto links may leave the site")
                continue
            path = unquote(parts.path)
            if path.startswith("/") and name != NOT_FOUND:
                broken.append(f"{where}: an absolute path breaks when the site is not at the server's root")
                continue
            base = "" if path.startswith("/") else posixpath.dirname(name)
            target = posixpath.normpath(posixpath.join(base, path.lstrip("/"))) if path else name
            if target.startswith("../") or not (site / target).exists():
                broken.append(f"{where}: no file {target}")
                continue
            if (site / target).is_dir():
                target = posixpath.join(target, "index.html")
                if target not in pages:
                    broken.append(f"{where}: the folder {target} has no index.html")
                    continue
            fragment = unquote(parts.fragment)
            if fragment and target in pages and fragment not in pages[target].anchors:
                broken.append(f"{where}: no element with id {fragment!r} in {target}")
    return broken


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    from conftest import copy_repo

    root = copy_repo(tmp_path_factory.mktemp("repo"))
    return build_site(root, site_dir=root / "site", progress=lambda _: None)


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory) -> Path:
    from conftest import FIXTURE_PROJECT, add_correction, copy_project

    root = copy_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("fixture") / "project")
    add_correction(root, "demo-article", b"<p>Der H\xc3\xa4ndler ...</p>", "page.html")
    return build_site(root, site_dir=root / "site", progress=lambda _: None)


def test_every_link_of_the_committed_corpus_site_leads_somewhere(corpus_site: Path) -> None:
    broken = broken_links(corpus_site)
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken)


def test_every_link_of_a_site_with_a_corrected_article_leads_somewhere(corrected_site: Path) -> None:
    broken = broken_links(corrected_site)
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken)


def test_the_articles_tab_links_every_article(corpus_site: Path) -> None:
    page = _parse(corpus_site / "articles" / "index.html")
    linked = {value for tag, _, value in page.links if tag == "a" and value.endswith(".html")}
    articles = {p.name for p in (corpus_site / "articles").glob("*.html") if p.name != "index.html"}
    assert articles, "the committed corpus has articles"
    assert articles <= linked, "the Articles tab links each article page next to it"


def test_the_checker_finds_broken_links(tmp_path: Path) -> None:
    """The link test itself: it would see the Articles tab bug and a missing anchor."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.html").write_text('<h2 id="claim-1">x</h2>', "utf-8")
    (tmp_path / "articles" / "index.html").write_text(
        '<a href="articles/a.html">broken</a> <a href="a.html#claim-1">fine</a> <a href="a.html#claim-2">no</a>'
        ' <a href="javascript:alert(1)">x</a> <a href="https://example.org/">fine</a> <img src="../x.png">',
        "utf-8",
    )
    broken = broken_links(tmp_path)
    assert [line.split(":")[1].strip() for line in broken] == [
        "<a href='articles/a.html'>",
        "<a href='a.html#claim-2'>",
        "<a href='javascript",
        "<img src='../x.png'>",
    ]


@pytest.mark.parametrize(
    ("from_page", "to_page", "expected"),
    [
        ("articles/index.html", "articles/a.html", "a.html"),
        ("articles/a.html", "sources.html#source-x", "../sources.html#source-x"),
        ("index.html", "articles/a.html#claim-1", "articles/a.html#claim-1"),
        ("sources.html", "sources.html#source-x", "#source-x"),
        ("articles/a.html", "articles/a/versions/2.html.txt", "a/versions/2.html.txt"),
        ("articles/a.html", "index.html", "../index.html"),
    ],
)
def test_url_is_relative_to_the_linking_page(from_page: str, to_page: str, expected: str) -> None:
    assert url(from_page, to_page) == expected
