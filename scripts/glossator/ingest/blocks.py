"""Paragraphs from pandoc's JSON AST: one `Block` per heading, paragraph, list item, quotation,
table or code block, its text as Markdown (GitHub-flavoured, no raw HTML, no images).

- headings, paragraphs, list items (nested lists flattened) and quotations hold one line of
  inline Markdown: emphasis, strong, strike-through, code and http(s)/mailto links, nested as
  the source nests them (`**[x](u)**`); other links keep only their text;
- a table is one block of kind `table` holding a GFM pipe table (header row, alignment row,
  body rows). Cells that span several columns or rows are written once and the other places
  they cover are left empty; a cell with several paragraphs or a list becomes one line. A table
  without a header row gets its first row as header;
- a code block is one block of kind `code` holding a fenced block, blank lines and all;
- images, raw HTML/TeX, footnotes and horizontal rules are dropped.
Pure: the AST (a dict) in, blocks out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..textnorm import normalize, normalize_block

Node = dict[str, Any]
LINK_SCHEMES = ("http://", "https://", "mailto:")
WHOLE_BLOCKS = ("table", "code")  # kinds whose text keeps its line breaks


@dataclass
class Block:
    kind: str
    text: str


def _escape(text: str) -> str:
    """Characters that Markdown would read as syntax, backslash-escaped. Underscores inside a
    word (`Byron_Wan`) are left alone: GFM never reads them as emphasis."""
    text = re.sub(r"([\\`*\[\]<])", r"\\\1", text)
    return re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_", text)


def _code_span(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def inline_markdown(nodes: list[Node]) -> str:
    """Inline AST nodes as one line of Markdown (not yet normalized)."""
    out: list[str] = []
    for node in nodes:
        kind, content = node.get("t"), node.get("c")
        if kind == "Str":
            out.append(_escape(content))
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Strikeout"):
            inner = inline_markdown(content).strip()
            mark = {"Emph": "*", "Strong": "**", "Strikeout": "~~"}[kind]
            if inner:
                out.append(f"{mark}{inner}{mark}")
        elif kind in ("Underline", "SmallCaps", "Superscript", "Subscript"):
            out.append(inline_markdown(content))
        elif kind == "Span" or kind == "Cite":
            out.append(inline_markdown(content[1]))
        elif kind == "Quoted":
            double = content[0].get("t") == "DoubleQuote"
            inner = inline_markdown(content[1])
            out.append(f"“{inner}”" if double else f"‘{inner}’")
        elif kind == "Code":
            out.append(_code_span(content[1]))
        elif kind == "Math":
            out.append(_escape(content[1]))
        elif kind == "Link":
            text = normalize(inline_markdown(content[1]))
            url = content[2][0]
            if text and url.lower().startswith(LINK_SCHEMES):
                out.append(f"[{text}]({_url(url)})")
            else:
                out.append(text)
        # Image, RawInline, Note: dropped
    return "".join(out)


def _line(nodes: list[Node]) -> str:
    return _block_start(normalize(inline_markdown(nodes)))


def _block_start(text: str) -> str:
    """A line that would start a heading, quotation or list, escaped to stay a paragraph."""
    return re.sub(r"^([#>+-]|\d+[.)])(?=\s|$)", r"\\\1", text)


def literal_line(text: str) -> str:
    """Literal text (a plain-text file's paragraph) as one line of Markdown that shows it as is."""
    return _block_start(normalize(_escape(text)))


def _plain_text(blocks: list[Node]) -> str:
    """Any blocks as one line (for table cells)."""
    parts: list[str] = []
    for block in blocks:
        kind, content = block.get("t"), block.get("c")
        if kind in ("Plain", "Para", "Header"):
            parts.append(inline_markdown(content if kind != "Header" else content[2]))
        elif kind == "LineBlock":
            parts.extend(inline_markdown(line) for line in content)
        elif kind in ("BulletList", "OrderedList"):
            items = content if kind == "BulletList" else content[1]
            parts.append("; ".join(_plain_text(item) for item in items))
        elif kind in ("BlockQuote", "Div", "Figure"):
            parts.append(_plain_text(content if kind == "BlockQuote" else content[-1]))
        elif kind == "CodeBlock":
            parts.append(_code_span(normalize(content[1])))
    return normalize(" ".join(parts))


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or " "


def table_markdown(content: list[Any]) -> str:
    """A pandoc Table node's content as a GFM pipe table."""
    _attr, _caption, colspecs, head, bodies, foot = content
    columns = len(colspecs)
    rows = [row for row in head[1]]
    for body in bodies:
        rows += body[2] + body[3]
    rows += foot[1]
    grid: list[list[str | None]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a row span from above
    for row in rows:
        line: list[str | None] = [None] * columns
        for col, left in list(pending.items()):
            line[col] = ""
            pending[col] = left - 1
            if pending[col] == 0:
                del pending[col]
        col = 0
        for _cattr, _align, rowspan, colspan, blocks in row[1]:
            while col < columns and line[col] is not None:
                col += 1
            if col >= columns:
                break
            line[col] = _plain_text(blocks)
            for extra in range(col, min(col + colspan, columns)):
                if extra != col:
                    line[extra] = ""
                if rowspan > 1:
                    pending[extra] = rowspan - 1
            col += colspan
        grid.append(line)
    if not grid:
        return ""
    align = {"AlignLeft": ":---", "AlignRight": "---:", "AlignCenter": ":---:"}
    rule = [align.get(spec[0].get("t"), "---") for spec in colspecs]
    lines = ["| " + " | ".join(_cell(c or "") for c in cells) + " |" for cells in grid]
    return "\n".join([lines[0], "| " + " | ".join(rule) + " |", *lines[1:]])


def _code_block(content: list[Any]) -> str:
    (_id, classes, _attrs), code = content
    longest = max((len(run) for run in re.findall(r"^`{3,}", code, re.MULTILINE)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{classes[0] if classes else ''}\n{code.rstrip(chr(10))}\n{fence}"


def blocks_from_ast(blocks: list[Node], quoted: bool = False) -> list[Block]:
    """Blocks of a pandoc document (its "blocks" list) in reading order; empty ones dropped."""
    out: list[Block] = []

    def add(kind: str, text: str) -> None:
        if text.strip():
            text = normalize_block(kind, text)
            out.append(Block("quote" if quoted and kind in ("paragraph", "heading") else kind, text))

    for block in blocks:
        kind, content = block.get("t"), block.get("c")
        if kind in ("Para", "Plain"):
            add("paragraph", _line(content))
        elif kind == "Header":
            add("heading", normalize(inline_markdown(content[2])))
        elif kind == "LineBlock":
            add("paragraph", _line([n for line in content for n in [*line, {"t": "Space"}]]))
        elif kind in ("BulletList", "OrderedList"):
            for item in content if kind == "BulletList" else content[1]:
                out.extend(_list_item(item, quoted))
        elif kind == "BlockQuote":
            out.extend(blocks_from_ast(content, quoted=True))
        elif kind in ("Div", "Figure"):
            out.extend(blocks_from_ast(content[-1], quoted))
        elif kind == "DefinitionList":
            for term, definitions in content:
                add("paragraph", _line(term))
                for definition in definitions:
                    out.extend(blocks_from_ast(definition, quoted))
        elif kind == "CodeBlock":
            add("code", _code_block(content))
        elif kind == "Table":
            caption = _plain_text(content[1][1])
            if caption:
                add("paragraph", caption)
            add("table", table_markdown(content))
        # RawBlock, HorizontalRule: dropped
    return out


def _list_item(item: list[Node], quoted: bool) -> list[Block]:
    """The item's leading text as one list item; lists and other blocks inside it follow."""
    lead: list[Node] = []
    rest = list(item)
    while rest and rest[0].get("t") in ("Plain", "Para"):
        lead += [*rest.pop(0)["c"], {"t": "Space"}]
    out = [Block("quote" if quoted else "list-item", text)] if (text := _line(lead)) else []
    return out + blocks_from_ast(rest, quoted)
