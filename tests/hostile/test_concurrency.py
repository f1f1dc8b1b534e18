"""Two commands that write never run at once on one project: the second is refused at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glossator.lock import project_lock


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "glossator.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "args",
    [("build",), ("translate",), ("ingest", "-", "--id", "second", "--lang", "de")],
    ids=["build", "translate", "ingest"],
)
def test_a_second_writer_is_refused_while_the_first_runs(project: Path, args: tuple[str, ...]):
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if "build" not in p.parts)
    with project_lock(project, "translate"):
        result = run(*args, "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("`glossator translate` (process ")
    assert (
        f"is running on this project; wait until it has finished, then run `glossator {args[0]}` again"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    after = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if "build" not in p.parts)
    assert after == before, "the refused command wrote nothing"


def test_the_lock_is_free_again_after_a_run(project: Path):
    with project_lock(project, "build"):
        pass
    result = run("build", "--root", str(project), cwd=project)
    assert result.returncode == 0, result.stderr


def test_no_lock_file_in_a_folder_that_is_no_project(tmp_path: Path):
    result = run("build", "--root", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1 and "no corpus folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_ingests_at_once_lose_no_entry(project: Path, tmp_path: Path):
    """Twelve concurrent ingests once all exited 0 and lost 4 source entries: each now either
    writes its whole entry or is refused with nothing written, and a re-run adds the refused."""
    import yaml

    sources = project / "annotations" / "sources.yaml"
    before = {s["id"] for s in yaml.safe_load(sources.read_text("utf-8"))["sources"]}
    files = []
    for n in range(8):
        path = tmp_path / f"artikel-{n}.txt"
        path.write_text(
            f"Der Händler Nummer {n} verkaufte zehn Chips in Singapur.\nDas sei legal, sagte er.\n"
        )
        files.append(path)
    command = [sys.executable, "-m", "glossator.cli", "ingest", "--root", str(project), "--lang", "de"]
    runs = [subprocess.Popen([*command, str(f), "--id", f"concurrent-{n}"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for n, f in enumerate(files)]  # fmt: skip
    results = [(run, *run.communicate(timeout=300)) for run in runs]
    refused = []
    for n, (run, _, err) in enumerate(results):
        assert "Traceback" not in err
        if run.returncode == 1:
            assert "is running on this project; wait until it has finished" in err
            refused.append(n)
        else:
            assert run.returncode == 0, err
    for n in refused:
        assert run_ingest(command, files[n], n).returncode == 0
    after = {s["id"] for s in yaml.safe_load(sources.read_text("utf-8"))["sources"]}
    assert after - before == {f"concurrent-{n}" for n in range(8)}
    assert all((project / "corpus" / f"concurrent-{n}" / "article.yaml").is_file() for n in range(8))


def run_ingest(command: list[str], source: Path, n: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*command, str(source), "--id", f"concurrent-{n}"], capture_output=True, text=True, timeout=120
    )
