"""What `glossator translate` would do: for each article, which paragraphs need a machine
translation, which the memory already has, and what sending the rest would bill. Pure: no
network, no writes; `--dry-run` prints this."""

from __future__ import annotations

from dataclasses import dataclass, field

from .corpus import Entry, items
from .glossary import Glossary
from .memory import Settings, TranslationMemory
from .textnorm import paragraph_hash


@dataclass
class Job:
    """One paragraph to translate. `draft`: a machine draft kept beside a manual or reviewed
    translation (with --retranslate), which it never replaces."""

    paragraph: str
    text: str
    source_hash: str
    key: str
    before: str = ""
    after: str = ""
    draft: bool = False
    result: str | None = None


@dataclass
class ArticlePlan:
    """What to do for one article, and the settings (languages, glossary) it was planned with."""

    article: str
    settings: Settings
    glossary: Glossary | None = None
    jobs: list[Job] = field(default_factory=list)

    @property
    def to_send(self) -> list[Job]:
        return [j for j in self.jobs if j.result is None]

    @property
    def characters(self) -> int:
        return sum(len(j.text) for j in self.to_send)


def _needs_machine(
    existing: dict | None, source_hash: str, settings: Settings, retranslate: bool
) -> str | None:
    """'translate', 'draft' or None for one paragraph."""
    if existing is None:
        return "translate"
    machine = existing.get("method") == "deepl" and existing.get("review") != "reviewed"
    current = existing.get("source_hash") == source_hash
    if machine:
        engine = existing.get("engine") or {}
        same_settings = (
            engine.get("target") == settings.target and engine.get("glossary") == settings.glossary
        )
        return None if current and same_settings else "translate"
    if current or not retranslate:
        return None  # a person's translation: never overwritten; when stale, `check` says so
    draft = existing.get("draft") or {}
    return None if draft.get("source_hash") == source_hash else "draft"


def plan_article(
    entry: Entry, glossary: Glossary | None, target: str, memory: TranslationMemory, *, retranslate: bool
) -> ArticlePlan:
    source = entry.article.data["language"]
    settings = Settings(source, target, glossary.version if glossary else None)
    plan = ArticlePlan(entry.id, settings, glossary)
    existing = {p.get("id"): p for _, p in items(entry.translation, "paragraphs")}
    paragraphs = [p for _, p in items(entry.article, "paragraphs") if p.get("kind") != "boilerplate"]
    for index, paragraph in enumerate(paragraphs):
        source_hash = paragraph_hash(paragraph["text"])
        action = _needs_machine(existing.get(paragraph["id"]), source_hash, settings, retranslate)
        if action is None:
            continue
        job = Job(
            paragraph["id"],
            paragraph["text"],
            source_hash,
            settings.key(paragraph["text"]),
            before=paragraphs[index - 1]["text"] if index > 0 else "",
            after=paragraphs[index + 1]["text"] if index + 1 < len(paragraphs) else "",
            draft=action == "draft",
        )
        job.result = memory.get(job.key)
        plan.jobs.append(job)
    return plan


def dry_run_report(plans: list[ArticlePlan]) -> str:
    lines = [f"{'article':<40} {'paragraphs':>10} {'from memory':>11} {'characters':>10}"]
    for plan in plans:
        reused = len(plan.jobs) - len(plan.to_send)
        lines.append(f"{plan.article:<40} {len(plan.to_send):>10} {reused:>11} {plan.characters:>10}")
    total_send = sum(len(p.to_send) for p in plans)
    total_reused = sum(len(p.jobs) - len(p.to_send) for p in plans)
    lines.append(f"{'total':<40} {total_send:>10} {total_reused:>11} {sum(p.characters for p in plans):>10}")
    lines.append("Dry run: nothing was sent. The characters are what DeepL would bill.")
    return "\n".join(lines)
