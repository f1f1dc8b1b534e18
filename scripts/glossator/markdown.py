"""The corpus's inline Markdown, in one place: a paragraph's text parsed into a tree, the text a
reader sees, and the HTML of the site.

A paragraph's `text` in the corpus is one block of inline Markdown (CommonMark, as pandoc writes
it): emphasis, strong, strikethrough (`~~`), links, autolinks, code spans, backslash escapes,
entities and line breaks, nested in any way CommonMark allows. It is parsed by markdown-it-py
(CommonMark preset, raw HTML off, no linkify, no images: `![a](b)` is a "!" and a link). Every node
remembers its span in the source, so that a visible offset (where a quote was found) leads back
to the Markdown, and the DeepL side (`markup.py`) can hand link targets and code over untouched.

Contract:
- `parse(md)` never fails: anything that is not Markdown syntax is text.
- `visible_text(md).text` is exactly the text `to_html(md)` shows (tags stripped, entities
  decoded, a line break counting as one space).
- `to_html(md, marks)` escapes every character of the corpus; only http(s) and mailto links
  become <a href> (rel="nofollow noopener"); a <mark> wraps text only, so it is cut at every
  element boundary; a claim's reference link is put after the mark's end, but never inside a
  link or a code span (it moves to where that element ends).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

__all__ = [
    "Break",
    "Code",
    "Element",
    "Node",
    "Text",
    "Visible",
    "parse",
    "to_html",
    "visible_text",
]


@dataclass(frozen=True)
class Text:
    """Visible text. `literal`: the source span holds exactly `text`; otherwise it is one escape
    (`\\*`) or entity (`&amp;`) whose whole span stands behind each character."""

    text: str
    start: int
    end: int
    literal: bool = True


@dataclass(frozen=True)
class Code:
    """A code span: `text` is what is shown; the source span includes the backticks."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Break:
    """A soft or hard line break; shown as one space (or <br> when hard)."""

    hard: bool
    start: int
    end: int


@dataclass(frozen=True)
class Element:
    """Emphasis (`em`), `strong`, strikethrough (`del`) or `link` around `children`.

    `markup` is the delimiter (`*`, `__`, `~~`; `autolink` for `<https://...>`), `inner` the
    source span of the children. Links carry `href` (the target, escapes resolved) and `dest`,
    the raw source after the link text (`(https://x "title")`; empty for autolinks)."""

    kind: str
    children: tuple[Node, ...]
    start: int
    end: int
    inner: tuple[int, int]
    markup: str = ""
    href: str = ""
    dest: str = ""

    @property
    def autolink(self) -> bool:
        return self.markup == "autolink"


Node = Text | Code | Break | Element


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    # Escapes and entities stay tokens of their own (text_join would merge them into the text and
    # lose where they stand); images are not part of the corpus's subset.
    md.disable(["text_join", "image"])
    # Every link is parsed as a link; which ones become <a href>, and their percent-encoding,
    # is decided when rendering (normalizing every link costs a quarter of the parse).
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md


_MD = _parser()


def _block_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    return md  # markdown-it's own link check: javascript:, vbscript: and file: do not become links


_BLOCKS = _block_parser()


def block_html(md: str) -> str:
    """A table or code block (kinds `table` and `code`) as HTML: a real <table>, a <pre>. Raw
    HTML is off and every character of the text is escaped by markdown-it's renderer."""
    return _BLOCKS.render(md)


# Characters that can start inline syntax; a text without any of them is plain text.
_SYNTAX = re.compile(r"[\\`~*_\[<&\n\r\x00]")
_KIND = {"em": "em", "strong": "strong", "s": "del", "link": "link"}


@lru_cache(maxsize=4096)
def parse(md: str) -> tuple[Node, ...]:
    """The inline tree of one paragraph's Markdown."""
    if not _SYNTAX.search(md):
        return (Text(md, 0, len(md)),) if md else ()
    # markdown-it's normalize step rewrites \r\n, \r and NUL; these replacements keep every offset.
    src = md.replace("\r\n", " \n").replace("\r", "\n").replace("\x00", "\ufffd")
    [block] = _MD.parseInline(src)
    try:
        return _Aligner(src, block.children or []).nodes()
    except _Misaligned:  # pragma: no cover - a markdown-it behaviour this module does not know
        return (Text(md, 0, len(md)),)


class _Misaligned(Exception):
    pass


