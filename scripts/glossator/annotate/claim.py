"""`glossator claim`: a draft claim from the words a reader sees, appended to the article's
claims file with every other byte of the file kept.

The claim gets the next id of the file's own series (`sudi-03` after `sudi-02`; `<article>-01`
in an empty file), the exact words with the shortest prefix or suffix that makes them unique in
the article (`quotes.unique_context`), the words in the other language as a proposal
(`align.propose`, to be checked), the article as its source with the paragraph as locator, and
`draft: true` with every field still to decide null and marked `# TODO`. `glossator check`
lists those fields until they are filled and `draft: true` is removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..corpus import Layout
from ..problems import InputError
from ..quotes import Match, TextQuote, unique_context
from ..render import vocab
from ..schema import schema_line, validate
from ..yamledit import dump_yaml, rewrite_yaml
from ..yamlio import Document, write_atomic
from ..yamlsplice import append_item
from .align import propose
from .load import ArticleText, claim_ids_in_corpus, read_article, read_claims
from .locate import find_words

TO_DECIDE = ("statement", "claimant", "type", "confidence", "rationale", "status")


@dataclass
class Added:
    id: str
    paragraph: str
    found_in: str  # the side the words were found in; the other side is a proposal
    original: TextQuote | None
    translation: TextQuote | None
    shown: str
    line: int
    text: str  # the claims file's new text


def next_id(existing_in_file: list[str], taken: set[str], article_id: str) -> str:
    """The next id of the file's series (the most used `<stem>-<number>`), never one taken."""
    stems: dict[str, list[str]] = {}
    for claim_id in existing_in_file:
        found = re.fullmatch(r"(.+)-(\d+)", claim_id)
        if found:
            stems.setdefault(found.group(1), []).append(found.group(2))
    if stems:
        stem = max(stems, key=lambda s: len(stems[s]))
        width = max(len(n) for n in stems[stem])
        number = max(int(n) for n in stems[stem]) + 1
    else:
        stem, width, number = article_id, 2, 1
    while f"{stem}-{number:0{width}d}" in taken:
        number += 1
    return f"{stem}-{number:0{width}d}"


def _quote_data(quote: TextQuote | None) -> dict | None:
    if quote is None:
        return None
    data = {"exact": quote.exact}
    if quote.prefix:
        data["prefix"] = quote.prefix
    if quote.suffix:
        data["suffix"] = quote.suffix
    return data


def _other_side(text: ArticleText, found_in: str, match: Match) -> TextQuote | None:
    source = dict(text.original if found_in == "original" else text.translation)
    other = text.translation if found_in == "original" else text.original
    target = dict(other).get(match.paragraph)
    if target is None:
        return None
    span = propose(source[match.paragraph], match.start, match.end, target)
    if span is None:
        return None
    there = Match(match.paragraph, *span)
    return unique_context(there, other) or TextQuote(target[span[0] : span[1]])


def _todo_comments(source: str) -> dict[str, str]:
    return {
        "statement": "one English sentence saying what is claimed",
        "claimant": f"source:{source} (the article itself) or entity:<id> (the person quoted)",
        "type": " | ".join(vocab.claim_type()),
        "confidence": " | ".join(vocab.confidence()),
        "rationale": "why this confidence: which origins, how independent, what is missing",
        "status": " | ".join(vocab.status()),
    }


def skeleton_block(item: dict, source: str, proposed: str) -> str:
    """The claim as a `- ...` YAML block with `# TODO` after each field to decide and a
    comment on the proposed quote."""
    todo = _todo_comments(source)
    lines = []
    for line in dump_yaml([item]).splitlines():
        key = re.fullmatch(r"(?:- |  )(\w+): null", line)
        quote_key = re.fullmatch(r"    (original|translation):( null)?", line)
        if key and key.group(1) in todo:
            line += f"  # TODO: {todo[key.group(1)]}"
        elif quote_key and quote_key.group(2):
            line += "  # TODO: translate the article, then quote the translation here"
        elif quote_key and quote_key.group(1) == proposed:
            line += "  # proposed by `glossator claim` from the other language: check it"
        lines.append(line)
    return "\n".join(lines) + "\n"


