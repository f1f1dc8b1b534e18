"""The corpus as typed, frozen objects: what every stage after loading reads.

Each object is made from a YAML item that passed its schema, and remembers where it stands
(`where`: file, line, column), so that a rule can report a problem at the right line without
going back to the YAML. Optional fields are None (or empty) when absent.

The records are NamedTuples: immutable and typed like frozen dataclasses, but four times
faster to make, which counts at 5,000 articles (a quarter of a million records).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from .quotes import TextQuote
from .yamlio import Document

EMPTY: Mapping[str, str] = MappingProxyType({})


class Where(NamedTuple):
    """A place in a YAML file: the document and the path of the item inside it."""

    doc: Document
    path: tuple[str | int, ...] = ()

    def at(self, *more: str | int) -> Where:
        return Where(self.doc, (*self.path, *more))

    @property
    def file(self) -> str:
        return self.doc.shown

    @property
    def line(self) -> int:
        return self.doc.locate(self.path)[0]


class Paragraph(NamedTuple):
    id: str
    kind: str
    text: str
    where: Where
    reason: str | None = None
    quote_of: str | None = None

    @property
    def reading(self) -> bool:
        """A paragraph a reader sees (and that is translated): everything but boilerplate."""
        return self.kind != "boilerplate"


class Received(NamedTuple):
    """One version of the article as received: its file (never altered) and hash."""

    file: str
    sha256: str
    original_name: str
    format: str | None = None
    date: str | None = None
    replaced: str | None = None


class Article(NamedTuple):
    id: str
    language: str
    source: str
    received: Received
    paragraphs: tuple[Paragraph, ...]
    where: Where
    title: str | None = None
    working_title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    notes: Mapping[str, str] = EMPTY
    versions: tuple[Received, ...] = ()
    retired: tuple[str, ...] = ()

    @property
    def reading(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.reading]

    @property
    def display_title(self) -> str:
        return self.title or self.working_title or self.id


class Engine(NamedTuple):
    target: str
    glossary: str | None = None


class Draft(NamedTuple):
    """A machine draft kept beside a person's translation for the reviewer."""

    text: str
    source_hash: str
    engine: Engine | None = None


class TranslatedParagraph(NamedTuple):
    id: str
    source_hash: str
    method: str
    review: str
    text: str
    where: Where
    engine: Engine | None = None
    draft: Draft | None = None
    note: str | None = None
    reviewed_by: str | None = None
    reviewed_on: str | None = None

    @property
    def by_machine(self) -> bool:
        """A machine translation nobody has reviewed: the only kind a new run may replace."""
        return self.method == "deepl" and self.review != "reviewed"


class Translation(NamedTuple):
    article: str
    language: str
    paragraphs: Mapping[str, TranslatedParagraph]
    where: Where


class SourceRef(NamedTuple):
    """One claim–source link. `credibility` (1–6, Admiralty) grades this information as this
    source gives it; the source's own record is its `reliability`."""

    source: str
    where: Where
    locator: str | None = None
    note: str | None = None
    credibility: int | None = None
    credibility_rationale: str | None = None


class QuotePair(NamedTuple):
    """A further place where a claim is made: the words in the original and in the translation."""

    original: TextQuote
    translation: TextQuote
    where: Where


class Relation(NamedTuple):
    """A link from one claim to another: same_as, supports, contradicts or refines."""

    type: str
    claim: str
    where: Where
    note: str | None = None


class AsOf(NamedTuple):
    """The time a claim about the present refers to: the article's words and, if known, a date."""

    words: str
    where: Where
    date: str | None = None
    note: str | None = None


class Review(NamedTuple):
    """Who annotated and reviewed a claim and when; None where unknown (a note says why)."""

    where: Where
    annotated_by: str | None = None
    annotated_on: str | None = None
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    verified_on: str | None = None
    notes: Mapping[str, str] = EMPTY


