"""`init` writes this machine's time zone and its country, and says so; `config check`
warns when the config's zone is not the machine's."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import inbox_monitor.config
from inbox_monitor.cli import cli


@pytest.fixture(autouse=True)
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No zone from the machine's files, and a zone.tab of our own: $TZ decides."""
    table = tmp_path / "zone.tab"
    table.write_text(
        "US\t+340308-1181434\tAmerica/Los_Angeles\tPacific\n"
        "NZ\t-3652+17446\tPacific/Auckland\tmost of New Zealand\n"
    )
    monkeypatch.setattr(inbox_monitor.config, "LOCALTIME", tmp_path / "no-localtime")
    monkeypatch.setattr(inbox_monitor.config, "TIMEZONE_FILE", tmp_path / "no-timezone")
    monkeypatch.setattr(inbox_monitor.config, "ZONE_TABLE", table)


def init(tmp_path: Path, tz: str | None) -> tuple[Result, dict[str, object]]:
    target = tmp_path / "config.toml"
    env = {"INBOX_MONITOR_HOME": str(tmp_path), "TZ": tz}
    result = CliRunner().invoke(cli, ["init", "--path", str(target)], env=env)
    assert result.exit_code == 0, result.output
    identity = tomllib.loads(target.read_text())["identity"]
    assert isinstance(identity, dict)
    return result, identity


@pytest.mark.parametrize(
    ("tz", "country"), [("America/Los_Angeles", "US"), ("Pacific/Auckland", "NZ")]
)
def test_init_writes_the_machines_zone_and_its_country(
    tmp_path: Path, tz: str, country: str
) -> None:
    result, identity = init(tmp_path, tz)
    assert identity["timezone"] == tz
    assert identity["country"] == country
    assert f"Time zone: {tz} (this machine's), holidays of {country}." in result.output


def test_init_leaves_the_country_out_when_the_zone_names_none(tmp_path: Path) -> None:
    result, identity = init(tmp_path, "Etc/UTC")
    assert identity["timezone"] == "Etc/UTC"
    assert "country" not in identity  # commented out, with a note
    assert (
        '# country = "GB"  # not known from the time zone' in (tmp_path / "config.toml").read_text()
    )
    assert "Time zone: Etc/UTC (this machine's), no holiday country (set yours)." in result.output


def test_init_says_when_the_machines_zone_is_not_found(tmp_path: Path) -> None:
    result, identity = init(tmp_path, None)  # no $TZ, no /etc/localtime, no /etc/timezone
    assert identity["timezone"] == "UTC"
    assert "country" not in identity
    assert "This machine's time zone was not found: set [identity] timezone" in result.output


def test_config_check_warns_of_a_zone_that_is_not_the_machines(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    target.write_text('[identity]\naddresses = ["me@fastmail.com"]\ntimezone = "Europe/London"\n')
    env = {"INBOX_MONITOR_HOME": str(tmp_path), "TZ": "America/Los_Angeles"}
    checked = CliRunner().invoke(cli, ["config", "check", str(target)], env=env)
    assert checked.exit_code == 0
    assert (
        "warning: identity.timezone is Europe/London but this machine's zone is"
        " America/Los_Angeles" in checked.output
    )
    env["TZ"] = "Europe/London"
    assert (
        "warning" not in CliRunner().invoke(cli, ["config", "check", str(target)], env=env).output
    )
