"""The corpus in the repository: it passes the check and keeps its promises."""

from __future__ import annotations

import hashlib

from conftest import REPO
from glossator.check import check_corpus
from glossator.corpus import items


def test_committed_corpus_passes_check():
    _, problems = check_corpus(REPO)
    assert [str(p) for p in problems] == []


def test_every_reading_paragraph_is_translated_and_boilerplate_is_not():
    corpus, _ = check_corpus(REPO)
    for entry in corpus.entries.values():
        reading = {p["id"] for _, p in items(entry.article, "paragraphs") if p["kind"] != "boilerplate"}
        translated = {p["id"] for _, p in items(entry.translation, "paragraphs")}
        assert reading == translated, entry.id
        for _, paragraph in items(entry.translation, "paragraphs"):
            assert (paragraph["method"], paragraph["review"]) == ("manual", "unreviewed")


def test_received_files_are_the_seeds_byte_for_byte():
    seeds = REPO.parent / "shared" / "seeds"
    corpus, _ = check_corpus(REPO)
    for entry in corpus.entries.values():
        received = entry.article.data["received"]
        data = (REPO / "corpus" / entry.id / received["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == received["sha256"]
        seed = seeds / received["original_name"]
        if seed.exists():
            assert seed.read_bytes() == data


def test_required_sources_are_registered():
    corpus, _ = check_corpus(REPO)
    sources = {s["id"]: s for _, s in items(corpus.sources, "sources")}
    assert sources["wsj-report-derek-aw"]["via"] == ["article-investing-wsj-derek-aw"]
    assert sources["douyin-su-di-2024-11-28"]["date"] == "2024-11-28"
    assert sources["douyin-su-di-2024-11-29"]["date"] == "2024-11-29"
    assert sources["x-byron-wan-2024-12-09"]["type"] == "social_post"
    assert sources["io-net-user-guide"]["type"] == "guide"
    assert {"article-su-di-nvidia-loopholes", "article-investing-wsj-derek-aw"} <= set(sources)
