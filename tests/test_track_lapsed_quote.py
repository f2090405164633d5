"""A promise that no longer holds is quoted as the reason their date is not counted only
when a person could have written it: not from mail read as not recruiting, a job alert's
run of words filed in a process (user audit 8, side note of A4)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from helpers import message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.digest import DigestData, render_text
from inbox_monitor.models import Address, Commitment, CommitmentKind, Label, ProcessRecord, Strength
from inbox_monitor.track import ProcessStatus, board

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
CALENDAR = BusinessCalendar("GB")
ALERTS = Address("Job Alerts", "alerts@jobs.example")
SALAD = "news this students autumn time guide free how from price club week join today"
# a date already past when it came: no date to hold them to, the usual wait counts
SLIP = Commitment(CommitmentKind.REPLY, SALAD, Strength.RELATIVE, date(2026, 10, 28))


def overdue_with(label: Label) -> ProcessStatus:
    """A process whose latest promise came on Thu 29 Oct in mail labelled `label`."""
    sent = datetime(2026, 10, 29, 8, 0, tzinfo=UTC)
    process = ProcessRecord(1, "Jobs", "Graduate Analyst", None, sent)
    mail = message_record("a1", sent, label, ALERTS, subject="Graduate jobs", commitments=(SLIP,))
    (status,) = board([(process, [mail])], NOW, TrackingConfig(), CALENDAR, UTC)
    assert status.stalled and status.expected_source == "default"
    return status


def test_a_job_alerts_words_are_not_quoted_as_their_promise() -> None:
    status = overdue_with(Label.NOT_RECRUITING)
    assert status.expected_phrase == SALAD  # (kept: the JSON and the follow-up read it)
    assert status.lapsed_phrase is None and status.open_phrase is None
    text = render_text(DigestData(now=NOW, zone=UTC, calendar=CALENDAR, statuses=[status]))
    assert "join today" not in text
    assert "No promise in their mail: no date was ever given." in text


def test_a_persons_promise_that_no_longer_holds_is_still_quoted() -> None:
    status = overdue_with(Label.DELAY)
    assert status.lapsed_phrase == SALAD
    text = render_text(DigestData(now=NOW, zone=UTC, calendar=CALENDAR, statuses=[status]))
    assert f"No date of theirs is open: “{SALAD}” no longer holds." in text
