"""Write YAML files so that a diff shows only what changed.

Every file the tool edits is rewritten from new data, but each top-level value and each item of
a top-level list that did not change keeps its original lines byte for byte (comments, quoting,
line breaks); only changed, added or removed items are emitted anew. Emitted YAML has no anchors
or aliases, and every string that a YAML 1.1 or 1.2 reader could take for another type (a hash
like 1313353330555e22, an id like 404, null or yes, a date) is quoted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .yamlio import Loader, write_atomic

# YAML 1.2 core schema scalars that are not strings; PyYAML (YAML 1.1) already quotes its own.
_CORE_12 = re.compile(
    r"""^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+
    |[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |true|True|TRUE|false|False|FALSE|null|Null|NULL|~
    |y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
    |\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$""",
    re.VERBOSE,
)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and value == value.rstrip(" ") and "\r" not in value:
        style = "|"
    elif _CORE_12.match(value) or value == "":
        style = "'"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


class Quoted(str):
    """A string always written quoted, whatever it looks like (e.g. every `source_hash`, so
    that hashes look alike and none is ever read as a number)."""


_Dumper.add_representer(
    Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="'")
)


def dump_yaml(data: Any, *, schema_line: str | None = None) -> str:
    """YAML text for data: block style, keys in the given order, Unicode as is."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return (schema_line + "\n" if schema_line else "") + body


def _is_comment_or_blank(line: str, max_indent: int) -> bool:
    stripped = line.lstrip(" ")
    return not stripped.strip() or (stripped.startswith("#") and len(line) - len(stripped) <= max_indent)


def _split_trailing(lines: list[str], max_indent: int) -> tuple[list[str], list[str]]:
    """A segment's own lines and the blank or comment lines after it (which belong to what
    follows: a comment above the next item stays above it)."""
    end = len(lines)
    while end > 1 and _is_comment_or_blank(lines[end - 1], max_indent):
        end -= 1
    return lines[:end], lines[end:]


def _indent(text: str, column: int) -> list[str]:
    pad = " " * column
    return [pad + line if line.strip() else line for line in text.splitlines(keepends=True)]


def _identity(item: Any) -> Any:
    if isinstance(item, dict) and item:
        key = "id" if "id" in item else next(iter(item))
        return (key, repr(item[key]))
    return ("value", repr(item))


def _merge_list(
    node: yaml.SequenceNode, old: list, new: list, lines: list[str], first_line: int, body_end: int
) -> list[str] | None:
    """The key's lines with unchanged items kept as they were; None when the old list is not a
    block sequence of items that can be told apart."""
    if node.flow_style or not node.value or not new or len(node.value) != len(old):
        return None
    starts = [item.start_mark.line for item in node.value]
    if any(lines[s].lstrip().startswith("-") is False for s in starts):
        return None
    column = len(lines[starts[0]]) - len(lines[starts[0]].lstrip(" "))
    identities = [_identity(item) for item in old]
    if len(set(identities)) != len(identities):
        return None
    # A comment between two items belongs to the item below it, and goes where that item goes.
    segments: dict[Any, tuple[Any, list[str], list[str]]] = {}
    bounds = [*starts[1:], body_end]
    leading: list[str] = []
    for identity, value, start, end in zip(identities, old, starts, bounds, strict=True):
        own, trailing = _split_trailing(lines[start:end], column)
        segments[identity] = (value, leading, own)
        leading = trailing
    out: list[str] = []
    for item in new:
        found = segments.get(_identity(item))
        if found is not None and found[0] == item:
            out += found[1] + found[2]
        else:
            out += (found[1] if found else []) + _indent(dump_yaml([item]), column)
    out += leading
    return lines[first_line : starts[0]] + out


def rewrite_yaml(old_text: str, new_data: dict) -> str:
    """The text of `new_data`, keeping the original lines of everything unchanged in `old_text`.
    Whatever the old text holds, the result reads back as `new_data`: where splicing would not
    (an anchor, a flow-style file, a document marker), the whole file is written anew."""
    spliced = _splice(old_text, new_data)
    if spliced is not None and reads_as(spliced, new_data):
        return spliced
    header = []
    for line in old_text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        header.append(line if line.endswith("\n") else line + "\n")
    return "".join(header) + dump_yaml(new_data)


def reads_as(text: str, data: Any) -> bool:
    """Whether `text` reads (as the project reads YAML) as `data`: how every edit is checked."""
    try:
        return yaml.load(text, Loader=Loader) == data
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return False


def _splice(old_text: str, new_data: dict) -> str | None:
    loader = Loader(old_text)
    try:
        node = loader.get_single_node()
        old = loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None
    finally:
        loader.dispose()
    if (
        not isinstance(node, yaml.MappingNode)
        or node.flow_style
        or not isinstance(old, dict)
        or not node.value
    ):
        return None
    lines = old_text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    starts = [key_node.start_mark.line for key_node, _ in node.value]
    bounds = [*starts[1:], len(lines)]
    # Comments between two keys belong to the key below them, and go where that key goes.
    segments: dict[str, tuple[list[str], list[str], int, yaml.Node]] = {}
    leading: list[str] = []
    for (key_node, value_node), start, end in zip(node.value, starts, bounds, strict=True):
        own, trailing = _split_trailing(lines[start:end], 0)
        segments[str(key_node.value)] = (leading, own, start, value_node)
        leading = trailing
    out = lines[: starts[0]]
    for key, value in new_data.items():
        if key not in segments:
            out += dump_yaml({key: value}).splitlines(keepends=True)
            continue
        before, own, start, value_node = segments[key]
        out += before
        if old.get(key) == value:
            out += own
            continue
        merged = None
        if isinstance(value_node, yaml.SequenceNode) and isinstance(value, list):
            merged = _merge_list(value_node, old.get(key) or [], value, lines, start, start + len(own))
        out += merged if merged is not None else dump_yaml({key: value}).splitlines(keepends=True)
    return "".join(out + leading)


def write_yaml(path: Path, new_data: dict, *, schema_line: str | None = None) -> bool:
    """Write `new_data` to `path` (atomically), keeping the lines of what did not change, and the
    file's own line endings and byte-order mark. Returns whether the file changed."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        write_atomic(path, dump_yaml(new_data, schema_line=schema_line))
        return True
    bom, text = raw.startswith("\ufeff"), raw.removeprefix("\ufeff")
    crlf = "\r\n" in text
    new_text = rewrite_yaml(text.replace("\r\n", "\n"), new_data)
    if schema_line and not new_text.startswith(schema_line + "\n"):
        if new_text.startswith("# yaml-language-server:"):
            new_text = new_text.split("\n", 1)[1]
        new_text = schema_line + "\n" + new_text
    new_text = ("\ufeff" if bom else "") + (new_text.replace("\n", "\r\n") if crlf else new_text)
    if new_text == raw:
        return False
    write_atomic(path, new_text)
    return True
