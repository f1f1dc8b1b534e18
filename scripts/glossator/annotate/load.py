"""What `claim` and `fix-anchors` read: one article's visible text in both languages, and its
claims file (text and data). Any problem in them stops the command before it writes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..corpus import Layout, load_article, load_file
from ..problems import InputError
from ..quotes import visible_paragraphs


@dataclass
class ArticleText:
    id: str
    source: str
    original: list[tuple[str, str]]  # (paragraph id, visible text) of the reading paragraphs
    translation: list[tuple[str, str]]  # the same for the translation; empty when none
    article_shown: str
    translation_shown: str


@dataclass
class ClaimsFile:
    path: Path
    shown: str
    text: str
    data: dict


def read_article(root: Path, article_id: str) -> ArticleText:
    layout = Layout(root)
    shown = f"corpus/{article_id}/article.yaml"
    if not layout.article(article_id).is_file():
        known = ", ".join(layout.article_ids()[:8])
        raise InputError(f"{shown}: no such article (articles: {known or 'none yet'})")
    article, translation, _, problems = load_article(root, article_id)
    if problems or article is None:
        raise InputError(
            [p for p in problems if p.severity == "error"] or f"{shown}: cannot be read",
            note="Fix these first (glossator check shows them all), then run again.",
        )
    reading = [(p.id, p.text) for p in article.reading]
    english = [(pid, p.text) for pid, p in translation.paragraphs.items()] if translation else []
    return ArticleText(
        article.id,
        article.source,
        visible_paragraphs(reading),
        visible_paragraphs(english),
        shown,
        f"corpus/{article_id}/translation.en.yaml",
    )


def read_claims(root: Path, article_id: str) -> ClaimsFile | None:
    """The article's claims file, parsed and valid against its schema; None if there is none."""
    layout = Layout(root)
    path = layout.claims(article_id)
    shown = f"annotations/claims/{article_id}.yaml"
    if not path.exists():
        return None
    loaded, problems = load_file(root, path, "claims")
    errors = [p for p in problems if p.severity == "error"]
    if errors or loaded is None:
        raise InputError(
            errors or f"{shown}: cannot be read", note=f"{shown} is left as it is; fix it first."
        )
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    if "\r\n" in text:
        raise InputError(
            f"{shown}: has Windows line endings; this command edits only files with \\n line ends"
        )
    return ClaimsFile(path, shown, text, loaded.doc.data)


_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)


def claim_ids_in_corpus(root: Path) -> set[str]:
    """Every claim id written in any claims file (read by its lines: cheap on a large corpus;
    a few extra ids, of sources inside claims, only make the next id skip a number)."""
    ids: set[str] = set()
    for path in Layout(root).claim_files():
        try:
            ids.update(_ID_LINE.findall(path.read_text("utf-8", errors="replace")))
        except OSError:
            continue
    return ids
