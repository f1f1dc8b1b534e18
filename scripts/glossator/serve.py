"""`glossator serve`: build the site and serve it on this machine, rebuilding when corpus/,
annotations/, site_src/ or mkdocs.yml change, and reloading the reader's browser (MkDocs' own
live-reload server). A rebuild regenerates the pages as `build` does (check first, then only
the changed pages are written to build/docs) and runs MkDocs into a temporary folder; the
published site/ is not touched. A change that makes the corpus fail the check prints the
problems and keeps serving the last good site until the next change fixes them."""

from __future__ import annotations

import logging
import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .build import GENERATED_DOCS, _refuse_unsafe_target, generate_docs
from .lock import project_lock
from .problems import InputError

WATCHED = ("corpus", "annotations", "site_src", "mkdocs.yml")
LOCK_WAIT = 60.0  # seconds a rebuild waits for another command (ingest, rename) to finish


def _regenerate(root: Path) -> str | None:
    """Write the pages of the corpus as it is now; the problems when it fails the check or
    another command holds the project past LOCK_WAIT."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            with project_lock(root, "serve"):
                generate_docs(root, root / GENERATED_DOCS)
            return None
        except InputError as error:
            if "is running on this project" in error.report() and time.monotonic() < deadline:
                time.sleep(0.5)
                continue
            return error.report()


def serve(
    root: Path, *, host: str = "127.0.0.1", port: int = 8000, report: Callable[[str], None] = print
) -> None:
    """Serve the site of the project at `root` on http://host:port/ until interrupted (Ctrl-C or
    SIGTERM). Raises InputError when the first build fails."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.livereload import LiveReloadServer, _serve_url

    root = root.resolve()
    _port_free(host, port)
    config_file = root / "mkdocs.yml"
    if not config_file.exists():
        raise InputError(f"{config_file}: file not found; the site needs the project's mkdocs.yml")
    site_dir = Path(tempfile.mkdtemp(prefix="glossator-serve-"))
    _refuse_unsafe_target(root, site_dir, root / GENERATED_DOCS)
    url = _serve_url(host, port, "/")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    def mkdocs_build() -> None:
        config = load_config(str(config_file), docs_dir=str(root / GENERATED_DOCS), site_dir=str(site_dir))
        config.site_url = url
        try:
            build(config, serve_url=url)
        except MkDocsException as error:
            report(f"mkdocs.yml: MkDocs failed: {error}")

    def rebuild() -> None:
        problems = _regenerate(root)
        if problems:
            report(problems + "\nStill serving the last good site; save a fix to rebuild.")
            return
        mkdocs_build()
        report(f"Rebuilt; serving on {url}")

    try:
        problems = _regenerate(root)
        if problems:
            raise InputError(problems)
        mkdocs_build()
        server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
        for name in WATCHED:
            if (root / name).exists():
                server.watch(str(root / name))
        previous = signal.signal(signal.SIGTERM, _interrupt)
        report(f"Serving on {url} (Ctrl-C to stop); rebuilding when {', '.join(WATCHED)} change")
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            signal.signal(signal.SIGTERM, previous)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _port_free(host: str, port: int) -> None:
    """Refuse at once (before building) when the address is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise InputError(
                f"cannot serve on {host}:{port}: {error.strerror}; give another --port"
            ) from None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
