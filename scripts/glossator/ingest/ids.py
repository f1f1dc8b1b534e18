"""Article ids: safe slugs, given or derived from title and date."""

from __future__ import annotations

import re
import unicodedata

from ..problems import InputError

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_LENGTH = 80
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def slugify(text: str, *, max_words: int = 8) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE)).encode("ascii", "ignore").decode()
    )
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words])[:60].strip("-")


def check_id(value: str) -> str:
    """The id if it is a safe slug; otherwise a message saying what is wrong with it."""
    problems = []
    if "/" in value or "\\" in value:
        problems.append("it contains a path separator")
    if ".." in value:
        problems.append("it contains '..'")
    if any(c.isspace() for c in value):
        problems.append("it contains white space")
    if any(unicodedata.category(c) == "Cc" for c in value):
        problems.append("it contains control characters")
    if len(value) > MAX_LENGTH:
        problems.append(f"it is longer than {MAX_LENGTH} characters")
    if not problems and not SLUG.match(value):
        problems.append(
            "only lower-case ASCII letters and digits, in words joined by single hyphens, are allowed"
        )
    if problems:
        raise InputError(
            f"--id {value!r} is not a safe id: {'; '.join(problems)}; for example: --id {slugify(value) or 'my-article'}"
        )
    return value


def derive_id(title: str | None, published: str | None, fallback: str | None) -> str | None:
    base = slugify(title) if title else ""
    if base and published:
        base = f"{base}-{published}"
    return base or (slugify(fallback) if fallback else None) or None
