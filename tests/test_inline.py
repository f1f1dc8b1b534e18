"""Paragraph Markdown to the site's HTML: nesting, escaping, claim marks (glossator.markdown)."""

from __future__ import annotations

import random
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from glossator.markdown import Text, parse, to_html, visible_text
from glossator.quotes import Match
from glossator.render.inline import inline_html

VOID = {"br"}


class _Page(HTMLParser):
    """Fails on any element closed out of order, a link inside a link, or an element inside a
    <mark>; collects the elements, the text a reader sees (claim reference links left out) and
    the marked text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.marked: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = [name for name, _ in self.stack]
        assert not (tag == "a" and "a" in names), "a link inside a link"
        assert not (names and names[-1] == "mark"), f"<{tag}> inside a <mark>"
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop()[0] == tag, f"</{tag}> closes out of order"

    def handle_data(self, data):
        if any(attrs.get("class") == "gl-ref" for _, attrs in self.stack):
            return
        self.text.append(data)
        if any(name == "mark" for name, _ in self.stack):
            self.marked.append(data)


def page(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


def test_inline_markdown_becomes_elements_and_the_rest_is_escaped():
    text = "Laut **Su Di** sind [Chips](https://x.org/a) mit `nvidia-smi` *sichtbar*, 30 \\$ <b>."
    assert inline_html(text) == (
        'Laut <strong>Su Di</strong> sind <a href="https://x.org/a" rel="nofollow noopener">Chips</a> '
        "mit <code>nvidia-smi</code> <em>sichtbar</em>, 30 $ &lt;b&gt;."
    )


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        # What pandoc writes for <strong><a>: was shown as raw syntax.
        (
            "**[Text](https://x.y)** danach",
            '<strong><a href="https://x.y" rel="nofollow noopener">Text</a></strong> danach',
        ),
        (
            "[ein *wichtiger* Bericht](https://x.y/a_(b))",
            '<a href="https://x.y/a_(b)" rel="nofollow noopener">ein <em>wichtiger</em> Bericht</a>',
        ),
        ("`a*b*c` und `**x**`", "<code>a*b*c</code> und <code>**x**</code>"),
        ("\\*kein\\* \\[Link\\](x) a\\_b", "*kein* [Link](x) a_b"),
        ("***beides*** und ~~alt~~", "<em><strong>beides</strong></em> und <del>alt</del>"),
        ("Byron_Wan und snake_case_name", "Byron_Wan und snake_case_name"),
        ("**fett *kursiv* fett**", "<strong>fett <em>kursiv</em> fett</strong>"),
        ("&amp; &copy; &nicht;", "&amp; © &amp;nicht;"),
    ],
)
def test_nesting_and_escapes(markdown, html):
    assert to_html(markdown) == html


def test_visible_text_is_what_the_page_shows():
    markdown = "Laut **[Su Di](https://x.y)** *sagt* `a*b` \\$ &amp; [z](javascript:x) <https://q.r/s>."
    visible = visible_text(markdown)
    assert visible.text == "Laut Su Di sagt a*b $ & z https://q.r/s."
    assert visible.text == "".join(page(to_html(markdown)).text)
    start = visible.text.index("Su Di")
    assert visible.source_span(start, start + 5) == (markdown.index("Su Di"), markdown.index("Su Di") + 5)
    dollar = visible.text.index("$")
    assert markdown[slice(*visible.source_span(dollar, dollar + 1))] == "\\$"


def test_only_web_links_become_links():
    for target in (
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "/rel",
        "#top",
    ):
        html = to_html(f"[x]({target})")
        assert html == "x", target
    assert to_html("[x](mailto:a@b.c)") == '<a href="mailto:a@b.c" rel="nofollow noopener">x</a>'


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(2)">',
        '[x](https://a.b/" onmouseover="alert(3))',
        "[x](https://a.b/\"onclick='alert(4)')",
        "**<img src=x onerror=alert(5)>**",
        '`<script>` [<b>](https://a.b "t\\" onclick=\\"y")',
        "<javascript:alert(6)> <https://a.b/<script>",
        "&lt;script&gt; &#60;script&#62;",
    ],
)
def test_hostile_text_stays_text(hostile):
    html = to_html(hostile, [(0, len(visible_text(hostile).text), 'c1" onclick="x')])
    parsed = page(html)
    assert {tag for tag, _ in parsed.elements} <= {"a", "mark", "strong", "em", "code", "del"}
    for tag, attrs in parsed.elements:
        assert set(attrs) <= {"href", "rel", "class", "data-claims"}, (tag, attrs)
        if tag == "a":
            assert attrs["href"].startswith(("https://", "http://", "mailto:", "#claim-")), attrs
    assert "".join(parsed.text) == visible_text(hostile).text


def test_marks_never_cross_elements_and_claim_links_stay_outside_links():
    text = "Er sagte **das sei [legal](https://x.org)** und ging."
    # A quote from inside the strong text into the link, another ending inside the link text.
    marks = [(Match("p1", 3, 22), "c1"), (Match("p1", 12, 25), "c2")]
    html = inline_html(text, marks)
    parsed = page(html)
    assert [a["href"] for t, a in parsed.elements if a.get("class") == "gl-ref"] == ["#claim-c1", "#claim-c2"]
    assert html.index('href="#claim-c2"') > html.index("</a>"), "moved after the link ends"
    assert "<mark" in html.split("<strong>")[1]


def test_marks_cover_exactly_their_visible_text_in_any_markup():
    markdown = "Vor **fett [*Link* im `code`](https://a.b) ~~alt~~** und \\*nach\\* <https://c.d> &amp; Ende."
    visible = visible_text(markdown).text
    rng = random.Random(7)
    for _ in range(300):
        start = rng.randrange(len(visible))
        end = rng.randrange(start + 1, len(visible) + 1)
        html = to_html(markdown, [(start, end, "c1")])
        parsed = page(html)  # well nested, no element inside a mark, no link in a link
        assert "".join(parsed.text) == visible
        assert "".join(parsed.marked) == visible[start:end]
        assert html.count('class="gl-ref"') == 1


def test_parse_keeps_source_spans():
    markdown = 'a **b [c](https://d.e "t")** \\* &amp; `f`'
    for node in parse(markdown):
        assert node.start < node.end
        if isinstance(node, Text) and node.literal:
            assert markdown[node.start : node.end] == node.text
    link = parse(markdown)[1].children[1]
    assert (link.kind, link.dest, link.href) == ("link", '(https://d.e "t")', "https://d.e")


def test_visible_text_agrees_with_markdown_its_own_renderer():
    """Any text, however broken its Markdown: the visible text is what markdown-it itself would
    show (so every node was placed in the source, none fell back to raw text)."""
    from markdown_it import MarkdownIt

    oracle = MarkdownIt("commonmark", {"html": False}).enable("strikethrough").disable("image")
    oracle.validateLink = lambda url: True
    pieces = [*"ab  *_`[]()\\~&;#<>!:/\"'", "http://", "&amp;", "**", "x.y", "](", "(<", ">)", ' "t"']
    pieces += ["``", "__", "~~", "&#x41;", "\\*", "[a](b)", "mailto:q", "\n"]
    rng = random.Random(1)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        shown = unescape(re.sub(r"<[^>]+>", "", oracle.renderInline(text)))
        assert " ".join(visible_text(text).text.split()) == " ".join(shown.split()), text
