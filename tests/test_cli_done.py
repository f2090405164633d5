"""Audit 13: `inbox-monitor done` for a task done on a portal (F11), `close` of several
numbers at once, and the board's word once the user closed every process (F12)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.cli import cli
from inbox_monitor.cli.context import AppContext
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

# Thu 17 Dec 2026, noon in London: the assessment was due yesterday
NOW = datetime(2026, 12, 17, 12, 0, tzinfo=UTC)


def config_for(home: Path) -> Config:
    identity = IdentityConfig(addresses=frozenset({ME}), timezone="Europe/London", country="GB")
    return Config(data_dir=home, identity=identity)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The CLI's clock, pinned; a test moves it by setting its one item."""
    moment = [NOW]
    monkeypatch.setattr(AppContext, "now", lambda self: moment[0])
    return moment


def run(home: Path, *args: str) -> Result:
    (home / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\ntimezone = "Europe/London"\ncountry = "GB"\n'
    )
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def mail(key: str, sender: str, subject: str, body: str, day: int) -> RawMessage:
    data = eml(
        sender=sender,
        subject=subject,
        body=body,
        date=datetime(2026, 12, day, 9, 30, tzinfo=UTC),
        message_id=f"<{key}@audit13.example>",
    )
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"))


ASSESSMENT = mail(
    "lumen1",
    "Lumen Health <no-reply@lumen-health.example>",
    "[request] Lumen Health - next step: online assessment",
    "Dear Sam,\n\nPlease complete the online assessment by Wednesday 16 December using the"
    " link on our careers site.\n\nLumen Health Talent Team",
    9,
)
REMINDER = mail(
    "lumen2",
    "Lumen Health <no-reply@lumen-health.example>",
    "[request] Lumen Health - please complete your assessment",
    "Dear Sam,\n\nWe have not received your assessment yet. Please complete it by Tuesday"
    " 22 December.\n\nLumen Health Talent Team",
    18,
)
INTERVIEW = mail(
    "castle1",
    "Mark Oduya <mark@castlefield-it.example>",
    "[interview] Halden Retail Group - Python Data Engineer - interview",
    "Hi Sam,\n\nHalden would like to meet you on Tuesday 22 December at 11:00.\n\nMark",
    10,
)
PITCH = mail(
    "harbour1",
    "Jo Reeve <jo@blueharbour-analytics.example>",
    "[interview] Blue Harbour - Analytics Engineer - first call",
    "Hi Sam,\n\nCould we have a first call on Monday 21 December at 15:00?\n\nJo",
    11,
)


def ingest_into(home: Path, *messages: RawMessage, now: datetime = NOW) -> None:
    config = config_for(home)
    with Store(config.database_path) as store:
        ingest(store, list(messages), build_pipeline(config, SubjectTagClassifier()), now)


def board(home: Path) -> dict[int, dict[str, object]]:
    shown = run(home, "status", "--json", "--all")
    assert shown.exit_code == 0, shown.output
    return {row["id"]: row for row in json.loads(shown.output)}


def process_of(home: Path, key: str) -> int:
    with Store(config_for(home).database_path) as store:
        row = store.message_row(f"<{key}@audit13.example>")
    assert row["process_id"] is not None
    return int(row["process_id"])


def test_done_records_the_task_done_and_their_next_ask_waits_again(
    tmp_path: Path, clock: list[datetime]
) -> None:
    ingest_into(tmp_path, ASSESSMENT, INTERVIEW)
    lumen, castle = process_of(tmp_path, "lumen1"), process_of(tmp_path, "castle1")
    assert board(tmp_path)[lumen]["state"] == "waiting_on_you"
    said = run(tmp_path, "done", str(lumen), "--note", "assessment done on the site")
    assert said.exit_code == 0, said.output
    assert f"#{lumen}: you did what they asked: assessment done on the site." in said.output
    row = board(tmp_path)[lumen]
    assert row["state"] in ("active", "due_soon") and row["user_deadline"] is None
    # the timeline keeps it; the digest no longer asks for it
    history = run(tmp_path, "history", str(lumen))
    assert "user_done" in history.output and "assessment done on the site" in history.output
    digest = run(tmp_path, "digest", "--preview")
    assert digest.exit_code == 0, digest.output
    assert "Needs your answer" not in digest.output
    # a board of the day before shows it as it stood then
    assert (
        json.loads(run(tmp_path, "status", "--json", "--as-of", "2026-12-16").output)[0]["state"]
        == "waiting_on_you"
    )
    # their reminder since asks again: it waits on the user again
    clock[0] = datetime(2026, 12, 18, 12, 0, tzinfo=UTC)
    ingest_into(tmp_path, REMINDER, now=clock[0])
    assert process_of(tmp_path, "lumen2") == lumen
    assert board(tmp_path)[lumen]["state"] == "waiting_on_you"
    # nothing asked of the user in the other: nothing recorded
    idle = run(tmp_path, "done", str(castle))
    assert idle.exit_code == 0 and "nothing they asked waits on you" in idle.output
    with Store(config_for(tmp_path).database_path) as store:
        assert [e.kind for e in store.events(castle) if e.kind == "user_done"] == []
    refused = run(tmp_path, "done", str(lumen), "--note", "evil\u202etxt.exe")
    assert refused.exit_code == 2 and "\u202e" not in refused.output


def test_close_takes_several_numbers_and_a_name_of_several_words(
    tmp_path: Path, clock: list[datetime]
) -> None:
    ingest_into(tmp_path, ASSESSMENT, INTERVIEW, PITCH)
    lumen, castle, harbour = (process_of(tmp_path, k) for k in ("lumen1", "castle1", "harbour1"))
    assert run(tmp_path, "rename", str(harbour), "--company", "Blue Harbour").exit_code == 0
    # one number that is no process: nothing is closed
    typo = run(tmp_path, "close", str(lumen), "99", "--outcome", "withdrawn")
    assert typo.exit_code == 2 and "no process '99'" in typo.output
    assert all(row["state"] != "closed" for row in board(tmp_path).values())
    both = run(tmp_path, "close", str(lumen), f"#{castle}", "--outcome", "withdrawn")
    assert both.exit_code == 0, both.output
    assert f"#{lumen}: closed by you: withdrawn." in both.output
    assert f"#{castle}: closed by you: withdrawn." in both.output
    named = run(tmp_path, "close", "blue", "harbour", "--outcome", "declined")
    assert named.exit_code == 0 and f"#{harbour}: closed by you: declined." in named.output
    rows = board(tmp_path)
    assert [rows[p]["outcome"] for p in (lumen, castle, harbour)] == [
        "withdrawn",
        "withdrawn",
        "declined",
    ]
    # every process closed: the board says so, not a new user's hint to import mail
    empty = run(tmp_path, "status")
    assert empty.output == (
        "No open hiring processes: all 3 are closed (`inbox-monitor status --all` lists them)."
        " New mail about a job opens a new one.\n"
    )
    # two set aside as not hiring at once; the one left closed
    aside = run(tmp_path, "close", str(lumen), str(castle), "--not-hiring")
    assert aside.exit_code == 0 and aside.output.count("is not a hiring process") == 2
    assert "all 3 are closed" not in run(tmp_path, "status").output
    assert "your one process is closed" in run(tmp_path, "status").output


def test_a_new_user_is_still_pointed_to_import(tmp_path: Path, clock: list[datetime]) -> None:
    shown = run(tmp_path, "status")
    assert "Import mail with `inbox-monitor import` or `sync`." in shown.output
