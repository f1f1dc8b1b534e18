"""The JSON Schema files shipped with the package, and validation of parsed YAML against them."""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from pathlib import Path

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .problems import Problem
from .yamlio import Document, json_path

SCHEMA_NAMES = (
    "common",
    "article",
    "translation",
    "claims",
    "sources",
    "entities",
    "glossary",
    "boilerplate",
    "redirects",
    "synonyms",
    "outlets",
)
REPO_SCHEMA_DIR = Path("scripts/glossator/schemas")


def schema_file(name: str) -> str:
    return f"{name}.schema.json"


@cache
def load_schema(name: str) -> dict:
    text = resources.files("glossator").joinpath("schemas", schema_file(name)).read_text("utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        (schema_file(n), Resource.from_contents(load_schema(n))) for n in SCHEMA_NAMES
    )
    return Draft202012Validator(load_schema(name), registry=registry)


_BASE = "file:///glossator/schemas/"


@cache
def _fast_validator(name: str):
    """jsonschema-rs: about 200 times faster; it decides whether a document is valid. The
    reference implementation then words the messages for the (few) documents that are not."""
    registry = jsonschema_rs.Registry([(_BASE + schema_file(n), load_schema(n)) for n in SCHEMA_NAMES])
    return jsonschema_rs.validator_for(
        load_schema(name), registry=registry, base_uri=_BASE + schema_file(name)
    )


def schema_line(file: Path, name: str, root: Path) -> str:
    """The first line that tells editors (yaml-language-server) which schema a file follows."""
    root, folder = os.path.abspath(root), os.path.dirname(os.path.abspath(file))
    inside = folder[len(root) + 1 :].split(os.sep) if folder.startswith(root + os.sep) else None
    if inside and inside[0] != REPO_SCHEMA_DIR.parts[0]:  # the common case, without relpath
        relative = "../" * len(inside) + f"{REPO_SCHEMA_DIR.as_posix()}/{schema_file(name)}"
    else:
        target = os.path.join(root, REPO_SCHEMA_DIR, schema_file(name))
        relative = Path(os.path.relpath(target, folder)).as_posix()
    return f"# yaml-language-server: $schema={relative}"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _describe(error) -> str:
    where = json_path(error.absolute_path)
    if error.validator == "enum":
        options = ", ".join(repr(v) for v in error.validator_value)
        return (
            f"{where}: {_short(error.instance)} is not one of the allowed values (expected one of {options})"
        )
    if error.validator == "pattern":
        hint = error.schema.get("description", "").split(". ")[0].rstrip(".")
        return f"{where}: {_short(error.instance)} does not have the expected form ({hint or error.message})"
    if error.validator == "required":
        return f"{where}: {error.message}; add it"
    if (
        error.validator == "type"
        and error.validator_value == "string"
        and isinstance(error.instance, (int, float, bool))
    ):
        return f"{where}: {_short(error.instance)} is read as a {type(error.instance).__name__}, not text; put it in quotes"
    return f"{where}: {error.message if len(error.message) <= 200 else _short(error.instance) + ' is not valid here'}"


def validate(doc: Document, name: str) -> list[Problem]:
    """Every way the document breaks its schema, each at the line of the offending value."""
    return [problem for _, problem in schema_errors(doc, name)]


def schema_errors(doc: Document, name: str) -> list[tuple[tuple, Problem]]:
    """(path of the offending value, problem) for every way the document breaks its schema."""
    fast = _fast_validator(name)
    if fast.is_valid(doc.data):
        return []
    problems = []
    for error in _validator(name).iter_errors(doc.data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            expected = ", ".join(sorted(allowed))
            for extra in [k for k in error.instance if k not in allowed]:
                message = f"{json_path(path)}: unknown field '{extra}' (expected one of: {expected})"
                problems.append((path, doc.problem((*path, extra), message, at_key=True)))
            continue
        problems.append((path, doc.problem(path, _describe(error))))
    if not problems:
        # Where the two disagree, the strict one wins: Python's `$` also matches before a
        # final newline, so an id 'x\n' passes the reference validator but not jsonschema-rs.
        for error in fast.iter_errors(doc.data):
            path = tuple(error.instance_path)
            problems.append((path, doc.problem(path, f"{json_path(path)}: {error.message}")))
    return problems


def check_schema_line(doc: Document, text_first_line: str, name: str, root: Path) -> list[Problem]:
    expected = schema_line(doc.path, name, root)
    if text_first_line.strip() == expected:
        return []
    return [
        Problem(
            doc.shown,
            1,
            1,
            f"the first line must name the schema, so editors can check the file as you type: "
            f"expected '{expected}'",
        )
    ]
