"""The claim page in Debian's Chromium: a statement made of hostile HTML opens no dialog, and
the evidence chain's text keeps a contrast of at least 4.5:1 on its node colour in the light
and the dark scheme, at a wide and a narrow width (where the other drawing is shown)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from glossator.build import build_site
from glossator.cli import main
from test_browser import browser, serve  # noqa: F401 (browser: the fixture)

HOSTILE = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)>"

CONTRAST = """
(svg) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  return [...svg.querySelectorAll("g.gl-node")].flatMap((node) => {
    const box = getComputedStyle(node.querySelector("rect")).fill;
    const dot = getComputedStyle(node.querySelector("circle")).fill;
    return [ratio(getComputedStyle(node.querySelector(".gl-node-label")).fill, box),
            ratio(getComputedStyle(node.querySelector(".gl-node-grade")).fill, dot)];
  });
}
"""


@pytest.fixture(scope="module")
def site_address(tmp_path_factory):
    from conftest import FIXTURE_PROJECT, copy_project

    root = copy_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("pages-browser") / "project")
    claims = root / "annotations" / "claims" / "demo-article.yaml"
    text = claims.read_text("utf-8").replace(
        "statement: Max Muster sold ten H100 chips in Singapore in 2024.", f"statement: {json.dumps(HOSTILE)}"
    )
    claims.write_text(text, "utf-8")
    assert CliRunner().invoke(main, ["check", "--root", str(root)]).exit_code == 0
    site = build_site(root, site_dir=root / "site", progress=lambda _: None)
    server, url = serve(site)
    yield url
    server.shutdown()


def test_a_hostile_statement_runs_nothing_and_reads_as_written(browser, site_address) -> None:  # noqa: F811
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site_address}/claims/demo-01.html", wait_until="networkidle")
    assert HOSTILE in page.locator("h1").inner_text()
    review = json.loads(page.locator("script[type='application/ld+json']").text_content())
    assert review["claimReviewed"] == HOSTILE
    assert dialogs == []
    page.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1440, 390])
def test_the_chain_text_is_readable_in_both_schemes(browser, site_address, scheme, width) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{site_address}/claims/demo-01.html")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    shown = [s for s in page.locator("svg.gl-chain-svg").all() if s.is_visible()]
    assert len(shown) == 1, "one drawing per origin at each width"
    ratios = shown[0].evaluate(CONTRAST)
    assert ratios and min(ratios) >= 4.5, ratios
    page.close()
