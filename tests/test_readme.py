"""The README's command reference is the commands' own --help (run `make readme` after changing
a command)."""

from __future__ import annotations

from conftest import REPO
from glossator.reference import with_reference


def test_readme_command_reference_matches_help():
    readme = (REPO / "README.md").read_text("utf-8")
    assert with_reference(readme) == readme, "README.md's command reference is out of date: run `make readme`"
