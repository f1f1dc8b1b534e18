"""The corpus in the repository passes the check, and its received files are the seeds."""

from __future__ import annotations

import pytest

from conftest import REPO
from glossator.check import check_corpus

SEEDS = REPO.parent / "shared" / "seeds"


def test_committed_corpus_has_no_errors():
    _, problems = check_corpus(REPO)
    assert [str(p) for p in problems if p.severity == "error"] == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not beside this clone (CI has it)")
def test_received_files_are_the_seeds_byte_for_byte():
    """The first version of every article that came from the seeds is the seed, unaltered."""
    corpus, _ = check_corpus(REPO)
    compared = 0
    for article in corpus.articles.values():
        first = (article.versions or (article.received,))[0]
        seed = SEEDS / first.original_name
        if seed.exists():
            assert (REPO / "corpus" / article.id / first.file).read_bytes() == seed.read_bytes()
            compared += 1
    assert compared == len(list(SEEDS.glob("*.txt"))), "every seed is in the corpus"
