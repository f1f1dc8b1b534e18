"""How `glossator check` and `glossator build` scale with the number of articles.

Makes a synthetic corpus (N copies of the fixture article, each with its translation and two
claims, sharing the registries) in a temporary folder, then runs each stage in a fresh process
and prints wall time, peak memory (max RSS) and the size of the built site.

    .venv/bin/python benchmarks/bench_corpus.py 100 1000 5000
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "project"

STAGE = """
import resource, sys
from pathlib import Path
from glossator.{module} import {function}
result = {call}
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def make_corpus(root: Path, count: int) -> None:
    shutil.copytree(FIXTURE / "annotations", root / "annotations")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_src", root / "site_src")
    (root / "annotations" / "claims" / "demo-article.yaml").unlink()
    article_dir = FIXTURE / "corpus" / "demo-article"
    claims = (FIXTURE / "annotations" / "claims" / "demo-article.yaml").read_text("utf-8")
    sources = (root / "annotations" / "sources.yaml").read_text("utf-8")
    extra_sources = []
    for i in range(count):
        article_id = f"article-{i:05d}"
        target = root / "corpus" / article_id
        shutil.copytree(article_dir, target)
        for name in ("article.yaml", "translation.en.yaml"):
            path = target / name
            path.write_text(path.read_text("utf-8").replace("demo-article", article_id), "utf-8")
        text = claims.replace("article: demo-article", f"article: {article_id}")
        text = re.sub(r"id: demo-0(\d)", rf"id: c{i:05d}-\1", text)
        text = text.replace("source: demo-article", f"source: {article_id}")
        (root / "annotations" / "claims" / f"{article_id}.yaml").write_text(text, "utf-8")
        extra_sources.append(
            f"  - id: {article_id}\n    type: news_report\n    label: Synthetic article {i}\n"
            f"    article: {article_id}\n    reliability: {{grade: C, rationale: synthetic}}\n"
        )
    sources = sources.replace("sources:\n", "sources:\n" + "".join(extra_sources), 1)
    sources = sources.replace("    article: demo-article\n", "")
    (root / "annotations" / "sources.yaml").write_text(sources, "utf-8")


def run_stage(root: Path, module: str, function: str, call: str) -> tuple[float, int]:
    code = STAGE.format(module=module, function=function, call=call)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    return time.perf_counter() - start, int(out.strip().splitlines()[-1])


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(counts: list[int]) -> None:
    print(
        f"{'articles':>8} {'check s':>8} {'check MiB':>9} {'build s':>8} {'build MiB':>9} {'site MiB':>8} {'search MiB':>10}"
    )
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            make_corpus(root, count)
            check = run_stage(
                root, "checks", "check_corpus", "check_corpus(Path('.')); assert not result[1], result[1][:3]"
            )
            build = run_stage(root, "build", "build_site", "build_site(Path('.'), progress=lambda _: None)")
            site = root / "site"
            print(
                f"{count:>8} {check[0]:>8.1f} {check[1]:>9} {build[0]:>8.1f} {build[1]:>9} "
                f"{folder_size(site) / 2**20:>8.1f} {(site / 'search' / 'search_index.json').stat().st_size / 2**20:>10.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
