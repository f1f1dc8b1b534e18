"""End to end: build sites in a temporary folder and read them as a reader would."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossator.build import build_site
from glossator.problems import InputError


class _Text(HTMLParser):
    """Visible text of a page and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def read_page(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text("utf-8"))
    return parser


# The fixture project's own words (tests/fixtures/project): what a reader must find on its pages.
# The committed corpus is checked for properties that hold whatever it contains.
CHINESE = "苏菂"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture project, with a Chinese name in its translation (the search must index CJK) and
    one paragraph not reviewed."""
    from conftest import FIXTURE_PROJECT, copy_project

    root = copy_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("fixture") / "project")
    translation = root / "corpus" / "demo-article" / "translation.en.yaml"
    text = translation.read_text("utf-8").replace(
        "That was legal, Muster said.", f"That was legal, Muster ({CHINESE}) said."
    )
    translation.write_text(text.replace("review: reviewed", "review: unreviewed", 1), "utf-8")
    return build_site(root, site_dir=root / "out", progress=lambda _: None)


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> tuple[Path, Path]:
    from conftest import copy_repo

    root = copy_repo(tmp_path_factory.mktemp("repo"))
    return root, build_site(root, site_dir=root / "out", progress=lambda _: None)


def _visible(page: _Text) -> str:
    return " ".join(" ".join(page.text).split())


def test_article_page_shows_both_languages_claims_sources_confidence(site: Path) -> None:
    page = read_page(site / "articles" / "demo-article.html")
    text = _visible(page)
    reading, boilerplate = text.split("Left out as boilerplate")
    assert "Der Händler Max Muster verkaufte 2024 zehn H100-Chips in Singapur demo-01 ." in reading
    assert "The trader Max Muster sold ten H100 chips in Singapore in 2024 demo-01 ." in reading
    assert "Max Muster sold ten H100 chips in Singapore in 2024." in boilerplate, "the claim's card"
    assert "manual translation, not reviewed" in reading and "manual translation, reviewed" in reading
    assert "Jetzt Abo sichern!" not in reading and "Jetzt Abo sichern!" in boilerplate
    for claim in ("demo-01", "demo-02"):
        marks = [a for tag, a in page.elements if tag == "mark" and claim in a.get("data-claims", "").split()]
        assert len(marks) == 2, f"{claim} is marked once in the German and once in the English text"
    badges = {a["class"] for tag, a in page.elements if "gl-confidence" in a.get("class", "")}
    assert badges == {
        "gl-badge gl-confidence gl-confidence-low",
        "gl-badge gl-confidence gl-confidence-moderate",
    }
    assert "Demo relay of the article (known via Demo article )" in text, (
        "the relay is known through the article"
    )
    html = (site / "articles" / "demo-article.html").read_text("utf-8")
    counts = re.findall(r'<span class="gl-origins">(\d+) independent origins?</span>', html)
    assert counts == ["1", "1"], "each card: a source and its relay are one origin"


def test_search_index_finds_words_of_both_languages_and_chinese(site: Path) -> None:
    """One pagefind bundle per language (tests/test_search_browser.py searches them)."""
    settings = json.loads((site / "pagefind" / "glossator.json").read_text("utf-8"))
    assert sorted(settings["bundles"]) == ["de", "en"]

    def records_with(language: str, words: str) -> set[str]:
        found = set()
        for fragment in (site / "pagefind" / language / "fragment").iterdir():
            record = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
            if words in record["content"] and "href" in record["filters"]:  # not a page of claims
                found.add(record["filters"]["href"][0].split("#")[0])
        return found

    for language, words in (("de", "Max Muster"), ("de", "Singapur"), ("en", "Singapore"), ("en", CHINESE)):
        assert "articles/demo-article.html" in records_with(language, words), (language, words)


def test_no_page_loads_anything_from_a_third_party(corpus_site: tuple[Path, Path]) -> None:
    _, site = corpus_site
    for page in site.rglob("*.html"):
        for tag, attrs in read_page(page).elements:
            loads = attrs.get("src") if tag in ("script", "img", "iframe") else None
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "preload", "icon"):
                loads = attrs.get("href")
            assert not (loads or "").startswith(("http:", "https:", "//")), f"{page.name} loads {loads}"
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text("utf-8")), css.name


def test_every_article_claim_and_paragraph_of_the_corpus_is_on_the_site(
    corpus_site: tuple[Path, Path],
) -> None:
    import yaml

    root, site = corpus_site
    claims_page = {  # the claims index, over its pages (claims.html, claims-2.html, ...)
        a.get("id") for page in site.glob("claims*.html") for _, a in read_page(page).elements
    }
    for folder in sorted((root / "corpus").iterdir()):
        article = yaml.safe_load((folder / "article.yaml").read_text("utf-8"))
        ids = {a.get("id") for _, a in read_page(site / "articles" / f"{folder.name}.html").elements}
        for paragraph in article["paragraphs"]:
            shown = f"para-{paragraph['id']}" in ids
            assert shown == (paragraph["kind"] != "boilerplate"), (folder.name, paragraph["id"])
        claims = yaml.safe_load((root / "annotations" / "claims" / f"{folder.name}.yaml").read_text("utf-8"))
        for claim in claims["claims"]:
            assert f"claim-{claim['id']}" in ids, (folder.name, claim["id"])
            assert f"claim-{claim['id']}" in claims_page, claim["id"]


def test_indexes_list_claims_sources_entities_and_the_scales(site: Path) -> None:
    from glossator.render import vocab

    claims = _visible(read_page(site / "claims.html"))
    assert "demo-01" in claims and "Muster says the sale was legal." in claims
    sources = _visible(read_page(site / "sources.html"))
    assert "Demo relay of the article" in sources  # how it is known: on its own page
    entities = _visible(read_page(site / "entities.html"))
    assert "Singapore · Singapur" in entities
    methodology = _visible(read_page(site / "methodology.html"))
    for value, definition in {**vocab.confidence(), **vocab.reliability()}.items():
        shown = " ".join(definition.replace("`", "").split())  # `code` is shown as code
        assert f"{value} {shown}" in methodology, value
    assert "`" not in methodology, "no raw Markdown backticks"


def test_annotation_text_cannot_inject_markup(project: Path, tmp_path: Path) -> None:
    evil = (
        "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) {: onclick=alert(4) }"
    )
    path = project / "annotations" / "claims" / "demo-article.yaml"
    text = path.read_text("utf-8").replace(
        "statement: Muster says the sale was legal.", f"statement: {json.dumps(evil)}"
    )
    path.write_text(text, "utf-8")
    entities = project / "annotations" / "entities.yaml"
    entities.write_text(
        entities.read_text("utf-8").replace(
            "{name: Max Muster, language: de}", '{name: "</title><script>x()</script>", language: de}'
        ),
        "utf-8",
    )
    article = project / "corpus" / "demo-article" / "article.yaml"
    article.write_text(
        article.read_text("utf-8")
        .replace("title: Händler verkauft Chips", 'title: "</title><script>y()</script>"')
        .replace(
            "original_name: demo.txt",
            """original_name: '"><script>alert(8)</script><img src=x onerror=alert(9)>.txt'""",
        ),
        "utf-8",
    )
    translation = project / "corpus" / "demo-article" / "translation.en.yaml"
    translation.write_text(
        translation.read_text("utf-8").replace(
            "in Singapore in 2024.",
            'in Singapore in 2024. <script>alert(5)</script> [x](javascript:alert(6)) **<img src=x onerror=alert(7)>**"',
        ),
        "utf-8",
    )
    out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    for page in out.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and "<script>x()" not in html and "<script>y()" not in html, page
        assert "<img" not in html, page
        assert 'href="javascript:' not in html, page
        for tag, attrs in read_page(page).elements:
            assert "onclick" not in attrs and "onerror" not in attrs, (page, tag)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (out / "articles" / "demo-article.html").read_text(
        "utf-8"
    )


def test_failing_corpus_builds_no_site_and_keeps_the_old_one(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(project, site_dir=site, progress=lambda _: None)
    before = (site / "index.html").read_bytes()
    claims = project / "annotations" / "claims" / "demo-article.yaml"
    claims.write_text(claims.read_text("utf-8").replace("confidence: low", "confidence: sure"), "utf-8")
    with pytest.raises(InputError) as error:
        build_site(project, site_dir=site, progress=lambda _: None)
    assert "confidence: 'sure'" in str(error.value)
    assert (site / "index.html").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.parametrize(
    "title",
    [
        "Line one\n\n---\n...\n\n    hide: [toc]\n</title><script>y()</script><b onmouseover=z()>: 'q' \"q\"",
    ],
    ids=["lines"],
)
def test_a_title_with_line_breaks_controls_and_markup_shows_as_text(
    project: Path, tmp_path: Path, title: str
) -> None:
    """Front matter comes from a YAML emitter: no character of a title can end it, add keys to it
    or become markup in <title> (which the theme fills in as is) or in the page's heading."""
    article = project / "corpus" / "demo-article" / "article.yaml"
    article.write_text(
        article.read_text("utf-8").replace("title: Händler verkauft Chips", f"title: {json.dumps(title)}"),
        "utf-8",
    )
    out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    page = read_page(out / "articles" / "demo-article.html")
    assert not [e for e in page.elements if e[0] == "b"], "no element from the title"
    toc = [a for tag, a in page.elements if tag == "a" and "md-nav__link" in a.get("class", "")]
    assert any(a.get("href") == "#claims-2" for a in toc), "no key added to the front matter hid the contents"
    assert not [e for e in page.elements if any(k.startswith("on") for k in e[1])], "no handler"
    titles = _texts_of(out / "articles" / "demo-article.html", "title")
    assert titles[0] == f"{title} - Glossator", "the document's title (the others label drawings)"
    assert not [t for t in titles[1:] if title in t]
    headings = _texts_of(out / "articles" / "demo-article.html", "h1")
    assert headings == [title]
    assert not any("y()" in body for body in _texts_of(out / "articles" / "demo-article.html", "script"))


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029", "\x7f", "\x01", "\ufffe"])
def test_a_title_with_an_invisible_control_character_is_refused(project: Path, tmp_path: Path, char: str):
    """Such a character broke the front matter once and let Markdown in the title run as markup;
    the check refuses it in any value, so no page is built from it."""
    article = project / "corpus" / "demo-article" / "article.yaml"
    title = json.dumps(f"A{char}B *x*{{: autofocus onfocus=alert(1)}}", ensure_ascii=True)
    article.write_text(article.read_text("utf-8").replace("title: Händler verkauft Chips", f"title: {title}"))
    with pytest.raises(InputError) as caught:
        build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    assert caught.value.problems[0].message.startswith(f"$.title: the character U+{ord(char):04X}")
    assert not (tmp_path / "site").exists()


