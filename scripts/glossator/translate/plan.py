"""What `glossator translate` would do: for each article, which paragraphs need a machine
translation, which the memory already has (or holds an unusable answer for), and what sending
the rest would bill. No network, no writes except the facts cache; `--dry-run` prints this."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..corpus import Layout
from ..markup import Prepared, to_xml
from ..model import Article, Translation
from ..problems import InputError, Problem
from ..textnorm import paragraph_hash
from .answer import AnswerError, read_answer
from .glossary import Glossary, load_glossary
from .memory import Answer, Settings, TranslationMemory
from .read import FactsCache, Translated, load_entry, read_facts, translated_from_model

MEMORY_FILE = "corpus/_memory/deepl.jsonl"


@dataclass
class Job:
    """One paragraph to translate. `draft`: a machine draft kept beside a manual or reviewed
    translation (with --retranslate), which it never replaces. `error`: why the answer DeepL
    gave for it cannot be used."""

    paragraph: str
    text: str
    source_hash: str
    key: str
    before: str = ""
    after: str = ""
    draft: bool = False
    result: str | None = None
    error: str | None = None
    prepared: Prepared | None = None  # the XML sent to DeepL, and how to read the answer


@dataclass
class ArticlePlan:
    """What to do for one article, and the settings (languages, glossary) it was planned with.
    `translation`: the translation file's data as read, None when there is no file yet."""

    article: str
    settings: Settings
    glossary: Glossary | None = None
    order: list[str] = field(default_factory=list)
    translation: dict | None = None
    jobs: list[Job] = field(default_factory=list)

    @property
    def to_send(self) -> list[Job]:
        return [j for j in self.jobs if j.result is None and j.error is None]

    @property
    def characters(self) -> int:
        return sum(len(j.text) for j in self.to_send)


def needs_machine(
    existing: Translated | None, source_hash: str, settings: Settings, retranslate: bool
) -> str | None:
    """'translate', 'draft' or None for one paragraph."""
    if existing is None:
        return "translate"
    current = existing.source_hash == source_hash
    if existing.machine:
        same_settings = existing.target == settings.target and existing.glossary == settings.glossary
        return None if current and same_settings else "translate"
    if current or not retranslate:
        return None  # a person's translation: never overwritten; when stale, `check` says so
    return None if existing.draft_hash == source_hash else "draft"


def plan_article(
    article: Article,
    translation: Translation | None,
    data: dict | None,
    glossary: Glossary | None,
    settings: Settings,
    *,
    retranslate: bool,
) -> ArticlePlan:
    """The plan for one validated article, its translation and the translation file's data."""
    existing = translated_from_model(translation) if translation else {}
    paragraphs = article.reading
    plan = ArticlePlan(article.id, settings, glossary, [p.id for p in paragraphs], data)
    keep = glossary.keep if glossary else ()
    for index, paragraph in enumerate(paragraphs):
        source_hash = paragraph_hash(paragraph.text)
        action = needs_machine(existing.get(paragraph.id), source_hash, settings, retranslate)
        if action is None:
            continue
        prepared = to_xml(paragraph.text, keep)
        plan.jobs.append(
            Job(
                paragraph.id,
                paragraph.text,
                source_hash,
                settings.key(prepared.xml),
                before=paragraphs[index - 1].text if index > 0 else "",
                after=paragraphs[index + 1].text if index + 1 < len(paragraphs) else "",
                draft=action == "draft",
                prepared=prepared,
            )
        )
    return plan


