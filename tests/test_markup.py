"""Inline Markdown to DeepL's XML and back (glossator.markup): nesting, placeholders that never
go to DeepL, and answers whose tags are wrong."""

from __future__ import annotations

import random
import re

import pytest

from conftest import FIXTURE_PROJECT, REPO
from glossator.markdown import parse, visible_text
from glossator.markup import MarkupError, from_xml, to_xml
from glossator.yamlio import load_yaml

_TAG = re.compile(r"(<[^>]+>)")


def echo(xml: str) -> str:
    """A DeepL that translates nothing: the answer is what was sent."""
    return xml


def shout(xml: str) -> str:
    """A DeepL that 'translates' every word (upper case) but names in <k>, and keeps every tag
    where it was."""
    out, kept = [], False
    for piece in _TAG.split(xml):
        kept = {"<k>": True, "</k>": False}.get(piece, kept)
        out.append(piece if piece.startswith("<") or kept else piece.upper())
    return "".join(out)


def corpus_paragraphs() -> list[tuple[str, str]]:
    found = []
    for root in (REPO, FIXTURE_PROJECT):
        for path in sorted((root / "corpus").glob("*/*.yaml")):
            doc, _ = load_yaml(path, str(path))
            for paragraph in (doc.data if doc else {}).get("paragraphs") or []:
                found.append((f"{path.relative_to(root)}:{paragraph['id']}", paragraph["text"]))
    return found


def keep_names() -> tuple[str, ...]:
    doc, _ = load_yaml(REPO / "annotations" / "glossary.de-en.yaml", "glossary")
    return tuple(doc.data.get("keep") or ())


PANDOC_STYLE = [
    "**[Text](https://x.y)** steht fett verlinkt.",
    'Laut *[einem Bericht](https://www.wsj.com/a?b=c&d=e "WSJ")* mieten **Firmen wie *Derek Aw*** Rechenzeit.',
    "Der Befehl `nvidia-smi --query **all**` zeigt 8 \\* H100 für 30 \\$ pro Stunde.",
    "~~Falsch~~ korrigiert: <https://example.org/korrektur> und [mehr](mailto:redaktion@example.org).",
    "- Ein Punkt mit *Betonung*",
    "## Eine Überschrift mit `Code`",
    "| Spalte **eins** | Spalte \\| zwei |",
    "snake_case_name und (@Byron_Wan) bleiben, wie sie sind.",
    "Ein Zeilenumbruch  \nmitten im Absatz.",
    "__Unterstrichen fett__ und _kursiv_ wie in Word.",
    "Verschachtelt: *außen **innen [Link *tief*](https://a.b/c_(d))** außen*.",
]


@pytest.mark.parametrize("text", PANDOC_STYLE)
def test_round_trip_is_identity_and_sends_no_link_target_or_code(text):
    prepared = to_xml(text, ["Derek Aw"])
    assert from_xml(echo(prepared.xml), prepared) == text
    for target in ("https://", "mailto:", "nvidia-smi"):
        assert target not in prepared.xml
    assert "*" not in prepared.xml.replace("8 *", ""), "emphasis is sent as tags"


def test_round_trip_is_identity_on_every_paragraph_of_the_corpus():
    paragraphs = corpus_paragraphs()
    assert paragraphs, "the committed corpus has paragraphs"
    keep = keep_names()
    for where, text in paragraphs:
        prepared = to_xml(text, keep)
        assert from_xml(echo(prepared.xml), prepared) == text, where


def test_a_translation_keeps_the_structure():
    text = "Laut *[einem Bericht](https://x.y/a)* mieten **Firmen wie *Derek Aw*** Zeit für `code`."
    prepared = to_xml(text, ["Derek Aw"])
    assert '<i><a n="0">einem Bericht</a></i>' in prepared.xml
    assert "<b>Firmen wie <i><k>Derek Aw</k></i></b>" in prepared.xml
    answer = from_xml(shout(prepared.xml), prepared)
    assert answer == "LAUT *[EINEM BERICHT](https://x.y/a)* MIETEN **FIRMEN WIE *Derek Aw*** ZEIT FÜR `code`."


