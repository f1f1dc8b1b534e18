"""The command as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BROKEN = {
    "malformed": "claims: [\n",
    "tab": "article: demo-article\nclaims:\n\t- id: x\n",
    "empty": "",
    "not-a-mapping": "- just\n- a list\n",
    "binary": b"\x00\x01\x02\xff\xfe",
}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "glossator.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_check_clean_project(project: Path, cli):
    result = cli("check", "--root", project)
    assert result.exit_code == 0
    assert result.output.strip() == "OK: 1 articles, 2 claims, no errors."


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_claims_file_gives_located_message_and_exit_1(project: Path, name: str):
    path = project / "annotations" / "claims" / "demo-article.yaml"
    content = BROKEN[name]
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run("check", "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("annotations/claims/demo-article.yaml:")


def test_check_json_output(project: Path, cli):
    path = project / "annotations" / "claims" / "demo-article.yaml"
    path.write_text(path.read_text("utf-8").replace("confidence: low", "confidence: sure"), "utf-8")
    result = cli("check", "--root", project, "--format", "json")
    assert result.exit_code == 1
    assert '"line": 17' in result.output and '"column": 17' in result.output
    github = cli("check", "--root", project, "--format", "github")
    assert github.output.startswith(
        "::error file=annotations/claims/demo-article.yaml,line=17,col=17::$.claims[0].confidence"
    )


def test_no_corpus_folder(tmp_path: Path):
    result = run("check", "--root", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "no corpus folder" in result.stdout
    assert "Traceback" not in result.stderr


def test_build_refuses_failing_corpus(project: Path):
    path = project / "annotations" / "sources.yaml"
    path.write_text("sources: [", "utf-8")
    result = run("build", "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("annotations/sources.yaml:2:1: invalid YAML")
    assert "no site was built" in result.stderr
    assert not (project / "site").exists()


def test_build_writes_site(project: Path):
    result = run("build", "--root", str(project), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "articles" / "demo-article.html").exists()


def test_all_output_arrives_through_a_pipe_before_the_quick_exit(project: Path):
    """`glossator` ends its process without freeing the corpus object by object (cli.run): what
    it printed must still arrive whole, here a JSON list far larger than a pipe's buffer."""
    import json

    import yaml

    claims_file = project / "annotations" / "claims" / "demo-article.yaml"
    data = yaml.safe_load(claims_file.read_text("utf-8"))
    first = data["claims"][0]
    data["claims"] = [  # each a copy of its own: no YAML anchors
        {**json.loads(json.dumps(first)), "id": f"bulk-{n:04d}", "confidence": "sure"} for n in range(600)
    ]
    claims_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = run("check", "--format", "json", cwd=project)
    assert result.returncode == 1
    assert len(result.stdout) > 65536
    problems = json.loads(result.stdout)
    flagged = {p["message"].split(":")[0] for p in problems if "'sure' is not one of" in p["message"]}
    assert len(flagged) == 600  # one per claim: $.claims[n].confidence
