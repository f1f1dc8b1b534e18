"""How `glossator check` prints its problems: one small reporter class per format, by name."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..problems import Problem

MAX_SHOWN = 1000


def _printable(text: str) -> str:
    """One line whatever the input holds: a newline in a file name or value cannot start a
    line of its own (and so cannot pass for another problem or a workflow command)."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


class TextReporter:
    """path:line:column: message — for people and editors."""

    def report(self, problems: list[Problem], summary: str) -> str:
        shown = [_line(p) for p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            shown.append(f"… and {len(problems) - MAX_SHOWN} more problem(s) not shown.")
        return "\n".join([*shown, summary])


def _line(problem: Problem) -> str:
    where = _printable(problem.path)
    if problem.line:
        where += f":{problem.line}:{problem.column}"
    prefix = "warning: " if problem.severity == "warning" else ""
    return (
        f"{where}: {prefix}{_printable(problem.message)}" if where else prefix + _printable(problem.message)
    )


class JsonReporter:
    """A JSON list of {path, line, column, message, severity}: stable, for machines."""

    def report(self, problems: list[Problem], summary: str) -> str:
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    """GitHub Actions workflow commands: each problem shows on its line in the pull request."""

    def report(self, problems: list[Problem], summary: str) -> str:
        lines = []
        for p in problems:
            where = f"file={_escape_property(p.path)}"
            if p.line:
                where += f",line={p.line},col={p.column}"
            lines.append(f"::{p.severity} {where}::{_escape_data(p.message)}")
        return "\n".join([*lines, summary])


REPORTERS = {"text": TextReporter, "json": JsonReporter, "github": GithubReporter}
