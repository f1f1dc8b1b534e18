"""`glossator translate` against a fake DeepL server, driven by the real `deepl` client."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import add_article
from glossator.check import check_corpus
from glossator.translate.plan import Job
from glossator.translate.send import batches

P1 = "Der Händler Max Muster verkaufte 2024 zehn H100-Chips in Singapur."
P3 = "Das sei legal, sagte Muster."


def translation(project: Path, article: str = "demo-article") -> dict:
    path = project / "corpus" / article / "translation.en.yaml"
    return {p["id"]: p for p in yaml.safe_load(path.read_text("utf-8"))["paragraphs"]}


def untranslated(project: Path) -> Path:
    """The fixture project with its translation and claims removed."""
    (project / "corpus" / "demo-article" / "translation.en.yaml").unlink()
    (project / "annotations" / "claims" / "demo-article.yaml").unlink()
    return project


def test_first_run_bills_every_paragraph_rerun_bills_nothing(project, cli, fake_deepl):
    untranslated(project)
    result = cli("translate", "--root", project)
    assert result.exit_code == 0, result.output
    assert f"Billed characters: {len(P1) + len(P3)}." in result.output
    assert "characters used" in result.output  # the quota from /v2/usage
    paragraphs = translation(project)
    assert paragraphs["p1"]["text"] == "[EN-GB] " + P1
    assert (paragraphs["p1"]["method"], paragraphs["p1"]["review"]) == ("deepl", "unreviewed")
    assert paragraphs["p1"]["engine"]["target"] == "EN-GB"
    assert "p2" not in paragraphs, "boilerplate is not translated"
    assert [p for p in check_corpus(project)[1] if p.severity == "error"] == []

    sent = len(fake_deepl.calls("/v2/translate"))
    again = cli("translate", "--root", project)
    assert again.exit_code == 0
    assert "Billed characters: 0." in again.output
    assert len(fake_deepl.calls("/v2/translate")) == sent


def test_editing_one_paragraph_resends_only_that_one(project, cli, fake_deepl):
    untranslated(project)
    cli("translate", "--root", project)
    article = project / "corpus" / "demo-article" / "article.yaml"
    article.write_text(article.read_text("utf-8").replace(P3, "Das sei völlig legal, sagte Muster."), "utf-8")
    result = cli("translate", "--root", project)
    assert f"Billed characters: {len('Das sei völlig legal, sagte Muster.')}." in result.output
    assert fake_deepl.calls("/v2/translate")[-1]["text"] == ["Das sei völlig legal, sagte Muster."]
    assert fake_deepl.calls("/v2/translate")[-1]["context"] == P1, "the neighbouring paragraph goes along"
    assert translation(project)["p3"]["text"] == "[EN-GB] Das sei völlig legal, sagte Muster."


def test_memory_serves_the_same_paragraph_in_another_article(project, cli, fake_deepl):
    untranslated(project)
    cli("translate", "--root", project)
    add_article(project, "second-article", [P1, "Ein neuer Satz."])
    result = cli("translate", "--root", project)
    assert f"Billed characters: {len('Ein neuer Satz.')}." in result.output
    assert translation(project, "second-article")["p1"]["text"] == "[EN-GB] " + P1


def test_a_paragraph_in_several_new_articles_is_sent_once(project, cli, fake_deepl):
    shared = "Mehr zum Thema: Exportkontrollen."
    add_article(project, "first", ["Erster Artikel.", shared])
    add_article(project, "second", [shared, "Zweiter Artikel.", shared])
    dry = cli("translate", "--root", project, "first", "second", "--dry-run")
    total = next(line for line in dry.output.splitlines() if line.startswith("total"))
    expected = len("Erster Artikel.") + len(shared) + len("Zweiter Artikel.")
    assert total.split() == ["total", "3", "0", str(expected)]
    result = cli("translate", "--root", project, "first", "second")
    assert result.exit_code == 0, result.output
    assert f"Billed characters: {expected}." in result.output
    sent = [text for call in fake_deepl.calls("/v2/translate") for text in call["text"]]
    assert sorted(sent) == sorted(["Erster Artikel.", shared, "Zweiter Artikel."])
    assert translation(project, "second")["p3"]["text"] == "[EN-GB] " + shared
    assert translation(project, "first")["p2"]["text"] == "[EN-GB] " + shared


def test_reviewed_and_manual_translations_are_never_overwritten(project, cli, fake_deepl):
    before = translation(project)
    result = cli("translate", "--root", project)
    assert "Billed characters: 0." in result.output
    assert translation(project) == before

    article = project / "corpus" / "demo-article" / "article.yaml"
    article.write_text(article.read_text("utf-8").replace(P3, "Das sei legal, sagte Herr Muster."), "utf-8")
    cli("translate", "--root", project)
    assert translation(project)["p3"] == before["p3"]
    problems = [str(p) for p in check_corpus(project)[1]]
    assert any("stale translation: source paragraph p3" in p for p in problems)

    result = cli("translate", "--root", project, "--retranslate")
    after = translation(project)["p3"]
    assert after["text"] == before["p3"]["text"] and after["review"] == "reviewed"
    assert after["draft"]["text"] == "[EN-GB] Das sei legal, sagte Herr Muster."
    again = cli("translate", "--root", project, "--retranslate")
    assert "Billed characters: 0." in again.output


def test_markdown_and_protected_names_survive(project, cli, fake_deepl):
    text = "Laut **Su Di** sind [KI-Beschleuniger](https://example.org/a_(b)) mit `nvidia-smi` *sichtbar*."
    add_article(project, "markdown-article", [text, "- Ein KI-Beschleuniger von Su Di"])
    glossary = project / "annotations" / "glossary.de-en.yaml"
    glossary.write_text(
        "# yaml-language-server: $schema=../scripts/glossator/schemas/glossary.schema.json\n"
        "source_language: de\ntarget_language: en\n"
        "terms:\n  - {source: KI-Beschleuniger, target: AI accelerator}\n  - {source: Su, target: WRONG}\n"
        "keep: [Su Di]\n",
        "utf-8",
    )
    result = cli("translate", "--root", project, "markdown-article")
    assert result.exit_code == 0, result.output
    out = translation(project, "markdown-article")
    assert (
        out["p1"]["text"]
        == "[EN-GB] Laut **Su Di** sind [AI accelerator](https://example.org/a_(b)) mit `nvidia-smi` *sichtbar*."
    )
    assert out["p2"]["text"] == "- [EN-GB] Ein AI accelerator von Su Di"
    sent = fake_deepl.calls("/v2/translate")[-1]
    assert sent["tag_handling"] == "xml" and "k" in sent["ignore_tags"]
    assert "example.org" not in json.dumps(sent), "link targets never go to DeepL"


def test_glossary_created_once_and_again_when_it_changes(project, cli, fake_deepl):
    untranslated(project)
    glossary = project / "annotations" / "glossary.de-en.yaml"
    header = "# yaml-language-server: $schema=../scripts/glossator/schemas/glossary.schema.json\nsource_language: de\ntarget_language: en\n"
    glossary.write_text(header + "terms:\n  - {source: Händler, target: dealer}\n", "utf-8")
    cli("translate", "--root", project)
    assert len(fake_deepl.calls("/v2/glossaries")) == 1
    assert translation(project)["p1"]["text"].startswith("[EN-GB] Der dealer")
    add_article(project, "another", ["Noch ein Händler."])
    cli("translate", "--root", project)
    assert len(fake_deepl.calls("/v2/glossaries")) == 1, "an unchanged glossary is reused"

    glossary.write_text(header + "terms:\n  - {source: Händler, target: trader}\n", "utf-8")
    result = cli("translate", "--root", project)
    assert len(fake_deepl.calls("/v2/glossaries")) == 2
    assert translation(project)["p1"]["text"].startswith("[EN-GB] Der trader")
    assert "Billed characters: " in result.output and "Billed characters: 0." not in result.output


def test_requests_stay_within_deepl_limits_in_order(project, cli, fake_deepl):
    texts = [f"Satz Nummer {i}." for i in range(120)]
    add_article(project, "long-article", texts)
    cli("translate", "--root", project, "long-article")
    calls = fake_deepl.calls("/v2/translate")
    assert [len(c["text"]) for c in calls] == [50, 50, 20]
    assert [p["text"] for p in translation(project, "long-article").values()] == [
        f"[EN-GB] {t}" for t in texts
    ]


def test_batches_respect_the_byte_limit():
    jobs = [Job(f"p{i}", "ü" * 1000, "0" * 16, str(i)) for i in range(10)]
    groups = batches(jobs, max_texts=50, max_bytes=5000)
    assert [len(g) for g in groups] == [2, 2, 2, 2, 2]
    assert [j.paragraph for g in groups for j in g] == [f"p{i}" for i in range(10)]


def test_dry_run_sends_nothing_and_needs_no_key(project, cli, fake_deepl, monkeypatch):
    untranslated(project)
    monkeypatch.delenv("DEEPL_AUTH_KEY")
    result = cli("translate", "--root", project, "--dry-run")
    assert result.exit_code == 0
    assert fake_deepl.requests == []
    line = next(row for row in result.output.splitlines() if row.startswith("demo-article"))
    assert line.split()[1:] == ["2", "0", str(len(P1) + len(P3))]
    assert not (project / "corpus" / "demo-article" / "translation.en.yaml").exists()


def test_no_key_says_how_to_set_one(project, cli, monkeypatch):
    untranslated(project)
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert "DEEPL_AUTH_KEY is not set" in result.output


FAULTS = {
    "bad-key": (403, "DeepL refused the key (HTTP 403)"),
    "quota": (456, "quota is used up (HTTP 456)"),
    "rate-limit": (429, "too many requests"),
    "server-error": (500, "DeepL's server failed (HTTP 500)"),
}


def two_articles(project: Path) -> None:
    untranslated(project)
    add_article(project, "zz-second", ["Der zweite Artikel."])


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault_stops_with_message_and_next_run_resumes(name, project, cli, fake_deepl):
    two_articles(project)
    assert cli("translate", "--root", project, "demo-article").exit_code == 0
    status, message = FAULTS[name]
    fake_deepl.fail("/v2/translate", status, times=10)
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert "running again resumes" in result.output
    assert "0 characters billed in this run" in result.output
    assert not (project / "corpus" / "zz-second" / "translation.en.yaml").exists()
    memory = (project / "corpus" / "_memory" / "deepl.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["raw"] for line in memory] == ["[EN-GB] " + P1, "[EN-GB] " + P3]
    fake_deepl.faults.clear()
    again = cli("translate", "--root", project)
    assert again.exit_code == 0
    assert f"Billed characters: {len('Der zweite Artikel.')}." in again.output


def before_second_request(monkeypatch, action):
    """Run `action` just before the run's second request to DeepL (the second article's).
    Returns a function that puts the real sending back."""
    from glossator.translate import send as module

    real_send = module.Translator.send
    calls = {"n": 0}

    def send(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            action()
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(module.Translator, "send", send)
    return lambda: monkeypatch.setattr(module.Translator, "send", real_send)


def test_fault_in_the_middle_of_a_run_saves_articles_before_it(project, cli, fake_deepl, monkeypatch):
    two_articles(project)
    before_second_request(monkeypatch, lambda: fake_deepl.fail("/v2/translate", 456, times=5))
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert "1 article(s) finished and saved" in result.output
    assert translation(project)["p1"]["method"] == "deepl"
    assert not (project / "corpus" / "zz-second" / "translation.en.yaml").exists()


def test_connection_refused(project, cli, fake_deepl, monkeypatch):
    untranslated(project)
    port = fake_deepl.server.server_address[1]
    fake_deepl.stop()
    monkeypatch.setenv("DEEPL_SERVER_URL", f"http://127.0.0.1:{port}")
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert "could not connect" in result.output
    assert not (project / "corpus" / "demo-article" / "translation.en.yaml").exists()


def test_timeout(project, cli, fake_deepl):
    untranslated(project)
    fake_deepl.fail("/v2/translate", 200, times=1, delay=2.5)
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert "timed out" in result.output


def test_ctrl_c_keeps_finished_articles(project, cli, fake_deepl, monkeypatch):
    two_articles(project)

    def interrupt() -> None:
        raise KeyboardInterrupt

    restore = before_second_request(monkeypatch, interrupt)
    result = cli("translate", "--root", project)
    assert result.exit_code == 130
    assert "Interrupted." in result.output
    assert translation(project)["p1"]["method"] == "deepl"
    restore()
    again = cli("translate", "--root", project)
    assert f"Billed characters: {len('Der zweite Artikel.')}." in again.output


def test_site_shows_machine_translation_notice(project, cli, fake_deepl, tmp_path):
    from glossator.build import build_site

    untranslated(project)
    cli("translate", "--root", project)
    site = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    page = (site / "articles" / "demo-article.html").read_text("utf-8")
    assert "Machine translation, not reviewed" in page
    assert "machine translation (DeepL), not reviewed" in page


def test_ingested_article_is_machine_translated_shown_as_such_and_paid_once(
    corpus_project_with_patterns, cli, fake_deepl, tmp_path
):
    from glossator.build import build_site

    project = corpus_project_with_patterns
    page = tmp_path / "saved-page.html"
    page.write_text(
        "<html lang='de'><head><title>Chips über Singapur</title></head><body><article>"
        "<h1>Chips über Singapur</h1><p>Die Händler umgehen die Exportkontrollen für KI-Beschleuniger über Singapur.</p>"
        "<p>In eigener Sache: Jetzt Abo sichern!</p></article></body></html>",
        "utf-8",
    )
    assert cli("ingest", "--root", project, page, "--id", "chips-singapur").exit_code == 0
    first = cli("translate", "--root", project, "chips-singapur")
    assert first.exit_code == 0 and "Billed characters: 0." not in first.output
    paragraphs = translation(project, "chips-singapur")
    assert all(p["method"] == "deepl" and p["review"] == "unreviewed" for p in paragraphs.values())
    assert [p for p in check_corpus(project)[1] if p.severity == "error"] == []
    site = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    html = (site / "articles" / "chips-singapur.html").read_text("utf-8")
    assert "Machine translation, not reviewed" in html
    second = cli("translate", "--root", project)
    assert "Billed characters: 0." in second.output


def test_client_retries_a_passing_server_error(project, cli, fake_deepl, monkeypatch):
    import deepl

    untranslated(project)
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 1)
    fake_deepl.fail("/v2/translate", 503, times=1)
    result = cli("translate", "--root", project)
    assert result.exit_code == 0, result.output
    assert f"Billed characters: {len(P1) + len(P3)}." in result.output
    assert len(fake_deepl.calls("/v2/translate")) == 2
