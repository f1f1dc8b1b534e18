"""`glossator build`: check, generate the pages, run MkDocs (strict) into site/.

Gather first, then write: every page is generated in memory before anything touches disk, and
the new site replaces the old one only when MkDocs succeeded, so a failed build leaves the
previous site as it was and no half-built one.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .checks import check_corpus
from .problems import InputError
from .render.article import render_article
from .render.indexes import (
    render_articles,
    render_claims,
    render_entities,
    render_home,
    render_methodology,
    render_sources,
)
from .render.model import site_data

GENERATED_DOCS = Path("build/docs")


def generate_pages(root: Path) -> dict[str, str]:
    """Every generated page, keyed by its path in the docs folder. Raises InputError when the
    corpus fails the check."""
    corpus, problems = check_corpus(root)
    if problems:
        raise InputError(
            problems,
            note=f"{len(problems)} problem(s): the corpus fails `glossator check`; no site was built.",
        )
    data = site_data(corpus)
    intro = root / "site_src" / "intro"
    pages = {
        "index.md": render_home(data, _read(intro / "home.md")),
        "articles/index.md": render_articles(data),
        "claims.md": render_claims(data),
        "sources.md": render_sources(data),
        "entities.md": render_entities(data),
        "methodology.md": render_methodology(_read(intro / "methodology.md")),
    }
    for article in data.articles.values():
        path = f"articles/{article.id}.md"
        if path in pages:
            raise InputError(
                f"corpus/{article.id}: the id '{article.id}' would overwrite the page {path}; rename the article"
            )
        pages[path] = render_article(data, article)
    return pages


def _read(path: Path) -> str:
    return path.read_text("utf-8") if path.exists() else ""


def write_docs(root: Path, pages: dict[str, str], docs: Path) -> None:
    """The docs folder MkDocs reads: hand-written site_src/pages and assets, then the pages."""
    if docs.exists():
        shutil.rmtree(docs)
    for folder in ("pages", "assets"):
        source = root / "site_src" / folder
        if source.is_dir():
            shutil.copytree(source, docs / ("" if folder == "pages" else folder), dirs_exist_ok=True)
    for name, text in pages.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


def build_site(root: Path, *, site_dir: Path | None = None, progress: Callable[[str], None] = print) -> Path:
    """Build the site of the project at `root` into `site_dir` (default root/site)."""
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    pages = generate_pages(root)
    progress(f"Generated {len(pages)} pages.")
    docs = root / GENERATED_DOCS
    write_docs(root, pages, docs)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    try:
        _run_mkdocs(root, docs, staging)
        _replace_dir(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site_dir


def _run_mkdocs(root: Path, docs: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config_file = root / "mkdocs.yml"
    if not config_file.exists():
        raise InputError(f"{config_file}: file not found; the site needs the project's mkdocs.yml")
    try:
        config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(site_dir), strict=True)
        build(config)
    except MkDocsException as error:
        raise InputError(f"mkdocs.yml: MkDocs failed: {error}") from None


def _replace_dir(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
