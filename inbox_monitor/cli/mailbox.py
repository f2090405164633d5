"""The mailbox commands: check, sync, watch.

Thin: load the config, call the sync engine in sync.py, print what happened. Library
errors become messages; an account that failed makes the exit status non-zero.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

from inbox_monitor.cli.context import AppContext, pass_app
from inbox_monitor.cli.model import describe_reread
from inbox_monitor.cli.render import safe
from inbox_monitor.config import AccountConfig
from inbox_monitor.errors import InboxMonitorError
from inbox_monitor.sync import (
    ACCOUNT_LEVEL,
    Credentials,
    FolderProgress,
    FolderResult,
    Progress,
    folders_to_read,
    run_once,
    watch,
)

if TYPE_CHECKING:
    from inbox_monitor.store import Store

logger = logging.getLogger(__name__)

PROGRESS_THRESHOLD = 100  # show a bar for folders with at least this many new messages


def _accounts(app: AppContext, name: str | None) -> list[AccountConfig]:
    accounts = list(app.config.accounts)
    if not accounts:
        source = app.config.source
        if source is None:  # no file at all: a first run
            raise click.ClickException(
                "no config file, so no mail account to read: `inbox-monitor init` writes a"
                " starter config to edit"
            )
        raise click.ClickException(f"no [[accounts]] in {source}: nothing to read")
    if name is None:
        return accounts
    chosen = [a for a in accounts if a.name == name]
    if not chosen:
        known = ", ".join(a.name for a in accounts)
        raise click.ClickException(f"no account named {name!r} (configured: {known})")
    return chosen


def check_account(account: AccountConfig) -> list[str]:
    """Log in and open each folder the sync would read; the problems found (empty: fine)."""
    problems: list[str] = []
    try:
        with Credentials().open(account) as mailbox:
            click.echo(
                f"{account.name}: logged in to {account.host}:{account.port} as {account.username}"
            )
            for target in folders_to_read(mailbox, account):
                try:
                    status = mailbox.examine(target.name)
                except InboxMonitorError as err:
                    problems.append(str(err))
                    click.secho(f"  {safe(target.name)}: {safe(err)}", fg="red")
                    continue
                kind = " (sent mail)" if target.sent else ""
                click.echo(f"  {safe(target.name)}{kind}: {status.exists} messages")
            idle = (
                "IDLE (push)"
                if mailbox.supports_idle
                else f"polling every {account.poll_interval} s"
            )
            click.echo(f"  new mail: {idle}")
    except InboxMonitorError as err:
        problems.append(str(err))
        click.secho(f"{safe(account.name)}: {safe(err)}", fg="red")  # the server's words
    return problems


@click.command()
@click.option("--account", "account_name", default=None, help="Only this account.")
@pass_app
def check(app: AppContext, account_name: str | None) -> None:
    """Log in to each account and list the folders that will be read, or what is wrong."""
    failed = [a.name for a in _accounts(app, account_name) if check_account(a)]
    if failed:
        raise click.ClickException(f"problems with: {', '.join(failed)}")


class _Bars:
    """One click progress bar per large folder, opened on its first batch."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.folder: tuple[str, str] | None = None
        self.done = 0

    def __call__(self, progress: FolderProgress) -> None:
        key = (progress.account, progress.folder)
        if progress.total < PROGRESS_THRESHOLD:
            return
        if self.folder != key:
            self.close()
            self.folder = key
            self.bar = click.progressbar(
                length=progress.total,
                label=safe(f"{progress.account}/{progress.folder}"),
                file=None,
            )
            self.bar.__enter__()
            self.done = 0
        self.bar.update(progress.done - self.done)
        self.done = progress.done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def describe_result(result: FolderResult) -> str:
    # folder names and errors come from the server: no terminal control codes
    where = safe(result.account + (f"/{result.folder}" if result.folder != ACCOUNT_LEVEL else ""))
    if result.error is not None:
        return f"{where}: FAILED: {safe(result.error)}"
    if result.unchanged:
        return f"{where}: nothing new"
    summary = result.summary
    text = f"{where}: {summary.new} new, {summary.known} already known, {summary.failed} failed"
    if summary.held:
        text += f" ({len(summary.held)} new left unlabelled for review: the classifier failed)"
    if result.uidvalidity_reset:
        text += " (folder re-read: the server renumbered it)"
    return text


