"""Writing the search index: one pagefind bundle per language, into the built site.

Pagefind stems a query with the stemmer of the bundle it searches, and a page loads one
bundle's stemmer. So each language gets its own bundle (`pagefind/de/`, `pagefind/en/`, ...),
indexed with `force_language`, and the search box (site_src/assets/search.js) queries them all
(with one copy of pagefind's code, `pagefind/pagefind.js`, made a module per bundle, each in a
web worker of its own) and merges the hits: German is stemmed as German, English as English,
whatever the page's `lang`. `pagefind/glossator.json` tells the search box which bundles exist
and which values each filter can take.

Each record goes to pagefind as a small HTML document (never a page of the site; its address on
the site is carried as the filter `href`): its title (weighted as a heading), its text in blocks
carrying the page's anchors (so a hit can land on the paragraph), the words that find it without
being its text (claimant, entities: low weight) and the extra forms from analysis and synonyms
(lowest weight, after a `⁂` that tells the search box not to show them as the excerpt).
Everything in it is escaped. The claims of one article share one document (`pages`): each
claim's title is a heading with the claim's id, which pagefind makes a sub-result, and what the
search box shows of each claim, and filters it by, is the filter `claim` (JSON, one value per
claim). Every first search downloads pagefind's table of documents whole, and it grows with
their number: one document per claim made it three times as long.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path

from ..problems import InputError
from ..render import vocab
from ..render.model import SiteData
from .analysis import Decompounder, extra_words, fold, nouns, words
from .binary import VERSION, executable
from .records import KINDS, Record, records
from .synonyms import Synonyms, entity_groups, load_groups

BUNDLES = "pagefind"
SETTINGS = "glossator.json"
CODE = "pagefind.js"
HIDDEN_MARK = "⁂"
FILTERS = ("type", "language", "confidence", "status")
# Changes to pagefind's code (pagefind.js of pagefind 1.5 and 1.6): what it says, what it says
# instead, why.
PATCHES = (
    (
        "throw this.initError;}await asyncSleep(50);",
        "throw this.initError;}await asyncSleep(5);",
        "it checks whether its index has loaded every 50 ms: every 5 ms, so that the first search "
        "starts as soon as it has",
    ),
    (
        "let index_resp=this.backend.request_indexes(ptr,term);",
        'let index_resp=term?this.backend.request_indexes(ptr,term):"[]";',
        "a search without words (filters only) fetched every chunk of the index (9 MB per language "
        "at 5,000 articles) to match no word: it needs none",
    ),
)
# What pagefind writes that the search box does not use: its own UIs, the web worker, the
# engine without a stemmer (each bundle has its language's).
UNUSED = (
    "pagefind-worker.js",
    "wasm.unknown.pagefind",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def pages(found: Iterable[Record]) -> Iterator[list[Record]]:
    """The records in the pages pagefind indexes: the claims of one article together (in the
    order given), every other record alone. Pagefind's table of pages, which every first search
    downloads whole, grows with the number of pages: one page per article for its claims keeps
    it a third of one page per claim."""
    group: list[Record] = []
    for record in found:
        if group and (record.kind != "claim" or record.filters["article"] != group[0].filters["article"]):
            yield group
            group = []
        if record.kind == "claim":
            group.append(record)
        else:
            yield [record]
    if group:
        yield group


def document(group: list[Record], language: str, extras: list[list[str]]) -> str:
    """The HTML pagefind indexes for one page in one language: one record (`extras`: its extra
    words), or the claims of one article, each a heading with the claim's id (pagefind makes it
    a sub-result of the page, with its own excerpt) and the extra words of each."""
    record = group[0]
    head = [f'<meta data-pagefind-meta="title[content]" content="{escape(record.title)}">']
    # Pagefind indexes metadata but not filters: what is only shown (the key, a claim's id, the
    # label) goes as filters too, so that `aw` does not find every claim `aw-NN`.
    if record.kind == "claim":
        filters = [("type", "claim"), ("key", f"claims:{record.filters['article']}")]
        filters += [(name, r.filters[name]) for name in ("article", "confidence", "status") for r in group]
        filters += [("claim", json.dumps(_shown(r, language), ensure_ascii=False)) for r in group]
    else:
        filters = [*record.filters.items(), ("key", record.key), ("href", record.url), *record.meta.items()]
    languages = {b.language for r in group for b in r.texts[language]} - {"", language}
    filters += [("language", lang) for lang in [language, *sorted(languages)]]
    head += [
        f'<meta data-pagefind-filter="{name}[content]" content="{escape(value)}">'
        for name, value in dict.fromkeys(filters)
        if value
    ]
    body = [part for r, extra in zip(group, extras, strict=True) for part in _body(r, language, extra)]
    return (
        f'<!doctype html><html lang="{escape(language)}"><head>{"".join(head)}</head>'
        f"<body>{''.join(body)}</body></html>"
    )


def _shown(claim: Record, language: str) -> dict[str, str]:
    """What the search box shows of one claim of a page of claims, and filters it by (its
    languages: space-separated)."""
    languages = [language, *sorted({b.language for b in claim.texts[language]} - {"", language})]
    return {
        "key": claim.key,
        "href": claim.url,
        **claim.meta,
        **claim.filters,
        "language": " ".join(languages),
    }


def _body(record: Record, language: str, extra: list[str]) -> list[str]:
    # A claim's heading carries its id: pagefind's sub-results are the headings with an id.
    anchor = f' id="{escape(record.meta["id"])}"' if record.kind == "claim" else ""
    weight = ' data-pagefind-weight="10"' if record.kind == "entity" else ""  # a name: its entity first
    body = [f"<h1{anchor}{weight}>{_text(record.title)}</h1>"] if language == home_language(record) else []
    for block in record.texts[language]:
        anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
        lang = f' lang="{escape(block.language)}"' if block.language else ""
        body.append(f"<p{anchor}{lang}>{_text(block.text)}</p>")
    if record.context and language == home_language(record):
        body.append(f'<p data-pagefind-weight="0.5">{_text(record.context)}</p>')
    if extra:
        body.append(f'<p data-pagefind-weight="0.3">{HIDDEN_MARK} {escape(" ".join(extra))}</p>')
    return body


def _text(text: str) -> str:
    """Escaped, and without the mark that begins the extra words."""
    return escape(text.replace(HIDDEN_MARK, "*"))


def home_language(record: Record) -> str:
    """The language of the record's title: English unless the record has no English text."""
    return "en" if "en" in record.texts else next(iter(record.texts))


