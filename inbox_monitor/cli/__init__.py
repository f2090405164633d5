"""The `inbox-monitor` command: a thin click layer over the package's functions."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from inbox_monitor import __version__
from inbox_monitor.cli.context import AppContext


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Config file (default: $INBOX_MONITOR_CONFIG, then the user config dir).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(__version__, prog_name="inbox-monitor")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, verbose: int) -> None:
    """Know where every hiring process stands when the phone doesn't ring."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # imapclient's debug log carries whole protocol lines: message text must never reach a log
    logging.getLogger("imapclient").setLevel(max(level, logging.INFO))
    ctx.obj = AppContext(config_flag=config_path, verbose=verbose)


def main() -> None:
    cli(prog_name="inbox-monitor")


def _register_commands() -> None:
    from inbox_monitor.cli import board, daemon, mailbox, model, setup

    for module in (setup, mailbox, board, model, daemon):
        module.register(cli)


_register_commands()
