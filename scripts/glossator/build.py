"""`glossator build`: check, generate the pages, run MkDocs (strict) into site/.

Gather first, then write: every page is generated in memory before anything touches disk, and
the new site replaces the old one only when MkDocs succeeded, so a failed build leaves the
previous site as it was and no half-built one.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import search
from .check import article_ids, article_problems, errors, global_problems
from .corpus import Layout, load_corpus
from .export.version import corpus_version
from .parallel import fork_map
from .problems import InputError, Problem
from .rename.redirects import load_redirects
from .render import downloads, pages, urls
from .render.article import published_files, render_article
from .render.indexes import index_pages, render_home, render_methodology
from .render.model import Article, Site, SiteData, site_data
from .render.redirects import anchor_aliases
from .yamlio import umask

GENERATED_DOCS = Path("build/docs")


@dataclass
class Docs:
    """What the docs folder gets: Markdown pages (docs path -> text) and files copied as they are
    (docs path -> source path), such as the versions of an article as received."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    data: SiteData | None = None  # the search index's records and `data.site`, for the footer


def _index_pages(data: SiteData, intro: Path) -> dict[str, Callable[[], str]]:
    """The pages that list across articles (and the JSON chunks of the indexes), each made by a
    function of no arguments."""
    return {
        urls.HOME: lambda: render_home(data, _read(intro / "home.md")),
        **index_pages(data),
        urls.METHODOLOGY: lambda: render_methodology(_read(intro / "methodology.md")),
        urls.ABOUT: lambda: downloads.render_about(data),
    }


def _pages_of(data: SiteData, kind: str, name: str) -> dict[str, str]:
    """The generated pages of a job that is not an article (docs path -> text)."""
    if kind == "source":
        return pages.render_source(data, name)
    if kind == "entity":
        return pages.render_entity(data, name)
    return pages.timeline_pages(data)  # "timeline"


def configured_site_url(root: Path, given: str | None) -> tuple[str | None, str | None]:
    """(site_url, repo_url): `given` (--site-url) or mkdocs.yml's site_url, and mkdocs.yml's
    repo_url; each only when it is an http(s) address. mkdocs.yml may hold tags (!ENV ...): they
    are read as nothing, never run."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = None
    config = config if isinstance(config, dict) else {}

    def address(value: object) -> str | None:
        ok = isinstance(value, str) and value.startswith(("http://", "https://")) and value.strip() == value
        return value if ok else None

    return address(given) or address(config.get("site_url")), address(config.get("repo_url"))


def generate_docs(root: Path, site_url: str | None = None) -> Docs:
    """Every generated page and every file to publish. Raises InputError when the corpus fails the
    check. The work is shared out over the cores: each article is checked and its page made in
    the same worker (so the Markdown parsed for its quotes serves its page too), and the index
    pages are made beside them."""
    corpus, files, problems = load_corpus(root)
    problems += global_problems(corpus, files)
    data = site_data(corpus)
    redirects = load_redirects(root)[0]
    data.aliases = anchor_aliases(redirects)
    url, repo = configured_site_url(root, site_url)
    data.site = Site(url, repo, corpus_version(root))
    indexes = _index_pages(data, root / "site_src" / "intro")
    jobs = (
        [("downloads", ""), ("timeline", "")]
        + [("index", page) for page in indexes]
        + [("source", source_id) for source_id in data.sources]
        + [("entity", entity_id) for entity_id in data.entities]
        + [("article", article_id) for article_id in article_ids(corpus)]
    )
    shared = (corpus, files, data, indexes, not errors(problems), redirects)
    results = fork_map(_job, shared, jobs)
    for found, _ in results:
        problems.extend(found)
    failing = errors(sorted(set(problems)))
    if failing:
        raise InputError(
            failing,
            note=f"{len(failing)} error(s): the corpus fails `glossator check`; no site was built.",
        )
    docs = Docs(data=data)
    for (kind, name), (_, made) in zip(jobs, results, strict=True):
        if made is None:
            continue
        if kind == "downloads":
            docs.pages.update({urls.download(file): text for file, text in made.items()})
            sizes = {file: len(text.encode("utf-8")) for file, text in made.items()}
            docs.pages[urls.docs_path(urls.DATA)] = downloads.render_data(data, sizes)
            continue
        for path, page in made.items():
            if path in docs.pages:
                raise InputError(
                    f"corpus/{name}: the id '{name}' would overwrite the page {path}; rename the article"
                    if kind == "article"
                    else f"the {kind} '{name}' would overwrite the page {path}; rename it"
                )
            docs.pages[path] = page
        if kind == "article":
            docs.files.update(_received_files(Layout(root).article_dir(name), data.articles[name]))
    docs.pages.update(pages.redirect_pages(data, redirects))
    return docs


def _job(shared: tuple, job: tuple[str, str]) -> tuple[list[Problem], dict[str, str] | None]:
    """The pages of one job (docs path -> text): an index page, a source's or an entity's page,
    the timeline, the data downloads (file name -> text); or one article's problems, and its
    page and its claims' pages when neither it nor the corpus across articles has an error."""
    corpus, files, data, indexes, rendering, redirects = shared
    kind, name = job
    if kind != "article":
        if not rendering:
            return [], None
        if kind == "index":  # a page, or a JSON chunk of an index (written under its own name)
            return [], {urls.docs_path(name) if name.endswith(".html") else name: indexes[name]()}
        if kind == "downloads":
            return [], downloads.download_files(corpus, redirects, data.site.version, data.site.url)
        return [], _pages_of(data, kind, name)
    found = article_problems((corpus, files), name)
    if not rendering or errors(found) or name not in data.articles:
        return found, None
    article = data.articles[name]
    made = {urls.docs_path(urls.article_page(name)): render_article(data, article)}
    made.update(pages.claim_pages(data, article))
    return found, made


