"""The status board: stored processes and messages turned into statuses as of `now`.

The user's own date (`expect --by`) was set at the later of the time stored with it and
their latest `expect`: a version before that column (run again after an upgrade) changes
the date and records the event, but leaves the time of the one before.

The user's `close` and `close --reopen` count from when they were made (their user_close
events): a board as of an earlier day shows the process as it stood then. The other
corrections (a label, a merge, a split, a move) are applied to every day, the past ones
too: they say what the mail was, not what happened when. A process is named as it is now
(a company or role read from later mail too): a name says which process it is, not where
it stood, and the store keeps no earlier one. A merge moves the messages and their
timeline into the target and records only their count, so a past board cannot take it
apart again either.

The user's `done` counts from when it was made too (its latest user_done event by then):
what waited on the user then is done, what their mail asks since waits again.

The timeline's moments that track computes and the store does not keep are added to it
here, as the user's date that their mail ended is by track (user_date_ended): the user's
pass that ended only one chain (passes_set_aside).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime, timedelta

from inbox_monitor.config import Config
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.models import Event, MessageRecord, Outcome, ProcessRecord, State
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus, board, process_status


def calendar_for(config: Config) -> BusinessCalendar:
    return BusinessCalendar(config.identity.country, config.identity.subdivision)


def load_board(store: Store, config: Config, now: datetime) -> list[ProcessStatus]:
    """Every process that existed at `now`, stalled first."""
    by_process: dict[int, list[MessageRecord]] = defaultdict(list)
    for record in store.message_records(filed=True):
        assert record.process_id is not None
        by_process[record.process_id].append(record)
    processes = [
        (_closed_as_of(store, _user_date_set(store, p), now), by_process.get(p.id, []))
        for p in store.processes()
    ]
    closed_at = {p.id: at for p, _ in processes if (at := _close_time(store, p, now)) is not None}
    done_at = {p.id: at for p, _ in processes if (at := done_time(store, p.id, now)) is not None}
    return board(
        processes,
        now,
        config.tracking,
        calendar_for(config),
        config.identity.zone,
        closed_at=closed_at,
        done_at=done_at,
    )


def load_status(store: Store, config: Config, process_id: int, now: datetime) -> ProcessStatus:
    process = _closed_as_of(store, _user_date_set(store, store.process(process_id)), now)
    messages = store.message_records(process_id)
    return process_status(
        process,
        messages,
        now,
        config.tracking,
        calendar_for(config),
        config.identity.zone,
        closed_at=_close_time(store, process, now),
        done_at=done_time(store, process_id, now),
    )


def passes_set_aside(store: Store, config: Config, process_id: int, now: datetime) -> list[Event]:
    """The moments by `now` at which track set the user's pass aside: their no before any
    interview had closed the process (withdrawn), and then mail of theirs opened it again,
    which only a person of another organisation than the one the no was written to does
    (two agencies' pitches of one role, merged: the no ended only its own chain). Found by
    replaying the process just before and at each of their messages after a pass, so the
    timeline says what the board did; computed, never stored."""
    process = _closed_as_of(store, _user_date_set(store, store.process(process_id)), now)
    messages = [m for m in store.message_records(process_id) if m.date <= now]
    passes = [
        m
        for m in messages
        if m.direction == "outbound" and m.extraction.decision == Outcome.WITHDRAWN
    ]
    if not passes or process.outcome_user is not None:
        return []
    calendar, zone = calendar_for(config), config.identity.zone

    def closed_at(moment: datetime) -> bool:
        status = process_status(process, messages, moment, config.tracking, calendar, zone)
        return status.state == State.CLOSED and status.outcome == Outcome.WITHDRAWN

    found = []
    for message in messages:
        if message.direction != "inbound" or message.date <= passes[0].date:
            continue
        if closed_at(message.date - timedelta(microseconds=1)) and not closed_at(message.date):
            passed = [p for p in passes if p.date < message.date][-1]
            # (their organisations: track sets the no aside for a sender at none of them)
            told = ", ".join(dict.fromkeys(a.domain for a in passed.recipients)) or "them"
            who = message.sender.email if message.sender else "someone"
            detail = f"your no to {told} ended only that chain: {who} goes on"
            found.append(
                Event(process_id, message.date, "pass_set_aside", detail, message.key, "track")
            )
    return found


# The kind of the event `inbox-monitor done` records: the user did what the process asked
USER_DONE = "user_done"


def done_time(store: Store, process_id: int, now: datetime) -> datetime | None:
    """When the user last said, by `now`, that they did what the process asked (`done`: its
    user_done events); None when they never did."""
    return max(
        (e.at for e in store.events(process_id) if e.kind == USER_DONE and e.at <= now),
        default=None,
    )


def _user_date_set(store: Store, process: ProcessRecord) -> ProcessRecord:
    """The process with its user date's time set (expected_by_user_at) as the later of the
    stored one and the user's latest `expect` (a user_expect event)."""
    if process.expected_by_user is None:
        return process
    times = [e.at for e in store.events(process.id) if e.kind == "user_expect"]
    if process.expected_by_user_at is not None:
        times.append(process.expected_by_user_at)
    return replace(process, expected_by_user_at=max(times, default=None))


# The details of the user_close events `inbox-monitor close` records, which a past day's
# board replays (_closed_as_of)
CLOSED_BY_YOU = "closed by you: "
REOPENED_BY_YOU = "reopened by you"


def _closed_as_of(store: Store, process: ProcessRecord, now: datetime) -> ProcessRecord:
    """The process with the user's `close` and `close --reopen` as they stood at `now`: those
    made after it are replayed away from its user_close events ("closed by you: withdrawn",
    "reopened by you"). One with no event after `now` (or none at all, from an older version)
    stands as stored."""
    if process.outcome_user is None and process.reopened_at is None:
        return process
    closes = [e for e in store.events(process.id) if e.kind == "user_close"]
    closes.sort(key=lambda e: e.at)
    if not closes or closes[-1].at <= now:
        return process
    outcome, reopened_at = None, None
    for event in (e for e in closes if e.at <= now):
        if event.detail == REOPENED_BY_YOU:
            outcome, reopened_at = None, event.at
            continue
        try:
            outcome = Outcome(event.detail.removeprefix(CLOSED_BY_YOU))
        except ValueError:
            outcome = process.outcome_user
    return replace(process, outcome_user=outcome, reopened_at=reopened_at)


def _close_time(store: Store, process: ProcessRecord, now: datetime) -> datetime | None:
    """When the user's `close` in force at `now` (process.outcome_user, as _closed_as_of
    replays it) was made: its latest "closed by you" event by then; None with no close in
    force, or none recorded (an older version's)."""
    if process.outcome_user is None:
        return None
    return max(
        (
            e.at
            for e in store.events(process.id)
            if e.kind == "user_close" and e.at <= now and e.detail.startswith(CLOSED_BY_YOU)
        ),
        default=None,
    )
