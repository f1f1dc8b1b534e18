"""Issue 9's model: the new claim fields reach the typed model, related claims pool their
evidence both ways, and `translate` keeps a reviewer's name on a paragraph it adds a draft to."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import add_article
from glossator.corpus import load_corpus
from glossator.evidence import Relations
from glossator.listing import Filters, rows
from glossator.textnorm import paragraph_hash
from test_check_cases import CASES, apply_case


def test_new_fields_reach_the_model(project: Path) -> None:
    apply_case(CASES / "positive" / "two-axes-relations-review", project)
    corpus, _, problems = load_corpus(project)
    assert problems == []
    claims = {c.id: c for c in corpus.all_claims()}
    first, second = claims["demo-01"], claims["demo-02"]
    assert [q.original.exact for q in first.also_quoted] == ["den Verkauf der Chips"]
    assert first.sources[0].credibility == 1 and first.sources[1].credibility is None
    assert (first.event_date, first.event_end) == ("2024", "2024-12") and first.event_date_inferred
    assert first.review.reviewed_by == "Test reviewer" and first.review.annotated_by is None
    assert first.review.notes["annotated_by"] == "Not recorded."
    assert second.claimant_kind == "anonymous" and second.attribution == "sagte Muster"
    assert second.as_of.words == "sei" and second.as_of.date is None
    assert [(r.type, r.claim) for r in second.relations] == [("refines", "demo-01")]
    assert corpus.sources["demo-relay"].read is False and corpus.sources["demo-article"].read is None
    paragraph = corpus.translations["demo-article"].paragraphs["p1"]
    assert (paragraph.reviewed_by, paragraph.reviewed_on) == ("Test reviewer", "2024-06-03")


def test_same_as_pools_evidence_both_ways_and_supports_one_way(project: Path) -> None:
    apply_case(CASES / "positive" / "two-axes-relations-review", project)
    corpus, _, _ = load_corpus(project)
    claims = {c.id: c for c in corpus.all_claims()}
    index = Relations(claims)
    # demo-03 supports demo-01: demo-01 counts demo-03's filing, not the other way round.
    assert len(index.pooled_origins(corpus.sources, "demo-01")) == 2
    assert len(index.pooled_origins(corpus.sources, "demo-03")) == 1
    # refines adds nothing.
    assert index.evidence_claims("demo-02") == {"demo-02"}
    # same_as is symmetric: stated on demo-01 only, both sides pool the same evidence.
    same_as = claims["demo-03"].relations[0]._replace(type="same_as", claim="demo-03")
    linked = {
        **claims,
        "demo-01": claims["demo-01"]._replace(relations=(same_as,)),
        "demo-03": claims["demo-03"]._replace(relations=()),
    }
    index = Relations(linked)
    assert index.evidence_claims("demo-03") == {"demo-01", "demo-03"} == index.evidence_claims("demo-01")


def test_translate_keeps_the_reviewer_of_a_paragraph_it_drafts(project: Path, cli, fake_deepl) -> None:
    add_article(project, "story", ["Erster Absatz, neu.", "Zweiter Absatz."])
    path = project / "corpus" / "story" / "translation.en.yaml"
    data = {
        "article": "story",
        "language": "en",
        "paragraphs": [
            {
                "id": "p1",
                "source_hash": paragraph_hash("Erster Absatz."),
                "method": "manual",
                "review": "reviewed",
                "text": "First paragraph.",
                "reviewed_by": "Anna Beispiel",
                "reviewed_on": "2024-06-03",
            }
        ],
    }
    path.write_text(
        "# yaml-language-server: $schema=../../scripts/glossator/schemas/translation.schema.json\n"
        + yaml.safe_dump(data, sort_keys=False),
        "utf-8",
    )
    result = cli("translate", "--root", project, "--retranslate")
    assert result.exit_code == 0, result.output
    written = yaml.safe_load(path.read_text("utf-8"))["paragraphs"]
    first = next(p for p in written if p["id"] == "p1")
    assert first["draft"]["text"], "a machine draft was added beside the person's translation"
    assert (first["reviewed_by"], first["reviewed_on"]) == ("Anna Beispiel", "2024-06-03")
    assert [p["id"] for p in written] == ["p1", "p2"]


def test_rename_a_claim_follows_relations_to_it(project: Path, cli) -> None:
    """A relation names a claim by id: renaming the claim rewrites the relation, so check stays clean."""
    apply_case(CASES / "positive" / "two-axes-relations-review", project)
    result = cli("rename", "--root", project, "claim", "demo-01", "demo-sale")
    assert result.exit_code == 0, result.output
    claims = yaml.safe_load((project / "annotations" / "claims" / "demo-article.yaml").read_text("utf-8"))
    relations = {c["id"]: [r["claim"] for r in c.get("relations", [])] for c in claims["claims"]}
    assert relations["demo-02"] == ["demo-sale"] and relations["demo-03"] == ["demo-sale"]
    assert cli("check", "--root", project).exit_code == 0


def test_an_anonymous_claimant_is_no_entitys_claim(project: Path) -> None:
    """`list entities` counts the claims an entity makes or is named in; an anonymous claimant
    whose label happens to equal an entity id is not that entity."""
    apply_case(CASES / "positive" / "two-axes-relations-review", project)
    corpus, _, _ = load_corpus(project)
    anonymous = next(c for c in corpus.all_claims() if c.claimant_kind == "anonymous")
    entity = corpus.entities["max-muster"]._replace(id=anonymous.claimant_id)
    corpus.entities[entity.id] = entity
    counts = {r["id"]: r["claims"] for r in rows(corpus, "entities", Filters())}
    assert counts[anonymous.claimant_id] == 0
