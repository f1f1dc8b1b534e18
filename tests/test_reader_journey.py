"""Issue 11's reader, in Chromium on the committed corpus: someone who reads no German opens the
Investing.com article, clicks the passage about Brisbane, reads the claim's popover, follows it
to the claim's page, sees how the claim is known drawn with each source's grade, goes to the
page of the source it rests on and finds every claim that rests on it there, then downloads the
claims as CSV. What the pages must show is worked out from the corpus model, not written here."""

from __future__ import annotations

import csv
import io

import pytest

from glossator import evidence
from glossator.build import build_site
from glossator.corpus import load_corpus
from test_browser import browser, serve  # noqa: F401 (the fixture)
from test_reader import _page

ARTICLE = "wsj-derek-aw-compute-rental"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    from conftest import copy_repo

    root = copy_repo(tmp_path_factory.mktemp("journey"))
    built = build_site(root, site_dir=root / "site", progress=lambda _: None)
    server, url = serve(built)
    yield load_corpus(root)[0], url
    server.shutdown()


def test_a_reader_follows_a_passage_to_its_evidence_and_the_data(browser, corpus_site):  # noqa: F811
    corpus, site = corpus_site
    page = _page(browser, f"{site}/articles/{ARTICLE}.html")

    # The English passage about Brisbane is marked; a click opens the claim's popover.
    mark = page.locator(".gl-translation mark", has_text="Brisbane").first
    claim_id = mark.get_attribute("data-claims").split()[0]
    claim = next(c for c in corpus.claims[ARTICLE] if c.id == claim_id)
    mark.click()
    popover = page.locator(".gl-popover")
    assert popover.is_visible() and claim.statement in popover.inner_text()
    popover.get_by_role("link", name="claim page", exact=False).first.click()
    page.wait_for_url(f"**/claims/{claim_id}.html")
    assert claim.statement in page.locator("h1").inner_text()

    # The chain is drawn: one node per source it rests on and each relay it is known through,
    # with the grade of the registry, and the same in words for those who do not see it.
    cited = [ref.source for ref in claim.sources]
    expected = set(cited) | {s for c in cited for s in evidence.via_closure(corpus.sources, c)}
    nodes = page.locator("svg.gl-chain-wide g.gl-node")
    drawn = {nodes.nth(i).get_attribute("data-source") for i in range(nodes.count())}
    assert drawn == expected
    for source_id in expected:
        grade = corpus.sources[source_id].reliability.grade
        node = page.locator(f"svg.gl-chain-wide g.gl-node[data-source='{source_id}']").first
        assert f"gl-node-grade-{grade}" in node.get_attribute("class")
        assert node.locator("text.gl-node-grade").text_content() == grade
    label = page.locator("svg.gl-chain-wide").first.get_attribute("aria-label")
    assert " → " in label or len(expected) == 1

    # The page of the first source in the chain lists every claim that rests on it, linked.
    origin = sorted(expected)[0]
    page.locator(f"a[href$='sources/{origin}.html']").first.click()
    page.wait_for_url(f"**/sources/{origin}.html")
    listed = {
        href.rsplit("/", 1)[-1].removesuffix(".html")
        for href in page.locator("a[href*='claims/']").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
    }
    resting = {c.id for c in corpus.all_claims() if origin in {r.source for r in c.sources}}
    assert resting and resting <= listed

    # The footer leads to the data; the claims come as CSV with this claim in it.
    page.locator("footer a", has_text="Data").first.click()
    page.wait_for_url("**/data.html")
    with page.expect_download() as caught:
        page.locator("a[download='claims.csv']").click()
    rows = list(csv.DictReader(io.StringIO(caught.value.path().read_text("utf-8-sig"))))
    assert claim_id in {row["id"] for row in rows}
    assert len(rows) == len(list(corpus.all_claims()))
    assert page.errors == []
