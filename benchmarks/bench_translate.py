"""What `glossator translate` bills: a synthetic corpus translated three times against the fake
DeepL server (tests/fake_deepl.py) with the real client: first run, re-run, one paragraph edited.
Prints characters billed and requests made each time, next to what re-translating whole
articles would bill.

    .venv/bin/python benchmarks/bench_translate.py [ARTICLES] [PARAGRAPHS]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from conftest import add_article  # noqa: E402
from fake_deepl import FakeDeepL  # noqa: E402
from glossator.cli import main as cli  # noqa: E402


def make_project(root: Path, articles: int, paragraphs: int) -> None:
    (root / "corpus").mkdir()
    (root / "annotations").mkdir()
    (root / "annotations" / "sources.yaml").write_text("sources:\n", "utf-8")
    for a in range(articles):
        texts = [
            f"Absatz {p} des Artikels {a}: Die US-Exportkontrollen für KI-Beschleuniger werden umgangen, "
            f"berichtet die Zeitung in ihrer Ausgabe Nummer {a * 100 + p}."
            for p in range(paragraphs)
        ]
        add_article(root, f"article-{a:04d}", texts)


def run(root: Path, fake: FakeDeepL, label: str, whole_article_chars: int) -> None:
    before_requests = len(fake.calls("/v2/translate"))
    before_chars = fake.character_count
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["translate", "--root", str(root)], catch_exceptions=False)
    seconds = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    billed = fake.character_count - before_chars
    requests = len(fake.calls("/v2/translate")) - before_requests
    print(f"{label:<22} {billed:>12,} {requests:>9} {whole_article_chars:>22,} {seconds:>8.1f}")


def main(articles: int = 200, paragraphs: int = 30) -> None:
    fake = FakeDeepL().start()
    os.environ.update({"DEEPL_AUTH_KEY": "test-key", "DEEPL_SERVER_URL": fake.url})
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_project(root, articles, paragraphs)
        corpus_chars = sum(
            len(line)
            for p in (root / "corpus").glob("*/received.txt")
            for line in p.read_text("utf-8").splitlines()
        )
        article = root / "corpus" / "article-0007" / "article.yaml"
        one_article_chars = sum(
            len(line) for line in (article.parent / "received.txt").read_text("utf-8").splitlines()
        )
        print(f"{articles} articles x {paragraphs} paragraphs, {corpus_chars:,} source characters")
        print(
            f"{'run':<22} {'billed chars':>12} {'requests':>9} {'whole-article re-send':>22} {'seconds':>8}"
        )
        run(root, fake, "first run", corpus_chars)
        run(root, fake, "re-run, no change", corpus_chars)
        text = article.read_text("utf-8").replace(
            "Absatz 3 des Artikels 7:", "Absatz 3 des Artikels 7 (korrigiert):"
        )
        article.write_text(text, "utf-8")
        run(root, fake, "one paragraph edited", one_article_chars)
    fake.stop()


if __name__ == "__main__":
    main(*[int(a) for a in sys.argv[1:3]])
