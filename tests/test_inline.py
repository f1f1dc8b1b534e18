from __future__ import annotations

from html.parser import HTMLParser

from glossator.quotes import Match
from glossator.render.inline import inline_html


class _Nesting(HTMLParser):
    """Fails on any element closed out of order, or an <a> inside an <a>."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        assert not (tag == "a" and "a" in self.stack), "a link inside a link"
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes out of order"


def well_nested(html: str) -> str:
    parser = _Nesting()
    parser.feed(html)
    assert parser.stack == []
    return html


def test_inline_markdown_becomes_elements_and_the_rest_is_escaped():
    text = "Laut **Su Di** sind [Chips](https://x.org/a) mit `nvidia-smi` *sichtbar*, 30 \\$ <b>."
    assert inline_html(text) == (
        'Laut <strong>Su Di</strong> sind <a href="https://x.org/a" rel="nofollow noopener">Chips</a> '
        "mit <code>nvidia-smi</code> <em>sichtbar</em>, 30 $ &lt;b&gt;."
    )


def test_only_web_links_become_links():
    assert inline_html("[x](javascript:alert(1))") == "[x](javascript:alert(1))"


def test_marks_never_cross_elements_and_claim_links_stay_outside_links():
    text = "Er sagte **das sei [legal](https://x.org)** und ging."
    # A quote from inside the strong text into the link, another ending inside the link text.
    marks = [(Match("p1", 3, 22), "c1"), (Match("p1", 12, 25), "c2")]
    html = well_nested(inline_html(text, marks))
    assert html.count('class="gl-ref"') == 2
    assert html.index('href="#claim-c2"') > html.index("</a>"), "moved after the link ends"
    assert "<mark" in html.split("<strong>")[1]
