"""Commands that set things up and bring mail in: init, config check, import, errors, demo."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, time
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from inbox_monitor.board import load_board
from inbox_monitor.cli.context import AppContext, pass_app
from inbox_monitor.cli.render import board_table, dump_json, safe, status_json, table
from inbox_monitor.config import (
    DATABASE_NAME,
    Config,
    IdentityConfig,
    country_for_zone,
    default_config_path,
    default_data_dir,
    find_config_path,
    load_config,
    machine_zone,
    timezone_warning,
)
from inbox_monitor.dates import business_days_past
from inbox_monitor.errors import ConfigError, SourceError, StoreError
from inbox_monitor.models import RawMessage, SourceFailure, State, Summary
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.sources import open_source
from inbox_monitor.store import Store

# Exit codes of `import`, documented in the README.
EXIT_OK = 0  # every message stored or already known
EXIT_QUARANTINED = 1  # some messages failed to parse; each is kept in quarantine (see `errors`)
EXIT_SOURCE = 3  # a path could not be read at all; nothing from it was imported
EXIT_INTERRUPTED = 130  # Ctrl-C: what was stored stays, the same command continues

DEMO_AS_OF = "2026-11-24T09:00:00+00:00"


def _example_config() -> str:
    """The documented example: packaged in a wheel, at the repository root in a checkout."""
    packaged = resources.files("inbox_monitor").joinpath("config.example.toml")
    if packaged.is_file():
        return packaged.read_text("utf-8")
    return (Path(__file__).parents[2] / "config.example.toml").read_text("utf-8")


def starter_config(example: str, zone: str | None, country: str | None) -> str:
    """The example config with this machine's time zone and its country in [identity]; with
    no zone found, UTC, and with no country, the key commented out, each saying so."""
    timezone = (
        f'timezone = "{zone}"'
        if zone
        else 'timezone = "UTC"  # this machine\'s zone was not found: set yours'
    )
    country_line = (
        f'country = "{country}"'
        if country
        else '# country = "GB"  # not known from the time zone: set yours for its holidays'
    )
    return example.replace('timezone = "Europe/London"', timezone, 1).replace(
        'country = "GB"', country_line, 1
    )


@click.command()
@click.option(
    "--path",
    "target",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write it (default: where the other commands read it: --config, then"
    " $INBOX_MONITOR_CONFIG, then the user config dir).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@pass_app
def init(app: AppContext, target: Path | None, force: bool) -> None:
    """Write a starter config file (mode 0600) to edit."""
    target = target or find_config_path(app.config_flag) or default_config_path()
    if target.exists() and not force:
        raise click.ClickException(f"{target} exists; use --force to overwrite it")
    # the directory init creates is the user's alone, like the file; parents it has to
    # create (~/.config) and a directory that exists keep their mode
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    zone = machine_zone(os.environ)
    country = country_for_zone(zone) if zone else None
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(starter_config(_example_config(), zone, country))
    os.chmod(target, 0o600)
    click.echo(
        f"Wrote {target}. Edit [identity] and [[accounts]], then run `inbox-monitor config check`."
    )
    if zone:
        holidays = f", holidays of {country}" if country else ", no holiday country (set yours)"
        click.echo(f"Time zone: {zone} (this machine's){holidays}.")
    else:
        click.echo("This machine's time zone was not found: set [identity] timezone (UTC for now).")


@click.group("config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=False))
@pass_app
def config_check(app: AppContext, path: Path | None) -> None:
    """Validate a config file and report every problem at once."""
    target = path or find_config_path(app.config_flag)
    if target is None:
        raise click.ClickException("no config file found; run `inbox-monitor init`")
    try:
        config = load_config(target)
    except ConfigError as err:
        click.secho(f"{target}: {len(err.problems)} problem(s)", fg="red", err=True)
        for problem in err.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    for warning in config.warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    zone_warning = timezone_warning(target, config, machine_zone(os.environ))
    if zone_warning:
        click.secho(f"warning: {zone_warning}", fg="yellow", err=True)
    examples = example_values(config)
    written = init_values()
    for key, value in examples:
        origin = " (from `init`)" if value in written else ""
        click.secho(
            f"warning: {key} = {value!r} names an example domain{origin}: edit it",
            fg="yellow",
            err=True,
        )
    click.echo(f"{target}: OK — {len(config.accounts)} account(s); data in {config.data_dir}")
    if examples:
        click.echo(f"  but {len(examples)} value(s) still name example domains, which do not exist")


# Domains reserved for examples (RFC 2606, RFC 6761): no real mailbox or server is there.
_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
_EXAMPLE_TLDS = ("example", "test", "invalid")


def _is_example(value: str) -> bool:
    domain = value.rpartition("@")[2].strip().rstrip(">").lower().rstrip(".")
    labels = domain.split(".")
    return labels[-1] in _EXAMPLE_TLDS or any(
        domain == d or domain.endswith("." + d) for d in _EXAMPLE_DOMAINS
    )


def example_values(config: Config) -> list[tuple[str, str]]:
    """(key, value) of the settings still pointing at an example domain, as `init` writes
    them: `config check` says so, since such a config is valid but reads no mail."""
    found = [("identity.addresses", a) for a in sorted(config.identity.addresses)]
    for index, account in enumerate(config.accounts):
        found += [(f"accounts[{index}].host", account.host)]
        found += [(f"accounts[{index}].username", account.username)]
    if config.digest.enabled:
        found += [("digest.recipients", r) for r in config.digest.recipients]
        found += [("digest.from", config.digest.sender)]
        if config.digest.delivery == "smtp":
            found += [("digest.smtp.host", config.digest.smtp.host)]
    return [(key, value) for key, value in found if value and _is_example(value)]


def init_values() -> set[str]:
    """The text values `init` writes (the example config's), so that `config check` says
    "from `init`" only of those."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(tomllib.loads(_example_config()))
    return found


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # a dangling link, no permission, deleted since: the import says why
        return 0


def _total_bytes(paths: tuple[Path, ...]) -> int:
    """What the progress bar counts up to. Never raises: what cannot be looked at counts 0
    here, and reading it reports it (os.path.isdir and os.walk pass over errors)."""
    total = 0
    for path in paths:
        if os.path.isdir(path):
            for root, _dirs, files in os.walk(path):
                total += sum(_size(Path(root) / f) for f in files if not f.startswith("."))
        else:
            total += _size(path)
    return total


def _import_paths(
    store: Store,
    config: Config,
    paths: tuple[Path, ...],
    sent: bool,
    now: datetime,
    quiet: bool,
    jobs: int,
) -> tuple[Summary, list[str]]:
    pipeline = build_pipeline(config)
    summary = Summary()
    unreadable: list[str] = []
    with click.progressbar(
        length=max(_total_bytes(paths), 1),
        label="Importing",
        file=sys.stderr,
        show_eta=False,
        hidden=quiet or not sys.stderr.isatty(),
    ) as bar:
        for path in paths:
            try:
                source = open_source(path, sent=sent)
            except SourceError as err:
                unreadable.append(str(err))  # it names the path
                continue

            def counted(
                items: Iterator[RawMessage | SourceFailure],
            ) -> Iterator[RawMessage | SourceFailure]:
                for item in items:
                    bar.update(len(item.data))
                    yield item

            summary += ingest(store, counted(iter(source)), pipeline, now, parse_workers=jobs)
    return summary, unreadable


@click.command("import")
# readable=False: a path that cannot be read is reported and the others imported (exit 3)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--sent", is_flag=True, help="These paths hold your own sent mail.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0, max=64),
    default=None,
    help="Worker processes that parse mail while it is classified "
    "(default: one per CPU core; 0: parse in this process).",
)
@pass_app
def import_command(
    app: AppContext, paths: tuple[Path, ...], sent: bool, quiet: bool, jobs: int | None
) -> None:
    """Import .eml files, directories of them, mbox files and Maildirs (also Thunderbird
    folders and Apple Mail .emlx files).

    Exit 0: all stored or known; 1: some failed to parse and were kept in quarantine
    (`inbox-monitor errors`); 3: a path could not be read at all; 130: interrupted (Ctrl-C).
    """
    with app.open_store() as store:
        workers = (os.cpu_count() or 1) if jobs is None else jobs
        stored_before = store.message_count()
        try:
            summary, unreadable = _import_paths(
                store, app.config, paths, sent, app.now(), quiet, workers
            )
        except KeyboardInterrupt:
            # each batch is stored whole or not at all, so the count is what is kept
            stored = store.message_count() - stored_before
            click.echo(
                f"Interrupted: {stored} new message(s) stored before it; run the same"
                " command again to continue (stored messages are recognised).",
                err=True,
            )
            sys.exit(EXIT_INTERRUPTED)
    click.echo(f"{summary.new} new, {summary.known} already known, {summary.failed} failed.")
    for line in summary.errors[:20]:
        click.echo(f"  failed: {safe(line, 160)}", err=True)
    if len(summary.errors) > 20:
        click.echo(
            f"  … and {len(summary.errors) - 20} more (see `inbox-monitor errors`)", err=True
        )
    for line in summary.held[:20]:
        click.echo(f"  unlabelled: {safe(line, 160)}", err=True)
    if len(summary.held) > 20:
        click.echo(f"  … and {len(summary.held) - 20} more (see `inbox-monitor review`)", err=True)
    for line in unreadable:
        click.secho(f"  unreadable: {safe(line)}", fg="red", err=True)
    if unreadable:
        sys.exit(EXIT_SOURCE)
    if summary.failed:
        sys.exit(EXIT_QUARANTINED)


