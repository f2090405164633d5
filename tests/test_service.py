"""The per-user service files: a systemd user unit and a launchd agent."""

from __future__ import annotations

import os
import plistlib
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from inbox_monitor.config import CONFIG_ENV, HOME_ENV, ConfigError
from inbox_monitor.service import (
    install_service,
    launchd_plist,
    next_steps,
    program_command,
    service_environment,
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
    again = runner.invoke(cli, ["--config", str(config), "service", "install"], env=env)
    assert again.exit_code == 1 and "exists; use --force" in again.output
    removed = runner.invoke(cli, ["service", "uninstall"], env=env)
    assert removed.exit_code == 0 and f"Removed {unit}." in removed.output
    assert not unit.exists()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_unit_carries_the_data_dir_and_config_as_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.toml").write_text("[identity]\ntimezone = 'UTC'\n")
    environ = {HOME_ENV: "custom", CONFIG_ENV: "c.toml"}
    environment = service_environment(None, environ)
    assert environment == {
        HOME_ENV: str(tmp_path / "custom"),
        CONFIG_ENV: str(tmp_path / "c.toml"),
    }
    flagged = service_environment(Path("c.toml"), {HOME_ENV: "~/mail"})
    assert flagged[CONFIG_ENV] == str(tmp_path / "c.toml")
    assert flagged[HOME_ENV] == str(Path("~/mail").expanduser())
    path = install_service(tmp_path, ["/usr/bin/inbox-monitor"], environment, platform="linux")
    assert f'Environment="INBOX_MONITOR_HOME={tmp_path / "custom"}"\n' in path.read_text()


def test_the_unit_is_refused_for_a_missing_or_invalid_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    with pytest.raises(ConfigError, match="no such file") as missing:
        service_environment(Path("c1.toml"), {})
    assert missing.value.path == "c1.toml"
    with pytest.raises(ConfigError, match="no such file") as none_at_all:
        service_environment(None, {})
    assert none_at_all.value.path == str(tmp_path / "xdg" / "inbox-monitor" / "config.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[identity]\ntimezone = 'Mars/Olympus'\n[tracking]\ndue_soon_days = -1\n")
    with pytest.raises(ConfigError) as invalid:
        service_environment(None, {CONFIG_ENV: str(bad)})
    assert invalid.value.problems == [
        "identity.timezone: unknown time zone 'Mars/Olympus'",
        "tracking.due_soon_days: must not be negative",
    ]


def test_environment_values_are_quoted_for_systemd_where_dollar_is_literal() -> None:
    home = '/home/a b/$HOME\\x "q" 100%\ttab'
    text = systemd_unit(["/opt/$bin/inbox-monitor"], {HOME_ENV: home})
    # Environment= expands no variables (systemd.exec(5)): $ stays single; ExecStart doubles it
    assert 'Environment="INBOX_MONITOR_HOME=/home/a b/$HOME\\\\x \\"q\\" 100%%\\x09tab"\n' in text
    assert 'ExecStart="/opt/$$bin/inbox-monitor" run\n' in text
    assert "\t" not in text


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)
def test_systemd_accepts_a_unit_with_awkward_paths(tmp_path: Path) -> None:
    environment = {HOME_ENV: '/home/a b/$x "q" 100%\nnext', CONFIG_ENV: "/c/it's.toml"}
    path = install_service(tmp_path, ["/bin/true"], environment, platform="linux")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_plist_carries_the_data_dir_escaped_for_xml(tmp_path: Path) -> None:
    environment = {HOME_ENV: "/Users/a/<mail> & more", CONFIG_ENV: "/Users/a/c.toml"}
    path = install_service(tmp_path, ["/usr/local/bin/inbox-monitor"], environment, "darwin")
    assert b"/Users/a/&lt;mail&gt; &amp; more" in path.read_bytes()
    assert plistlib.loads(path.read_bytes())["EnvironmentVariables"] == environment


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_the_unit_and_the_dirs_made_for_it_are_private(tmp_path: Path, platform: str) -> None:
    shared = tmp_path / (".config" if platform == "linux" else "Library")
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)  # a directory the user has already: its mode is not ours to change
    old_umask = os.umask(0o022)
    try:
        path = install_service(tmp_path, ["/usr/bin/inbox-monitor"], platform=platform)
        assert _mode(path) == 0o600
        path.chmod(0o644)  # written by an earlier version
        install_service(tmp_path, ["/usr/bin/inbox-monitor"], platform=platform, force=True)
        assert _mode(path) == 0o600
    finally:
        os.umask(old_umask)
    assert _mode(shared) == 0o755
    made = [d for d in path.parents if shared in d.parents]
    assert made and all(_mode(d) == 0o700 for d in made), [oct(_mode(d)) for d in made]
    if platform == "darwin":
        assert _mode(tmp_path / "Library" / "Logs") == 0o700


def test_cli_service_install_carries_home_and_refuses_a_missing_or_invalid_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from inbox_monitor.cli import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.toml").write_text("[identity]\ntimezone = 'UTC'\n")
    (tmp_path / "bad.toml").write_text("[identity]\ntimezone = 'Mars/Olympus'\n")
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "xdg"), CONFIG_ENV: ""}
    unit = tmp_path / "xdg" / "systemd" / "user" / "inbox-monitor.service"
    runner = CliRunner()
    for config, problem in (
        ("c1.toml", "no such file: `inbox-monitor init` writes a starter config there to edit"),
        ("bad.toml", "identity.timezone: unknown time zone 'Mars/Olympus'"),
    ):
        refused = runner.invoke(cli, ["--config", config, "service", "install"], env=env)
        assert refused.exit_code == 1
        assert refused.output == f"Error: invalid config {config}:\n  {problem}\n"
        assert not unit.exists()
    installed = runner.invoke(
        cli, ["service", "install"], env={**env, CONFIG_ENV: "c.toml", HOME_ENV: "custom"}
    )
    assert installed.exit_code == 0, installed.output
    text = unit.read_text()
    assert f'Environment="INBOX_MONITOR_HOME={tmp_path / "custom"}"\n' in text
    assert f'Environment="INBOX_MONITOR_CONFIG={tmp_path / "c.toml"}"\n' in text
