"""The pagefind program that indexes the search records, and how it is installed.

Pagefind 1.6.0 is the first release whose search in the browser grows with the pages a word is
on rather than with their square (docs/benchmarks.md, "Pagefind's own search"): at 5,000
articles, the difference between a first search in about 300 ms and one in 500 to 650. PyPI's
pagefind wheels stop at 1.5.2; pagefind publishes its program for each platform on the npm
registry too. `make` installs it once (`python -m glossator.search.binary`): the package's
tarball is downloaded, checked against the sha512 pinned here (npm's own `dist.integrity`), and
the program kept in this Python environment (`<prefix>/share/glossator/pagefind-<version>/`).
No Node is needed, and building the site needs no network. The registry is npm's own, or the
one `npm_config_registry` names (a mirror).

To move to another release: the new sha512 of each package is `npm view @pagefind/<package>@<version>
dist.integrity`; then run `make site`, which installs it (the build says if its pagefind.js no
longer takes PATCHES in index.py), and bench_pagefind.py."""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import os
import platform
import sys
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..problems import InputError
from ..yamlio import umask

VERSION = "1.6.0"
REGISTRY = "https://registry.npmjs.org"
LARGEST = 64 * 1024 * 1024  # a download larger than this is not pagefind (its tarballs are ~8 MB)
# (system, processor) -> pagefind's npm package for it, its tarball's sha512 (npm's `dist.integrity`).
PACKAGES = {
    ("Linux", "x64"): (
        "linux-x64",
        "sha512-IbMSx/+Vr/Xk0TTBlLkjgK+rvnbOXGmmb2/MKxQu99AR5DsqQoV3NKEA9PQz2tAhuCZjeD5xJBp4w5N5DHIC7Q==",
    ),
    ("Linux", "arm64"): (
        "linux-arm64",
        "sha512-SLB2I+XqCZma8NvIGIH8nyKblgKIxw5PmqsVtofWOKxNHhEtOEsddbqU+hsrNcT3EV0faM6UmKDHVIxcPYq29w==",
    ),
    ("Darwin", "x64"): (
        "darwin-x64",
        "sha512-rd3ZbtuxyYqjASKZAPuIV7eeQQHJ7VYpoNKKG8CvglaD3g30eT5Nb7XGNLYwVReBsCccpkURwrGwWjSwr8nyQQ==",
    ),
    ("Darwin", "arm64"): (
        "darwin-arm64",
        "sha512-611gl64aqN12UcMyKPtZ8+vRWBKlJFSh2JgO8uScxa1Eyjo1dXz9r4wZuRno0yCUE/KN0FauEoKZ3KEwUYHCCg==",
    ),
    ("Windows", "x64"): (
        "windows-x64",
        "sha512-cUA2+yXfbymdJllyMjY5YTBwuOgh0/H53Pn5fYKjDnDjk154Ft4U5RVj3TenWySPL/jG6zJfARUWSlyUyXHlZw==",
    ),
    ("Windows", "arm64"): (
        "windows-arm64",
        "sha512-wUrniW3REr7VWJHz6xE6F/p/AQgHDFpGZiY9sbWT71KfEijDE5Jnc37V8zc7cilV9h/QkwJGXoEP2+ZLwDmhtw==",
    ),
    ("FreeBSD", "x64"): (
        "freebsd-x64",
        "sha512-d+sXqsaThszmPWGVDSRKqIz9GpZcj/bAksNZfg19asSxU0ogNPOMND4kV4giQvOjPFMsltUFf6hQJfoHQ6+hSQ==",
    ),
}
# platform.machine() spells a processor differently on each system.
PROCESSORS = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def program(prefix: str | Path | None = None) -> Path:
    """Where the program is kept in the Python environment at `prefix` (this one's by default)."""
    name = "pagefind_extended.exe" if platform.system() == "Windows" else "pagefind_extended"
    return (
        Path(sys.prefix if prefix is None else prefix) / "share" / "glossator" / f"pagefind-{VERSION}" / name
    )


def executable() -> Path:
    """The installed program. Raises InputError, saying how to install it, when it is not."""
    path = program()
    if not path.is_file():
        raise InputError(
            f"pagefind {VERSION} is not installed in this Python environment ({path}): "
            f"run `make site`, or `{sys.executable} -m glossator.search.binary`"
        )
    return path


def install(prefix: str | Path | None = None, registry: str | None = None, timeout: float = 60) -> Path:
    """Download, check and keep the program for this platform (nothing to do when it is there).
    Raises InputError, with nothing written, when the download fails or is not the one pinned."""
    target = program(prefix)
    if target.is_file():
        return target
    package, integrity = _package()
    mirror = os.environ.get("npm_config_registry") or os.environ.get("NPM_CONFIG_REGISTRY")  # noqa: SIM112 (npm's spelling)
    registry = registry or mirror or REGISTRY
    url = f"{registry.rstrip('/')}/@pagefind/{package}/-/{package}-{VERSION}.tgz"
    tarball = _download(url, timeout)
    found = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if found != integrity:
        raise InputError(
            f"{url}: the download is not the pagefind {VERSION} pinned in {__file__} "
            f"(its sha512 is {found}); nothing was installed"
        )
    member = f"package/bin/{target.name}"
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        try:
            content = archive.extractfile(member)
        except KeyError:
            content = None
        if content is None:
            raise InputError(f"{url}: holds no {member}; nothing was installed")
        data = content.read()
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(target)
        partial.write_bytes(data)
        partial.chmod(0o777 & ~umask())
        os.replace(partial, target)  # whole or not at all, also with two installs at once
    except OSError as error:
        raise InputError(
            f"{target}: could not write pagefind ({error.strerror}); nothing was installed"
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return target


def platform_key() -> tuple[str, str]:
    """This platform as PACKAGES names it: (system, processor)."""
    machine = platform.machine()
    return platform.system(), PROCESSORS.get(machine.lower(), machine)


def _package() -> tuple[str, str]:
    key = platform_key()
    if key not in PACKAGES:
        raise InputError(
            f"no pagefind {VERSION} pinned for {platform.system()} on {platform.machine()}: add its npm "
            f"package (@pagefind/<os>-<cpu>) and sha512 to PACKAGES in {__file__}"
        )
    return PACKAGES[key]


def _download(url: str, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read(LARGEST + 1)
            promised = response.headers.get("Content-Length", "")
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", None) or type(error).__name__
        raise InputError(
            f"{url}: could not download pagefind {VERSION} ({reason}); nothing was installed"
        ) from None
    if len(data) > LARGEST:
        raise InputError(f"{url}: over {LARGEST // 2**20} MB, not pagefind {VERSION}; nothing was installed")
    if promised.isdigit() and int(promised) != len(data):
        raise InputError(
            f"{url}: the download was cut short ({len(data)} of {promised} bytes); nothing was installed"
        )
    return data


def _remove_abandoned(target: Path) -> None:
    """The partial files of installs killed before they finished (an install takes seconds)."""
    for partial in target.parent.glob(f".{target.name}.*.partial"):
        try:
            if partial.stat().st_mtime < time.time() - 3600:
                partial.unlink()
        except OSError:
            pass


def main() -> int:
    if program().is_file():
        return 0  # installed already: nothing to say
    try:
        print(f"pagefind {VERSION}: {install()}")
    except InputError as error:
        print(error.report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