class Planner:
    """Plans articles with one glossary per source language and one facts cache."""

    def __init__(self, layout: Layout, target: str, *, retranslate: bool) -> None:
        self.layout, self.target, self.retranslate = layout, target, retranslate
        self.cache = FactsCache(layout)
        self._glossaries: dict[str, Glossary | None] = {}

    def settings(self, language: str) -> tuple[Settings, Glossary | None]:
        if language not in self._glossaries:
            self._glossaries[language] = load_glossary(self.layout, language, self.target)
        glossary = self._glossaries[language]
        return Settings(language, self.target, glossary.version if glossary else None), glossary

    def has_work(self, article_id: str) -> bool:
        """False only when the facts show that every paragraph is done; True when they cannot
        be read fast (a full load will say what is wrong)."""
        facts = read_facts(self.layout, article_id, self.cache)
        if facts is None:
            return True
        settings, _ = self.settings(facts.language)
        done = facts.translated or {}
        return any(
            needs_machine(done.get(pid), source_hash, settings, self.retranslate)
            for pid, kind, source_hash in facts.paragraphs
            if kind != "boilerplate"
        )

    def plan(self, article_id: str) -> tuple[ArticlePlan | None, list[Problem]]:
        article, translation, data, problems = load_entry(self.layout, article_id)
        if problems or article is None or (data is not None and translation is None):
            return None, problems
        settings, glossary = self.settings(article.language)
        return plan_article(article, translation, data, glossary, settings, retranslate=self.retranslate), []


def make_plans(
    layout: Layout, ids: list[str], target: str, *, retranslate: bool
) -> tuple[list[ArticlePlan], int, TranslationMemory]:
    """Plans of the articles that have work to do (all articles, or `ids`), the number of
    articles with nothing to do, and the memory with which the plans were resolved. Raises
    InputError for unknown ids and for problems in the files of articles with work to do."""
    known = layout.article_ids()
    unknown = sorted(set(ids) - set(known))
    if unknown:
        raise InputError(f"unknown article id(s): {', '.join(unknown)} (expected folder names under corpus/)")
    planner = Planner(layout, target, retranslate=retranslate)
    plans, problems, idle = [], [], 0
    for article_id in ids or known:
        if not planner.has_work(article_id):
            idle += 1
            continue
        plan, found = planner.plan(article_id)
        problems += found
        if plan is not None:
            plans.append(plan)
    planner.cache.save(forget_unseen=not ids)
    if problems:
        raise InputError(problems)
    memory = TranslationMemory(layout.root / MEMORY_FILE)
    if any(plan.jobs for plan in plans):
        resolve(plans, memory, retranslate=retranslate)
    return plans, idle, memory


def resolve(plans: list[ArticlePlan], memory: TranslationMemory, *, retranslate: bool) -> None:
    """Take what the memory has for each job. A kept answer that cannot be used fails its job,
    which is not sent again unless `retranslate` (paying for a new answer)."""
    for plan in plans:
        for job in plan.jobs:
            answer = memory.get(job.key)
            if answer is None:  # a line from before raw answers were kept: its Markdown is used
                legacy = memory.get(plan.settings.legacy_key(job.text))
                answer = legacy if legacy is not None and legacy.text is not None else None
            if answer is not None:
                take_answer(job, answer, keep_error=not retranslate)


def take_answer(job: Job, answer: Answer, *, keep_error: bool = True) -> None:
    """Set the job's result from a kept answer, or (`keep_error`) its error if it is unusable."""
    if answer.raw is None:
        job.result = answer.text
        return
    try:
        job.result = read_answer(answer.raw, job.prepared)
    except AnswerError as error:
        if keep_error:
            job.error = str(error)


def total_characters(plans: list[ArticlePlan]) -> int:
    """What sending the plans bills: a paragraph found in several articles is sent once."""
    unique = {j.key: len(j.text) for p in plans for j in p.to_send}
    return sum(unique.values())


def dry_run_report(plans: list[ArticlePlan], idle: int) -> str:
    lines = [f"{'article':<40} {'paragraphs':>10} {'from memory':>11} {'characters':>10}"]
    for plan in plans:
        reused = len(plan.jobs) - len(plan.to_send)
        lines.append(f"{plan.article:<40} {len(plan.to_send):>10} {reused:>11} {plan.characters:>10}")
    total_send = len({j.key for p in plans for j in p.to_send})
    total_reused = sum(len(p.jobs) - len(p.to_send) for p in plans)
    lines.append(f"{'total':<40} {total_send:>10} {total_reused:>11} {total_characters(plans):>10}")
    if total_send < sum(len(p.to_send) for p in plans):
        lines.append("(A paragraph found in several articles is sent once: the totals count it once.)")
    if idle:
        lines.append(f"{idle} other article(s) have nothing to translate.")
    lines.append("Dry run: nothing was sent. The characters are what DeepL would bill.")
    return "\n".join(lines)
