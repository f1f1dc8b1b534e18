"""Received bytes to paragraphs: pandoc turns every format into Markdown (GitHub-flavoured,
no raw HTML), which is then split into paragraphs with their kinds."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..problems import InputError
from ..textnorm import normalize
from .detect import BINARY_FORMATS, decode
from .html import article_html

PANDOC_READERS = {
    "html": "html",
    "docx": "docx",
    "odt": "odt",
    "rtf": "rtf",
    "epub": "epub",
    "markdown": "markdown",
}
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^#{1,6}\s+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


_RTF_SURROGATES = re.compile(r"\\u(-?\d+) ?\??\\u(-?\d+) ?\??")
_ASTRAL_MARK = re.compile(r"GLOSSATORCHAR([0-9A-F]+)X")


def _protect_astral(rtf: str) -> str:
    """Pandoc's RTF reader garbles characters beyond the BMP (emoji), which RTF writes as a
    surrogate pair of \\u escapes; carry them through as plain-text marks instead."""

    def replace(match: re.Match) -> str:
        high, low = (int(g) % 65536 for g in match.groups())
        if 0xD800 <= high <= 0xDBFF and 0xDC00 <= low <= 0xDFFF:
            return f"GLOSSATORCHAR{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):X}X"
        return match.group(0)

    return _RTF_SURROGATES.sub(replace, rtf)


@dataclass
class Block:
    kind: str
    text: str


def to_markdown(raw: bytes, fmt: str, name: str, encoding: str | None) -> tuple[str, dict[str, str]]:
    """Markdown for the whole file, and metadata the file itself carries (HTML head)."""
    import pypandoc

    metadata: dict[str, str] = {}
    try:
        if fmt in BINARY_FORMATS:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"in.{fmt}"
                path.write_bytes(raw)
                markdown = pypandoc.convert_file(
                    str(path), "gfm-raw_html", format=fmt, extra_args=["--wrap=none"]
                )
        else:
            text = decode(raw, name, encoding)
            if fmt == "text":
                return text, metadata
            if fmt == "html":
                text, metadata = article_html(text)
            if fmt == "rtf":
                text = _protect_astral(text)
            markdown = pypandoc.convert_text(
                text, "gfm-raw_html", format=PANDOC_READERS[fmt], extra_args=["--wrap=none"]
            )
            markdown = _ASTRAL_MARK.sub(lambda m: chr(int(m.group(1), 16)), markdown)
    except (RuntimeError, OSError) as error:
        first = str(error).strip().splitlines()[-1] if str(error).strip() else "unknown error"
        raise InputError(f"{name}: pandoc cannot read it as {fmt}: {first}") from None
    return markdown, metadata


def text_blocks(text: str) -> list[Block]:
    """Plain text: a paragraph per line, or per blank-line-separated block when there are any."""
    chunks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text.strip()) else text.splitlines()
    return [Block("paragraph", normalize(c)) for c in chunks if normalize(c)]


def markdown_blocks(markdown: str) -> list[Block]:
    """GitHub-flavoured Markdown from pandoc, as paragraphs with kinds."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", _IMAGE.sub("", markdown)):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith(">") for line in lines):
            inner = "\n".join(re.sub(r"^\s*>\s?", "", line) for line in lines)
            blocks.extend(Block("quote", b.text) for b in markdown_blocks(inner))
        elif lines[0].lstrip().startswith("|"):
            blocks.extend(
                Block("table-row", normalize(line)) for line in lines if not _TABLE_RULE.match(line.strip())
            )
        elif _HEADING.match(lines[0]) and len(lines) == 1:
            blocks.append(Block("heading", normalize(_HEADING.sub("", lines[0]))))
        elif _LIST_ITEM.match(lines[0]):
            blocks.extend(_list_items(lines))
        else:
            blocks.append(Block("paragraph", normalize(" ".join(lines))))
    return [b for b in blocks if b.text]


def _list_items(lines: list[str]) -> list[Block]:
    items: list[list[str]] = []
    for line in lines:
        match = _LIST_ITEM.match(line)
        if match:
            items.append([line[match.end() :]])
        elif items:
            items[-1].append(line.strip())
    return [Block("list-item", normalize(" ".join(item))) for item in items]


def blocks_from(raw: bytes, fmt: str, name: str, encoding: str | None) -> tuple[list[Block], dict[str, str]]:
    markdown, metadata = to_markdown(raw, fmt, name, encoding)
    blocks = text_blocks(markdown) if fmt == "text" else markdown_blocks(markdown)
    return blocks, metadata
