"""Problems found in input files, as values: collected, sorted and reported together."""

from __future__ import annotations

from dataclasses import dataclass


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


def format_problems(problems: list[Problem]) -> str:
    """Problems for people, one per line, in file order (`check --format` has the reporters)."""
    return "\n".join(str(p) for p in sorted(set(problems)))
