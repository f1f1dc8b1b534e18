"""Sending paragraphs to DeepL with the official client: batches within its limits, the glossary
created once per version, and every answer saved in the memory before it is used."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import Layout
from ..markup import IGNORE_TAGS
from ..yamledit import write_yaml
from ..yamlio import load_yaml
from .answer import AnswerError, read_answer
from .glossary import Glossary
from .memory import TranslationMemory
from .plan import ArticlePlan, Job

MAX_TEXTS = 50
MAX_BYTES = 120 * 1024  # DeepL's limit is 128 KiB per request; leave room for the JSON around the texts
GLOSSARY_STATE = Path("corpus/_memory/glossaries.yaml")


@dataclass
class Outcome:
    """What a run did: billed characters, requests, articles and paragraphs written, and one
    message per paragraph whose answer could not be used."""

    billed: int = 0
    requests: int = 0
    articles_saved: int = 0
    paragraphs: int = 0
    failures: list[str] = field(default_factory=list)


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


class Translator:
    """Sends batches through the official client; keeps the glossary ids it created."""

    def __init__(self, layout: Layout, client) -> None:
        self.layout, self.client = layout, client
        self.outcome = Outcome()
        self._glossary_ids: dict[str, str] = {}
        self.answered: set[str] = set()  # memory keys answered in this run
        self.stopping = False  # set on Ctrl-C: the run stops once what is paid for is written

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
        write_yaml(state_path, state, schema_line=None)
        self._glossary_ids[glossary.version] = info.glossary_id
        return info.glossary_id

    def send(self, batch: list[Job], plan: ArticlePlan, memory: TranslationMemory) -> int:
        """Translate the batch; returns the characters billed. Each answer is in the memory
        (synced to disk) before it is read; a job whose answer cannot be used gets `error`."""
        settings = plan.settings
        prepared = [job.prepared for job in batch]  # set by planning
        results = self.client.translate_text(
            [p.xml for p in prepared],
            source_lang=settings.source.upper(),
            target_lang=settings.target,
            context=_context(batch),
            tag_handling="xml",
            ignore_tags=list(IGNORE_TAGS),
            glossary=self.glossary_id(plan.glossary),
            preserve_formatting=True,
        )
        self.outcome.requests += 1
        records = [
            {
                "key": job.key,
                "raw": result.text,
                "billed": result.billed_characters,
                "source_hash": job.source_hash,
                "target": settings.target,
                "glossary": settings.glossary,
            }
            for job, result in zip(batch, results, strict=True)
        ]
        memory.add(records)
        self.answered.update(record["key"] for record in records)
        billed = sum(record["billed"] for record in records)
        self.outcome.billed += billed
        for job, prep, record in zip(batch, prepared, records, strict=True):
            try:
                job.result = read_answer(record["raw"], prep)
            except AnswerError as error:
                job.error = str(error)
        return billed