def add_claim(
    root: Path,
    article_id: str,
    words: str,
    *,
    side: str | None = None,
    paragraph: str | None = None,
    occurrence: int | None = None,
    write: bool = True,
) -> Added:
    """Find `words`, make the draft claim and append it to annotations/claims/<article>.yaml.
    Raises InputError, with nothing written, when the words cannot be placed or a file is bad."""
    text = read_article(root, article_id)
    claims = read_claims(root, article_id)
    found = find_words(text, words, side=side, paragraph=paragraph, occurrence=occurrence)
    here = text.original if found.side == "original" else text.translation
    quote = unique_context(found.match, here)
    if quote is None:
        raise InputError(
            f"the words in {found.match.paragraph} cannot be told apart from another place by any "
            "context within the paragraph; select more words"
        )
    other = _other_side(text, found.side, found.match)
    original, translation = (quote, other) if found.side == "original" else (other, quote)
    if original is None:
        raise InputError(
            f"paragraph {found.match.paragraph} is not in the original's reading text; quote the original"
        )
    layout = Layout(root)
    existing = [c.get("id") for c in (claims.data["claims"] if claims else []) if isinstance(c, dict)]
    claim_id = next_id([i for i in existing if isinstance(i, str)], claim_ids_in_corpus(root), article_id)
    item = {
        "id": claim_id,
        "draft": True,
        "statement": None,
        "quote": {"original": _quote_data(original), "translation": _quote_data(translation)},
        "claimant": None,
        "type": None,
        "sources": [{"source": text.source, "locator": found.match.paragraph}],
        "confidence": None,
        "rationale": None,
        "status": None,
    }
    proposed = "translation" if found.side == "original" else "original"
    block = skeleton_block(item, text.source, proposed)
    path = layout.claims(article_id)
    shown = f"annotations/claims/{article_id}.yaml"
    if claims is None:
        from ..ingest.scaffold import claims_scaffold

        old_text = claims_scaffold(article_id, schema_line(path, "claims", root), text.source)
        old_data = {"article": article_id, "claims": []}
    else:
        old_text, old_data = claims.text, claims.data
    new_data = {**old_data, "claims": [*(old_data.get("claims") or []), item]}
    problems = validate(Document(path, shown, new_data), "claims")
    if problems:  # a bug, not the user's input: the draft must pass the schema
        raise InputError(problems, note="glossator claim made a draft its schema refuses; please report it")
    new_text = append_item(old_text, "claims", block, new_data) or rewrite_yaml(old_text, new_data)
    if write:
        write_atomic(path, new_text)
    line = new_text[: new_text.find(f"id: {claim_id}")].count("\n") + 1
    return Added(claim_id, found.match.paragraph, found.side, original, translation, shown, line, new_text)


def describe(added: Added) -> str:
    """What `glossator claim` prints: where the draft went, its quotes, what is left to do."""
    proposed = "translation" if added.found_in == "original" else "original"

    def shown(quote: TextQuote | None) -> str:
        if quote is None:
            return "(none: the article has no translation yet)"
        context = (f", prefix '{quote.prefix}'" if quote.prefix else "") + (
            f", suffix '{quote.suffix}'" if quote.suffix else ""
        )
        return f"'{quote.exact}'{context}"

    lines = [
        f"Added draft claim {added.id} to {added.shown}:{added.line} (paragraph {added.paragraph}).",
        f"  original:    {shown(added.original)}",
        f"  translation: {shown(added.translation)}",
    ]
    if (added.translation if proposed == "translation" else added.original) is not None:
        lines.append(
            f"  The {proposed} quote is a proposal (same paragraph, aligned by sentences, names and "
            "numbers): check it."
        )
    lines.append(
        f"To do: fill in {', '.join(TO_DECIDE)}, then remove `draft: true`; `glossator check` lists what is left."
    )
    return "\n".join(lines)
