"""Edits of a YAML file's text that touch only the lines they must: append an item to a
top-level list (`glossator claim`), replace one value (`fix-anchors`), replace string scalars in
place keeping their quoting (`rename`). Each edit is checked by reading the result back: the
caller gets None when the edit would not read as the data it expects (then it uses
`yamledit.rewrite_yaml`, which keeps every other item's lines), never a wrong file.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from .yamledit import dump_yaml, reads_as
from .yamlio import Loader


def compose(text: str) -> yaml.Node | None:
    loader = Loader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def node_at(root: yaml.Node, path: tuple[str | int, ...]) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) at `path` in a composed document; (None, None) if absent."""
    key, node = None, root
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            pair = next(((k, v) for k, v in node.value if k.value == step), None)
            if pair is None:
                return None, None
            key, node = pair
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            key, node = None, node.value[step]
        else:
            return None, None
    return key, node


def _end(node: yaml.Node) -> int:
    """The index just after a node's last character (block nodes' own end marks may lie past
    the comments that follow them)."""
    if isinstance(node, yaml.ScalarNode):
        return node.end_mark.index
    children = node.value if isinstance(node, yaml.SequenceNode) else [v for pair in node.value for v in pair]
    if not children or node.flow_style:
        return node.end_mark.index
    return max(_end(child) for child in children)


def _line_end(text: str, index: int) -> int:
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def indent(block: str, column: int, *, first: bool = True) -> str:
    pad = " " * column
    lines = block.splitlines(keepends=True)
    return "".join((pad + line if line.strip() and (first or i) else line) for i, line in enumerate(lines))


def append_item(text: str, key: str, item_block: str, expected: dict) -> str | None:
    """`text` with `item_block` (a `- ...` block at column 0, ending in a newline) appended to
    the top-level list `key`, every other byte kept; None if that cannot be done here."""
    root = compose(text)
    if not isinstance(root, yaml.MappingNode):
        return None
    key_node, node = node_at(root, (key,))
    if not isinstance(node, yaml.SequenceNode):
        return None
    if node.flow_style and not node.value:
        before = text[: node.start_mark.index].rstrip(" ")
        after = text[node.end_mark.index :]
        new = before + "\n" + item_block + after.removeprefix("\n")
    elif not node.flow_style and node.value:
        column = node.value[0].start_mark.column
        dash = text.rfind("-", 0, node.value[0].start_mark.index)
        column = dash - text.rfind("\n", 0, dash) - 1 if dash != -1 else max(0, column - 2)
        at = _line_end(text, _end(node.value[-1]))
        body = text[:at] + ("" if text[:at].endswith("\n") or not at else "\n")
        new = body + indent(item_block, column) + text[at:]
    else:
        return None
    return new if reads_as(new, expected) else None


def replace_value(text: str, path: tuple[str | int, ...], value: Any, expected: Any) -> str | None:
    """`text` with the value at `path` written anew (the key and everything else kept); None
    when the result would not read as `expected`."""
    root = compose(text)
    if root is None:
        return None
    key, node = node_at(root, path)
    if node is None or key is None:
        return None
    start, end = node.start_mark.index, _end(node)
    if _inside_flow(root, path) or getattr(node, "flow_style", False):
        emitted = flow(value)
    else:
        column = key.start_mark.column
        emitted = dump_yaml({"k": value})
        emitted = emitted[len("k:") :].lstrip(" ")
        if emitted.startswith("\n"):  # a mapping or list: its lines below the key
            emitted = "\n" + indent(emitted[1:], column)
            start = key.end_mark.index + 1  # after the colon
        else:
            emitted = indent(emitted, column, first=False)
        if not text[start:end].endswith("\n"):
            emitted = emitted.rstrip("\n")
    new = text[:start] + emitted + text[end:]
    return new if reads_as(new, expected) else None


def _inside_flow(root: yaml.Node, path: tuple[str | int, ...]) -> bool:
    node = root
    for step in path[:-1]:
        _, node = node_at(node, (step,))
        if node is not None and getattr(node, "flow_style", False):
            return True
    return False


def flow(value: Any) -> str:
    """A value in YAML flow style on one line: strings as JSON strings (valid YAML
    double-quoted scalars), mappings as `{key: value, ...}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _written(node: yaml.ScalarNode, value: str) -> str | None:
    """The new value written in the old value's style; a plain value as the project's emitter
    writes it (quoted when a YAML 1.1 or 1.2 reader could take it for another type, e.g. `yes`
    or `2024`); None for styles not replaced in place (block scalars)."""
    if node.style == "'":
        return "'" + value.replace("'", "''") + "'"
    if node.style == '"':
        return json.dumps(value, ensure_ascii=False)
    if not node.style:  # plain (None in PyYAML, "" in libyaml)
        written = dump_yaml({"k": value}).removeprefix("k: ").rstrip("\n")
        return None if "\n" in written else written
    return None


def replace_scalars(text: str, edits: dict[tuple[str | int, ...], str]) -> str | None:
    """`text` with the string scalar at each path replaced by its new value, or None when that
    cannot be done in place (a path that is no one-line scalar, text that does not parse)."""
    if not edits:
        return text
    root = compose(text)
    if root is None:
        return None
    spans = []
    for path, value in edits.items():
        _, node = node_at(root, path)
        if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
            return None
        written = _written(node, value)
        if written is None:
            return None
        spans.append((node.start_mark.index, node.end_mark.index, written))
    for start, end, written in sorted(spans, reverse=True):
        text = text[:start] + written + text[end:]
    return text
