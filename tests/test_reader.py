"""The reader's side of the site in a real browser (Debian's Chromium, as in test_browser.py):
claim popovers by keyboard and mouse, the highlight in the other language, the way back from a
claim card, the one-language switch, filtering an index across its pages, no horizontal
overflow on a phone, and axe-core on every page kind in light and dark."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossator.build import build_site
from test_browser import browser, serve  # noqa: F401 (the fixture)

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE = "articles/demo-article.html"
PAGE_KINDS = [
    "index.html",
    "articles/index.html",
    ARTICLE,
    "claims.html",
    "claims-2.html",
    "sources.html",
    "entities.html",
    "methodology.html",
    "claims/demo-01.html",
    "sources/demo-article.html",
    "entities/max-muster.html",
    "timeline.html",
    "data.html",
    "about.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from reader_site import reader_project

    root = reader_project(tmp_path_factory.mktemp("reader"))
    built = build_site(root, site_dir=root / "site", progress=lambda _: None)
    server, url = serve(built)
    yield url
    server.shutdown()


def _page(browser, url: str, width: int = 1300, **context):  # noqa: F811
    page = browser.new_context(viewport={"width": width, "height": 900}, **context).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    page.errors = errors
    return page


def _active(page) -> dict:
    return page.evaluate(
        "() => { const a = document.activeElement;"
        " return {tag: a.tagName, claims: a.getAttribute('data-claims'), cls: a.className}; }"
    )


def test_a_mark_opens_its_claim_by_keyboard_and_escape_returns(browser, site):  # noqa: F811
    page = _page(browser, f"{site}/{ARTICLE}")
    for _ in range(300):
        page.keyboard.press("Tab")
        if _active(page)["tag"] == "MARK":
            break
    mark = _active(page)
    assert mark["tag"] == "MARK", "a claim mark takes focus by Tab"
    claim = mark["claims"].split()[0]
    page.keyboard.press("Enter")
    popover = page.locator(".gl-popover")
    assert popover.is_visible()
    statement = page.locator(f"#claim-{claim} .gl-statement").inner_text()
    assert statement in popover.inner_text()
    assert popover.locator(".gl-confidence").count() == 1, "the confidence badge is shown"
    assert "independent origin" in popover.inner_text()
    link = popover.locator("a.gl-claim-page").get_attribute("href")
    assert link == f"../claims/{claim}.html", "the claim's own page"
    assert page.evaluate("document.querySelector('.gl-popover').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert page.locator(".gl-popover").count() == 0
    assert _active(page)["tag"] == "MARK" and _active(page)["claims"] == mark["claims"], "focus returns"
    page.keyboard.press(" ")
    assert page.locator(".gl-popover").is_visible(), "Space opens it too"
    assert page.errors == []


def test_a_click_on_a_mark_opens_its_claim_and_lights_the_other_language(browser, site):  # noqa: F811
    page = _page(browser, f"{site}/{ARTICLE}")
    german = page.locator(".gl-original mark[data-claims~='demo-01']").first
    english = page.locator(".gl-translation mark[data-claims~='demo-01']").first
    german.hover()
    assert "gl-lit" in english.get_attribute("class"), "hovering the German lights the English"
    page.mouse.move(1, 1)
    assert "gl-lit" not in english.get_attribute("class")
    english.click()
    assert page.locator(".gl-popover").is_visible()
    assert "gl-lit" in german.get_attribute("class"), "the open claim is lit in the German"
    assert "demo-01" in page.locator(".gl-popover").get_attribute("aria-label")
    page.mouse.click(5, 850)
    assert page.locator(".gl-popover").count() == 0, "a click elsewhere closes it"
    assert "gl-lit" not in german.get_attribute("class")


def test_a_tap_on_a_mark_opens_its_claim_on_a_touch_screen(browser, site):  # noqa: F811
    page = _page(browser, f"{site}/{ARTICLE}", width=390, has_touch=True, is_mobile=True)
    mark = page.locator(".gl-translation mark[data-claims~='demo-02']").first
    mark.tap()
    popover = page.locator(".gl-popover")
    assert popover.is_visible()
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the popover fits the phone's width"
    popover.get_by_role("button", name="Close").tap()
    assert page.locator(".gl-popover").count() == 0


def test_marks_are_tinted_by_confidence_and_work_without_javascript(browser, site):  # noqa: F811
    page = _page(browser, f"{site}/{ARTICLE}", java_script_enabled=False)
    for mark in page.locator("mark.gl-mark").all():
        claim = mark.get_attribute("data-claims").split()[0]
        confidence = page.locator(f"#claim-{claim} .gl-claim-badges .gl-confidence").first
        value = confidence.get_attribute("class").split("gl-confidence-")[-1]
        assert f"gl-tint-{value}" in mark.get_attribute("class")
    ref = page.locator("a.gl-ref").first
    ref.click()
    assert page.url.endswith(f"#claim-{ref.inner_text()}"), "the link after a mark leads to its card"
    assert page.locator(".gl-parallel .gl-original").first.is_visible()
    assert page.locator(".gl-parallel .gl-translation").first.is_visible(), "both languages without JS"
    assert page.locator(".gl-langs").is_hidden(), "no switch that cannot work"


def test_a_claim_card_links_back_to_its_paragraph(browser, site):  # noqa: F811
    page = _page(browser, f"{site}/{ARTICLE}")
    card = page.locator("#claim-demo-02")
    back = card.locator("a.gl-backlink")
    target = back.get_attribute("href")
    assert target.startswith("#p")
    back.click()
    assert page.url.endswith(target)
    row = page.locator(target)
    assert row.locator("mark[data-claims~='demo-02']").count() >= 1, "the paragraph quotes it"
    assert page.evaluate(f"document.querySelector('{target}').getBoundingClientRect().top") < 300
    assert page.locator(f"#para-{target[1:]}").count() == 1, "the old anchor still lands"


def test_one_language_only_is_remembered(browser, site):  # noqa: F811
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/{ARTICLE}")
    page.get_by_role("button", name="English only").click()
    assert page.locator(".gl-original").first.is_hidden()
    assert page.locator(".gl-translation").first.is_visible()
    page.goto(f"{site}/{ARTICLE}")
    assert page.locator(".gl-original").first.is_hidden(), "the choice is kept"
    assert page.get_by_role("button", name="English only").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Both").click()
    assert page.locator(".gl-original").first.is_visible()
    context.close()


def test_the_claims_index_filters_and_sorts_across_its_pages(browser, site):  # noqa: F811
    page = _page(browser, f"{site}/claims.html")
    rows = page.locator("table.gl-index tbody tr")
    assert rows.count() == 100, "a page holds 100 rows"
    assert page.locator(".gl-pager a", has_text="2").count() == 1
    last = _page(browser, f"{site}/claims-2.html").locator("table.gl-index tbody tr").last
    wanted = last.get_attribute("id").removeprefix("claim-")
    page.locator("form.gl-filters").get_by_role("searchbox", name="Claim").fill(wanted)
    page.wait_for_function("document.querySelector('.gl-status').textContent.includes(' of ')")
    assert rows.count() == 1 and rows.first.get_attribute("id") == f"claim-{wanted}", "found on page 2"
    assert page.locator(".gl-pager").is_hidden()
    page.locator("form.gl-filters").get_by_role("searchbox", name="Claim").fill("")
    page.locator("form.gl-filters").get_by_role("combobox", name="Confidence").select_option("low")
    page.wait_for_function("document.querySelector('.gl-status').textContent.includes(' of ')")
    shown = rows.count()
    assert shown >= 1
    for row in rows.all():
        assert row.locator(".gl-confidence").get_attribute("class").endswith("gl-confidence-low")
    link = rows.first.locator("a").first.get_attribute("href")
    assert link.startswith("claims/") and link.endswith(".html"), "links from the index page"
    page.locator("form.gl-filters button[type=reset]").click()
    page.wait_for_function("document.querySelector('.gl-status').textContent === ''")
    assert rows.count() == 100
    page.get_by_role("button", name="Sort by Origins").click()
    page.get_by_role("button", name="Sort by Origins").click()
    page.wait_for_function("document.querySelector('.gl-status').textContent.includes(' of ')")
    origins = [int(t) for t in page.locator("tbody td:last-child").all_inner_texts()]
    assert origins == sorted(origins, reverse=True) and origins[0] >= 2, "most origins first"
    assert page.errors == []


def test_the_claims_index_sorts_on_a_phone_too(browser, site):  # noqa: F811
    page = _page(browser, f"{site}/claims.html", width=390)
    page.get_by_role("button", name="Sort by Origins").click()
    page.get_by_role("button", name="Sort by Origins").click()
    page.wait_for_function("document.querySelector('.gl-status').textContent.includes(' of ')")
    first = page.locator("table.gl-index tbody tr").first.locator("td").last.inner_text()
    assert int(first) >= 2, "most origins first"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_badge_shows_its_definition_to_the_keyboard(browser, site):  # noqa: F811
    page = _page(browser, f"{site}/{ARTICLE}")
    badge = page.locator(".gl-claim-badges .gl-confidence").first
    definition = badge.locator(".gl-def")
    assert definition.bounding_box()["width"] <= 1, "hidden (but read) until focused"
    badge.focus()
    assert page.evaluate("document.activeElement.classList.contains('gl-badge')")
    assert definition.bounding_box()["width"] > 50, "shown on focus"


@pytest.mark.parametrize("name", PAGE_KINDS)
def test_no_page_scrolls_sideways_on_a_phone(browser, site, name):  # noqa: F811
    page = _page(browser, f"{site}/{name}", width=390)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name} is {width} px wide at 390 px"
    one_line = (
        "c => { if (!c.getClientRects().length) return true;"
        " const r = document.createRange(); r.selectNodeContents(c);"
        " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size <= 1; }"
    )
    for cell in page.locator("table.gl-index td.gl-id").all()[:20]:
        assert cell.evaluate(one_line), f"{cell.inner_text()!r} is broken over lines"


def _axe_ready() -> bool:
    if AXE.is_file():
        return True
    if os.environ.get("CI"):
        pytest.fail("CI must install axe-core (make axe: npm ci in tests/axe)", pytrace=False)
    pytest.skip("axe-core is not installed (run: make axe)")
    return False


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1440, 390])
def test_axe_finds_nothing_serious(browser, site, scheme, width):  # noqa: F811
    _axe_ready()
    found = []
    for name in PAGE_KINDS:
        page = _page(browser, f"{site}/{name}", width=width, reduced_motion="reduce")
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.add_script_tag(path=str(AXE))
        if name == ARTICLE:
            page.locator("mark.gl-mark").first.click()  # with a popover open
        # The search dialog is Material's (the search issue replaces it), not the reader's pages.
        result = page.evaluate("axe.run({exclude: [['.md-search']]}, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"][:3]]
                found.append(f"{name}: {violation['id']} ({len(violation['nodes'])}) {targets}")
        page.context.close()
    assert not found, "\n".join(found)