class _Aligner:
    """Walks markdown-it's flat token list beside the source, giving each node its span."""

    def __init__(self, src: str, tokens: list[Token]) -> None:
        self.src, self.tokens, self.i, self.pos = src, tokens, 0, 0

    def nodes(self, closing: str | None = None) -> tuple[Node, ...]:
        out: list[Node] = []
        while self.i < len(self.tokens):
            token = self.tokens[self.i]
            if token.nesting == -1:
                if token.type != closing:
                    raise _Misaligned(token.type)
                return tuple(out)
            self.i += 1
            node = self._node(token)
            if node is not None:
                out.append(node)
        if closing is not None:
            raise _Misaligned(f"unclosed {closing}")
        return tuple(out)

    def _expect(self, text: str) -> int:
        if not self.src.startswith(text, self.pos):
            raise _Misaligned(f"{text!r} at {self.pos}")
        start, self.pos = self.pos, self.pos + len(text)
        return start

    def _node(self, token: Token) -> Node | None:
        kind = token.type
        if kind == "text":
            if not token.content:
                return None
            start = self._expect(token.content)
            return Text(token.content, start, self.pos)
        if kind == "text_special":
            start = self._expect(token.markup)
            return Text(token.content, start, self.pos, literal=False)
        if kind == "code_inline":
            start = self._expect(token.markup)
            close = self._closing_backticks(token.markup)
            self.pos = close + len(token.markup)
            return Code(token.content, start, self.pos)
        if kind in ("softbreak", "hardbreak"):
            start = self.pos
            self.pos = _skip(self.src, self.pos, " ")
            if self.src.startswith("\\\n", self.pos):
                self.pos += 1
            self._expect("\n")
            self.pos = _skip(self.src, self.pos, " \t")
            return Break(kind == "hardbreak", start, self.pos)
        if kind.endswith("_open"):
            return self._element(token)
        raise _Misaligned(kind)

    def _element(self, token: Token) -> Element:
        name = token.type[: -len("_open")]
        if name not in _KIND:
            raise _Misaligned(token.type)
        start = self.pos
        if name == "link" and token.markup == "autolink":
            self._expect("<")
            inner_start = self.pos
            end = self.src.find(">", self.pos)
            if end < 0:
                raise _Misaligned("autolink")
            url = self.src[inner_start:end]
            shown = self.tokens[self.i].content  # the link text, as markdown-it shows it
            self.pos = end + 1
            self._skip_to_close("link_close")
            children = (Text(shown, inner_start, end, literal=shown == url),)
            return Element("link", children, start, self.pos, (inner_start, end), "autolink", _href(token))
        opener = "[" if name == "link" else token.markup
        self._expect(opener)
        inner_start = self.pos
        children = self.nodes(f"{name}_close")
        close = self.tokens[self.i]
        self.i += 1
        inner_end = self.pos
        if name == "link":
            self._expect("]")
            self.pos = _link_end(self.src, self.pos)
            dest = self.src[inner_end + 1 : self.pos]
            return Element(
                "link", children, start, self.pos, (inner_start, inner_end), "", _href(token), dest
            )
        self._expect(close.markup)
        return Element(_KIND[name], children, start, self.pos, (inner_start, inner_end), token.markup)

    def _skip_to_close(self, closing: str) -> None:
        while self.i < len(self.tokens) and self.tokens[self.i].type != closing:
            self.i += 1
        self.i += 1

    def _closing_backticks(self, run: str) -> int:
        for match in re.finditer(r"`+", self.src[self.pos :]):
            if len(match.group(0)) == len(run):
                return self.pos + match.start()
        raise _Misaligned("code span")


def _skip(src: str, pos: int, chars: str) -> int:
    while pos < len(src) and src[pos] in chars:
        pos += 1
    return pos


def _link_end(src: str, pos: int) -> int:
    """The end of an inline link's `(destination "title")`, `pos` standing on its "(" (the steps
    of markdown-it's own link rule)."""
    if not src.startswith("(", pos):
        raise _Misaligned("link destination")
    pos = _skip(src, pos + 1, " \t\n")
    if pos < len(src):
        destination = parseLinkDestination(src, pos, len(src))
        if destination.ok:
            pos = destination.pos
        before = pos
        pos = _skip(src, pos, " \t\n")
        if pos < len(src) and pos != before:
            title = parseLinkTitle(src, pos, len(src))
            if title.ok:
                pos = _skip(src, title.pos, " \t\n")
    if not src.startswith(")", pos):
        raise _Misaligned("link end")
    return pos + 1


def _href(token: Token) -> str:
    return str(token.attrs.get("href", ""))


# --- the text a reader sees -------------------------------------------------------------------


