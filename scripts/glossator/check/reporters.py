"""How `glossator check` prints its problems: one small reporter class per format, by name."""

from __future__ import annotations

import json
import os
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
    """A JSON list of {path, line, column, message, severity}: stable, for machines. Every
    problem is listed (a program counting them must get them all); the input bounds the list,
    since no file of the corpus may exceed 20 MB."""

    def report(self, problems: list[Problem], summary: str) -> str:
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


GITHUB_ANNOTATIONS_PER_STEP = 10  # of each kind (error, warning); GitHub drops the rest


def _cell(text: str) -> str:
    """Text for a cell of a Markdown table: one line, no markup, no HTML."""
    text = _printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("`", "\\`").replace("*", "\\*").replace("_", "\\_")


class GithubReporter:
    """GitHub Actions workflow commands: each problem shows on its line in the pull request.

    GitHub shows only 10 error and 10 warning annotations per step, so every problem is also
    written to the job summary (the file named by $GITHUB_STEP_SUMMARY, when set) as a table,
    and the log says so when annotations were dropped."""

    def __init__(self, summary_file: str | None = None) -> None:
        self.summary_file = os.environ.get("GITHUB_STEP_SUMMARY") if summary_file is None else summary_file

    def report(self, problems: list[Problem], summary: str) -> str:
        lines = []
        for p in problems[:MAX_SHOWN]:
            where = f"file={_escape_property(p.path)}"
            if p.line:
                where += f",line={p.line},col={p.column}"
            lines.append(f"::{p.severity} {where}::{_escape_data(p.message)}")
        counts = {s: sum(p.severity == s for p in problems) for s in ("error", "warning")}
        dropped = {s: n for s, n in counts.items() if n > GITHUB_ANNOTATIONS_PER_STEP}
        if self.summary_file:
            with open(self.summary_file, "a", encoding="utf-8") as handle:
                handle.write(job_summary(problems, summary))
        if dropped:
            many = " and ".join(f"{n} {s}s" for s, n in dropped.items())
            where = (
                "every problem is in the job summary"
                if self.summary_file
                else "set GITHUB_STEP_SUMMARY (GitHub does) for a job summary of all, or run `glossator check`"
            )
            lines.append(
                f"GitHub shows only {GITHUB_ANNOTATIONS_PER_STEP} annotations of each kind per step and "
                f"there are {many}: {where}."
            )
        if len(problems) > MAX_SHOWN:
            lines.append(f"… and {len(problems) - MAX_SHOWN} more problem(s) not shown.")
        return "\n".join([*lines, summary])


def job_summary(problems: list[Problem], summary: str) -> str:
    """Markdown for a GitHub job summary: the summary line and a table of every problem."""
    rows = [
        f"| {_cell(p.path)}{f':{p.line}:{p.column}' if p.line else ''} | {p.severity} | {_cell(p.message)} |"
        for p in problems[:MAX_SHOWN]
    ]
    if len(problems) > MAX_SHOWN:  # GitHub takes at most 1 MiB of summary per step
        rows.append(f"| … | | and {len(problems) - MAX_SHOWN} more problem(s): run `glossator check` |")
    table = ["| where | severity | problem |", "| --- | --- | --- |", *rows] if rows else []
    return "\n".join(["## glossator check", "", _cell(summary), "", *table, "", ""])


REPORTERS = {"text": TextReporter, "json": JsonReporter, "github": GithubReporter}
