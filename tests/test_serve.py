"""`glossator serve`: started on a free port of 127.0.0.1, it serves the site, and an edited
claim shows on the page after the rebuild (polled with a deadline: no assertion on speed)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import REPO

DEADLINE = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(condition, what: str) -> None:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"not seen within {DEADLINE} s: {what}")


def test_serve_rebuilds_when_a_claim_changes(project: Path, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    command = [sys.executable, "-m", "glossator.cli", "serve", "--root", str(project), "--port", str(port)]
    with log.open("w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    page = f"http://127.0.0.1:{port}/claims.html"
    claims = project / "annotations/claims/demo-article.yaml"
    try:
        wait_for(lambda: "Muster says the sale was legal." in (fetch(page) or ""), "the first build")
        claims.write_text(claims.read_text("utf-8").replace("Muster says", "Muster insists"), "utf-8")
        wait_for(lambda: "Muster insists the sale was legal." in (fetch(page) or ""), "the edited claim")
        # a change that fails the check is reported, and the last good site stays served
        claims.write_text(claims.read_text("utf-8").replace("confidence: low", "confidence: sure"), "utf-8")
        wait_for(lambda: "Still serving the last good site" in log.read_text("utf-8"), "the problem reported")
        assert "'sure' is not one of the allowed values" in log.read_text("utf-8")
        assert "Muster insists" in (fetch(page) or "")
        assert not (project / "site").exists()  # serve never touches the published site
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert server.returncode == 0, log.read_text("utf-8")
    assert "Traceback" not in log.read_text("utf-8")


def test_serve_refuses_a_taken_port(project: Path, cli) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = cli("serve", "--root", project, "--port", taken.getsockname()[1])
    assert result.exit_code == 1
    assert "cannot serve on 127.0.0.1" in result.output
    assert not (project / "build" / "docs").exists()  # refused before building anything
