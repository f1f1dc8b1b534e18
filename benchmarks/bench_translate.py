"""What `glossator translate` bills and how long it takes to find out there is nothing to send.

A realistic synthetic corpus (12 paragraphs of about 600 characters per article, varied text
with links and emphasis, one boilerplate line) is made in a temporary folder, then:

1. at ARTICLES articles (default 1000), against the fake DeepL server (tests/fake_deepl.py)
   with the real client: the first run, a re-run, and a run after one paragraph is edited,
   each with characters billed, requests and seconds;
2. "nothing to send": the command in a fresh process (`python -m glossator.cli translate`),
   wall time, at ARTICLES and at BIG (default 5000) already translated articles (made directly,
   with a memory of one raw answer per paragraph), with the facts cache under build/ cold
   (removed) and warm; and, at BIG, one paragraph edited (the memory is read once).

Files are dated a minute back before the timed runs: the facts cache does not trust a file
written in the last few seconds.

    .venv/bin/python benchmarks/bench_translate.py [ARTICLES] [BIG]
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "scripts"))

from fake_deepl import FakeDeepL  # noqa: E402
from glossator.cli import main as cli  # noqa: E402
from glossator.markup import to_xml  # noqa: E402
from glossator.schema import schema_line  # noqa: E402
from glossator.textnorm import paragraph_hash  # noqa: E402
from glossator.translate.memory import Settings  # noqa: E402
from glossator.yamledit import dump_yaml  # noqa: E402

WORDS = [
    "Exportkontrollen",
    "Beschleuniger",
    "Rechenzentrum",
    "Händler",
    "Regierung",
    "Behörden",
    "Unternehmen",
    "Chips",
    "Singapur",
    "Malaysia",
    "Lieferketten",
    "Sanktionen",
    "Washington",
    "Peking",
    "Mittelsmänner",
    "Grafikprozessoren",
    "Milliarden",
    "Dollar",
    "Anfang",
    "Woche",
    "Bericht",
    "Ermittler",
    "Zollbehörde",
    "Firmen",
    "Kunden",
    "Server",
    "Modelle",
    "Rechenleistung",
    "Verkauf",
    "Nachfrage",
    "Preise",
    "Schwarzmarkt",
    "Umweg",
    "Vertrag",
    "Zwischenhändler",
    "Angaben",
]
GLUE = [
    "der",
    "die",
    "das",
    "und",
    "mit",
    "für",
    "über",
    "nach",
    "laut",
    "einem",
    "einer",
    "wurde",
    "werden",
    "hat",
    "haben",
    "sei",
    "sind",
    "auch",
    "nicht",
]


def paragraph(rng: random.Random, n: int) -> str:
    """About 600 characters of German-like prose; some paragraphs carry a link or emphasis."""
    sentences = []
    while sum(len(s) + 1 for s in sentences) < 560:
        words = [rng.choice(WORDS if i % 2 else GLUE) for i in range(rng.randint(8, 16))]
        sentence = " ".join(words)
        sentences.append(sentence[0].upper() + sentence[1:] + rng.choice([".", ".", ",", ":"]))
    text = " ".join(sentences)
    if n % 4 == 1:
        text = text.replace(
            " Bericht ", f" [Bericht](https://example.org/bericht-{rng.randint(1, 10**6)}) ", 1
        )
    if n % 3 == 2:
        text = text.replace(" Chips ", " **Chips** ", 1)
    return text + f" ({rng.randint(1, 10**9)})"


def make_article(root: Path, index: int, rng: random.Random, *, translated: bool, memory: list[str]) -> None:
    article_id = f"article-{index:05d}"
    folder = root / "corpus" / article_id
    folder.mkdir(parents=True)
    texts = [paragraph(rng, n) for n in range(12)]
    raw = "\n\n".join(texts).encode("utf-8")
    (folder / "received.txt").write_bytes(raw)
    paragraphs = [{"id": f"p{n + 1}", "kind": "paragraph", "text": t} for n, t in enumerate(texts)]
    paragraphs.insert(
        6, {"id": "p13", "kind": "boilerplate", "text": "Jetzt Abo sichern!", "reason": "advert"}
    )
    article = {
        "id": article_id,
        "language": "de",
        "title": f"Chips über Singapur, Folge {index}",
        "working_title": f"Chips via Singapore, part {index}",
        "publisher": "Beispiel-Zeitung",
        "author": None,
        "published": "2024-05-01",
        "url": None,
        "source": article_id,
        "received": {
            "file": "received.txt",
            "sha256": hashlib.sha256(raw).hexdigest(),
            "original_name": "a.txt",
        },
        "paragraphs": paragraphs,
    }
    path = folder / "article.yaml"
    path.write_text(dump_yaml(article, schema_line=schema_line(path, "article", root)), "utf-8")
    if not translated:
        return
    settings = Settings("de", "EN-GB", None)
    rows = []
    for n, text in enumerate(texts):
        rows.append(
            {
                "id": f"p{n + 1}",
                "source_hash": paragraph_hash(text),
                "method": "deepl",
                "review": "unreviewed",
                "text": "[EN-GB] " + text,
                "engine": {"target": "EN-GB", "glossary": None},
            }
        )
        record = {
            "key": settings.key(to_xml(text).xml),
            "raw": "[EN-GB] " + text,
            "billed": len(text),
            "target": "EN-GB",
        }
        memory.append(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    path = folder / "translation.en.yaml"
    data = {"article": article_id, "language": "en", "paragraphs": rows}
    path.write_text(dump_yaml(data, schema_line=schema_line(path, "translation", root)), "utf-8")


def make_project(root: Path, articles: int, *, translated: bool) -> None:
    rng = random.Random(articles)
    (root / "annotations").mkdir(parents=True)
    (root / "annotations" / "sources.yaml").write_text("sources: []\n", "utf-8")
    memory: list[str] = []
    for index in range(articles):
        make_article(root, index, rng, translated=translated, memory=memory)
    if memory:
        (root / "corpus" / "_memory").mkdir()
        (root / "corpus" / "_memory" / "deepl.jsonl").write_text("".join(memory), "utf-8")


def age(root: Path) -> None:
    past = time.time() - 60
    for path in (root / "corpus").rglob("*.yaml"):
        os.utime(path, (past, past))


def in_process(root: Path, fake: FakeDeepL, label: str) -> None:
    requests, chars = len(fake.calls("/v2/translate")), fake.character_count
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["translate", "--root", str(root)], catch_exceptions=False)
    seconds = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    billed, sent = fake.character_count - chars, len(fake.calls("/v2/translate")) - requests
    print(f"  {label:<34} {billed:>12,} {sent:>9} {seconds:>9.1f}")


def fresh_process(root: Path, label: str, env: dict[str, str]) -> None:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "glossator.cli", "translate", "--root", str(root)],
        capture_output=True,
        text=True,
        env=env,
    )
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stdout + done.stderr
    billed = done.stdout.split("Billed characters: ")[-1].split(".")[0]
    print(f"  {label:<34} {billed:>12} {'':>9} {seconds:>9.2f}")


def edit_one_paragraph(root: Path) -> None:
    path = root / "corpus" / "article-00007" / "article.yaml"
    path.write_text(path.read_text("utf-8").replace("(", "(korrigiert, ", 1), "utf-8")


def nothing_to_send(root: Path, env: dict[str, str]) -> None:
    age(root)
    shutil.rmtree(root / "build", ignore_errors=True)
    fresh_process(root, "nothing to send, cold cache", env)
    fresh_process(root, "nothing to send, warm cache", env)


def main(articles: int = 1000, big: int = 5000) -> None:
    fake = FakeDeepL().start()
    env = {**os.environ, "DEEPL_AUTH_KEY": "test-key", "DEEPL_SERVER_URL": fake.url}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "scripts"), env.get("PYTHONPATH", "")])
    os.environ.update({"DEEPL_AUTH_KEY": "test-key", "DEEPL_SERVER_URL": fake.url})
    header = f"  {'run':<34} {'billed chars':>12} {'requests':>9} {'seconds':>9}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "small"
        make_project(root, articles, translated=False)
        print(f"{articles} articles x 12 paragraphs of ~600 characters, against the fake DeepL server")
        print(header)
        in_process(root, fake, "first run")
        in_process(root, fake, "re-run, no change")
        edit_one_paragraph(root)
        in_process(root, fake, "one paragraph edited")
        nothing_to_send(root, env)
        shutil.rmtree(root)

        root = Path(tmp) / "big"
        start = time.perf_counter()
        make_project(root, big, translated=True)
        made = time.perf_counter() - start
        print(f"{big} translated articles (made in {made:.0f} s), each command in a fresh process")
        print(header)
        nothing_to_send(root, env)
        edit_one_paragraph(root)
        fresh_process(root, "one paragraph edited", env)
        fresh_process(root, "nothing to send again", env)
    fake.stop()


if __name__ == "__main__":
    main(*[int(a) for a in sys.argv[1:3]])
