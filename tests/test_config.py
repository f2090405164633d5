from __future__ import annotations

import os
from datetime import time
from pathlib import Path

import pytest

from inbox_monitor import config as config_module
from inbox_monitor.config import (
    CONFIG_ENV,
    HOME_ENV,
    ConfigError,
    canonical_zone,
    country_for_zone,
    find_config_path,
    load_config,
    machine_zone,
    parse_config,
    timezone_warning,
)

ROOT = Path(__file__).resolve().parents[1]


def test_example_config_loads_and_documents_every_section(tmp_path: Path) -> None:
    example = tmp_path / "config.toml"
    example.write_text((ROOT / "config.example.toml").read_text())
    example.chmod(0o600)
    config = load_config(example, environ={})
    assert config.identity.addresses == frozenset({"alex.morgan@example.net"})
    assert config.identity.country == "GB"
    assert config.accounts[0].name == "personal"
    assert config.accounts[0].port == 993
    assert config.accounts[0].credentials.password_command == "pass show mail/personal"
    assert config.tracking.default_wait_days["interviewing"] == 5
    assert config.digest.send_at == time(8, 0)
    assert config.warnings == ()


def test_every_problem_is_reported_at_once_with_its_location() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(
            {
                "identity": {"timezone": "Mars/Olympus", "addresses": ["nobody"]},
                "tracking": {"default_wait_days": {"applied": "ten", "limbo": 3}},
                "accounts": [
                    {
                        "name": "a",
                        "host": "imap.example.com",
                        "port": True,
                        "security": "plain",
                        "username": "u",
                        "password_env": "X",
                        "password_command": "pass x",
                    },
                    {"name": "a", "host": "h", "username": "u", "port": 70000},
                ],
                "surprise": 1,
            },
            environ={},
        )
    problems = caught.value.problems
    expected = [
        "(top).surprise: unknown key",
        "identity.timezone: unknown time zone 'Mars/Olympus'",
        "identity.addresses: 'nobody' is not an email address",
        "tracking.default_wait_days.applied: expected an integer, got str",
        "tracking.default_wait_days.limbo: unknown stage",
        "accounts[0].port: expected an integer, got a boolean",
        "accounts[0].security: plain IMAP is allowed only for a loopback host",
        "accounts[0]: choose one of password_command, password_env",
        "accounts[1].port: 70000 is not a TCP port",
        "accounts: the name 'a' is used twice",
    ]
    for fragment in expected:
        assert any(fragment in p for p in problems), (fragment, problems)


def test_plain_is_allowed_on_loopback() -> None:
    config = parse_config(
        {"accounts": [{"name": "t", "host": "127.0.0.1", "security": "plain", "username": "u"}]},
        environ={},
    )
    assert config.accounts[0].security == "plain"
    assert config.accounts[0].port == 143


def test_lookup_order_flag_then_environment(tmp_path: Path) -> None:
    flag = tmp_path / "flag.toml"
    env_file = tmp_path / "env.toml"
    assert find_config_path(flag, environ={CONFIG_ENV: str(env_file)}) == flag
    assert find_config_path(None, environ={CONFIG_ENV: str(env_file)}) == env_file


def test_home_relocates_all_state(tmp_path: Path) -> None:
    document = {"storage": {"data_dir": str(tmp_path / "configured")}}
    assert parse_config(document, environ={}).data_dir == tmp_path / "configured"
    relocated = parse_config(document, environ={HOME_ENV: str(tmp_path / "home")})
    assert relocated.data_dir == tmp_path / "home"
    assert relocated.database_path == tmp_path / "home" / "inbox-monitor.db"


