"""Files and folders the tool writes get the user's permissions, not those of a temporary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from glossator.build import build_site
from glossator.yamlio import write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_and_a_rewritten_one_keeps_its_mode(tmp_path: Path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.yaml", "a: 1\n")
        assert mode(tmp_path / "new.yaml") == 0o644
        (tmp_path / "new.yaml").chmod(0o664)
        write_atomic(tmp_path / "new.yaml", "a: 2\n")
        assert mode(tmp_path / "new.yaml") == 0o664
    finally:
        os.umask(old)


def test_the_site_folder_is_readable_by_the_web_server(project: Path, tmp_path: Path):
    old = os.umask(0o022)
    try:
        out = build_site(project, site_dir=tmp_path / "site", progress=lambda _: None)
    finally:
        os.umask(old)
    assert mode(out) == 0o755