@click.command()
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    default=None,
    help="On a first sync, read only mail from this date (YYYY-MM-DD) on.",
)
@click.option("--account", "account_name", default=None, help="Only this account.")
@pass_app
def sync(app: AppContext, since: datetime | None, account_name: str | None) -> None:
    """Read everything new in every account and folder, and show a summary per folder.
    After an upgrade, the stored mail is first read again with the new rules (`reread`)."""
    accounts = [a.name for a in _accounts(app, account_name)]
    since_day: date | None = since.date() if since else None
    bars = _Bars()
    with app.open_store() as store:
        try:
            results = read_new_mail(app, store, since=since_day, progress=bars, accounts=accounts)
        except InboxMonitorError as err:
            raise click.ClickException(str(err)) from err
        finally:
            bars.close()
    for result in results:
        click.secho(describe_result(result), fg="red" if result.error else None)
    failed = sorted({r.account for r in results if r.error is not None})
    if failed:
        raise click.ClickException(f"sync failed for: {', '.join(failed)}")


def read_new_mail(
    app: AppContext,
    store: Store,
    *,
    since: date | None = None,
    progress: Progress | None = None,
    accounts: list[str] | None = None,
) -> list[FolderResult]:
    """`sync`'s work, which `digest --send` does first too: after an upgrade the stored mail
    is read again (`reread`), then every account (or those named) once. Raises
    InboxMonitorError when the pipeline cannot be built or the reread fails; a mailbox's
    fault is in its folder's result."""
    from inbox_monitor.pipeline import build_pipeline

    pipeline = build_pipeline(app.config)
    _reread_if_stale(app, store)
    return run_once(
        app.config, store, pipeline, app.now(), since=since, progress=progress, accounts=accounts
    )


def _reread_if_stale(app: AppContext, store: Store) -> None:
    """After an upgrade (or a change of the settings the reading rules read by), read the
    stored mail again before new mail comes in, and say so."""
    from inbox_monitor.pipeline import reread_if_stale, rules_stale

    if rules_stale(store, app.config):
        click.echo("Reading the stored mail again with this version's rules...")
        done = reread_if_stale(store, app.config, now=app.now())
        if done is not None:
            click.echo(describe_reread(done))


@click.command(name="watch")
@pass_app
def watch_command(app: AppContext) -> None:
    """Stay connected and read new mail as it arrives (IDLE, else polling). Ctrl-C stops.
    After an upgrade, the stored mail is first read again with the new rules (`reread`)."""
    from inbox_monitor.pipeline import build_pipeline

    _accounts(app, None)
    try:
        pipeline = build_pipeline(app.config)
        with app.open_store() as store:
            _reread_if_stale(app, store)
    except InboxMonitorError as err:
        raise click.ClickException(str(err)) from err
    stop = threading.Event()

    def report(results: list[FolderResult]) -> None:
        for result in results:
            if result.error is not None or (not result.unchanged and result.fetched):
                click.echo(f"{app.now():%H:%M:%S} {describe_result(result)}")

    failed: list[Exception] = []

    def run() -> None:
        try:
            watch(app.config, app.open_store, pipeline, app.now, stop, on_results=report)
        except Exception as err:
            failed.append(err)

    thread = threading.Thread(target=run, name="watch", daemon=True)
    thread.start()
    click.echo("watching; Ctrl-C to stop")
    try:
        while thread.is_alive():
            thread.join(timeout=0.5)
    except KeyboardInterrupt:
        click.echo("stopping")
        stop.set()
        thread.join(timeout=10)
    if failed:
        # the type only: an exception's text may quote a message
        raise click.ClickException(f"watching stopped: {type(failed[0]).__name__}")


def register(group: click.Group) -> None:
    """Add check, sync and watch to the main command group."""
    for command in (check, sync, watch_command):
        group.add_command(command)
