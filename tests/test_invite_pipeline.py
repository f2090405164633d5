"""A calendar invitation's meeting on the board: ingest (pipeline.extract_for with
invite.with_invitation), updates and cancellations of the same event, what is not the
user's meeting, a reread from the store, and the store's migration."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime
from pathlib import Path

from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.board import load_board
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import CommitmentKind, Extraction, Origin, RawMessage
from inbox_monitor.pipeline import build_pipeline, ingest, reread_stored
from inbox_monitor.store import MIGRATIONS, Store
from inbox_monitor.track import ProcessStatus

INVITES = Path(__file__).parent / "data" / "invites"
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # after every fixture's Date
OUTLOOK_KEY = "<AM0PR02MB01234ABCD@AM0PR02MB1234.eurprd02.prod.example>"


def config_for(tmp_path: Path) -> Config:
    identity = IdentityConfig(
        addresses=frozenset({ME}), name="Alex Morgan", timezone="Europe/London", country="GB"
    )
    return Config(data_dir=tmp_path, identity=identity)


def raw(data: bytes, name: str, sent: bool = False) -> RawMessage:
    return RawMessage(data, Origin(kind="eml", path=name), sent)


def fixture(name: str) -> RawMessage:
    return raw((INVITES / name).read_bytes(), name)


# The recruiter's mail that opens the process ("[interview]": the test classifier's label)
OPENING = raw(
    eml(
        sender="Jane Doe <jane@acme.example>",
        subject="[interview] Data Engineer at Acme Analytics: next steps",
        body="Hi Alex,\n\nthe team would like to meet you for a second round. I'll send you"
        " an invitation shortly.\n\nBest,\nJane Doe\nTalent Partner, Acme Analytics",
        date=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
        message_id="<opening@acme.example>",
    ),
    "opening.eml",
)


def board(config: Config, *names: str, as_of: datetime = NOW) -> ProcessStatus:
    """The one process's status after the opening mail and the fixtures `names` (stored
    after what the store holds)."""
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    with Store(config.database_path) as store:
        ingest(store, [OPENING, *(fixture(name) for name in names)], pipeline, NOW)
        (status,) = load_board(store, config, as_of)
    return status


def test_outlooks_invitation_with_no_time_in_its_text_is_the_next_interview(
    tmp_path: Path,
) -> None:
    status = board(config_for(tmp_path), "outlook-invite.eml")
    # 14:30 "W. Europe Standard Time" is 13:30 in London
    assert status.next_meeting == datetime(2026, 12, 2, 13, 30, tzinfo=UTC)
    with Store(config_for(tmp_path).database_path) as store:
        events = store.events(status.process.id)
    assert any(
        e.kind == "meeting"
        and "calendar invitation: Interview: Alex Morgan - Data Engineer (2nd round)" in e.detail
        for e in events
    )


def test_an_update_of_the_invitation_moves_the_interview(tmp_path: Path) -> None:
    status = board(config_for(tmp_path), "outlook-invite.eml", "outlook-update.eml")
    # the same UID with a higher SEQUENCE: from Wednesday 13:30 to Thursday 08:00
    assert status.next_meeting == datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    with Store(config_for(tmp_path).database_path) as store:
        row = store.message_row("<AM0PR02MB11234ABCD@AM0PR02MB1234.eurprd02.prod.example>")
    stored = json.loads(row["invitation_json"])["events"][0]
    assert stored["earlier_start"] == "2026-12-02T13:30:00+00:00"


def test_a_cancellation_calls_the_interview_off(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    status = board(config, "outlook-invite.eml", "outlook-update.eml")
    assert status.next_meeting == datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    status = board(config, "outlook-cancel.eml")
    assert status.next_meeting is None
    assert status.next_meeting_day is None


def test_a_cancellation_without_a_time_calls_off_the_stored_version(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    assert board(config, "outlook-invite.eml").next_meeting == datetime(
        2026, 12, 2, 13, 30, tzinfo=UTC
    )
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    cancel = _without_times((INVITES / "outlook-cancel.eml").read_bytes())
    with Store(config.database_path) as store:
        ingest(store, [raw(cancel, "cancel.eml")], pipeline, NOW)
        (status,) = load_board(store, config, NOW)
    assert status.next_meeting is None


def _without_times(data: bytes) -> bytes:
    """The message with its calendar part's DTSTART and DTEND lines left out."""
    message = message_from_bytes(data, policy=default)
    assert isinstance(message, EmailMessage)
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            text = part.get_content()
            kept = "".join(
                line for line in text.splitlines(True) if not line.startswith(("DTSTART", "DTEND"))
            )
            part.set_content(kept.encode(), maintype="text", subtype="calendar", cte="base64")
    return bytes(message)


