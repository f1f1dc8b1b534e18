"""The `glossator translate` command around translate.py: progress, cost report, and one clear
message for each way DeepL or the network can fail."""

from __future__ import annotations

import os
from pathlib import Path

import click
import deepl

from .corpus import load_corpus
from .problems import InputError
from .translate import Translator, dry_run_report, make_client, make_plans, run_translation


def describe_fault(error: Exception, server: str | None) -> str:
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


def translate_command(root: Path, ids: list[str], target: str, *, dry_run: bool, retranslate: bool) -> int:
    corpus, problems = load_corpus(root)
    chosen = set(ids) or set(corpus.entries)
    blocking = [p for p in problems if any(p.path.startswith(f"corpus/{i}/") for i in chosen)]
    blocking += [p for p in problems if p.path.startswith("annotations/glossary")]
    if blocking:
        raise InputError([*blocking])
    plans, memory = make_plans(corpus, list(ids), target, retranslate=retranslate)
    if dry_run:
        click.echo(dry_run_report(plans))
        return 0
    total = sum(p.characters for p in plans)
    if total == 0:
        reused = sum(len(p.jobs) for p in plans)
        if reused:
            translator = Translator(corpus.layout, client=None)
            run_translation(corpus, plans, memory, translator, lambda *_: None)
        click.echo(
            f"Nothing to send: every paragraph is translated ({reused} taken from the memory). Billed characters: 0."
        )
        return 0
    client = make_client()
    translator = Translator(corpus.layout, client)
    try:
        _run_with_progress(corpus, plans, memory, translator, total)
    except KeyboardInterrupt:
        click.echo(_stopped("Interrupted.", translator), err=True)
        return 130
    except deepl.DeepLException as error:
        click.echo(_stopped(describe_fault(error, os.environ.get("DEEPL_SERVER_URL")), translator), err=True)
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
    return 0


def _stopped(reason: str, translator: Translator) -> str:
    outcome = translator.outcome
    return (
        f"{reason}\nStopped. {outcome.articles_saved} article(s) finished and saved before that; "
        f"{outcome.billed} characters billed in this run are kept in the translation memory, "
        "so running again resumes without paying for them twice."
    )


def _run_with_progress(corpus, plans, memory, translator, total) -> None:
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

        run_translation(corpus, plans, memory, translator, advance)