class Claim(NamedTuple):
    """A claim. In a draft (`draft`, made by `glossator claim`) the fields still to decide are
    None (statement, claimant, type, confidence, rationale, status) and the translation quote
    may be empty; `check` reports them, so no draft with a None reaches the site or an export."""

    id: str
    article: str
    statement: str | None
    original: TextQuote
    translation: TextQuote
    claimant: str | None
    type: str | None
    sources: tuple[SourceRef, ...]
    confidence: str | None
    rationale: str | None
    status: str | None
    where: Where
    entities: tuple[str, ...] = ()
    event_date: str | None = None
    note: str | None = None
    also_quoted: tuple[QuotePair, ...] = ()
    quote_translated_from: str | None = None
    attribution: str | None = None
    event_end: str | None = None
    event_date_inferred: str | None = None
    as_of: AsOf | None = None
    relations: tuple[Relation, ...] = ()
    review: Review | None = None
    draft: bool = False

    @property
    def claimant_kind(self) -> str | None:
        return self.claimant.split(":", 1)[0] if self.claimant else None

    @property
    def claimant_id(self) -> str | None:
        return self.claimant.split(":", 1)[1] if self.claimant else None


class Reliability(NamedTuple):
    grade: str
    rationale: str


class Source(NamedTuple):
    id: str
    type: str
    label: str
    reliability: Reliability
    where: Where
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    archive_url: str | None = None
    language: str | None = None
    article: str | None = None
    via: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    notes: Mapping[str, str] = EMPTY
    read: bool | None = None


class Name(NamedTuple):
    name: str
    language: str


class Entity(NamedTuple):
    id: str
    type: str
    names: tuple[Name, ...]
    where: Where
    aliases: tuple[str, ...] = ()
    description: str | None = None
    wikidata: str | None = None
    notes: Mapping[str, str] = EMPTY

    @property
    def name(self) -> str:
        english = [n.name for n in self.names if n.language == "en"]
        return english[0] if english else self.names[0].name


_INVALID_KINDS = ("source", "entity", "paragraph", "translated")


class Outline(NamedTuple):
    """What the rules of other articles need to know of an article (a locator names its
    paragraphs): its paragraph ids in order, the ids a correction retired, and the ids of
    paragraphs that failed the schema (left out of the model)."""

    paragraphs: tuple[str, ...]
    retired: tuple[str, ...]
    invalid: frozenset[str]

    @classmethod
    def of(cls, article: Article, invalid: set[str]) -> Outline:
        return cls(tuple(p.id for p in article.paragraphs), article.retired, frozenset(invalid))


@dataclass
class Corpus:
    """Everything that loaded and passed its schema. A registry is None when its file could not
    be used at all (then references into it are not checked, rather than all reported unknown)."""

    root: Any
    articles: dict[str, Article] = field(default_factory=dict)
    translations: dict[str, Translation] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    claim_files: dict[str, Where] = field(default_factory=dict)
    # Every article that loaded, outlined. `check` keeps only these: its `articles` and
    # `translations` stay empty (corpus.load_corpus with articles=False).
    outlines: dict[str, Outline] = field(default_factory=dict)
    sources: dict[str, Source] | None = None
    entities: dict[str, Entity] | None = None
    article_folders: list[str] = field(default_factory=list)
    _folder_set: tuple[list[str] | None, frozenset[str]] = field(
        default=(None, frozenset()), repr=False, compare=False
    )
    # Ids of items left out because they failed their schema (their own problem is reported):
    # "source", "entity", and "paragraph"/"translated" as "<article>/<paragraph id>". Rules do
    # not call them unknown, so that one mistake gives one message.
    invalid: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in _INVALID_KINDS})

    def with_registries(self) -> Corpus:
        """A corpus with this one's registries and list of folders and no article yet: for the
        rules of one article, run where its files were read."""
        part = Corpus(self.root, sources=self.sources, entities=self.entities)
        part.article_folders, part._folder_set = self.article_folders, self._folder_set
        part.invalid.update(source=self.invalid["source"], entity=self.invalid["entity"])
        return part

    def all_claims(self) -> list[Claim]:
        return [c for claims in self.claims.values() for c in claims]

    def has_folder(self, article_id: str) -> bool:
        """Whether corpus/<article_id>/ exists (a set, not a walk down the list of 5,000)."""
        if self._folder_set[0] is not self.article_folders:  # made again if the list is replaced
            self._folder_set = (self.article_folders, frozenset(self.article_folders))
        return article_id in self._folder_set[1]
