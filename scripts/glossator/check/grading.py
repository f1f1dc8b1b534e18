"""Rules for how well a claim is known: the two axes (a source's reliability A–F, the
credibility 1–6 of each claim–source link), independent origins, and what a confidence or a
status needs. The methodology page (site_src/intro/methodology.md) states the same rules.

- 'corroborated', 'high' confidence and credibility 1 need at least two independent origins,
  counted over the claim's sources and those of its evidence claims (same_as, supporting).
- 'moderate' or 'high' confidence needs one link (of the claim or of its evidence claims) to a
  source graded A–C, known first-hand or through relays all graded A–C (the whole `via` chain),
  and not judged below credibility 3.
- An anonymous claimant carries the article's words (`attribution`).
- Time: `event_end` and `event_date_inferred` need an `event_date`; a range does not end before
  it starts; an as-of without a date says why.
- A source's grade is its record: a reliability rationale that gives access as the reason is
  refused, and a source we have not read (`read: false`) says through which source we know it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..corpus import Files
from ..evidence import Relations, via_closure
from ..model import Claim, Corpus, Source
from ..problems import Problem
from .common import problem, real_date
from .relations import claims_by_id

GOOD_GRADES = ("A", "B", "C")
# Words that explain a grade by our access to the source rather than by its record.
_ACCESS = re.compile(
    r"\b(we have not (read|seen)|not (been )?read|not (been )?seen|known (to us )?only (through|via|as)|"
    r"seen by us only|only as embedded|we know it only)\b",
    re.IGNORECASE,
)


def check_grading(corpus: Corpus, files: Files) -> Iterator[Problem]:
    sources = corpus.sources
    claims = claims_by_id(corpus)
    index = Relations(claims)
    for claim in corpus.all_claims():
        yield from _attribution(claim)
        yield from _time(claim)
        if sources is None or any(
            ref.source not in sources or ref.source in via_closure(sources, ref.source)
            for ref in claim.sources
        ):
            continue  # an unknown source or a `via` circle has its own problem; origins cannot be counted
        yield from _origins(claim, index, sources)
        yield from _confidence(claim, index, sources)
    for source in (sources or {}).values():
        yield from _access(source)


def _origins(claim: Claim, index: Relations, sources: dict[str, Source]) -> Iterator[Problem]:
    needs = []
    if claim.status == "corroborated":
        needs.append((claim.where.at("status"), "status 'corroborated'"))
    if claim.confidence == "high":
        needs.append((claim.where.at("confidence"), "confidence 'high'"))
    needs += [
        (ref.where.at("credibility"), "credibility 1 (confirmed by independent sources)")
        for ref in claim.sources
        if ref.credibility == 1
    ]
    if not needs:
        return
    origins = index.pooled_origins(sources, claim.id)
    if len(origins) >= 2:
        return
    shown = " → ".join(origins[0]) if origins else "none"
    for where, what in needs:
        yield problem(
            where,
            f"{what} needs at least two independent origins, but its sources (with those of its same_as and "
            f"supporting claims) come from one ({shown}; sources known via one another count once); "
            "use a lower grade, or link or cite an independent source",
        )


def _confidence(claim: Claim, index: Relations, sources: dict[str, Source]) -> Iterator[Problem]:
    if claim.confidence not in ("moderate", "high"):
        return
    claims = index.claims
    links = [ref for other in sorted(index.evidence_claims(claim.id)) for ref in claims[other].sources]
    for ref in links:
        chain = {ref.source} | via_closure(sources, ref.source)
        if all(sources[s].reliability.grade in GOOD_GRADES for s in chain if s in sources) and (
            ref.credibility is None or ref.credibility <= 3
        ):
            return
    yield problem(
        claim.where.at("confidence"),
        f"confidence '{claim.confidence}' needs a source graded A–C, known through relays graded A–C "
        "(its whole `via` chain) and not judged below credibility 3, on the claim or on its same_as or "
        "supporting claims; every source here is graded D–F, reached through one, or judged doubtful: use 'low'",
    )


def _attribution(claim: Claim) -> Iterator[Problem]:
    if claim.claimant_kind == "anonymous" and not claim.attribution:
        yield problem(
            claim.where.at("claimant"),
            f"anonymous claimant '{claim.claimant}' needs `attribution`: the article's words for who says it "
            "(e.g. 'Berichten zufolge', 'Kritiker')",
        )


def _time(claim: Claim) -> Iterator[Problem]:
    where = claim.where
    yield from real_date(where.at("event_end"), claim.event_end)
    for name in ("event_end", "event_date_inferred"):
        if getattr(claim, name) is not None and claim.event_date is None:
            yield problem(where.at(name), f"'{name}' without an 'event_date'; give the start date first")
    if (
        claim.event_end
        and claim.event_date
        and _padded(claim.event_end, "99") < _padded(claim.event_date, "00")
    ):
        yield problem(
            where.at("event_end"), f"'event_end' {claim.event_end} is before 'event_date' {claim.event_date}"
        )
    if claim.as_of is not None:
        yield from real_date(claim.as_of.where.at("date"), claim.as_of.date)
        if claim.as_of.date is None and not claim.as_of.note:
            yield problem(
                claim.as_of.where,
                f"as_of '{claim.as_of.words}' has no date and no note: say why the date is unknown",
            )


def _padded(date: str, fill: str) -> str:
    """A partial date as a sortable full one: its earliest (fill 00) or latest (99) day."""
    parts = date.split("-")
    return "-".join(parts + [fill] * (3 - len(parts)))


def _access(source: Source) -> Iterator[Problem]:
    where = source.where
    found = _ACCESS.search(source.reliability.rationale)
    if found:
        yield problem(
            where.at("reliability", "rationale"),
            f"the reliability rationale gives our access as a reason ('{found.group(0)}'); the grade is the "
            "source's record: say how we know it with `via` and `read: false`, and grade its record",
        )
    if source.read is False:
        if not source.via:
            yield problem(
                where.at("read"),
                "'read: false' but no 'via': name the source through which we know this one",
            )
        if not source.notes.get("read"):
            yield problem(
                where.at("read"), "'read: false' needs notes.read saying what we know of it and how"
            )