def _received_files(folder: Path, article: Article) -> dict[str, Path]:
    """The article's received files to publish (site path -> file), each checked to exist in the
    article's folder."""
    files: dict[str, Path] = {}
    where = f"corpus/{article.id}/article.yaml"
    for site_path, name in published_files(article):
        source = (folder / name).resolve()
        if not source.is_relative_to(folder.resolve()) or not source.is_file():
            raise InputError(f"{where}: the received file {name} is missing from corpus/{article.id}/")
        if site_path in files:
            raise InputError(
                f"{where}: two received files would both be published as {site_path}; rename one"
            )
        files[site_path] = source
    return files


def _read(path: Path) -> str:
    return path.read_text("utf-8") if path.exists() else ""


def _hand_written(root: Path) -> dict[str, Path]:
    """The files of site_src/pages (at the docs root) and site_src/assets (under assets/). Only
    regular files inside the project are published: a link (to /proc/self/environ, say, or a
    key file) is refused, never followed."""
    files: dict[str, Path] = {}
    for folder, prefix in (("pages", ""), ("assets", "assets/")):
        source = root / "site_src" / folder
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            shown = path.relative_to(root).as_posix()
            if path.is_symlink() or any(p.is_symlink() for p in path.parents if p.is_relative_to(source)):
                raise InputError(
                    f"{shown}: is a symbolic link; site_src/ may hold only files (copy the file in)"
                )
            if path.is_file():
                files[prefix + path.relative_to(source).as_posix()] = path
            elif not path.is_dir():
                raise InputError(f"{shown}: is not a regular file; refused")
    return files


def write_docs(root: Path, generated: Docs, docs: Path) -> None:
    """The docs folder MkDocs reads: hand-written site_src/pages and assets, then the generated
    pages and files. A file whose content is already there is left alone and what is no longer
    generated is removed, so a rebuild writes only what changed."""
    wanted: dict[str, bytes | Path] = {**_hand_written(root), **generated.files}
    wanted.update({name: text.encode("utf-8") for name, text in generated.pages.items()})
    for folder, subfolders, names in os.walk(docs, topdown=False):  # never follows a link
        here = Path(folder)
        for name in names + [d for d in subfolders if (here / d).is_symlink()]:
            if (here / name).relative_to(docs).as_posix() not in wanted:
                (here / name).unlink()
        if here != docs and not any(here.iterdir()):
            here.rmdir()
    for name, content in wanted.items():
        target = docs / name
        data = content if isinstance(content, bytes) else content.read_bytes()
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                continue
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


