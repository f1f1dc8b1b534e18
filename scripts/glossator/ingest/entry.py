"""One ingest: work out every output in memory (the article's files, article.yaml, the source
registry's new text, the claims scaffold), validate them, then write them staged (see
`stage.py`). Nothing is written when anything is wrong, and a run interrupted while writing is
completed by running it again: the same bytes found in the corpus with their registry entry or
claims file missing are treated as an unfinished job, not as "nothing changed".

The cost does not depend on the corpus size: the received bytes are looked up by file names
and sizes (`store.py`), the registry by its lines (`registry.py`; parsed whole only when the
article cites a news outlet, to find the entries that already record its report: see
`outlets.py`), and only the article concerned is read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import Layout
from ..problems import InputError
from ..schema import schema_line, validate
from ..yamledit import dump_yaml, rewrite_yaml
from ..yamlio import Document, load_yaml, parse_yaml
from .convert import blocks_from
from .detect import MIN_LANGUAGE_CERTAINTY, SUFFIX, check_size, detect_format, detect_language
from .ids import check_id, derive_id
from .limits import strip_invisible
from .outlets import Citation, cited_outlets
from .paragraphs import Candidate, classify, embedded_posts, load_patterns
from .registry import draft_entries, entry_of, free_source_id, with_entries, with_entry
from .scaffold import claims_scaffold, source_entry
from .stage import Output, commit
from .store import Held, check_versions, find_bytes, next_version
from .update import Changes, merge_metadata, merge_notes, merge_paragraphs, with_keys


@dataclass
class Request:
    raw: bytes
    name: str
    id: str | None = None
    language: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    encoding: str | None = None
    format: str | None = None
    update: bool = False
    today: str | None = None  # YYYY-MM-DD (UTC) recorded as the day received; today if None


@dataclass
class Report:
    id: str
    status: str  # "new", "updated", "unchanged", "completed"
    format: str = ""
    language: str = ""
    certainty: float | None = None
    paragraphs: list[dict] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)  # outlets cited: recorded or drafted
    written: list[str] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)  # invisible characters removed, where
    held: Held | None = None
    changes: Changes | None = None


def _real_date(value: str) -> bool:
    """YYYY-MM-DD and a day of the calendar (not 2024-13-45, not 2024-02-30)."""
    try:
        return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None and bool(
            dt.date.fromisoformat(value)
        )
    except ValueError:
        return False


def _check_flags(request: Request) -> None:
    if request.published and not _real_date(request.published):
        raise InputError(f"--published {request.published!r} is not a real date in the form YYYY-MM-DD")
    if request.language and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", request.language):
        raise InputError(
            f"--lang {request.language!r} is not a language code: give an ISO 639-1 code such as de, en or zh"
        )
    if request.url and not re.fullmatch(r"https?://\S+", request.url):
        raise InputError(f"--url {request.url!r} is not an http(s) address")


def _language(request: Request, text: str, old: dict) -> tuple[str, float | None]:
    if request.language:
        return request.language, None
    if old.get("language"):
        return old["language"], None
    language, certainty = detect_language(text)
    if certainty < MIN_LANGUAGE_CERTAINTY:
        raise InputError(
            f"{request.name}: the language is unclear (best guess '{language}', certainty {certainty:.2f}); "
            "run again with --lang, e.g. --lang de"
        )
    return language, certainty


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        return None


def _registry_outputs(
    layout: Layout, data: dict, candidates: tuple, report: Report, drafts_alone: bool = True
) -> list[Output]:
    """The source entry and the claims file, each only when it does not exist yet; with the
    source entry, the drafts of the embedded posts (`candidates`) and of the cited outlets'
    reports (`report.citations`) that the registry does not hold. `drafts_alone`: drafts new
    in a correction are added even when the source entry exists (an outlet only when cited in
    a new or edited paragraph, so that a draft the annotator deleted stays deleted)."""
    outputs = []
    text = _read(layout.sources)
    missing = entry_of(text, data["source"]) is None
    line = schema_line(layout.sources, "sources", layout.root)
    if missing or drafts_alone:
        report.citations = cited_outlets(layout, data, text)
        if not missing and report.changes is not None:  # a correction drafts what it newly cites
            new = set(report.changes.added) | set(report.changes.edited)
            for citation in report.citations:
                citation.draft = citation.draft if new & set(citation.paragraphs) else None
        drafts = draft_entries(list(candidates), data["source"])
        drafts += [c.draft for c in report.citations if c.draft]
        if missing:
            new_text = with_entry(text, source_entry(data), line, drafts)
            outputs.append(
                Output(layout.sources, "annotations/sources.yaml (a new entry)", new_text.encode())
            )
        elif any(entry_of(text, d["id"]) is None for d in drafts):  # new in a correction
            new_text = with_entries(text, drafts, line)
            outputs.append(
                Output(layout.sources, "annotations/sources.yaml (draft entries)", new_text.encode())
            )
    claims = layout.claims(data["id"])
    if not claims.exists():
        scaffold = claims_scaffold(data["id"], schema_line(claims, "claims", layout.root), data["source"])
        outputs.append(Output(claims, f"annotations/claims/{data['id']}.yaml", scaffold.encode()))
    return outputs


def _complete(layout: Layout, held: Held) -> Report:
    """Same bytes again: nothing to do, unless an interrupted run left the registry entry or the
    claims file unwritten. The registry entry comes with the drafts that ingest makes with it
    (embedded posts, cited outlets), found again in article.yaml's paragraphs; a registry that
    has the entry had its drafts written with it, so none is added then."""
    doc, problems = load_yaml(layout.article(held.article), f"corpus/{held.article}/article.yaml")
    report = Report(held.article, "unchanged", held=held)
    if doc is None or problems or not isinstance(doc.data, dict) or held.version is not None:
        return report
    data = {"id": held.article, "source": doc.data.get("source") or held.article, **doc.data}
    paragraphs = data.get("paragraphs")
    if validate(doc, "article"):
        paragraphs = []
    report.candidates = embedded_posts(paragraphs or [])
    data["paragraphs"] = paragraphs or []
    outputs = _registry_outputs(layout, data, tuple(report.candidates), report, drafts_alone=False)
    if outputs:
        report.status = "completed"
        report.written = commit(outputs)
    return report


def _corrected(old: dict, metadata: dict, received: dict, paragraphs: list[dict], report: Report) -> dict:
    """The new article.yaml data of a correction (see `update.py`); keys stay in their places,
    `versions` goes after `received`, `retired` before `paragraphs`."""
    today = received["date"]
    received["file"] = f"versions/{next_version(old)}.{received['file'].rsplit('.', 1)[1]}"
    items, retired, report.changes = merge_paragraphs(
        list(old["paragraphs"]), list(old.get("retired") or []), paragraphs
    )
    for candidate in report.candidates:
        candidate.paragraphs = [report.changes.renumbered.get(p, p) for p in candidate.paragraphs]
    versions = [*(old.get("versions") or []), {**old["received"], "replaced": today}]
    updates = {k: v for k, v in metadata.items() if k in old or v is not None}
    notes = merge_notes(old, metadata)
    updates |= {"notes": notes} if notes or "notes" in old else {}
    updates |= {"received": received, "versions": versions, "paragraphs": items}
    updates |= {"retired": retired} if retired else {}
    keys = list(old)
    before_paragraphs = keys[keys.index("paragraphs") - 1] if keys.index("paragraphs") else None
    after = {"versions": "received", "retired": before_paragraphs, "notes": "received"}
    after |= {key: "language" for key in metadata}
    return with_keys(old, updates, after=after)


def ingest(root: Path, request: Request) -> Report:
    """Add the request's bytes to the corpus at `root`: a new article, or (with `update`) a new
    version of an existing one. Bytes the corpus already holds change nothing, except that an
    earlier interrupted run is completed. Raises InputError, with nothing written, for any
    input problem; what it wrote is in the report."""
    layout = Layout(root)
    if not layout.corpus.is_dir():
        raise InputError(f"no corpus folder in {root}; run from the project root or pass --root")
    check_size(request.raw, request.name)
    _check_flags(request)
    if request.id:
        check_id(request.id)
    digest = hashlib.sha256(request.raw).hexdigest()
    held = find_bytes(layout, request.raw, digest)
    if held:
        return _complete(layout, held)
    fmt = detect_format(request.raw, request.name, request.format)
    blocks, found = blocks_from(request.raw, fmt, request.name, request.encoding)
    if not blocks:
        what = "an HTML page with no article text" if fmt == "html" else "no text"
        raise InputError(f"{request.name}: {what} found; save the article's own page, or paste its text")
    title = request.title or found.get("title")
    published = request.published or found.get("published")
    if published and not request.published and not _real_date(published):
        raise InputError(
            f"{request.name}: the page gives the publication date {published!r}, which is not a real date; "
            "run again with --published YYYY-MM-DD (the date the article shows)"
        )
    article_id = request.id or derive_id(
        title, published, Path(request.name).stem if request.name != "-" else None
    )
    if not article_id:
        raise InputError(
            "no title to derive an id from (standard input has no file name): pass --id or --title"
        )
    check_id(article_id)
    article_path = layout.article(article_id)
    shown = f"corpus/{article_id}/article.yaml"
    old_text = _read(article_path) if layout.article_dir(article_id).exists() else None
    old: dict = {}
    if layout.article_dir(article_id).exists():
        if not request.update:
            raise InputError(
                f"corpus/{article_id} already exists with different content; pass --update to record the "
                "new version (ids, translation, claims and your edits stay; `glossator check` then shows "
                "what became stale), or --id for a new entry"
            )
        doc, problems = load_yaml(article_path, shown)
        problems += validate(doc, "article") if doc else []
        if problems:
            raise InputError(problems)
        old = doc.data
        check_versions(layout.article_dir(article_id), old, shown)
    language, certainty = _language(request, " ".join(b.text for b in blocks), old)
    paragraphs, candidates = classify(blocks, load_patterns(layout, language))
    if all(p["kind"] == "boilerplate" for p in paragraphs):
        raise InputError(
            f"{request.name}: every paragraph matches a boilerplate pattern; no article text is left"
        )
    today = request.today or dt.datetime.now(dt.UTC).date().isoformat()
    given = {"title": request.title, "publisher": request.publisher, "url": request.url}
    given["published"] = request.published
    metadata = merge_metadata(old, given, {**found, "title": title, "published": published})
    received = {
        "file": f"received.{SUFFIX[fmt]}",
        "sha256": digest,
        "original_name": Path(request.name).name,
        "format": fmt,
        "date": today,
    }
    report = Report(article_id, "updated" if old else "new", fmt, language, certainty, [], candidates)
    if old:
        data = _corrected(old, metadata, received, paragraphs, report)
    else:
        data = {
            "id": article_id,
            "language": language,
            **metadata,
            "source": free_source_id(_read(layout.sources), article_id),
            "received": received,
            "notes": merge_notes({}, metadata),
            "paragraphs": paragraphs,
        }
    data, report.stripped = strip_invisible(data)
    report.paragraphs = data["paragraphs"]
    invalid = validate(Document(article_path, shown, data), "article")
    if invalid:
        raise InputError(invalid)
    line = schema_line(article_path, "article", root)
    outputs = _registry_outputs(layout, data, tuple(report.candidates), report)
    if old:
        text = rewrite_yaml(old_text or "", data)
        version = layout.article_dir(article_id) / received["file"]
        outputs += [
            Output(version, f"corpus/{article_id}/{received['file']}", request.raw),
            Output(article_path, shown, text.encode()),
        ]
    else:
        files = {received["file"]: request.raw, "article.yaml": dump_yaml(data, schema_line=line).encode()}
        outputs.append(Output(layout.article_dir(article_id), f"corpus/{article_id}/", files=files))
    _refuse_what_check_refuses(outputs)
    report.written = commit(outputs)
    return report


def _refuse_what_check_refuses(outputs: list[Output]) -> None:
    """Every YAML file of the article about to be written (article.yaml, the claims file), read
    back as `check` reads it (the same loader, so the same refusals: invisible characters,
    aliases, duplicate keys) and validated against its schema; InputError, with nothing
    written, when one would fail. The registry is not parsed whole (its cost would grow with
    the corpus): `registry.with_entry` validates the new entry and reads its lines back."""
    problems = []
    for output in outputs:
        files = output.files or {"": output.data or b""}
        for name, data in files.items():
            path = output.path / name if name else output.path
            schema = "article" if path.name == "article.yaml" else None
            schema = schema or ("claims" if path.parent.name == "claims" else None)
            if schema is None:
                continue
            shown = output.shown.rstrip("/") + (f"/{name}" if name else "")
            doc, found = parse_yaml(data.decode("utf-8"), path=path, shown=shown)
            problems += found + (validate(doc, schema) if doc else [])
    if problems:
        raise InputError(
            problems, note="ingest would write what `glossator check` refuses; nothing was written."
        )
