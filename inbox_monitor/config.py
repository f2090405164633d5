"""Configuration: TOML read with tomllib into frozen dataclasses.

Every problem is collected with its location ("accounts[0].port: expected an integer")
and raised at once as a ConfigError; only the CLI exits. Lookup order for the file:
--config flag > INBOX_MONITOR_CONFIG > the user config dir. All state lives under one
data directory, relocated by INBOX_MONITOR_HOME.

A config without identity.timezone means UTC, whatever the machine's zone: the CLI and the
daemon (a service, whose $TZ may not be the shell's) must read the same days. `init`
writes the machine's zone (`machine_zone`) and `config check` warns when the config's is
another one (`timezone_warning`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from ipaddress import ip_address
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from inbox_monitor.errors import ConfigError
from inbox_monitor.models import Stage

APP_NAME = "inbox-monitor"
CONFIG_ENV = "INBOX_MONITOR_CONFIG"
HOME_ENV = "INBOX_MONITOR_HOME"
DATABASE_NAME = "inbox-monitor.db"

Security = Literal["ssl", "starttls", "plain"]
SECURITY_MODES: tuple[str, ...] = ("ssl", "starttls", "plain")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "plain": 143}
SMTP_DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "plain": 25}

DEFAULT_WAIT_DAYS: Mapping[str, int] = {
    Stage.OUTREACH: 5,
    Stage.APPLIED: 10,
    Stage.ACKNOWLEDGED: 10,
    Stage.INTERVIEWING: 5,
    Stage.OFFER: 3,
}


@dataclass(frozen=True)
class Credentials:
    """Where a secret comes from; at most one source is set (validated)."""

    password_command: str | None = None
    password_env: str | None = None
    keyring: bool = False
    password: str | None = field(default=None, repr=False)
    oauth2_token_command: str | None = None


@dataclass(frozen=True)
class AccountConfig:
    name: str
    host: str
    port: int
    security: Security
    username: str
    credentials: Credentials
    ca_file: Path | None = None
    folders: tuple[str, ...] = ()
    poll_interval: int = 300  # seconds, when the server has no IDLE


@dataclass(frozen=True)
class IdentityConfig:
    addresses: frozenset[str] = frozenset()
    name: str = ""
    timezone: str = "UTC"
    country: str | None = None
    subdivision: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class TrackingConfig:
    default_wait_days: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WAIT_DAYS))
    due_soon_days: int = 2
    follow_up_wait_days: int = 3  # a polite reply to the user's follow-up, in business days


@dataclass(frozen=True)
class ClassifierConfig:
    model_path: Path | None = None
    review_threshold: float = 0.5


@dataclass(frozen=True)
class SmtpConfig:
    host: str = ""
    port: int = 587
    security: Security = "starttls"
    username: str = ""
    credentials: Credentials = Credentials()
    ca_file: Path | None = None


@dataclass(frozen=True)
class DigestConfig:
    enabled: bool = False
    delivery: Literal["smtp", "imap"] = "smtp"
    send_at: time = time(8, 0)
    recipients: tuple[str, ...] = ()
    sender: str = ""
    account: str = ""  # for imap delivery: which account's INBOX
    drafts: bool = False
    smtp: SmtpConfig = SmtpConfig()


@dataclass(frozen=True)
class Config:
    data_dir: Path
    identity: IdentityConfig = IdentityConfig()
    tracking: TrackingConfig = TrackingConfig()
    classifier: ClassifierConfig = ClassifierConfig()
    accounts: tuple[AccountConfig, ...] = ()
    digest: DigestConfig = DigestConfig()
    source: Path | None = None  # the file it was read from, if any
    warnings: tuple[str, ...] = ()

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    def account(self, name: str) -> AccountConfig | None:
        return next((a for a in self.accounts if a.name == name), None)


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get(HOME_ENV):
        return Path(env[HOME_ENV]).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME))


# Where the machine's time zone is kept (Linux, macOS; /etc/timezone on Debian and Ubuntu),
# and tzdata's table of each zone's country. Read at call time, so that tests can point
# them elsewhere.
LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")
ZONE_TABLE = Path("/usr/share/zoneinfo/zone.tab")
ZONE_LINKS = Path("/usr/share/zoneinfo/tzdata.zi")  # its "L Target Link" lines
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"})


def _zone_name(text: str) -> str | None:
    """The IANA zone in `text` ("Europe/Paris", ":Europe/Paris" or a path into a zoneinfo
    directory), when this Python knows it."""
    name = text.strip().removeprefix(":")
    if "zoneinfo/" in name:
        name = name.rsplit("zoneinfo/", 1)[1].removeprefix("posix/").removeprefix("right/")
    if not name or name.startswith("/"):
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return name


def canonical_zone(name: str, links: Path | None = None) -> str:
    """The zone `name` is another name for in tzdata ("US/Pacific" is America/Los_Angeles,
    "Europe/Kiev" Europe/Kyiv), else `name` itself."""
    try:
        lines = (links or ZONE_LINKS).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return name
    for line in lines:
        fields = line.split()
        if len(fields) == 3 and fields[0] == "L" and fields[2] == name:
            return fields[1]
    return name


def machine_zone(
    environ: Mapping[str, str],
    localtime: Path | None = None,
    timezone_file: Path | None = None,
) -> str | None:
    """The IANA name of this machine's time zone, or None when it cannot be named.

    $TZ when set (a rule such as "EST5EDT,M3.2.0,M11.1.0" names no zone: None, since it is
    the zone in effect), else what /etc/localtime links to, else /etc/timezone. No network.
    """
    found = _machine_zone(environ, localtime, timezone_file)
    return canonical_zone(found) if found is not None else None


def _machine_zone(
    environ: Mapping[str, str], localtime: Path | None, timezone_file: Path | None
) -> str | None:
    tz = environ.get("TZ")
    if tz:
        return _zone_name(tz)
    try:
        linked = os.readlink(localtime or LOCALTIME)
    except OSError:
        linked = ""
    found = _zone_name(linked) if "zoneinfo/" in linked else None
    if found is not None:
        return found
    try:
        lines = (timezone_file or TIMEZONE_FILE).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return _zone_name(lines[0]) if lines else None


def country_for_zone(zone: str, table: Path | None = None) -> str | None:
    """The ISO 3166 country of `zone` in tzdata's zone.tab (e.g. "US" for
    America/Los_Angeles), when it names one and the holidays package has its calendar;
    None for UTC, an unlisted zone or no table."""
    try:
        lines = (table or ZONE_TABLE).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    canonical = canonical_zone(zone)
    for line in lines:
        fields = line.split("\t")
        if not line.startswith("#") and len(fields) >= 3 and fields[2] == canonical:
            import holidays

            code = fields[0].upper()
            return code if code in holidays.list_supported_countries() else None
    return None


def timezone_warning(path: Path, config: Config, machine: str | None) -> str | None:
    """`config check`'s warning when identity.timezone is not this machine's zone
    (`machine`; None when unknown): unset, so UTC is used, or set to another zone, which
    is right only for someone who lives elsewhere than the machine."""
    configured = config.identity.timezone
    same = canonical_zone(configured) == canonical_zone(machine) if machine else False
    if machine is None or same or {configured, machine} <= _UTC_NAMES:
        return None
    try:
        identity = tomllib.loads(path.read_text("utf-8")).get("identity")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if not (isinstance(identity, dict) and "timezone" in identity):
        return (
            f"identity.timezone is not set, so times are UTC, but this machine's zone is"
            f' {machine}: add timezone = "{machine}" to [identity]'
        )
    return (
        f"identity.timezone is {configured} but this machine's zone is {machine}: the days,"
        f" the digest's time and business days follow {configured}"
    )


def find_config_path(flag: Path | None, environ: Mapping[str, str] | None = None) -> Path | None:
    """The config file to read: --config > $INBOX_MONITOR_CONFIG > user config dir (if it exists)."""
    env = os.environ if environ is None else environ
    if flag is not None:
        return flag
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser()
    path = default_config_path()
    try:
        return path if path.exists() else None
    except OSError:
        # a config dir we may not search (exists() raises on 3.11): load_config then says
        # "cannot read", as it does for an unreadable file
        return path


def load_config(path: Path | None, environ: Mapping[str, str] | None = None) -> Config:
    """Read and validate a config file; with no file, the defaults. Raises ConfigError."""
    env = os.environ if environ is None else environ
    if path is None:
        return Config(data_dir=default_data_dir(env))
    try:
        raw = path.read_bytes()
    except FileNotFoundError as err:
        problem = "no such file: `inbox-monitor init` writes a starter config there to edit"
        raise ConfigError([problem], str(path)) from err
    except OSError as err:
        raise ConfigError([f"cannot read: {err.strerror}"], str(path)) from err
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError([f"not valid TOML: {err}"], str(path)) from err
    warnings: list[str] = []
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = 0
    try:
        config = parse_config(document, env, base=path.parent)
    except ConfigError as err:
        raise ConfigError(err.problems, str(path)) from None
    has_secret = any(a.credentials.password for a in config.accounts) or bool(
        config.digest.smtp.credentials.password
    )
    if has_secret:
        warnings.append(
            "a password is written in the config file; prefer password_command, password_env or keyring"
        )
    if mode & 0o077 and has_secret:
        warnings.append(f"{path} holds a password and is readable by others (chmod 600 it)")
    elif mode & 0o022:
        warnings.append(f"{path} is writable by others")
    return Config(
        data_dir=config.data_dir,
        identity=config.identity,
        tracking=config.tracking,
        classifier=config.classifier,
        accounts=config.accounts,
        digest=config.digest,
        source=path,
        warnings=tuple(config.warnings) + tuple(warnings),
    )


class _Reader:
    """Reads typed values out of nested tables, collecting problems instead of raising."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def table(self, parent: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = parent.get(key, {})
        if not isinstance(value, dict):
            self.problems.append(f"{where}: expected a table")
            return {}
        return value

    def get(
        self,
        table: Mapping[str, Any],
        key: str,
        kind: type | tuple[type, ...],
        default: Any,
        where: str,
    ) -> Any:
        if key not in table:
            return default
        value = table[key]
        # bool is an int subclass: never accept true for a number
        if isinstance(value, bool) and kind in (int, float):
            self.problems.append(f"{where}.{key}: expected {_kind_name(kind)}, got a boolean")
            return default
        if kind is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, kind):
            self.problems.append(
                f"{where}.{key}: expected {_kind_name(kind)}, got {type(value).__name__}"
            )
            return default
        return value

    def strings(self, table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = self.get(table, key, list, [], where)
        if not all(isinstance(item, str) for item in value):
            self.problems.append(f"{where}.{key}: expected a list of strings")
            return ()
        return tuple(value)

    def unknown(self, table: Mapping[str, Any], known: set[str], where: str) -> None:
        for key in table:
            if key not in known:
                self.problems.append(f"{where}.{key}: unknown key")


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {int: "an integer", float: "a number", str: "a string", bool: "true or false"}
    names[list] = "a list"
    names[dict] = "a table"
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


_CREDENTIAL_KEYS = {
    "password_command",
    "password_env",
    "keyring",
    "password",
    "oauth2_token_command",
}


def _credentials(reader: _Reader, table: Mapping[str, Any], where: str) -> Credentials:
    credentials = Credentials(
        password_command=reader.get(table, "password_command", str, None, where),
        password_env=reader.get(table, "password_env", str, None, where),
        keyring=reader.get(table, "keyring", bool, False, where),
        password=reader.get(table, "password", str, None, where),
        oauth2_token_command=reader.get(table, "oauth2_token_command", str, None, where),
    )
    chosen = [k for k in sorted(_CREDENTIAL_KEYS) if table.get(k) not in (None, False, "")]
    if len(chosen) > 1:
        reader.problems.append(f"{where}: choose one of {', '.join(chosen)}")
    return credentials


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _security(reader: _Reader, table: Mapping[str, Any], where: str) -> Security:
    security = reader.get(table, "security", str, "ssl", where)
    if security not in SECURITY_MODES:
        reader.problems.append(f"{where}.security: expected one of ssl, starttls, plain")
        return "ssl"
    return security


def _port(reader: _Reader, table: Mapping[str, Any], default: int, where: str) -> int:
    port: int = reader.get(table, "port", int, default, where)
    if not 0 < port < 65536:
        reader.problems.append(f"{where}.port: {port} is not a TCP port")
    return port


def _path(
    reader: _Reader, table: Mapping[str, Any], key: str, where: str, base: Path
) -> Path | None:
    value = reader.get(table, key, str, None, where)
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def _account(reader: _Reader, table: Any, index: int, base: Path) -> AccountConfig | None:
    where = f"accounts[{index}]"
    if not isinstance(table, dict):
        reader.problems.append(f"{where}: expected a table")
        return None
    known = {"name", "host", "port", "security", "username", "ca_file", "folders", "poll_interval"}
    reader.unknown(table, known | _CREDENTIAL_KEYS, where)
    for key in ("name", "host", "username"):
        if not table.get(key):
            reader.problems.append(f"{where}.{key}: required")
    security = _security(reader, table, where)
    host = reader.get(table, "host", str, "", where)
    if security == "plain" and host and not _is_loopback(host):
        reader.problems.append(
            f"{where}.security: plain IMAP is allowed only for a loopback host, not {host!r}"
        )
    credentials = _credentials(reader, table, where)
    poll_interval = reader.get(table, "poll_interval", int, 300, where)
    if poll_interval < 10:
        reader.problems.append(f"{where}.poll_interval: at least 10 seconds")
    return AccountConfig(
        name=reader.get(table, "name", str, "", where),
        host=host,
        port=_port(reader, table, DEFAULT_PORTS[security], where),
        security=security,
        username=reader.get(table, "username", str, "", where),
        credentials=credentials,
        ca_file=_path(reader, table, "ca_file", where, base),
        folders=reader.strings(table, "folders", where),
        poll_interval=poll_interval,
    )


def _identity(reader: _Reader, document: Mapping[str, Any]) -> IdentityConfig:
    table = reader.table(document, "identity", "identity")
    reader.unknown(table, {"addresses", "name", "timezone", "country", "subdivision"}, "identity")
    addresses = reader.strings(table, "addresses", "identity")
    for address in addresses:
        if "@" not in address:
            reader.problems.append(f"identity.addresses: {address!r} is not an email address")
    timezone = reader.get(table, "timezone", str, "UTC", "identity")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        reader.problems.append(f"identity.timezone: unknown time zone {timezone!r}")
        timezone = "UTC"
    country = reader.get(table, "country", str, None, "identity") or None
    if country is not None:
        import holidays

        if country.upper() not in holidays.list_supported_countries():
            reader.problems.append(f"identity.country: no holiday calendar for {country!r}")
            country = None
    return IdentityConfig(
        addresses=frozenset(a.strip().lower() for a in addresses),
        name=reader.get(table, "name", str, "", "identity"),
        timezone=timezone,
        country=country.upper() if country else None,
        subdivision=reader.get(table, "subdivision", str, None, "identity") or None,
    )


def _tracking(reader: _Reader, document: Mapping[str, Any]) -> TrackingConfig:
    table = reader.table(document, "tracking", "tracking")
    reader.unknown(table, {"default_wait_days", "due_soon_days", "follow_up_wait_days"}, "tracking")
    waits = dict(DEFAULT_WAIT_DAYS)
    given = reader.table(table, "default_wait_days", "tracking.default_wait_days")
    for key in given:
        if key not in waits:
            reader.problems.append(
                f"tracking.default_wait_days.{key}: unknown stage (one of {', '.join(waits)})"
            )
            continue
        days = reader.get(given, key, int, waits[key], "tracking.default_wait_days")
        if days < 0:
            reader.problems.append(f"tracking.default_wait_days.{key}: must not be negative")
        waits[key] = days
    due_soon = reader.get(table, "due_soon_days", int, 2, "tracking")
    if due_soon < 0:
        reader.problems.append("tracking.due_soon_days: must not be negative")
    follow_up = reader.get(table, "follow_up_wait_days", int, 3, "tracking")
    if follow_up < 0:
        reader.problems.append("tracking.follow_up_wait_days: must not be negative")
    return TrackingConfig(
        default_wait_days=waits, due_soon_days=due_soon, follow_up_wait_days=follow_up
    )


def _classifier(reader: _Reader, document: Mapping[str, Any], base: Path) -> ClassifierConfig:
    table = reader.table(document, "classifier", "classifier")
    reader.unknown(table, {"model_path", "review_threshold"}, "classifier")
    threshold = reader.get(table, "review_threshold", float, 0.5, "classifier")
    if not 0.0 <= threshold <= 1.0:
        reader.problems.append("classifier.review_threshold: expected a number from 0 to 1")
    return ClassifierConfig(
        model_path=_path(reader, table, "model_path", "classifier", base),
        review_threshold=threshold,
    )


def _digest(reader: _Reader, document: Mapping[str, Any], base: Path) -> DigestConfig:
    table = reader.table(document, "digest", "digest")
    known = {"enabled", "delivery", "time", "recipients", "from", "account", "drafts", "smtp"}
    reader.unknown(table, known, "digest")
    delivery = reader.get(table, "delivery", str, "smtp", "digest")
    if delivery not in ("smtp", "imap"):
        reader.problems.append("digest.delivery: expected smtp or imap")
        delivery = "smtp"
    clock = reader.get(table, "time", str, "08:00", "digest")
    try:
        send_at = time.fromisoformat(clock)
    except ValueError:
        reader.problems.append(f"digest.time: expected HH:MM, got {clock!r}")
        send_at = time(8, 0)
    smtp_table = reader.table(table, "smtp", "digest.smtp")
    reader.unknown(
        smtp_table,
        {"host", "port", "security", "username", "ca_file"} | _CREDENTIAL_KEYS,
        "digest.smtp",
    )
    smtp_security = _security(reader, smtp_table, "digest.smtp")
    smtp_host = reader.get(smtp_table, "host", str, "", "digest.smtp")
    if smtp_security == "plain" and smtp_host and not _is_loopback(smtp_host):
        reader.problems.append(
            "digest.smtp.security: plain SMTP is allowed only for a loopback host"
        )
    smtp = SmtpConfig(
        host=smtp_host,
        port=_port(reader, smtp_table, SMTP_DEFAULT_PORTS[smtp_security], "digest.smtp"),
        security=smtp_security,
        username=reader.get(smtp_table, "username", str, "", "digest.smtp"),
        credentials=_credentials(reader, smtp_table, "digest.smtp"),
        ca_file=_path(reader, smtp_table, "ca_file", "digest.smtp", base),
    )
    enabled = reader.get(table, "enabled", bool, False, "digest")
    recipients = reader.strings(table, "recipients", "digest")
    account = reader.get(table, "account", str, "", "digest")
    if enabled and delivery == "smtp" and not smtp.host:
        reader.problems.append("digest.smtp.host: required when the digest is delivered by SMTP")
    if enabled and delivery == "smtp" and not recipients:
        reader.problems.append("digest.recipients: required when the digest is delivered by SMTP")
    return DigestConfig(
        enabled=enabled,
        delivery=delivery,
        send_at=send_at,
        recipients=recipients,
        sender=reader.get(table, "from", str, "", "digest"),
        account=account,
        drafts=reader.get(table, "drafts", bool, False, "digest"),
        smtp=smtp,
    )


def parse_config(
    document: Mapping[str, Any], environ: Mapping[str, str] | None = None, base: Path | None = None
) -> Config:
    """Validate a parsed TOML document. Raises ConfigError listing every problem."""
    env = os.environ if environ is None else environ
    base = base or Path.cwd()
    reader = _Reader()
    reader.unknown(
        document, {"identity", "storage", "tracking", "classifier", "accounts", "digest"}, "(top)"
    )
    storage = reader.table(document, "storage", "storage")
    reader.unknown(storage, {"data_dir"}, "storage")
    data_dir = default_data_dir(env)
    configured_dir = _path(reader, storage, "data_dir", "storage", base)
    if configured_dir is not None and not env.get(HOME_ENV):
        data_dir = configured_dir
    identity = _identity(reader, document)
    accounts_raw = document.get("accounts", [])
    accounts: list[AccountConfig] = []
    if not isinstance(accounts_raw, list):
        reader.problems.append("accounts: expected an array of tables ([[accounts]])")
    else:
        for index, table in enumerate(accounts_raw):
            account = _account(reader, table, index, base)
            if account is not None:
                accounts.append(account)
    names = [a.name for a in accounts]
    for name in sorted({n for n in names if names.count(n) > 1}):
        reader.problems.append(f"accounts: the name {name!r} is used twice")
    digest = _digest(reader, document, base)
    if digest.enabled and digest.delivery == "imap" and digest.account not in names:
        reader.problems.append(
            "digest.account: must name one of the [[accounts]] for imap delivery"
        )
    config = Config(
        data_dir=data_dir,
        identity=identity,
        tracking=_tracking(reader, document),
        classifier=_classifier(reader, document, base),
        accounts=tuple(accounts),
        digest=digest,
    )
    if reader.problems:
        raise ConfigError(reader.problems)
    return config