def vocabulary(data: SiteData, groups: list[list[str]]) -> set[str]:
    """The German nouns of the corpus (and of the synonyms), the parts compounds split into."""
    found: set[str] = set()
    for article in data.articles.values():
        if article.meta.language == "de":
            for paragraph in article.meta.reading:
                found.update(nouns(paragraph.text))
    for group in groups:
        for phrase in group:
            found.update(fold(w) for w in words(phrase) if w[:1].isupper())
    return found


class Analyser:
    """The extra words of each record's text in each language: analysis, then synonyms."""

    def __init__(self, data: SiteData, groups: list[list[str]]) -> None:
        self.synonyms = Synonyms(groups + entity_groups(data.entities.values()))
        self.decompounder = Decompounder(vocabulary(data, groups))

    def extra(self, record: Record, language: str) -> list[str]:
        blocks = record.texts[language]
        text = " ".join(b.text for b in blocks)
        own = [b.text for b in blocks if b.language in ("", language)]
        if language == home_language(record):
            text = f"{record.title} {text} {record.context}"
            own += [record.title, record.context]
        found = extra_words(" ".join(own), language, self.decompounder)
        for block in blocks:
            if block.language not in ("", language):
                found += extra_words(block.text, block.language, self.decompounder)
        for phrase in self.synonyms.extra(text):
            found += [phrase, *extra_words(phrase, language, self.decompounder)]
        return list(dict.fromkeys(found))


