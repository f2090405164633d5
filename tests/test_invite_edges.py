"""Calendar invitations at their edges, as a job seeker meets them: versions of one event
stored out of order, all-day events, recurring series, an invitation beside another meeting
the text gives that day, and the user's own meeting request."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from helpers import ME, SubjectTagClassifier
from test_invite_pipeline import (
    INVITES,
    OPENING,
    _without_times,
    config_for,
    fixture,
    invitation_mail,
    raw,
)

from inbox_monitor.board import load_board
from inbox_monitor.config import Config
from inbox_monitor.invite import read_calendar
from inbox_monitor.models import CommitmentKind, RawMessage
from inbox_monitor.pipeline import build_pipeline, ingest, reread_stored, timeline_as_read_now
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
UPDATE_KEY = "<AM0PR02MB11234ABCD@AM0PR02MB1234.eurprd02.prod.example>"
# the Outlook fixtures: the invitation for Wed 2 Dec 13:30 (UTC), its update (SEQUENCE 1) to
# Thu 3 Dec 08:00, and the cancellation (SEQUENCE 2) of that
FIRST = datetime(2026, 12, 2, 13, 30, tzinfo=UTC)
MOVED = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def status_after(config: Config, *batches: list[RawMessage]) -> ProcessStatus:
    """The one process's status after each batch is imported in turn."""
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    with Store(config.database_path) as store:
        for batch in batches:
            ingest(store, batch, pipeline, NOW)
        (status,) = load_board(store, config, NOW)
    return status


def calendar(*lines: str, method: str = "REQUEST") -> str:
    event = ["BEGIN:VEVENT", *lines, f"ATTENDEE:mailto:{ME}", "END:VEVENT"]
    return "\r\n".join(["BEGIN:VCALENDAR", f"METHOD:{method}", *event, "END:VCALENDAR", ""])


def meetings_of(config: Config, key: str) -> list[tuple[date | None, datetime | None]]:
    with Store(config.database_path) as store:
        (record,) = [r for r in store.message_records() if r.key == key]
    return [
        (c.due, c.at) for c in record.extraction.commitments if c.kind == CommitmentKind.MEETING
    ]


# ------------------------------------------------- versions of one event, out of order


def test_an_update_stored_before_its_invitation_still_moves_the_meeting(tmp_path: Path) -> None:
    # the update came first (another folder synced first, a Maildir read in file order)
    update, invite = fixture("outlook-update.eml"), fixture("outlook-invite.eml")
    one_batch = status_after(config_for(tmp_path / "a"), [OPENING, update, invite])
    assert one_batch.next_meeting == MOVED
    config = config_for(tmp_path / "b")
    two_syncs = status_after(config, [OPENING, update], [invite])
    assert two_syncs.next_meeting == MOVED
    with Store(config.database_path) as store:
        stored = store.parsed_message(UPDATE_KEY).invitation
        assert stored is not None and stored.events[0].earlier_start == FIRST
        events = store.events(two_syncs.process.id)
        records = store.message_records(two_syncs.process.id)
        # a reread reads it alike: the earlier version is kept with the update
        assert reread_stored(store, config).changed == 0
    moved = [e for e in events if e.kind == "meeting_off"]
    assert [e.message_key for e in moved] == [UPDATE_KEY]
    assert "(on 2026-12-02)" in moved[0].detail and "earlier version" in moved[0].detail
    # `history` shows that line as read now, not as a reading another version worded
    shown = [e.detail for e in timeline_as_read_now(events, records) if e.kind == "meeting_off"]
    assert shown == [moved[0].detail]


def test_a_cancellation_stored_first_calls_off_whichever_version_came_after(
    tmp_path: Path,
) -> None:
    cancel, update = fixture("outlook-cancel.eml"), fixture("outlook-update.eml")
    invite = fixture("outlook-invite.eml")
    # all three, the newest first
    status = status_after(config_for(tmp_path / "a"), [OPENING, cancel, update, invite])
    assert (status.next_meeting, status.next_meeting_day) == (None, None)
    # the cancellation (of Thursday's time) and the first invitation (Wednesday's), the
    # update lost: the event is off whatever its time
    status = status_after(config_for(tmp_path / "b"), [OPENING, cancel], [invite])
    assert (status.next_meeting, status.next_meeting_day) == (None, None)


