"""`import` through CliRunner where the files are awkward: dangling links, paths it may not
read, text that is not mail, Ctrl-C; and what `demo --keep` and `init` write."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import ME, NOW, SubjectTagClassifier, eml

from inbox_monitor.cli import cli, setup
from inbox_monitor.cli.setup import EXIT_QUARANTINED, EXIT_SOURCE
from inbox_monitor.config import DATABASE_NAME
from inbox_monitor.models import RawMessage, SourceFailure
from inbox_monitor.pipeline import build_pipeline
from inbox_monitor.store import Store

NO_HEADER = "no mail header: not an e-mail message"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "home"
    directory.mkdir()
    (directory / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    monkeypatch.setattr(
        setup,
        "build_pipeline",
        lambda config: build_pipeline(config, classifier=SubjectTagClassifier()),
    )
    return directory


def run(home: Path, *args: str) -> Result:
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def mail(number: int) -> bytes:
    return eml(
        sender="Jane <jane@acme.example>",
        subject=f"[outreach] Data Engineer role {number}",
        body="We would like to talk about the Data Engineer role at Acme.",
        date=NOW,
        message_id=f"<m{number}@acme.example>",
    )


def message_count(home: Path) -> int:
    with Store(home / DATABASE_NAME) as store:
        return store.message_count()


def test_a_dangling_symbolic_link_does_not_stop_the_import(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "good.eml").write_bytes(mail(1))
    (folder / "old-link.eml").symlink_to("/nowhere/at/all.eml")  # out of the directory
    (folder / "gone.eml").symlink_to(folder / "deleted.eml")  # inside it, target missing
    result = run(home, "import", "-q", "-j", "0", str(folder))
    assert result.exit_code == EXIT_QUARANTINED, result.output
    assert "1 new, 0 already known, 1 failed." in result.output
    assert "gone.eml: unreadable: FileNotFoundError" in result.output
    assert "Traceback" not in result.output
    named = run(home, "import", "-q", str(folder / "gone.eml"), str(folder / "good.eml"))
    assert named.exit_code == EXIT_SOURCE, named.output
    assert "0 new, 1 already known, 0 failed." in named.output


def test_the_progress_bar_size_never_raises(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_bytes(b"12345")
    (tmp_path / "link.eml").symlink_to(tmp_path / "missing.eml")
    paths = (tmp_path, tmp_path / "link.eml", tmp_path / "nope")
    assert setup._total_bytes(paths) == 5


def test_files_without_a_mail_header_are_quarantined_not_stored(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    (folder / "sub").mkdir(parents=True)
    (folder / "cover-letter.txt").write_text(
        "Dear Hiring Manager,\n\nThank you for your application for the Senior Analyst role"
        " at Quillon Bank. We would like to invite you to an interview next week. We will"
        " get back to you with times by Friday.\n\nKind regards,\nRecruitment team\n"
    )
    (folder / "notes.txt").write_text("README junk\n")
    (folder / "sub" / "x.pdf").write_text("hi")
    (folder / "real.eml").write_bytes(b"\n" + mail(1))  # a blank line on top: still mail
    result = run(home, "import", "-q", "-j", "0", str(folder))
    assert result.exit_code == EXIT_QUARANTINED, result.output
    assert "1 new, 0 already known, 3 failed." in result.output
    assert f"cover-letter.txt: {NO_HEADER}" in result.output
    listed = json.loads(run(home, "errors", "--json").output)
    assert sorted((Path(r["origin"]).name, r["reason"]) for r in listed) == [
        ("cover-letter.txt", NO_HEADER),
        ("notes.txt", NO_HEADER),
        ("x.pdf", NO_HEADER),
    ]
    assert message_count(home) == 1
    assert "Quillon" not in run(home, "status", "--all").output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file and directory")
def test_an_unreadable_path_is_reported_and_the_others_imported(home: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.eml"
    secret.write_bytes(mail(1))
    secret.chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    good = tmp_path / "good.eml"
    good.write_bytes(mail(2))
    try:
        result = run(home, "import", "-q", "-j", "0", str(secret), str(locked), str(good))
    finally:
        locked.chmod(0o700)
    assert result.exit_code == EXIT_SOURCE, result.output
    assert "Usage:" not in result.output
    assert "1 new, 0 already known, 0 failed." in result.output
    assert f"unreadable: {secret}: cannot open: Permission denied" in result.output
    assert f"unreadable: {locked}: cannot open: Permission denied" in result.output


def test_a_path_the_user_may_not_read_is_not_a_usage_error(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs as root too: click's readable=True check asks os.access, which is all it takes
    # to turn one unreadable path into exit 2 with a usage banner for the whole command.
    secret = tmp_path / "secret.eml"
    secret.write_bytes(mail(1))
    good = tmp_path / "good.eml"
    good.write_bytes(mail(2))
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode, **kw: path != str(secret) and real_access(path, mode)
    )
    result = run(home, "import", "-q", "-j", "0", str(secret), str(good))
    assert result.exit_code == 0, result.output
    assert "Usage:" not in result.output
    assert "2 new, 0 already known, 0 failed." in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any directory")
def test_an_unreadable_sub_directory_is_reported_and_the_rest_imported(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mail"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.eml").write_bytes(mail(1))
    (folder / "locked" / "other.eml").write_bytes(mail(2))
    (folder / "locked").chmod(0)
    try:
        result = run(home, "import", "-q", "-j", "0", str(folder))
    finally:
        (folder / "locked").chmod(0o700)
    assert result.exit_code == EXIT_QUARANTINED, result.output
    assert "1 new, 0 already known, 1 failed." in result.output
    assert "locked: unreadable directory: Permission denied" in result.output


def test_ctrl_c_exits_130_and_says_what_was_stored(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "1.eml").write_bytes(mail(1))
    (folder / "2.eml").write_bytes(mail(2))
    real_open_source = setup.open_source

    class Interrupted:
        def __iter__(self) -> Iterator[RawMessage | SourceFailure]:
            raise KeyboardInterrupt

    def open_source(path: Path, *, sent: bool = False) -> object:
        return Interrupted() if path.name == "big.mbox" else real_open_source(path, sent=sent)

    monkeypatch.setattr(setup, "open_source", open_source)
    result = run(home, "import", "-q", "-j", "0", str(folder), str(tmp_path / "big.mbox"))
    assert result.exit_code == 130  # the shell's code for SIGINT, not 1 (quarantined)
    assert result.output == (
        "Interrupted: 2 new message(s) stored before it; run the same command again to"
        " continue (stored messages are recognised).\n"
    )
    assert message_count(home) == 2


def test_demo_keep_refuses_a_database_with_mail_and_the_data_directory(
    home: Path, tmp_path: Path
) -> None:
    (tmp_path / "real.eml").write_bytes(mail(1))
    assert run(home, "import", "-q", "-j", "0", str(tmp_path / "real.eml")).exit_code == 0
    refused = run(home, "demo", "--keep", str(home))
    assert refused.exit_code == 1
    assert f"{home} is your data directory: the demo's fictional mail" in refused.output
    assert message_count(home) == 1
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    assert run(elsewhere, "import", "-q", "-j", "0", str(tmp_path / "real.eml")).exit_code == 0
    other = run(home, "demo", "--keep", str(elsewhere))
    assert other.exit_code == 1
    assert f"{elsewhere} holds a database with 1 message(s)" in other.output
    assert "use --force" in other.output
    assert message_count(elsewhere) == 1


def test_demo_keep_with_force_mixes_the_demo_in(home: Path, tmp_path: Path) -> None:
    (tmp_path / "real.eml").write_bytes(mail(1))
    assert run(home, "import", "-q", "-j", "0", str(tmp_path / "real.eml")).exit_code == 0
    forced = run(home, "demo", "--keep", str(home), "--force")
    assert forced.exit_code == 0, forced.output
    assert message_count(home) > 1


def test_init_makes_the_directory_it_creates_private(tmp_path: Path) -> None:
    parent = tmp_path / "config"  # stands for ~/.config, which exists and is left alone
    parent.mkdir(mode=0o755)
    target = parent / "inbox-monitor" / "config.toml"
    previous = os.umask(0o022)
    try:
        result = CliRunner().invoke(cli, ["init", "--path", str(target)])
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(parent.stat().st_mode) == 0o755
