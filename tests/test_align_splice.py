"""The pieces under `claim` and `fix-anchors`: the proposed words in the other language, and
edits of a YAML file's text that touch only their own lines (or refuse)."""

from __future__ import annotations

import yaml

from glossator.annotate.align import propose, sentences
from glossator.yamlsplice import append_item, replace_value

DE = "Die Firma sitzt in Singapur. NVIDIA liefert 2000 H100 an die Firma. Das sei legal."
EN = "The company is in Singapore. NVIDIA delivers 2000 H100 to the company. That was legal."


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_sentences_do_not_end_at_an_ordinal():
    text = "Am 9. Dezember 2024 schrieb er. Dann kam nichts."
    assert [text[s:e] for s, e in sentences(text)] == ["Am 9. Dezember 2024 schrieb er.", "Dann kam nichts."]


def test_a_whole_sentence_gets_the_same_numbered_sentence():
    start, end = propose(DE, *span(DE, "NVIDIA liefert 2000 H100 an die Firma."), EN)
    assert EN[start:end] == "NVIDIA delivers 2000 H100 to the company."


def test_part_of_a_sentence_follows_names_and_numbers():
    start, end = propose(DE, *span(DE, "2000 H100"), EN)
    assert EN[start:end] == "2000 H100"
    start, end = propose(DE, *span(DE, "in Singapur"), EN)
    assert EN[start:end] == "in Singapore"


def test_no_target_no_proposal():
    assert propose(DE, 0, 3, "  ") is None


CLAIMS = """# a comment that stays
article: a
claims:
  - id: a-01  # and this one
    note: |
      two lines
      kept
    quote:
      original: {exact: "alt", prefix: "x "}
"""


def test_append_after_a_block_scalar_keeps_every_byte():
    data = yaml.safe_load(CLAIMS)
    new = {**data, "claims": [*data["claims"], {"id": "a-02"}]}
    text = append_item(CLAIMS, "claims", "- id: a-02  # TODO\n", new)
    assert text == CLAIMS + "  - id: a-02  # TODO\n"


def test_append_to_a_flow_list_with_items_is_refused():
    text = "article: a\nclaims: [{id: a-01}]\n"
    assert (
        append_item(
            text, "claims", "- id: a-02\n", {"article": "a", "claims": [{"id": "a-01"}, {"id": "a-02"}]}
        )
        is None
    )


def test_replace_inside_a_flow_mapping_keeps_the_flow_style():
    data = yaml.safe_load(CLAIMS)
    data["claims"][0]["quote"]["original"]["exact"] = 'neu: "#1"'
    text = replace_value(CLAIMS, ("claims", 0, "quote", "original", "exact"), 'neu: "#1"', data)
    assert text == CLAIMS.replace('{exact: "alt"', '{exact: "neu: \\"#1\\""')
    assert yaml.safe_load(text) == data


def test_a_replacement_that_would_not_read_back_is_refused():
    data = yaml.safe_load(CLAIMS)
    assert replace_value(CLAIMS, ("claims", 0, "note"), "other", data) is None
