"""The site's search as a reader uses it, in Debian's Chromium (the harness of test_browser.py):
the committed corpus is built and served on 127.0.0.1, each query of issue 10 is typed into the
header's search box, and the results are read as a reader reads them: the kind of record, its
title, the words marked in its excerpt, and the page it leads to.

The assertions name what was looked for (the query's own word, a name in another script), never
other content of today's corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossator.build import build_site
from test_browser import browser, serve  # noqa: F401 (browser: the fixture; skips without Chromium)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from conftest import copy_repo

    root = copy_repo(tmp_path_factory.mktemp("search") / "project")
    return build_site(root, site_dir=root / "site", progress=lambda _: None)


@pytest.fixture(scope="module")
def site_url(site):
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture
def page(browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == []


RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
  kind: li.dataset.kind, language: li.dataset.language,
  title: li.querySelector('h1').textContent,
  label: li.querySelector('.gl-search-kind').textContent,
  excerpt: li.querySelector('.gl-search-excerpt').textContent,
  marked: [...li.querySelectorAll('mark')].map(m => m.textContent),
  href: li.querySelector('a').href}))"""


def search(page, url: str, words: str, *, at: str = "index.html", filters: dict | None = None) -> list[dict]:
    page.goto(f"{url}/{at}")
    page.click("input.md-search__input")
    for name, value in (filters or {}).items():
        page.wait_for_selector(f"select[data-filter={name}] option[value='{value}']", state="attached")
        page.select_option(f"select[data-filter={name}]", value)
    page.click("input.md-search__input")
    page.keyboard.type(words)
    answered = """([q, f]) => { const list = document.querySelector('.md-search-result__list');
      return list.dataset.query === q && list.dataset.filters === JSON.stringify(f); }"""
    page.wait_for_function(answered, arg=[words, filters or {}], timeout=20000)
    return page.evaluate(RESULTS)


def page_text(page, href: str) -> str:
    """The text of the place a result leads to: the element its anchor names, or the page."""
    page.goto(href)
    anchor = href.partition("#")[2]
    return page.locator(f"[id='{anchor}']" if anchor else "body").first.inner_text()


def marked(result: dict, pattern: str) -> bool:
    return any(re.search(pattern, word, re.IGNORECASE) for word in result["marked"])


def test_a_name_in_chinese_finds_the_person_and_what_names_him_in_latin_script(page, site_url):
    results = search(page, site_url, "苏菂")
    assert any(r["kind"] == "entity" and "苏菂" in r["title"] for r in results[:3]), results[:3]
    # what names him only as "Su Di" is found through the entity's names (and says so)
    text = [(r["title"] + r["excerpt"]).partition("Found as:") for r in results if r["kind"] == "claim"]
    assert any("Su Di" in own and "苏菂" not in own and "苏菂" in note for own, _, note in text), results


def test_a_german_plural_finds_the_singular(page, site_url):
    results = search(page, site_url, "Rechenzentren")
    assert any(marked(r, r"^Rechenzentr") for r in results[:3]), results[:3]


@pytest.mark.parametrize("words", ["data centers", "data centres"])
def test_american_and_british_spelling_find_each_other(page, site_url, words):
    results = search(page, site_url, words)
    top = results[:3]
    assert any(
        r["kind"] in ("article", "claim") and "data centre" in r["title"] + r["excerpt"] for r in top
    ), top


@pytest.mark.parametrize("words", ["Schlupflöcher", "Schlupfloch"])
def test_a_compounds_part_finds_the_compound(page, site_url, words):
    """Handelsschlupflöcher is found by its head, with and without the umlaut of the plural."""
    results = search(page, site_url, words)
    top = results[:3]
    assert any(r["kind"] == "claim" and marked(r, r"^Handelsschlupflöcher$") for r in top), top


def test_plural_and_singular_find_the_same_articles(page, site_url):
    def articles(words: str) -> set[str]:
        found = search(page, site_url, words)
        return {r["href"].partition("#")[0] for r in found if r["kind"] == "article"}

    plural = articles("Exportkontrollen")
    assert plural and plural == articles("Exportkontrolle")


def test_a_persons_name_finds_the_person_in_the_top_three_and_no_claim_by_its_id(page, site_url):
    # A claim whose statement is about him ("Derek Aw is a former Bitcoin miner.") may come first.
    results = search(page, site_url, "Derek Aw")
    assert any(r["kind"] == "entity" and "Derek Aw" in r["title"] for r in results[:3]), " | ".join(
        r["kind"] + ":" + r["title"][:20] for r in results[:6]
    )
    for claim in (r for r in results if r["kind"] == "claim"):
        # found through its words, not through an id like aw-05
        assert marked(claim, r"^(Derek|Aw)\b") or re.search(r"\bAw\b", claim["excerpt"]), claim


