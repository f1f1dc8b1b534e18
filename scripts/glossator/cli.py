"""The `glossator` command: one subcommand per pipeline stage. Each parses its arguments and
calls one function; input problems are printed as located messages, never as tracebacks."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

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


def _site_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if not value:
        return None  # GLOSSATOR_SITE_URL set but empty (a pull request's build in CI)
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        raise click.BadParameter(f"'{value}' is not an http(s) address such as https://owner.github.io/repo/")
    return value


SITE_URL = click.option(
    "--site-url",
    envvar="GLOSSATOR_SITE_URL",
    callback=_site_url,
    help="The published site's address (e.g. https://owner.github.io/repo/); also from GLOSSATOR_SITE_URL.",
)


class _Commands(click.Group):
    """Every command: a file the system will not let it read or write (no permission, a full
    disk, a read-only project) ends in one message and exit 1, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            click.echo(
                f"{where}{error.strerror or error}; stopped. Files are written whole or not at all: "
                "run the command again once this is fixed",
                err=True,
            )
            sys.exit(1)


@click.group(cls=_Commands)
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
    from .corpus import gc_paused

    with gc_paused():  # till the end: a collection over the loaded corpus would find nothing
        corpus, problems = check_corpus(root, articles=False)
        failing = [p for p in problems if strict or p.severity == "error"]
        warnings = sum(p.severity == "warning" for p in problems)
        if failing:
            summary = f"{len(problems) - warnings} error(s), {warnings} warning(s)."
        else:
            claims = sum(len(c) for c in corpus.claims.values())
            summary = f"OK: {len(corpus.outlines)} articles, {claims} claims, no errors" + (
                f", {warnings} warning(s)." if warnings else "."
            )
        output = REPORTERS[style]().report(problems, summary)
        if output:
            click.echo(output)
        _finish(1 if failing else 0)  # before the corpus is freed object by object


@main.command()
@ROOT
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: site/ in the project folder).",
)
@SITE_URL
def build(root: Path, site_dir: Path | None, site_url: str | None) -> None:
    """Check the corpus, generate the pages and build the static site with MkDocs (strict).
    A corpus that fails the check is not built.

    Example: glossator build && python -m http.server -d site
    """
    from .build import build_site

    try:
        with project_lock(root, "build"):
            out = build_site(
                root, site_dir=site_dir, site_url=site_url, progress=lambda m: click.echo(m, err=True)
            )
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


@main.command()
@ROOT
@click.argument("kind", type=click.Choice(["claim", "source", "entity"]))
@click.argument("old")
@click.argument("new")
def rename(root: Path, kind: str, old: str, new: str) -> None:
    """Rename a claim, source or entity from OLD to NEW in every file (claimants, sources, `via`,
    entities, `quote_of`), changing only those lines, and record the rename in
    annotations/redirects.yaml so that the site keeps the old address working. Refused, with
    nothing written, when NEW exists or is no valid id, OLD is unknown, or a file has YAML errors.

    Example: glossator rename entity su-di su-di-founder
    """
    from .rename import rename as run_rename

    try:
        with project_lock(root, "rename"):
            plan = run_rename(root, kind, old, new)
    except InputError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    shown = 20  # files listed by name; a rename across a large corpus is summed up
    for change in plan.changes[:shown]:
        click.echo(
            f"{change.shown}: {change.ids} id(s)"
            if change.ids
            else f"{change.shown}: redirect {old} -> {new}"
        )
    if len(plan.changes) > shown:
        click.echo(f"… and {len(plan.changes) - shown} more file(s), annotations/redirects.yaml among them")
    click.echo(
        f"Renamed {kind} '{old}' to '{new}': {plan.references} place(s) in {len(plan.changes) - 1} file(s)."
    )


FORMAT = click.option(
    "--format",
    "style",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people; json for machines.",
)


def _load_for_reading(root: Path):
    """The corpus as far as it loads; a note on standard error when `check` would fail."""
    from .corpus import load_corpus

    corpus, _, problems = load_corpus(root)
    if not corpus.article_folders and problems:
        click.echo("\n".join(str(p) for p in problems[:5]), err=True)
        sys.exit(1)
    errors = sum(p.severity == "error" for p in problems)
    if errors:
        click.echo(f"note: {errors} file problem(s) leave items out; run `glossator check`", err=True)
    return corpus


