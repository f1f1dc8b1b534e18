"""Pagefind's own search, without Glossator's code: how its time grows with the pages a word is on.

The site's first search for a word in nearly every article is slower than issue 10's 300 ms,
and the time is pagefind's own search (its WebAssembly), which for each page a word is on looks
through every page the word is on. This benchmark shows it apart from the site: it writes one
pagefind index of PAGES plain pages in which the word `w<N>` is on N of them (N = 625, 1,250,
2,500, 5,000, 10,000), serves it on 127.0.0.1 and, in Debian's Chromium (a fresh page each
time, pagefind in the page, as pagefind's documentation shows), loads the word's index chunk
and times pagefind's `search()` twice: the first search (the engine not yet optimised by the
browser) and the second. A search that grows with the results grows about 2x per row;
pagefind 1.5 grew up to 4x (it looked through every page a word is on for each of them), 1.6
grows 1.3 to 1.8x (its change that groups a word's entries by page before scoring). Run it again
after moving to another release (scripts/glossator/search/binary.py).

    python benchmarks/bench_pagefind.py                 # 10,000 pages, 3 tries each
    python benchmarks/bench_pagefind.py --repeat 5 --pagefind /path/to/another/pagefind
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import serve  # noqa: E402

PAGES = 10_000
COUNTS = (625, 1_250, 2_500, 5_000, 10_000)
FILLER = [f"f{i:04d}" for i in range(3_000)]  # words that are on a few pages each

TIMED = """async ([word]) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({noWorker: true});
  await pagefind.init();
  await pagefind.preload(word);  // the word's index chunk: downloading is not timed
  const times = [];
  let found = 0;
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    const answer = await pagefind.search(word);
    times.push(performance.now() - start);
    found = answer.results.length;
  }
  return {first: times[0], second: times[1], found};
}"""


def write_site(folder: Path) -> None:
    """PAGES pages of 300 words each; page i holds `w<N>` for every N with i < N."""
    rng = random.Random(7)
    for i in range(PAGES):
        words = rng.choices(FILLER, k=300)
        for count in COUNTS:
            if i < count:
                words.insert(rng.randrange(len(words)), f"w{count}")
        page = f"<!doctype html><html lang='en'><body><h1>Page {i}</h1><p>{' '.join(words)}</p></body></html>"
        (folder / f"{i}.html").write_text(page, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--repeat", type=int, default=3, help="fresh pages per word (the median is kept)")
    parser.add_argument(
        "--pagefind", type=Path, help="another pagefind program to measure (default: the one the build uses)"
    )
    args = parser.parse_args()
    if not args.chromium:
        parser.error("no chromium found: apt-get install chromium, or pass --chromium PATH")
    from playwright.sync_api import sync_playwright

    from glossator.search.binary import executable

    pagefind = str(args.pagefind or executable())

    version = subprocess.run([pagefind, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="bench-pagefind-") as scratch:
        site = Path(scratch)
        write_site(site)
        subprocess.run([pagefind, "--site", str(site), "--silent"], check=True)
        server, url = serve(site)
        print(f"{version}; {PAGES:,} pages; median of {args.repeat} fresh pages per word")
        print(
            "| pages the word is on | first search ms | second search ms | growth of the second from the row above |"
        )
        print("| ---: | ---: | ---: | ---: |")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
                previous = None
                for count in COUNTS:
                    runs = []
                    for _ in range(args.repeat):
                        page = browser.new_page()
                        page.goto(f"{url}/0.html")
                        runs.append(page.evaluate(TIMED, [f"w{count}"]))
                        page.close()
                    if any(run["found"] != count for run in runs):
                        sys.exit(f"w{count}: pagefind found {runs[0]['found']} pages, not {count}")
                    first = statistics.median(run["first"] for run in runs)
                    second = statistics.median(run["second"] for run in runs)
                    growth = f"{second / previous:.1f}x" if previous else ""
                    print(f"| {count:,} | {first:,.0f} | {second:,.0f} | {growth} |", flush=True)
                    previous = second
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
