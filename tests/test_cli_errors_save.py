"""`errors --save ID --to FILE`: the quarantined bytes land in a file private to the user."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import ME, NOW

from inbox_monitor.cli import cli
from inbox_monitor.config import DATABASE_NAME
from inbox_monitor.models import Origin
from inbox_monitor.store import Store

RAW = b"From: Jane <jane@acme.example>\nSubject: Offer\n\nYour salary: 95,000.\n\x00\xff"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    directory = tmp_path / "home"
    directory.mkdir()
    (directory / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    with Store(directory / DATABASE_NAME) as store:
        store.quarantine(RAW, Origin(kind="eml", path="offer.eml"), "binary", "hash-1", NOW)
    return directory


def run(home: Path, *args: str) -> Result:
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_an_existing_file_is_made_private(home: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.eml"
    saved.write_bytes(b"an older, longer file that was readable by everyone\n" * 10)
    saved.chmod(0o644)
    result = run(home, "errors", "--save", "1", "--to", str(saved))
    assert result.exit_code == 0, result.output
    assert saved.read_bytes() == RAW
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_a_symbolic_link_is_not_followed(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "public.txt"
    target.write_bytes(b"keep me\n")
    link = tmp_path / "saved.eml"
    link.symlink_to(target)
    result = run(home, "errors", "--save", "1", "--to", str(link))
    assert result.exit_code == 1
    assert f"not writing {link}: it is a symbolic link" in result.output
    assert target.read_bytes() == b"keep me\n"
    dangling = tmp_path / "dangling.eml"
    dangling.symlink_to(tmp_path / "created-elsewhere.eml")
    result = run(home, "errors", "--save", "1", "--to", str(dangling))
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert not (tmp_path / "created-elsewhere.eml").exists()
