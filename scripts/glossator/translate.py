"""`glossator translate`: machine translation with DeepL, paid for once per paragraph.

Plan (plan.py) -> send what the memory lacks, in batches within DeepL's limits -> write each
article's translation file as soon as its paragraphs are in. A fault or Ctrl-C stops the run
with everything finished so far saved; the next run resumes without paying again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .corpus import Corpus, Entry, Layout, items
from .glossary import Glossary, glossary_from_data, glossary_path
from .markup import IGNORE_TAGS, from_xml, to_xml
from .memory import TranslationMemory
from .plan import ArticlePlan, Job, dry_run_report, plan_article
from .problems import InputError
from .schema import schema_line
from .yamlio import dump_yaml, load_yaml, write_atomic

MAX_TEXTS = 50
MAX_BYTES = 120 * 1024  # DeepL's limit is 128 KiB per request; leave room for the JSON around the texts
MEMORY_FILE = Path("corpus/_memory/deepl.jsonl")
GLOSSARY_STATE = Path("corpus/_memory/glossaries.yaml")


@dataclass
class Outcome:
    billed: int = 0
    requests: int = 0
    articles_saved: int = 0
    paragraphs: int = 0


def batches(jobs: list[Job], *, max_texts: int = MAX_TEXTS, max_bytes: int = MAX_BYTES) -> list[list[Job]]:
    """Consecutive jobs grouped within DeepL's request limits (texts plus the context around
    them), order preserved."""

    def size(text: str) -> int:
        return len(text.encode("utf-8"))

    out: list[list[Job]] = []
    total = 0
    for job in jobs:
        if out and len(out[-1]) < max_texts and total + size(job.text) + size(job.after) <= max_bytes:
            out[-1].append(job)
            total += size(job.text)
        else:
            out.append([job])
            total = size(job.before) + size(job.text)
    return out


def _context(batch: list[Job]) -> str | None:
    """The paragraphs around the batch: sent as context, which DeepL does not bill."""
    inside = {job.text for job in batch}
    around = [t for t in (batch[0].before, batch[-1].after) if t and t not in inside]
    return "\n\n".join(around) or None


def load_glossary(layout: Layout, source: str, target: str) -> Glossary | None:
    path = glossary_path(layout, source, target)
    if not path.exists():
        return None
    doc, problems = load_yaml(path, path.relative_to(layout.root).as_posix())
    if problems or doc is None:
        raise InputError(problems)
    return glossary_from_data(doc.data)


def make_plans(
    corpus: Corpus, ids: list[str], target: str, *, retranslate: bool
) -> tuple[list[ArticlePlan], TranslationMemory]:
    layout = corpus.layout
    unknown = [i for i in ids if i not in corpus.entries]
    if unknown:
        raise InputError(f"unknown article id(s): {', '.join(unknown)} (expected folder names under corpus/)")
    memory = TranslationMemory(layout.root / MEMORY_FILE)
    glossaries: dict[str, Glossary | None] = {}
    plans = []
    for article_id in ids or sorted(corpus.entries):
        entry = corpus.entries[article_id]
        source = entry.article.data["language"]
        if source not in glossaries:
            glossaries[source] = load_glossary(layout, source, target)
        plans.append(plan_article(entry, glossaries[source], target, memory, retranslate=retranslate))
    return plans, memory


class Translator:
    """Sends batches through the official client; keeps the glossary ids it created."""

    def __init__(self, layout: Layout, client) -> None:
        self.layout, self.client = layout, client
        self.outcome = Outcome()
        self._glossary_ids: dict[str, str] = {}

    def glossary_id(self, glossary: Glossary | None) -> str | None:
        if glossary is None:
            return None
        if glossary.version in self._glossary_ids:
            return self._glossary_ids[glossary.version]
        state_path = self.layout.root / GLOSSARY_STATE
        doc, _ = load_yaml(state_path, GLOSSARY_STATE.as_posix()) if state_path.exists() else (None, [])
        state = dict(doc.data) if doc and isinstance(doc.data, dict) else {}
        known = state.get(glossary.version)
        if known:
            import deepl

            try:
                self.client.get_glossary(known)
                self._glossary_ids[glossary.version] = known
                return known
            except deepl.GlossaryNotFoundException:
                pass
        info = self.client.create_glossary(
            f"glossator {glossary.source_language}-{glossary.target_language} {glossary.version}",
            source_lang=glossary.source_language.upper(),
            target_lang=glossary.target_language.upper(),
            entries=glossary.entries,
        )
        self.outcome.requests += 1
        state[glossary.version] = info.glossary_id
        write_atomic(state_path, dump_yaml(state))
        self._glossary_ids[glossary.version] = info.glossary_id
        return info.glossary_id

    def send(self, batch: list[Job], plan: ArticlePlan, memory: TranslationMemory) -> int:
        settings, glossary = plan.settings, plan.glossary
        prepared = [to_xml(job.text, glossary.keep if glossary else ()) for job in batch]
        results = self.client.translate_text(
            [p.xml for p in prepared],
            source_lang=settings.source.upper(),
            target_lang=settings.target,
            context=_context(batch),
            tag_handling="xml",
            ignore_tags=list(IGNORE_TAGS),
            glossary=self.glossary_id(glossary),
            preserve_formatting=True,
        )
        self.outcome.requests += 1
        records = []
        billed = 0
        for job, prep, result in zip(batch, prepared, results, strict=True):
            job.result = from_xml(result.text, prep)
            billed += result.billed_characters
            records.append(
                {
                    "key": job.key,
                    "source_hash": job.source_hash,
                    "target": settings.target,
                    "glossary": settings.glossary,
                    "text": job.result,
                }
            )
        memory.add(records)
        self.outcome.billed += billed
        return billed


def apply_plan(entry: Entry, plan: ArticlePlan, layout: Layout) -> None:
    """Write the article's translation file with the plan's results; person-made text untouched."""
    path = layout.translation(entry.id)
    data = dict(entry.translation.data) if entry.translation else {"article": entry.id, "language": "en"}
    existing = {p.get("id"): dict(p) for _, p in items(entry.translation, "paragraphs")}
    engine = {"target": plan.settings.target, "glossary": plan.settings.glossary}
    for job in plan.jobs:
        if job.result is None:
            continue
        if job.draft:
            existing[job.paragraph]["draft"] = {
                "text": job.result,
                "source_hash": job.source_hash,
                "engine": engine,
            }
        else:
            existing[job.paragraph] = {
                "id": job.paragraph,
                "source_hash": job.source_hash,
                "method": "deepl",
                "review": "unreviewed",
                "text": job.result,
                "engine": engine,
            }
    order = [p["id"] for _, p in items(entry.article, "paragraphs") if p.get("kind") != "boilerplate"]
    data["paragraphs"] = [existing[pid] for pid in order if pid in existing]
    data["paragraphs"] += [p for pid, p in existing.items() if pid not in order]
    write_atomic(path, dump_yaml(data, schema_line=schema_line(path, "translation", layout.root)))


def run_translation(
    corpus: Corpus,
    plans: list[ArticlePlan],
    memory: TranslationMemory,
    translator: Translator,
    progress: Callable[[str, int], None],
) -> Outcome:
    for plan in plans:
        for batch in batches(plan.to_send):
            progress(plan.article, translator.send(batch, plan, memory))
        if plan.jobs:
            apply_plan(corpus.entries[plan.article], plan, corpus.layout)
            translator.outcome.articles_saved += 1
            translator.outcome.paragraphs += len(plan.jobs)
        progress(plan.article, 0)
    return translator.outcome


def make_client():
    import deepl

    key = os.environ.get("DEEPL_AUTH_KEY", "").strip()
    if not key:
        raise InputError(
            "DEEPL_AUTH_KEY is not set: put your DeepL API key in it (export DEEPL_AUTH_KEY=...), "
            "or use --dry-run to see the cost. The site builds from the committed translations without it."
        )
    client = deepl.DeepLClient(key, server_url=os.environ.get("DEEPL_SERVER_URL") or None)
    client.set_app_info("glossator", __version__)
    return client


__all__ = ["dry_run_report", "make_plans", "run_translation", "make_client", "Translator", "batches"]
