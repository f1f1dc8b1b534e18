"""The `glossator translate` command: plan, send with progress, report the cost, and one clear
message for each way DeepL or the network can fail."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import click

from .. import __version__
from ..corpus import Layout
from ..problems import InputError
from .plan import MEMORY_FILE, ArticlePlan, dry_run_report, make_plans, total_characters
from .run import failure_message, run_translation
from .send import Outcome, Translator


def describe_fault(error: Exception, server: str | None) -> str:
    import deepl

    where = server or "the DeepL API"
    if isinstance(error, deepl.AuthorizationException):
        return "DeepL refused the key (HTTP 403): check DEEPL_AUTH_KEY (a free-plan key ends in ':fx')."
    if isinstance(error, deepl.QuotaExceededException):
        return "DeepL's character quota is used up (HTTP 456): wait for the next billing period or raise the limit in your DeepL account."
    if isinstance(error, deepl.TooManyRequestsException):
        return "DeepL kept answering 'too many requests' (HTTP 429) after retrying: wait a few minutes and run again."
    if isinstance(error, deepl.ConnectionException):
        detail = "timed out" if "timed out" in str(error).lower() else "could not connect"
        return f"No answer from {where} ({detail}): check the network or DEEPL_SERVER_URL, then run again."
    status = getattr(error, "http_status_code", None)
    if status and status >= 500:
        return f"DeepL's server failed (HTTP {status}) after retrying: run again later."
    return f"DeepL answered with an error: {error}"


def server_url() -> str | None:
    """DEEPL_SERVER_URL if set: an http(s) address with a host (and a valid port, if any)."""
    value = os.environ.get("DEEPL_SERVER_URL") or None
    if value is None:
        return None
    try:
        parts = urlsplit(value)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and not re.search(r"\s", value)
        parts.port  # noqa: B018 -- raises ValueError for a port out of range or not a number
    except ValueError:
        valid = False
    if not valid:
        raise InputError(
            f"DEEPL_SERVER_URL {value!r} is not an http(s) address such as https://api-free.deepl.com: "
            "correct it, or unset it to use DeepL's own server. Nothing was sent."
        )
    return value


def make_client():
    import deepl  # only when something is sent: a run with nothing to send starts faster

    key = os.environ.get("DEEPL_AUTH_KEY", "").strip()
    if not key:
        raise InputError(
            "DEEPL_AUTH_KEY is not set: put your DeepL API key in it (export DEEPL_AUTH_KEY=...), "
            "or use --dry-run to see the cost. The site builds from the committed translations without it."
        )
    client = deepl.DeepLClient(key, server_url=server_url())
    client.set_app_info("glossator", __version__)
    return client


def translate_command(root: Path, ids: list[str], target: str, *, dry_run: bool, retranslate: bool) -> int:
    """Run `glossator translate`; returns the exit status. Raises InputError for bad input."""
    layout = Layout(root)
    if not layout.corpus.is_dir():
        raise InputError(f"no corpus folder in {root}; run from the project root or pass --root")
    plans, idle, memory = make_plans(layout, ids, target, retranslate=retranslate)
    if dry_run:
        click.echo(dry_run_report(plans, idle))
        _report_failures([failure_message(layout, p, j) for p in plans for j in p.jobs if j.error])
        return 0
    total = total_characters(plans)
    if total == 0:
        translator = Translator(layout, client=None)
        try:
            outcome = run_translation(layout, plans, memory, translator, lambda *_: None)
        except OSError as error:
            raise InputError(f"Could not write {_filename(error)}: {error.strerror or error}.") from None
        reused = sum(1 for p in plans for j in p.jobs if j.result is not None)
        done = "" if outcome.failures else ": every paragraph is translated"
        click.echo(f"Nothing to send{done} ({reused} taken from the memory). Billed characters: 0.")
        return _report_failures(outcome.failures)
    check_writable(layout)
    client = make_client()
    import deepl  # loaded by make_client

    translator = Translator(layout, client)
    try:
        with finish_on_interrupt(translator):
            _run_with_progress(layout, plans, memory, translator, total)
    except KeyboardInterrupt:
        click.echo(_stopped("Interrupted.", translator.outcome), err=True)
        return 130
    except deepl.DeepLException as error:
        click.echo(_stopped(describe_fault(error, server_url()), translator.outcome), err=True)
        return 1
    except OSError as error:  # the disk is full or a file cannot be written
        click.echo(
            _stopped(f"Could not write {_filename(error)}: {error.strerror or error}.", translator.outcome),
            err=True,
        )
        return 1
    outcome = translator.outcome
    click.echo(
        f"Translated {outcome.paragraphs} paragraph(s) in {outcome.articles_saved} article(s) with "
        f"{outcome.requests} request(s). Billed characters: {outcome.billed}."
    )
    try:
        usage = client.get_usage().character
        if usage.valid:
            click.echo(
                f"DeepL quota: {usage.count} of {usage.limit} characters used, {usage.limit - usage.count} left."
            )
    except Exception as error:  # the translations are saved; a failed usage query is only reported
        click.echo(f"Could not read the DeepL quota: {error}", err=True)
    return _report_failures(outcome.failures)


def _filename(error: OSError) -> str:
    return str(error.filename) if error.filename else "a file of the project"


def check_writable(layout: Layout) -> None:
    """The translation memory's folder can be written, or InputError before anything is sent or
    created at DeepL: an answer that cannot be kept would be paid for again on every run (and a
    glossary created again). A probe file is created and removed."""
    folder = layout.root / MEMORY_FILE.rsplit("/", 1)[0]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise InputError(
            f"cannot write in {MEMORY_FILE.rsplit('/', 1)[0]}/ ({error.strerror or error}): translate keeps "
            "every answer there before using it; make the project writable. Nothing was sent."
        ) from None


@contextlib.contextmanager
def finish_on_interrupt(translator: Translator) -> Iterator[None]:
    """Ctrl-C (SIGINT) does not cut a request short: DeepL bills a request it answered, so the
    answer is awaited, kept in the memory and the article's translation written, then the run
    stops (KeyboardInterrupt). A second Ctrl-C stops at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame) -> None:
        if translator.stopping:
            raise KeyboardInterrupt
        translator.stopping = True
        click.echo(
            "\nStopping after DeepL's answer to the request under way, which is paid for and will be kept "
            "(Ctrl-C again to stop at once; that request would then be paid for again).",
            err=True,
        )

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _report_failures(failures: list[str]) -> int:
    """Print one line per failed paragraph and a summary; the exit status (1 if any)."""
    if not failures:
        return 0
    for line in failures:
        click.echo(line, err=True)
    click.echo(
        f"{len(failures)} paragraph(s) could not be translated from DeepL's answer; everything else is saved.",
        err=True,
    )
    return 1


def _stopped(reason: str, outcome: Outcome) -> str:
    lines = [*outcome.failures, reason] if outcome.failures else [reason]
    lines.append(
        f"Stopped. {outcome.articles_saved} article(s) finished and saved before that; "
        f"{outcome.billed} characters billed in this run are kept in the translation memory, "
        "so running again resumes without paying for them twice."
    )
    return "\n".join(lines)


def _run_with_progress(
    layout: Layout, plans: list[ArticlePlan], memory, translator: Translator, total: int
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}"),
        console=Console(stderr=True),
        transient=False,
    ) as progress:
        articles = progress.add_task("articles", total=len(plans), unit="")
        characters = progress.add_task("characters", total=total, unit="billed chars")
        seen: set[str] = set()

        def advance(article: str, billed: int) -> None:
            progress.update(characters, advance=billed)
            if billed == 0 and article not in seen:
                seen.add(article)
                progress.update(articles, advance=1)

        run_translation(layout, plans, memory, translator, advance)
