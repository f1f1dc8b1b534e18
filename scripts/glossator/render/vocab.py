"""The closed vocabularies (confidence, status, claim type, reliability), read from the schemas
so that the site's definitions can never drift from what the checker accepts."""

from __future__ import annotations

from functools import cache

from ..schema import load_schema


@cache
def vocabulary(schema: str, name: str) -> dict[str, str]:
    """Value -> definition, in the schema's order."""
    definition = load_schema(schema)["$defs"][name]
    return dict(zip(definition["enum"], definition["enumDescriptions"], strict=True))


@cache
def vocabulary_intro(schema: str, name: str) -> str:
    return load_schema(schema)["$defs"][name].get("description", "")


def confidence() -> dict[str, str]:
    return vocabulary("claims", "confidence")


def status() -> dict[str, str]:
    return vocabulary("claims", "status")


def claim_type() -> dict[str, str]:
    return vocabulary("claims", "claim_type")


def reliability() -> dict[str, str]:
    return vocabulary("sources", "reliability_grade")


@cache
def source_type() -> dict[str, str]:
    prop = load_schema("sources")["$defs"]["source"]["properties"]["type"]
    return dict(zip(prop["enum"], prop["enumDescriptions"], strict=True))