def write_index(data: SiteData, root: Path, site: Path) -> int:
    """Index every record of `data` into `site`/pagefind/; returns the number of records. Raises
    InputError when annotations/synonyms.yaml or a glossary breaks its schema, or pagefind fails.

    Each record is written as a file of a scratch folder per language (beside `site`, removed
    afterwards), and pagefind's own program indexes each folder in one run, on every core."""
    analyser = Analyser(data, load_groups(root))
    out = site / BUNDLES
    values: dict[str, dict[str, set[str]]] = {}  # language -> filter -> values seen
    count = 0
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site.parent) as scratch:
        for number, page in enumerate(pages(records(data)), 1):
            count += len(page)
            for language in dict.fromkeys(lang for record in page for lang in record.texts):
                if language not in values:
                    values[language] = {name: set() for name in FILTERS}
                    (Path(scratch) / language).mkdir()
                group = [record for record in page if language in record.texts]
                for record in group:
                    for name, value in record.filters.items():
                        if name in FILTERS:
                            values[language][name].add(value)
                    values[language]["language"].update(
                        {language} | {b.language for b in record.texts[language]} - {""}
                    )
                extras = [analyser.extra(record, language) for record in group]
                html = document(group, language, extras)
                (Path(scratch) / language / f"{number}.html").write_text(html, "utf-8")
        if out.exists():
            shutil.rmtree(out)
        running = [_pagefind(Path(scratch) / language, out / language, language) for language in values]
        for language, process in zip(values, running, strict=True):
            _finish(process, out / language, language)
    for language in values:  # the same file in every bundle: the search box loads it once
        (out / language / CODE).replace(out / CODE)
    _patch(out / CODE)
    _write_settings(out, values)
    return count


def _pagefind(folder: Path, out: Path, language: str) -> subprocess.Popen:
    """Pagefind's program indexing one language's records (all languages run at once)."""
    command = [str(executable()), "--site", str(folder), "--output-path", str(out)]
    return subprocess.Popen(
        [*command, "--force-language", language, "--silent"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen, out: Path, language: str) -> None:
    _, errors = process.communicate()
    if process.returncode != 0:
        raise InputError(f"pagefind failed to index the search records ({language}): {errors.strip()}")
    for name in UNUSED:
        (out / name).unlink(missing_ok=True)


def _patch(code: Path) -> None:
    """Pagefind's code with PATCHES applied. Raises InputError where one does not apply: a
    pagefind whose code differs from the one PATCHES were written for."""
    text = code.read_text("utf-8")
    for before, after, _why in PATCHES:
        if text.count(before) != 1:
            raise InputError(
                f"{code}: pagefind {VERSION}'s code does not hold {before!r} once, as PATCHES in "
                f"{__file__} expect: update PATCHES for this pagefind"
            )
        text = text.replace(before, after)
    code.write_text(text, "utf-8")


def _write_settings(out: Path, seen: dict[str, dict[str, set[str]]]) -> None:
    """The bundles and every filter's values, for the search box (a few hundred bytes)."""
    values: dict[str, set[str]] = {name: set() for name in FILTERS}
    for found in seen.values():
        for name, value in found.items():
            values[name] |= value
    order = {"type": list(KINDS), "confidence": list(vocab.confidence()), "status": list(vocab.status())}
    settings = {
        "bundles": sorted(seen, key=lambda lang: (lang != "en", lang)),
        "filters": {
            name: [v for v in order.get(name, sorted(values[name])) if v in values[name]]
            for name in FILTERS
            if values[name]
        },
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / SETTINGS).write_text(json.dumps(settings, ensure_ascii=False) + "\n", "utf-8")
