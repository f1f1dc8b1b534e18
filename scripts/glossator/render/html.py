"""Escaping for the HTML that inline.py builds by hand (one paragraph's inline markup). Pages
come from the Jinja2 templates (see templating.py), which escape by default."""

from __future__ import annotations

from html import escape


def esc(value: object) -> str:
    """Escape a value for HTML text or an attribute value (kept for inline.py)."""
    return escape("" if value is None else str(value), quote=True)


def tag(name: str, body: str, **attrs: object) -> str:
    """An element with escaped attribute values; `body` must already be safe HTML. Kept for
    inline.py, which builds the HTML of one paragraph; pages come from the templates."""
    rendered = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{esc(value)}"'
        for key, value in attrs.items()
        if value is not None
    )
    return f"<{name}{rendered}>{body}</{name}>"
