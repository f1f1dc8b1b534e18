"""`glossator fix-anchors` and check's closest-match hints: a quote that a correction moved is
put back on its words, only its own lines change, and what cannot be fixed is listed."""

from __future__ import annotations

import difflib
from pathlib import Path

from conftest import project_files
from glossator.check import check_corpus
from glossator.quotes import TextQuote, closest, describe_miss, unique_context, visible_paragraphs

ARTICLE = Path("corpus/demo-article/article.yaml")
CLAIMS = Path("annotations/claims/demo-article.yaml")


def edit(root: Path, path: Path, old: str, new: str) -> None:
    text = (root / path).read_text("utf-8")
    assert old in text
    (root / path).write_text(text.replace(old, new), "utf-8")


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_a_corrected_original_moves_the_quote_and_only_its_line(project, cli):
    edit(project, ARTICLE, "verkaufte 2024 zehn H100-Chips", "verkaufte 2024 genau zehn H100-Chips")
    problems = [p.message for p in check_corpus(project)[1] if "quote not found" in p.message]
    assert problems == [
        "quote not found in the original of 'demo-article': no paragraph contains these exact words; the closest "
        "is in p1 (similarity 0.97): 'verkaufte 2024 genau zehn H100-Chips in Singapur' (`glossator fix-anchors` "
        "can take it); copy the words exactly"
    ]
    before = (project / CLAIMS).read_text("utf-8")
    result = cli("fix-anchors", "--root", project)
    assert result.exit_code == 0, result.output
    assert (
        "demo-article.yaml:8: demo-01 original: 'verkaufte 2024 zehn H100-Chips in Singapur' → "
        in result.output
    )
    assert "Moved 1 quote(s); 0 could not be fixed." in result.output
    assert changed_lines(before, (project / CLAIMS).read_text("utf-8")) == [
        "-        exact: verkaufte 2024 zehn H100-Chips in Singapur",
        "+        exact: verkaufte 2024 genau zehn H100-Chips in Singapur",
    ]
    assert [p for p in check_corpus(project)[1] if "quote" in p.message] == []


def test_a_flow_style_quote_keeps_its_style(project, cli):
    edit(
        project,
        CLAIMS,
        "      translation:\n        exact: That was legal\n",
        '      translation: {exact: "That was legal"}\n',
    )
    edit(project, Path("corpus/demo-article/translation.en.yaml"), "That was legal,", "That was lawful,")
    before = (project / CLAIMS).read_text("utf-8")
    result = cli("fix-anchors", "--root", project, "demo-article", "--threshold", "0.7")
    assert result.exit_code == 0, result.output
    assert changed_lines(before, (project / CLAIMS).read_text("utf-8")) == [
        '-      translation: {exact: "That was legal"}',
        '+      translation: {exact: "That was lawful"}',
    ]


def test_what_cannot_be_fixed_is_listed_and_left(project, cli):
    edit(project, ARTICLE, "Das sei legal, sagte Muster.", "Muster äußerte sich nicht.")
    before = project_files(project)
    result = cli("fix-anchors", "--root", project)
    assert result.exit_code == 1
    assert "demo-02 original: not fixed: no match at least 0.80 similar" in result.output
    assert "Moved 0 quote(s); 1 could not be fixed" in result.output
    assert project_files(project) == before


def test_dry_run_writes_nothing(project, cli):
    edit(project, ARTICLE, "verkaufte 2024 zehn", "verkaufte 2024 genau zehn")
    before = project_files(project)
    result = cli("fix-anchors", "--root", project, "--dry-run")
    assert result.exit_code == 0 and "Would move 1 quote(s)" in result.output
    assert project_files(project) == before


def test_a_file_with_yaml_errors_stops_everything(project, cli):
    edit(project, ARTICLE, "verkaufte 2024 zehn", "verkaufte 2024 genau zehn")
    (project / CLAIMS).write_text((project / CLAIMS).read_text("utf-8") + "  - id: [\n", "utf-8")
    before = project_files(project)
    result = cli("fix-anchors", "--root", project)
    assert result.exit_code == 1
    assert result.output.startswith("annotations/claims/demo-article.yaml:")
    assert "Nothing was changed." in result.output
    assert project_files(project) == before


def test_two_equally_close_places_are_not_guessed():
    visible = [("p1", "Die Chips kamen aus Singapur."), ("p2", "Die Chips kamen aus Malaysia.")]
    from glossator.annotate.anchors import fix_quote

    new, why = fix_quote(TextQuote("Die Chips kamen aus Japan."), visible, 0.7)
    assert new is None and why.startswith("two matches are about as close: p1")


def test_broken_context_is_worked_out_again():
    from glossator.annotate.anchors import fix_quote

    visible = [("p1", "Er sagt: Die Chips sind legal."), ("p2", "Sie sagt nichts.")]
    new, why = fix_quote(TextQuote("Die Chips", prefix="Er meint: "), visible, 0.8)
    assert new == TextQuote("Die Chips") and "context changed" in why


def test_curly_apostrophe_gets_the_closest_match_and_the_characters_to_copy():
    paragraphs = [("p1", "Das ist’s: die Chips’ Herkunft bleibt offen.")]
    message = describe_miss(TextQuote("Das ist's"), paragraphs)
    assert message == (
        "found in p1 with other quotation marks, apostrophes or dashes; copy them from the text: 'Das ist’s'"
    )
    near = closest("die Chips' Herkunft", visible_paragraphs(paragraphs))
    assert near[0].text == "die Chips’ Herkunft" and 0.9 < near[0].score < 1


def test_unique_context_is_the_shortest_that_tells_apart():
    visible = [("p1", "Aw sagt, Aw wisse es nicht."), ("p2", "Das sagt Aw.")]
    from glossator.quotes import find_in_visible

    quotes = [unique_context(m, visible) for m in find_in_visible("Aw", visible)]
    assert quotes == [
        TextQuote("Aw", "", " sagt,"),
        TextQuote("Aw", "sagt, ", ""),
        TextQuote("Aw", "", "."),
    ]


def test_check_says_when_only_the_context_broke():
    paragraphs = [("p1", "Er sagt: Die Chips sind legal."), ("p2", "Sie sagt nichts.")]
    assert describe_miss(TextQuote("Die Chips", prefix="Er meint: "), paragraphs) == (
        "the exact text occurs once, in p1, but not with this prefix/suffix "
        "(`glossator fix-anchors` works them out again)"
    )