@main.command("list")
@ROOT
@click.argument("kind", type=click.Choice(["articles", "claims", "sources", "entities"]))
@click.option(
    "--article", help="Only what belongs to this article (its claims, the sources and entities they name)."
)
@click.option(
    "--confidence",
    type=click.Choice(["high", "moderate", "low", "not-assessable"]),
    help="Claims of this confidence.",
)
@click.option(
    "--status",
    type=click.Choice(["unverified", "corroborated", "disputed", "refuted"]),
    help="Claims of this status.",
)
@click.option("--unreviewed", is_flag=True, help="Articles with translated paragraphs nobody has reviewed.")
@click.option(
    "--stale",
    is_flag=True,
    help="Articles with stale translations or quotes; claims whose quotes no longer match.",
)
@FORMAT
def list_items(
    root: Path, kind: str, article, confidence, status, unreviewed: bool, stale: bool, style: str
) -> None:
    """List the articles, claims, sources or entities of the corpus, filtered, as a table or
    JSON.

    Example: glossator list claims --article wsj-derek-aw-compute-rental --confidence low
    """
    import json

    from .listing import Filters, rows, table

    if (confidence or status) and kind != "claims":
        raise click.UsageError("--confidence and --status filter claims only")
    if unreviewed and kind != "articles":
        raise click.UsageError("--unreviewed filters articles only")
    if stale and kind not in ("articles", "claims"):
        raise click.UsageError("--stale filters articles and claims only")
    corpus = _load_for_reading(root)
    if article is not None and article not in corpus.articles:
        click.echo(f"unknown article '{article}' (expected a folder name under corpus/)", err=True)
        sys.exit(1)
    found = rows(corpus, kind, Filters(article, confidence, status, unreviewed, stale))
    click.echo(json.dumps(found, ensure_ascii=False, indent=2) if style == "json" else table(found))


@main.command()
@ROOT
@FORMAT
def stats(root: Path, style: str) -> None:
    """Count articles, paragraphs (translated, unreviewed, stale), claims (by confidence, status
    and type), sources (by type and reliability) and entities.

    Example: glossator stats --format json
    """
    import json

    from .listing import stats as count
    from .listing import stats_text

    counts = count(_load_for_reading(root))
    click.echo(json.dumps(counts, ensure_ascii=False, indent=2) if style == "json" else stats_text(counts))


@main.command()
@ROOT
@click.argument(
    "names",
    nargs=-1,
    type=click.Choice(["corpus.json", "claims.csv", "sources.csv", "entities.csv", "claims.jsonld"]),
)
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the files into this folder (made if needed); without it, print the one file named.",
)
@SITE_URL
def export(root: Path, names: tuple[str, ...], folder: Path | None, site_url: str | None) -> None:
    """Export the corpus for use without the site: corpus.json (everything, with its JSON Schema
    in the package), claims.csv, sources.csv, entities.csv, and claims.jsonld (W3C Web
    Annotations). Each carries the corpus version (git commit and date, or "unknown"). Only a
    corpus that passes `glossator check` is exported.

    Example: glossator export --to downloads/ && glossator export claims.csv > claims.csv
    """
    from .export import exports
    from .yamlio import write_atomic

    if folder is None and len(names) != 1:
        raise click.UsageError("name one file to print (e.g. claims.csv), or give --to FOLDER for several")
    try:
        made = exports(root, list(names), site_url=site_url)
        if folder is None:
            click.echo(next(iter(made.values())), nl=False)
            return
        if folder.exists() and not folder.is_dir():
            raise InputError(f"--to {folder}: is not a folder")
        for name, content in made.items():
            write_atomic(folder / name, content)
    except InputError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    click.echo(f"Wrote {', '.join(made)} to {folder}")


@main.command()
@ROOT
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to serve on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port to serve on."
)
def serve(root: Path, host: str, port: int) -> None:
    """Build the site and serve it at http://HOST:PORT/, rebuilding and reloading the browser
    when corpus/, annotations/, site_src/ or mkdocs.yml change. A change that fails the check
    prints its problems; the last good site stays served. site/ is not touched.

    Example: glossator serve --port 8000
    """
    from .serve import serve as run_serve

    try:
        run_serve(root, host=host, port=port, report=lambda m: click.echo(m, err=True))
    except InputError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(f"cannot serve on {host}:{port}: {error.strerror}", err=True)
        sys.exit(1)


def _read_source(source: str) -> tuple[bytes, str]:
    from .ingest.limits import read_input  # looks at the file before reading it, reads at most 20 MB

    return read_input(source)


_EXIT_AT_ONCE = False  # set by run(): the process ends as soon as a command is done


def _finish(code: int) -> NoReturn:
    """Exit with `code`. From the `glossator` command (run()), at once, once the output is
    flushed: the work is done and every file closed, and what is skipped is Python freeing a
    loaded corpus object by object (half a second at 5,000 articles). Tests call main() itself,
    where this is sys.exit."""
    if _EXIT_AT_ONCE:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`)
                stream.flush()
        os._exit(code)
    sys.exit(code)


def run() -> None:
    """The `glossator` command: main(), ending the process at once when a command is done."""
    global _EXIT_AT_ONCE
    _EXIT_AT_ONCE = True
    try:
        main()
        code: object = 0
    except SystemExit as exit:
        code = exit.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
    _finish(code if isinstance(code, int) else 0 if code is None else 1)


if __name__ == "__main__":
    run()
