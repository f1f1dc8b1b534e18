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
    severity: str = "error"

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


def _github(problem: Problem) -> str:
    """A GitHub Actions workflow command: the message shows on the line in the pull request."""
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    where = f"file={problem.path}" + (f",line={problem.line},col={problem.column}" if problem.line else "")
    return f"::error {where}::{message}"


def format_problems(problems: list[Problem], *, style: str = "text") -> str:
    """Problems for people (`text`), machines (`json`) or pull requests (`github`)."""
    ordered = sorted(set(problems))
    if style == "json":
        return json.dumps([asdict(p) for p in ordered], ensure_ascii=False, indent=2)
    if style == "github":
        return "\n".join(_github(p) for p in ordered)
    return "\n".join(str(p) for p in ordered)
