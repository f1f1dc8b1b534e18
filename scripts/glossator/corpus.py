"""Where the corpus lives on disk, and loading all of it: parse → validate against the JSON
Schemas → resolve into the typed model (model.py). Nothing here raises for bad input: each
problem is returned, and an item that fails its schema is left out of the model, so that the
rules after it never meet a malformed value."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import model as m
from .parallel import fork_map
from .parsecache import ParseCache
from .problems import Problem
from .quotes import TextQuote
from .schema import check_schema_line, schema_errors
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

    @property
    def synonyms(self) -> Path:
        return self.annotations / "synonyms.yaml"

    @property
    def outlets(self) -> Path:
        return self.annotations / "outlets.yaml"

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
        with os.scandir(self.corpus) as entries:
            return sorted(
                e.name
                for e in entries
                if e.is_dir(follow_symlinks=False) and not e.name.startswith((".", "_"))
            )

    def linked_entries(self) -> list[str]:
        """Entries of corpus/ that are symbolic links: never followed, so never articles."""
        if not self.corpus.is_dir():
            return []
        with os.scandir(self.corpus) as entries:
            return sorted(e.name for e in entries if e.is_symlink() and not e.name.startswith((".", "_")))

    def glossary_files(self) -> list[Path]:
        return sorted(self.annotations.glob("glossary.*.yaml")) if self.annotations.is_dir() else []

    def claim_files(self) -> list[Path]:
        """The claims files; raises OSError when the folder exists but cannot be read (a glob
        would silently find nothing, and `check` would pass without the claims)."""
        folder = self.annotations / "claims"
        if not folder.is_dir():
            return []
        with os.scandir(folder) as entries:
            return sorted(
                folder / e.name for e in entries if e.name.endswith(".yaml") and not e.name.startswith(".")
            )


@dataclass
class Loaded:
    """One file after parsing and schema validation: the document, and the paths of the values
    that broke the schema (their items are left out of the model)."""

    doc: Document
    broken: set[tuple]
    # The model made from it (an Article, a Translation, the list of Claims), made where the file
    # was read: in a worker on a large corpus, so that the parent only puts the pieces together.
    model: Any = None

    def usable(self, *path: str | int) -> bool:
        """Whether the value at `path` and everything inside it passed the schema."""
        return not any(b[: len(path)] == path or path[: len(b)] == b for b in self.broken)

    def invalid_ids(self, key: str) -> set[str]:
        """The ids of the items of a top-level list that failed the schema."""
        value = self.doc.data.get(key) if isinstance(self.doc.data, dict) else None
        return {
            item["id"]
            for index, item in enumerate(value if isinstance(value, list) else [])
            if isinstance(item, dict) and isinstance(item.get("id"), str) and not self.usable(key, index)
        }

    def items(self, key: str) -> Iterable[tuple[int, dict]]:
        """(index, item) of a top-level list, the items that passed the schema only."""
        value = self.doc.data.get(key) if isinstance(self.doc.data, dict) else None
        for index, item in enumerate(value if isinstance(value, list) else []):
            if isinstance(item, dict) and self.usable(key, index):
                yield index, item


def _load_one(
    shared: tuple[Layout, ParseCache], item: tuple[Path, str]
) -> tuple[Loaded | None, list[Problem]]:
    """Read, parse and validate one file (in a worker on large corpora)."""
    layout, cache = shared
    path, schema = item
    root = str(layout.root)
    shown = str(path)[len(root) + 1 :] if str(path).startswith(root + os.sep) else path.as_posix()
    doc, problems = load_yaml(path, shown, cache, layout.root)
    if doc is None:
        return None, problems
    problems.extend(check_schema_line(doc, doc.text.split("\n", 1)[0], schema, layout.root))
    errors = schema_errors(doc, schema)
    problems.extend(p for _, p in errors)
    if not isinstance(doc.data, dict):
        return None, problems
    loaded = Loaded(doc, {path for path, _ in errors})
    make = _MAKERS.get(schema)
    loaded.model = make(loaded) if make else None
    return loaded, problems


def _top_level_ok(loaded: Loaded, lists: tuple[str, ...]) -> bool:
    """The document's own fields passed; only items of the named lists may have failed."""
    return all(b and b[0] in lists and len(b) >= 2 for b in loaded.broken)


def _fields(cls: type, data: dict, **extra: Any) -> Any:
    """An instance of a model class from a validated mapping: known fields only, lists as tuples."""
    names = cls._fields
    values = {k: tuple(v) if type(v) is list else v for k, v in data.items() if k in names}
    values.update(extra)
    return cls(**values)


