"""The evidence chain of a claim, drawn: each independent origin (evidence.independent_origins) as
a small layered graph of the sources it passes through, from where the information starts to the
source we hold directly, each node coloured by its reliability grade and carrying the grade as
text. Inline SVG made at build time (no script); the same chain in words for the caption and
for assistive technology (the drawing has role="img" and an aria-label).

Direction: a source S with `via: [V]` is known to us through V, so the information flows S -> V;
a source without `via` is one we have directly and stands last (on the right, or at the bottom).
Colours come from CSS classes (pages.css sets them with variables that the dark scheme
overrides); the fill attributes are only the fallback without the style sheet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from markupsafe import Markup, escape

from .. import evidence
from ..model import Claim, Source

GRADES = ("A", "B", "C", "D", "E", "F")
MAX_PATHS = 8  # a chain in words names at most this many routes (the drawing shows them all)


class Node(NamedTuple):
    id: str
    label: str
    grade: str  # A-F, or "unknown" for an id not in the registry (a corpus that failed check)
    cited: bool  # cited by the claim itself (else only passed through)
    layer: int  # 0: held directly; n: n steps of `via` from a source held directly
    row: int  # position among the nodes of its layer


class Origin(NamedTuple):
    nodes: list[Node]  # earliest first (highest layer), then by row
    edges: list[tuple[str, str]]  # (from, to): the information flows from `from` to `to`
    paths: list[list[str]]  # routes from a start of the information to a source held directly


def _layers(sources: Mapping[str, Source], ids: set[str]) -> dict[str, int]:
    depth: dict[str, int] = {}

    def walk(source_id: str, seen: frozenset[str]) -> int:
        if source_id in depth:
            return depth[source_id]
        via = [v for v in (sources[source_id].via if source_id in sources else ()) if v not in seen]
        depth[source_id] = 1 + max((walk(v, seen | {v}) for v in via), default=-1)
        return depth[source_id]

    for source_id in sorted(ids):
        walk(source_id, frozenset({source_id}))
    return depth


def _paths(sources: Mapping[str, Source], starts: list[str]) -> list[list[str]]:
    paths: list[list[str]] = []
    stack = [[s] for s in reversed(starts)]
    while stack and len(paths) < MAX_PATHS:
        path = stack.pop()
        via = [v for v in (sources[path[-1]].via if path[-1] in sources else ()) if v not in path]
        if not via:
            paths.append(path)
        stack.extend(path + [v] for v in reversed(via))
    return paths


def origins(sources: Mapping[str, Source], claim: Claim) -> list[Origin]:
    """The claim's independent origins, each as the graph of sources it passes through."""
    cited = {ref.source for ref in claim.sources}
    out = []
    for group in evidence.independent_origins(sources, claim):
        ids = list(dict.fromkeys(s for member in group for s in [member, *_ordered_closure(sources, member)]))
        layer = _layers(sources, set(ids))
        rows: dict[int, int] = {}
        nodes = []
        for source_id in sorted(ids, key=lambda s: (-layer[s], ids.index(s))):
            source = sources.get(source_id)
            nodes.append(
                Node(
                    source_id,
                    source.label if source else source_id,
                    source.reliability.grade if source else "unknown",
                    source_id in cited,
                    layer[source_id],
                    rows.setdefault(layer[source_id], 0),
                )
            )
            rows[layer[source_id]] += 1
        present = set(ids)
        edges = [(s, v) for s in ids for v in (sources[s].via if s in sources else ()) if v in present]
        incoming = {v for _, v in edges}
        out.append(Origin(nodes, edges, _paths(sources, [s for s in ids if s not in incoming])))
    return out


def _ordered_closure(sources: Mapping[str, Source], source_id: str) -> list[str]:
    """via_closure in a stable order (breadth first, as written)."""
    closure = evidence.via_closure(sources, source_id)
    order, queue = [], list(sources[source_id].via if source_id in sources else ())
    while queue:
        current = queue.pop(0)
        if current in closure and current not in order:
            order.append(current)
            queue.extend(sources[current].via if current in sources else ())
    return order


