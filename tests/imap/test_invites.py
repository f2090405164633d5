"""Calendar invitations synced from a real Dovecot: the calendar part is fetched (BODY.PEEK:
nothing on the server changes) and read, a large one is only described, and the meeting
reaches the board as it does from an imported file."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from helpers import SubjectTagClassifier
from imapclient import IMAPClient

from inbox_monitor.board import load_board
from inbox_monitor.config import AccountConfig, Config, IdentityConfig
from inbox_monitor.imap import plan_message
from inbox_monitor.invite import MAX_CALENDAR_BYTES
from inbox_monitor.pipeline import build_pipeline
from inbox_monitor.store import Store
from inbox_monitor.sync import run_once

pytestmark = pytest.mark.imap

INVITES = Path(__file__).resolve().parent.parent / "data" / "invites"
ME = "alex.morgan@example.net"
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # after the fixtures' Dates
OUTLOOK_KEY = "<AM0PR02MB01234ABCD@AM0PR02MB1234.eurprd02.prod.example>"


def flags_and_modseq(client: IMAPClient) -> tuple[dict[int, tuple[bytes, ...]], int]:
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    flags = {uid: tuple(sorted(v[b"FLAGS"])) for uid, v in client.fetch(uids, ["FLAGS"]).items()}
    status = client.folder_status("INBOX", ["HIGHESTMODSEQ"])
    client.unselect_folder()
    return flags, int(status[b"HIGHESTMODSEQ"])


def large_invitation() -> bytes:
    """An invitation file over MAX_CALENDAR_BYTES (a huge attendee list)."""
    attendees = "".join(f"ATTENDEE:mailto:guest{n}@acme.example\r\n" for n in range(3000))
    ics = (
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:big-1\r\n"
        f"DTSTART:20261204T100000Z\r\n{attendees}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    assert len(ics) > MAX_CALENDAR_BYTES
    message = EmailMessage()
    message["From"] = "Acme Events <events@acme.example>"
    message["To"] = ME
    message["Subject"] = "All hands"
    message["Date"] = "Wed, 25 Nov 2026 10:00:00 +0000"
    message["Message-ID"] = "<big@acme.example>"
    message.set_content("See the invitation.")
    message.add_attachment(ics, maintype="application", subtype="ics", filename="invite.ics")
    return bytes(message)


def test_invitations_are_fetched_read_and_reach_the_board(
    seed: IMAPClient, account: AccountConfig, tmp_path: Path
) -> None:
    identity = IdentityConfig(
        addresses=frozenset({ME}), name="Alex Morgan", timezone="Europe/London", country="GB"
    )
    config = Config(data_dir=tmp_path, accounts=(account,), identity=identity)
    opening = EmailMessage()
    opening["From"] = "Jane Doe <jane@acme.example>"
    opening["To"] = ME
    opening["Subject"] = "[interview] Data Engineer at Acme Analytics: next steps"
    opening["Date"] = "Fri, 20 Nov 2026 10:00:00 +0000"
    opening["Message-ID"] = "<opening@acme.example>"
    opening.set_content(
        "Hi Alex,\n\nwe would like to invite you to a second interview for the Data Engineer"
        " role. I will send you a calendar invitation shortly.\n\nBest,\nJane Doe\n"
        "Talent Partner, Acme Analytics"
    )
    seed.append("INBOX", bytes(opening))
    for name in ("google-invite.eml", "outlook-invite.eml", "outlook-update.eml"):
        seed.append("INBOX", (INVITES / name).read_bytes())
    seed.append("INBOX", large_invitation(), flags=[b"\\Flagged"])
    before = flags_and_modseq(seed)

    # (the invitations are labelled by pipeline.calendar_interview: their titles name the user)
    pipeline = build_pipeline(config, SubjectTagClassifier())
    with Store(config.database_path) as store:
        results = {r.folder: r for r in run_once(config, store, pipeline, NOW)}
        assert (results["INBOX"].summary.new, results["INBOX"].summary.failed) == (5, 0)
        assert flags_and_modseq(seed) == before  # BODY.PEEK: not even \Seen

        google = store.parsed_message("<0000000000001a2b3c@google.com>")
        assert google.invitation is not None
        assert google.invitation.events[0].start == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        assert google.body.startswith("You have been invited to the following event.")
        assert "4711" not in str(store.message_row("<0000000000001a2b3c@google.com>"))
        outlook = store.parsed_message(OUTLOOK_KEY)
        assert outlook.invitation is not None
        assert outlook.invitation.events[0].start == datetime(2026, 12, 2, 13, 30, tzinfo=UTC)
        # the one over the cap is described as before: its name, type and size, no defect
        big = store.parsed_message("<big@acme.example>")
        assert big.invitation is None
        assert [(a.filename, a.content_type) for a in big.attachments] == [
            ("invite.ics", "application/ics")
        ]
        assert not any(d.startswith("calendar") for d in big.defects)

        # one process; after Google's interview on 1 December, the next is the Outlook one,
        # moved by its update from Wednesday 13:30 to Thursday 08:00
        (status,) = load_board(store, config, NOW)
        assert status.next_meeting == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        (status,) = load_board(store, config, datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
        assert status.next_meeting == datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def test_the_plan_fetches_a_small_calendar_file_and_describes_a_large_one() -> None:
    from imapclient.response_parser import parse_fetch_response

    def structure(text: bytes) -> object:
        response = parse_fetch_response([b"1 (UID 7 BODYSTRUCTURE " + text + b")"], True, True)
        return response[7][b"BODYSTRUCTURE"]

    plain = b'("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 120 4 NIL NIL NIL NIL)'

    def ics(size: int, kind: bytes = b'"application" "ics"', name: bytes = b"invite.ics") -> bytes:
        return (
            b"(" + kind + b' ("name" "' + name + b'") NIL NIL "base64" ' + str(size).encode()
            + b' NIL ("attachment" ("filename" "' + name + b'")) NIL NIL)'
        )  # fmt: skip

    small = ics(4000) + ics(4000, b'"application" "octet-stream"', b"Interview.ics")
    mixed = b"(" + plain + small + ics(200_000) + b' "mixed" ("boundary" "b1") NIL NIL NIL)'
    plan = plan_message(7, structure(mixed), 300_000)
    assert [(p.section, p.filename, p.attachment) for p in plan.text_parts] == [
        ("1", "", False),
        ("2", "invite.ics", True),
        ("3", "Interview.ics", True),
    ]
    assert [(o.filename, o.size) for o in plan.omitted] == [("invite.ics", 150_000)]
    assert base64  # (the sizes above are base64's: decoded is three quarters)
