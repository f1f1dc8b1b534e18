"""Read YAML keeping the line and column of every node; write files atomically.

PyYAML's safe loader is used with two changes that matter for a corpus: dates stay strings
(the schema checks them, and JSON Schema has no date type), and only `true`/`false` are
booleans (so a country code `NO` or a word `yes` stays text). Duplicate keys, which PyYAML
silently accepts, are reported.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Path_ = tuple[str | int, ...]


# libyaml (C) when the wheel has it: several times faster, with the same marks and errors.
class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class Document:
    """A parsed YAML file: its data and where each value stands in the text."""

    path: Path
    shown: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> Problem:
        """A problem located at the value at `path` (or at its key, with `at_key`)."""
        line, column = (
            self.key_marks.get(tuple(path)) if at_key and tuple(path) in self.key_marks else self.locate(path)
        )
        return Problem(self.shown, line, column, message)


def json_path(path: Path_) -> str:
    """`$.claims[3].confidence` for ('claims', 3, 'confidence')."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _walk(node: yaml.Node, path: Path_, doc: Document, problems: list[Problem]) -> None:
    doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        doc.shown,
                        line,
                        key_node.start_mark.column + 1,
                        f"duplicate key '{key}' (first given on line {seen[key]}); keep one of them",
                    )
                )
            seen.setdefault(key, line)
            doc.key_marks[(*path, key)] = (line, key_node.start_mark.column + 1)
            _walk(value_node, (*path, key), doc, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), doc, problems)


def _yaml_error(shown: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"invalid YAML: {what}" + (f" ({context})" if context else "")
    if "\t" in what or "tab" in what:
        message += "; YAML does not allow tab characters for indentation: indent with spaces"
    return Problem(shown, line, column, message)


# Where an anchor (&a), alias (*a) or tag (!x) could start; only texts with one are scanned.
_INDICATOR = re.compile(r"(?:^|[\s\[{,])[&*!][^\s,\[\]{}]|<<")


def _refused_features(text: str, shown: str) -> list[Problem]:
    """Anchors, aliases and explicit tags, which the corpus never needs: an alias can make a
    file of a few lines stand for millions of nodes, and a tag changes what a value means."""
    if not _INDICATOR.search(text):
        return []
    loader = Loader(text)
    problems = []
    try:
        while loader.check_event():
            event = loader.get_event()
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            if isinstance(event, yaml.AliasEvent):
                what = f"alias '*{event.anchor}'"
            elif getattr(event, "anchor", None):
                what = f"anchor '&{event.anchor}'"
            elif getattr(event, "tag", None) and not isinstance(event, yaml.DocumentStartEvent):
                what = f"tag '{event.tag}'"
            elif isinstance(event, yaml.ScalarEvent) and event.value == "<<" and not event.style:
                what = "merge key '<<'"
            else:
                continue
            problems.append(
                Problem(
                    shown,
                    line,
                    column,
                    f"{what}: anchors, aliases, tags and merge keys are not allowed; write the value out in full",
                )
            )
    except yaml.YAMLError:
        return []  # the parse below reports it, located
    finally:
        loader.dispose()
    return problems


def parse_yaml(text: str, *, path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document from text; never raises for bad input. Anchors, aliases, tags,
    merge keys and a second document are refused with a located problem."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [Problem(shown, 1, 1, "file is empty: expected a YAML mapping")]
    refused = _refused_features(text, shown)
    if refused:
        return None, refused
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(shown, 1, 1, "file is empty: expected a YAML mapping")]
        data = loader.construct_document(node)
    except yaml.composer.ComposerError as error:
        if "single document" in str(error):
            mark = error.problem_mark
            return None, [
                Problem(
                    shown,
                    mark.line + 1,
                    mark.column + 1,
                    "a second YAML document ('---'): a file holds one document; remove the line or split the file",
                )
            ]
        return None, [_yaml_error(shown, error)]
    except yaml.YAMLError as error:
        return None, [_yaml_error(shown, error)]
    except (ValueError, TypeError, RecursionError) as error:
        return None, [Problem(shown, 1, 1, f"invalid YAML: {error}")]
    finally:
        loader.dispose()
    doc = Document(path, shown, data)
    problems: list[Problem] = []
    _walk(node, (), doc, problems)
    return doc, problems


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8, or a located problem saying why it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(shown, 0, 0, "file not found")]
    except IsADirectoryError:
        return None, [Problem(shown, 0, 0, "expected a file, found a directory")]
    except OSError as error:
        return None, [Problem(shown, 0, 0, f"cannot read file: {error.strerror}")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        return None, [
            Problem(
                shown,
                line,
                column,
                f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8",
            )
        ]


def load_yaml(path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_yaml(text, path=path, shown=shown)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any, *, schema_line: str | None = None) -> str:
    """YAML text for data, keys in the given order, Unicode as is."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return (schema_line + "\n" if schema_line else "") + body


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a whole file or nothing: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
