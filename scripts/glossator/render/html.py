"""Small HTML helpers. Everything from the corpus goes through `esc`."""

from __future__ import annotations

import json
from html import escape


def esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def tag(name: str, body: str, **attrs: object) -> str:
    """An element with escaped attribute values; `body` must already be safe HTML."""
    rendered = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{esc(value)}"'
        for key, value in attrs.items()
        if value is not None
    )
    return f"<{name}{rendered}>{body}</{name}>"


def link(href: str, text: str, **attrs: object) -> str:
    return tag("a", esc(text), href=href, **attrs)


def block(html: str) -> str:
    """A raw HTML block for Markdown: one line, so no blank line can end it early."""
    return html.replace("\n", " ") + "\n\n"


def front_matter(title: str, *, description: str | None = None, hide_toc: bool = False) -> str:
    """YAML front matter. The title is HTML-escaped because MkDocs puts it into <title> as is.
    The left sidebar is hidden (the tabs are the navigation), and the table of contents on
    pages that are one long table."""
    lines = ["---", f"title: {_yaml_str(esc(title))}"]
    if description:
        lines.append(f"description: {_yaml_str(esc(description))}")
    lines += ["hide:", "  - navigation"] + (["  - toc"] if hide_toc else [])
    return "\n".join([*lines, "---", ""]) + "\n"


def _yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)
