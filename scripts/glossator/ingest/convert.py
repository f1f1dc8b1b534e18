"""Received bytes to paragraphs: pandoc reads every format into its JSON AST, which `blocks.py`
turns into paragraphs with their kinds; plain text is split by lines or blank lines."""

from __future__ import annotations

import json
import re

from ..problems import InputError
from ..textnorm import normalize
from .blocks import Block, blocks_from_ast, literal_line
from .detect import BINARY_FORMATS, decode
from .limits import check_archive, run_pandoc

PANDOC_READERS = {
    "html": "html",
    "docx": "docx",
    "odt": "odt",
    "rtf": "rtf",
    "epub": "epub",
    "markdown": "markdown",
}

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


def to_ast(raw: bytes, fmt: str, name: str, encoding: str | None) -> tuple[dict, dict[str, str]]:
    """Pandoc's JSON AST of the whole file, and metadata the file itself carries (HTML head).
    Pandoc runs bounded (see `limits.py`); a zip container is measured before it sees it."""
    metadata: dict[str, str] = {}
    if fmt in BINARY_FORMATS:
        check_archive(raw, name)
        data = raw
    else:
        text = decode(raw, name, encoding)
        if fmt == "html":
            from .html import article_html  # BeautifulSoup only when needed

            text, metadata = article_html(text)
        if fmt == "rtf":
            text = _protect_astral(text)
        data = text.encode("utf-8")
    output = run_pandoc(["-f", PANDOC_READERS[fmt], "-t", "json"], data, name, fmt)
    if fmt == "rtf":
        output = _ASTRAL_MARK.sub(lambda m: chr(int(m.group(1), 16)), output)
    try:
        return json.loads(output), metadata
    except ValueError:
        raise InputError(f"{name}: pandoc gave no readable result for it as {fmt}") from None


def text_blocks(text: str) -> list[Block]:
    """Plain text: a paragraph per line, or per blank-line-separated block when there are any.
    The text is literal, so characters Markdown would read as syntax are escaped."""
    chunks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text.strip()) else text.splitlines()
    return [Block("paragraph", literal_line(c)) for c in chunks if normalize(c)]


def blocks_from(raw: bytes, fmt: str, name: str, encoding: str | None) -> tuple[list[Block], dict[str, str]]:
    """The file's blocks (see `blocks.py`), and the metadata it carries."""
    if fmt == "text":
        return text_blocks(decode(raw, name, encoding)), {}
    ast, metadata = to_ast(raw, fmt, name, encoding)
    return blocks_from_ast(ast.get("blocks") or []), metadata
