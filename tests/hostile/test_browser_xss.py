"""Class 1 of issue 8 in a real browser: a saved page whose title and text carry a control or
non-character next to Markdown that would be live markup (an attribute list with an `onfocus`
handler, a `javascript:` link) is ingested and built; Chromium loads every page and nothing runs:
no dialog, no on* attribute, no javascript: address anywhere in the DOM.

Uses the browser harness of tests/test_browser.py (Debian's Chromium; required in CI)."""

from __future__ import annotations

import pytest

from test_browser import browser, serve  # noqa: F401 -- the module's browser fixture

# Every character of class 1 (U+007F, U+0080-U+009F, U+FFFE, U+FFFF), and a few more that check refuses.
CHARS = [
    "\x7f",
    *map(chr, range(0x80, 0xA0)),
    "\ufffe",
    "\uffff",
    "\x01",
    "\x0b",
    "\x1b",
    "\u2028",
    "\U0001fffe",
]
PAYLOAD = (
    "*x*{: autofocus onfocus=alert(document.domain)} [y](javascript:alert(2)) <img src=x onerror=alert(3)>"
)


def article_id(char: str) -> str:
    return f"title-u{ord(char):04x}"


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    from html import escape

    from conftest import FIXTURE_PROJECT, copy_project
    from glossator.build import build_site
    from glossator.ingest.entry import Request, ingest

    root = copy_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("xss") / "project")
    for char in CHARS:
        title = f"Chips{char}\n---\nhide: [toc]\n{char}{PAYLOAD}"
        page = (
            f"<html><head><title>{escape(title)}</title></head><body><article>"
            f"<p>Der Händler{char} verkaufte {escape(PAYLOAD)}</p><p>Das sei legal.</p></article></body></html>"
        )
        ingest(root, Request(page.encode("utf-8"), "page.html", id=article_id(char), language="de"))
    site = build_site(root, site_dir=root / "site", progress=lambda _: None)
    server, url = serve(site)
    yield url
    server.shutdown()


LIVE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) found.push(`${el.tagName} ${a.name}`);
      if (/^\\s*javascript:/i.test(a.value)) found.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("char", CHARS, ids=[f"U+{ord(c):04X}" for c in CHARS])
def test_a_title_with_a_control_character_runs_nothing(char, browser, xss_site):  # noqa: F811
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{xss_site}/articles/{article_id(char)}.html", wait_until="load")
    assert page.evaluate(LIVE) == [], "no handler, no javascript: address"
    heading = page.locator("h1").first.inner_text()
    assert "autofocus onfocus=alert(document.domain)" in heading, "the title shows as text"
    assert page.locator("img").count() == 0
    page.close()
    assert dialogs == []
