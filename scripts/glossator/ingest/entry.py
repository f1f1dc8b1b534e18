"""One ingest: gather and validate everything in memory, then write the entry, its source
registry entry and its claims scaffold. Nothing is written when anything is wrong."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import Layout, items
from ..problems import InputError
from ..schema import schema_line, validate
from ..yamlio import Document, dump_yaml, load_yaml, parse_yaml, write_atomic
from .convert import blocks_from
from .detect import MIN_LANGUAGE_CERTAINTY, SUFFIX, check_size, detect_format, detect_language
from .ids import check_id, derive_id
from .paragraphs import Candidate, classify, load_patterns
from .scaffold import claims_scaffold, source_entry

UNKNOWN = "Not given in the received file nor on the command line; fill it in if someone verifies it."


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


@dataclass
class Report:
    id: str
    status: str  # "new", "updated", "unchanged"
    format: str = ""
    language: str = ""
    certainty: float | None = None
    paragraphs: list[dict] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def _check_flags(request: Request) -> None:
    if request.published:
        try:
            dt.date.fromisoformat(request.published)
        except ValueError:
            raise InputError(
                f"--published {request.published!r} is not a real date in the form YYYY-MM-DD"
            ) from None
    if request.url and not re.match(r"^https?://\S+$", request.url):
        raise InputError(f"--url {request.url!r} is not an http(s) address")


def _existing_with_bytes(layout: Layout, digest: str) -> str | None:
    """The article already holding these exact bytes. Reads only the sha256 line of each
    article.yaml, so that it stays fast with thousands of articles."""
    line = re.compile(rf"^\s+sha256:\s*['\"]?{digest}['\"]?\s*$", re.MULTILINE)
    for article_id in layout.article_ids():
        try:
            if line.search(layout.article(article_id).read_text("utf-8", errors="replace")):
                return article_id
        except OSError:
            continue
    return None


def _language(request: Request, text: str) -> tuple[str, float | None]:
    if request.language:
        return request.language, None
    language, certainty = detect_language(text)
    if certainty < MIN_LANGUAGE_CERTAINTY:
        raise InputError(
            f"{request.name}: the language is unclear (best guess '{language}', certainty {certainty:.2f}); "
            "run again with --lang, e.g. --lang de"
        )
    return language, certainty


def _free_source_id(layout: Layout, article_id: str) -> str:
    """The article's id for its source entry, unless another source already has that id."""
    doc, _ = load_yaml(layout.sources, "annotations/sources.yaml") if layout.sources.exists() else (None, [])
    taken = {s.get("id"): s.get("article") for _, s in items(doc, "sources")}
    if article_id in taken and taken[article_id] != article_id:
        return f"article-{article_id}"
    return article_id


def _keep_ids(paragraphs: list[dict], previous: Document | None) -> list[dict]:
    """On --update, unchanged paragraphs keep their old ids, so their translations stay current."""
    if previous is None:
        return paragraphs
    old = {p.get("text"): p.get("id") for _, p in items(previous, "paragraphs")}
    used = set(old.values())
    next_number = 1 + max((int(str(i)[1:]) for i in used if re.fullmatch(r"p\d+", str(i))), default=0)
    for paragraph in paragraphs:
        if paragraph["text"] in old and old[paragraph["text"]] is not None:
            paragraph["id"] = old.pop(paragraph["text"])
        else:
            paragraph["id"] = f"p{next_number}"
            next_number += 1
    return paragraphs


