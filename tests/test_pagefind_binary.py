"""Installing pagefind's program (glossator/search/binary.py) from a registry served on 127.0.0.1:
the tarball pinned is unpacked into the environment; one that is not the one pinned, a failed
download or a tarball without the program installs nothing; with none installed, the build says
how to install it."""

from __future__ import annotations

import base64
import hashlib
import io
import platform
import subprocess
import sys
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from glossator.problems import InputError
from glossator.search import binary

PROGRAM = b"#!/bin/sh\necho 'pagefind 1.6.0'\n"


def tarball(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o755
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


@pytest.fixture
def registry(monkeypatch):
    """A registry on 127.0.0.1 answering every path with `served["body"]` and `served["status"]`,
    pinned (for this platform) to the sha512 of `pinned`; the paths asked are in `asked`."""
    served = {"status": 200, "body": b"", "asked": [], "cut": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            served["asked"].append(self.path)
            self.send_response(served["status"])
            self.send_header("Content-Length", str(len(served["body"])))
            self.end_headers()
            self.wfile.write(served["body"][: len(served["body"]) - served["cut"]])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    name = binary.program(".").name
    good = tarball({f"package/bin/{name}": PROGRAM, "package/package.json": b"{}"})
    served["body"] = good
    monkeypatch.setitem(binary.PACKAGES, binary.platform_key(), ("test-os", integrity(good)))
    served["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    yield served
    server.shutdown()


def installed(prefix: Path) -> list[str]:
    return sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file())


def test_the_pinned_program_is_installed_once(registry, tmp_path):
    path = binary.install(tmp_path, registry["url"], timeout=5)
    assert path == binary.program(tmp_path) and path.read_bytes() == PROGRAM
    assert registry["asked"] == ["/@pagefind/test-os/-/test-os-1.6.0.tgz"]
    if sys.platform != "win32":
        assert subprocess.run([path], capture_output=True, text=True).stdout == "pagefind 1.6.0\n"
    binary.install(tmp_path, registry["url"], timeout=5)
    assert len(registry["asked"]) == 1  # there already: not downloaded again


@pytest.mark.parametrize(
    "case",
    ["another tarball", "server error", "cut short", "too large", "no program in it", "nobody listening"],
)
def test_a_download_that_is_not_the_pinned_program_installs_nothing(registry, tmp_path, monkeypatch, case):
    url = registry["url"]
    if case == "another tarball":
        registry["body"] = tarball({f"package/bin/{binary.program('.').name}": b"#!/bin/sh\nrm -rf ~\n"})
        expected = "is not the pagefind 1.6.0 pinned"
    elif case == "server error":
        registry["status"] = 503
        expected = "could not download"
    elif case == "cut short":
        registry["cut"] = 100  # the connection closes before the whole tarball has come
        expected = "cut short"
    elif case == "too large":
        monkeypatch.setattr(binary, "LARGEST", 10)
        expected = "over 0 MB, not pagefind"
    elif case == "no program in it":
        registry["body"] = tarball({"package/README.md": b"hello"})
        binary.PACKAGES[binary.platform_key()] = ("test-os", integrity(registry["body"]))
        expected = "holds no package/bin/"
    else:
        url = "http://127.0.0.1:9"  # the discard port: nothing listens
        expected = "could not download"
    with pytest.raises(InputError, match=expected):
        binary.install(tmp_path, url, timeout=5)
    assert installed(tmp_path) == []


def test_a_mirror_named_as_npm_names_it_is_used(registry, tmp_path, monkeypatch):
    monkeypatch.setenv("npm_config_registry", registry["url"] + "/")
    assert binary.install(tmp_path, timeout=5).read_bytes() == PROGRAM
    assert registry["asked"] == ["/@pagefind/test-os/-/test-os-1.6.0.tgz"]


def test_a_full_disk_leaves_nothing_half_written(registry, tmp_path, monkeypatch):
    original = Path.write_bytes

    def full(self, data):
        original(self, data[: len(data) // 2])  # the disk fills up half-way
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(InputError, match="could not write pagefind .No space left on device."):
        binary.install(tmp_path, registry["url"], timeout=5)
    monkeypatch.undo()
    assert installed(tmp_path) == []


def test_a_platform_without_a_pinned_program_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(binary, "PACKAGES", {})
    with pytest.raises(
        InputError, match=f"no pagefind 1.6.0 pinned for {platform.system()} on {platform.machine()}"
    ):
        binary.install(tmp_path, "http://127.0.0.1:9", timeout=5)


def test_without_the_program_the_build_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    with pytest.raises(InputError, match=r"pagefind 1\.6\.0 is not installed .*run `make site`"):
        binary.executable()


def test_the_environment_has_the_pinned_program():
    """`make` installed it: the build and the browser tests use it."""
    version = subprocess.run([binary.executable(), "--version"], capture_output=True, text=True).stdout
    assert version.strip() == f"pagefind {binary.VERSION}"
