"""DeepL's answer checked against what was sent, then turned back into Markdown.

DeepL moves tags with the words they mark, which is what we want; but it can also drop a tag,
duplicate a placeholder or break the nesting. Such an answer is refused with a message that
says what went wrong ("DeepL's answer dropped the link placeholder 0"), never a traceback; the
answer itself is already in the memory, so nothing billed is lost.

The check knows only the shape of the XML that `markup.to_xml` writes: tags, and placeholders
(tags with an `n` attribute) that must come back exactly once each.
"""

from __future__ import annotations

import re
from collections import Counter

from ..markup import Prepared, from_xml

_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:\s+[\w-]+=\"[^\"]*\")*)\s*(/?)>")
_NUMBER = re.compile(r'\bn="(\d+)"')
_KIND = {"a": "link placeholder", "c": "code placeholder"}


class AnswerError(ValueError):
    """The answer cannot be used; the message says what is wrong with it."""


def _tags(xml: str) -> list[tuple[str, str, str | None]]:
    """(form, name, number) of every tag; form is 'open', 'close' or 'empty'."""
    out = []
    for match in _TAG.finditer(xml):
        closing, name, attributes, empty = match.groups()
        number = _NUMBER.search(attributes)
        form = "close" if closing else "empty" if empty else "open"
        out.append((form, name, number.group(1) if number else None))
    return out


def _placeholder(name: str, number: str) -> str:
    return f"{_KIND.get(name, f'<{name}> placeholder')} {number}"


def _shown(form: str, name: str) -> str:
    return f"</{name}>" if form == "close" else f"<{name}/>" if form == "empty" else f"<{name}>"


def problem(sent: str, answer: str) -> str | None:
    """What is wrong with the answer to `sent`, or None."""
    sent_tags, answer_tags = _tags(sent), _tags(answer)
    placeholders = Counter((n, k) for f, n, k in answer_tags if k is not None and f != "close")
    for form, name, number in sent_tags:
        if number is None or form == "close":
            continue
        count = placeholders.pop((name, number), 0)
        if count == 0:
            return f"DeepL's answer dropped the {_placeholder(name, number)}"
        if count > 1:
            return f"DeepL's answer duplicated the {_placeholder(name, number)} ({count} times)"
    if placeholders:
        name, number = sorted(placeholders)[0]
        return f"DeepL's answer added a {_placeholder(name, number)} that was not sent"
    expected = Counter((f, n) for f, n, _ in sent_tags)
    found = Counter((f, n) for f, n, _ in answer_tags)
    for (form, name), count in sorted((expected - found).items()):
        return f"DeepL's answer dropped {count} {_shown(form, name)} tag(s)"
    for (form, name), count in sorted((found - expected).items()):
        return f"DeepL's answer added {count} {_shown(form, name)} tag(s)"
    open_tags: list[str] = []
    for form, name, _ in answer_tags:
        if form == "open":
            open_tags.append(name)
        elif form == "close":
            if not open_tags:
                return f"DeepL's answer moved {_shown(form, name)} before its opening tag"
            if open_tags[-1] != name:
                return f"DeepL's answer moved tags so that {_shown(form, name)} closes <{open_tags[-1]}>"
            open_tags.pop()
    return None


def read_answer(raw: str, prepared: Prepared) -> str:
    """The Markdown for DeepL's answer `raw` to `prepared.xml`. Raises AnswerError."""
    wrong = problem(prepared.xml, raw)
    if wrong:
        raise AnswerError(wrong)
    try:
        return from_xml(raw, prepared)
    except ValueError as error:  # markup.MarkupError
        raise AnswerError(f"DeepL's answer could not be turned back into Markdown: {error}") from None
    except (IndexError, KeyError) as error:
        raise AnswerError(f"DeepL's answer could not be turned back into Markdown ({error!r})") from None