def test_googles_invitation_whose_text_gives_the_time_makes_one_meeting(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    status = board(config, "google-invite.eml", "google-reply.eml")
    assert status.next_meeting == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with Store(config.database_path) as store:
        meetings = [
            c
            for record in store.message_records(status.process.id)
            for c in record.extraction.commitments
            if c.kind == CommitmentKind.MEETING
        ]
    # the subject's " @ Tue 1 Dec 2026 10am - 11am (CET)" is the invitation's time; the
    # user's "Accepted: ..." (METHOD:REPLY) is no meeting of its own
    assert len(meetings) == 1 and not meetings[0].phrase.startswith("calendar invitation")


def invitation_mail(
    ics: str,
    *,
    subject: str = "[interview] Interview: Alex Morgan - Data Engineer",
    body: str = "Hi Alex, please find the invitation attached.",
    sender: str = "Jane Doe <jane@acme.example>",
    date: datetime = datetime(2026, 11, 23, 12, 0, tzinfo=UTC),
    list_mail: bool = False,
    message_id: str = "<invite@acme.example>",
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = f"Alex Morgan <{ME}>"
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    if list_mail:
        message["List-Unsubscribe"] = "<https://events.acme.example/unsubscribe>"
    message.set_content(body)
    message.add_alternative(ics, subtype="calendar", params={"method": "REQUEST"})
    return bytes(message)


def ics(start: str, *, attendees: tuple[str, ...] = (ME,), method: str = "REQUEST") -> str:
    lines = [
        "BEGIN:VCALENDAR",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        "UID:own-test-1",
        f"DTSTART:{start}",
        "SUMMARY:Interview",
        *(f"ATTENDEE:mailto:{address}" for address in attendees),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def board_with(config: Config, data: bytes) -> ProcessStatus:
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    with Store(config.database_path) as store:
        ingest(store, [OPENING, raw(data, "invite.eml")], pipeline, NOW)
        (status,) = load_board(store, config, NOW)
    return status


def test_when_the_text_and_the_invitation_disagree_the_invitation_wins(tmp_path: Path) -> None:
    body = "Hi Alex, your interview is confirmed for Tuesday 1 December at 10:00."
    status = board_with(config_for(tmp_path), invitation_mail(ics("20261201T110000Z"), body=body))
    assert status.next_meeting == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
    with Store(config_for(tmp_path).database_path) as store:
        record = store.message_records(status.process.id)[-1]
    # the text's 10:00 gives way: not a second meeting that day
    assert [c.at for c in record.extraction.commitments if c.kind == CommitmentKind.MEETING] == [
        datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
    ]


def test_an_invitation_to_someone_else_or_to_a_list_makes_no_meeting(tmp_path: Path) -> None:
    # the panel's own invitation passed on to the user names only the panel
    others = invitation_mail(ics("20261201T110000Z", attendees=("panel@acme.example",)))
    assert board_with(config_for(tmp_path / "a"), others).next_meeting is None
    # a tech talk sent to a list, from the same company
    talk = invitation_mail(
        ics("20261201T170000Z", attendees=(), method="PUBLISH"),
        subject="[interview] Acme Tech Talk: data at scale",
        sender="Acme Events <events@acme.example>",
        list_mail=True,
    )
    assert board_with(config_for(tmp_path / "b"), talk).next_meeting is None
    # the user's own mail with an invitation they did not organise (it names no organizer):
    # their own meeting request is (test_invite_edges)
    own = invitation_mail(ics("20261201T170000Z"), sender=f"Alex Morgan <{ME}>")
    assert board_with(config_for(tmp_path / "c"), own).next_meeting is None


def test_an_invitation_alone_opens_no_process(tmp_path: Path) -> None:
    # a webinar's invitation the classifier reads as noise: no process, no meeting
    config = config_for(tmp_path)
    webinar = invitation_mail(
        ics("20261201T170000Z", attendees=(), method="PUBLISH"),
        subject="Webinar: how to negotiate your salary",
        sender="Careers Weekly <hello@careers-weekly.example>",
    )
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    with Store(config.database_path) as store:
        ingest(store, [raw(webinar, "webinar.eml")], pipeline, NOW)
        assert store.message_row("<invite@acme.example>")["process_id"] is None
        assert load_board(store, config, NOW) == []


def test_reread_reads_the_stored_invitation(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    with Store(config.database_path) as store:
        ingest(store, [OPENING, fixture("outlook-invite.eml")], pipeline, NOW)
        # as an older version read it: no meeting (the text gives no time)
        store.set_extraction(OUTLOOK_KEY, Extraction())
        (status,) = load_board(store, config, NOW)
        assert status.next_meeting is None
        done = reread_stored(store, config)
        assert done.changed == 1
        (status,) = load_board(store, config, NOW)
    assert status.next_meeting == datetime(2026, 12, 2, 13, 30, tzinfo=UTC)


def test_a_database_of_the_previous_version_takes_invitations(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    with Store(config.database_path) as store:
        ingest(store, [OPENING], pipeline, NOW)
        store.db.execute("DROP INDEX messages_invitation_uid")
        store.db.execute("ALTER TABLE messages DROP COLUMN invitation_json")
        store.db.execute("ALTER TABLE messages DROP COLUMN invitation_uid")
        store.db.execute("ALTER TABLE processes DROP COLUMN named_by_user")  # (migration 12)
        store.db.execute("ALTER TABLE sync_state DROP COLUMN listed")  # (migration 13)
        store.db.execute("PRAGMA user_version = 10")
    with Store(config.database_path) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert {"invitation_json", "invitation_uid"} <= set(store.db["messages"].columns_dict)
        assert "messages_invitation_uid" in {i.name for i in store.db["messages"].indexes}
        # mail stored before has none
        assert store.parsed_message("<opening@acme.example>").invitation is None
        ingest(store, [fixture("outlook-invite.eml")], pipeline, NOW)
        stored = store.parsed_message(OUTLOOK_KEY).invitation
        assert stored is not None
        assert stored.events[0].start == datetime(2026, 12, 2, 13, 30, tzinfo=UTC)
        assert [key for key, _, _ in store.invitations_of(stored.events[0].uid)] == [OUTLOOK_KEY]
        (status,) = load_board(store, config, NOW)
    assert status.next_meeting == datetime(2026, 12, 2, 13, 30, tzinfo=UTC)


def test_the_stored_invitation_keeps_no_description(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    with Store(config.database_path) as store:
        ingest(store, [OPENING, fixture("google-invite.eml")], pipeline, NOW)
        row = store.message_row("<0000000000001a2b3c@google.com>")
    assert "Acme Analytics, 4 Harbour Street" in row["invitation_json"]
    assert not any("4711" in str(value) for value in row.values())


def _retitled(title: str, sender: str = "Jane Doe <jane@acme.example>") -> RawMessage:
    """The Outlook invitation under another title (its subject) from `sender`."""
    data = (INVITES / "outlook-invite.eml").read_bytes()
    old = b"Interview: Alex Morgan - Data Engineer (2nd round)"
    data = data.replace(b"Subject: " + old, b"Subject: " + title.encode())
    data = data.replace(b"Thread-Topic: " + old, b"Thread-Topic: " + title.encode())
    data = data.replace(b"From: Jane Doe <jane@acme.example>", f"From: {sender}".encode())
    return raw(data, "retitled.eml")


def _label_and_board(config: Config, message: RawMessage) -> tuple[str, ProcessStatus]:
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    with Store(config.database_path) as store:
        ingest(store, [OPENING, message], pipeline, NOW)
        label = store.message_row(OUTLOOK_KEY)["label"]
        (status,) = load_board(store, config, NOW)
    return str(label), status


def test_a_contacts_invitation_that_names_you_is_your_meeting_without_the_word_interview(
    tmp_path: Path,
) -> None:
    # a search firm's "Eleanor Hart / Sir David Pryce (Chair) - breakfast": the classifier
    # reads calendar mail as noise, and the title has no interview word
    label, status = _label_and_board(
        config_for(tmp_path), _retitled("Alex Morgan / Jane Doe - coffee")
    )
    assert label == "interview"
    assert status.next_meeting == datetime(2026, 12, 2, 13, 30, tzinfo=UTC)


def test_a_contacts_colleagues_invitation_is_your_meeting_too(tmp_path: Path) -> None:
    # the partner's assistant sends the invitation from the firm's domain
    colleague = _retitled("Alex Morgan / Jane Doe - coffee", "Sam Lee <sam.lee@acme.example>")
    label, status = _label_and_board(config_for(tmp_path), colleague)
    assert label == "interview"
    assert status.next_meeting == datetime(2026, 12, 2, 13, 30, tzinfo=UTC)


def test_an_invitation_from_no_contact_or_not_naming_you_stays_as_read(tmp_path: Path) -> None:
    stranger = _retitled("Alex Morgan / Sam Lee - coffee", "Sam Lee <sam@elsewhere.example>")
    label, status = _label_and_board(config_for(tmp_path / "a"), stranger)
    assert label == "not_recruiting"
    assert status.next_meeting is None
    label, status = _label_and_board(config_for(tmp_path / "b"), _retitled("Team lunch - Acme"))
    assert label == "not_recruiting"
    assert status.next_meeting is None


def test_a_contacts_invitation_to_an_event_of_many_stays_as_read(tmp_path: Path) -> None:
    # an agency's webinar or drinks invite names its invitee too (verification round 13)
    for number, title in enumerate(
        ("Product Leaders webinar - Alex Morgan", "Christmas drinks - Alex Morgan +1")
    ):
        label, status = _label_and_board(config_for(tmp_path / str(number)), _retitled(title))
        assert label == "not_recruiting", title
        assert status.next_meeting is None
