"""What the program keeps beside the user's mail is theirs alone: the data dir, the lock."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from inbox_monitor.daemon import daemon_lock


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_daemon_lock_is_created_private(tmp_path: Path, umask_022: None) -> None:
    with daemon_lock(tmp_path / "data") as path:
        assert _mode(path) == 0o600
        assert path.read_text().strip() == str(os.getpid())
    assert _mode(tmp_path / "data") == 0o700