def test_text_from_deepl_that_looks_like_markdown_stays_text():
    prepared = to_xml("Ein *Wort* und [Link](https://a.b).")
    answer = 'A <i>word</i> * and [x](javascript:y) &lt;https://e.vil&gt; &amp;amp; <a n="0">link</a>'
    markdown = from_xml(answer, prepared)
    assert visible_text(markdown).text == "A word * and [x](javascript:y) <https://e.vil> &amp; link"
    links = [n for n in parse(markdown) if getattr(n, "kind", "") == "link"]
    assert [link.href for link in links] == ["https://a.b"]


def test_emphasis_that_markdown_cannot_say_is_dropped_not_the_words():
    prepared = to_xml("Er *sagte* es **laut** dort.")
    # DeepL put the emphasis around quotation marks right before a letter: `*„sagte“*es`
    # cannot be emphasis in CommonMark.
    markdown = from_xml("Er <i>„sagte“</i>es <b>laut </b>dort.", prepared)
    assert visible_text(markdown).text == "Er „sagte“es laut dort."
    assert "**laut**" in markdown


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ('Laut <b>Su Di</b> sind <a n="0">KI</a> mit <i>sichtbar</i>.', "placeholder 1 dropped"),
        ('Laut <b>Su Di</b> sind KI mit <c n="1"/> <i>sichtbar</i>.', "placeholder 0 dropped"),
        (
            'Laut <b>Su Di</b> sind <a n="0">KI</a> mit <c n="1"/><c n="1"/> <i>sichtbar</i>.',
            "placeholder 1 duplicated",
        ),
        (
            'Laut <b>Su Di</b> <a n="0">KI</a> <a n="0">KI</a> <c n="1"/> <i>sichtbar</i>.',
            "placeholder 0 duplicated",
        ),
        (
            'Laut <b><k>Su Di</b></k> sind <a n="0">KI</a> mit <c n="1"/> <i>sichtbar</i>.',
            "</b> at character 16 closes <k> (opened at character 8): a tag was moved across another",
        ),
        (
            'Laut <b>Su Di sind <a n="0">KI</b></a> mit <c n="1"/> <i>sichtbar</i>.',
            "</b> at character 30 closes <a> (opened at character 19): a tag was moved across another",
        ),
        (
            'Laut <x>Su Di</x> sind <a n="0">KI</a> mit <c n="1"/> <i>sichtbar</i>.',
            "unknown tag '<x>' at character 5",
        ),
        (
            'Laut <b>Su Di</b> sind <a n="0">KI</a> mit <c n="7"/> <i>sichtbar</i>.',
            "unknown placeholder 7 in '<c n=\"7\"/>' at character 43",
        ),
        (
            'Laut <b>Su Di</b> sind <a n="0">KI</a> mit <c n="1"/> <i>sichtbar.',
            "<i> at character 54 is never closed",
        ),
        (
            'Laut <b>Su Di</b> sind KI</a> mit <c n="1"/> <i>sichtbar</i>.',
            "</a> at character 25 closes no open tag",
        ),
        (
            'Laut <b>Su Di</b> sind <a n="0">KI</a> 3 < 4 <c n="1"/>.',
            "unknown tag '< 4 <c n=\"1\"/>' at character 41",
        ),
    ],
)
def test_an_answer_with_wrong_tags_says_what_is_wrong(answer, message):
    prepared = to_xml("Laut **Su Di** sind [KI](https://e.org/x) mit `x` *sichtbar*.", ["Su Di"])
    assert prepared.xml == 'Laut <b><k>Su Di</k></b> sind <a n="0">KI</a> mit <c n="1"/> <i>sichtbar</i>.'
    with pytest.raises(MarkupError) as error:
        from_xml(answer, prepared)
    assert str(error.value) == message
    assert isinstance(error.value, ValueError)


def test_a_link_moved_into_another_link_is_refused():
    prepared = to_xml("[a](https://a.b) und [b](https://c.d)")
    with pytest.raises(MarkupError, match="link placeholder 1 was put inside another link"):
        from_xml('<a n="0">a und <a n="1">b</a></a>', prepared)


def test_any_markdown_survives_the_round_trip_as_the_reader_sees_it():
    pieces = [
        *"ab  *_`[]()\\~&;#<>!:/\"'|",
        "https://",
        "&amp;",
        "**",
        "](",
        "``",
        "__",
        "~~",
        "\\*",
        "[a](b)",
    ]
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        prepared = to_xml(text)
        back = from_xml(echo(prepared.xml), prepared)
        assert visible_text(back).text == visible_text(text).text, text
        assert from_xml(shout(prepared.xml), prepared) is not None
