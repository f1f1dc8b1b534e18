"""The article's own entry in annotations/sources.yaml, found and added without parsing the whole
registry when the file has the usual shape (a block list under a last top-level key `sources:`).

The fast path is checked, not trusted: an id that is not found by its line but appears in the
file at all, or a file of another shape, sends the work to the full parse (and to
`yamledit.rewrite_yaml`, which keeps every other entry's lines).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..problems import InputError
from ..schema import validate
from ..yamledit import dump_yaml, rewrite_yaml
from ..yamlio import Document, Loader, parse_yaml

SHOWN = "annotations/sources.yaml"
_ITEM = re.compile(r"^(?P<pad> *)- +id: *(?P<q>['\"]?)(?P<id>[^'\"#\s]+)(?P=q) *(#.*)?$", re.MULTILINE)
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:", re.MULTILINE)


def _full_parse(text: str) -> list[dict]:
    doc, problems = parse_yaml(text, path=Path(SHOWN), shown=SHOWN)
    if problems or doc is None or not isinstance(doc.data, dict):
        raise InputError(
            problems
            or f"{SHOWN}: not a mapping with a `sources:` list; fix it with `glossator check` and run again"
        )
    items = doc.data.get("sources") if isinstance(doc.data, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def entries(text: str | None) -> list[dict]:
    """Every item of the registry (parsed whole; InputError when it does not parse)."""
    return _full_parse(text) if text and text.strip() else []


def _fast_entries(text: str, source_id: str) -> dict[str, str | None] | None:
    """{article: ...} of the entry with this id when its lines can be read directly; {} when
    the id is surely absent; None when only a full parse can tell."""
    for match in _ITEM.finditer(text):
        if match["id"] != source_id:
            continue
        pad = len(match["pad"])
        rest = text[match.end() :].split("\n")[1:]
        for line in rest:
            stripped = line.strip()
            if stripped and (len(line) - len(line.lstrip(" ")) <= pad):
                break
            found = re.match(r"^ *article: *['\"]?([^'\"#\s]+)", line)
            if found:
                return {"article": found.group(1)}
        return {"article": None}
    return {} if source_id not in text else None


def entry_of(text: str | None, source_id: str) -> dict | None:
    """The registry entry with this id ({} when there is none), as far as ingest needs it."""
    if not text:
        return None
    fast = _fast_entries(text, source_id)
    if fast is not None:
        return fast or None
    return next((e for e in _full_parse(text) if e.get("id") == source_id), None)


def free_source_id(text: str | None, article_id: str) -> str:
    """The article's id for its source entry, unless another source already has that id."""
    entry = entry_of(text, article_id)
    if entry and entry.get("article") != article_id:
        return f"article-{article_id}"
    return article_id


def _appendable(text: str) -> bool:
    keys = [m.group(0) for m in _TOP_KEY.finditer(text)]
    return (
        bool(keys) and keys[-1].startswith("sources") and re.search(r"^sources:\s*$", text, re.M) is not None
    )


def with_entry(text: str | None, entry: dict, schema_line: str, drafts: list[dict] | None = None) -> str:
    """The registry's text with `entry` (and the `drafts`, see `draft_entries`) added at the
    end of `sources:`; every other line kept."""
    return with_entries(text, [entry, *(drafts or [])], schema_line)


def with_entries(text: str | None, entries: list[dict], schema_line: str) -> str:
    """The registry's text with each of `entries` whose id it does not hold yet added at the end
    of `sources:` (the first of two with one id wins); every other line kept."""
    added = [e for e in entries if entry_of(text, e["id"]) is None]
    added = [e for i, e in enumerate(added) if e["id"] not in {a["id"] for a in added[:i]}]
    invalid = validate(Document(Path(SHOWN), SHOWN, {"sources": added}), "sources")
    if invalid:
        raise InputError(invalid)
    if text is None or not text.strip():
        return dump_yaml({"sources": added}, schema_line=schema_line)
    if _appendable(text):
        body = text[re.search(r"^sources:\s*$", text, re.M).end() :]
        first = re.search(r"^( *)- ", body, re.M)
        pad = first.group(1) if first else "  "
        spaced = first is not None and re.search(rf"\n\n{pad}- ", body) is not None
        blocks = [
            "".join(pad + line if line.strip() else line for line in dump_yaml([e]).splitlines(True))
            for e in added
        ]
        block = ("\n" if spaced else "").join(blocks)
        new_text = text.rstrip("\n") + "\n" + ("\n" if spaced else "") + block
        if yaml.load("sources:\n" + block, Loader=Loader) == {"sources": added}:
            return new_text
    entries = _full_parse(text)
    doc = yaml.load(text, Loader=Loader)
    return rewrite_yaml(text, {**doc, "sources": [*entries, *added]})


# --- Drafts of the posts a page embeds ------------------------------------------------------

DRAFT_LABEL = "Draft, not confirmed: "
DRAFT_RATIONALE = (
    "Draft made by `glossator ingest` from the post embedded in the article; nobody has confirmed "
    "it or graded the account yet."
)
_STATUS = re.compile(
    r"(?:https?://)?(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<user>\w+)/status/(?P<number>\d+)", re.IGNORECASE
)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def draft_entries(candidates: list, via: str) -> list[dict]:
    """A draft registry entry (`draft: true`) for each embedded post that names its author
    (`– Name (@handle), date`) or links its own address (x.com/<user>/status/<n>): only what
    the page gives, each empty field with a note saying why. `via` is the article's source."""
    from ..annotate.dates import parse_date
    from ..markdown import visible_text

    drafts = []
    for candidate in candidates:
        # X's embed links the date to the post: `[15. Juli 2025](https://twitter.com/u/status/1)`.
        status = _STATUS.search(candidate.date or "") or _STATUS.search(candidate.link or "")
        handle = candidate.handle or (status["user"] if status else None)
        if not handle:
            continue
        notes = {"title": "Posts on X have no title."}
        date = None
        if candidate.date:
            try:
                date = parse_date(visible_text(candidate.date).text)
            except ValueError as error:
                notes["date"] = f"Not read from the page: {error}."
        else:
            notes["date"] = "The page gives no date for the post."
        # The address as the page gives it (a scheme added to a bare `x.com/...`), never rebuilt.
        url = None if status is None else status[0] if "://" in status[0] else f"https://{status[0]}"
        if url is None:
            link = f"only a media link, {candidate.link}," if candidate.link else "no link"
            notes["url"] = f"The embed carries {link} not the post's own address; not verified."
        author = f"{candidate.name} (@{handle})" if candidate.name else f"@{handle}"
        publisher = "X" if candidate.link else None
        if publisher is None:
            notes["publisher"] = "The embed names a handle but links no platform; not verified."
        drafts.append(
            {
                "id": "-".join(p for p in ("x", _slug(handle), date) if p),
                "draft": True,
                "type": "social_post",
                "label": f"{DRAFT_LABEL}post by {author}" + (f", {date}" if date else ""),
                "title": None,
                "author": author,
                "publisher": publisher,
                "date": date,
                "url": url,
                "reliability": {"grade": "F", "rationale": DRAFT_RATIONALE},
                "via": [via],
                "notes": notes,
            }
        )
    return drafts