def _article(loaded: Loaded) -> m.Article | None:
    if not _top_level_ok(loaded, ("paragraphs",)):
        return None
    doc, data = loaded.doc, loaded.doc.data
    where = m.Where(doc)
    paragraphs = tuple(
        _fields(m.Paragraph, p, where=where.at("paragraphs", i)) for i, p in loaded.items("paragraphs")
    )
    return _fields(
        m.Article,
        data,
        where=where,
        received=_fields(m.Received, data["received"]),
        versions=tuple(_fields(m.Received, v) for v in data.get("versions") or []),
        paragraphs=paragraphs,
        notes=dict(data.get("notes") or {}),
    )


def _translation(loaded: Loaded) -> m.Translation | None:
    if not _top_level_ok(loaded, ("paragraphs",)):
        return None
    where = m.Where(loaded.doc)
    paragraphs: dict[str, m.TranslatedParagraph] = {}
    for index, p in loaded.items("paragraphs"):
        engine = _fields(m.Engine, p["engine"]) if p.get("engine") else None
        draft = p.get("draft")
        if draft:
            draft = _fields(
                m.Draft, draft, engine=_fields(m.Engine, draft["engine"]) if draft.get("engine") else None
            )
        paragraphs.setdefault(
            p["id"],
            _fields(
                m.TranslatedParagraph, p, where=where.at("paragraphs", index), engine=engine, draft=draft
            ),
        )
    data = loaded.doc.data
    return m.Translation(data["article"], data["language"], paragraphs, where)


def _quote(data: dict) -> TextQuote:
    return TextQuote.from_data(data)


def _claims(loaded: Loaded) -> list[m.Claim]:
    if not _top_level_ok(loaded, ("claims",)):
        return []
    where = m.Where(loaded.doc)
    article = loaded.doc.data["article"]
    claims = []
    for index, c in loaded.items("claims"):
        at = where.at("claims", index)
        sources = tuple(
            _fields(m.SourceRef, s, where=at.at("sources", i)) for i, s in enumerate(c["sources"])
        )
        claims.append(
            _fields(
                m.Claim,
                c,
                article=article,
                where=at,
                original=_quote(c["quote"]["original"]),
                translation=_quote(c["quote"]["translation"]),
                sources=sources,
                **_claim_extras(c, at),
            )
        )
    return claims


def _claim_extras(c: dict, at: m.Where) -> dict[str, Any]:
    """The claim's optional nested records (further quotes, relations, as-of, review)."""
    extras: dict[str, Any] = {
        "also_quoted": tuple(
            m.QuotePair(_quote(q["original"]), _quote(q["translation"]), at.at("also_quoted", i))
            for i, q in enumerate(c.get("also_quoted") or [])
        ),
        "relations": tuple(
            _fields(m.Relation, r, where=at.at("relations", i))
            for i, r in enumerate(c.get("relations") or [])
        ),
    }
    if c.get("as_of"):
        extras["as_of"] = _fields(m.AsOf, c["as_of"], where=at.at("as_of"))
    if c.get("review"):
        review = c["review"]
        extras["review"] = _fields(
            m.Review, review, where=at.at("review"), notes=dict(review.get("notes") or {})
        )
    return extras


def _sources(loaded: Loaded) -> dict[str, m.Source]:
    where = m.Where(loaded.doc)
    sources: dict[str, m.Source] = {}
    for index, s in loaded.items("sources"):
        source = _fields(
            m.Source,
            s,
            where=where.at("sources", index),
            reliability=_fields(m.Reliability, s["reliability"]),
            notes=dict(s.get("notes") or {}),
        )
        sources.setdefault(source.id, source)
    return sources


def _entities(loaded: Loaded) -> dict[str, m.Entity]:
    where = m.Where(loaded.doc)
    entities: dict[str, m.Entity] = {}
    for index, e in loaded.items("entities"):
        names = tuple(_fields(m.Name, n) for n in e["names"])
        entity = _fields(
            m.Entity, e, where=where.at("entities", index), names=names, notes=dict(e.get("notes") or {})
        )
        entities.setdefault(entity.id, entity)
    return entities


_MAKERS = {"article": _article, "translation": _translation, "claims": _claims}


@dataclass
class Files:
    """Every loaded document of the project, for the rules that look at the YAML itself
    (duplicate ids, which the model keeps only once). With `load_corpus(..., articles=False)`
    the articles and translations are not among them (their rules ran where they were read)."""

    articles: dict[str, Loaded]
    translations: dict[str, Loaded]
    claims: dict[str, Loaded]
    sources: Loaded | None
    entities: Loaded | None
    outlets: Loaded | None = None


