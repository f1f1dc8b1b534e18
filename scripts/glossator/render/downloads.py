"""The site's data downloads (data/: what `glossator export` writes, from the corpus the build has
already loaded and checked), the Data page that documents them, and the About page (licence,
how to cite, corrections, last update).

The files are made by the export package (glossator.export), so that the site's downloads and
`glossator export` are the same bytes for the same corpus and site address.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ..export import FILES
from ..export.data import corpus_data
from ..export.quotes import Selectors
from ..export.tables import CLAIM_COLUMNS, ENTITY_COLUMNS, SOURCE_COLUMNS, VERSION_COLUMNS
from ..model import Corpus
from . import urls
from .model import Site, SiteData
from .templating import front_matter, render

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "export.schema.json"
SCHEMA_NAME = "corpus.schema.json"


class Download(NamedTuple):
    name: str
    what: str
    media: str
    columns: tuple[str, ...] = ()


DOWNLOADS = (
    Download(
        "corpus.json",
        "Everything: articles with their paragraphs (as written and as a reader sees them) and "
        "translations, claims with the paragraphs their quotes stand in, sources, entities and "
        f"renamed ids, stamped with the corpus version. Its JSON Schema is {SCHEMA_NAME}.",
        "application/json",
    ),
    Download(SCHEMA_NAME, "The JSON Schema (draft 2020-12) of corpus.json.", "application/schema+json"),
    Download("claims.csv", "One row per claim.", "text/csv", (*CLAIM_COLUMNS, *VERSION_COLUMNS)),
    Download("sources.csv", "One row per source.", "text/csv", (*SOURCE_COLUMNS, *VERSION_COLUMNS)),
    Download("entities.csv", "One row per entity.", "text/csv", (*ENTITY_COLUMNS, *VERSION_COLUMNS)),
    Download(
        "claims.jsonld",
        "The claims as W3C Web Annotations (JSON-LD): one AnnotationCollection; each claim's "
        "targets are TextQuoteSelectors on the original and on the translation (prefix and suffix "
        "from the text a reader sees), its bodies the statement and the assessment.",
        "application/ld+json",
    ),
)

COLUMN_NOTES = {
    "sources": 'source ids with their locators, joined by "; "',
    "entities": 'entity ids (or names with their language), joined by "; "',
    "names": 'each name with its language, joined by "; "',
    "via": 'ids of the sources it is known through, joined by "; "',
    "original_paragraph": "the paragraph id the quote stands in (empty: not found exactly once)",
    "translation_paragraph": "the paragraph id the quote stands in (empty: not found exactly once)",
    "reliability": "grade A-F (Admiralty code)",
    "corpus_commit": 'the git commit the data was made from, or "unknown"',
    "corpus_date": 'that commit\'s date, or "unknown"',
}


def download_files(
    corpus: Corpus,
    redirects: list,
    version: dict,
    site_url: str | None,
    selectors: Selectors,
    visible: Callable[[str], str],
) -> dict[str, bytes]:
    """Every download (file name -> its bytes): the export files and the schema of corpus.json.
    `selectors` and `visible` are what the build's workers found for each claim and paragraph
    (export.quotes.all_selectors, the visible text of a paragraph's Markdown)."""
    data = corpus_data(corpus, version, redirects, selectors, visible)
    files = {name: make(corpus, data, site_url, selectors) for name, make in FILES.items()}
    files[SCHEMA_NAME] = SCHEMA.read_bytes()
    return files


def render_data(data: SiteData, sizes: dict[str, int]) -> str:
    return front_matter(
        "Data",
        description="The corpus as JSON, CSV and W3C Web Annotations, stamped with its version.",
        og_type="website",
    ) + render(
        "data.html",
        page=urls.DATA,
        data=data,
        downloads=DOWNLOADS,
        sizes=sizes,
        notes=COLUMN_NOTES,
        version=data.site.version,
    )


def bibtex(site: Site) -> str:
    """A BibTeX entry for the corpus at its version (nothing made up: unknown stays unknown)."""
    version = site.version
    dated = version.get("date") not in (None, "unknown")
    lines = ["@misc{glossator-corpus,", "  title = {Glossator corpus},"]
    lines.append(
        f"  note = {{version {version['commit'][:12]}, {version['date'][:10]}}},"
        if dated
        else "  note = {version unknown},"
    )
    if dated:
        lines.append(f"  year = {{{version['date'][:4]}}},")
    if site.url:
        lines.append(f"  url = {{{site.url}}},")
    return "\n".join([*lines, "}"])


def render_about(data: SiteData) -> str:
    return front_matter(
        "About", description="Licence, how to cite, corrections and the corpus version.", og_type="website"
    ) + render(
        "about.html",
        page=urls.ABOUT,
        data=data,
        version=data.site.version,
        site=data.site,
        bibtex=bibtex(data.site),
    )
