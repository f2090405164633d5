"""`errors`: --save ID --to FILE puts the quarantined bytes in a file private to the user,
never over an existing one by accident; --forget drops an item once dealt with."""

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
    result = run(home, "errors", "--save", "1", "--to", str(saved), "--force")
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


def test_an_existing_file_is_not_overwritten_without_force(home: Path, tmp_path: Path) -> None:
    saved = tmp_path / "real.eml"
    saved.write_bytes(b"From: me@example.net\nSubject: a real message\n\nkeep me\n")
    result = run(home, "errors", "--save", "1", "--to", str(saved))
    assert result.exit_code == 1
    assert f"{saved} exists; use --force to overwrite it" in result.output
    assert saved.read_bytes().endswith(b"keep me\n")
    forced = run(home, "errors", "--save", "1", "--to", str(saved), "--force")
    assert forced.exit_code == 0, forced.output
    assert saved.read_bytes() == RAW


def test_to_dash_writes_the_bytes_to_standard_output(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(home, "errors", "--save", "1", "--to", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == RAW  # the bytes alone: no "Wrote ..." line in them
    assert not (tmp_path / "-").exists()


def test_to_or_force_without_save_is_a_usage_error(home: Path, tmp_path: Path) -> None:
    result = run(home, "errors", "--to", str(tmp_path / "x.eml"))
    assert result.exit_code == 2 and "--to and --force go with --save ID" in result.output
    assert not (tmp_path / "x.eml").exists()
    assert run(home, "errors", "--force").exit_code == 2


def test_forget_drops_an_item_and_the_listing_says_how(home: Path) -> None:
    with Store(home / DATABASE_NAME) as store:
        store.quarantine(b"", Origin(kind="eml", path="empty.eml"), "empty", "hash-2", NOW)
        store.quarantine(b"x", Origin(kind="eml", path="x.eml"), "no header", "hash-3", NOW)
    listing = run(home, "errors")
    assert "drop it with `--forget ID` (or `--forget-all`)" in listing.output
    forgot = run(home, "errors", "--forget", "1")
    assert forgot.exit_code == 0 and "Forgot 1 quarantined item(s)." in forgot.output
    assert "offer.eml" not in run(home, "errors").output
    assert "empty.eml" in run(home, "errors").output
    missing = run(home, "errors", "--forget", "1")
    assert missing.exit_code == 2 and "no quarantined item 1" in missing.output
    both = run(home, "errors", "--forget", "2", "--save", "2", "--to", "-")
    assert both.exit_code == 2 and "not several" in both.output
    everything = run(home, "errors", "--forget-all")
    assert everything.exit_code == 0 and "Forgot 2 quarantined item(s)." in everything.output
    assert run(home, "errors").output == "No quarantined messages.\n"
