"""How a claim is known: the `via` chains of its sources, its independent origins, and the
evidence it shares with related claims (same_as, supports)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import Claim, Source

# Relations that are the same whichever claim states them.
SYMMETRIC = ("same_as", "contradicts")


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


def origins_of(sources: Mapping[str, Source], cited: Iterable[str]) -> list[list[str]]:
    """Source ids grouped into independent lines of evidence. Two sources are one line when one
    is known through the other or both through a common source (the WSJ report and the
    Investing.com article relaying it are one origin, not two)."""
    cited = list(dict.fromkeys(cited))
    reach = {s: via_closure(sources, s) | {s} for s in cited}
    groups: list[tuple[set[str], list[str]]] = []
    for source in cited:
        joined = [g for g in groups if g[0] & reach[source]]
        merged_reach = set(reach[source]).union(*(g[0] for g in joined))
        merged = [s for g in joined for s in g[1]] + [source]
        groups = [g for g in groups if g not in joined] + [(merged_reach, merged)]
    return [members for _, members in groups]


def independent_origins(sources: Mapping[str, Source], claim: Claim) -> list[list[str]]:
    """The claim's own cited sources grouped into independent lines of evidence."""
    return origins_of(sources, (ref.source for ref in claim.sources))


class Relations:
    """The relations of every claim, indexed once (a corpus may hold a hundred thousand claims):
    same_as links in both directions, and for each claim the claims that support it."""

    def __init__(self, claims: Mapping[str, Claim]) -> None:
        self.claims = claims
        self.same: dict[str, set[str]] = {}
        self.supporters: dict[str, set[str]] = {}
        for claim in claims.values():
            for relation in claim.relations:
                if relation.claim not in claims or relation.claim == claim.id:
                    continue
                if relation.type == "same_as":
                    self.same.setdefault(claim.id, set()).add(relation.claim)
                    self.same.setdefault(relation.claim, set()).add(claim.id)
                elif relation.type == "supports":
                    self.supporters.setdefault(relation.claim, set()).add(claim.id)

    def same_as_class(self, claim_id: str) -> set[str]:
        """The claim and every claim linked to it by same_as, either way, transitively."""
        seen, stack = {claim_id}, [claim_id]
        while stack:
            for other in self.same.get(stack.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        return seen

    def evidence_claims(self, claim_id: str) -> set[str]:
        """The claims whose sources count as evidence for `claim_id`: its same-as class, every
        claim that `supports` a member of that class, and their same-as classes. `refines` and
        `contradicts` add nothing, and support is not passed on (a claim supporting a supporter
        does not count: each step may narrow what is shown)."""
        group = self.same_as_class(claim_id)
        found = set(group)
        for member in group:
            for supporter in self.supporters.get(member, ()):
                found |= self.same_as_class(supporter)
        return found

    def pooled_origins(self, sources: Mapping[str, Source], claim_id: str) -> list[list[str]]:
        """The independent origins of the claim's own sources and its evidence claims' sources."""
        own = [ref.source for ref in self.claims[claim_id].sources]
        others = sorted(self.evidence_claims(claim_id) - {claim_id})
        return origins_of(sources, [*own, *(ref.source for o in others for ref in self.claims[o].sources)])
