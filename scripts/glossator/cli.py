"""The `glossator` command: one subcommand per pipeline stage. Each parses its arguments and
calls one function; input problems are printed as located messages, never as tracebacks."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from .lock import project_lock
from .problems import InputError

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The project folder (holding corpus/ and annotations/).",
)


@click.group()
@click.version_option(package_name="glossator")
def main() -> None:
    """Glossator: build an annotated, bilingual news corpus into a static site."""


@main.command()
@ROOT
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people; json for machines (a stable list of path, line, column, message, severity); "
    "github for annotations on a pull request's lines.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too (untranslated or unreviewed paragraphs).")
def check(root: Path, style: str, strict: bool) -> None:
    """Check every corpus and annotation file: schemas, ids, references, quotes, stale
    translations, dates. Prints one line per problem as path:line:column and exits 1 if
    there is an error (or, with --strict, a warning).

    Example: glossator check
    """
    from .check import check_corpus
    from .check.reporters import REPORTERS

    corpus, problems = check_corpus(root)
    failing = [p for p in problems if strict or p.severity == "error"]
    warnings = sum(p.severity == "warning" for p in problems)
    if failing:
        summary = f"{len(problems) - warnings} error(s), {warnings} warning(s)."
    else:
        claims = sum(len(c) for c in corpus.claims.values())
        summary = f"OK: {len(corpus.articles)} articles, {claims} claims, no errors" + (
            f", {warnings} warning(s)." if warnings else "."
        )
    output = REPORTERS[style]().report(problems, summary)
    if output:
        click.echo(output)
    sys.exit(1 if failing else 0)


@main.command()
@ROOT
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: site/ in the project folder).",
)
def build(root: Path, site_dir: Path | None) -> None:
    """Check the corpus, generate the pages and build the static site with MkDocs (strict).
    A corpus that fails the check is not built.

    Example: glossator build && python -m http.server -d site
    """
    from .build import build_site

    try:
        with project_lock(root, "build"):
            out = build_site(root, site_dir=site_dir, progress=lambda m: click.echo(m, err=True))
    except InputError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    click.echo(f"Site written to {out}")


@main.command()
@ROOT
@click.argument("ids", nargs=-1)
@click.option(
    "--target",
    type=click.Choice(["EN-GB", "EN-US"], case_sensitive=False),
    default="EN-GB",
    show_default=True,
    help="English variant to translate into.",
)
@click.option(
    "--dry-run", is_flag=True, help="Send nothing; print what would be billed, per article and in total."
)
@click.option(
    "--retranslate",
    is_flag=True,
    help="For manual or reviewed paragraphs whose source changed, fetch a machine draft and keep it "
    "beside them; and pay again for paragraphs whose kept DeepL answer cannot be used.",
)
def translate(root: Path, ids: tuple[str, ...], target: str, dry_run: bool, retranslate: bool) -> None:
    """Translate articles with DeepL (all, or the IDS given). Sends only paragraphs that have no
    current translation; everything paid for is kept in corpus/_memory/, so a second run bills
    nothing. Manual and reviewed translations are never overwritten.

    Needs DEEPL_AUTH_KEY (and optionally DEEPL_SERVER_URL) in the environment.

    Example: glossator translate --dry-run && glossator translate wsj-derek-aw-compute-rental
    """
    from .translate.command import translate_command

    try:
        with contextlib.nullcontext() if dry_run else project_lock(root, "translate"):
            code = translate_command(
                root, list(ids), target.upper(), dry_run=dry_run, retranslate=retranslate
            )
    except InputError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    sys.exit(code)


@main.command()
@ROOT
@click.argument("source")
@click.option(
    "--id", "article_id", help="The article id (a lower-case slug); derived from title and date if not given."
)
@click.option("--lang", help="The article's language (ISO 639-1, e.g. de); detected if not given.")
@click.option("--title", help="The headline as published.")
@click.option("--publisher", help="Who published it.")
@click.option("--url", help="The article's address.")
@click.option("--published", help="Publication date, YYYY-MM-DD.")
@click.option("--encoding", help="The text encoding, when the file is not UTF-8 (e.g. cp1252).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "docx", "odt", "rtf", "epub", "markdown", "text"]),
    help="The file's format; detected from its content and name if not given.",
)
@click.option(
    "--update",
    is_flag=True,
    help="Record different bytes as a new version of an existing entry (a correction): paragraph ids, "
    "your edits, translation and claims stay; earlier versions are kept.",
)
def ingest(
    root: Path, source: str, article_id, lang, title, publisher, url, published, encoding, fmt, update
) -> None:
    """Add an article to the corpus from SOURCE (a file, or - for standard input): HTML saved
    from a news site, DOCX, ODT, RTF, EPUB, Markdown or plain text. Writes corpus/ID/ (the file
    as received and article.yaml), an entry in annotations/sources.yaml and a claims file to
    fill in, and reports what it left out as boilerplate.

    Example: glossator ingest saved-page.html --publisher "Investing.com"
    """
    from .ingest.entry import Request
    from .ingest.entry import ingest as run_ingest
    from .ingest.report import describe

    try:
        raw, name = _read_source(source)
        request = Request(
            raw, name, article_id, lang, title, publisher, url, published, encoding, fmt, update
        )
        with project_lock(root, "ingest"):
            report = run_ingest(root, request)
    except InputError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    click.echo(describe(report))


@main.command()
@ROOT
@click.argument("article")
@click.argument("words", required=False)
@click.option(
    "--in",
    "side",
    type=click.Choice(["original", "translation"]),
    help="Where to look for the words (default: the original, then the translation).",
)
@click.option("--paragraph", help="Look only in this paragraph (e.g. p3).")
@click.option("--occurrence", type=int, help="Which place, when the words occur more than once (1, 2, ...).")
@click.option(
    "--line",
    type=int,
    help="An editor's selection in article.yaml (or, with --in translation, translation.en.yaml): its line.",
)
@click.option("--column-start", type=int, help="The selection's first column (1-based).")
@click.option("--column-end", type=int, help="The column just after the selection's last character.")
@click.option("--end-line", type=int, help="The selection's last line, when it spans lines.")
@click.option("--dry-run", is_flag=True, help="Print the claim; write nothing.")
def claim(root: Path, article: str, words: str | None, **options) -> None:
    """Add a draft claim to annotations/claims/ARTICLE.yaml from WORDS as a reader sees them
    (no Markdown). Finds them in the original (or the translation), adds the shortest prefix or
    suffix that makes them unique, proposes the words in the other language (to be checked),
    picks the next id and fills the source and paragraph; the fields still to decide are null,
    marked # TODO, until you fill them and remove `draft: true`. The file's other lines stay.

    Example: glossator claim su-di-nvidia-loopholes "sorgte dieser Unternehmer für Aufsehen"
    """
    from .annotate.command import ClaimArgs, claim_command

    try:
        with project_lock(root, "claim"):
            click.echo(claim_command(root, ClaimArgs(article, words, **options)))
    except InputError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)


@main.command("fix-anchors")
@ROOT
@click.argument("articles", nargs=-1)
@click.option(
    "--threshold",
    type=click.FloatRange(0.5, 1.0),
    default=0.8,
    show_default=True,
    help="The least similarity (0.5 to 1) at which a quote is moved to its closest match.",
)
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
def fix_anchors(root: Path, articles: tuple[str, ...], threshold: float, dry_run: bool) -> None:
    """Move quotes that no longer match (the text or translation was corrected) onto their
    closest match, when there is one clear match at least --threshold similar; only those
    lines of the claims files change. Lists every quote it could not fix and then exits 1.
    All articles, or the ARTICLES given.

    Example: glossator fix-anchors su-di-nvidia-loopholes --dry-run
    """
    from .annotate.anchors import fix_anchors_command

    try:
        with contextlib.nullcontext() if dry_run else project_lock(root, "fix-anchors"):
            output, code = fix_anchors_command(root, list(articles), threshold=threshold, dry_run=dry_run)
    except InputError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    click.echo(output)
    sys.exit(code)


def _read_source(source: str) -> tuple[bytes, str]:
    if source == "-":
        return sys.stdin.buffer.read(), "-"
    path = Path(source)
    try:
        return path.read_bytes(), source
    except FileNotFoundError:
        raise InputError(f"{source}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder; give the article's file") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read it: {error.strerror}") from None


if __name__ == "__main__":
    main()
