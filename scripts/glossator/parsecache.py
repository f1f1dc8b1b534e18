"""A cache of parsed YAML, so that a second `check` or `build` does not parse again what did
not change. Keyed by the SHA-256 of the file's bytes (never by its date), stored as JSON under
build/cache/ (ignored by git; JSON, not pickle, so a planted cache file cannot run code). Only
files that parsed are cached; a cache entry that cannot be read is ignored and rewritten.

The cache speeds up a person's repeated runs. It is off in CI (the `CI` variable is set there)
and with GLOSSATOR_NO_CACHE=1: a pull request could commit files under build/cache/ that
describe its YAML as other than it is, and CI must judge the files themselves."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .yamlio import write_atomic

VERSION = "1"  # change when the loader's output changes


class ParseCache:
    def __init__(self, root: Path) -> None:
        self.folder = root / "build" / "cache" / f"yaml-{VERSION}"
        self.enabled = not (
            os.environ.get("CI")
            or os.environ.get("GLOSSATOR_NO_CACHE")
            or any(p.is_symlink() for p in (root / "build", root / "build" / "cache", self.folder))
        )

    def _path(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.json"

    @staticmethod
    def digest(raw: bytes) -> str:
        return hashlib.sha256(raw).hexdigest()

    def get(self, digest: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        try:
            fd = os.open(self._path(digest), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as handle:
                entry = json.loads(handle.read())
            return entry if isinstance(entry, dict) and "data" in entry else None
        except (OSError, ValueError):
            return None

    def put(self, digest: str, entry: dict[str, Any]) -> None:
        if not self.enabled:
            return
        try:
            write_atomic(self._path(digest), json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            self.enabled = False  # a read-only or full disk: carry on without the cache
