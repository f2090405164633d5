"""Install the daemon as a per-user service: a systemd user unit, or a launchd agent on macOS.

Writes one file for the current user (no root, no system directories) whose command is
the installed program's absolute path plus `run`. Starting and enabling it is left to
the user's own `systemctl --user` / `launchctl` (see docs/daemon.md): nothing here runs
a service manager. The file is the user's alone (0600): it names their config file.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from inbox_monitor.config import (
    CONFIG_ENV,
    HOME_ENV,
    default_config_path,
    find_config_path,
    load_config,
)

SERVICE_NAME = "inbox-monitor"
LAUNCHD_LABEL = "org.inbox-monitor.daemon"


def program_command(which: str | None = None) -> list[str]:
    """The absolute command that starts this program: the installed console script when
    it is on PATH (or next to this Python), else `python -m inbox_monitor`."""
    found = which or shutil.which(SERVICE_NAME)
    if found is None:
        beside = Path(sys.executable).parent / SERVICE_NAME
        found = str(beside) if beside.exists() else None
    if found is not None:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "inbox_monitor"]


def is_macos(platform: str | None = None) -> bool:
    return (platform or sys.platform) == "darwin"


def unit_path(home: Path, platform: str | None = None) -> Path:
    """Where the unit (Linux) or agent plist (macOS) goes for the user whose home is `home`."""
    if is_macos(platform):
        return home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
    config_home = os.environ.get("XDG_CONFIG_HOME")
    base = Path(config_home) if config_home and platform is None else home / ".config"
    return base / "systemd" / "user" / f"{SERVICE_NAME}.service"


def service_environment(
    config_flag: Path | None, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The variables the unit sets so that the daemon reads the config file and uses the
    data directory this command does (--config or $INBOX_MONITOR_CONFIG, and
    $INBOX_MONITOR_HOME), as absolute paths.

    Raises ConfigError when that config file is missing or invalid: the daemon would
    only fail and be restarted every 30 seconds.
    """
    env = os.environ if environ is None else environ
    environment: dict[str, str] = {}
    if config_flag is not None:
        environment[CONFIG_ENV] = str(config_flag.absolute())
    elif env.get(CONFIG_ENV):
        environment[CONFIG_ENV] = str(Path(env[CONFIG_ENV]).expanduser().absolute())
    if env.get(HOME_ENV):
        environment[HOME_ENV] = str(Path(env[HOME_ENV]).expanduser().absolute())
    # with no config file at all the daemon has no account to watch: load_config says
    # "no such file" and that `init` writes one
    path = find_config_path(config_flag, env) or default_config_path()
    load_config(path, {**env, **environment})
    return environment


def _systemd_escape(value: str, dollar: bool) -> str:
    """One quoted word of a unit file: C escapes inside "...", % doubled (a specifier),
    and $ doubled where the directive expands variables."""
    escaped = value.replace("%", "%%").replace("\\", "\\\\").replace('"', '\\"')
    if dollar:
        escaped = escaped.replace("$", "$$")
    escaped = "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in escaped)
    return f'"{escaped}"'


def _systemd_quote(argument: str) -> str:
    """Quote one ExecStart argument (systemd.service(5) "Command lines")."""
    if argument.isprintable() and argument and not any(c in argument for c in " \"'\\;$"):
        return argument.replace("%", "%%")
    return _systemd_escape(argument, dollar=True)


def _systemd_assignment(key: str, value: str) -> str:
    """Quote one Environment= assignment (systemd.exec(5)): $ is literal there."""
    return _systemd_escape(f"{key}={value}", dollar=False)


def systemd_unit(command: Sequence[str], environment: Mapping[str, str] | None = None) -> str:
    """The text of a systemd user unit running `command run`, restarted when it fails."""
    exec_start = " ".join(_systemd_quote(a) for a in [*command, "run"])
    env_lines = "".join(
        f"Environment={_systemd_assignment(key, value)}\n"
        for key, value in sorted((environment or {}).items())
    )
    return (
        "[Unit]\n"
        "Description=inbox-monitor: watches your mailbox for replies from recruiters\n"
        "After=network-online.target\n"
        "Wants=network-online.target\n"
        "\n"
        "[Service]\n"
        "Type=simple\n"
        f"ExecStart={exec_start}\n"
        "ExecReload=/bin/kill -HUP $MAINPID\n"
        f"{env_lines}"
        "Restart=on-failure\n"
        "RestartSec=30\n"
        "TimeoutStopSec=20\n"
        "\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )


def launchd_plist(
    command: Sequence[str], home: Path, environment: Mapping[str, str] | None = None
) -> bytes:
    """A launchd agent: starts at login, restarted when it exits with an error."""
    log_file = home / "Library" / "Logs" / f"{SERVICE_NAME}.log"
    agent: dict[str, object] = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": [*command, "run"],
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},
        "ThrottleInterval": 30,
        "StandardErrorPath": str(log_file),
        "StandardOutPath": str(log_file),
        "ProcessType": "Background",
    }
    if environment:
        agent["EnvironmentVariables"] = dict(environment)
    return plistlib.dumps(agent)


def install_service(
    home: Path,
    command: Sequence[str] | None = None,
    environment: Mapping[str, str] | None = None,
    platform: str | None = None,
    force: bool = False,
) -> Path:
    """Write the unit or plist, 0600; returns its path. Raises FileExistsError unless `force`."""
    path = unit_path(home, platform)
    if path.exists() and not force:
        raise FileExistsError(str(path))
    command = list(command or program_command())
    if is_macos(platform):
        content = launchd_plist(command, home, environment)
        _make_dirs(home / "Library" / "Logs")
    else:
        content = systemd_unit(command, environment).encode("utf-8")
    _make_dirs(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(handle.fileno(), 0o600)  # a unit written before keeps its mode otherwise
        handle.write(content)
    return path


def _make_dirs(directory: Path) -> None:
    """Create `directory` and its missing parents 0700, as the XDG base directory spec
    asks; a directory that exists already (~/.config, ~/Library) keeps its mode."""
    missing: list[Path] = []
    for candidate in (directory, *directory.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        candidate.mkdir(mode=0o700, exist_ok=True)


def uninstall_service(home: Path, platform: str | None = None) -> Path | None:
    """Remove the unit or plist; returns the removed path, or None if there was none."""
    path = unit_path(home, platform)
    if not path.exists():
        return None
    path.unlink()
    return path


def next_steps(path: Path, platform: str | None = None, installed: bool = True) -> list[str]:
    """The commands the user runs next (the program never runs a service manager itself)."""
    if is_macos(platform):
        if installed:
            return [f"launchctl load -w {path}", f"launchctl list | grep {LAUNCHD_LABEL}"]
        return [f"launchctl unload -w {path}  # if it was loaded"]
    if installed:
        return [
            "systemctl --user daemon-reload",
            f"systemctl --user enable --now {SERVICE_NAME}",
            f"systemctl --user status {SERVICE_NAME}",
            f"journalctl --user -u {SERVICE_NAME} -f",
            "loginctl enable-linger $USER   # keep it running while you are logged out",
        ]
    return [f"systemctl --user disable --now {SERVICE_NAME}", "systemctl --user daemon-reload"]