def in_words(origin: Origin, labels: Mapping[str, str] | None = None) -> str:
    """The routes of one origin as text: "A (grade F) → B (grade C); D (grade F) → B (grade C)"."""
    by_id = {n.id: n for n in origin.nodes}
    return "; ".join(
        " → ".join(f"{by_id[s].label} (grade {by_id[s].grade})" for s in path) for path in origin.paths
    )


# Geometry, in SVG user units (CSS pixels at scale 1).
_WIDE = {"w": 212, "h": 58, "gap": 40, "vgap": 14, "chars": 24, "lines": 2}
_NARROW = {"w": 180, "h": 74, "gap": 30, "vgap": 12, "chars": 18, "lines": 3}
_FALLBACK_FILL = {
    "A": "#dcefe1",
    "B": "#dbeaf3",
    "C": "#f6eecf",
    "D": "#fbe3cf",
    "E": "#f8dada",
    "F": "#e6e6e6",
}


_DASHED = ' stroke-dasharray="4 3"'


def _wrap(label: str, chars: int, lines: int) -> list[str]:
    words, out, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > chars:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    out = [part if len(part) <= chars else part[: chars - 1] + "…" for part in out]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: chars - 1].rstrip() + "…"
    return out


def svg(origin: Origin, *, narrow: bool, label: str) -> Markup:
    """One origin drawn: left to right (wide) or top to bottom (narrow)."""
    g = _NARROW if narrow else _WIDE
    w, h, gap, vgap = g["w"], g["h"], g["gap"], g["vgap"]
    top = max(n.layer for n in origin.nodes)
    per_layer = max(n.row for n in origin.nodes) + 1
    place = {}
    for n in origin.nodes:
        step, across = top - n.layer, n.row
        if narrow:
            place[n.id] = (across * (w + vgap), step * (h + gap))
        else:
            place[n.id] = (step * (w + gap), across * (h + vgap))
    if narrow:
        width, height = per_layer * (w + vgap) - vgap, (top + 1) * (h + gap) - gap
    else:
        width, height = (top + 1) * (w + gap) - gap, per_layer * (h + vgap) - vgap
    parts = [
        f'<svg class="gl-chain-svg gl-chain-{"narrow" if narrow else "wide"}" role="img" '
        f'aria-label="{escape(label)}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
    ]
    for source, target in origin.edges:
        (x1, y1), (x2, y2) = place[source], place[target]
        if narrow:
            a, b, c, d = x1 + w / 2, y1 + h, x2 + w / 2, y2
            head = f"{c - 5},{d - 8} {c + 5},{d - 8} {c},{d}"
        else:
            a, b, c, d = x1 + w, y1 + h / 2, x2, y2 + h / 2
            head = f"{c - 8},{d - 5} {c - 8},{d + 5} {c},{d}"
        parts.append(
            f'<g class="gl-edge"><line x1="{a:g}" y1="{b:g}" x2="{c:g}" y2="{d:g}" stroke="#666" '
            f'stroke-width="1.5"/><polygon points="{head}" fill="#666"/></g>'
        )
    for n in origin.nodes:
        x, y = place[n.id]
        lines = _wrap(n.label, g["chars"], g["lines"])
        first = y + h / 2 - (len(lines) - 1) * 8 + 4
        spans = "".join(
            f'<tspan x="{x + 34}" y="{first + i * 16:g}">{escape(text)}</tspan>'
            for i, text in enumerate(lines)
        )
        kind = "cited" if n.cited else "relay"
        parts.append(
            f'<g class="gl-node gl-node-grade-{escape(n.grade)} gl-node-{kind}" data-source="{escape(n.id)}" '
            f'data-layer="{n.layer}"><title>{escape(n.label)}: grade {escape(n.grade)}'
            f"{'' if n.cited else ', passed through'}</title>"
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{_FALLBACK_FILL.get(n.grade, "#eee")}" '
            f'stroke="#555" stroke-width="{1.5 if n.cited else 1}"{"" if n.cited else _DASHED}/>'
            f'<circle cx="{x + 16}" cy="{y + h / 2:g}" r="11" fill="#333"/>'
            f'<text class="gl-node-grade" x="{x + 16}" y="{y + h / 2 + 4.5:g}" text-anchor="middle" '
            f'fill="#fff">{escape(n.grade if n.grade in GRADES else "?")}</text>'
            f'<text class="gl-node-label" fill="#1a1a1a">{spans}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
