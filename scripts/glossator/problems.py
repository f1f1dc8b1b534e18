"""Problems found in input files, as values: collected, sorted and reported together."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, located as precisely as the input allows.

    `line` and `column` are 1-based; 0 means the position is unknown (a missing file, say).
    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if not self.path:
            return self.message
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.message}"


class InputError(Exception):
    """Raised at the edge of a stage when input cannot be used; the CLI prints it without a
    traceback and exits with status 1."""

    def __init__(self, problems: list[Problem] | str, *, note: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem("", 0, 0, problems)]
        self.problems = problems
        self.note = note
        super().__init__(self.report())

    def report(self) -> str:
        """The problems, one per line, then the note."""
        return format_problems(self.problems) + (f"\n{self.note}" if self.note else "")


def relative(path: Path, root: Path) -> str:
    """The path as a user typed it from the project root, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def format_problems(problems: list[Problem], *, as_json: bool = False) -> str:
    ordered = sorted(set(problems))
    if as_json:
        return json.dumps([asdict(p) for p in ordered], ensure_ascii=False, indent=2)
    return "\n".join(str(p) for p in ordered)
