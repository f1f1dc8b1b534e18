from __future__ import annotations

from glossator.quotes import TextQuote, describe_miss, find_quote
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
