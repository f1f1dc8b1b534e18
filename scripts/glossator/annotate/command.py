"""The bodies of `glossator claim` and `glossator fix-anchors`: arguments in, text and exit
status out (the CLI only parses, locks and prints)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..corpus import Layout
from ..problems import InputError


@dataclass
class ClaimArgs:
    article: str
    words: str | None = None
    side: str | None = None
    paragraph: str | None = None
    occurrence: int | None = None
    line: int | None = None
    column_start: int | None = None
    column_end: int | None = None
    end_line: int | None = None
    dry_run: bool = False


def claim_command(root: Path, args: ClaimArgs) -> str:
    """Add the draft claim; the report to print. InputError for anything wrong."""
    from .claim import add_claim, describe
    from .locate import selection

    words, paragraph = args.words, args.paragraph
    if args.line is not None:
        if words:
            raise InputError("give either WORDS or a selection (--line ...), not both")
        if args.column_start is None or args.column_end is None:
            raise InputError("a selection needs --line, --column-start and --column-end")
        layout = Layout(root)
        side = args.side or "original"
        path = layout.article(args.article) if side == "original" else layout.translation(args.article)
        shown = path.relative_to(root).as_posix()
        if not path.is_file():
            raise InputError(f"{shown}: no such file")
        paragraph, words = selection(
            path, shown, args.line, args.column_start, args.column_end, args.end_line, root
        )
        args.side = side
    if not words:
        raise InputError('no words given: glossator claim ARTICLE "the words as a reader sees them"')
    added = add_claim(
        root,
        args.article,
        words,
        side=args.side,
        paragraph=paragraph,
        occurrence=args.occurrence,
        write=not args.dry_run,
    )
    report = describe(added)
    if args.dry_run:
        start = added.text.find(f"- id: {added.id}")
        block = added.text[start:].split("\n- id:")[0]
        report = f"{report}\nDry run: nothing written. The claim would be:\n{block}"
    return report
