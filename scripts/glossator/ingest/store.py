"""The received files on disk: which article already holds some bytes, and whether an article's
versions are all there.

Finding bytes does not read the corpus: it lists the received files' names
(`corpus/*/received.*`, `corpus/*/versions/*`), hashes only those of the same size, and then
reads the one article.yaml that should record the match, to confirm it does. So its cost
does not grow with the size of the articles, and a file left over from an interrupted run is
never taken for a version. There is no index to go stale.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..corpus import Layout
from ..problems import InputError
from ..yamlio import load_yaml


@dataclass(frozen=True)
class Held:
    """An article holding the bytes: as its current version (`version` None) or as the earlier
    version number `version` (1 for the first one received)."""

    article: str
    file: str
    version: int | None
    replaced: str | None = None


def versions_of(data: dict) -> list[dict]:
    versions = data.get("versions")
    return [v for v in versions if isinstance(v, dict)] if isinstance(versions, list) else []


def _candidates(layout: Layout, size: int) -> list[Path]:
    """Received files (current or earlier versions) of exactly `size` bytes: one directory
    listing per article, no file read."""
    found = []

    def scan(folder: str, versions: bool) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            try:
                if versions or name.startswith("received."):
                    if entry.is_file() and entry.stat().st_size == size and not name.startswith("."):
                        found.append(Path(entry.path))
                elif name == "versions" and entry.is_dir():
                    scan(entry.path, True)
            except OSError:
                continue

    try:
        articles = [
            e.path for e in os.scandir(layout.corpus) if e.is_dir() and not e.name.startswith((".", "_"))
        ]
    except OSError:
        return []
    for folder in articles:
        scan(folder, False)
    return sorted(found)


def find_bytes(layout: Layout, raw: bytes, digest: str) -> Held | None:
    """The article that records these exact bytes as its current or an earlier version."""
    for path in _candidates(layout, len(raw)):
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                continue
        except OSError:
            continue
        folder = path.parent if path.parent.name != "versions" else path.parent.parent
        relative = path.relative_to(folder).as_posix()
        doc, problems = load_yaml(folder / "article.yaml", f"corpus/{folder.name}/article.yaml")
        if doc is None or problems or not isinstance(doc.data, dict):
            continue
        received = doc.data.get("received") or {}
        if received.get("file") == relative and received.get("sha256") == digest:
            return Held(folder.name, relative, None)
        for number, version in enumerate(versions_of(doc.data), 1):
            if version.get("file") == relative and version.get("sha256") == digest:
                return Held(folder.name, relative, number, version.get("replaced"))
    return None


def check_versions(folder: Path, data: dict, shown: str) -> None:
    """Every version article.yaml records (current and earlier) is on disk with its sha256;
    otherwise a message saying which is not, and nothing is done."""
    for entry in [data.get("received") or {}, *versions_of(data)]:
        name = str(entry.get("file"))
        path = folder / name
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            raise InputError(
                f"{shown}: the received file {name} it records is missing; restore it (git checkout) before an update"
            ) from None
        if actual != entry.get("sha256"):
            raise InputError(
                f"{shown}: {name} does not match the sha256 recorded for it; the received files are never "
                "altered: restore it (git checkout) before an update"
            )


def next_version(data: dict) -> int:
    """The number of the next version's file (`versions/<n>.<ext>`): 2 for the first correction."""
    numbers = [1]
    for entry in [data.get("received") or {}, *versions_of(data)]:
        match = re.fullmatch(r"versions/(\d+)\.[A-Za-z0-9]+", str(entry.get("file")))
        if match:
            numbers.append(int(match.group(1)))
    return max(numbers) + 1