SITE_MARKER = ".glossator-site"


def _refuse_unsafe_target(root: Path, site_dir: Path, docs: Path) -> None:
    """The build replaces the site folder and the generated docs folder whole, so it must never
    be pointed at anything else: the project, a folder holding it, a link, or a folder with
    other content (a previous site carries a marker file)."""
    for path, what in ((site_dir, "--site-dir"), (docs, GENERATED_DOCS.as_posix())):
        if path.is_symlink() or any(
            p.is_symlink() for p in path.parents if p.is_relative_to(root) and p != root
        ):
            raise InputError(f"{what}: {path} is (or is inside) a symbolic link; refused, remove the link")
    site = site_dir.resolve()
    if root.is_relative_to(site):
        raise InputError(
            f"--site-dir {site_dir}: it holds the project itself; give a folder for the site only"
        )
    if site.is_dir() and any(site.iterdir()) and not (site / SITE_MARKER).is_file():
        raise InputError(
            f"--site-dir {site_dir}: the folder is not empty and is not a site Glossator built "
            f"(no {SITE_MARKER} in it); give an empty or new folder"
        )


def build_site(
    root: Path,
    *,
    site_dir: Path | None = None,
    site_url: str | None = None,
    progress: Callable[[str], None] = print,
) -> Path:
    """Build the site of the project at `root` into `site_dir` (default root/site). `site_url`
    (where the site is published, e.g. on GitHub Pages) replaces mkdocs.yml's `site_url`."""
    root = root.resolve()
    site_dir = Path(os.path.abspath(site_dir or root / "site"))
    _refuse_unsafe_target(root, site_dir, root / GENERATED_DOCS)
    generated = generate_docs(root, site_url)
    progress(f"Generated {len(generated.pages)} pages.")
    docs = root / GENERATED_DOCS
    write_docs(root, generated, docs)
    data = generated.data
    del generated  # the pages are on disk now: not held in memory while MkDocs runs
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_killed_staging(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    staging.chmod(0o777 & ~umask())  # mkdtemp makes 0700; the site gets the user's umask
    try:
        (staging / STAGING_MARKER).write_text(f"{os.getpid()}\n")  # MkDocs leaves hidden files
        _run_mkdocs(root, docs, staging, site_url, data.site)
        progress(f"Indexed {search.write_index(data, root, staging)} search records.")
        (staging / STAGING_MARKER).unlink()
        (staging / SITE_MARKER).write_text(
            "A site built by `glossator build`; the next build replaces this folder.\n"
        )
        _replace_dir(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site_dir


STAGING_MARKER = ".glossator-staging"


def _remove_killed_staging(site_dir: Path) -> None:
    """The staging folders (`.site.*` beside the site) of builds that were killed: only those
    holding the marker this build writes, with the id of a process that no longer runs."""
    for folder in site_dir.parent.glob(f".{site_dir.name}.*"):
        marker = folder / STAGING_MARKER
        try:
            if folder.is_symlink() or not marker.is_file():
                continue
            pid = int(marker.read_text().strip())
        except (OSError, ValueError):
            continue
        try:
            os.kill(pid, 0)
            continue  # still running (another project's build beside this site)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _run_mkdocs(
    root: Path, docs: Path, site_dir: Path, site_url: str | None = None, site: Site | None = None
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config_file = root / "mkdocs.yml"
    if not config_file.exists():
        raise InputError(f"{config_file}: file not found; the site needs the project's mkdocs.yml")
    try:
        extra = {"site_url": site_url} if site_url else {}
        config = load_config(
            str(config_file), docs_dir=str(docs), site_dir=str(site_dir), strict=True, **extra
        )
        if site is not None:  # the footer (site_src/overrides/partials/copyright.html) shows it
            config.extra["glossator"] = {"version": site.version}
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
