"""check / sync through click, against the session's Dovecot."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import make_message
from dovecot_server import SENT_FOLDER, DovecotServer
from imapclient import IMAPClient

from inbox_monitor.cli.context import AppContext
from inbox_monitor.cli.mailbox import register

pytestmark = pytest.mark.imap


def write_config(tmp_path: Path, server: DovecotServer, user: str, env: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[storage]
data_dir = "{tmp_path / "data"}"

[[accounts]]
name = "work"
host = "{server.host}"
port = {server.imaps_port}
security = "ssl"
username = "{user}"
password_env = "{env}"
ca_file = "{server.ca_file}"
"""
    )
    path.chmod(0o600)
    return path


def command_group(config_path: Path) -> click.Group:
    @click.group()
    @click.pass_context
    def root(ctx: click.Context) -> None:
        ctx.obj = AppContext(config_flag=config_path)

    register(root)
    return root


def test_check_lists_the_folders_it_will_read(
    tmp_path: Path, dovecot: DovecotServer, user: tuple[str, str]
) -> None:
    root = command_group(write_config(tmp_path, dovecot, user[0], "IMAP_TEST_PASSWORD"))
    result = CliRunner().invoke(root, ["check"], env={"IMAP_TEST_PASSWORD": user[1]})
    assert result.exit_code == 0, result.output
    assert f"logged in to {dovecot.host}:{dovecot.imaps_port}" in result.output
    assert "  INBOX: 0 messages" in result.output
    assert f"  {SENT_FOLDER} (sent mail): 0 messages" in result.output
    assert "IDLE (push)" in result.output


def test_check_says_what_is_wrong(
    tmp_path: Path, dovecot: DovecotServer, user: tuple[str, str]
) -> None:
    root = command_group(write_config(tmp_path, dovecot, user[0], "IMAP_TEST_PASSWORD"))
    wrong = CliRunner().invoke(root, ["check"], env={"IMAP_TEST_PASSWORD": "nope"})
    unset = CliRunner().invoke(root, ["check"], env={"IMAP_TEST_PASSWORD": ""})
    assert wrong.exit_code == 1 and "refused the login" in wrong.output
    assert unset.exit_code == 1 and "IMAP_TEST_PASSWORD is not set" in unset.output


def test_sync_shows_progress_then_a_summary_per_folder(
    tmp_path: Path, dovecot: DovecotServer, user: tuple[str, str], seed: IMAPClient
) -> None:
    for index in range(120):
        seed.append("INBOX", make_message(index))
    root = command_group(write_config(tmp_path, dovecot, user[0], "IMAP_TEST_PASSWORD"))
    env = {"IMAP_TEST_PASSWORD": user[1]}

    first = CliRunner().invoke(root, ["sync"], env=env)
    second = CliRunner().invoke(root, ["sync", "--account", "work"], env=env)
    unknown = CliRunner().invoke(root, ["sync", "--account", "home"], env=env)
    failing = CliRunner().invoke(root, ["sync"], env={"IMAP_TEST_PASSWORD": "nope"})

    assert first.exit_code == 0, first.output
    # off a terminal click prints the bar's label once; on one, the bar itself
    assert first.output.startswith("work/INBOX\n")
    assert "work/INBOX: 120 new, 0 already known, 0 failed" in first.output
    assert f"work/{SENT_FOLDER}: 0 new" in first.output
    assert second.exit_code == 0 and "work/INBOX: nothing new" in second.output
    assert unknown.exit_code != 0 and "no account named 'home'" in unknown.output
    assert failing.exit_code == 1 and "sync failed for: work" in failing.output
