"""The pre-commit hooks and the GitHub Actions workflow: the workflow passes actionlint (and a
broken copy does not, so the linter is really run), it publishes site/ on main with the
repository's Pages address; the hook manifests are valid and their commands exist."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from conftest import REPO
from glossator.cli import main

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # from the dev extras (constraints.txt)


def actionlint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", ".github/workflows/pages.yml"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_workflow_passes_actionlint(tmp_path: Path) -> None:
    assert ACTIONLINT.exists(), "install the dev extras: pip install -c constraints.txt -e '.[dev]'"
    shutil.copytree(REPO / ".github", tmp_path / ".github")
    result = actionlint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    shutil.copytree(REPO / ".github", tmp_path / ".github")
    broken = tmp_path / ".github/workflows/pages.yml"
    broken.write_text(broken.read_text("utf-8").replace("needs: build", "needs: biuld"), "utf-8")
    result = actionlint(tmp_path)
    assert result.returncode == 1
    assert 'needs job "biuld" which does not exist' in result.stdout


def test_the_workflow_checks_tests_builds_and_deploys_on_main() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "bash .ci/run" in runs  # check, lint and the whole test suite, as CI runs them
    assert ".venv/bin/glossator build" in runs
    uses = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    site_url = next(s for s in build["steps"] if s.get("run") == ".venv/bin/glossator build")["env"]
    assert site_url == {"GLOSSATOR_SITE_URL": "${{ steps.pages.outputs.base_url }}"}
    assert uses["actions/configure-pages"]["id"] == "pages"
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read"}


def _console_scripts() -> dict[str, str]:
    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]


def test_the_hook_manifest_for_other_corpora_is_valid() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(hooks, list) and hooks
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"  # pre-commit installs this package and its scripts
        command, subcommand, *_ = hook["entry"].split()
        assert command in _console_scripts()
        assert subcommand in main.commands


def test_this_repositorys_hooks_run_the_pinned_tools() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff", "ruff-format", "glossator-check"} <= set(hooks)
    constraints = (REPO / "constraints.txt").read_text("utf-8")
    for hook in hooks.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        program = Path(hook["entry"].split()[0])
        assert program.parent == Path(".venv/bin")  # the versions of constraints.txt
        assert program.name in _console_scripts() or f"\n{program.name}==" in constraints
    assert hooks["glossator-check"]["entry"].split()[1] in main.commands
    assert hooks["glossator-check"]["pass_filenames"] is False


def test_build_takes_the_pages_address_from_the_environment(project: Path, cli, monkeypatch) -> None:
    monkeypatch.setenv("GLOSSATOR_SITE_URL", "https://owner.github.io/corpus/")
    assert cli("build", "--root", project).exit_code == 0
    html = (project / "site" / "claims.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://owner.github.io/corpus/claims.html">' in html
    monkeypatch.setenv("GLOSSATOR_SITE_URL", "")  # a pull request's build: no address, no canonical links
    assert cli("build", "--root", project).exit_code == 0
    assert "https://owner.github.io" not in (project / "site" / "claims.html").read_text("utf-8")
    result = cli("build", "--root", project, "--site-url", "owner.github.io")
    assert result.exit_code == 2 and "is not an http(s) address" in result.output
