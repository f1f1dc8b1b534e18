"""Read YAML keeping the line and column of every node; write files atomically.

PyYAML's safe loader is used with two changes that matter for a corpus: dates stay strings
(the schema checks them, and JSON Schema has no date type), and only `true`/`false` are
booleans (so a country code `NO` or a word `yes` stays text). Duplicate keys, which PyYAML
silently accepts, are reported.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .problems import Problem
from .yamlfast import SLOW, FastReader, printable, top_level_marks

if TYPE_CHECKING:
    from .parsecache import ParseCache

Path_ = tuple[str | int, ...]


# libyaml (C) when the wheel has it: several times faster, with the same marks and errors.
class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """PyYAML's resolution, with a shortcut for the common case: a plain scalar whose first
        character cannot start a number, null, boolean or the like is a string (most of the
        corpus is prose, and the full resolver is the slowest step of loading)."""
        if kind is yaml.ScalarNode and implicit[0] and value and value[0] not in _SPECIAL_FIRST:
            return "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)


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
# The characters with which a plain scalar that is not a string can start, for this loader.
_SPECIAL_FIRST = frozenset(first for first in Loader.yaml_implicit_resolvers if first)
fast_load = FastReader(Loader.yaml_implicit_resolvers).load


@dataclass
class Document:
    """A parsed YAML file: its data, and its text to find where each value stands. The node
    tree is composed again only when a problem must be located (rare), so that a large corpus
    does not keep millions of nodes in memory."""

    path: Path
    shown: str
    data: Any
    text: str = ""
    _root: yaml.Node | None = field(default=None, repr=False, compare=False)
    # Marks of the values (and keys) two levels deep, where most problems are reported, so that
    # those need no second parse: path -> (line, column, key line, key column). None for a file
    # read the fast way until a problem is located in it (then found from the text).
    marks: dict[Path_, tuple[int, int, int, int]] | None = field(
        default_factory=dict, repr=False, compare=False
    )

    def _text(self) -> str:
        if not self.text:
            self.text = read_text(self.path, self.shown)[0] or ""  # dropped after loading
        return self.text

    def known_marks(self) -> dict[Path_, tuple[int, int, int, int]]:
        if self.marks is None:
            self.marks = top_level_marks(self._text(), self.data)
        return self.marks

    def _node(self) -> yaml.Node | None:
        if self._root is None:
            self._text()
        if self._root is None and self.text:
            loader = Loader(self.text.removeprefix("\ufeff"))
            try:
                self._root = loader.get_single_node()
            except yaml.YAMLError:
                self._root = None
            finally:
                loader.dispose()
        return self._root

    def _find(self, path: Path_) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The node at `path` or its nearest existing ancestor, and the key node of the last
        mapping step taken (None if the last step was not a key)."""
        node, key = self._node(), None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if k.value == part), None)
                if found is None:
                    break
                key, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                key, node = None, node.value[part]
            else:
                break
        return node, key

    def locate(self, path: Path_, *, at_key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path` (or of its key), or of its nearest ancestor."""
        known = self.known_marks().get(tuple(path))
        if known is not None:
            return known[2:] if at_key and known[2] else known[:2]
        node, key = self._find(tuple(path))
        mark = (key if at_key and key is not None else node).start_mark if node is not None else None
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)

    def problem(self, path: Path_, message: str, *, at_key: bool = False, severity: str = "error") -> Problem:
        """A problem located at the value at `path` (or at its key, with `at_key`)."""
        line, column = self.locate(path, at_key=at_key)
        return Problem(self.shown, line, column, message, severity)


def json_path(path: Path_) -> str:
    """`$.claims[3].confidence` for ('claims', 3, 'confidence')."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _yaml_error(shown: str, error: yaml.YAMLError, text: str = "") -> Problem:
    if isinstance(error, yaml.reader.ReaderError) and isinstance(error.character, (int, str)):
        # A character YAML does not allow in a file (NUL, other controls): located by its
        # position in the text, which the reader gives instead of a mark.
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        char = chr(error.character) if isinstance(error.character, int) else error.character
        name = unicodedata.name(char, "a control character")
        return Problem(
            shown,
            line,
            column,
            f"the character U+{ord(char):04X} ({name}) is not allowed in a YAML file: remove it",
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"invalid YAML: {what}" + (f" ({context})" if context else "")
    if "'\\t'" in what or "\t" in what:
        message += "; YAML does not allow tab characters for indentation: indent with spaces"
    return Problem(shown, line, column, message)


# An anchor (&a), alias (*a) or tag (!x) starts a node: after ':', '-', '?', '[' or '{' and
# blanks. Two rarer places are left out because prose is full of them: after ',' in a flow list
# (", *emphasis*") and at the start of a line (a wrapped line "*Wort* ..."). An alias there is
# still refused, by `_construct`, which meets its node twice; an anchor alone does no harm.
_INDICATOR = re.compile(r"[:\-?\[{][ \t]*[&*!]|<<")


def _may_have_indicator(text: str) -> bool:
    """Whether an anchor, alias, tag or merge key could stand in the text. Only such texts are
    scanned event by event (a quick regular expression first: most files have none)."""
    return _INDICATOR.search(text) is not None


def _refused_features(text: str, shown: str) -> list[Problem]:
    """Anchors, aliases and explicit tags, which the corpus never needs: an alias can make a
    file of a few lines stand for millions of nodes, and a tag changes what a value means."""
    if not _may_have_indicator(text):
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


_STR, _MAP, _SEQ, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "map", "seq", "null"))


class _Refused(ValueError):
    """Input the loader refuses, at a node: a problem with its line and column."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.line, self.column = node.start_mark.line + 1, node.start_mark.column + 1


_SCALARS = (str, int, float, bool, type(None))


def _construct(node: yaml.Node, loader: Loader, duplicates: list, seen: set[int]) -> Any:
    """Python values from the node tree: strings, mappings, lists and null directly (the bulk of
    a corpus, several times faster than PyYAML's generic constructor); other scalars through the
    loader. A key given twice is recorded (PyYAML silently keeps the last). A node met twice is
    an alias (refused: the text scan before should have found it), and keys must be text."""
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag in (_MAP, _SEQ):
        if id(node) in seen:
            raise _Refused(node, "an alias: anchors, aliases, tags and merge keys are not allowed")
        seen.add(id(node))
    if tag == _MAP:
        out: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, loader, duplicates, seen)
            if not isinstance(key, str):
                raise _Refused(
                    key_node, f"a key must be text, not {type(key).__name__}: quote it ('{key_node.value}')"
                )
            if key in first:
                duplicates.append((key_node, first[key]))
            else:
                first[key] = key_node
            out[key] = _construct(value_node, loader, duplicates, seen)
        return out
    if tag == _SEQ:
        return [_construct(item, loader, duplicates, seen) for item in node.value]
    if tag == _NULL:
        return None
    value = loader.construct_object(node, deep=True)
    if not isinstance(value, _SCALARS):
        raise _Refused(node, f"a value of type {type(value).__name__} is not allowed: write it as text")
    return value


# A line holding more than white space and a comment: when one is found, the file is not empty
# and its lines need not be split. The white space is looked at within the line only (`\s*`
# would run on over the line feeds from every line's start: quadratic in a run of blank lines).
_SOME_CONTENT = re.compile(r"^[^\S\n]*[^\s#]", re.M)


def parse_yaml(text: str, *, path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document from text; never raises for bad input. Anchors, aliases, tags,
    merge keys and a second document are refused with a located problem."""
    if not _SOME_CONTENT.search(text) and all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [Problem(shown, 1, 1, "file is empty: expected a YAML mapping")]
    clean = printable(text)
    data = fast_load(text, clean)  # a text with anything _refused_features looks for is not read here
    if data is not SLOW:
        doc = Document(path, shown, data, text, marks=None)  # all marks found when needed
        return doc, _invisible_problems(doc, text, clean)
    refused = _refused_features(text, shown)
    if refused:
        return None, refused
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(shown, 1, 1, "file is empty: expected a YAML mapping")]
        duplicates: list[tuple[yaml.Node, yaml.Node]] = []
        data = _construct(node, loader, duplicates, set())
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
        return None, [_yaml_error(shown, error, text)]
    except yaml.YAMLError as error:
        return None, [_yaml_error(shown, error, text)]
    except _Refused as error:
        return None, [Problem(shown, error.line, error.column, str(error))]
    except RecursionError:
        return None, [Problem(shown, 1, 1, "nested too deeply to be a corpus file")]
    except (ValueError, TypeError) as error:
        return None, [Problem(shown, 1, 1, f"invalid YAML: {error}")]
    finally:
        loader.dispose()
    problems = [
        Problem(
            shown,
            key.start_mark.line + 1,
            key.start_mark.column + 1,
            f"duplicate key '{key.value}' (first given on line {first.start_mark.line + 1}); keep one of them",
        )
        for key, first in duplicates
    ]
    doc = Document(path, shown, data, text)
    _shallow_marks(node, (), None, doc.marks, 2)
    return doc, problems + _invisible_problems(doc, text)


def _invisible_problems(doc: Document, text: str, clean: bool | None = None) -> list[Problem]:
    """`clean`: whether the text is `printable`, when the caller knows."""
    if not ('"' in text and "\\" in text) and (clean or not has_invisible(text)):
        return []  # such a character comes in raw (U+0085, U+2028, non-characters) or escaped ("\x01")
    return [
        doc.problem(
            where,
            f"{json_path(where)}: the character U+{ord(char):04X} ({unicodedata.name(char, 'a control character')}) "
            "is not allowed in corpus text: it is invisible or breaks pages; remove it",
        )
        for where, char in _invisible_characters(doc.data, ())
    ]


# Control characters (but tab and line feed), C1 controls, line/paragraph separators and
# non-characters (U+FDD0-U+FDEF and the last two code points of every plane). YAML lets some in
# as they are (U+0085, U+2028) and all through escapes ("\x01"). Ingest strips them.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)
# The same test, quick: Python's `re` is ten times slower on a class holding characters beyond
# U+FFFF, so those are first caught by one range (any of them), then INVISIBLE decides.
_MAYBE_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]"
)


def has_invisible(text: str) -> bool:
    """Whether the text holds a character of INVISIBLE (every one of them is unprintable)."""
    return (
        not printable(text)
        and _MAYBE_INVISIBLE.search(text) is not None
        and INVISIBLE.search(text) is not None
    )


def _invisible_characters(data: Any, path: Path_) -> list[tuple[Path_, str]]:
    """(path, character) of each string holding a character of INVISIBLE (keys too)."""
    hits, stack = [], [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            found = has_invisible(value) and INVISIBLE.search(value)
            if found:
                hits.append((where, found.group(0)))
        elif isinstance(value, dict):
            stack.extend(((*where, k), k) for k in value)
            stack.extend(((*where, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*where, i), v) for i, v in enumerate(value))
    return sorted(set(hits), key=str)


def _shallow_marks(node: yaml.Node, path: Path_, key: yaml.Node | None, marks: dict, depth: int) -> None:
    k = (key.start_mark.line + 1, key.start_mark.column + 1) if key is not None else (0, 0)
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1, *k)
    if depth == 0:
        return
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _shallow_marks(value_node, (*path, key_node.value), key_node, marks, depth - 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _shallow_marks(item, (*path, index), None, marks, depth - 1)


MAX_YAML_BYTES = 20 * 1024 * 1024


def read_bytes(path: Path, shown: str, root: Path | None = None) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file (inside `root`, when given), or a problem saying why not:
    a link out of the project, a FIFO or device, or an oversized file is refused, not read."""
    try:
        if root is not None and not _inside(path, root):
            return None, [
                Problem(
                    shown,
                    0,
                    0,
                    "is a link to a file outside the project; refused (replace it with the file itself)",
                )
            ]
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return None, [Problem(shown, 0, 0, "expected a file, found a directory")]
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(shown, 0, 0, "is not a regular file (a FIFO, socket or device); refused")]
        if info.st_size > MAX_YAML_BYTES:
            return None, [
                Problem(
                    shown,
                    0,
                    0,
                    f"is {info.st_size} bytes, more than the {MAX_YAML_BYTES} a YAML file of the corpus may have",
                )
            ]
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [Problem(shown, 0, 0, "file not found")]
    except RuntimeError:  # a symlink loop
        return None, [Problem(shown, 0, 0, "is a symbolic link that loops; refused")]
    except OSError as error:
        return None, [Problem(shown, 0, 0, f"cannot read file: {error.strerror}")]


def _inside(path: Path, root: Path) -> bool:
    """Whether `path` stands inside `root` once links are followed. When no part of it below
    `root` is a link (a few lstat calls), it does; otherwise it is resolved."""
    # `..` after a link leads out of the link's target, which relpath cannot know: resolved
    same_kind = path.is_absolute() == root.is_absolute() and ".." not in path.parts
    parts = os.path.relpath(path, root).split(os.sep) if same_kind else [".."]
    here = str(root)
    for part in parts:
        here = os.path.join(here, part)
        if part in ("..", ".") or os.path.islink(here):
            return path.resolve().is_relative_to(root.resolve())
    return True


def decode_utf8(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """The text as UTF-8, or a problem at the first byte that is not."""
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        return None, [
            Problem(shown, line, column, f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8")
        ]


def read_text(path: Path, shown: str, root: Path | None = None) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8, or a located problem saying why it cannot be read."""
    raw, problems = read_bytes(path, shown, root)
    return decode_utf8(raw, shown) if raw is not None else (None, problems)


def load_yaml(
    path: Path, shown: str, cache: ParseCache | None = None, root: Path | None = None
) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file; with a cache, a file parsed before is not parsed again."""
    raw, problems = read_bytes(path, shown, root)
    if raw is None:
        return None, problems
    cache = cache if cache is not None and cache.enabled else None
    digest = cache.digest(raw) if cache else ""
    entry = cache.get(digest) if cache else None
    text, problems = decode_utf8(raw, shown)
    if text is None:
        return None, problems
    if text.startswith("\ufeff"):
        text = text[1:]
    if entry is not None:
        doc = Document(path, shown, entry["data"], text)
        doc.marks = {tuple(k): tuple(v) for k, v in entry["marks"]}
        return doc, [Problem(shown, *p) for p in entry["problems"]]
    doc, problems = parse_yaml(text, path=path, shown=shown)
    if cache and doc is not None:
        marks = [[list(k), list(v)] for k, v in doc.known_marks().items()]
        cache.put(
            digest,
            {"data": doc.data, "marks": marks, "problems": [[p.line, p.column, p.message] for p in problems]},
        )
    return doc, problems


def umask() -> int:
    """The user's umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def file_mode(path: Path) -> int:
    """The permissions a rewritten file keeps (its own), or a new one gets (the user's umask),
    rather than the 0600 of a temporary file."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~umask()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a whole file or nothing: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
