"""What a received file is: its format, its text encoding, its language."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

from ..problems import InputError

MAX_BYTES = 20 * 1024 * 1024
EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".odt": "odt", ".rtf": "rtf", ".epub": "epub",
    ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
}  # fmt: skip
BINARY_FORMATS = {"docx", "odt", "epub"}
SUFFIX = {
    "html": "html",
    "docx": "docx",
    "odt": "odt",
    "rtf": "rtf",
    "epub": "epub",
    "markdown": "md",
    "text": "txt",
}
MIN_LANGUAGE_CERTAINTY = 0.9


def check_size(raw: bytes, shown: str) -> None:
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"{shown}: the file is {len(raw) / 2**20:.1f} MB; ingest takes files up to 20 MB (split it, or save only the article)"
        )
    if not raw.strip():
        raise InputError(f"{shown}: the file is empty; nothing to ingest")


def _zip_format(raw: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # read a few bytes: it may be a bomb
                    mimetype = member.read(100).decode("ascii", "replace").strip()
                if mimetype == "application/vnd.oasis.opendocument.text":
                    return "odt"
                if mimetype == "application/epub+zip":
                    return "epub"
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return "docx"
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, ValueError):
        return None
    return None


def detect_format(raw: bytes, name: str, given: str | None) -> str:
    """The format named, else the one the file's content shows, else the one its name says."""
    if given:
        return given
    if raw.startswith(b"PK\x03\x04"):
        found = _zip_format(raw)
        if found:
            return found
        raise InputError(f"{name}: a zip archive that is not DOCX, ODT or EPUB; pandoc cannot read it")
    if raw.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if b"\x00" in raw[:8192]:
        raise InputError(
            f"{name}: a binary file in no format ingest reads (HTML, DOCX, ODT, RTF, EPUB, Markdown, text)"
        )
    by_name = EXTENSIONS.get(Path(name).suffix.lower())
    if by_name and by_name not in BINARY_FORMATS:
        return by_name
    head = raw[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in raw[:65536].lower():
        return "html"
    return by_name or "text"


def decode(raw: bytes, name: str, encoding: str | None) -> str:
    """Text from bytes: UTF-8 (or the encoding given). Otherwise a message naming the encoding
    the bytes look like, and how to pass it."""
    if encoding:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError) as error:
            raise InputError(f"{name}: cannot decode it as {encoding}: {error}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        guess = f"; it looks like {best.encoding}" if best else ""
        hint = f" --encoding {best.encoding}" if best else " --encoding ENCODING"
        raise InputError(
            f"{name}: the text is not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}){guess}; run again with{hint}"
        ) from None


@cache
def _identifier():
    """The language model, loaded once per process (loading takes most of a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The text's language (ISO 639-1) and the model's certainty, 0 to 1."""
    language, certainty = _identifier().classify(text)
    return language, float(certainty)
