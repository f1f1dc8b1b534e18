"""Article ids: safe slugs, given or derived from title and date."""

from __future__ import annotations

import re
import unicodedata

from ..problems import InputError

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_LENGTH = 80
# Ids that would collide with a page or folder of the built site (articles/index.html, MkDocs'
# 404.html, search/, assets/, sitemap.xml, the index pages), or that a YAML 1.1 reader (PyYAML,
# older editors) takes for null, a boolean or a number.
RESERVED = frozenset({
    "index", "404", "search", "assets", "sitemap", "articles", "claims", "sources", "entities",
    "methodology", "versions", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf",
})  # fmt: skip
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
    if value in RESERVED:
        problems.append("it is reserved (a page of the site, or a word YAML reads as null, true or false)")
    if not problems and not SLUG.fullmatch(value):
        problems.append(
            "only lower-case ASCII letters and digits, in words joined by single hyphens, are allowed"
        )
    if problems:
        example = slugify(value) or "my-article"
        example = f"{example}-article" if example in RESERVED else example
        raise InputError(
            f"--id {value!r} is not a safe id: {'; '.join(problems)}; for example: --id {example}"
        )
    return value


def derive_id(title: str | None, published: str | None, fallback: str | None) -> str | None:
    base = slugify(title) if title else ""
    if base and published:
        base = f"{base}-{published}"
    return base or (slugify(fallback) if fallback else None) or None