def test_a_cancellation_without_a_time_stored_first_calls_off_the_invitation(
    tmp_path: Path,
) -> None:
    cancel = raw(_without_times((INVITES / "outlook-cancel.eml").read_bytes()), "cancel.eml")
    status = status_after(config_for(tmp_path), [OPENING, cancel], [fixture("outlook-invite.eml")])
    assert (status.next_meeting, status.next_meeting_day) == (None, None)


def test_another_events_invitation_stored_later_moves_nothing(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    other = invitation_mail(
        calendar("UID:another-event", "DTSTART:20261201T100000Z", "SUMMARY:Interview"),
        date=datetime(2026, 11, 20, 12, 0, tzinfo=UTC),
    )
    status = status_after(config, [OPENING, fixture("outlook-update.eml")], [raw(other, "o.eml")])
    # the update's time stands, and the other event is a meeting of its own
    assert status.next_meeting == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert meetings_of(config, UPDATE_KEY) == [(MOVED.date(), MOVED)]


# ----------------------------------------------------------------------- all-day events


def all_day(title: str, body: str = "Hi Alex, the invitation is attached.") -> RawMessage:
    ics = calendar(
        "UID:all-day-1",
        "DTSTART;VALUE=DATE:20261203",
        "DTEND;VALUE=DATE:20261204",
        f"SUMMARY:{title}",
    )
    return raw(invitation_mail(ics, subject=f"[interview] {title}", body=body), "all-day.eml")


def test_an_all_day_assessment_is_a_meeting_on_its_day_with_no_time(tmp_path: Path) -> None:
    for number, title in enumerate(("Assessment day - Alex Morgan", "Interview day: Acme")):
        status = status_after(config_for(tmp_path / str(number)), [OPENING, all_day(title)])
        assert status.next_meeting is None, title  # (its time is not known)
        assert status.next_meeting_day == date(2026, 12, 3), title


def test_an_all_day_event_that_names_no_interview_is_no_meeting(tmp_path: Path) -> None:
    for number, title in enumerate(("Office closed", "Alex Morgan - start date", "Deadline")):
        status = status_after(config_for(tmp_path / str(number)), [OPENING, all_day(title)])
        assert status.next_meeting_day is None, title


def test_an_all_day_assessments_start_time_in_the_text_is_its_meeting(tmp_path: Path) -> None:
    body = "Hi Alex, your assessment day on Thursday 3 December starts at 09:30."
    status = status_after(config_for(tmp_path), [OPENING, all_day("Assessment day", body)])
    assert status.next_meeting == datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def test_an_all_day_events_cancellation_calls_its_day_off(tmp_path: Path) -> None:
    cancel = invitation_mail(
        calendar("UID:all-day-1", "SEQUENCE:1", "DTSTART;VALUE=DATE:20261203", method="CANCEL"),
        subject="[interview] Cancelled: Assessment day",
        date=datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
        message_id="<cancel@acme.example>",
    )
    status = status_after(
        config_for(tmp_path), [OPENING, all_day("Assessment day"), raw(cancel, "c.eml")]
    )
    assert status.next_meeting_day is None


# ------------------------------------------------------------------- recurring events


def test_a_series_has_no_time_and_one_instance_keeps_its_own() -> None:
    series = read_calendar(
        calendar("UID:s", "DTSTART:20261020T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=TU")
    ).events[0]
    assert (series.start, series.day) == (None, None)
    dates = read_calendar(calendar("UID:s", "DTSTART:20261020T090000Z", "RDATE:20261027T090000Z"))
    assert dates.events[0].start is None
    moved = read_calendar(
        calendar("UID:s", "RECURRENCE-ID:20261201T090000Z", "DTSTART:20261202T090000Z")
    ).events[0]
    assert moved.start == datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def test_a_contacts_weekly_one_to_one_is_no_interview_and_no_meeting(tmp_path: Path) -> None:
    # set up weeks ago: its DTSTART is long past
    weekly = calendar(
        "UID:weekly-1",
        "DTSTART:20261020T090000Z",
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        "SUMMARY:Alex Morgan / Jane Doe 1:1",
    )
    mail = invitation_mail(weekly, subject="Alex Morgan / Jane Doe 1:1", body="Weekly catch-up.")
    # the same title for one meeting is the interview (a contact's, naming the user)
    one = invitation_mail(
        calendar("UID:once-1", "DTSTART:20261202T090000Z", "SUMMARY:Alex Morgan / Jane Doe 1:1"),
        subject="Alex Morgan / Jane Doe 1:1",
        message_id="<once@acme.example>",
    )
    config = config_for(tmp_path)
    status = status_after(config, [OPENING, raw(mail, "w.eml"), raw(one, "o.eml")])
    with Store(config.database_path) as store:
        assert store.message_row("<invite@acme.example>")["label"] == "not_recruiting"
        assert store.message_row("<once@acme.example>")["label"] == "interview"
    assert status.next_meeting == datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def test_a_coachs_weekly_interview_prep_is_no_interview(tmp_path: Path) -> None:
    weekly = calendar(
        "UID:coach-1",
        "DTSTART:20261103T170000Z",
        "RRULE:FREQ=WEEKLY;COUNT=8",
        "SUMMARY:Interview prep - Alex Morgan",
    )
    mail = invitation_mail(
        weekly,
        subject="Interview prep - Alex Morgan",
        sender="Pat Quinn <pat@coaching.example>",
        body="Our sessions, every Tuesday.",
    )
    config = config_for(tmp_path)
    status_after(config, [OPENING, raw(mail, "coach.eml")])
    with Store(config.database_path) as store:
        row = store.message_row("<invite@acme.example>")
    assert (row["label"], row["process_id"]) == ("not_recruiting", None)


# --------------------------------------------------- two meetings on the invitation's day


def test_a_call_the_text_gives_before_the_invited_panel_stays(tmp_path: Path) -> None:
    body = (
        "Hi Alex, on Thursday 3 December: a call with me at 10:00 and the panel at 14:00"
        " (the invitation for the panel is attached)."
    )
    panel = calendar("UID:panel-1", "DTSTART:20261203T140000Z", "SUMMARY:Panel interview")
    config = config_for(tmp_path)
    status = status_after(config, [OPENING, raw(invitation_mail(panel, body=body), "p.eml")])
    assert status.next_meeting == datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    assert meetings_of(config, "<invite@acme.example>") == [
        (date(2026, 12, 3), datetime(2026, 12, 3, 10, 0, tzinfo=UTC)),
        (date(2026, 12, 3), datetime(2026, 12, 3, 14, 0, tzinfo=UTC)),
    ]


def test_the_same_meeting_read_in_another_zone_still_gives_way(tmp_path: Path) -> None:
    # Berlin's 15:00 written in the text, read in the user's zone (London): the same meeting
    body = "Hi Alex, your interview is on Thursday 3 December at 15:00."
    berlin = calendar("UID:berlin-1", "DTSTART;TZID=Europe/Berlin:20261203T150000")
    config = config_for(tmp_path)
    status = status_after(config, [OPENING, raw(invitation_mail(berlin, body=body), "b.eml")])
    assert status.next_meeting == datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
    assert meetings_of(config, "<invite@acme.example>") == [
        (date(2026, 12, 3), datetime(2026, 12, 3, 14, 0, tzinfo=UTC))
    ]


# -------------------------------------------------------- the user's own meeting request


def own_request(organizer: str = ME, method: str = "REQUEST") -> RawMessage:
    """The user's meeting request to the recruiter, as Outlook keeps it in Sent Items."""
    ics = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            f"METHOD:{method}",
            "BEGIN:VEVENT",
            "UID:own-call-1",
            "DTSTART:20261204T110000Z",
            "SUMMARY:Call: Alex Morgan / Jane Doe",
            f"ORGANIZER:mailto:{organizer}",
            "ATTENDEE:mailto:jane@acme.example",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    data = invitation_mail(
        ics,
        subject="Call: Alex Morgan / Jane Doe",
        sender=f"Alex Morgan <{ME}>",
        body="Hi Jane, sending an invitation for our call.",
        message_id="<own-call@example.net>",
    ).replace(f"To: Alex Morgan <{ME}>".encode(), b"To: Jane Doe <jane@acme.example>")
    return raw(data, "sent.eml", sent=True)


def test_your_own_meeting_request_to_a_recruiter_is_the_processs_meeting(
    tmp_path: Path,
) -> None:
    status = status_after(config_for(tmp_path), [OPENING, own_request()])
    assert status.next_meeting == datetime(2026, 12, 4, 11, 0, tzinfo=UTC)


def test_their_invitation_you_pass_on_is_no_meeting_of_your_own_mail(tmp_path: Path) -> None:
    forwarded = own_request(organizer="someone@elsewhere.example")
    assert status_after(config_for(tmp_path / "a"), [OPENING, forwarded]).next_meeting is None
    # nor does the user's own calendar answer ("Accepted: ...") make one
    reply = own_request(method="REPLY")
    assert status_after(config_for(tmp_path / "b"), [OPENING, reply]).next_meeting is None
