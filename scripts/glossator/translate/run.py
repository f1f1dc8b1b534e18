"""A translation run: article after article, send what the memory lacks, then write the
article's translation file. A fault or Ctrl-C stops the run with every article finished before
it saved; a paragraph whose answer cannot be used fails alone and the rest is kept."""

from __future__ import annotations

from collections.abc import Callable

from ..corpus import Layout
from .memory import TranslationMemory
from .plan import MEMORY_FILE, ArticlePlan, Job, take_answer
from .send import Outcome, Translator, batches
from .write import write_translation


def failure_message(layout: Layout, plan: ArticlePlan, job: Job) -> str:
    """One line: where, what is wrong, and how to fix it."""
    article = f"corpus/{plan.article}/article.yaml"
    translation = layout.translation(plan.article).relative_to(layout.root).as_posix()
    kept = f"{article}: {job.paragraph}: {job.error}. The answer is kept in {MEMORY_FILE} and is not billed again."
    if job.draft:
        return (
            f"{kept} No draft was added; the translation of {job.paragraph} in {translation} is unchanged. "
            f"Run 'glossator translate --retranslate {plan.article}' to pay for a new draft."
        )
    return (
        f"{kept} Translate {job.paragraph} by hand in {translation}, or run "
        f"'glossator translate --retranslate {plan.article}' to pay for a new answer."
    )


def run_translation(
    layout: Layout,
    plans: list[ArticlePlan],
    memory: TranslationMemory,
    translator: Translator,
    progress: Callable[[str, int], None],
) -> Outcome:
    outcome = translator.outcome
    for plan in plans:
        # A paragraph is sent once per run: not again when another article (or this one) has
        # the same text; those take the answer from the memory afterwards.
        unique: dict[str, Job] = {}
        for job in plan.to_send:
            if job.key not in translator.answered:
                unique.setdefault(job.key, job)
        for batch in batches(list(unique.values())):
            progress(plan.article, translator.send(batch, plan, memory))
            if translator.stopping:  # Ctrl-C: write what is paid for, then stop
                break
        for job in plan.to_send:
            answer = memory.get(job.key)
            if answer is not None:
                take_answer(job, answer)
        done = [job for job in plan.jobs if job.result is not None]
        if done:
            write_translation(layout, plan)
            outcome.articles_saved += 1
            outcome.paragraphs += len(done)
        outcome.failures += [failure_message(layout, plan, job) for job in plan.jobs if job.error]
        progress(plan.article, 0)
        if translator.stopping:
            raise KeyboardInterrupt
    return outcome
