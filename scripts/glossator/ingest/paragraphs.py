"""Paragraph kinds that need judgement: boilerplate (by the patterns in
annotations/boilerplate.yaml) and embedded social media posts (kept as quotations)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..corpus import Layout
from ..problems import InputError, Problem
from ..schema import validate
from ..yamlio import load_yaml
from .blocks import Block

_POST_LINK = re.compile(r"(pic\.twitter\.com/\w+|(?:twitter|x)\.com/\w+/status/\d+)", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"^\\?[—–-]\s*(?P<name>[^()]+?)\s*\(@(?P<handle>\w{1,15})\)\s*,?\s*(?P<date>.+)$")


@dataclass
class Pattern:
    regex: re.Pattern
    reason: str


@dataclass
class Candidate:
    """An embedded post worth recording in the source registry."""

    paragraphs: list[str]
    name: str | None
    handle: str | None
    date: str | None
    link: str | None


def load_patterns(layout: Layout, language: str) -> list[Pattern]:
    path = layout.boilerplate
    if not path.exists():
        return []
    doc, problems = load_yaml(path, "annotations/boilerplate.yaml")
    problems += validate(doc, "boilerplate") if doc else []
    if problems:
        raise InputError(problems)
    patterns = []
    for lang in (language, "any"):
        for index, item in enumerate(doc.data["patterns"].get(lang) or []):
            try:
                patterns.append(Pattern(re.compile(item["pattern"], re.IGNORECASE), item["reason"]))
            except re.error as error:
                line, column = doc.locate(("patterns", lang, index, "pattern"))
                raise InputError(
                    [Problem(doc.shown, line, column, f"not a valid regular expression: {error}")]
                ) from None
    return patterns


def classify(blocks: list[Block], patterns: list[Pattern]) -> tuple[list[dict], list[Candidate]]:
    """Paragraph items for article.yaml (ids p1, p2, ...), and the embedded posts found."""
    paragraphs: list[dict] = []
    for number, block in enumerate(blocks, 1):
        item = {"id": f"p{number}", "kind": block.kind, "text": block.text}
        reason = next((p.reason for p in patterns if p.regex.search(block.text)), None)
        if reason:
            item["kind"], item["reason"] = "boilerplate", reason
        elif _ATTRIBUTION.match(block.text):
            item["kind"] = "attribution"
            quoted = [p["id"] for p in paragraphs[-2:] if p["kind"] == "quote"]
            if not quoted and paragraphs and paragraphs[-1]["kind"] == "paragraph":
                paragraphs[-1]["kind"] = "quote"
        elif _POST_LINK.search(block.text):
            item["kind"] = "quote"
        paragraphs.append(item)
    return paragraphs, embedded_posts(paragraphs)


def embedded_posts(paragraphs: list[dict]) -> list[Candidate]:
    """The embedded posts of paragraphs whose kinds are set (by `classify`, or as article.yaml
    holds them): each `attribution` with the quotations among the two paragraphs before it,
    then each quotation linking a post that no attribution claimed."""
    candidates: list[Candidate] = []
    for index, item in enumerate(paragraphs):
        attribution = _ATTRIBUTION.match(item["text"]) if item.get("kind") == "attribution" else None
        if attribution:
            quoted = [p["id"] for p in paragraphs[max(0, index - 2) : index] if p.get("kind") == "quote"]
            candidates.append(
                Candidate(
                    [*quoted, item["id"]],
                    attribution["name"],
                    attribution["handle"],
                    attribution["date"],
                    None,
                )
            )
    for candidate in candidates:
        texts = [p["text"] for p in paragraphs if p["id"] in candidate.paragraphs]
        found = next((m.group(0) for t in texts if (m := _POST_LINK.search(t))), None)
        candidate.link = found
    linked = {pid for c in candidates for pid in c.paragraphs}
    for paragraph in paragraphs:
        link = _POST_LINK.search(paragraph["text"])
        if paragraph.get("kind") == "quote" and paragraph["id"] not in linked and link:
            candidates.append(Candidate([paragraph["id"]], None, None, None, link.group(0)))
    return candidates