def _save_quarantined(data: bytes, save_to: Path, force: bool) -> None:
    """Write `data` to `save_to` ("-": standard output), private to the user like the
    database; an existing file only with `force`, a symbolic link never."""
    if str(save_to) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    # O_EXCL: an existing file (a real .eml, say) is not replaced by accident
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | (os.O_TRUNC if force else os.O_EXCL)
    try:
        descriptor = os.open(save_to, flags, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            if stat.S_ISREG(os.fstat(descriptor).st_mode):
                os.fchmod(descriptor, 0o600)  # an existing file keeps its mode otherwise
            out.write(data)
    except OSError as err:
        if os.path.islink(save_to):
            message = f"not writing {save_to}: it is a symbolic link (not followed)"
            raise click.ClickException(message) from err
        if err.errno == errno.EEXIST:
            raise click.ClickException(f"{save_to} exists; use --force to overwrite it") from err
        raise click.ClickException(f"cannot write {save_to}: {err.strerror}") from err


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--save", "save_id", type=int, default=None, help="Write quarantined item ID's raw bytes."
)
@click.option(
    "--to",
    "save_to",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="The file --save writes (private to you; a symbolic link is refused; - for"
    " standard output).",
)
@click.option("--force", is_flag=True, help="Let --save --to overwrite an existing file.")
@click.option(
    "--forget",
    "forget_id",
    type=int,
    default=None,
    help="Drop quarantined item ID (its bytes too), e.g. once the file imports fine.",
)
@click.option("--forget-all", is_flag=True, help="Drop every quarantined item.")
@pass_app
def errors(
    app: AppContext,
    as_json: bool,
    save_id: int | None,
    save_to: Path | None,
    force: bool,
    forget_id: int | None,
    forget_all: bool,
) -> None:
    """Messages that could not be parsed, kept with their raw bytes and the reason."""
    actions = [save_id is not None, forget_id is not None, forget_all]
    if sum(actions) > 1:
        raise click.UsageError("give one of --save, --forget and --forget-all, not several")
    if save_id is None and (save_to is not None or force):
        raise click.UsageError("--to and --force go with --save ID")
    with app.open_store() as store:
        if save_id is not None:
            if save_to is None:
                raise click.UsageError("--save needs --to FILE")
            try:
                data = store.quarantined_raw(save_id)
            except StoreError as err:
                raise click.BadParameter(f"{err} (see `inbox-monitor errors`)") from err
            _save_quarantined(data, save_to, force)
            if str(save_to) != "-":
                click.echo(f"Wrote item {save_id} to {save_to}.")
            return
        if forget_id is not None or forget_all:
            dropped = store.forget_quarantined(forget_id)
            if forget_id is not None and not dropped:
                message = f"no quarantined item {forget_id} (see `inbox-monitor errors`)"
                raise click.BadParameter(message)
            click.echo(f"Forgot {dropped} quarantined item(s).")
            return
        rows = store.quarantined()
    if as_json:
        click.echo(dump_json(rows))
        return
    if not rows:
        click.echo("No quarantined messages.")
        return
    click.echo(
        table(
            ["id", "first seen", "size", "from", "reason"],
            [
                [
                    str(r["id"]),
                    r["first_seen"][:16],
                    str(r["size"]),
                    safe(r["origin"], 50),
                    safe(r["reason"], 60),
                ]
                for r in rows
            ],
        )
    )
    click.echo(
        "\nKeep an item's bytes with `--save ID --to FILE`; once dealt with, drop it with"
        " `--forget ID` (or `--forget-all`)."
    )


