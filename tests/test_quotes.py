from __future__ import annotations

import pytest

from glossator.markdown import visible_text
from glossator.quotes import Match, TextQuote, describe_miss, find_quote
from glossator.textnorm import normalize, paragraph_hash

PARAGRAPHS = [("p1", "Aw sagt, Aw wisse es nicht."), ("p2", "Das sagt Aw.")]


def test_exact_quote_with_prefix_and_suffix():
    assert len(find_quote(TextQuote("Aw"), PARAGRAPHS)) == 3
    [match] = find_quote(TextQuote("Aw", prefix="sagt "), PARAGRAPHS)
    assert (match.paragraph, match.start) == ("p2", 9)
    [match] = find_quote(TextQuote("Aw", suffix=" wisse"), PARAGRAPHS)
    assert (match.paragraph, match.start) == ("p1", 9)


def test_quote_from_yaml_is_normalized():
    quote = TextQuote.from_data({"exact": " Das  sagt\nAw. ", "prefix": ""})
    assert find_quote(quote, PARAGRAPHS)[0].paragraph == "p2"


def test_miss_hints():
    assert "upper/lower case" in describe_miss(TextQuote("das sagt"), PARAGRAPHS)
    assert "prefix/suffix" in describe_miss(TextQuote("Aw", prefix="Herr "), PARAGRAPHS)


def test_normalize_and_hash():
    assert normalize("  a\u00a0 b\n c ") == "a b c"
    assert normalize("Cafe\u0301") == "Café"
    assert paragraph_hash("a  b") == paragraph_hash("a b")
    assert paragraph_hash("a b") != paragraph_hash("a c")
    assert len(paragraph_hash("x")) == 16


MARKDOWN = [
    ("p1", "Die Firmen sitzen in **Singapur/Kuala Lumpur** und [*Malaysia*](https://x.y/a_b)."),
    ("p2", "Der Befehl `nvidia-smi` zeigt 8 \\* H100 &amp; mehr."),
]


def test_quotes_match_the_visible_text_across_markup():
    [match] = find_quote(TextQuote("in Singapur/Kuala Lumpur und Malaysia."), MARKDOWN)
    assert (match.paragraph, match.start, match.end) == ("p1", 18, 56)
    [match] = find_quote(TextQuote("H100", prefix="nvidia-smi zeigt 8 * ", suffix=" & mehr"), MARKDOWN)
    assert match.paragraph == "p2"


def test_markdown_in_a_quote_is_not_what_a_reader_sees():
    quote = TextQuote("**Singapur/Kuala Lumpur**")
    assert find_quote(quote, MARKDOWN) == []
    assert describe_miss(quote, MARKDOWN) == (
        "it contains Markdown markup; quote the words a reader sees: 'Singapur/Kuala Lumpur'"
    )
    assert find_quote(TextQuote("https://x.y"), MARKDOWN) == [], "a link target is not visible"


def test_a_quote_with_plain_quotation_marks_is_told_what_the_text_has():
    from glossator.quotes import TextQuote, describe_miss

    paragraphs = [("p1", "Er nannte sie „verbotene“ Chips – und das war’s.")]
    quote = TextQuote.from_data({"exact": '"verbotene" Chips - und das war\'s'})
    assert describe_miss(quote, paragraphs) == (
        "found in p1 with other quotation marks, apostrophes or dashes; "
        "copy them from the text: '„verbotene“ Chips – und das war’s'"
    )


@pytest.mark.parametrize(
    ("markdown", "quote"),
    [
        ("Die **Singapur**/Kuala-Lumpur-Route", "Singapur/Kuala-Lumpur-Route"),
        ("Ein B&auml;r und ein &#x42;ulle", "Bär und ein Bulle"),
        ("Siehe <https://xn--bcher-kva.de/%C3%A4> dazu", "bücher.de/ä"),
        ("Wort\\*mit Stern und `co de`", "Wort*mit Stern und co de"),
        ("eine [verlinkte *Firma*](https://a.example) hier", "verlinkte Firma hier"),
        ("zwei\nZeilen", "zwei Zeilen"),
    ],
)
def test_a_quote_is_found_whatever_the_markup_between_its_letters(markdown: str, quote: str) -> None:
    # The search skips paragraphs whose source lacks a run of the quote's letters: never one
    # whose visible text holds the quote.
    assert visible_text(markdown).text.find(quote) != -1, "the case itself is wrong"
    assert find_quote(TextQuote(quote), [("p1", "nichts davon"), ("p2", markdown)]) == [
        Match(
            "p2",
            visible_text(markdown).text.find(quote),
            visible_text(markdown).text.find(quote) + len(quote),
        )
    ]
