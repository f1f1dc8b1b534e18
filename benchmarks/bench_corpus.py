"""How `glossator check`, `build` and `ingest` scale with the corpus, on realistic articles.

For each corpus size N it uses the project made by `realistic.py` (12 paragraphs of ~600
characters per article, a translation, 8 claims, shared registries; generated once into the work
folder and reused, keyed by N and the generator's version) and measures, each in a fresh
process running the code of the checkout given by --repo:

- `glossator check`: wall time, CPU time, peak memory (max RSS);
- `glossator build`: the time of its own stages (check, page generation, writing the docs)
  apart from the time in MkDocs (`load_config` and `build`, timed from inside the process),
  the peak memory before MkDocs starts and overall;
- `glossator ingest` of one new article into the corpus (wall time; the corpus is put back
  as it was afterwards);
- check-jsonschema validating the same files against the project's schemas (CPU time), for
  comparison with `check`.

Each figure is measured --repeat times (default 2) and the lowest is printed: the machine may
be shared, and noise only ever adds time.

    python benchmarks/bench_corpus.py --cjs PATH          # 1000 and 5000 articles
    python benchmarks/bench_corpus.py 1000 --repo ../main --work /tmp/bench --only check,build
    python benchmarks/bench_corpus.py --cjs PATH --before benchmarks/before-issue-7.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realistic  # noqa: E402

HERE = Path(__file__).resolve().parent.parent
FIGURES = ("check", "build", "rebuild", "ingest", "cjs")
NEW_ARTICLE = "neue-meldung-zu-exportkontrollen.txt"

# Runs `glossator build` in this process, timing MkDocs (its configuration, theme and plugins
# loaded, and the build itself) from inside; the rest is the build's own stages.
BUILD_DRIVER = r"""
import json, resource, sys, time
start = time.perf_counter()
spent = {"seconds": 0.0, "search": 0.0, "pages": 0, "rss_before_kib": None}

def rss_now_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

