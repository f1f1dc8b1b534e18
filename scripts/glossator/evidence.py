"""How a claim is known: the `via` chains of its sources and its independent origins."""

from __future__ import annotations

from collections.abc import Mapping

from .model import Claim, Source


def via_closure(sources: Mapping[str, Source], source_id: str) -> set[str]:
    """Every source through which `source_id` is known, however indirectly."""
    seen: set[str] = set()
    stack = list(sources[source_id].via) if source_id in sources else []
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(sources[current].via if current in sources else ())
    return seen


def independent_origins(sources: Mapping[str, Source], claim: Claim) -> list[list[str]]:
    """The claim's cited sources grouped into independent lines of evidence. Two cited sources
    are one line when one is known through the other or both through a common source (the WSJ
    report and the Investing.com article relaying it are one origin, not two)."""
    cited = list(dict.fromkeys(ref.source for ref in claim.sources))
    reach = {s: via_closure(sources, s) | {s} for s in cited}
    groups: list[tuple[set[str], list[str]]] = []
    for source in cited:
        joined = [g for g in groups if g[0] & reach[source]]
        merged_reach = set(reach[source]).union(*(g[0] for g in joined))
        merged = [s for g in joined for s in g[1]] + [source]
        groups = [g for g in groups if g not in joined] + [(merged_reach, merged)]
    return [members for _, members in groups]