def ingest(root: Path, request: Request) -> Report:
    layout = Layout(root)
    if not layout.corpus.is_dir():
        raise InputError(f"no corpus folder in {root}; run from the project root or pass --root")
    check_size(request.raw, request.name)
    _check_flags(request)
    if request.id:
        check_id(request.id)
    digest = hashlib.sha256(request.raw).hexdigest()
    same = _existing_with_bytes(layout, digest)
    if same:
        return Report(same, "unchanged")
    fmt = detect_format(request.raw, request.name, request.format)
    blocks, found = blocks_from(request.raw, fmt, request.name, request.encoding)
    if not blocks:
        what = "an HTML page with no article text" if fmt == "html" else "no text"
        raise InputError(f"{request.name}: {what} found; save the article's own page, or paste its text")
    language, certainty = _language(request, " ".join(b.text for b in blocks))
    paragraphs, candidates = classify(blocks, load_patterns(layout, language))
    if all(p["kind"] == "boilerplate" for p in paragraphs):
        raise InputError(
            f"{request.name}: every paragraph matches a boilerplate pattern; no article text is left"
        )
    title = request.title or found.get("title")
    published = request.published or found.get("published")
    article_id = request.id or derive_id(
        title, published, Path(request.name).stem if request.name != "-" else None
    )
    if not article_id:
        raise InputError(
            "no title to derive an id from (standard input has no file name): pass --id or --title"
        )
    check_id(article_id)
    folder = layout.article_dir(article_id)
    previous = None
    if folder.exists():
        previous, _ = load_yaml(layout.article(article_id), f"corpus/{article_id}/article.yaml")
        if not request.update:
            raise InputError(
                f"corpus/{article_id} already exists with different content; pass --update to replace it "
                "(translation and claims stay, `glossator check` then shows what became stale), or --id for a new entry"
            )
    old = dict(previous.data) if previous and isinstance(previous.data, dict) else {}
    metadata = {
        "title": title or old.get("title"),
        "publisher": request.publisher or old.get("publisher"),
        "author": found.get("author") or old.get("author"),
        "published": published or old.get("published"),
        "url": request.url or found.get("url") or old.get("url"),
    }
    notes = {
        k: v for k, v in (old.get("notes") or {}).items() if metadata.get(k) is None or k not in metadata
    }
    notes.update({k: UNKNOWN for k, v in metadata.items() if v is None and k not in notes})
    received = f"received.{SUFFIX[fmt]}"
    data = {
        "id": article_id,
        "language": language,
        **metadata,
        **({"working_title": old["working_title"]} if old.get("working_title") else {}),
        "source": old.get("source") or _free_source_id(layout, article_id),
        "received": {
            "file": received,
            "sha256": digest,
            "original_name": Path(request.name).name,
            "format": fmt,
        },
        "notes": notes,
        "paragraphs": _keep_ids(paragraphs, previous),
    }
    article_path = layout.article(article_id)
    text = dump_yaml(data, schema_line=schema_line(article_path, "article", root))
    invalid = validate(Document(article_path, "article.yaml", data), "article")
    if invalid:
        raise InputError(invalid)
    report = Report(
        article_id, "updated" if previous else "new", fmt, language, certainty, data["paragraphs"], candidates
    )
    _write(layout, request, data, text, old, report)
    return report


def _write(
    layout: Layout, request: Request, data: dict, article_text: str, old: dict, report: Report
) -> None:
    article_id = data["id"]
    folder = layout.article_dir(article_id)
    received = data["received"]["file"]
    if report.status == "new":
        staging = Path(tempfile.mkdtemp(prefix=f".{article_id}.", dir=layout.corpus))
        try:
            (staging / received).write_bytes(request.raw)
            (staging / "article.yaml").write_text(article_text, "utf-8")
            os.rename(staging, folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    else:
        write_atomic(folder / received, request.raw)
        write_atomic(folder / "article.yaml", article_text)
        old_file = (old.get("received") or {}).get("file")
        if old_file and old_file != received:
            (folder / old_file).unlink(missing_ok=True)
    report.written += [f"corpus/{article_id}/{received}", f"corpus/{article_id}/article.yaml"]
    if _add_source(layout, data):
        report.written.append("annotations/sources.yaml (a new entry)")
    claims = layout.claims(article_id)
    if not claims.exists():
        write_atomic(claims, claims_scaffold(article_id, schema_line(claims, "claims", layout.root)))
        report.written.append(f"annotations/claims/{article_id}.yaml")


def _add_source(layout: Layout, data: dict) -> bool:
    """Append the article's own entry to the source registry, keeping the file's comments."""
    path = layout.sources
    text = (
        path.read_text("utf-8")
        if path.exists()
        else schema_line(path, "sources", layout.root) + "\nsources:\n"
    )
    if re.search(rf"^\s*-?\s*id:\s*{re.escape(data['source'])}\s*$", text, re.MULTILINE):
        return False
    text = re.sub(r"^sources:\s*\[\]\s*$", "sources:", text, flags=re.MULTILINE)
    indent = re.search(r"^(\s*)- ", text, re.MULTILINE)
    pad = indent.group(1) if indent else "  "
    entry = dump_yaml([source_entry(data)])
    block = "".join(pad + line if line.strip() else line for line in entry.splitlines(keepends=True))
    separator = "" if text.rstrip().endswith("sources:") else "\n"
    new_text = text.rstrip("\n") + "\n" + separator + block
    doc, problems = parse_yaml(new_text, path=path, shown="annotations/sources.yaml")
    if problems or doc is None or validate(doc, "sources"):
        raise InputError(
            "annotations/sources.yaml: cannot add the article's entry to it (the file does not parse or is not a `sources:` list); fix it with `glossator check` and run again"
        )
    write_atomic(path, new_text)
    return True