def test_password_in_a_readable_file_warns(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[[accounts]]\nname="a"\nhost="h"\nusername="u"\npassword="hunter2"\n')
    os.chmod(path, 0o644)
    config = load_config(path, environ={})
    assert any("password is written in the config" in w for w in config.warnings)
    assert any("readable by others" in w for w in config.warnings)
    assert "hunter2" not in repr(config)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[identity\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert str(path) in str(caught.value)
    assert "not valid TOML" in caught.value.problems[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may search any directory")
def test_a_config_dir_without_search_permission_is_one_line_of_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from inbox_monitor.cli import cli

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    config_dir = tmp_path / "xdg" / "inbox-monitor"
    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_text("[identity]\ntimezone = 'UTC'\n")
    config_dir.chmod(0o000)
    try:
        path = find_config_path(None, environ={})
        assert path == config_dir / "config.toml"
        with pytest.raises(ConfigError) as caught:
            load_config(path, environ={})
        assert caught.value.problems == ["cannot read: Permission denied"]
        result = CliRunner().invoke(
            cli, ["status"], env={"XDG_CONFIG_HOME": str(tmp_path / "xdg"), CONFIG_ENV: ""}
        )
    finally:
        config_dir.chmod(0o700)
    assert result.exit_code == 1
    assert result.output == f"Error: invalid config {path}:\n  cannot read: Permission denied\n"


# ---------------------------------------------------------------------------- the machine's zone


def test_the_machines_zone_is_read_from_tz_then_localtime_then_etc_timezone(
    tmp_path: Path,
) -> None:
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/America/Los_Angeles")
    debian = tmp_path / "timezone"
    debian.write_text("Pacific/Auckland\n")
    missing = tmp_path / "nothing"

    def zone(environ: dict[str, str], localtime: Path = link, file: Path = debian) -> str | None:
        return machine_zone(environ, localtime, file)

    assert zone({}) == "America/Los_Angeles"  # the link, not what the file says
    assert zone({}, localtime=missing) == "Pacific/Auckland"
    assert zone({}, localtime=missing, file=missing) is None
    assert zone({"TZ": "Europe/Berlin"}) == "Europe/Berlin"  # $TZ first
    assert zone({"TZ": ":Asia/Tokyo"}) == "Asia/Tokyo"
    assert zone({"TZ": "/usr/share/zoneinfo/posix/Europe/Paris"}) == "Europe/Paris"
    # a rule names no zone, and it is the one in effect: the files are not asked
    assert zone({"TZ": "EST5EDT,M3.2.0,M11.1.0"}) is None
    assert zone({"TZ": "Nowhere/City"}) is None
    copied = tmp_path / "copied"
    copied.write_bytes(b"TZif2")  # a copy of a zone file, not a link, names nothing
    assert zone({}, localtime=copied) == "Pacific/Auckland"
    debian.write_text("Not/AZone\n")
    assert zone({}, localtime=copied) is None


def test_a_zones_country_comes_from_zone_tab_when_it_names_one(tmp_path: Path) -> None:
    table = tmp_path / "zone.tab"
    table.write_text(
        "# tzdata's zone.tab\n"
        "US\t+340308-1181434\tAmerica/Los_Angeles\tPacific\n"
        "GB\t+513030-0000731\tEurope/London\n"
        "XX\t-7750+16636\tAntarctica/Nowhere\n"  # a code newer than the holidays package
    )
    assert country_for_zone("America/Los_Angeles", table) == "US"
    assert country_for_zone("Europe/London", table) == "GB"
    assert country_for_zone("Etc/UTC", table) is None  # no country
    assert country_for_zone("Antarctica/Nowhere", table) is None  # no holiday calendar
    assert country_for_zone("Europe/London", tmp_path / "none.tab") is None


def test_config_check_warns_when_the_zone_is_not_the_machines(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[identity]\naddresses = ["me@example.org"]\n')
    unset = load_config(path, environ={})
    assert unset.identity.timezone == "UTC"  # unset is UTC, whatever the machine's zone
    warning = timezone_warning(path, unset, "America/Los_Angeles")
    assert warning is not None
    assert 'add timezone = "America/Los_Angeles" to [identity]' in warning
    assert timezone_warning(path, unset, "Etc/UTC") is None  # the same zone
    assert timezone_warning(path, unset, None) is None  # the machine's is not known
    path.write_text('[identity]\ntimezone = "Europe/London"\n')
    london = load_config(path, environ={})
    warning = timezone_warning(path, london, "America/Los_Angeles")
    assert warning is not None and "identity.timezone is Europe/London but" in warning
    assert timezone_warning(path, london, "Europe/London") is None


def test_another_name_of_a_zone_is_the_same_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = tmp_path / "tzdata.zi"
    links.write_text(
        "# version 2025b\nZ America/Los_Angeles -7:52:58 - LMT 1883 N 18 20u\n"
        "L America/Los_Angeles US/Pacific\nL Europe/Kyiv Europe/Kiev\n"
    )
    monkeypatch.setattr(config_module, "ZONE_LINKS", links)
    assert canonical_zone("US/Pacific") == "America/Los_Angeles"
    assert canonical_zone("Europe/Kiev") == "Europe/Kyiv"
    assert canonical_zone("Europe/London") == "Europe/London"  # not a link
    assert machine_zone({"TZ": "US/Pacific"}) == "America/Los_Angeles"  # init writes this
    table = tmp_path / "zone.tab"
    table.write_text("UA\t+5026+03031\tEurope/Kyiv\n")
    assert country_for_zone("Europe/Kiev", table) == "UA"
    path = tmp_path / "config.toml"
    path.write_text('[identity]\ntimezone = "America/Los_Angeles"\n')
    pacific = load_config(path, environ={})
    assert timezone_warning(path, pacific, "US/Pacific") is None
    assert canonical_zone("US/Pacific", tmp_path / "none.zi") == "US/Pacific"
