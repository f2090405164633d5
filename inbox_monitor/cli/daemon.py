"""Commands for the background service: run, digest, service install|uninstall."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import click

from inbox_monitor.cli.context import AppContext, as_of_option, pass_app
from inbox_monitor.config import Config, find_config_path, load_config
from inbox_monitor.daemon import (
    Clock,
    Daemon,
    daemon_running,
    deliver_digest,
    load_digest_data,
)
from inbox_monitor.digest import plan_digest, render_html, render_text
from inbox_monitor.errors import ConfigError, InboxMonitorError, LockError
from inbox_monitor.service import (
    install_service,
    next_steps,
    service_environment,
    uninstall_service,
    unit_path,
)
from inbox_monitor.store import Store

# syslog priorities, which journald reads from a "<N>" line prefix
_PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3}


class JournalFormatter(logging.Formatter):
    """`<priority>logger: message`: journald adds its own timestamps and reads the level."""

    def format(self, record: logging.LogRecord) -> str:
        priority = _PRIORITY.get(record.levelno, 2 if record.levelno > logging.ERROR else 6)
        text = super().format(record)
        return "\n".join(f"<{priority}>{line}" for line in text.splitlines())


def configure_logging(verbose: int, environ: Mapping[str, str] | None = None) -> None:
    """Info by default (debug with -v) on stderr; no timestamps under journald."""
    env = os.environ if environ is None else environ
    handler = logging.StreamHandler(sys.stderr)
    if env.get("JOURNAL_STREAM"):
        handler.setFormatter(JournalFormatter("%(name)s: %(message)s"))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # imapclient's debug log carries whole protocol lines: message text must never reach a log
    logging.getLogger("imapclient").setLevel(logging.INFO)


@click.command()
@pass_app
def run(app: AppContext) -> None:
    """Run in the foreground: sync every account, keep a heartbeat, send the daily digest.

    SIGTERM or Ctrl-C stops it after the batch in hand; SIGHUP reloads the config. Meant
    to run under systemd or launchd (`inbox-monitor service install`).
    """
    configure_logging(app.verbose)
    config = app.config
    flag = app.config_flag

    def reload_config() -> Config:
        return load_config(find_config_path(flag))

    try:
        clock = Clock.from_environment()
    except ValueError as err:
        raise click.ClickException(str(err)) from err
    daemon = Daemon(config=config, reload_config=reload_config, clock=clock)
    daemon.install_signal_handlers()
    try:
        code = daemon.run()
    except LockError as err:
        raise click.ClickException(str(err)) from err
    sys.exit(code)


@click.command()
@click.option("--preview", is_flag=True, help="Print the digest to stdout; send nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "html"]),
    default="text",
    show_default=True,
    help="What --preview prints.",
)
@click.option(
    "--send",
    is_flag=True,
    help="Send the digest now (and record today's as sent); once a day, as the daemon does.",
)
@click.option(
    "--force", is_flag=True, help="With --send: send it even if today's was already sent."
)
@click.option(
    "--sync/--no-sync",
    "sync_first",
    default=True,
    show_default=True,
    help="With --send: read new mail first, as `sync` does (not while the daemon runs: it"
    " keeps the mail read), so the digest warns only of a sync that fails.",
)
@as_of_option
@pass_app
def digest(
    app: AppContext,
    preview: bool,
    fmt: str,
    send: bool,
    force: bool,
    sync_first: bool,
    now: datetime,
) -> None:
    """The daily digest: preview it, or send it now.

    --send sends one a day, as the daemon does: a cron job run twice, or retried after it
    went, sends nothing more that day (--force sends it again); one that failed to go is
    not recorded, so a retry sends it."""
    if preview and send:
        raise click.UsageError("give --preview or --send, not both")
    if not preview and not send:
        raise click.UsageError("give --preview or --send")
    config = app.config
    # (a digest of another moment than now, --as-of, reads no new mail)
    present = click.get_current_context().params.get("as_of") is None
    with app.open_store() as store:
        if preview:
            data = load_digest_data(store, config, now)
            plan = plan_digest(data)
            click.echo(
                render_html(data, plan) if fmt == "html" else render_text(data, plan), nl=False
            )
            return
        day = now.astimezone(config.identity.zone).date()
        if not force and (sent := store.digest_sent_on(day)) is not None:
            at = datetime.fromisoformat(sent["sent_at"]).astimezone(config.identity.zone)
            click.echo(
                f"The digest of {day} was already sent at {at:%H:%M}; nothing sent"
                " (`inbox-monitor digest --send --force` sends it again)."
            )
            return
        if sync_first and present and config.accounts and not daemon_running(config.data_dir):
            _sync_before_digest(app, store)
            now = app.now()  # the mail just stored is new in this digest, not the next
            day = now.astimezone(config.identity.zone).date()
        try:
            # (claimed before it goes, unless forced: a second caller sends nothing)
            line = deliver_digest(store, config, now, record=not force)
        except InboxMonitorError as err:
            raise click.ClickException(str(err)) from err
        store.record_digest(day, now, config.digest.delivery, "sent with digest --send")
    click.echo(line[0].upper() + line[1:] + ".")


def _sync_before_digest(app: AppContext, store: Store) -> None:
    """Read new mail before the digest is sent, as the daemon does (cron's `digest --send`
    after a weekend with no sync): what fails is said here and in the digest's sync health,
    and the digest still goes."""
    from inbox_monitor.cli.mailbox import describe_result, read_new_mail

    try:
        results = read_new_mail(app, store)
    except InboxMonitorError as err:
        click.secho(f"warning: no new mail read before the digest: {err}", fg="red", err=True)
        return
    for result in results:
        if result.error is not None:
            click.secho(f"warning: {describe_result(result)}", fg="red", err=True)


@click.group()
def service() -> None:
    """Install or remove the per-user service (systemd user unit, or launchd on macOS)."""


@service.command("install")
@click.option("--force", is_flag=True, help="Overwrite an existing unit.")
@pass_app
def service_install(app: AppContext, force: bool) -> None:
    """Write the unit for the current user; prints the commands that start it.

    The unit runs with this command's config file and data directory; a config file that
    is missing or invalid is refused, since the service would only fail and restart.
    """
    try:
        environment = service_environment(app.config_flag)
    except ConfigError as err:
        lines = "\n".join(f"  {p}" for p in err.problems)
        raise click.ClickException(f"invalid config {err.path or ''}:\n{lines}") from None
    try:
        path = install_service(Path.home(), environment=environment, force=force)
    except FileExistsError:
        raise click.ClickException(f"{unit_file()} exists; use --force to overwrite it") from None
    click.echo(f"Wrote {path}. Now run:")
    for line in next_steps(path):
        click.echo(f"  {line}")


@service.command("uninstall")
def service_uninstall() -> None:
    """Remove the unit (stop it first with the printed commands)."""
    path = uninstall_service(Path.home())
    if path is None:
        click.echo(f"No service file at {unit_file()}.")
        return
    click.echo(f"Removed {path}. Also run:")
    for line in next_steps(path, installed=False):
        click.echo(f"  {line}")


def unit_file() -> Path:
    return unit_path(Path.home())


COMMANDS = (run, digest, service)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
