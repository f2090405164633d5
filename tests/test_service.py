"""The per-user service files: a systemd user unit and a launchd agent."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path

import pytest

from inbox_monitor.service import (
    install_service,
    launchd_plist,
    next_steps,
    program_command,
    systemd_unit,
    uninstall_service,
    unit_path,
)


def test_systemd_unit_runs_the_absolute_program_and_restarts_on_failure(tmp_path: Path) -> None:
    path = install_service(tmp_path, ["/opt/im/bin/inbox-monitor"], platform="linux")
    assert path == tmp_path / ".config" / "systemd" / "user" / "inbox-monitor.service"
    text = path.read_text()
    assert "ExecStart=/opt/im/bin/inbox-monitor run\n" in text
    assert "Restart=on-failure\n" in text
    assert "WantedBy=default.target\n" in text
    assert "ExecReload=/bin/kill -HUP $MAINPID\n" in text


def test_unit_quotes_paths_with_spaces_and_percent() -> None:
    text = systemd_unit(
        ["/home/a b/bin/inbox-monitor"], {"INBOX_MONITOR_CONFIG": "/home/a b/100%.toml"}
    )
    assert 'ExecStart="/home/a b/bin/inbox-monitor" run\n' in text
    assert 'Environment="INBOX_MONITOR_CONFIG=/home/a b/100%%.toml"\n' in text


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    good = install_service(tmp_path, ["/bin/true"], platform="linux")
    bad = tmp_path / "bad.service"
    bad.write_text(systemd_unit(["relative/inbox-monitor"]))
    for path, accepted in ((good, True), (bad, False)):
        result = subprocess.run(
            ["systemd-analyze", "verify", str(path)], capture_output=True, text=True
        )
        assert (result.returncode == 0) is accepted, result.stderr


def test_install_refuses_to_overwrite_without_force_and_uninstall_removes(tmp_path: Path) -> None:
    install_service(tmp_path, ["/usr/bin/inbox-monitor"], platform="linux")
    with pytest.raises(FileExistsError):
        install_service(tmp_path, ["/usr/local/bin/inbox-monitor"], platform="linux")
    path = install_service(tmp_path, ["/usr/local/bin/inbox-monitor"], platform="linux", force=True)
    assert "ExecStart=/usr/local/bin/inbox-monitor run" in path.read_text()
    assert uninstall_service(tmp_path, platform="linux") == path
    assert not path.exists()
    assert uninstall_service(tmp_path, platform="linux") is None


def test_launchd_agent_on_macos(tmp_path: Path) -> None:
    path = install_service(tmp_path, ["/Users/a/.local/bin/inbox-monitor"], platform="darwin")
    assert path == tmp_path / "Library" / "LaunchAgents" / "org.inbox-monitor.daemon.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["ProgramArguments"] == ["/Users/a/.local/bin/inbox-monitor", "run"]
    assert agent["KeepAlive"] == {"SuccessfulExit": False}
    assert agent["RunAtLoad"] is True
    assert agent["StandardErrorPath"].endswith("Library/Logs/inbox-monitor.log")
    assert plistlib.loads(launchd_plist(["/x"], tmp_path, {"A": "1"}))["EnvironmentVariables"] == {
        "A": "1"
    }
    assert next_steps(path, "darwin")[0] == f"launchctl load -w {path}"


def test_program_command_is_absolute(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "inbox-monitor"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    assert program_command(str(script)) == [str(script)]
    command = program_command()
    assert Path(command[0]).is_absolute()
    assert command[-1] in ("inbox_monitor", str(Path(command[0]))) or command[0].endswith(
        "inbox-monitor"
    )


def test_linux_next_steps_name_systemctl_user(tmp_path: Path) -> None:
    steps = next_steps(unit_path(tmp_path, "linux"), "linux")
    assert steps[:2] == [
        "systemctl --user daemon-reload",
        "systemctl --user enable --now inbox-monitor",
    ]


def test_cli_service_install_and_uninstall(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from inbox_monitor.cli import cli
    from inbox_monitor.cli.daemon import register

    if "service" not in cli.commands:  # until cli/__init__.py registers cli/daemon.py
        register(cli)
    config = tmp_path / "my config.toml"
    config.write_text("[identity]\ntimezone = 'UTC'\n")
    env = {
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "INBOX_MONITOR_CONFIG": "",
    }
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(config), "service", "install"], env=env)
    assert result.exit_code == 0, result.output
    unit = tmp_path / "xdg" / "systemd" / "user" / "inbox-monitor.service"
    assert f"Wrote {unit}. Now run:" in result.output
    assert "  systemctl --user enable --now inbox-monitor" in result.output
    text = unit.read_text()
    assert f'Environment="INBOX_MONITOR_CONFIG={config}"' in text
    exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    assert exec_start.endswith(" run") and exec_start.split("=", 1)[1].startswith("/")
    again = runner.invoke(cli, ["service", "install"], env=env)
    assert again.exit_code == 1 and "exists; use --force" in again.output
    removed = runner.invoke(cli, ["service", "uninstall"], env=env)
    assert removed.exit_code == 0 and f"Removed {unit}." in removed.output
    assert not unit.exists()
