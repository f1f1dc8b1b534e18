"""Old addresses after a rename (annotations/redirects.yaml): claims, sources and entities are
anchors on pages, so each item carries an empty element with each old anchor id too, and a link
to the old address still lands on the item."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape

from ..rename.redirects import PLURAL, Redirect, final_target, table


def anchor_aliases(redirects: list[Redirect]) -> dict[str, tuple[str, ...]]:
    """The anchor of each renamed item (`entity-su-di-founder`) -> its old anchors."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for kind in PLURAL:
        links = table(redirects, kind)
        for old in links:
            target = final_target(links, old)
            if target is not None:
                aliases[f"{kind}-{target}"].append(f"{kind}-{old}")
    return {anchor: tuple(sorted(olds)) for anchor, olds in aliases.items()}


def alias_anchors(data: object, anchor: str) -> Markup:
    """Empty elements with the old ids of the item whose anchor is `anchor` (nothing when it
    was never renamed)."""
    olds = getattr(data, "aliases", {}).get(anchor, ())
    return Markup("".join(f'<span id="{escape(old)}" class="gl-alias"></span>' for old in olds))
