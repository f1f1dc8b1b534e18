"""`glossator check --format`: each reporter prints every problem, and nothing in a file name or
a value can forge a line of its own."""

from __future__ import annotations

import json

from glossator.check.reporters import REPORTERS
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