@dataclass(frozen=True)
class Visible:
    """The text a reader sees, and the source behind it: `pieces` are (visible start, source
    start, source end, literal) for each run of text, in order."""

    text: str
    pieces: tuple[tuple[int, int, int, bool], ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the visible characters [start, end) (start < end)."""
        return self._source(start)[0], self._source(end - 1)[1]

    def _source(self, offset: int) -> tuple[int, int]:
        """The source span behind the visible character at `offset`."""
        index = bisect_right(self.pieces, offset, key=lambda piece: piece[0]) - 1
        visible_start, start, end, literal = self.pieces[index]
        if literal:
            return start + offset - visible_start, start + offset - visible_start + 1
        return start, end


@lru_cache(maxsize=4096)
def visible_text(md: str) -> Visible:
    texts: list[str] = []
    pieces: list[tuple[int, int, int, bool]] = []
    length = 0
    for text, start, end, literal in _leaves(parse(md)):
        if text:
            pieces.append((length, start, end, literal))
            texts.append(text)
            length += len(text)
    return Visible("".join(texts), tuple(pieces))


def _leaves(nodes: Sequence[Node]) -> Iterator[tuple[str, int, int, bool]]:
    """(visible text, source start, source end, one character per source character)."""
    for node in nodes:
        if isinstance(node, Text):
            yield node.text, node.start, node.end, node.literal
        elif isinstance(node, Break):
            yield " ", node.start, node.end, False
        elif isinstance(node, Code):
            # The shown text may have lost a space at each end: the whole span stands behind it.
            yield node.text, node.start, node.end, False
        else:
            yield from _leaves(node.children)


# --- HTML for the site ------------------------------------------------------------------------

_SAFE_LINK = re.compile(r"(?:https?://|mailto:)", re.IGNORECASE)
_TAGS = {"em": "em", "strong": "strong", "del": "del"}


def to_html(
    md: str,
    marks: Sequence[tuple[int, int, str]] = (),
    *,
    ref_href: Callable[[str], str] = lambda claim_id: f"#claim-{claim_id}",
) -> str:
    """The paragraph as HTML, with a <mark> over each (visible start, visible end, claim id) and
    a reference link to the claim after each mark's end."""
    writer = _HtmlWriter([m for m in marks if m[0] < m[1]], ref_href)
    writer.nodes(parse(md))
    writer.pending += [cid for _, end, cid in writer.marks if end > writer.pos]  # past the end
    writer.flush()
    return "".join(writer.out)


class _HtmlWriter:
    def __init__(self, marks: list[tuple[int, int, str]], ref_href: Callable[[str], str]) -> None:
        self.marks, self.ref_href = marks, ref_href
        self.out: list[str] = []
        self.pos = 0  # visible offset
        self.pending: list[str] = []  # claim ids whose marks have ended, references not yet written
        self.shelter = 0  # open <a> or <code>: no reference link may be written inside

    def nodes(self, nodes: Sequence[Node]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                self.text(node.text)
            elif isinstance(node, Break):
                self.text(" ")
                if node.hard:
                    self.out.append("<br>")
            elif isinstance(node, Code):
                self.flush()
                self.out.append("<code>")
                self.shelter += 1
                self.text(node.text)
                self.shelter -= 1
                self.out.append("</code>")
            elif node.kind == "link" and _SAFE_LINK.match(node.href):
                self.flush()
                href = escape(normalizeLink(node.href), quote=True)
                self.out.append(f'<a href="{href}" rel="nofollow noopener">')
                self.shelter += 1
                self.nodes(node.children)
                self.shelter -= 1
                self.out.append("</a>")
            elif node.kind in _TAGS:
                self.flush()
                self.out.append(f"<{_TAGS[node.kind]}>")
                self.nodes(node.children)
                self.out.append(f"</{_TAGS[node.kind]}>")
            else:  # a link the site does not follow: its text only
                self.nodes(node.children)

    def text(self, text: str) -> None:
        start, end = self.pos, self.pos + len(text)
        if not any(s < end and e > start for s, e, _ in self.marks):  # no mark starts, ends or runs here
            if text:
                self.flush()
                self.out.append(escape(text, quote=True))
            self.pos = end
            return
        cuts = sorted({start, end} | {p for s, e, _ in self.marks for p in (s, e) if start < p < end})
        for a, b in zip(cuts, cuts[1:], strict=False):
            self.flush()
            piece = escape(text[a - start : b - start], quote=True)
            covering = [cid for s, e, cid in self.marks if s <= a and b <= e]
            if covering:
                claims = escape(" ".join(covering), quote=True)
                piece = f'<mark class="gl-mark" data-claims="{claims}">{piece}</mark>'
            self.out.append(piece)
            self.pending += [cid for s, e, cid in self.marks if e == b]
        self.pos = end

    def flush(self) -> None:
        """Write the pending reference links, unless inside a link or code span."""
        if self.shelter or not self.pending:
            return
        for claim_id in self.pending:
            href = escape(self.ref_href(claim_id), quote=True)
            self.out.append(f'<a href="{href}" class="gl-ref">{escape(claim_id, quote=True)}</a>')
        self.pending = []
