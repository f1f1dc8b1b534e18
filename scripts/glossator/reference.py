"""The README's command reference, made from the commands' own `--help`, so it cannot drift:
`make readme` rewrites it, and a test fails when README.md differs from what this makes.

    python -m glossator.reference README.md        # rewrite the section in place
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import main

START = "<!-- commands: made by `make readme` from --help; do not edit by hand -->"
END = "<!-- end of commands -->"


def reference() -> str:
    """Every command's help, as `glossator COMMAND --help` prints it, one block per command."""
    parts = []
    for name in sorted(main.commands):
        command = main.commands[name]
        with click.Context(command, info_name=f"glossator {name}", terminal_width=100) as ctx:
            help_text = command.get_help(ctx)
        parts.append(f"### `glossator {name}`\n\n```text\n{help_text.rstrip()}\n```\n")
    return "\n".join(parts)


def with_reference(readme: str) -> str:
    """The README's text with the section between the markers made anew."""
    if START not in readme or END not in readme:
        raise ValueError(f"README.md needs the two marker lines:\n{START}\n{END}")
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n\n{reference()}\n{END}{after}"


def main_(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "README.md")
    text = path.read_text("utf-8")
    new = with_reference(text)
    if new != text:
        path.write_text(new, "utf-8")
        print(f"{path}: command reference updated")
    return 0


if __name__ == "__main__":
    sys.exit(main_(sys.argv[1:]))