def load_file(root: Path, path: Path, schema: str) -> tuple[Loaded | None, list[Problem]]:
    """One file of the project, read, parsed and validated against `schema`, as `check` does."""
    layout = Layout(Path(os.path.abspath(root)))
    return _load_one((layout, ParseCache(layout.root)), (path, schema))


def load_article(
    root: Path, article_id: str
) -> tuple[m.Article | None, m.Translation | None, dict | None, list[Problem]]:
    """One article and its translation (None if it has none) as the model, the translation
    file's data as read (for writing it back), and the problems of both files."""
    layout = Layout(root)
    one, problems = load_file(root, layout.article(article_id), "article")
    article = one.model if one is not None else None
    translation = data = None
    if os.path.lexists(layout.translation(article_id)):
        one, found = load_file(root, layout.translation(article_id), "translation")
        problems += found
        if one is not None:
            translation, data = one.model, one.doc.data
    return article, translation, data, problems


Rules = Callable[[m.Corpus, "Files", str], list[Problem]]


def load_corpus(
    root: Path, rules: Rules | None = None, *, articles: bool = True
) -> tuple[m.Corpus, Files, list[Problem]]:
    """Parse, schema-check and resolve every file of the project (with the garbage collector
    paused, see gc_paused).

    `rules(corpus, files, article_id)`, when given, are the problems of one article; they run
    where the article's files were read (a worker, on a large corpus), on a corpus holding the
    registries, that article and the article its claims file names, so that the article need
    not be looked at again. With `articles=False` the articles and translations stay there: the
    model returned has their outlines only (what `check` needs of them after their rules)."""
    with gc_paused():
        return _load_corpus(root, rules, articles)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The garbage collector paused: loading the corpus and checking it make millions of objects
    and free almost none, so its passes would cost 40% of the loading time, and a second or so
    after it on a large corpus, and find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_corpus(root: Path, rules: Rules | None, articles: bool) -> tuple[m.Corpus, Files, list[Problem]]:
    layout = Layout(Path(os.path.abspath(root)))
    cache = ParseCache(layout.root)
    problems: list[Problem] = []
    if not layout.corpus.is_dir():
        problems.append(
            Problem("corpus", 0, 0, f"no corpus folder in {root}; run from the project root or pass --root")
        )
    for folder in (layout.corpus, layout.annotations, layout.annotations / "claims"):
        if folder.is_symlink() and not folder.resolve().is_relative_to(layout.root.resolve()):
            problems.append(
                Problem(
                    folder.relative_to(layout.root).as_posix(), 0, 0, "is a link out of the project; refused"
                )
            )
            return m.Corpus(layout.root), Files({}, {}, {}, None, None), problems
    corpus = m.Corpus(root)
    files = Files({}, {}, {}, None, None)
    corpus.article_folders = layout.article_ids()
    try:
        claim_paths = {path.stem: path for path in layout.claim_files()}
    except OSError as error:
        claim_paths = {}
        problems.append(
            Problem(
                "annotations/claims", 0, 0, f"cannot read the folder: {error.strerror}; no claim was checked"
            )
        )
    problems += [
        Problem(
            f"corpus/{name}",
            0,
            0,
            "is a symbolic link; an article must be a folder in corpus/ (not followed)",
        )
        for name in layout.linked_entries()
    ]
    loaded: dict[Path, Loaded | None] = {}
    for path, schema in _registry_files(layout):  # first: every article refers to them
        loaded[path], found = _load_one((layout, cache), (path, schema))
        problems += found
    _resolve_registries(corpus, files, layout, loaded)
    corpus.has_folder("")  # its set made once, before the workers share it
    names = sorted(set(corpus.article_folders) | set(claim_paths))
    shared = (layout, cache, corpus, files, rules, articles, claim_paths)
    for name, (pieces, found, outline) in zip(names, fork_map(_article_unit, shared, names), strict=True):
        loaded.update(pieces)
        problems += found
        if outline is not None:
            corpus.outlines[name] = outline
    for name in corpus.article_folders if articles else ():
        _resolve_article(corpus, files, layout, name, loaded, problems)
    for name, path in claim_paths.items():
        _resolve_claims(corpus, files, name, loaded.get(path))
    return corpus, files, problems


def _registry_files(layout: Layout) -> list[tuple[Path, str]]:
    wanted = [(layout.sources, "sources"), (layout.entities, "entities")]
    if layout.boilerplate.exists():
        wanted.append((layout.boilerplate, "boilerplate"))
    if os.path.lexists(layout.synonyms):  # search's synonyms: checked here, not first by the build
        wanted.append((layout.synonyms, "synonyms"))
    if os.path.lexists(layout.outlets):  # the outlets ingest drafts cited reports of
        wanted.append((layout.outlets, "outlets"))
    return wanted + [(path, "glossary") for path in layout.glossary_files()]


