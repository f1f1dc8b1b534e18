"""DeepL answers that cannot be used, slow or failing: the real `deepl` client against the fake
server's unkind modes. What was billed is never lost and never billed twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import add_article

TAGGED = "Laut **Su Di** sind [KI-Beschleuniger](https://example.org/a) mit `nvidia-smi` sichtbar."
PLAIN = "Ein zweiter Absatz."
# What DeepL bills for TAGGED: the text of the XML sent, without its tags.
TAGGED_BILLED = len("Laut Su Di sind KI-Beschleuniger mit  sichtbar.")
ANSWER = '[EN-GB] Laut <b>Su Di</b> sind <a n="0">KI-Beschleuniger</a> mit <c n="1"/> sichtbar.'

MANGLED = {
    "drop-tags": (
        "[EN-GB] Laut Su Di sind KI-Beschleuniger mit  sichtbar.",
        "DeepL's answer dropped the link placeholder 0",
    ),
    "move-tags": (
        '</b>[EN-GB] Laut <b>Su Di sind <a n="0">KI-Beschleuniger</a> mit <c n="1"/> sichtbar.',
        "DeepL's answer moved </b> before its opening tag",
    ),
    "duplicate-placeholder": (
        '[EN-GB] Laut <b>Su Di</b> sind <a n="0">KI-Beschleuniger</a> <a n="0">KI-Beschleuniger</a>'
        ' mit <c n="1"/> sichtbar.',
        "DeepL's answer duplicated the link placeholder 0 (2 times)",
    ),
    "add-placeholder": (
        ANSWER + ' <c n="9"/>',
        "DeepL's answer added a code placeholder 9 that was not sent",
    ),
}


def failure_line(article: str, paragraph: str, what: str) -> str:
    return (
        f"corpus/{article}/article.yaml: {paragraph}: {what}. The answer is kept in corpus/_memory/deepl.jsonl "
        f"and is not billed again. Translate {paragraph} by hand in corpus/{article}/translation.en.yaml, "
        f"or run 'glossator translate --retranslate {article}' to pay for a new answer."
    )


def memory(project: Path) -> list[dict]:
    path = project / "corpus" / "_memory" / "deepl.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def translated(project: Path, article: str) -> dict:
    path = project / "corpus" / article / "translation.en.yaml"
    return {p["id"]: p["text"] for p in yaml.safe_load(path.read_text("utf-8"))["paragraphs"]}


@pytest.fixture
def tagged(project: Path) -> Path:
    """The fixture project with a second article: a paragraph with tags, then a plain one."""
    add_article(project, "tagged", [TAGGED, PLAIN])
    return project


@pytest.mark.parametrize("mode", sorted(MANGLED))
def test_unusable_answer_fails_its_paragraph_keeps_the_rest_and_is_paid_once(mode, tagged, cli, fake_deepl):
    raw, what = MANGLED[mode]
    fake_deepl.mangle(mode)
    result = cli("translate", "--root", tagged, "tagged")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert failure_line("tagged", "p1", what) in result.output.splitlines()
    assert (
        "1 paragraph(s) could not be translated from DeepL's answer; everything else is saved."
        in result.output
    )
    assert f"Billed characters: {TAGGED_BILLED + len(PLAIN)}." in result.output
    kept = memory(tagged)
    assert [(r["raw"], r["billed"]) for r in kept] == [(raw, TAGGED_BILLED), ("[EN-GB] " + PLAIN, len(PLAIN))]
    assert translated(tagged, "tagged") == {"p2": "[EN-GB] " + PLAIN}

    sent = len(fake_deepl.calls("/v2/translate"))
    again = cli("translate", "--root", tagged)
    assert again.exit_code == 1
    assert len(fake_deepl.calls("/v2/translate")) == sent, "a kept answer is never sent again"
    assert "Nothing to send (0 taken from the memory). Billed characters: 0." in again.output
    assert failure_line("tagged", "p1", what) in again.output.splitlines()
    assert len(memory(tagged)) == 2


def test_retranslate_pays_for_a_new_answer(tagged, cli, fake_deepl):
    fake_deepl.mangle("drop-tags")
    assert cli("translate", "--root", tagged, "tagged").exit_code == 1
    result = cli("translate", "--root", tagged, "--retranslate", "tagged")
    assert result.exit_code == 0, result.output
    assert f"Billed characters: {TAGGED_BILLED}." in result.output
    assert fake_deepl.calls("/v2/translate")[-1]["text"] == [ANSWER.removeprefix("[EN-GB] ")]
    assert translated(tagged, "tagged")["p1"] == (
        "[EN-GB] Laut **Su Di** sind [KI-Beschleuniger](https://example.org/a) mit `nvidia-smi` sichtbar."
    )
    assert [r["raw"] for r in memory(tagged)][-1] == ANSWER, "the newest answer for a key wins"
    assert cli("translate", "--root", tagged).exit_code == 0


def test_kept_answer_is_read_again_after_a_fix_without_billing(tagged, cli, fake_deepl, monkeypatch):
    import re

    from glossator.translate import plan

    fake_deepl.mangle("move-tags")
    assert cli("translate", "--root", tagged, "tagged").exit_code == 1
    sent = len(fake_deepl.calls("/v2/translate"))
    # A newer reader that copes with this answer (here: by dropping its tags).
    monkeypatch.setattr(plan, "read_answer", lambda raw, prepared: re.sub(r"<[^>]+>", "", raw))
    result = cli("translate", "--root", tagged, "tagged")
    assert result.exit_code == 0, result.output
    assert (
        "Nothing to send: every paragraph is translated (1 taken from the memory). Billed characters: 0."
        in (result.output)
    )
    assert len(fake_deepl.calls("/v2/translate")) == sent
    assert translated(tagged, "tagged")["p1"] == "[EN-GB] Laut Su Di sind KI-Beschleuniger mit  sichtbar."


def test_unusable_answer_in_one_article_does_not_stop_the_others(tagged, cli, fake_deepl):
    (tagged / "corpus" / "demo-article" / "translation.en.yaml").unlink()
    add_article(tagged, "zz-last", ["Der letzte Artikel."])
    fake_deepl.mangle("drop-tags")
    result = cli("translate", "--root", tagged)
    assert result.exit_code == 1
    assert "Translated 4 paragraph(s) in 3 article(s)" in result.output
    assert translated(tagged, "zz-last") == {"p1": "[EN-GB] Der letzte Artikel."}
    assert set(translated(tagged, "demo-article")) == {"p1", "p3"}


def test_slow_answer_within_the_timeout_is_used(tagged, cli, fake_deepl):
    fake_deepl.slow("/v2/translate", 0.3)
    result = cli("translate", "--root", tagged, "tagged")
    assert result.exit_code == 0, result.output
    assert f"Billed characters: {TAGGED_BILLED + len(PLAIN)}." in result.output
    assert [r["raw"] for r in memory(tagged)] == [ANSWER, "[EN-GB] " + PLAIN]
    assert translated(tagged, "tagged") == {
        "p1": "[EN-GB] " + TAGGED,
        "p2": "[EN-GB] " + PLAIN,
    }


def test_answer_slower_than_the_timeout_bills_nothing_and_writes_nothing(tagged, cli, fake_deepl):
    fake_deepl.slow("/v2/translate", 2.5)
    result = cli("translate", "--root", tagged, "tagged")
    assert result.exit_code == 1
    assert "(timed out): check the network or DEEPL_SERVER_URL, then run again." in result.output
    assert "0 characters billed in this run" in result.output
    assert not (tagged / "corpus" / "_memory" / "deepl.jsonl").exists()
    assert not (tagged / "corpus" / "tagged" / "translation.en.yaml").exists()


def test_failing_answer_after_a_good_one_keeps_the_good_one(tagged, cli, fake_deepl, monkeypatch):
    """Two articles, the second request fails: the first article is written and its answers
    are in the memory; the next run sends only the second article."""
    from glossator.translate import send

    (tagged / "corpus" / "demo-article" / "translation.en.yaml").unlink()
    real_send = send.Translator.send

    def send_then_fail(self, *args, **kwargs):
        billed = real_send(self, *args, **kwargs)
        fake_deepl.fail("/v2/translate", 500, times=5)
        return billed

    monkeypatch.setattr(send.Translator, "send", send_then_fail)
    result = cli("translate", "--root", tagged)
    assert result.exit_code == 1
    assert "DeepL's server failed (HTTP 500) after retrying: run again later." in result.output
    assert "1 article(s) finished and saved" in result.output
    demo = "Der Händler Max Muster verkaufte 2024 zehn H100-Chips in Singapur. Das sei legal, sagte Muster."
    assert f"{len(demo) - 1} characters billed in this run are kept" in result.output
    assert len(memory(tagged)) == 2
    assert not (tagged / "corpus" / "tagged" / "translation.en.yaml").exists()

    monkeypatch.setattr(send.Translator, "send", real_send)
    fake_deepl.faults.clear()
    again = cli("translate", "--root", tagged)
    assert again.exit_code == 0
    assert f"Billed characters: {TAGGED_BILLED + len(PLAIN)}." in again.output
