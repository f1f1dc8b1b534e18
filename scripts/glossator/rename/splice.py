"""Replace single scalar values in YAML text in place, so that a diff shows only the lines of the
values that changed: the rest of the file, nested items included, keeps every byte (yamledit's
rewrite_yaml keeps unchanged top-level items, but re-emits a changed item whole)."""

from __future__ import annotations

import json

import yaml

from ..yamledit import dump_yaml
from ..yamlio import Loader

Path_ = tuple[str | int, ...]


def _node_at(root: yaml.Node, path: Path_) -> yaml.Node | None:
    node: yaml.Node | None = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


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


def replace_scalars(text: str, edits: dict[Path_, str]) -> str | None:
    """`text` with the string scalar at each path replaced by its new value, or None when that
    cannot be done in place (a path that is no one-line scalar, text that does not parse)."""
    if not edits:
        return text
    loader = Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if root is None:
        return None
    spans = []
    for path, value in edits.items():
        node = _node_at(root, path)
        if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
            return None
        written = _written(node, value)
        if written is None:
            return None
        spans.append((node.start_mark.index, node.end_mark.index, written))
    for start, end, written in sorted(spans, reverse=True):
        text = text[:start] + written + text[end:]
    return text
