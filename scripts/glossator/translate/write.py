"""The translation file after a run: the plan's new machine translations and drafts put in,
everything else left as it was. The file is edited with `yamledit.write_yaml`, so the lines of
untouched paragraphs (comments, wrapping, quoting) stay byte for byte; only added or changed
paragraphs are written anew."""

from __future__ import annotations

import copy

from ..corpus import TRANSLATION_LANGUAGE, Layout
from ..schema import schema_line
from ..yamledit import Quoted, write_yaml
from .plan import ArticlePlan, Job


def _engine(plan: ArticlePlan) -> dict:
    # A new dict for every paragraph: a shared one would be written as a YAML anchor and aliases.
    return {"target": plan.settings.target, "glossary": plan.settings.glossary}


def _machine(plan: ArticlePlan, job: Job) -> dict:
    return {
        "id": job.paragraph,
        "source_hash": Quoted(job.source_hash),
        "method": "deepl",
        "review": "unreviewed",
        "text": job.result,
        "engine": _engine(plan),
    }


def translation_data(plan: ArticlePlan) -> dict:
    """The translation file's new data. Paragraphs keep their order in the file; a new one goes
    after the paragraph that precedes it in the article (or first)."""
    data = copy.deepcopy(plan.translation) if plan.translation else {}
    data.setdefault("article", plan.article)
    data.setdefault("language", TRANSLATION_LANGUAGE)
    paragraphs = list(data.get("paragraphs") or [])
    position = {p.get("id"): i for i, p in enumerate(paragraphs)}
    for job in plan.jobs:
        if job.result is None:
            continue
        if job.draft:
            item = dict(paragraphs[position[job.paragraph]])
            item["draft"] = {
                "text": job.result,
                "source_hash": Quoted(job.source_hash),
                "engine": _engine(plan),
            }
            paragraphs[position[job.paragraph]] = item
        elif job.paragraph in position:
            paragraphs[position[job.paragraph]] = _machine(plan, job)
        else:
            earlier = plan.order[: plan.order.index(job.paragraph)]
            at = max((position[pid] + 1 for pid in earlier if pid in position), default=0)
            paragraphs.insert(at, _machine(plan, job))
            position = {p.get("id"): i for i, p in enumerate(paragraphs)}
    data["paragraphs"] = paragraphs
    return data


def write_translation(layout: Layout, plan: ArticlePlan) -> bool:
    """Write the plan's results into the article's translation file; returns whether it changed."""
    path = layout.translation(plan.article)
    return write_yaml(path, translation_data(plan), schema_line=schema_line(path, "translation", layout.root))
