"""`glossator claim`: a draft claim from the words a reader sees, appended without touching the
rest of the claims file; every bad input a clear message, exit 1, no file touched."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import add_article, project_files
from glossator.check import check_corpus, errors
from glossator.quotes import TextQuote, find_quote
from glossator.textnorm import paragraph_hash

GERMAN = [
    "Die Firmen sitzen in **Singapur** und [Malaysia](https://example.org/m). Sie kaufen die Chips.",
    "Die Chips kommen über Singapur. NVIDIA liefert 2000 H100 an die Firmen.",
    "Ein Sprecher sagte, die Chips seien legal.",
]
ENGLISH = [
    "The companies are in **Singapore** and [Malaysia](https://example.org/m). They buy the chips.",
    "The chips come via Singapore. NVIDIA delivers 2000 H100 to the companies.",
    "A spokesman said the chips were legal.",
]


def add_translated(root: Path, article_id: str = "chips", german=GERMAN, english=ENGLISH) -> None:
    add_article(root, article_id, german)
    header = "# yaml-language-server: $schema=../../scripts/glossator/schemas/translation.schema.json\n"
    data = {
        "article": article_id,
        "language": "en",
        "paragraphs": [
            {
                "id": f"p{i}",
                "source_hash": paragraph_hash(de),
                "method": "manual",
                "review": "reviewed",
                "text": en,
            }
            for i, (de, en) in enumerate(zip(german, english, strict=True), 1)
        ],
    }
    path = root / "corpus" / article_id / "translation.en.yaml"
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def claims_data(root: Path, article_id: str) -> dict:
    return yaml.safe_load((root / "annotations" / "claims" / f"{article_id}.yaml").read_text("utf-8"))


def test_claim_appends_only_the_new_claim(project, cli):
    path = project / "annotations" / "claims" / "demo-article.yaml"
    before = path.read_text("utf-8").replace("claims:\n", "claims:  # the claims, by hand\n")
    path.write_text(before, "utf-8")
    result = cli("claim", "--root", project, "demo-article", "zehn H100-Chips in Singapur")
    assert result.exit_code == 0, result.output
    after = path.read_text("utf-8")
    assert after.startswith(before), "every byte of the file before the new claim is kept"
    added = yaml.safe_load("claims:\n" + after[len(before) :])["claims"]
    assert added == [
        {
            "id": "demo-03",
            "draft": True,
            "statement": None,
            "quote": {
                "original": {"exact": "zehn H100-Chips in Singapur"},
                "translation": {
                    "exact": "H100 chips in Singapore"
                },  # a proposal: "ten" is left to the annotator
            },
            "claimant": None,
            "type": None,
            "sources": [{"source": "demo-article", "locator": "p1"}],
            "confidence": None,
            "rationale": None,
            "status": None,
        }
    ]
    assert "# TODO" in after[len(before) :]
    assert "Added draft claim demo-03 to annotations/claims/demo-article.yaml" in result.output
    assert "is a proposal" in result.output


def test_check_lists_what_a_draft_still_needs_and_accepts_it_once_filled(project, cli):
    cli("claim", "--root", project, "demo-article", "Das sei legal, sagte Muster")
    _, problems = check_corpus(project)
    todo = sorted(p.message.split(" needs its ")[1].split(" ")[0] for p in errors(problems))
    assert todo == ["claimant", "confidence", "rationale", "statement", "status", "type"]
    assert all("to do: draft claim 'demo-03'" in p.message for p in errors(problems))
    path = project / "annotations" / "claims" / "demo-article.yaml"
    text = path.read_text("utf-8")
    for field, value in [
        ("statement", "Muster says the sale was legal."),
        ("claimant", "entity:max-muster"),
        ("type", "statement"),
        ("confidence", "moderate"),
        ("rationale", "Quoted directly."),
        ("status", "unverified"),
    ]:
        start = text.index(f"{field}: null  # TODO")
        text = text[:start] + f"{field}: {value}\n" + text[text.index("\n", start) + 1 :]
    path.write_text(text, "utf-8")
    _, problems = check_corpus(project)
    assert errors(problems) == []
    assert [p.message for p in problems if "draft" in p.message] == [
        "draft claim 'demo-03' has every field filled: check its proposed quote, then remove `draft: true`"
    ]
    path.write_text(text.replace("    draft: true\n", ""), "utf-8")
    assert check_corpus(project)[1] == []


def test_markdown_is_quoted_as_the_reader_sees_it(project, cli):
    add_translated(project)
    result = cli("claim", "--root", project, "chips", "in **Singapur** und Malaysia")
    assert result.exit_code == 0, result.output
    [claim] = claims_data(project, "chips")["claims"]
    assert claim["quote"]["original"] == {"exact": "in Singapur und Malaysia"}
    assert claim["quote"]["translation"] == {"exact": "in Singapore and Malaysia"}
    assert claim["id"] == "chips-01"
    assert claim["sources"] == [{"source": "chips", "locator": "p1"}]


def test_a_repeated_phrase_is_refused_with_the_options_that_pick_each(project, cli):
    add_translated(project)
    before = project_files(project)
    result = cli("claim", "--root", project, "chips", "die Chips")
    assert result.exit_code == 1
    assert "'die Chips' occurs 2 times in the original; say which one:" in result.output
    assert "--paragraph p1 --occurrence 1" in result.output
    assert "--paragraph p3 --occurrence 1" in result.output
    assert project_files(project) == before
    result = cli("claim", "--root", project, "chips", "die Chips", "--paragraph", "p3")
    assert result.exit_code == 0, result.output
    quote = claims_data(project, "chips")["claims"][0]["quote"]["original"]
    assert quote == {"exact": "die Chips", "suffix": " seien"}, "the shortest context that tells it apart"
    paragraphs = [(f"p{i}", t) for i, t in enumerate(GERMAN, 1)]
    [match] = find_quote(TextQuote.from_data(quote), paragraphs)
    assert match.paragraph == "p3"


def test_words_found_nowhere_or_across_paragraphs_touch_nothing(project, cli):
    add_translated(project)
    before = project_files(project)
    result = cli("claim", "--root", project, "chips", "Die Chips kommen über Malaysia")
    assert result.exit_code == 1
    assert "is not in the original or the translation of 'chips'" in result.output
    assert "the closest, in p2 of the original" in result.output
    result = cli("claim", "--root", project, "chips", "kaufen die Chips. Die Chips kommen")
    assert result.exit_code == 1
    assert "the words run across paragraphs p1 and p2 of the original" in result.output
    result = cli("claim", "--root", project, "nope", "x")
    assert result.exit_code == 1 and "corpus/nope/article.yaml: no such article" in result.output
    assert project_files(project) == before


def test_words_of_the_translation_propose_the_original(project, cli):
    add_translated(project)
    result = cli("claim", "--root", project, "chips", "NVIDIA delivers 2000 H100 to the companies.")
    assert result.exit_code == 0, result.output
    quote = claims_data(project, "chips")["claims"][0]["quote"]
    assert quote["translation"] == {"exact": "NVIDIA delivers 2000 H100 to the companies."}
    assert quote["original"] == {"exact": "NVIDIA liefert 2000 H100 an die Firmen."}
    assert "The original quote is a proposal" in result.output


def test_an_editor_selection_in_article_yaml(project, cli):
    path = project / "corpus" / "demo-article" / "article.yaml"
    lines = path.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, 1) if "Max Muster verkaufte" in line)
    start = lines[number - 1].index("Max Muster") + 1
    result = cli(
        "claim", "--root", project, "demo-article", "--line", number,
        "--column-start", start, "--column-end", start + len("Max Muster"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    claim = claims_data(project, "demo-article")["claims"][-1]
    assert claim["quote"]["original"] == {"exact": "Max Muster"}
    assert claim["sources"][0]["locator"] == "p1"
    result = cli(
        "claim", "--root", project, "demo-article", "--line", 2, "--column-start", 1, "--column-end", 4
    )
    assert result.exit_code == 1 and "is not inside a paragraph's text" in result.output


def test_a_broken_claims_file_is_left_alone(project, cli):
    path = project / "annotations" / "claims" / "demo-article.yaml"
    path.write_text(path.read_text("utf-8") + "  - id: [unclosed\n", "utf-8")
    before = project_files(project)
    result = cli("claim", "--root", project, "demo-article", "Max Muster")
    assert result.exit_code == 1
    assert "annotations/claims/demo-article.yaml:" in result.output
    assert "is left as it is" in result.output
    assert project_files(project) == before


def test_next_id_follows_the_file_and_skips_ids_taken_elsewhere():
    from glossator.annotate.claim import next_id

    assert next_id(["sudi-01", "sudi-02", "other"], set(), "su-di") == "sudi-03"
    assert next_id(["aw-9"], {"aw-10"}, "x") == "aw-11"
    assert next_id([], set(), "my-article") == "my-article-01"
    assert next_id([], {"my-article-01"}, "my-article") == "my-article-02"


def test_words_that_look_like_yaml_are_written_as_text(project, cli):
    add_article(project, "special", ['Er sagte: "Das ist #1 - ja: - nein" und ging.', "Dann: - id: x"])
    words = 'sagte: "Das ist #1 - ja: - nein"'
    result = cli("claim", "--root", project, "special", words)
    assert result.exit_code == 0, result.output
    result = cli("claim", "--root", project, "special", "--", "- id: x")  # words that begin with "-"
    assert result.exit_code == 0, result.output
    claims = claims_data(project, "special")["claims"]
    assert [c["quote"]["original"]["exact"] for c in claims] == [words, "- id: x"]
    assert [c["quote"]["translation"] for c in claims] == [None, None]
    messages = [p.message for p in errors(check_corpus(project)[1]) if "special-0" in p.message]
    assert (
        "to do: draft claim 'special-01' needs its translation quote (translate the article first)"
        in messages
    )


def test_a_selection_in_a_file_linked_out_of_the_project_is_refused(project, cli, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("paragraphs:\n  - id: p1\n    text: geheim\n", "utf-8")
    article = project / "corpus" / "demo-article" / "article.yaml"
    article.unlink()
    article.symlink_to(outside)
    args = ["--line", 3, "--column-start", 11, "--column-end", 17]
    result = cli("claim", "--root", project, "demo-article", *args)
    assert result.exit_code == 1 and "geheim" not in result.output


def test_a_draft_claim_is_listed_and_counted_without_a_traceback(project, cli):
    cli("claim", "--root", project, "demo-article", "Max Muster")
    for args in (["list", "sources"], ["list", "entities"], ["list", "claims"], ["stats"]):
        result = cli(*args, "--root", project)
        assert result.exit_code == 0, (args, result.output)
    assert "demo-03" in cli("list", "claims", "--root", project).output
