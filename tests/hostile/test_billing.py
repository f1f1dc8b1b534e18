"""Nothing is paid for twice, whatever happens around a `translate` run: two runs at once,
Ctrl-C while DeepL answers, a full disk, a read-only project, a bad DEEPL_SERVER_URL, a memory
file that is a link. Each asserts the characters the fake DeepL server billed."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_helpers import read_only_run

from conftest import add_article, project_files
from glossator.translate import memory as memory_module

MEMORY = Path("corpus/_memory/deepl.jsonl")


def untranslated(project: Path, *, second: bool = False) -> Path:
    (project / "corpus" / "demo-article" / "translation.en.yaml").unlink()
    if second:
        add_article(project, "second-article", ["Der zweite Artikel.", "Er hat zwei Absätze."])
    return project


def start(project: Path, *args: str) -> subprocess.Popen:
    """`glossator translate` in a process of its own (the environment points at the fake)."""
    return subprocess.Popen(
        [sys.executable, "-m", "glossator.cli", "translate", "--root", str(project), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def billed(output: str) -> int:
    found = re.search(r"Billed characters: (\d+)\.", output)
    return int(found.group(1)) if found else 0


def wait_for(condition, what: str) -> None:
    """Poll until `condition()` holds (not a timed assertion: the limit only stops a hang)."""
    for _ in range(600):
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def test_two_runs_at_once_pay_once(project, fake_deepl):
    untranslated(project, second=True)
    fake_deepl.slow("/v2/translate", 2.0)  # the first run is still waiting when the second starts
    runs = [start(project), start(project)]
    outputs = [run.communicate(timeout=120) for run in runs]
    codes = sorted(run.returncode for run in runs)
    assert codes in ([0, 0], [0, 1]), outputs
    for (_, err), run in zip(outputs, runs, strict=True):
        assert "Traceback" not in err
        if run.returncode == 1:
            assert "is running on this project; wait until it has finished" in err
    assert fake_deepl.character_count > 0
    assert sum(billed(out) for out, _ in outputs) == fake_deepl.character_count, "every character once"
    again = subprocess.run(
        [sys.executable, "-m", "glossator.cli", "translate", "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Billed characters: 0." in again.stdout


def test_ctrl_c_while_deepl_answers_keeps_and_writes_the_answer(project, fake_deepl):
    """SIGINT during a request: the answer DeepL is billing for is awaited, kept and written;
    the next run pays only for what was never sent."""
    untranslated(project, second=True)
    fake_deepl.slow("/v2/translate", 2.0)
    run = start(project)
    wait_for(lambda: len(fake_deepl.calls("/v2/translate")) == 1, "the first request arrives")
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    assert "Stopping after DeepL's answer to the request under way" in err
    assert "Interrupted." in err and "Traceback" not in err
    assert len(fake_deepl.calls("/v2/translate")) == 1, "nothing sent after Ctrl-C"
    paid = fake_deepl.character_count
    memory = (project / MEMORY).read_text("utf-8").splitlines()
    assert len(memory) == len(fake_deepl.calls("/v2/translate")[0]["text"]), "every answer kept"
    assert (project / "corpus" / "demo-article" / "translation.en.yaml").is_file(), "and written"
    assert not (project / "corpus" / "second-article" / "translation.en.yaml").exists()
    again = subprocess.run(
        [sys.executable, "-m", "glossator.cli", "translate", "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    second = len("Der zweite Artikel.") + len("Er hat zwei Absätze.")
    assert billed(again.stdout) == second, "only the article never sent"
    assert fake_deepl.character_count == paid + second


def test_a_full_disk_while_keeping_an_answer_leaves_no_torn_line(project, cli, fake_deepl, monkeypatch):
    untranslated(project)
    (project / MEMORY).parent.mkdir(parents=True, exist_ok=True)
    (project / MEMORY).write_text('{"key": "old", "raw": "kept"}\n', "utf-8")
    before = (project / MEMORY).read_bytes()
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if b'"billed"' in data:  # the memory's append: half of it reaches the disk, then it is full
            real_write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(memory_module.os, "write", write)
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert (
        "Could not write: No space left on device." in result.output
        or "No space left on device" in result.output
    )
    assert "Traceback" not in result.output
    assert (project / MEMORY).read_bytes() == before, "cut back: no torn line"
    assert not (project / "corpus" / "demo-article" / "translation.en.yaml").exists()
    monkeypatch.undo()
    monkeypatch.setenv("DEEPL_AUTH_KEY", "test-key")
    monkeypatch.setenv("DEEPL_SERVER_URL", fake_deepl.url)
    paid = fake_deepl.character_count
    again = cli("translate", "--root", project)
    assert again.exit_code == 0, again.output
    assert billed(again.output) == paid, "the lost answer is bought once more, nothing else"
    assert (project / MEMORY).read_text("utf-8").splitlines()[0] == '{"key": "old", "raw": "kept"}'
    assert cli("translate", "--root", project).output.count("Billed characters: 0.") == 1


def with_glossary(project: Path) -> None:
    glossary = project / "annotations" / "glossary.de-en.yaml"
    glossary.write_text(
        "# yaml-language-server: $schema=../scripts/glossator/schemas/glossary.schema.json\n"
        "source_language: de\ntarget_language: en\nterms:\n  - {source: Händler, target: dealer}\n",
        "utf-8",
    )


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (".", "cannot create the lock file build/glossator.lock ("),
        ("corpus/_memory", "cannot write in corpus/_memory/ ("),
    ],
    ids=["project", "memory-folder"],
)
def test_a_read_only_project_sends_nothing_and_creates_no_glossary(where, message, project, fake_deepl):
    untranslated(project)
    with_glossary(project)
    (project / "corpus" / "_memory").mkdir(exist_ok=True)
    (project / "build").mkdir(exist_ok=True)
    before = project_files(project)
    for _ in range(2):
        result = read_only_run(project / where, "translate", "--root", str(project))
        assert result.returncode == 1, result.stderr
        assert message in result.stderr
        assert "Traceback" not in result.stderr
    assert fake_deepl.calls("/v2/glossaries") == [], "no glossary created, on no run"
    assert fake_deepl.character_count == 0
    assert project_files(project) == before


@pytest.mark.parametrize(
    "url",
    ["not a url", "http://[::1", "http://127.0.0.1:99999", "http://exa mple.org", "ftp://x", "https://"],
)
def test_a_malformed_server_url_is_a_message(url, project, cli, fake_deepl, monkeypatch):
    untranslated(project)
    monkeypatch.setenv("DEEPL_SERVER_URL", url)
    before = project_files(project)
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"DEEPL_SERVER_URL {url!r} is not an http(s) address such as https://api-free.deepl.com: "
        "correct it, or unset it to use DeepL's own server. Nothing was sent."
    )
    assert fake_deepl.requests == []
    assert project_files(project) == before


def test_a_memory_file_that_links_out_is_neither_read_nor_written(project, cli, fake_deepl, tmp_path):
    untranslated(project)
    outside = tmp_path / "outside.jsonl"
    outside.write_text("private\n")
    (project / MEMORY).parent.mkdir(parents=True, exist_ok=True)
    (project / MEMORY).symlink_to(outside)
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert "deepl.jsonl: is a symbolic link; refused" in result.output
    assert outside.read_text() == "private\n"
    assert fake_deepl.requests == []
