"""`glossator check --format`: each reporter prints every problem, and nothing in a file name or
a value can forge a line of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossator.check.reporters import REPORTERS, GithubReporter
from glossator.problems import Problem

FORGED = Problem("corpus/a\n::error file=x::fake.yaml", 3, 5, "bad value 'x\nannotations/y.yaml:1:1: fake'")
WARNING = Problem("corpus/b/translation.en.yaml", 5, 1, "2 paragraph(s) not reviewed yet", "warning")


def test_text_keeps_each_problem_on_one_line():
    out = REPORTERS["text"]().report([FORGED, WARNING], "1 error(s), 1 warning(s).")
    assert out.splitlines() == [
        "corpus/a\\u000a::error file=x::fake.yaml:3:5: bad value 'x\\u000aannotations/y.yaml:1:1: fake'",
        "corpus/b/translation.en.yaml:5:1: warning: 2 paragraph(s) not reviewed yet",
        "1 error(s), 1 warning(s).",
    ]


def test_github_escapes_properties_and_data():
    out = REPORTERS["github"]().report([FORGED, WARNING], "summary")
    assert out.splitlines() == [
        "::error file=corpus/a%0A%3A%3Aerror file=x%3A%3Afake.yaml,line=3,col=5::bad value 'x%0Aannotations/y.yaml:1:1: fake'",
        "::warning file=corpus/b/translation.en.yaml,line=5,col=1::2 paragraph(s) not reviewed yet",
        "summary",
    ]


def test_json_is_a_stable_list():
    out = json.loads(REPORTERS["json"]().report([WARNING], "ignored"))
    assert out == [
        {
            "path": "corpus/b/translation.en.yaml",
            "line": 5,
            "column": 1,
            "message": "2 paragraph(s) not reviewed yet",
            "severity": "warning",
        }
    ]


def test_text_caps_the_number_of_lines():
    problems = [Problem("a.yaml", i, 1, "x") for i in range(1, 1205)]
    lines = REPORTERS["text"]().report(problems, "s").splitlines()
    assert len(lines) == 1002 and lines[-2] == "… and 204 more problem(s) not shown."


def test_github_caps_annotations_and_summary_rows_but_json_lists_all(tmp_path):
    problems = [Problem("a.yaml", i, 1, "x") for i in range(1, 1205)]
    summary_file = tmp_path / "summary.md"
    lines = GithubReporter(str(summary_file)).report(problems, "s").splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 1000
    assert "… and 204 more problem(s) not shown." in lines
    rows = [line for line in summary_file.read_text("utf-8").splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 1000 + 1 and "and 204 more problem(s)" in rows[-1]
    assert len(json.loads(REPORTERS["json"]().report(problems, "s"))) == 1204


def test_warnings_fail_only_with_strict(project, cli):
    translation = project / "corpus" / "demo-article" / "translation.en.yaml"
    translation.write_text(
        translation.read_text("utf-8").replace("review: reviewed", "review: unreviewed", 1)
    )
    plain = cli("check", "--root", project)
    assert plain.exit_code == 0
    assert plain.output.splitlines() == [
        "corpus/demo-article/translation.en.yaml:5:3: warning: 1 translated paragraph(s) not reviewed yet; "
        "a reviewer sets review: reviewed",
        "OK: 1 articles, 2 claims, no errors, 1 warning(s).",
    ]
    strict = cli("check", "--root", project, "--strict")
    assert strict.exit_code == 1
    assert strict.output.splitlines()[-1] == "0 error(s), 1 warning(s)."


@pytest.fixture(autouse=True)
def no_job_summary(monkeypatch):
    """Tests never write into the job summary of the CI run they run in."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def test_github_summary_holds_every_problem_beyond_ten_annotations(tmp_path):
    problems = [Problem("annotations/a.yaml", i, 1, f"problem {i} | <b>x</b>") for i in range(1, 13)]
    summary_file = tmp_path / "summary.md"
    out = GithubReporter(str(summary_file)).report(problems, "12 error(s), 0 warning(s).")
    assert out.splitlines()[-2] == (
        "GitHub shows only 10 annotations of each kind per step and there are 12 errors: "
        "every problem is in the job summary."
    )
    table = summary_file.read_text("utf-8")
    rows = [line for line in table.splitlines() if line.startswith("| annotations/a.yaml:")]
    assert len(rows) == 12
    assert rows[11] == "| annotations/a.yaml:12:1 | error | problem 12 \\| &lt;b&gt;x&lt;/b&gt; |"


def test_github_without_a_summary_file_says_how_to_see_the_rest():
    problems = [Problem("a.yaml", i, 1, "w", "warning") for i in range(1, 12)]
    out = GithubReporter("").report(problems, "s")
    assert "there are 11 warnings: set GITHUB_STEP_SUMMARY" in out
    assert "GitHub shows only" not in GithubReporter("").report(problems[:10], "s")


def test_github_reads_the_summary_file_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "s.md"))
    GithubReporter().report([WARNING], "OK")
    assert "| corpus/b/translation.en.yaml:5:1 | warning |" in (tmp_path / "s.md").read_text("utf-8")


def test_the_readme_documents_the_json_fields():
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    fields = list(json.loads(REPORTERS["json"]().report([WARNING], ""))[0])
    assert fields == ["path", "line", "column", "message", "severity"]
    section = readme[readme.index("### `check --format json`") :]
    for name in fields:
        assert f"| `{name}` |" in section, name