def test_a_word_finds_the_claims_that_say_it_not_those_whose_source_title_does(page, site_url):
    results = search(page, site_url, "loophole")
    claims = [r for r in results if r["kind"] == "claim"]
    assert claims and any(r["kind"] == "claim" for r in results[:3]), results[:3]
    for claim in claims:
        words = (claim["title"] + " " + claim["excerpt"]).lower()
        assert "loophole" in words or "schlupfl" in words, claim


@pytest.mark.parametrize(
    ("words", "says"),
    [("data centre", "Rechenzentrum"), ("Singapore", "Singapur"), ("Singapur", "Singapore")],
)
def test_a_synonym_in_the_other_language_finds_the_text(page, site_url, words, says):
    results = search(page, site_url, words)
    articles = [r for r in results if r["kind"] == "article"]
    assert any(says in page_text(page, r["href"].partition("#")[0]) for r in articles), results


def test_filters_keep_only_the_chosen_records(page, site_url):
    claims = search(page, site_url, "Singapore", filters={"type": "claim"})
    assert claims and {r["kind"] for r in claims} == {"claim"}
    german = search(page, site_url, "Singapur", filters={"language": "de"})
    assert german and all("de" in r["language"].split() for r in german)
    low = search(page, site_url, "Singapore", filters={"confidence": "low"})
    assert low and all(r["kind"] == "claim" and "confidence low" in r["label"] for r in low)
    status = search(page, site_url, "Singapore", filters={"status": "corroborated"})
    assert all("corroborated" in r["label"] for r in status)


def test_this_article_only_on_an_article_page(page, site_url, site):
    article = next(p for p in sorted((site / "articles").glob("*.html")) if p.name != "index.html")
    at = f"articles/{article.name}"
    page.goto(f"{site_url}/{at}")
    page.click("input.md-search__input")
    page.check("input[data-filter=article]")
    page.click("input.md-search__input")
    page.keyboard.type("Singapore")
    page.wait_for_function("document.querySelector('.md-search-result__list').dataset.query === 'Singapore'")
    results = page.evaluate(RESULTS)
    own_claims = set(re.findall(r'id="claim-([a-z0-9-]+)"', article.read_text("utf-8")))
    assert results
    for r in results:
        target = r["href"].split("#")[0]
        if r["kind"] == "claim":  # a claim's own page: one of this article's claims
            assert re.search(r"claims/([a-z0-9-]+)\.html$", target).group(1) in own_claims, r
        else:
            assert target.endswith(at) or r["kind"] == "source", r


