"""How large the site's pages get as the corpus grows: no page should grow with it.

For each corpus size N it uses the project made by `realistic.py` (generated once into the work
folder and reused), builds it with `glossator build` (MkDocs) and, with --zensical, with
`zensical build` from the same generated docs, and prints the largest file of each kind: the
home page, an article page, a page of each index (articles, claims, sources, entities), a JSON
chunk of an index, and MkDocs' search index. Sizes only, no timing assertions; the build times
are printed for information.

    python benchmarks/bench_pages.py 1000 5000 --work /tmp/bench --zensical
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realistic  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

KINDS = [
    ("home", re.compile(r"index\.html")),
    ("article", re.compile(r"articles/(?!index\.html)[^/]+\.html")),
    ("articles index", re.compile(r"articles/index\.html|articles-\d+\.html")),
    ("claims index", re.compile(r"claims(-\d+)?\.html")),
    ("sources index", re.compile(r"sources(-\d+)?\.html")),
    ("entities index", re.compile(r"entities(-\d+)?\.html")),
    ("index JSON chunk", re.compile(r"index-data/.+\.json")),
    ("search index", re.compile(r"search/search_index\.json|search\.json")),
]


def largest(site: Path) -> dict[str, tuple[int, str, int]]:
    """Per kind: (largest size in bytes, its path, number of files of that kind)."""
    found: dict[str, tuple[int, str, int]] = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        for kind, pattern in KINDS:
            if pattern.fullmatch(name):
                size, where, count = found.get(kind, (0, "", 0))
                found[kind] = max((size, where), (path.stat().st_size, name)) + (count + 1,)
                break
    return found


def build(root: Path, zensical: bool) -> dict[str, object]:
    env = {"PYTHONPATH": str(REPO / "scripts")}
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "glossator.cli",
            "build",
            "--root",
            str(root),
            "--site-dir",
            str(root / "site"),
        ],
        check=True,
        env={**_environ(), **env},
        stdout=subprocess.DEVNULL,
    )
    result: dict[str, object] = {
        "mkdocs": largest(root / "site"),
        "mkdocs_seconds": time.monotonic() - started,
    }
    if zensical:
        tool = shutil.which("zensical", path=str(Path(sys.executable).parent)) or "zensical"
        out = root / "zensical-site"
        shutil.rmtree(out, ignore_errors=True)
        config = root / "mkdocs-zensical.yml"
        text = (root / "mkdocs.yml").read_text("utf-8").replace("site_dir: site", "site_dir: zensical-site")
        config.write_text(text, "utf-8")
        started = time.monotonic()
        run = subprocess.run([tool, "build", "-f", config.name], cwd=root, capture_output=True, text=True)
        result["zensical_seconds"] = time.monotonic() - started
        result["zensical_ok"] = run.returncode == 0 and (out / "index.html").is_file()
        result["zensical_output"] = (run.stdout + run.stderr)[-2000:]
        if result["zensical_ok"]:
            result["zensical"] = largest(out)
    return result


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/glossator-bench"))
    parser.add_argument("--zensical", action="store_true", help="build with Zensical too")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    for count in args.counts:
        root = realistic.ensure(args.work, count, REPO)
        # the site's configuration and assets of this checkout, not of the one that generated it
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.rmtree(root / "site_src", ignore_errors=True)
        shutil.copytree(REPO / "site_src", root / "site_src")
        result = build(root, args.zensical)
        print(f"\n{count} articles: MkDocs build {result['mkdocs_seconds']:.0f} s")
        for builder in ("mkdocs", "zensical"):
            if builder not in result:
                continue
            print(f"  {builder}: largest file of each kind")
            for kind, (size, where, files) in sorted(result[builder].items()):
                print(f"    {kind:18} {size / 1024:9.1f} KiB  {where}  ({files} files)")
        if args.zensical:
            state = "built" if result["zensical_ok"] else "FAILED"
            print(f"  zensical: {state} in {result['zensical_seconds']:.0f} s")
            if not result["zensical_ok"]:
                print(result["zensical_output"])


if __name__ == "__main__":
    main()
