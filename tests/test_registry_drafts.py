"""Ingest drafts a registry entry for each embedded post that names its author: only what the
page gives, marked `draft: true`, a warning in check until someone confirms it."""

from __future__ import annotations

import yaml

from glossator.check import check_corpus, errors
from glossator.ingest.paragraphs import Candidate
from glossator.ingest.registry import draft_entries

POST = (
    "Ein Bericht über die Videos eines Unternehmers aus Peking und seine Chips.\n"
    "In zwei Videos zeigt der Mitbegründer Su Di die Chips in… pic.twitter.com/YGbJzjNMU5\n"
    "– Byron Wan (@Byron_Wan) , 9. Dezember 2024\n"
)


def sources(root) -> dict:
    data = yaml.safe_load((root / "annotations" / "sources.yaml").read_text("utf-8"))
    return {s["id"]: s for s in data["sources"]}


def test_ingest_drafts_the_embedded_post(corpus_project_with_patterns, tmp_path, cli):
    root = corpus_project_with_patterns
    (tmp_path / "post.txt").write_text(POST, "utf-8")
    before = (root / "annotations" / "sources.yaml").read_text("utf-8")
    result = cli("ingest", "--root", root, tmp_path / "post.txt", "--id", "post-article", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert "drafted in annotations/sources.yaml" in result.output
    after = (root / "annotations" / "sources.yaml").read_text("utf-8")
    assert after.startswith(before.rstrip("\n")), "the registry's earlier lines are kept"
    draft = sources(root)["x-byron-wan-2024-12-09"]
    assert draft == {
        "id": "x-byron-wan-2024-12-09",
        "draft": True,
        "type": "social_post",
        "label": "Draft, not confirmed: post by Byron Wan (@Byron_Wan), 2024-12-09",
        "title": None,
        "author": "Byron Wan (@Byron_Wan)",
        "publisher": "X",
        "date": "2024-12-09",
        "url": None,  # a media link is not the post's address: not invented
        "reliability": {"grade": "F", "rationale": draft["reliability"]["rationale"]},
        "via": ["post-article"],
        "notes": {
            "title": "Posts on X have no title.",
            "url": "The embed carries only a media link, pic.twitter.com/YGbJzjNMU5, not the post's own "
            "address; not verified.",
        },
    }
    assert "nobody has confirmed it" in draft["reliability"]["rationale"]
    _, problems = check_corpus(root)
    assert errors(problems) == []
    [warning] = [p for p in problems if "draft" in p.message]
    assert warning.severity == "warning" and "source 'x-byron-wan-2024-12-09' is a draft" in warning.message


def test_a_status_link_gives_the_address_and_an_unreadable_date_a_note():
    candidate = Candidate(["p2", "p3"], "Jane Roe", "jroe", "gestern", "x.com/jroe/status/123456")
    [draft] = draft_entries([candidate], "article-x")
    assert draft["id"] == "x-jroe"
    assert draft["url"] == "https://x.com/jroe/status/123456"
    assert draft["date"] is None
    assert draft["notes"]["date"].startswith("Not read from the page: 'gestern' is not a date")


def test_the_date_linked_to_the_post_as_x_embeds_it():
    date = "[15. Juli 2025](https://twitter.com/Byron_Wan/status/1866108520422932577)"
    [draft] = draft_entries(
        [Candidate(["p4", "p5"], "Byron Wan", "Byron_Wan", date, "pic.twitter.com/Y")], "a"
    )
    assert draft["date"] == "2025-07-15"
    assert draft["url"] == "https://twitter.com/Byron_Wan/status/1866108520422932577", "as given, not rebuilt"
    assert draft["id"] == "x-byron-wan-2025-07-15"


def test_a_post_with_neither_author_nor_address_is_not_drafted():
    assert draft_entries([Candidate(["p2"], None, None, None, "pic.twitter.com/abc")], "a") == []


def test_an_impossible_date_is_refused_not_written():
    [draft] = draft_entries([Candidate(["p2"], "A B", "ab", "31. Februar 2025", None)], "a")
    assert draft["date"] is None and "is not a real date" in draft["notes"]["date"]
    assert draft["publisher"] is None and draft["notes"]["publisher"]


def test_removing_the_mark_alone_does_not_confirm_a_draft(corpus_project_with_patterns, tmp_path, cli):
    root = corpus_project_with_patterns
    (tmp_path / "post.txt").write_text(POST, "utf-8")
    cli("ingest", "--root", root, tmp_path / "post.txt", "--id", "post-article", "--lang", "de")
    path = root / "annotations" / "sources.yaml"
    path.write_text(path.read_text("utf-8").replace("    draft: true\n", ""), "utf-8")
    messages = [p.message for p in check_corpus(root)[1] if "x-byron-wan" in p.message]
    assert [m.split(":")[0] for m in messages] == [
        "source 'x-byron-wan-2024-12-09' is no longer a draft, but its label still says it is",
        "source 'x-byron-wan-2024-12-09' is no longer a draft, but its reliability still says it is",
    ]


def test_a_post_that_first_appears_in_a_correction_is_drafted_too(
    corpus_project_with_patterns, tmp_path, cli
):
    root = corpus_project_with_patterns
    first = (
        POST.split("In zwei Videos")[0] + "Ein zweiter Satz ohne eingebetteten Beitrag, ganz ohne Quelle.\n"
    )
    (tmp_path / "post.txt").write_text(first, "utf-8")
    result = cli("ingest", "--root", root, tmp_path / "post.txt", "--id", "post-article", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert "x-byron-wan-2024-12-09" not in sources(root)
    before = (root / "annotations" / "sources.yaml").read_text("utf-8")
    (tmp_path / "post.txt").write_text(POST, "utf-8")
    result = cli(
        "ingest", "--root", root, tmp_path / "post.txt", "--id", "post-article", "--lang", "de", "--update"
    )
    assert result.exit_code == 0, result.output
    after = (root / "annotations" / "sources.yaml").read_text("utf-8")
    assert after.startswith(before.rstrip("\n")), "only the draft is appended"
    draft = sources(root)["x-byron-wan-2024-12-09"]
    assert draft["draft"] is True and draft["via"] == ["post-article"]
    # The same correction again changes nothing: the draft is not added twice.
    result = cli(
        "ingest", "--root", root, tmp_path / "post.txt", "--id", "post-article", "--lang", "de", "--update"
    )
    assert result.exit_code == 0, result.output
    assert (root / "annotations" / "sources.yaml").read_text("utf-8") == after
