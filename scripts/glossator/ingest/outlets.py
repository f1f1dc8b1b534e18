"""Reports of news outlets that an article cites ("Das Wall Street Journal berichtet", "laut
Bloomberg", "according to the Financial Times"), drafted as source entries for the annotator
to confirm.

Which names are outlets: the curated list in annotations/outlets.yaml (a project extends it),
and every organisation entity of annotations/entities.yaml that the source registry shows
publishing news (a `news_report` entry listing the entity under `entities` with one of its
names as `publisher`). A listed outlet sharing a name with an organisation entity takes that
entity (its id, its other names). No capitalised word is guessed to be an outlet.

When a name counts as cited: it stands as a whole word, with the case as written (`AP` is not
found in `Apple`; a German genitive `s` is allowed), in the article's own text (paragraphs,
headings, list items: not embedded posts, quotations or boilerplate), with a citing word
(`berichtet`, `laut`, `zufolge`, `according to`, `reported`, `told`, ...) at most `WINDOW` words
before or after it in the same sentence. A mere mention is not drafted.

What identifies a cited report: the outlet and the citing article. An outlet cited in several
paragraphs is one draft listing them all. It is already recorded, and not drafted, when the
registry holds an entry whose `via` names the article's source and whose `publisher` is one of
the outlet's names or whose `entities` hold the outlet's entity (the hand-written entries, a
draft the annotator renamed or confirmed), or an entry with the draft's id. The article's own
publisher citing itself ("told Reuters" in a Reuters article) is not drafted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..corpus import Layout
from ..markdown import visible_text
from ..problems import InputError
from ..schema import validate
from ..yamlio import load_yaml

SHOWN = "annotations/outlets.yaml"
SCANNED = ("paragraph", "heading", "list-item")
WINDOW = 6  # words between a citing word and the outlet's name, at most
_CUE = re.compile(
    r"(?<!\w)(?:bericht\w*|meld(?:et|ete|eten|ung|ungen)|zufolge|laut|nach\s+angaben|"
    r"unter\s+berufung\s+auf|gegenüber|schreibt|schrieb|zitiert\w*|according\s+to|report\w*|told|"
    r"wrote|writes|citing|cited)(?!\w)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")


@dataclass
class Outlet:
    """A news outlet: its id, its names (the first is the publisher's name), the entity that
    stands for it, and whether annotations/outlets.yaml lists it."""

    id: str
    names: list[str]
    entity: str | None = None
    listed: bool = True


@dataclass
class Citation:
    """An outlet's report cited by the article: where, in which form, and what became of it
    (`recorded`: the registry entry that already holds it; `draft`: the entry drafted)."""

    outlet: Outlet
    paragraphs: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    recorded: str | None = None
    draft: dict | None = None


def _fold(name: object) -> str:
    return " ".join(str(name).split()).casefold()


def _load(layout: Layout, path, shown: str, schema: str | None) -> dict:
    if not path.exists():
        return {}
    doc, problems = load_yaml(path, shown, root=layout.root)
    problems += validate(doc, schema) if doc and schema else []
    if problems:
        raise InputError(problems, note=f"fix {shown} (`glossator check` shows how) and run again")
    return doc.data if isinstance(doc.data, dict) else {}


def load_outlets(layout: Layout) -> list[Outlet]:
    """The listed outlets (each linked to an organisation entity sharing one of its names),
    then the other organisation entities as possible outlets (`listed` False). InputError,
    located, when outlets.yaml breaks its schema or either file does not parse."""
    outlets = [
        Outlet(item["id"], list(item["names"]))
        for item in _load(layout, layout.outlets, SHOWN, "outlets").get("outlets") or []
    ]
    entities = _load(layout, layout.entities, "annotations/entities.yaml", None).get("entities")
    for entity in entities if isinstance(entities, list) else []:
        if not isinstance(entity, dict) or entity.get("type") != "organisation":
            continue
        names = [n.get("name") for n in entity.get("names") or [] if isinstance(n, dict)]
        aliases = entity.get("aliases")
        names += aliases if isinstance(aliases, list) else []
        names = [n for n in names if isinstance(n, str) and n.strip()]
        if not names or not isinstance(entity.get("id"), str):
            continue
        folded = {_fold(n) for n in names}
        listed = next(
            (o for o in outlets if o.listed and o.entity is None and folded & set(map(_fold, o.names))), None
        )
        if listed:
            listed.entity = entity["id"]
            listed.names += [n for n in names if n not in listed.names]
        else:
            outlets.append(Outlet(entity["id"], names, entity["id"], listed=False))
    return outlets


def _pattern(outlets: list[Outlet]) -> tuple[re.Pattern | None, dict[str, Outlet]]:
    by_name: dict[str, Outlet] = {}
    for outlet in outlets:
        for name in outlet.names:
            by_name.setdefault(" ".join(name.split()), outlet)
    if not by_name:
        return None, by_name
    names = sorted(by_name, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    return re.compile(rf"(?<!\w)(?P<name>{alternatives})s?(?!\w)"), by_name


def _cited(text: str, start: int, end: int) -> bool:
    """A citing word within WINDOW words before or after [start, end), in the same sentence."""
    before = _SENTENCE_END.split(text[:start])[-1].split()[-WINDOW:]
    after = _SENTENCE_END.split(text[end:])[0].split()[:WINDOW]
    return any(_CUE.search(" ".join(words)) for words in (before, after))


def find_citations(paragraphs: list[dict], outlets: list[Outlet]) -> list[Citation]:
    """The outlets cited in the article's own paragraphs, one Citation each, in order of first
    citation."""
    pattern, by_name = _pattern(outlets)
    found: dict[int, Citation] = {}  # by outlet (a listed outlet and an entity may share an id)
    if pattern is None:
        return []
    for paragraph in paragraphs:
        if paragraph.get("kind") not in SCANNED:
            continue
        text = visible_text(paragraph["text"]).text
        for match in pattern.finditer(text):
            if not _cited(text, match.start(), match.end()):
                continue
            outlet = by_name[" ".join(match["name"].split())]
            citation = found.setdefault(id(outlet), Citation(outlet))
            if paragraph["id"] not in citation.paragraphs:
                citation.paragraphs.append(paragraph["id"])
            if match["name"] not in citation.forms:
                citation.forms.append(match["name"])
    return list(found.values())


DRAFT_RATIONALE = (
    "Draft made by `glossator ingest` from the article's citation of this outlet; nobody has found "
    "the report, confirmed it or graded the outlet's record yet."
)


def _publishes_news(outlet: Outlet, entries: list[dict]) -> bool:
    names = {_fold(n) for n in outlet.names}
    return any(
        e.get("type") == "news_report"
        and outlet.entity in (e.get("entities") or [])
        and _fold(e.get("publisher")) in names
        for e in entries
    )


def _names_it(entry: dict, outlet: Outlet) -> bool:
    """The entry's publisher is one of the outlet's names, or its entities hold the outlet's."""
    publisher = entry.get("publisher")
    by_name = isinstance(publisher, str) and _fold(publisher) in {_fold(n) for n in outlet.names}
    return by_name or (outlet.entity is not None and outlet.entity in (entry.get("entities") or []))


def draft_id(outlet: Outlet, article_id: str) -> str:
    return f"{outlet.id}-cited-in-{article_id}"


def settle(citations: list[Citation], article: dict, entries: list[dict]) -> list[Citation]:
    """The citations that stand, each with the registry entry that records it (`recorded`) or
    its draft (`draft`). Left out: possible outlets the registry does not show publishing news,
    and the article's own publisher. `article` is article.yaml's data (with `source`);
    `entries` the registry's items."""
    via = article["source"]
    own = next((e for e in entries if e.get("id") == via), {})
    own_publishers = {_fold(p) for p in (article.get("publisher"), own.get("publisher")) if p}
    kept = []
    for citation in citations:
        outlet = citation.outlet
        if not outlet.listed and not _publishes_news(outlet, entries):
            continue
        if own_publishers & {_fold(n) for n in outlet.names} or (
            outlet.entity and outlet.entity in (own.get("entities") or [])
        ):
            continue
        wanted = draft_id(outlet, article["id"])
        recorded = next(
            (
                e
                for e in entries
                if e.get("id") == wanted or (via in (e.get("via") or []) and _names_it(e, outlet))
            ),
            None,
        )
        if recorded:
            citation.recorded = str(recorded.get("id"))
        else:
            citation.draft = _draft(citation, article, wanted)
        kept.append(citation)
    return kept


def _draft(citation: Citation, article: dict, wanted: str) -> dict:
    from .registry import DRAFT_LABEL

    outlet = citation.outlet
    where = f"corpus/{article['id']}/article.yaml, {', '.join(citation.paragraphs)}"
    forms = ", ".join(f'"{form}"' for form in citation.forms)
    unknown = f"Not given by the citation; find the report from the article ({where}) and verify it."
    notes = {
        "read": f"Not read: known only through the article, which cites it as {forms} in {where}.",
        "title": unknown,
        "author": unknown,
        "date": unknown,
        "url": f"Not given by the citation; not verified. Cited in {where}.",
    }
    if len(citation.paragraphs) > 1:
        notes["content"] = (
            "Every citation of this outlet in the article is drafted as one report; split it if they are several."
        )
    draft = {
        "id": wanted,
        "draft": True,
        "type": "news_report",
        "label": f"{DRAFT_LABEL}{outlet.names[0]} report cited in {article['id']}",
        "title": None,
        "author": None,
        "publisher": outlet.names[0],
        "date": None,
        "url": None,
        "reliability": {"grade": "F", "rationale": DRAFT_RATIONALE},
        "via": [article["source"]],
        "read": False,
    }
    if outlet.entity:
        draft["entities"] = [outlet.entity]
    draft["notes"] = notes
    return draft


def cited_outlets(layout: Layout, article: dict, registry_text: str | None) -> list[Citation]:
    """The outlets the article (article.yaml's data, with `source`) cites, settled against the
    registry's text (parsed whole only when the article cites one)."""
    from .registry import entries

    citations = find_citations(article["paragraphs"], load_outlets(layout))
    return settle(citations, article, entries(registry_text)) if citations else []
