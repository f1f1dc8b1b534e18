"""Rules for each article folder: metadata, the files as received, paragraphs, translation."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from ..corpus import Files, Layout
from ..ingest.ids import RESERVED
from ..model import Article, Corpus, Received, Translation, Where
from ..problems import Problem
from ..textnorm import normalize_block, paragraph_hash
from .common import notes_for_empty, problem, real_date, reference

ARTICLE_FIELDS_NEEDING_NOTES = ("title", "publisher", "author", "published", "url")


def check_article_folder(corpus: Corpus, files: Files, article_id: str) -> Iterator[Problem]:
    """The rules for one folder under corpus/ (nothing when it has no readable article.yaml)."""
    loaded = files.articles.get(article_id)
    if loaded is not None:
        yield from _paragraph_ids(loaded)
        article = corpus.articles.get(article_id)
        if article is None:
            return
        yield from _check_article(corpus, Layout(Path(corpus.root)), article)
        translation = corpus.translations.get(article_id)
        if translation is not None:
            yield from _check_translation(corpus, article, translation)
        elif article_id not in files.translations and article.reading:
            yield problem(
                article.where.at("id"),
                f"'{article_id}' has no translation yet: run `glossator translate {article_id}` or write "
                f"corpus/{article_id}/translation.en.yaml by hand",
                severity="warning",
            )


def _paragraph_ids(loaded) -> Iterator[Problem]:
    """Paragraph ids are unique in an article, boilerplate included (the model keeps both)."""
    seen: dict[str, int] = {}
    for index, paragraph in loaded.items("paragraphs"):
        pid = paragraph["id"]
        if pid in seen:
            line = loaded.doc.locate(("paragraphs", seen[pid]))[0]
            yield loaded.doc.problem(
                ("paragraphs", index, "id"),
                f"duplicate paragraph id '{pid}' (first on line {line}); give it a new id never used before",
            )
        seen.setdefault(pid, index)


def _check_article(corpus: Corpus, layout: Layout, article: Article) -> Iterator[Problem]:
    where = article.where
    if article.id != where.doc.path.parent.name:
        yield problem(
            where.at("id"),
            f"id '{article.id}' differs from the folder name '{where.doc.path.parent.name}'; make them the same",
        )
    if article.id in RESERVED:
        yield problem(
            where.at("id"),
            f"id '{article.id}' is reserved (a page of the site, or a word YAML reads as null, true or "
            "false); rename the folder and the id, e.g. to "
            f"'{article.id}-article'",
        )
    yield from notes_for_empty(where, article, ARTICLE_FIELDS_NEEDING_NOTES, article.notes)
    yield from real_date(where.at("published"), article.published)
    hint = ": add the article to annotations/sources.yaml"
    yield from reference(corpus, where.at("source"), "source", article.source, hint)
    own = (corpus.sources or {}).get(article.source)
    if (
        own is not None
        and None not in (own.publisher, article.publisher)
        and own.publisher != article.publisher
    ):
        yield problem(
            where.at("publisher"),
            f"publisher {article.publisher!r} differs from {own.publisher!r} in the article's source entry "
            f"'{own.id}' (annotations/sources.yaml, line {own.where.line}); make them the same",
        )
    folder = layout.article_dir(article.id)
    yield from _check_received(folder, where.at("received"), article.received)
    for index, version in enumerate(article.versions):
        yield from _check_received(folder, where.at("versions", index), version)
    in_use = {p.id for p in article.paragraphs}
    for index, pid in enumerate(article.retired):
        if pid in in_use:
            yield problem(
                where.at("retired", index),
                f"paragraph id '{pid}' is retired (a correction removed it) and must not be used again; give the paragraph a new id",
            )
    for paragraph in article.paragraphs:
        if paragraph.text != normalize_block(paragraph.kind, paragraph.text):
            yield problem(
                paragraph.where.at("text"),
                "text is not normalized (NFC, single spaces, no leading or trailing space); `glossator ingest` writes it so",
            )
        if paragraph.kind == "boilerplate" and not paragraph.reason:
            yield problem(paragraph.where, "boilerplate needs a 'reason' saying why it is left out")
        yield from reference(corpus, paragraph.where.at("quote_of"), "source", paragraph.quote_of)


def _check_received(folder: Path, where: Where, received: Received) -> Iterator[Problem]:
    path = folder / received.file
    try:
        if path.is_symlink() or not path.resolve().is_relative_to(folder.resolve()) or not path.is_file():
            raise OSError
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        yield problem(
            where.at("file"),
            f"the received file {received.file} is missing from corpus/{folder.name}/ (or is not a plain file inside it)",
        )
        return
    if digest != received.sha256:
        yield problem(
            where.at("sha256"),
            f"the received file does not match its sha256 (file has {digest}); the file as received must never change",
        )


def _check_translation(corpus: Corpus, article: Article, translation: Translation) -> Iterator[Problem]:
    where = translation.where
    seen: set[str] = set()
    for index, item in _raw_items(where):
        if item["id"] in seen:
            yield problem(
                where.at("paragraphs", index, "id"), f"paragraph '{item['id']}' is translated twice; keep one"
            )
        seen.add(item["id"])
    hashes = {p.id: paragraph_hash(p.text) for p in article.reading}
    kinds = {p.id: p.kind for p in article.paragraphs}
    invalid = corpus.invalid["paragraph"]
    for paragraph in translation.paragraphs.values():
        if f"{article.id}/{paragraph.id}" in invalid:
            continue  # its source paragraph failed the schema: that problem comes first
        if paragraph.id not in hashes:
            what = (
                "boilerplate, which is not translated"
                if kinds.get(paragraph.id) == "boilerplate"
                else "a paragraph a correction removed (retired)"
                if paragraph.id in article.retired
                else "not a paragraph of the article"
            )
            yield problem(paragraph.where.at("id"), f"'{paragraph.id}' is {what}; remove this translation")
        elif paragraph.source_hash != hashes[paragraph.id]:
            yield problem(
                paragraph.where.at("source_hash"),
                f"stale translation: source paragraph {paragraph.id} changed since it was translated; "
                f"update the text, then set source_hash: '{hashes[paragraph.id]}'",
            )
    for pid in hashes:
        if f"{article.id}/{pid}" in corpus.invalid["translated"]:
            yield problem(
                where.at("paragraphs"),
                f"the translation of {pid} failed its schema (see the problem at its line); its source_hash is '{hashes[pid]}'",
                severity="warning",
            )
    missing = [
        pid
        for pid in hashes
        if pid not in translation.paragraphs and f"{article.id}/{pid}" not in corpus.invalid["translated"]
    ]
    if missing:
        yield problem(
            where.at("paragraphs"),
            f"{len(missing)} paragraph(s) not translated yet: {', '.join(missing)}; run `glossator translate "
            f"{article.id}` or add them by hand, each with its source_hash: "
            + ", ".join(f"{pid} '{hashes[pid]}'" for pid in missing),
            severity="warning",
        )
    unreviewed = [p.id for p in translation.paragraphs.values() if p.review != "reviewed"]
    if unreviewed:
        yield problem(
            where.at("paragraphs"),
            f"{len(unreviewed)} translated paragraph(s) not reviewed yet; a reviewer sets review: reviewed",
            severity="warning",
        )


def _raw_items(where: Where):
    value = where.doc.data.get("paragraphs") if isinstance(where.doc.data, dict) else None
    return [(i, p) for i, p in enumerate(value or []) if isinstance(p, dict) and isinstance(p.get("id"), str)]