def _article_files(layout: Layout, corpus: m.Corpus, name: str) -> list[tuple[Path, str]]:
    """article.yaml and its translation, when the article has a folder."""
    if not corpus.has_folder(name):
        return []
    wanted = [(layout.article(name), "article")]
    if os.path.lexists(layout.translation(name)):
        wanted.append((layout.translation(name), "translation"))
    return wanted


def _article_unit(shared: tuple, name: str) -> tuple[dict, list[Problem], m.Outline | None]:
    """One article's files loaded, and its problems (with rules): (path -> Loaded or None,
    problems, and its outline when the article itself is not sent back: `articles=False`)."""
    layout, cache, registries, registry_files, rules, articles, claim_paths = shared
    wanted = _article_files(layout, registries, name)
    if name in claim_paths:
        wanted.append((claim_paths[name], "claims"))
    loaded: dict[Path, Loaded | None] = {}
    problems: list[Problem] = []
    for path, schema in wanted:
        loaded[path], found = _load_one((layout, cache), (path, schema))
        problems += found
    if rules is None and articles:
        return _sent(loaded), problems, None
    corpus = registries.with_registries()
    files = replace(registry_files, articles={}, translations={}, claims={})
    # The problems of making the model: the parent's to report when it makes the model again
    # from what is sent back (`articles`), this worker's otherwise.
    _resolve_article(corpus, files, layout, name, loaded, [] if articles else problems)
    claims = loaded.get(claim_paths[name]) if name in claim_paths else None
    named = claims.doc.data.get("article") if claims is not None else None
    if isinstance(named, str) and named != name:  # a mistake, but its quotes are looked for there
        other = {
            path: _load_one((layout, cache), (path, schema))[0]
            for path, schema in _article_files(layout, corpus, named)
        }
        _resolve_article(corpus, files, layout, named, other, [])  # its problems: its own unit's
    _resolve_claims(corpus, files, name, claims)
    if rules is not None:
        problems += rules(corpus, files, name)
    if articles:
        return _sent(loaded), problems, None
    kept = {path: one for path, one in loaded.items() if path == claim_paths.get(name)}
    return _sent(kept), problems, corpus.outlines.get(name)


def _sent(loaded: dict[Path, Loaded | None]) -> dict[Path, Loaded | None]:
    """The loaded files without their texts, to be sent to the parent: a text is read again only
    if a problem must be located in it later (rare), and the rules of the article, which located
    theirs, have run."""
    for one in loaded.values():
        if one is not None:
            one.doc.text = ""
    return loaded


def _resolve_registries(corpus: m.Corpus, files: Files, layout: Layout, loaded: dict) -> None:
    """The registries of the model (the rest refers to them)."""
    files.sources, files.entities = loaded.get(layout.sources), loaded.get(layout.entities)
    files.outlets = loaded.get(layout.outlets)
    if files.sources is not None and _top_level_ok(files.sources, ("sources",)):
        corpus.sources = _sources(files.sources)
        corpus.invalid["source"] = files.sources.invalid_ids("sources")
    if files.entities is not None and _top_level_ok(files.entities, ("entities",)):
        corpus.entities = _entities(files.entities)
        corpus.invalid["entity"] = files.entities.invalid_ids("entities")


def _resolve_article(
    corpus: m.Corpus, files: Files, layout: Layout, article_id: str, loaded: dict, problems: list[Problem]
) -> None:
    """An article folder's article and translation into the model."""
    for path, kind, key, into, into_files in (
        (layout.article(article_id), "paragraph", "id", corpus.articles, files.articles),
        (layout.translation(article_id), "translated", "article", corpus.translations, files.translations),
    ):
        one = loaded.get(path)
        if one is None:
            continue
        into_files[article_id] = one
        corpus.invalid[kind] |= {f"{article_id}/{pid}" for pid in one.invalid_ids("paragraphs")}
        made = one.model
        if made is not None and getattr(made, key) != article_id:
            message = f"{key} '{getattr(made, key)}' differs from the folder name '{article_id}'; make them the same"
            problems.append(one.doc.problem((key,), message))
        elif made is not None:
            into[article_id] = made
            if kind == "paragraph":
                corpus.outlines[article_id] = m.Outline.of(made, one.invalid_ids("paragraphs"))


def _resolve_claims(corpus: m.Corpus, files: Files, name: str, one: Loaded | None) -> None:
    if one is not None:
        files.claims[name] = one
        corpus.claims[name] = one.model if one.model is not None else []
        corpus.claim_files[name] = m.Where(one.doc)
