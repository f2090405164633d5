"""What every command shares: the loaded config, the store, the clock.

The CLI is the edge where the wall clock is read and where library errors become
click exceptions; everything below it takes `now` as an argument.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

import click

from inbox_monitor.config import Config, find_config_path, load_config
from inbox_monitor.errors import ConfigError, InboxMonitorError
from inbox_monitor.store import Store

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    """Lazily loads the config, so `init` and `--help` work without one."""

    config_flag: Path | None = None
    verbose: int = 0
    _config: Config | None = field(default=None, repr=False)

    @property
    def config(self) -> Config:
        if self._config is None:
            path = find_config_path(self.config_flag)
            try:
                self._config = load_config(path)
            except ConfigError as err:
                lines = "\n".join(f"  {p}" for p in err.problems)
                raise click.ClickException(f"invalid config {err.path or ''}:\n{lines}") from None
            for warning in self._config.warnings:
                click.secho(f"warning: {warning}", fg="yellow", err=True)
        return self._config

    def use_config(self, config: Config) -> None:
        self._config = config

    def open_store(self) -> Store:
        try:
            return Store(self.config.database_path)
        except InboxMonitorError as err:
            raise click.ClickException(str(err)) from err

    def now(self) -> datetime:
        return datetime.now(UTC)


pass_app = click.make_pass_decorator(AppContext, ensure=True)


def as_of_option(command: F) -> F:
    """Adds --as-of DATE|DATETIME: show things as they will look at that time."""

    @click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        default=None,
        help="Compute states as of this date or ISO time (default: now).",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, as_of: str | None, **kwargs: Any) -> Any:
        app = click.get_current_context().find_object(AppContext)
        assert app is not None
        kwargs["now"] = parse_as_of(as_of, app) if as_of else app.now()
        return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


# --as-of looks back over a job search or ahead to a date someone gave; a moment further
# away is a mistyped year, and near year 1 or 9999 date arithmetic overflows.
AS_OF_MAX_YEARS = 100


def parse_as_of(text: str, app: AppContext) -> datetime:
    """An ISO date means the end of that day (23:59) in the user's time zone."""
    zone = app.config.identity.zone
    try:
        if "T" in text or " " in text.strip():
            moment = datetime.fromisoformat(text)
            moment = moment if moment.tzinfo else moment.replace(tzinfo=zone)
        else:
            moment = datetime.combine(date.fromisoformat(text), time(23, 59), tzinfo=zone)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD or an ISO time, got {text!r}") from None
    if abs(moment.year - app.now().year) > AS_OF_MAX_YEARS:
        raise click.BadParameter(
            f"{text!r} is more than {AS_OF_MAX_YEARS} years from today: a mistyped year?"
        )
    return moment


def fail(message: str, code: int = 1) -> None:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(code)
