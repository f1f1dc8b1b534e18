"""The annotator's day, replayed in git on a copy of the small project (issue 12, "Done when"):
ingest a page with an embedded post, accept the drafted source entry, add three claims with
`claim`, correct the source text so that a quote moves (`ingest --update`), `fix-anchors`.
After each step the `git diff` holds only the lines that step should change."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from glossator.check import check_corpus, errors
from glossator.textnorm import paragraph_hash

ARTICLE = "chips-ueber-singapur"
CLAIMS = f"annotations/claims/{ARTICLE}.yaml"
SOURCES = "annotations/sources.yaml"
PAGE = """<!doctype html>
<html lang="de"><head><title>Chips über Singapur</title>
<meta name="author" content="Erika Muster">
<link rel="canonical" href="https://example.org/chips-singapur">
</head><body>
<nav>Startseite</nav>
<article>
<h1>Chips über Singapur</h1>
<p>Die Händler verkaufen die Chips über <strong>Singapur</strong> und <a href="https://example.org/m">Malaysia</a> nach China.</p>
<p>Nach Angaben des Ministeriums wurden im Jahr 2024 mindestens 2000 H100 geliefert.</p>
<blockquote class="twitter-tweet"><p>In zwei Videos zeigt der Mitbegründer Su Di die Chips. pic.twitter.com/YGbJzjNMU5</p>
— Byron Wan (@Byron_Wan) <a href="https://twitter.com/Byron_Wan/status/1866108520422932577">15. Juli 2025</a></blockquote>
<p>Ein Sprecher sagte, die Chips seien legal. Die Chips seien zudem alt.</p>
</article>
<footer>Impressum</footer>
</body></html>
"""
ENGLISH = {
    "p1": "Chips via Singapore",
    "p2": "The traders sell the chips via **Singapore** and [Malaysia](https://example.org/m) to China.",
    "p3": "According to the ministry, at least 2000 H100 were delivered in 2024.",
    "p4": "In two videos the co-founder Su Di shows the chips. pic.twitter.com/YGbJzjNMU5",
    "p5": "— Byron Wan (@Byron_Wan) [15 July 2025](https://twitter.com/Byron_Wan/status/1866108520422932577)",
    "p6": "A spokesman said the chips were legal. The chips were also old.",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def diff(root: Path, path: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines of the uncommitted changes to `path`."""
    lines = git(root, "diff", "--unified=0", "--", path).splitlines()
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def changed_files(root: Path) -> list[str]:
    return sorted(git(root, "status", "--porcelain", "--untracked-files=all").split("\n")[:-1])


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def day(corpus_project_with_patterns: Path) -> Path:
    if shutil.which("git") is None:
        raise AssertionError("git is needed for this test (it is on every CI image)")
    root = corpus_project_with_patterns
    git(root, "init", "-q")
    git(root, "config", "user.email", "annotator@example.org")
    git(root, "config", "user.name", "Annotator")
    (root / ".gitignore").write_text("build/\nsite/\n", "utf-8")
    commit(root, "the project")
    return root


def replace_line(root: Path, path: str, pattern: str, new: str) -> None:
    file = root / path
    text = file.read_text("utf-8")
    text, count = re.subn(pattern, new, text, count=1, flags=re.M)
    assert count == 1, pattern
    file.write_text(text, "utf-8")


