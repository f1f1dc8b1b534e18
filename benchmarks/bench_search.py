"""The first search on a served site, in Chromium: the site's search (pagefind) against Material's
built-in search, over the same generated corpus.

For each corpus size N it uses the project made by `realistic.py` (as bench_corpus.py does) and

- builds it with `glossator build` (this checkout's code), timing MkDocs and the search index
  (pagefind) apart;
- builds the same generated pages again with MkDocs and Material's search plugin
  (`plugins: [search]`, `lang: [de, en]`, as the site was before issue 10), timing MkDocs;
- serves each site on 127.0.0.1 and, in Debian's Chromium (a fresh browser context each time),
  opens the home page, types a query into the header's search box as soon as the page has
  loaded, and measures the bytes of the search's own files (index and code) downloaded from
  opening the page until the first result is shown, and the milliseconds from the keystroke to
  the first result (the site's search box waits 40 ms after the last keystroke before it
  searches; that wait is included). Material's search starts downloading its index when the page
  loads, the site's when the browser is idle after loading the page: both are counted, and so
  are the files their web workers fetch. `--filter type=entity` chooses a filter instead of
  typing (a search by filters alone).

Each site is measured twice: as Python's http.server sends it (nothing compressed) and as a real
web server sends it (text gzipped: `--server gzip`; pagefind's own files are gzipped already).

    python benchmarks/bench_search.py                  # 1000 articles
    python benchmarks/bench_search.py 1000 5000 --work /tmp/glossator-bench
    python benchmarks/bench_search.py 5000 --no-material --repeat 3   # the site's search only
    python benchmarks/bench_search.py 1000 --reuse --rebuild-site     # after changing the search
"""

from __future__ import annotations

import argparse
import functools
import gzip as gzip_module
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realistic  # noqa: E402

HERE = Path(__file__).resolve().parent.parent
QUERIES = ("Singapur", "Rechenkapazität", "Grafikprozessoren")
# The files of each search: the site's (pagefind bundles, search box) and Material's (its index
# and search worker).
SEARCH_FILES = ("/pagefind/", "/assets/search.", "/search/search_index.json", "/workers/search.")

# Runs `glossator build` in this process, timing MkDocs and the search index from inside.
BUILD_DRIVER = r"""
import json, sys, time
spent = {"mkdocs": 0.0, "search": 0.0}

def timed(name, function):
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - began
    return wrapper

import glossator.build as build
build._run_mkdocs = timed("mkdocs", build._run_mkdocs)
build.write_index = timed("search", build.write_index)
start = time.perf_counter()
build.build_site(build.Path(sys.argv[1]), progress=lambda _: None)
spent["total"] = time.perf_counter() - start
with open(sys.argv[2], "w") as out:
    json.dump(spent, out)
"""

MATERIAL_DRIVER = r"""
import json, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
start = time.perf_counter()
config = load_config(sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3], strict=False)
build(config)
with open(sys.argv[4], "w") as out:
    json.dump({"mkdocs": time.perf_counter() - start}, out)
"""


