"""The board as loaded from the store: the user's own date is dated by their latest `expect`."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from helpers import eml

from inbox_monitor.board import load_board, load_status
from inbox_monitor.config import Config
from inbox_monitor.models import Event, Origin, RawMessage, State
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store

ZONE = ZoneInfo("Europe/London")


def _mail(number: int, subject: str, body: str, sent: datetime) -> RawMessage:
    raw = eml(
        sender="Rosa Lind <rosa.lind@orchard.example>",
        subject=subject,
        body=body,
        date=sent,
        message_id=f"<{number}@orchard>",
        in_reply_to="<1@orchard>" if number > 1 else None,
    )
    return RawMessage(raw, Origin(kind="eml", path=f"{number}.eml"))


def _expect(store: Store, process_id: int, by: date, at: datetime, *, column: bool) -> None:
    """`expect --by`, as today's version records it (column=True), or as a version before
    expected_by_user_at did: the date and the event, the time stored left as it was."""
    times = {"expected_by_user_at": at} if column else {}
    store.update_process(process_id, expected_by_user=by, **times)
    store.add_event(Event(process_id, at, "user_expect", f"you expect news by {by}", None, "user"))


def test_a_date_set_by_an_older_version_counts_from_its_expect(
    config: Config, pipeline: Pipeline
) -> None:
    # Mon 23 Nov their receipt; Tue 24 the user expects news by Tue 1 Dec; Wed 25 they write
    # again ("still reviewing"), which ends that date; Thu 26 the user, running an older
    # version, expects news by Tue 22 Dec: that version keeps Tue 24 as the time it was set
    receipt = _mail(1, "[acknowledgement] Your application to Orchard",
                    "Thank you for applying, we have received your application.",
                    datetime(2026, 11, 23, 9, 0, tzinfo=ZONE))  # fmt: skip
    update = _mail(2, "[delay] Re: Your application to Orchard",
                   "We are still reviewing applications and will be in touch.",
                   datetime(2026, 11, 25, 9, 0, tzinfo=ZONE))  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [receipt], pipeline, datetime(2026, 11, 23, 9, 5, tzinfo=ZONE))
        (pid,) = [p.id for p in store.processes()]
        _expect(store, pid, date(2026, 12, 1), datetime(2026, 11, 24, 12, 0, tzinfo=ZONE),
                column=True)  # fmt: skip
        ingest(store, [update], pipeline, datetime(2026, 11, 25, 9, 5, tzinfo=ZONE))
        ended = load_status(store, config, pid, datetime(2026, 11, 26, 9, 0, tzinfo=ZONE))
        assert ended.expected_source != "user" and ended.user_date_ended is not None
        _expect(store, pid, date(2026, 12, 22), datetime(2026, 11, 26, 12, 0, tzinfo=ZONE),
                column=False)  # fmt: skip
        assert store.process(pid).expected_by_user_at == datetime(2026, 11, 24, 12, 0,
                                                                  tzinfo=ZONE)  # fmt: skip
        as_of = datetime(2026, 12, 17, 9, 0, tzinfo=ZONE)
        status = load_status(store, config, pid, as_of)
        (on_board,) = load_board(store, config, as_of)
    # the user's 22 Dec holds, on the board as in `status`, and nothing gave way since
    for shown in (status, on_board):
        assert (shown.expected_by, shown.expected_source, shown.state) == (
            date(2026, 12, 22), "user", State.ACTIVE,
        )  # fmt: skip
        assert shown.user_date_ended is None
    # their mail after that `expect` ends it as it ends one set today
    later = _mail(3, "[delay] Re: Your application to Orchard",
                  "Apologies for the wait, we will be in touch shortly.",
                  datetime(2026, 11, 30, 9, 0, tzinfo=ZONE))  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [later], pipeline, datetime(2026, 11, 30, 9, 5, tzinfo=ZONE))
        after = load_status(store, config, pid, as_of + timedelta(days=1))
    assert after.expected_source != "user"
    assert after.user_date_ended is not None and after.user_date_ended.message_key is not None


def _close(store: Store, process_id: int, outcome: str | None, at: datetime) -> None:
    """`close --outcome` (or `close --reopen`, outcome None) at `at`, as the command writes it."""
    if outcome:
        store.update_process(process_id, outcome_user=outcome)
    else:
        store.update_process(process_id, outcome_user=None, reopened_at=at)
    detail = f"closed by you: {outcome}" if outcome else "reopened by you"
    store.add_event(Event(process_id, at, "user_close", detail, None, "user", 1.0))


def test_a_board_of_an_earlier_day_does_not_apply_a_close_made_since(
    config: Config, pipeline: Pipeline
) -> None:
    # Mon 23 Nov an invitation; Fri 4 Dec the user closes it (withdrawn), Mon 7 reopens it,
    # Wed 9 closes it again (declined): each day's board shows what stood that day
    invite = _mail(1, "[interview] Interview at Orchard",
                   "We would like to invite you to an interview.",
                   datetime(2026, 11, 23, 9, 0, tzinfo=ZONE))  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [invite], pipeline, datetime(2026, 11, 23, 9, 5, tzinfo=ZONE))
        (pid,) = [p.id for p in store.processes()]
        _close(store, pid, "withdrawn", datetime(2026, 12, 4, 18, 0, tzinfo=ZONE))
        _close(store, pid, None, datetime(2026, 12, 7, 18, 0, tzinfo=ZONE))
        _close(store, pid, "declined", datetime(2026, 12, 9, 18, 0, tzinfo=ZONE))

        def shown(month: int, day: int) -> tuple[State, str | None]:
            now = datetime(2026, month, day, 20, 0, tzinfo=ZONE)
            (on_board,) = load_board(store, config, now)
            status = load_status(store, config, pid, now)
            assert (status.state, status.outcome) == (on_board.state, on_board.outcome)
            return status.state, status.outcome.value if status.outcome else None

        assert shown(11, 30)[0] != State.CLOSED  # before any close
        assert shown(12, 4) == (State.CLOSED, "withdrawn")
        assert shown(12, 8)[0] != State.CLOSED  # reopened
        assert shown(12, 9) == (State.CLOSED, "declined")


def test_their_mail_since_the_users_close_is_shown_from_the_close_event(
    config: Config, pipeline: Pipeline
) -> None:
    # Mon 23 Nov an invitation; Fri 4 Dec the user closes it (withdrawn); Tue 8 Dec Orchard
    # invites them to a second interview: the board and `status` say so from then on, a
    # board of Mon 7 does not, and a close made after the mail (read, closed again) ends it
    invite = _mail(1, "[interview] Interview at Orchard",
                   "We would like to invite you to an interview.",
                   datetime(2026, 11, 23, 9, 0, tzinfo=ZONE))  # fmt: skip
    second = _mail(2, "[interview] Re: Interview at Orchard",
                   "We would like to invite you to a second interview.",
                   datetime(2026, 12, 8, 9, 0, tzinfo=ZONE))  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [invite], pipeline, datetime(2026, 11, 23, 9, 5, tzinfo=ZONE))
        (pid,) = [p.id for p in store.processes()]
        _close(store, pid, "withdrawn", datetime(2026, 12, 4, 18, 0, tzinfo=ZONE))
        ingest(store, [second], pipeline, datetime(2026, 12, 8, 9, 5, tzinfo=ZONE))

        def shown(day: int) -> datetime | None:
            now = datetime(2026, 12, day, 20, 0, tzinfo=ZONE)
            (on_board,) = load_board(store, config, now)
            status = load_status(store, config, pid, now)
            assert status.after_close_at == on_board.after_close_at
            assert status.state == State.CLOSED
            return status.after_close_at

        assert shown(7) is None
        assert shown(8) == datetime(2026, 12, 8, 9, 0, tzinfo=ZONE)
        status = load_status(store, config, pid, datetime(2026, 12, 8, 20, 0, tzinfo=ZONE))
        assert f"close {pid} --reopen" in status.next_step
        _close(store, pid, "withdrawn", datetime(2026, 12, 9, 18, 0, tzinfo=ZONE))
        assert shown(9) is None
