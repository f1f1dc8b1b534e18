"""The registry of renamed ids, annotations/redirects.yaml: for each kind, which old id now goes
by which new one. `rename` adds to it, `check` verifies it (every old id leads to an id that
exists, without cycles, and is not in use again), and the build keeps each old address working.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import NamedTuple

from ..corpus import Loaded, load_file
from ..model import Where
from ..problems import Problem

REDIRECTS = Path("annotations") / "redirects.yaml"
PLURAL = {"claim": "claims", "source": "sources", "entity": "entities"}
HEADER = (
    "# Ids renamed by `glossator rename`: the site keeps each old address working by pointing it\n"
    "# at the new id. An old id is never used again. `glossator check` verifies this file.\n"
)


class Redirect(NamedTuple):
    kind: str
    old: str
    new: str
    where: Where


def load_redirects(root: Path) -> tuple[list[Redirect], Loaded | None, list[Problem]]:
    """The redirects that passed the schema, the loaded file (None when there is none or it
    cannot be read) and its problems."""
    path = Path(os.path.abspath(root)) / REDIRECTS
    if not os.path.lexists(path):
        return [], None, []
    loaded, problems = load_file(root, path, "redirects")
    if loaded is None:
        return [], None, problems
    where = Where(loaded.doc)
    redirects = [
        Redirect(kind, item["from"], item["to"], where.at(key, index))
        for kind, key in PLURAL.items()
        for index, item in loaded.items(key)
    ]
    return redirects, loaded, problems


def table(redirects: list[Redirect], kind: str) -> dict[str, str]:
    """old id -> new id for one kind (the first entry wins when an old id is given twice)."""
    out: dict[str, str] = {}
    for redirect in redirects:
        if redirect.kind == kind:
            out.setdefault(redirect.old, redirect.new)
    return out


def final_target(links: dict[str, str], old: str) -> str | None:
    """Where an old id leads after following every redirect; None when the chain is a cycle."""
    seen = {old}
    current = links[old]
    while current in links:
        if current in seen:
            return None
        seen.add(current)
        current = links[current]
    return current


def renamed(data: dict | None, kind: str, old: str, new: str) -> dict:
    """The redirects file's data after renaming `old` to `new`: earlier redirects to `old` now
    lead to `new` directly, one back from `new` (renaming back) is dropped, and `old` -> `new`
    is added."""
    data = copy.deepcopy(data) if isinstance(data, dict) else {}
    key = PLURAL[kind]
    items = [item for item in data.get(key) or [] if item.get("from") not in (old, new)]
    for item in items:
        if item.get("to") == old:
            item["to"] = new
    data[key] = [*items, {"from": old, "to": new}]
    return data
