"""Rules for relations between claims (same_as, supports, contradicts, refines), across articles.

- A relation names a claim that exists, and not the claim itself; one claim states a relation to
  another once.
- A symmetric relation (same_as, contradicts) is stated on one of the two claims only.
- No two claims are both the same and contradictory.
- Claims that are the same (same_as, transitively) have the same status: they are one
  proposition with one body of evidence.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Files
from ..evidence import SYMMETRIC, Relations
from ..model import Claim, Corpus, Relation
from ..problems import Problem
from .common import problem


def check_relations(corpus: Corpus, files: Files) -> Iterator[Problem]:
    claims = claims_by_id(corpus)
    stated: dict[tuple[str, str, str], tuple[Claim, Relation]] = {}
    kinds: dict[frozenset[str], dict[str, Relation]] = {}
    for claim in corpus.all_claims():
        seen: set[tuple[str, str]] = set()
        for relation in claim.relations:
            where = relation.where
            if relation.claim == claim.id:
                yield problem(
                    where.at("claim"), f"claim '{claim.id}' is related to itself; name another claim"
                )
                continue
            if relation.claim not in claims:
                yield problem(
                    where.at("claim"),
                    f"relation '{relation.type}' to unknown claim '{relation.claim}' "
                    "(expected a claim id from annotations/claims/; a renamed claim is in redirects.yaml)",
                )
                continue
            if (relation.type, relation.claim) in seen:
                yield problem(where, f"relation '{relation.type}' to '{relation.claim}' is stated twice here")
                continue
            seen.add((relation.type, relation.claim))
            if relation.type in SYMMETRIC:
                back = stated.get((relation.type, relation.claim, claim.id))
                if back is not None:
                    yield problem(
                        where,
                        f"'{relation.type}' is symmetric and already stated on '{relation.claim}' "
                        f"({back[1].where.file}:{back[1].where.line}); state it on one of the two claims only",
                    )
                    continue
            stated[(relation.type, claim.id, relation.claim)] = (claim, relation)
            pair = kinds.setdefault(frozenset((claim.id, relation.claim)), {})
            pair.setdefault(relation.type, relation)
            if {"same_as", "contradicts"} <= pair.keys() and relation.type in ("same_as", "contradicts"):
                other = pair["contradicts" if relation.type == "same_as" else "same_as"]
                yield problem(
                    where,
                    f"'{claim.id}' and '{relation.claim}' are both same_as and contradicts "
                    f"(the other at {other.where.file}:{other.where.line}); a claim cannot contradict itself — keep one",
                )
    yield from _same_status(claims)


def _same_status(claims: dict[str, Claim]) -> Iterator[Problem]:
    index = Relations(claims)
    done: set[str] = set()
    for claim_id in sorted(index.same):
        if claim_id in done:
            continue
        group = sorted(index.same_as_class(claim_id))
        done |= set(group)
        statuses = {claims[c].status for c in group}
        if len(statuses) > 1:
            first = claims[group[0]]
            for other in group[1:]:
                if claims[other].status != first.status:
                    yield problem(
                        claims[other].where.at("status"),
                        f"status '{claims[other].status}' differs from '{first.status}' of '{first.id}', "
                        "which is the same claim (same_as); same claims share their evidence and status",
                    )


def claims_by_id(corpus: Corpus) -> dict[str, Claim]:
    """Every claim by id (the first, when an id is duplicated: that has its own problem)."""
    found: dict[str, Claim] = {}
    for claim in corpus.all_claims():
        found.setdefault(claim.id, claim)
    return found
