"""Where the corpus lives on disk, and loading all of it (files parsed, schemas checked)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, relative
from .schema import check_schema_line, validate
from .yamlio import Document, load_yaml

TRANSLATION_LANGUAGE = "en"


@dataclass(frozen=True)
class Layout:
    """The paths of a Glossator project, all below `root`."""

    root: Path

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    @property
    def annotations(self) -> Path:
        return self.root / "annotations"

    @property
    def sources(self) -> Path:
        return self.annotations / "sources.yaml"

    @property
    def entities(self) -> Path:
        return self.annotations / "entities.yaml"

    @property
    def boilerplate(self) -> Path:
        return self.annotations / "boilerplate.yaml"

    def article_dir(self, article_id: str) -> Path:
        return self.corpus / article_id

    def article(self, article_id: str) -> Path:
        return self.article_dir(article_id) / "article.yaml"

    def translation(self, article_id: str, language: str = TRANSLATION_LANGUAGE) -> Path:
        return self.article_dir(article_id) / f"translation.{language}.yaml"

    def claims(self, article_id: str) -> Path:
        return self.annotations / "claims" / f"{article_id}.yaml"

    def article_ids(self) -> list[str]:
        if not self.corpus.is_dir():
            return []
        return sorted(
            p.name for p in self.corpus.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
        )

    def glossary_files(self) -> list[Path]:
        return sorted(self.annotations.glob("glossary.*.yaml")) if self.annotations.is_dir() else []

    def claim_files(self) -> list[Path]:
        folder = self.annotations / "claims"
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


@dataclass
class Entry:
    """One article folder: its metadata and text, and its translation if there is one."""

    id: str
    article: Document | None
    translation: Document | None


@dataclass
class Corpus:
    layout: Layout
    entries: dict[str, Entry] = field(default_factory=dict)
    claims: dict[str, Document] = field(default_factory=dict)
    sources: Document | None = None
    entities: Document | None = None
    glossaries: dict[str, Document] = field(default_factory=dict)
    boilerplate: Document | None = None


def _load(path: Path, schema: str, layout: Layout, problems: list[Problem]) -> Document | None:
    doc, found = load_yaml(path, relative(path, layout.root))
    problems.extend(found)
    if doc is None:
        return None
    first_line = path.read_text("utf-8").split("\n", 1)[0].lstrip("\ufeff")
    problems.extend(check_schema_line(doc, first_line, schema, layout.root))
    problems.extend(validate(doc, schema))
    if not isinstance(doc.data, dict):
        return None
    return doc


def load_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Parse and schema-check every file of the project; nothing here raises for bad input."""
    layout = Layout(root)
    problems: list[Problem] = []
    corpus = Corpus(layout)
    if not layout.corpus.is_dir():
        problems.append(
            Problem("corpus", 0, 0, f"no corpus folder in {root}; run from the project root or pass --root")
        )
    corpus.sources = _load(layout.sources, "sources", layout, problems)
    corpus.entities = _load(layout.entities, "entities", layout, problems)
    for article_id in layout.article_ids():
        article = _load(layout.article(article_id), "article", layout, problems)
        translation_path = layout.translation(article_id)
        translation = (
            _load(translation_path, "translation", layout, problems) if translation_path.exists() else None
        )
        corpus.entries[article_id] = Entry(article_id, article, translation)
    if layout.boilerplate.exists():
        corpus.boilerplate = _load(layout.boilerplate, "boilerplate", layout, problems)
    for path in layout.glossary_files():
        doc = _load(path, "glossary", layout, problems)
        if doc is not None:
            corpus.glossaries[path.name] = doc
    for path in layout.claim_files():
        doc = _load(path, "claims", layout, problems)
        if doc is not None:
            corpus.claims[path.stem] = doc
    return corpus, problems


def mapping_items(value: object) -> list[tuple[int, dict]]:
    """(index, item) for the mapping items of a list; anything else is skipped (the schema
    check has reported it already)."""
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def items(doc: Document | None, key: str) -> list[tuple[int, dict]]:
    """`mapping_items` of a document's top-level list field."""
    if doc is None or not isinstance(doc.data, dict):
        return []
    return mapping_items(doc.data.get(key))


def reading_paragraphs(article: Document | None) -> list[tuple[str, str]]:
    """(id, text) of the paragraphs a reader sees: everything but boilerplate."""
    return [
        (str(p.get("id")), str(p.get("text", "")))
        for _, p in items(article, "paragraphs")
        if p.get("kind") != "boilerplate"
    ]


def translated_paragraphs(translation: Document | None) -> list[tuple[str, str]]:
    return [(str(p.get("id")), str(p.get("text", ""))) for _, p in items(translation, "paragraphs")]