def test_the_annotators_day(day: Path, tmp_path: Path, cli) -> None:
    root = day
    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    sources_before = (root / SOURCES).read_text("utf-8")

    # 1. Ingest a page with an embedded post: a new article, its claims file, and two new
    #    registry entries (the article's own, and the post's draft) appended; nothing else.
    result = cli("ingest", "--root", root, page, "--lang", "de")
    assert result.exit_code == 0, result.output
    assert changed_files(root) == [
        f" M {SOURCES}",
        f"?? {CLAIMS}",
        f"?? corpus/{ARTICLE}/article.yaml",
        f"?? corpus/{ARTICLE}/received.html",
    ]
    removed, added = diff(root, SOURCES)
    assert removed == []
    assert (root / SOURCES).read_text("utf-8").startswith(sources_before)
    registry = {s["id"]: s for s in yaml.safe_load((root / SOURCES).read_text("utf-8"))["sources"]}
    draft = registry["x-byron-wan-2025-07-15"]
    assert (draft["draft"], draft["author"], draft["date"]) == (True, "Byron Wan (@Byron_Wan)", "2025-07-15")
    assert draft["url"] == "https://twitter.com/Byron_Wan/status/1866108520422932577"
    assert "  - id: x-byron-wan-2025-07-15" in added
    commit(root, "ingest")

    # A translation, by hand (the DeepL step is tested elsewhere).
    article = yaml.safe_load((root / f"corpus/{ARTICLE}/article.yaml").read_text("utf-8"))
    texts = {p["id"]: p["text"] for p in article["paragraphs"]}
    assert list(texts) == list(ENGLISH)
    translation = {
        "article": ARTICLE,
        "language": "en",
        "paragraphs": [
            {
                "id": pid,
                "source_hash": paragraph_hash(texts[pid]),
                "method": "manual",
                "review": "reviewed",
                "text": en,
            }
            for pid, en in ENGLISH.items()
        ],
    }
    header = "# yaml-language-server: $schema=../../scripts/glossator/schemas/translation.schema.json\n"
    (root / f"corpus/{ARTICLE}/translation.en.yaml").write_text(
        header + yaml.safe_dump(translation, allow_unicode=True, sort_keys=False), "utf-8"
    )
    commit(root, "translation")

    # 2. Accept the drafted source entry: only the lines the annotator edits change, and the
    #    check's warning about the draft goes.
    assert any("is a draft" in p.message for p in check_corpus(root)[1])
    replace_line(root, SOURCES, r"^    draft: true\n", "")
    replace_line(
        root,
        SOURCES,
        r"^    label: 'Draft, not confirmed: (.*)'$",
        r"    label: Byron Wan's post on X about Su Di's videos",
    )
    replace_line(
        root,
        SOURCES,
        r"^      rationale: Draft made by .*\n.*\n",
        "      rationale: An individual account, not assessed.\n",
    )
    removed, added = diff(root, SOURCES)
    assert len(removed) == 4 and added == [
        "    label: Byron Wan's post on X about Su Di's videos",
        "      rationale: An individual account, not assessed.",
    ]
    assert not any("is a draft" in p.message for p in check_corpus(root)[1])
    commit(root, "accept the post's entry")

    # 3. Three claims with `claim`; each adds its lines to the claims file and changes nothing else.
    steps = [
        (
            ["Chips über **Singapur** und Malaysia nach China"],
            {"exact": "Chips über Singapur und Malaysia nach China"},
        ),
        (["die Chips", "--paragraph", "p6"], {"exact": "die Chips", "suffix": " seien"}),
        (["at least 2000 H100 were delivered", "--in", "translation"], None),
    ]
    refused = cli("claim", "--root", root, ARTICLE, "die Chips")  # in p2 and p6: which one?
    assert refused.exit_code == 1 and "--paragraph p6 --occurrence 1" in refused.output
    assert changed_files(root) == []
    for number, (arguments, original) in enumerate(steps, 1):
        before = (root / CLAIMS).read_text("utf-8")
        result = cli("claim", "--root", root, ARTICLE, *arguments)
        assert result.exit_code == 0, result.output
        assert changed_files(root) == [f" M {CLAIMS}"]
        removed, added = diff(root, CLAIMS)
        after = (root / CLAIMS).read_text("utf-8")
        if before.rstrip().endswith("claims: []"):  # the scaffold's empty list becomes a block list
            assert removed == ["claims: []"] and added[0] == "claims:"
            added = added[1:]
        else:
            assert removed == [] and after.startswith(before)
        claim = yaml.safe_load("\n".join(added))[0]
        assert claim["id"] == f"{ARTICLE}-{number:02d}" and claim["draft"] is True
        if original is not None:
            assert claim["quote"]["original"] == original
        commit(root, f"claim {number}")
    third = yaml.safe_load((root / CLAIMS).read_text("utf-8"))["claims"][2]["quote"]
    assert third["translation"] == {"exact": "at least 2000 H100 were delivered"}
    assert "2000 H100" in third["original"]["exact"], "the proposal shares the names and numbers"
    todo = [p for p in errors(check_corpus(root)[1]) if "to do: draft claim" in p.message]
    assert len(todo) == 18, "six fields to decide in each of three drafts"

    # 4. The publisher corrects the text: the first quote's words change.
    page.write_text(PAGE.replace("nach China", "in die Volksrepublik China"), "utf-8")
    result = cli("ingest", "--root", root, page, "--update", "--lang", "de")
    assert result.exit_code == 0, result.output
    removed, added = diff(root, f"corpus/{ARTICLE}/article.yaml")
    assert [line for line in removed if "Händler verkaufen" in line] and all(
        "Händler verkaufen" in line
        or line.startswith(("  file:", "  sha256:", "  original_name:", "  date:", "  format:"))
        for line in removed
    )
    assert changed_files(root) == [
        f" M corpus/{ARTICLE}/article.yaml",
        f"?? corpus/{ARTICLE}/versions/2.html",
    ]
    missed = [p.message for p in check_corpus(root)[1] if "quote not found" in p.message]
    assert len(missed) == 1 and "the closest is in p2" in missed[0]
    commit(root, "correction")

    # 5. fix-anchors moves the quote; only its line changes.
    result = cli("fix-anchors", "--root", root, ARTICLE)
    assert result.exit_code == 0, result.output
    assert changed_files(root) == [f" M {CLAIMS}"]
    removed, added = diff(root, CLAIMS)
    assert removed == ["      exact: Chips über Singapur und Malaysia nach China"]
    assert added == ["      exact: Chips über Singapur und Malaysia in die Volksrepublik China"]
    assert not [p for p in check_corpus(root)[1] if "quote not found" in p.message]
    commit(root, "fix anchors")

    # 6. Rename an entity: every reference changes, and only those lines; the old address is kept
    #    as a redirect.
    demo_claims = "annotations/claims/demo-article.yaml"
    problems_before = [str(p) for p in check_corpus(root)[1]]
    result = cli("rename", "--root", root, "entity", "max-muster", "max-mustermann")
    assert result.exit_code == 0, result.output
    assert changed_files(root) == [
        f" M {demo_claims}",
        " M annotations/entities.yaml",
        "?? annotations/redirects.yaml",
    ]
    removed, added = diff(root, "annotations/entities.yaml")
    assert removed == ["  - id: max-muster"] and added == ["  - id: max-mustermann"]
    removed, added = diff(root, demo_claims)
    assert [line.replace("max-muster", "max-mustermann") for line in removed] == added
    assert len(removed) == 3  # two entity lists and one claimant
    assert [str(p) for p in check_corpus(root)[1]] == problems_before, "the rename broke no reference"
    commit(root, "rename")
