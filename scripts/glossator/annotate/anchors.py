"""`glossator fix-anchors`: quotes that no longer match, moved onto their closest match.

A quote (original or translation) that matches once is left alone. One that matches nowhere
is moved when there is one clear candidate:
- its exact words still occur once, and only the prefix or suffix broke: the context is
  worked out again;
- otherwise the closest span (`quotes.closest`, difflib's ratio over spans of whole words) is
  at least `threshold` similar and beats the next candidate by `MARGIN`.
The new quote keeps its old prefix and suffix when they still single it out, else gets the
shortest ones that do. Only the quote's own lines change (`yamlsplice.replace_value`, checked by
reading the file back). Everything is worked out first; a claims file, article or
translation that cannot be read stops the command before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..corpus import Layout
from ..problems import InputError, Problem
from ..quotes import Match, TextQuote, closest, find_in_visible, find_visible, unique_context
from ..yamledit import rewrite_yaml
from ..yamlio import write_atomic
from ..yamlsplice import compose, node_at, replace_value
from .load import ArticleText, ClaimsFile, read_article, read_claims

MARGIN = 0.05


@dataclass
class Outcome:
    claim: str
    side: str
    old: str
    new: dict | None  # the new quote's data; None when not fixed
    why: str  # how it was fixed, or why not
    line: int = 0


def _data(quote: TextQuote) -> dict:
    data = {"exact": quote.exact}
    data |= {"prefix": quote.prefix} if quote.prefix else {}
    data |= {"suffix": quote.suffix} if quote.suffix else {}
    return data


def _requote(match: Match, old: TextQuote, visible: list[tuple[str, str]]) -> TextQuote | None:
    exact = dict(visible)[match.paragraph][match.start : match.end]
    kept = TextQuote(exact, old.prefix, old.suffix)
    if find_visible(kept, visible) == [match]:
        return kept
    return unique_context(match, visible)


def fix_quote(
    quote: TextQuote, visible: list[tuple[str, str]], threshold: float
) -> tuple[TextQuote | None, str]:
    """(new quote, how) for a quote that matches nowhere; (None, why not) when there is no
    clear fix."""
    if not visible:
        return None, "the text has no paragraphs (no translation yet?)"
    places = find_in_visible(quote.exact, visible)
    if len(places) == 1:
        new = _requote(places[0], quote, visible)
        if new is not None:
            return new, f"the words still stand in {places[0].paragraph}; their context changed"
    if len(places) > 1:
        return None, f"the words occur {len(places)} times and the prefix/suffix no longer say which"
    near = closest(quote.exact, visible, limit=2)
    if not near or near[0].score < threshold:
        best = (
            f"; the closest is in {near[0].paragraph} at {near[0].score:.2f}: '{near[0].text}'"
            if near
            else ""
        )
        return None, f"no match at least {threshold:.2f} similar{best}"
    if len(near) > 1 and near[0].score - near[1].score < MARGIN:
        return None, (
            f"two matches are about as close: {near[0].paragraph} ({near[0].score:.2f}) and "
            f"{near[1].paragraph} ({near[1].score:.2f})"
        )
    new = _requote(Match(near[0].paragraph, near[0].start, near[0].end), quote, visible)
    if new is None:
        return None, f"the closest match in {near[0].paragraph} cannot be told apart by any context"
    return new, f"closest match in {near[0].paragraph}, similarity {near[0].score:.2f}"


def fix_file(claims: ClaimsFile, text: ArticleText, threshold: float) -> tuple[str, list[Outcome]]:
    """The claims file's new text and what happened to each quote that did not match."""
    new_text, data = claims.text, claims.data
    outcomes = []
    for index, item in enumerate(data.get("claims") or []):
        for side in ("original", "translation"):
            raw = (item.get("quote") or {}).get(side)
            if not isinstance(raw, dict):
                continue
            visible = text.original if side == "original" else text.translation
            quote = TextQuote.from_data(raw)
            if len(find_visible(quote, visible)) == 1:
                continue
            if len(find_visible(quote, visible)) > 1:
                outcomes.append(Outcome(item["id"], side, quote.exact, None, "matches more than once"))
                continue
            new, how = fix_quote(quote, visible, threshold)
            outcomes.append(Outcome(item["id"], side, quote.exact, _data(new) if new else None, how))
            if new is None:
                continue
            path = ("claims", index, "quote", side)
            data = _with(data, path, _data(new))
            edited = _replace(new_text, path, raw, _data(new), data)
            new_text = edited if edited is not None else rewrite_yaml(new_text, data)
            outcomes[-1].line = _line_of(new_text, (*path, "exact"))
    return new_text, outcomes


def _line_of(text: str, path: tuple) -> int:
    """The 1-based line of the value at `path` (0 if it cannot be found)."""
    root = compose(text)
    _, node = node_at(root, path) if root is not None else (None, None)
    return node.start_mark.line + 1 if node is not None else 0


def _with(data: dict, path: tuple, value: object) -> dict:
    """A copy of `data` with the value at `path` replaced (the copies only along the path)."""
    key, rest = path[0], path[1:]
    if isinstance(data, list):
        copy = list(data)
        copy[key] = _with(data[key], rest, value) if rest else value
        return copy
    return {**data, key: _with(data[key], rest, value) if rest else value}


def _replace(text: str, path: tuple, old: dict, new: dict, data: dict) -> str | None:
    """Only `exact` rewritten when the context stays; else the whole quote mapping."""
    if {k for k in old} == {k for k in new} and all(old[k] == new[k] for k in new if k != "exact"):
        return replace_value(text, (*path, "exact"), new["exact"], data)
    return replace_value(text, path, new, data)


def fix_anchors_command(
    root: Path, articles: list[str], *, threshold: float, dry_run: bool
) -> tuple[str, int]:
    """Fix every claims file given (all when none); (report, exit status: 1 when a quote
    could not be fixed). InputError, nothing written, when any file involved cannot be read."""
    layout = Layout(root)
    names = articles or [p.stem for p in layout.claim_files()]
    problems: list[Problem] = []
    work = []
    for name in names:
        try:
            claims = read_claims(root, name)
            if claims is None:
                raise InputError(f"annotations/claims/{name}.yaml: no such file")
            work.append((claims, read_article(root, claims.data["article"])))
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems, note="Nothing was changed.")
    lines, failed, written = [], 0, []
    for claims, text in work:
        new_text, outcomes = fix_file(claims, text, threshold)
        for o in outcomes:
            if o.new:
                lines.append(
                    f"{claims.shown}:{o.line}: {o.claim} {o.side}: '{o.old}' → '{o.new['exact']}' ({o.why})"
                )
            else:
                failed += 1
                lines.append(f"{claims.shown}: {o.claim} {o.side}: not fixed: {o.why}")
        if new_text != claims.text:
            written.append((claims.path, new_text))
    if not dry_run:
        for path, new_text in written:
            write_atomic(path, new_text)
    fixed = sum(1 for line in lines if " not fixed: " not in line)
    verb = "would move" if dry_run else "moved"
    lines.append(
        f"{verb.capitalize()} {fixed} quote(s); {failed} could not be fixed"
        + (" (fix them by hand: glossator check shows the closest matches)." if failed else ".")
    )
    return "\n".join(lines), 1 if failed else 0
