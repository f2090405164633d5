"""A process on hold (user audit 10 F12, F17): their word that it is on hold counts wherever
it stands in what they wrote, not only in its first lines; the date they gave to take it up
again is the one waited for; and neither the board, the digest nor `stalled` tells the user
to chase it before then, nor with a usual wait's check-in after."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from helpers import ME, SubjectTagClassifier, eml, message_record

from inbox_monitor.cli import cli
from inbox_monitor.cli.render import board_table
from inbox_monitor.config import Config, IdentityConfig, TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.digest import DigestData, render_text
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Label,
    MessageRecord,
    Origin,
    ProcessRecord,
    RawMessage,
    State,
    Strength,
)
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus, process_status

LONDON = ZoneInfo("Europe/London")
CALENDAR = BusinessCalendar("GB", "ENG")
NINA = Address("Nina Brandt", "nina.brandt@kestrel-search.example")
PROCESS = ProcessRecord(
    3, "Orwell Logistics", "Finance Director", "Kestrel Search",
    datetime(2026, 11, 23, 9, 0, tzinfo=LONDON),
)  # fmt: skip
# the news after a long opening: past the stored record's first 200 characters
LONG_HOLD = (
    "Hi Sam,\n\nThank you for making the time to see the Chair and the CFO on Thursday, and for"
    " sending the notes on the working-capital plan afterwards; both of them said how useful"
    " the conversation had been and how clearly you set out the first hundred days.\n\nThe"
    " harder news is that Orwell have put the search on hold while the sale of their Irish"
    " business completes. I'm sorry to pause things when they were going so well."
)
REVISIT = Commitment(CommitmentKind.REPLY, "They expect to pick it up again at the end of January",
                     Strength.RELATIVE, date(2027, 1, 29))  # fmt: skip


def at(month: int, day: int, hour: int = 10, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=LONDON)


def mail(
    key: str, when: datetime, label: Label, text: str, *commitments: Commitment
) -> MessageRecord:
    record = message_record(key, when, label, NINA, subject="RE: Orwell - next steps",
                            commitments=commitments, process_id=PROCESS.id)  # fmt: skip
    return replace(record, snippet=text[:200], text=text)


OPENING = "Hi Sam,\n\n" + "Thanks again for your time with the board last week. " * 4
MET = mail("m", at(12, 3), Label.INTERVIEW, "The Chair would like to meet you on Thursday.")


def status_at(now: datetime, *messages: MessageRecord) -> ProcessStatus:
    return process_status(PROCESS, messages, now, TrackingConfig(), CALENDAR, LONDON)


def test_a_hold_said_after_a_long_opening_waits_longer() -> None:
    hold = mail("h", at(12, 21, 12), Label.DELAY, LONG_HOLD)
    assert "hold" not in hold.snippet
    status = status_at(at(1, 11, 9, 2027), MET, hold)
    # twenty business days from Mon 21 Dec, none in the year-end break
    assert (status.state, status.expected_by, status.expected_source, status.on_hold) == (
        State.ACTIVE, date(2027, 1, 27), "on_hold", True,
    )  # fmt: skip
    # a record loaded with only its start still reads what that start says
    short = replace(hold, text="", snippet="Orwell have put the search on hold for now.")
    assert status_at(at(1, 11, 9, 2027), MET, short).expected_source == "on_hold"


@pytest.mark.parametrize(
    "text",
    [
        "We have paused recruitment until the new year, I'm afraid.",
        "Quick update: the role is on hold pending budget sign-off.",
    ],
)
def test_other_ways_of_saying_it_is_on_hold(text: str) -> None:
    status = status_at(at(12, 22), MET, mail("h", at(12, 21, 12), Label.DELAY, OPENING + text))
    assert (status.expected_source, status.on_hold) == ("on_hold", True), text


def test_the_date_they_gave_to_take_it_up_again_is_the_one_waited_for() -> None:
    hold = mail("h", at(12, 21, 12), Label.DELAY, LONG_HOLD, REVISIT)
    waiting = status_at(at(1, 11, 9, 2027), MET, hold)
    assert (waiting.state, waiting.expected_by, waiting.expected_source, waiting.on_hold) == (
        State.ACTIVE, date(2027, 1, 29), "promise", True,
    )  # fmt: skip
    assert waiting.next_step == (
        "On hold since Mon 21 Dec: nothing to do until Fri 29 Jan, the date they gave; then ask"
        " Nina Brandt whether it is going ahead."
    )
    soon = status_at(at(1, 27, 9, 2027), MET, hold)
    assert soon.state == State.DUE_SOON
    digest = render_text(DigestData(now=at(1, 27, 7, 2027), zone=LONDON, calendar=CALENDAR,
                                    statuses=[soon]))  # fmt: skip
    assert (
        "#3 Orwell Logistics — Finance Director: on hold since Mon 21 Dec 2026; news expected"
        " by Fri 29 Jan"
    ) in digest
    assert "(on hold)" in board_table([soon], LONDON)


def test_past_their_date_the_next_step_asks_whether_it_goes_ahead_not_for_a_check_in() -> None:
    hold = mail("h", at(12, 21, 12), Label.DELAY, LONG_HOLD, REVISIT)
    late = status_at(at(2, 3, 9, 2027), MET, hold)
    assert late.state == State.OVERDUE
    assert late.next_step == (
        "Send Nina Brandt a short note: they put it on hold on Mon 21 Dec, and the date they"
        " gave to take it up again (Fri 29 Jan) has passed; ask whether it is going ahead."
    )
    digest = render_text(DigestData(now=at(2, 3, 7, 2027), zone=LONDON, calendar=CALENDAR,
                                    statuses=[late]))  # fmt: skip
    assert "check-in" not in digest and "follow-up" not in digest
    # their news since ends the hold
    news = mail("n", at(2, 1, 9, 2027), Label.INTERVIEW, "Orwell would like to restart: are"
                " you free to meet the CEO?")  # fmt: skip
    assert not status_at(at(2, 3, 9, 2027), MET, hold, news).on_hold


def _mail(key: str, subject: str, body: str, when: datetime) -> RawMessage:
    raw = eml(sender=str(NINA), subject=subject, body=body, message_id=f"<{key}@test>", date=when)
    return RawMessage(raw, Origin(kind="eml", path=f"{key}.eml"))


def run(home: Path, *args: str) -> Result:
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_stalled_says_it_is_on_hold(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\ntimezone = "Europe/London"\ncountry = "GB"\n'
    )
    config = Config(data_dir=home, identity=IdentityConfig(addresses=frozenset({ME}),
                                                           timezone="Europe/London", country="GB"))  # fmt: skip
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    messages = [
        _mail("a", "[interview] Orwell Logistics - Finance Director", "Hi Sam, the Chair of"
              " Orwell Logistics would like to meet you about the Finance Director role.",
              at(12, 3)),
        _mail("b", "[delay] RE: Orwell Logistics - Finance Director", "Hi Sam, Orwell have put"
              " the search on hold while a sale completes. Sorry to pause things.",
              at(12, 21, 12)),
    ]  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, messages, pipeline, at(12, 21, 13))
    result = run(home, "stalled", "--as-of", "2027-02-03")
    assert result.exit_code == 0, result.output
    assert "they put it on hold on 2026-12-21" in result.output
    assert "ask whether it is going ahead" in result.output
    assert "check-in" not in result.output
