"""A cache of parsed YAML, so that a second `check` or `build` does not parse again what did
not change. Keyed by the SHA-256 of the file's bytes (never by its date), stored as JSON
(written and read by orjson) under build/cache/ (ignored by git; JSON, not pickle, so a planted
cache file cannot run code). Only files that parsed are cached; a cache entry that cannot be
read is ignored and rewritten.

The cache speeds up a person's repeated runs. It is off in CI (the `CI` variable is set there)
and with GLOSSATOR_NO_CACHE=1: a pull request could commit files under build/cache/ that
describe its YAML as other than it is, and CI must judge the files themselves."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

from . import __version__

VERSION = f"1-{__version__}"  # the loader's output may change with any release


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
                entry = orjson.loads(handle.read())
            ok = (
                isinstance(entry, dict)
                and isinstance(entry.get("marks"), list)
                and isinstance(entry.get("problems"), list)
            )
            return entry if ok and isinstance(entry.get("data"), dict) else None
        except (OSError, ValueError):
            return None

    def put(self, digest: str, entry: dict[str, Any]) -> None:
        """Store an entry (no fsync: a torn entry is only a miss next time)."""
        path = self._path(digest)
        if not self.enabled or path.parent.is_symlink():
            return
        try:
            data = orjson.dumps(entry)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o666)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except (OSError, TypeError, ValueError):
            self.enabled = False  # a read-only or full disk, or a value JSON cannot hold: no cache
