"""Bounded work and output: a file with thousands of problems gives at most 1,000 lines (and
the count of the rest); a link to /dev/zero in the corpus is refused without being read."""

from __future__ import annotations

from pathlib import Path

from glossator.check import check_corpus

CLAIMS = Path("annotations/claims/demo-article.yaml")


def test_check_prints_at_most_1000_problems_and_counts_the_rest(project, cli):
    head = "# yaml-language-server: $schema=../../scripts/glossator/schemas/claims.schema.json\n"
    broken = "".join(f"  - id: c-{n}\n    confidence: sure\n" for n in range(1500))
    (project / CLAIMS).write_text(f"{head}article: demo-article\nclaims:\n{broken}", "utf-8")
    total = len(check_corpus(project)[1])
    assert total > 1500
    result = cli("check", "--root", project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1000 + 2
    assert lines[-2] == f"… and {total - 1000} more problem(s) not shown."
    assert lines[-1].startswith(f"{total} error(s)")


def test_a_link_to_dev_zero_is_refused_unread(project):
    claims = project / CLAIMS
    claims.unlink()
    claims.symlink_to("/dev/zero")
    _, problems = check_corpus(project)
    assert [str(p) for p in problems] == [
        f"{CLAIMS}: is a link to a file outside the project; refused (replace it with the file itself)"
    ]


def test_check_refuses_an_id_or_language_with_a_trailing_newline(project, cli):
    """Python's `$` matches before a final newline: such values once passed the schema."""
    article = project / "corpus" / "demo-article" / "article.yaml"
    text = article.read_text("utf-8").replace("id: demo-article", 'id: "demo-article\\n"', 1)
    article.write_text(text.replace("language: de", 'language: "de\\n"', 1), "utf-8")
    result = cli("check", "--root", project)
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        'corpus/demo-article/article.yaml:2:5: $.id: "demo-article\\n" does not match "^[a-z0-9]+(-[a-z0-9]+)*$"',
        'corpus/demo-article/article.yaml:3:11: $.language: "de\\n" does not match "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"',
    ]


def test_deeply_nested_collections_on_one_line_are_refused_not_a_crash(project):
    # `- - - … x` 200,000 deep is 400 KB: a recursive reader overflows its stack and the process
    # dies (the Rust reader did, before such texts were kept from it); libyaml stops at its depth.
    import subprocess
    import sys

    head = "# yaml-language-server: $schema=../../scripts/glossator/schemas/claims.schema.json\n"
    for nested in ("- " * 200_000 + "x", "? " * 200_000 + "x"):
        (project / CLAIMS).write_text(f"{head}article: demo-article\nclaims:\n{nested}\n", "utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "glossator.cli", "check", "--root", str(project)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 1, run.stderr[-500:]
        assert f"{CLAIMS}:4:" in run.stdout and "maximum nesting depth" in run.stdout
        assert "Traceback" not in run.stderr


def test_a_file_of_blank_lines_is_read_in_linear_time():
    # A regular expression that ran over the line feeds from every line's start took 7 s on
    # 40,000 blank lines and hours on a million; the timeout only stops such a run.
    import subprocess
    import sys

    code = (
        "from pathlib import Path; from glossator.yamlio import parse_yaml\n"
        "for text in ('\\n' * 1_000_000, '\\n' * 1_000_000 + '# c', ' \\n' * 500_000 + 'a: 1'):\n"
        "    print([p.message for p in parse_yaml(text, path=Path('x.yaml'), shown='x.yaml')[1]])"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    lines = run.stdout.splitlines()
    assert run.returncode == 0, run.stderr
    assert lines[0] == lines[1] == "['file is empty: expected a YAML mapping']"
    assert lines[2] == "[]"