def timed(function, key="seconds"):
    def wrapper(*args, **kwargs):
        if spent["rss_before_kib"] is None:  # MkDocs starts: what the own stages used, and hold
            spent["rss_before_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            spent["rss_workers_kib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            spent["rss_held_kib"] = rss_now_kib()
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - began
            if key == "seconds":  # the process's peak so far, MkDocs included
                spent["rss_mkdocs_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return wrapper

began = time.perf_counter()
import mkdocs.commands.build, mkdocs.config
spent["seconds"] += time.perf_counter() - began
mkdocs.commands.build.build = timed(mkdocs.commands.build.build)
mkdocs.config.load_config = timed(mkdocs.config.load_config)
import glossator.build
# the search index, made after MkDocs (timed apart from both), where the checkout's build finds it
if hasattr(glossator.build, "write_index"):
    glossator.build.write_index = timed(glossator.build.write_index, "search")
else:
    try:  # a checkout before 15dc62f: the build called glossator.search.write_index
        import glossator.search
        glossator.search.write_index = timed(glossator.search.write_index, "search")
    except (ImportError, AttributeError):
        pass
generate = glossator.build.generate_docs

def counted(*args, **kwargs):
    docs = generate(*args, **kwargs)
    spent["pages"] = docs.pages
    return docs

glossator.build.generate_docs = counted
from glossator.cli import main
code = 0
try:
    main(["build", "--root", sys.argv[1]], standalone_mode=False)
except SystemExit as exit:
    code = exit.code
total = time.perf_counter() - start
with open(sys.argv[2], "w") as out:
    json.dump({"total": total, **spent, "code": code}, out)
sys.exit(code or 0)
"""


@dataclass
class Run:
    """One child process: wall and CPU seconds, peak memory, exit status, output."""

    wall: float
    cpu: float
    rss_mib: float
    code: int
    out: str
    err: str


def run(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command and measure it (os.wait4 gives this child's own resource usage)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            wall,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


class Bench:
    """The measurements of one checkout's code on one generated project."""

    def __init__(self, args: argparse.Namespace, root: Path) -> None:
        self.args, self.root = args, root
        self.env = {**os.environ, "PYTHONPATH": str(args.repo / "scripts")}
        self.cli = [args.python, "-m", "glossator.cli"]

    def _ok(self, result: Run, what: str) -> Run:
        if result.code != 0:
            sys.exit(f"{what} failed (exit {result.code}):\n{result.out[-3000:]}\n{result.err[-3000:]}")
        return result

    def check(self) -> dict[str, float]:
        result = self._ok(
            run([*self.cli, "check", "--root", str(self.root)], cwd=self.root, env=self.env), "check"
        )
        return {"check_s": result.wall, "check_cpu_s": result.cpu, "check_mib": result.rss_mib}

    def build(self, *, fresh: bool = True) -> dict[str, float]:
        """A build from a fresh clone (no site/, no build/), or with `fresh=False` a maintainer's
        next build: the parse cache in build/cache/ kept from the build before."""
        for generated in ("site", "build") if fresh else ("site", "build/docs"):
            shutil.rmtree(self.root / generated, ignore_errors=True)
        with tempfile.TemporaryDirectory() as tmp:
            driver, figures = Path(tmp) / "driver.py", Path(tmp) / "figures.json"
            driver.write_text(BUILD_DRIVER, "utf-8")
            cmd = [self.args.python, str(driver), str(self.root), str(figures)]
            result = self._ok(run(cmd, cwd=self.root, env=self.env), "build")
            inside = json.loads(figures.read_text("utf-8"))
        return {
            "build_s": result.wall,
            "build_own_s": inside["total"] - inside["seconds"] - inside.get("search", 0.0),
            "build_mkdocs_s": inside["seconds"],
            "build_search_s": inside.get("search", 0.0),
            "build_pages": inside.get("pages", 0),
            "build_own_mib": max(inside["rss_before_kib"] or 0, inside.get("rss_workers_kib") or 0) / 1024,
            # MkDocs' own: the process's peak once MkDocs ran, less what was held when it started
            "build_mkdocs_mib": (inside.get("rss_mkdocs_kib", 0) - (inside.get("rss_held_kib") or 0)) / 1024,
            "build_mib": result.rss_mib,
        }

    def rebuild(self) -> dict[str, float]:
        self.build(fresh=False)  # fills the cache, whatever ran before
        return {f"re{key}": value for key, value in self.build(fresh=False).items()}

    def ingest(self) -> dict[str, float]:
        source = self.args.work / f"v{realistic.GENERATOR_VERSION}" / NEW_ARTICLE
        if not source.exists():
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_text(realistic.new_article_text(10**6), "utf-8")
        before = _snapshot(self.root)
        try:
            cmd = [*self.cli, "ingest", "--root", str(self.root), str(source)]
            result = self._ok(run(cmd, cwd=self.root, env=self.env), "ingest")
            if "Nothing changed" in result.out:
                sys.exit(f"ingest found the article already in {self.root}; remove it and run again")
        finally:
            _restore(self.root, before)
        return {"ingest_s": result.wall, "ingest_mib": result.rss_mib}

    def cjs(self) -> dict[str, float]:
        schemas = self.args.repo / "scripts" / "glossator" / "schemas"
        corpus, annotations = self.root / "corpus", self.root / "annotations"
        groups = {
            "article": sorted(corpus.glob("*/article.yaml")),
            "translation": sorted(corpus.glob("*/translation.en.yaml")),
            "claims": sorted((annotations / "claims").glob("*.yaml")),
            "sources": [annotations / "sources.yaml"],
            "entities": [annotations / "entities.yaml"],
            "glossary": sorted(annotations.glob("glossary.*.yaml")),
            "boilerplate": [annotations / "boilerplate.yaml"],
        }
        wall = cpu = rss = 0.0
        for schema, files in groups.items():
            cmd = [self.args.cjs, "--schemafile", str(schemas / f"{schema}.schema.json"), *map(str, files)]
            result = self._ok(run(cmd, cwd=self.root), f"check-jsonschema ({schema})")
            wall, cpu, rss = wall + result.wall, cpu + result.cpu, max(rss, result.rss_mib)
        return {"cjs_s": wall, "cjs_cpu_s": cpu, "cjs_mib": rss}


def _snapshot(root: Path) -> dict:
    """What `ingest` may change: the entries of corpus/ and annotations/claims/, the registries."""
    annotations = root / "annotations"
    return {
        "corpus": set(os.listdir(root / "corpus")),
        "claims": set(os.listdir(annotations / "claims")),
        "files": {p: p.read_bytes() for p in annotations.glob("*.yaml")},
    }


def _restore(root: Path, before: dict) -> None:
    for folder, names in (("corpus", before["corpus"]), ("annotations/claims", before["claims"])):
        for name in set(os.listdir(root / folder)) - names:
            path = root / folder / name
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for path, data in before["files"].items():
        if path.read_bytes() != data:
            path.write_bytes(data)


def measure(bench: Bench, figure: str, repeat: int) -> dict[str, float]:
    """The lowest value of each number over `repeat` runs."""
    runs = [getattr(bench, figure)() for _ in range(repeat)]
    return {key: min(r[key] for r in runs) for key in runs[0]}


ROWS = [
    ("check: wall s", "check_s", "{:.1f}"),
    ("check: CPU s", "check_cpu_s", "{:.1f}"),
    ("check: peak RSS MiB", "check_mib", "{:.0f}"),
    ("build: own stages s (check + pages + docs written)", "build_own_s", "{:.1f}"),
    ("build: MkDocs s", "build_mkdocs_s", "{:.1f}"),
    ("build: own stages / MkDocs", "build_ratio", "{:.0%}"),
    ("build: pages generated", "build_pages", "{:,.0f}"),
    ("build: search index (pagefind, after MkDocs) s", "build_search_s", "{:.1f}"),
    ("build: total wall s", "build_s", "{:.1f}"),
    ("build: peak RSS MiB of the own stages (the process or its largest worker)", "build_own_mib", "{:.0f}"),
    ("build: MkDocs' own peak RSS MiB (above what is held when it starts)", "build_mkdocs_mib", "{:.0f}"),
    ("build: peak RSS MiB overall", "build_mib", "{:.0f}"),
    ("next build (parse cache kept): own stages s", "rebuild_own_s", "{:.1f}"),
    ("next build: MkDocs s", "rebuild_mkdocs_s", "{:.1f}"),
    ("next build: own stages / MkDocs", "rebuild_ratio", "{:.0%}"),
    ("ingest one more article: wall s", "ingest_s", "{:.1f}"),
    ("ingest: peak RSS MiB", "ingest_mib", "{:.0f}"),
    ("check-jsonschema, same files: CPU s", "cjs_cpu_s", "{:.1f}"),
    ("check-jsonschema CPU / check CPU", "cjs_ratio", "{:.1f}x"),
]


def table(results: dict[int, dict[str, float]], before: dict[int, dict[str, float]] | None = None) -> str:
    """A Markdown table: one row per figure, one column per corpus size (two with `before`:
    the earlier figures, then these)."""
    columns: list[tuple[str, dict[str, float]]] = []
    for n in sorted(results):
        if before is not None:
            columns.append((f"{n:,} before", before.get(n, {})))
        columns.append((f"{n:,} now" if before is not None else f"{n:,} articles", results[n]))
    lines = [
        "| figure | " + " | ".join(title for title, _ in columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    for label, key, fmt in ROWS:
        if any(key in numbers for _, numbers in columns):
            cells = [fmt.format(numbers[key]) if key in numbers else "" for _, numbers in columns]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _load(path: Path) -> dict[int, dict[str, float]]:
    return {int(n): numbers for n, numbers in json.loads(path.read_text("utf-8"))["results"].items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "counts", nargs="*", type=int, default=[1000, 5000], help="corpus sizes (default: 1000 5000)"
    )
    parser.add_argument(
        "--repo", type=Path, default=HERE, help="the checkout whose code is measured (default: this one)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "glossator-bench",
        help="where generated projects are kept and reused",
    )
    parser.add_argument(
        "--python", default=sys.executable, help="the interpreter with the project's dependencies"
    )
    parser.add_argument(
        "--cjs", default=shutil.which("check-jsonschema"), help="the check-jsonschema executable"
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure; the lowest is kept")
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument(
        "--before", type=Path, help="a JSON file written by --save: print its figures beside these"
    )
    parser.add_argument(
        "--only", default=",".join(FIGURES), help=f"a comma-separated subset of {','.join(FIGURES)}"
    )
    args = parser.parse_args()
    args.repo, args.work = args.repo.resolve(), args.work.resolve()
    figures = [f for f in args.only.split(",") if f]
    if unknown := set(figures) - set(FIGURES):
        parser.error(
            f"--only: unknown figure(s) {', '.join(sorted(unknown))}; expected some of {', '.join(FIGURES)}"
        )
    if "cjs" in figures and not args.cjs:
        parser.error(
            "check-jsonschema not found: pip install check-jsonschema (in any venv) and pass --cjs PATH"
        )
    commit = subprocess.run(
        ["git", "-C", str(args.repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    print(
        f"code: {args.repo} ({commit or 'not a git checkout'}); Python {platform.python_version()}; "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}; lowest of {args.repeat} runs per figure"
    )
    results: dict[int, dict[str, float]] = {}
    for count in args.counts:
        start = time.perf_counter()
        args.work.mkdir(parents=True, exist_ok=True)
        root = realistic.ensure(args.work, count)
        realistic.copy_site_files(args.repo, root)
        print(f"{count:,} articles: {root} (ready in {time.perf_counter() - start:.1f} s)", flush=True)
        bench, numbers = Bench(args, root), {}
        for figure in figures:
            numbers.update(measure(bench, figure, args.repeat))
            print(
                f"  {figure}: "
                + ", ".join(f"{k} {v:.2f}" for k, v in numbers.items() if k.split("_")[0] == figure),
                flush=True,
            )
        for build in ("build", "rebuild"):
            if f"{build}_own_s" in numbers:
                numbers[f"{build}_ratio"] = numbers[f"{build}_own_s"] / numbers[f"{build}_mkdocs_s"]
        if "cjs_cpu_s" in numbers and "check_cpu_s" in numbers:
            numbers["cjs_ratio"] = numbers["cjs_cpu_s"] / numbers["check_cpu_s"]
        results[count] = numbers
    if args.save:
        saved = {"code": f"{args.repo.name} {commit}", "repeat": args.repeat, "results": results}
        args.save.write_text(json.dumps(saved, indent=1) + "\n", "utf-8")
    print()
    print(table(results, _load(args.before) if args.before else None))


if __name__ == "__main__":
    main()