def _drive(python: str, driver: str, args: list[str], env: dict[str, str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        script, figures = Path(tmp) / "driver.py", Path(tmp) / "figures.json"
        script.write_text(driver, "utf-8")
        subprocess.run([python, str(script), *args, str(figures)], env=env, check=True)
        return json.loads(figures.read_text("utf-8"))


def material_config(root: Path) -> Path:
    """The project's mkdocs.yml with Material's search plugin in place of the site's search."""
    text = (root / "mkdocs.yml").read_text("utf-8")
    lines = [
        line
        for line in text.splitlines()
        if "custom_dir:" not in line and "assets/search." not in line and line != "extra_javascript:"
    ]
    text = "\n".join(lines).replace("plugins: []", "plugins:\n  - search:\n      lang: [de, en]")
    path = root / "mkdocs-material-search.yml"
    path.write_text(text + "\n", "utf-8")
    return path


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# What a compressing web server (nginx's `gzip on` with `gzip_types`, GitHub Pages) sends gzipped:
# text. Pagefind's own files (.pagefind, .pf_meta, .pf_index, .pf_fragment) are gzipped already.
COMPRESSED = (".html", ".js", ".json", ".css", ".svg", ".xml")


class _Gzipping(_Quiet):
    """Sends text gzipped to a browser that accepts it, as a real web server does."""

    cache: dict[str, bytes] = {}

    def send_head(self):
        path = self.translate_path(self.path)
        if not path.endswith(COMPRESSED) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if not os.path.isfile(path):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            with open(path, "rb") as source:
                body = self.cache[path] = gzip_module.compress(source.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser context closed while a file was on its way


def serve(folder: Path, gzip: bool = False) -> tuple[ThreadingHTTPServer, str]:
    """`folder` served on 127.0.0.1 by Python's http.server (which compresses nothing), or with
    text gzipped (`gzip`), as a real web server sends it."""
    handler = _Gzipping if gzip else _Quiet
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


FIRST_RESULT = """() => {
document.addEventListener('focusin', event => {
  if (event.target.matches('input.md-search__input')) window.__focused ??= performance.now();
}, true);
document.addEventListener('input', event => {
  if (!event.target.matches('input.md-search__input')) return;
  window.__typed ??= performance.now();
  window.__lastKey = performance.now();
}, true);
document.addEventListener('change', event => {
  if (event.target.matches('.gl-search-filters select')) window.__typed ??= performance.now();
}, true);
window.__answered = {};  // query -> when its first page of results was all shown
new MutationObserver(() => {
  const q = document.querySelector('.md-search-result__list').dataset.query;
  if (q !== undefined && !(q in window.__answered)) window.__answered[q] = performance.now();
}).observe(document.querySelector('.md-search-result__list'), {attributes: true, attributeFilter: ['data-query']});
window.__firstResult = new Promise(resolve => {
  const list = document.querySelector('.md-search-result__list');
  const seen = () => list.querySelector('.md-search-result__item');
  if (seen()) return resolve(performance.now());
  new MutationObserver((_, observer) => {
    if (seen()) { observer.disconnect(); resolve(performance.now()); }
  }).observe(list, {childList: true, subtree: true});
}); }"""


def first_search(
    browser,
    url: str,
    query: str,
    opened: str = "index.html",
    wait: int = 0,
    filters: dict | None = None,
    type_delay: int = 0,
) -> dict[str, float]:
    """A reader opens the home page and types `query` as soon as it has loaded (or `wait` ms
    after, the time a reader takes to reach the search box), or chooses `filters` in the open
    search box instead (the keystroke is then the choice of the last one): the bytes of
    the search's own files (the index, its code) downloaded from opening the page until the
    first results are shown (all of the first page of results: the site's search shows each as
    its record comes), all bytes in that time, and the milliseconds to the first result: from the command
    to type (`ms`: Playwright focuses the box, then types; its own latency is included), from
    the moment the box had the focus (`focus_ms`) and from the keystroke, when the box has the
    query (`input_ms`: what a reader waits, without Playwright's latency)."""
    context = browser.new_context()
    page = context.new_page()
    finished: list = []

    def keep(request) -> None:
        finished.append(request)

    page.on("requestfinished", keep)
    page.goto(f"{url}/{opened}", wait_until="load")
    if wait:
        page.wait_for_timeout(wait)
    page.evaluate(FIRST_RESULT)
    start = page.evaluate("performance.now()")
    if filters:
        page.click("input.md-search__input")
        for name, value in filters.items():
            page.wait_for_selector(f"select[data-filter={name}] option[value='{value}']", state="attached")
            page.select_option(f"select[data-filter={name}]", value)
    elif type_delay:
        page.click("input.md-search__input")
        page.keyboard.type(query, delay=type_delay)  # key by key, as a reader types
    else:
        page.fill("input.md-search__input", query)
    done = page.evaluate(
        "() => Promise.race([window.__firstResult, new Promise(r => setTimeout(() => r(null), 300000))])"
    )
    if done is None:
        sys.exit(f"no result for {query!r} in 5 minutes: {page.inner_text('.md-search-result__meta')}")
    if page.locator(".gl-search").count():  # the site's search shows results as they come: all of them
        page.wait_for_function(
            "q => document.querySelector('.md-search-result__list').dataset.query === q", arg=query
        )
        if type_delay:  # the first result shown was a word's beginning's: until the whole word's
            done = page.evaluate("q => window.__answered[q]", query)
    page.remove_listener("requestfinished", keep)
    # Chromium gives a negative size (-203) for a response its cache answered: nothing downloaded.
    sizes = [(request.url, max(request.sizes()["responseBodySize"], 0)) for request in finished]
    search = [size for address, size in sizes if any(part in address for part in SEARCH_FILES)]
    figures = {
        "kb": sum(search) / 1000,
        "all_kb": sum(size for _, size in sizes) / 1000,
        "ms": done - start,
        "focus_ms": done - page.evaluate("window.__focused"),
        "input_ms": done - page.evaluate("window.__lastKey ?? window.__typed"),
        "requests": len(search),
    }
    context.close()
    return figures


def measure_browser(
    site: Path,
    chromium: str,
    gzip: bool = False,
    repeat: int = 1,
    opened: str = "index.html",
    wait: int = 0,
    queries: tuple[str, ...] = QUERIES,
    filters: dict | None = None,
    type_delay: int = 0,
) -> dict[str, float]:
    """The first search of each query on the page `opened` (the median of `repeat` tries, each in
    a fresh browser context); the worst query's figures."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site, gzip=gzip)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            runs = []
            for query in queries:
                tries = sorted(
                    (
                        first_search(browser, url, query, opened, wait, filters, type_delay)
                        for _ in range(repeat)
                    ),
                    key=lambda r: r["ms"],
                )
                runs.append(tries[len(tries) // 2])
            browser.close()
    finally:
        server.shutdown()
    return {key: max(run[key] for run in runs) for key in runs[0]}


SERVERS = {"plain": False, "gzip": True}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000], help="corpus sizes (default: 1000)")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "glossator-bench",
        help="where generated projects are kept and reused",
    )
    parser.add_argument(
        "--python", default=sys.executable, help="the interpreter with the project's dependencies"
    )
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument(
        "--reuse", action="store_true", help="measure the sites the last run built (and its build figures)"
    )
    parser.add_argument(
        "--rebuild-site", action="store_true", help="with --reuse: build the site (not Material's) again"
    )
    parser.add_argument(
        "--no-material",
        dest="material",
        action="store_false",
        help="do not build nor measure Material's search (it takes minutes at 5,000 articles)",
    )
    parser.add_argument(
        "--server",
        action="append",
        choices=sorted(SERVERS),
        help="how the sites are served: `plain` (Python's http.server, which compresses nothing) or "
        "`gzip` (text gzipped, as a real web server sends it); both unless given",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="first searches per query on the site's search (the median is kept)",
    )
    parser.add_argument(
        "--open", default="index.html", help="the page the reader opens, in the site (default: the home page)"
    )
    parser.add_argument(
        "--wait",
        type=int,
        default=0,
        help="ms between the page having loaded and typing (default 0: at once); a reader takes a "
        "second or more to reach the search box",
    )
    parser.add_argument(
        "--query",
        action="append",
        help=f"a query to type instead of the default ones ({', '.join(QUERIES)}: words in nearly "
        "every generated article); repeatable",
    )
    parser.add_argument(
        "--type-delay",
        type=int,
        default=0,
        metavar="MS",
        help="type the query key by key, MS apart (a reader types a key every 100 to 200 ms), instead "
        "of all at once; the times are then to the whole first page of results for the whole query, "
        "from the last key",
    )
    parser.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="instead of typing, choose this filter in the search box (`type=entity`); repeatable; "
        "the site's search only (with --no-material)",
    )
    args = parser.parse_args()
    args.server = args.server or list(SERVERS)
    filters = dict(f.split("=", 1) for f in args.filter if "=" in f)
    if len(filters) != len(args.filter) or (filters and args.material):
        parser.error("--filter takes NAME=VALUE, and measures the site's search only: add --no-material")
    queries = ("",) if filters else tuple(args.query or QUERIES)
    if not args.chromium:
        parser.error("no chromium found: apt-get install chromium, or pass --chromium PATH")
    env = {**os.environ, "PYTHONPATH": str(HERE / "scripts")}
    print(
        f"Python {platform.python_version()}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}; "
        + (
            f"filters {filters}, no words"
            if filters
            else f"queries {', '.join(queries)} (the worst is shown)"
        )
    )
    rows = []
    for count in args.counts:
        args.work.mkdir(parents=True, exist_ok=True)
        root = realistic.ensure(args.work, count)
        realistic.copy_site_files(HERE, root)
        saved = root / "bench-search-builds.json"
        if args.reuse and saved.exists():
            built, theirs_build = json.loads(saved.read_text("utf-8"))
            if args.rebuild_site:
                shutil.rmtree(root / "site", ignore_errors=True)
                built = _drive(args.python, BUILD_DRIVER, [str(root)], env)
                saved.write_text(json.dumps([built, theirs_build]), "utf-8")
        else:
            shutil.rmtree(root / "site", ignore_errors=True)
            built = _drive(args.python, BUILD_DRIVER, [str(root)], env)
            theirs_build = {"mkdocs": 0.0}
            saved.write_text(json.dumps([built, theirs_build]), "utf-8")
        material_site = root / "site-material-search"
        if args.material and not (args.reuse and saved.exists() and material_site.exists()):
            shutil.rmtree(material_site, ignore_errors=True)
            config = material_config(root)
            theirs_build = _drive(
                args.python,
                MATERIAL_DRIVER,
                [str(config), str(root / "build" / "docs"), str(material_site)],
                env,
            )
            saved.write_text(json.dumps([built, theirs_build]), "utf-8")
        print(f"{count:,} articles: build {built}; with Material's search: {theirs_build}", flush=True)
        for server in args.server:
            ours = measure_browser(
                root / "site",
                args.chromium,
                SERVERS[server],
                args.repeat,
                args.open,
                args.wait,
                queries,
                filters,
                args.type_delay,
            )
            print(f"  site search, {server}, first search: {ours}", flush=True)
            theirs = {}
            if args.material:
                theirs = measure_browser(
                    root / "site-material-search",
                    args.chromium,
                    SERVERS[server],
                    opened=args.open,
                    wait=args.wait,
                )
                print(f"  Material's search, {server}, first search: {theirs}", flush=True)
            rows.append((count, server, built, ours, theirs_build, theirs))
    print()
    print(
        "| articles | search | server | MkDocs build s | search index s | first search: search files KB "
        "| all KB (page too) | ms to first results (from the command to type) | (from focus) | (from the keystroke) |"
    )
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for count, server, built, ours, theirs_build, theirs in rows:
        served = "gzips text" if SERVERS[server] else "http.server"
        print(
            f"| {count:,} | site (pagefind) | {served} | {built['mkdocs']:.1f} | {built['search']:.1f} | "
            f"{ours['kb']:,.0f} | {ours['all_kb']:,.0f} | {ours['ms']:,.0f} | {ours['focus_ms']:,.0f} | {ours['input_ms']:,.0f} |"
        )
        if theirs:
            print(
                f"| {count:,} | Material (lunr) | {served} | {theirs_build['mkdocs']:.1f} | (in MkDocs) | "
                f"{theirs['kb']:,.0f} | {theirs['all_kb']:,.0f} | {theirs['ms']:,.0f} | {theirs['focus_ms']:,.0f} | {theirs['input_ms']:,.0f} |"
            )


if __name__ == "__main__":
    main()