def demo_root() -> Path:
    return Path(str(resources.files("inbox_monitor").joinpath("demo")))


def demo_config(data_dir: Path) -> tuple[Config, datetime]:
    """The demo's identity, calendar and fixed date, from its expected.json."""
    expected = json.loads((demo_root() / "expected.json").read_text("utf-8"))
    zone = expected.get("timezone", "Europe/London")
    as_of = datetime.fromisoformat(expected.get("as_of", DEMO_AS_OF))
    if as_of.tzinfo is None:
        as_of = as_of.replace(tzinfo=ZoneInfo(zone))
    identity = IdentityConfig(
        addresses=frozenset(a.lower() for a in expected.get("user", [])),
        name="Alex Morgan",
        timezone=zone,
        country=expected.get("country"),
    )
    return Config(data_dir=data_dir, identity=identity), as_of


def run_demo(data_dir: Path) -> tuple[Config, datetime, Summary]:
    config, as_of = demo_config(data_dir)
    mailbox = demo_root() / "mailbox"
    with Store(config.database_path) as store:
        pipeline = build_pipeline(config)
        import_time = datetime.combine(as_of.date(), time(0, 0), tzinfo=as_of.tzinfo)
        summary = ingest(store, iter(open_source(mailbox / "inbox")), pipeline, import_time)
        summary += ingest(
            store, iter(open_source(mailbox / "sent", sent=True)), pipeline, import_time
        )
    return config, as_of, summary