def test_keyboard_opens_moves_through_and_closes_the_search(page, site_url):
    page.goto(f"{site_url}/index.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.is_checked("#__search")
    page.keyboard.type("Singapore")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    page.keyboard.press("s")
    assert page.is_checked("#__search")


def test_every_result_leads_to_a_place_that_exists(page, site_url, site):
    for words in ("Singapore", "Derek Aw", "苏菂"):
        for result in search(page, site_url, words):
            path, _, anchor = result["href"].removeprefix(site_url + "/").partition("#")
            html = (site / path).read_text("utf-8")
            assert not anchor or f'id="{anchor}"' in html, result["href"]


def test_opened_from_disk_the_search_says_how_to_serve_the_site(page, site):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("/")
    message = page.locator(".gl-search .md-search-result__meta")
    assert message.is_visible()
    assert "python3 -m http.server -d site" in message.inner_text()
    assert not [r for r in requests if "pagefind" in r]


def test_search_requests_nothing_from_another_host(page, site_url):
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    search(page, site_url, "Singapore")
    assert hosts == {site_url.split("/")[2]}


def test_the_index_is_ready_before_the_reader_reaches_the_box(page, site_url):
    """A reader takes a moment to reach the search box: the engines and their tables of pages
    load when the browser is idle after the page, so that the first search waits for its own
    words only (the index chunks of those words are fetched when they are typed)."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}/index.html", wait_until="load")
    page.wait_for_function(
        "() => document.querySelectorAll('.gl-search-filters option').length > 0", timeout=10000
    )
    page.wait_for_timeout(500)  # the workers fetch their tables
    fetched = {url.rsplit("/", 1)[1].rsplit(".", 1)[-1] for url in requests if "/pagefind/" in url}
    assert {"pf_meta", "pagefind"} <= fetched  # the tables of pages and the engines (wasm)
    assert "pf_index" not in fetched and "pf_fragment" not in fetched  # nothing of a query yet
    assert search(page, site_url, "Singapore")


def test_the_first_letters_of_a_word_fetch_nothing_until_the_reader_stops(page, site_url):
    """A word's first two letters begin so many words that their index chunks are much of the
    index: nothing is fetched for them while the reader types on; a two-letter word is searched
    once the reader stops."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.clock.install()  # the page's timers, under the test's control
    page.goto(f"{site_url}/index.html", wait_until="load")
    page.clock.run_for(3000)  # the engines load when the browser is idle
    page.wait_for_selector(".gl-search[data-engines=ready]", state="attached")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # time stands still but as the test moves it
    page.click("input.md-search__input")
    page.keyboard.type("AI")
    page.clock.run_for(250)  # a reader typing on presses the next key within this
    page.wait_for_timeout(500)  # anything asked for would be on its way
    assert not [url for url in requests if url.endswith(".pf_index")]
    page.clock.run_for(100)  # the reader has stopped
    page.wait_for_function("() => document.querySelector('.md-search-result__list').dataset.query === 'AI'")
    results = page.evaluate(RESULTS)
    assert results and any(marked(r, r"^AI\b") for r in results)
    assert [url for url in requests if url.endswith(".pf_index")]  # the engines' requests are seen


def test_a_reader_saving_data_downloads_the_index_only_when_opening_the_search(page, site_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    page.goto(f"{site_url}/index.html", wait_until="load")
    page.wait_for_timeout(1500)
    assert not [url for url in requests if "/pagefind/" in url]
    assert search(page, site_url, "Singapore")


def test_an_excerpt_does_not_repeat_the_title_above_it(page, site_url):
    """A claim's text begins with its statement, its title: the excerpt shows what follows
    (its quotes; one may say the same words as the statement), and cuts no word in two."""
    words = ("Derek Aw", "Schlupfloch", "Singapore")
    results = [r for w in words for r in search(page, site_url, w)]
    claims = [r for r in results if r["kind"] == "claim"]
    assert claims
    for result in claims:
        title, excerpt = result["title"].split(), result["excerpt"].removeprefix("…")
        for n in range(min(2, len(title)), len(title) + 1):  # neither the title nor its last words, then more
            tail = " ".join(title[-n:])
            assert not (excerpt.startswith(tail) and len(excerpt) > len(tail)), result
    for result in claims:
        first = result["excerpt"].removeprefix("…").split()[0].strip(".,;:")
        assert re.search(rf"(?<!\w){re.escape(first)}(?!\w)", page_text(page, result["href"])), result


# A browser without web workers, and one whose workers fail (a worker-src policy, say).
NO_WORKERS = (
    "delete window.Worker",
    "window.Worker = class extends Worker { constructor() { super('/no-such-worker.js') } }",
)


@pytest.mark.parametrize("without_workers", NO_WORKERS)
def test_without_web_workers_the_search_runs_in_the_page(page, site_url, without_workers):
    """Each language's search runs in a web worker of its own; a browser that cannot start one,
    or whose worker fails, gets the same results from the page itself."""
    with_workers = search(page, site_url, "Singapore")
    assert len(page.workers) == 2  # German and English
    page.add_init_script(without_workers)
    without = search(page, site_url, "Singapore")
    assert without and [r["href"] for r in without] == [r["href"] for r in with_workers]


def test_filters_without_words_download_no_words_index(page, site_url, site):
    """Chosen by filters alone, the records come from the filters' own small files: no chunk of
    the index of words is fetched (pagefind fetched all of them, 9 MB per language at 5,000
    articles, to match no word)."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    entities = search(page, site_url, "", filters={"type": "entity"})
    assert entities and all(r["kind"] == "entity" for r in entities)
    pages = {p.stem for p in (site / "entities").glob("*.html")} - {"index"}
    assert {r["href"].rsplit("/", 1)[1].removesuffix(".html") for r in entities} <= pages
    assert len(entities) == min(len(pages), 14)  # the first results shown: every entity's, or 14
    assert [url for url in requests if url.endswith(".pf_filter")]
    assert not [url for url in requests if url.endswith(".pf_index")]


def test_filters_without_words_list_each_claim_they_keep(page, site_url):
    """The claims of an article are indexed together; chosen by filters alone, each claim that
    the filters keep is listed on its own, leading to its own page."""
    low = search(page, site_url, "", filters={"type": "claim", "confidence": "low"})
    assert low and all(r["kind"] == "claim" and "confidence low" in r["label"] for r in low)
    assert len({r["href"] for r in low}) == len(low)
    assert all(re.search(r"/claims/[a-z0-9-]+\.html$", r["href"]) for r in low)