class _ElementText(HTMLParser):
    """The text inside every element named `name` (not nested)."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name, self.inside, self.found = name, False, []

    def handle_starttag(self, tag, attrs):
        if tag == self.name:
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == self.name:
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.found[-1] += data


def _texts_of(path: Path, name: str) -> list[str]:
    parser = _ElementText(name)
    parser.feed(path.read_text("utf-8"))
    return parser.found


def test_corrected_article_says_so_and_links_every_version_as_text(project: Path, tmp_path: Path) -> None:
    from conftest import add_correction

    first = (project / "corpus" / "demo-article" / "received.txt").read_bytes()
    corrected = b"<html><body><script>alert(1)</script><p>Der H\xc3\xa4ndler</p></body></html>"
    new_file = add_correction(project, "demo-article", corrected, "page.html")
    out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    path = out / "articles" / "demo-article.html"
    text = " ".join(" ".join(read_page(path).text).split())
    assert "Corrected on 2026-11-26" in text
    links = {
        attrs["href"]: attrs for tag, attrs in read_page(path).elements if tag == "a" and "download" in attrs
    }
    assert set(links) == {f"demo-article/{new_file}.txt", "demo-article/received.txt"}
    assert links[f"demo-article/{new_file}.txt"]["download"] == "page.html"
    assert links["demo-article/received.txt"]["download"] == "demo.txt"
    published = out / "articles" / "demo-article"
    assert (published / f"{new_file}.txt").read_bytes() == corrected
    assert (published / "received.txt").read_bytes() == first
    assert not [p for p in published.rglob("*") if p.is_file() and p.suffix != ".txt"], (
        "a received file is served as text, never as a page the browser would run"
    )


def test_uncorrected_article_says_nothing_of_corrections(project: Path, tmp_path: Path) -> None:
    out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    page = read_page(out / "articles" / "demo-article.html")
    assert "Corrected" not in " ".join(page.text)
    downloads = [a["href"] for tag, a in page.elements if tag == "a" and "download" in a]
    assert downloads == ["demo-article/received.txt"]


def test_a_missing_version_file_is_reported_and_builds_no_site(project: Path, tmp_path: Path) -> None:
    from conftest import add_correction

    add_correction(project, "demo-article", b"<p>neu</p>", "page.html")
    (project / "corpus" / "demo-article" / "received.txt").unlink()
    with pytest.raises(InputError) as error:
        build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    assert "corpus/demo-article/article.yaml" in str(error.value)
    assert "received.txt is missing" in str(error.value)
    assert not (tmp_path / "site").exists()


def test_tables_and_code_blocks_render_as_blocks(project: Path, tmp_path: Path) -> None:
    """Ingest keeps a table as one `table` paragraph (a pipe table) and a code block whole; the
    page shows a real table and the code with its blank line, and a link in a cell is checked."""
    import yaml

    from glossator.textnorm import paragraph_hash
    from glossator.yamledit import write_yaml

    table = "| Chip | Preis |\n| --- | --- |\n| H100 | [x](javascript:alert(1)) |"
    code = "```\nline one\n\nline three\n```"
    article = project / "corpus" / "demo-article" / "article.yaml"
    translation = project / "corpus" / "demo-article" / "translation.en.yaml"
    data = yaml.safe_load(article.read_text("utf-8"))
    data["paragraphs"] += [
        {"id": "p4", "kind": "table", "text": table},
        {"id": "p5", "kind": "code", "text": code},
    ]
    write_yaml(article, data)
    english = yaml.safe_load(translation.read_text("utf-8"))
    english["paragraphs"] += [
        {
            "id": pid,
            "source_hash": paragraph_hash(source),
            "method": "manual",
            "review": "reviewed",
            "text": text,
        }
        for pid, source, text in (("p4", table, table.replace("Preis", "Price")), ("p5", code, code))
    ]
    write_yaml(translation, english)
    out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    html = (out / "articles" / "demo-article.html").read_text("utf-8")
    assert "<th>Chip</th>" in html and "<th>Price</th>" in html and "<td>H100</td>" in html
    assert "<pre><code>line one&#10;&#10;line three&#10;</code></pre>" in html
    cell = html.split("<td>H100</td>")[1].split("</td>")[0]
    assert cell.replace("&#10;", "") == "<td>[x](javascript:alert(1))", "a javascript: link stays text"
