"""What a new article starts with: its own source registry entry, and a claims file to fill in."""

from __future__ import annotations

from ..yamledit import dump_yaml

UNGRADED = "Not graded yet: set a grade from A to F once the publisher's record has been assessed."

CLAIMS_TEMPLATE = """{schema_line}
# Claims of the article {id}. Add one item per claim under `claims:`; your editor completes the
# fields from the schema. The scales are explained on the site's Methodology page.
#
#  - id: {id}-01                   # unique across the corpus, never reused
#    statement: One English sentence saying what is claimed.
#    quote:
#      original: {{exact: "the words exactly as in article.yaml"}}
#      translation: {{exact: "the words exactly as in translation.en.yaml"}}
#    claimant: source:{source}      # or entity:<id> for a person quoted
#    type: event                     # event | statement | assertion | prediction | opinion
#    sources:
#      - {{source: {source}, locator: p1}}
#    confidence: low                 # high | moderate | low | not-assessable
#    rationale: Which origins, how independent, what is missing.
#    status: unverified              # unverified | corroborated | disputed | refuted
#    entities: []                    # ids from annotations/entities.yaml
#    event_date: "2024-11-28"        # when known; leave out otherwise
"""


def claims_scaffold(article_id: str, schema_line: str, source: str | None = None) -> str:
    """A claims file with no claims: the schema line, a commented example, then the data
    (written by `dump_yaml`, so that an id like `2024` or `null` stays a string)."""
    comments = CLAIMS_TEMPLATE.format(schema_line=schema_line, id=article_id, source=source or article_id)
    return comments + dump_yaml({"article": article_id, "claims": []})


def source_entry(article: dict) -> dict:
    """The article's own entry in annotations/sources.yaml."""
    fields = {
        "title": article.get("title"),
        "author": article.get("author"),
        "publisher": article.get("publisher"),
        "date": article.get("published"),
        "url": article.get("url"),
    }
    article_notes = article.get("notes") or {}
    notes = {
        key: article_notes.get("published" if key == "date" else key, "Unknown.")
        for key, v in fields.items()
        if v is None
    }
    entry = {
        "id": article["source"],
        "type": "news_report",
        "label": article.get("title") or article["id"],
        **fields,
        "language": article["language"],
        "article": article["id"],
        "reliability": {"grade": "F", "rationale": UNGRADED},
        "via": [],
    }
    if notes:
        entry["notes"] = notes
    return entry