def _kept_demo_problem(app: AppContext, keep: Path) -> str | None:
    """Why `demo --keep` must not write into `keep`: it is the configured data directory,
    or already holds a database with messages. None when it may."""
    try:
        data_dir = load_config(find_config_path(app.config_flag)).data_dir
    except (ConfigError, OSError):  # the command that uses the config says what is wrong
        data_dir = default_data_dir()
    if os.path.realpath(keep) == os.path.realpath(data_dir):
        return f"{keep} is your data directory"
    database = keep / DATABASE_NAME
    if not os.path.lexists(database):
        return None
    try:  # read only: a database the demo will not touch is not opened for writing
        uri = f"{database.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as db:
            count = int(db.execute("SELECT count(*) FROM messages").fetchone()[0])
    except sqlite3.Error:
        return f"{database} exists"
    return f"{keep} holds a database with {count} message(s)" if count else None


@click.command()
@click.option(
    "--keep",
    "keep",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Keep the demo database in this directory (default: a throwaway one).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Let --keep use a directory that holds a database with mail (the demo's is mixed in).",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_app
def demo(app: AppContext, keep: Path | None, force: bool, as_json: bool) -> None:
    """Import the bundled sample mailbox and show its board as of the sample's date."""
    if keep is not None and not force:
        problem = _kept_demo_problem(app, keep)
        if problem:
            raise click.ClickException(
                f"{problem}: the demo's fictional mail would be mixed into it. Choose an"
                " empty directory, or use --force."
            )
    workdir = keep or Path(tempfile.mkdtemp(prefix="inbox-monitor-demo-"))
    try:
        config, as_of, summary = run_demo(workdir)
        app.use_config(config)
        with Store(config.database_path) as store:
            statuses = load_board(store, config, as_of)
            reviews = len(store.open_reviews())
        if as_json:
            click.echo(dump_json([status_json(s, config.identity.zone) for s in statuses]))
            return
        zone = config.identity.zone
        click.echo(
            f"Imported the sample mailbox: {summary.new} messages ({summary.failed} failed)."
        )
        click.echo(
            f"Board as of {as_of.astimezone(zone):%a %d %b %Y %H:%M} ({config.identity.timezone}):\n"
        )
        open_ones = [s for s in statuses if s.state != State.CLOSED]
        click.echo(board_table(open_ones, zone))
        closed = [s for s in statuses if s.state == State.CLOSED]
        if closed:
            click.echo(
                f"\n{len(closed)} closed: "
                + ", ".join(
                    f"#{s.process.id} {safe(s.process.company or '?')} ({s.outcome.value if s.outcome else '-'})"
                    for s in closed
                )
            )
        stalled = [s for s in statuses if s.stalled]
        if stalled:
            click.secho("\nStalled — what to do:", bold=True)
            for s in stalled:
                said = (
                    f" They said \u201c{safe(s.expected_phrase, 80)}\u201d."
                    if s.expected_phrase
                    else ""
                )
                click.echo(
                    f"  #{s.process.id} {safe(s.process.company or '?')}: "
                    f"{business_days_past(s.days_overdue, 'overdue')}.{said} {s.next_step}"
                )
        if reviews:
            click.echo(f"\n{reviews} message(s) wait for review (`inbox-monitor review`).")
        if keep:
            click.echo(
                f"\nDatabase kept in {workdir}; explore it with INBOX_MONITOR_HOME={workdir}."
            )
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


COMMANDS = (init, config_group, import_command, errors, demo)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
