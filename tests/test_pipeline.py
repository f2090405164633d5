from __future__ import annotations

import json
import mailbox
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from helpers import ME, NOW, SubjectTagClassifier, eml

from inbox_monitor.board import load_status
from inbox_monitor.classify import REPO_MODEL_DIR
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.errors import Refused, StoreError
from inbox_monitor.match import UNSURE_LABEL
from inbox_monitor.models import (
    Extraction,
    Label,
    Origin,
    Outcome,
    ParsedMessage,
    RawMessage,
    SenderRole,
    SourceFailure,
    Stage,
    State,
)
from inbox_monitor.parse import parse_message
from inbox_monitor.pipeline import (
    Pipeline,
    Reread,
    _names_from,
    apply_correction,
    build_pipeline,
    ingest,
    ingest_batch,
    load_index,
    move_message,
    reread_stored,
    split_messages,
)
from inbox_monitor.sources import open_source
from inbox_monitor.store import Store, StoredMessage, decode_extraction

DAY = timedelta(days=1)
START = NOW - 30 * DAY


def raw(data: bytes, path: str = "x.eml", sent: bool = False) -> RawMessage:
    return RawMessage(data, Origin(kind="eml", path=path), sent=sent)


def thread() -> list[bytes]:
    ack = eml(
        sender="Acme Careers <no-reply@acme.example>",
        subject="[acknowledgement] Your application",
        body="Thank you for applying to Acme Robotics.",
        date=START,
        message_id="<ack@acme>",
    )
    invite = eml(
        sender="Jane Doe <jane@acme.example>",
        subject="[interview] Next steps",
        body="Could we talk on Tuesday?",
        date=START + 3 * DAY,
        message_id="<inv@acme>",
        in_reply_to="<ack@acme>",
        references=["<ack@acme>"],
    )
    noise = eml(
        sender="Shop <deals@shop.example>",
        subject="Exclusive offer: 40% off",
        body="Our best offer ever.",
        date=START + 4 * DAY,
        message_id="<deal@shop>",
    )
    return [ack, invite, noise]


def in_thread(
    sender: str, subject: str, body: str, day: int, message_id: str, **more: str
) -> bytes:
    """A reply to Jane's invitation in thread(), sent `day` days after the start."""
    return eml(
        sender=sender,
        subject=subject,
        body=body,
        date=START + day * DAY,
        message_id=message_id,
        in_reply_to="<inv@acme>",
        references=["<ack@acme>", "<inv@acme>"],
        **more,
    )


def test_import_is_idempotent(config: Config, pipeline: Pipeline, tmp_path: Path) -> None:
    box = mailbox.Maildir(str(tmp_path / "Maildir"), create=True)
    for data in thread():
        box.add(data)
    with Store(config.database_path) as store:
        first = ingest(store, iter(open_source(tmp_path / "Maildir")), pipeline, NOW)
        tables = {t: store.db[t].count for t in ("messages", "processes", "events", "people")}
        second = ingest(store, iter(open_source(tmp_path / "Maildir")), pipeline, NOW)
        assert (first.new, first.known, first.failed) == (3, 0, 0)
        assert (second.new, second.known, second.failed) == (0, 3, 0)
        assert {t: store.db[t].count for t in tables} == tables


def test_thread_groups_messages_and_noise_opens_nothing(config: Config, pipeline: Pipeline) -> None:
    with Store(config.database_path) as store:
        ingest(store, [raw(d, f"{i}.eml") for i, d in enumerate(thread())], pipeline, NOW)
        (process,) = store.processes()
        records = store.message_records(process.id)
        assert [r.label for r in records] == [Label.ACKNOWLEDGEMENT, Label.INTERVIEW]
        noise = store.message_row("<deal@shop>")
        assert noise["process_id"] is None


def test_same_message_in_two_folders_is_one_message(config: Config, pipeline: Pipeline) -> None:
    data = thread()[1]
    copy_with_transport_header = (
        b"Received: from mx.example by mx2.example; Mon, 2 Nov 2026\r\n" + data
    )
    with Store(config.database_path) as store:
        summary = ingest_batch(
            store,
            [
                RawMessage(
                    data, Origin(kind="imap", account="a", folder="INBOX", uidvalidity=1, uid=5)
                ),
                RawMessage(
                    copy_with_transport_header,
                    Origin(
                        kind="imap", account="a", folder="[Gmail]/All Mail", uidvalidity=9, uid=77
                    ),
                ),
            ],
            pipeline,
            NOW,
        )
        assert (summary.new, summary.known) == (1, 1)
        assert store.db["messages"].count == 1
        assert store.db["message_locations"].count == 2


@pytest.mark.parametrize("date", ["Thu, 1 Jan 1970 00:00:00 +0000", None])
def test_copies_of_a_message_without_a_usable_date_are_one_message(
    config: Config, pipeline: Pipeline, date: str | None
) -> None:
    """Each copy's date comes from its own Received header, or the time it was read."""
    message = EmailMessage()
    message["From"] = "Jane Doe <jane@acme.example>"
    message["To"] = ME
    message["Subject"] = "[interview] Next steps"
    message["Message-ID"] = "<clock-at-zero@acme>"
    if date is not None:
        message["Date"] = date
    message.set_content("Could we talk on Tuesday?")
    data = message.as_bytes()

    def delivered(day: int) -> bytes:
        hop = f"Received: from relay by mx.example; Mon, {day} Nov 2026 10:00:00 +0000\r\n"
        return hop.encode() + data

    with Store(config.database_path) as store:
        first = ingest_batch(store, [raw(delivered(2), "inbox.eml")], pipeline, NOW)
        again = ingest_batch(store, [raw(delivered(3), "all-mail.eml")], pipeline, NOW + DAY)
        assert (first.new, again.new, again.known) == (1, 0, 1)
        assert store.db["messages"].count == 1
        assert store.db["message_locations"].count == 2


def test_different_messages_reusing_a_message_id_are_both_kept(
    config: Config, pipeline: Pipeline
) -> None:
    one = eml(
        sender="a@x.example", subject="Hello", body="first", date=START, message_id="<same@x>"
    )
    two = eml(
        sender="b@y.example", subject="Other", body="second", date=START, message_id="<same@x>"
    )
    with Store(config.database_path) as store:
        summary = ingest(store, [raw(one, "1.eml"), raw(two, "2.eml")], pipeline, NOW)
        assert summary.new == 2
        keys = sorted(r["message_key"] for r in store.db["messages"].rows)
        assert keys[0] == "<same@x>" and keys[1].startswith("<same@x>#")


def test_bad_input_is_quarantined_and_the_batch_goes_on(config: Config, pipeline: Pipeline) -> None:
    items = [
        raw(b"", "empty.eml"),
        raw(b"\x00\x01\x02\xff" * 500, "binary.eml"),
        SourceFailure(Origin(kind="eml", path="unreadable.eml"), "permission denied"),
        raw(thread()[0], "good.eml"),
    ]
    with Store(config.database_path) as store:
        summary = ingest(store, items, pipeline, NOW)
        assert (summary.new, summary.failed) == (1, 3)
        reasons = {row["origin"]: row["reason"] for row in store.quarantined()}
        assert set(reasons) == {"empty.eml", "binary.eml", "unreadable.eml"}
        assert reasons["unreadable.eml"] == "permission denied"


def test_a_subject_in_utf7_is_stored_like_any_other(config: Config, pipeline: Pipeline) -> None:
    # UTF-7 and unicode_escape decode to lone surrogates, which SQLite refuses: one such
    # message used to roll back its batch on every sync, and the mailbox stopped there
    data = thread()[1].replace(b"Subject: [interview] Next steps", b"Subject: =?utf-7?q?+2AA-?=")
    with Store(config.database_path) as store:
        summary = ingest(store, [raw(thread()[0], "1.eml"), raw(data, "2.eml")], pipeline, NOW)
        assert (summary.new, summary.failed) == (2, 0)
        assert store.message_row("<inv@acme>")["subject"] == "\ufffd"


class _Unstorable(Exception):
    pass


def _write_refusing(error: type[Exception], subject: str) -> Callable[..., None]:
    write = Store.write_message

    def refusing(self: Store, stored: StoredMessage, now: datetime) -> None:
        if stored.message.subject == subject:
            raise error("the subject of the mail: private")
        write(self, stored, now)

    return refusing


def test_a_message_the_store_cannot_take_is_kept_and_its_batch_goes_on(
    config: Config, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    opener, _boom = opener_and_boom()
    other = eml(
        sender="Sam <sam@globex.example>",
        subject="[interview] A call?",
        body="Tuesday?",
        date=START,
        message_id="<call@globex>",
    )
    # it fails after its match opened a process: the process must go with it
    monkeypatch.setattr(
        Store, "write_message", _write_refusing(_Unstorable, "[outreach] A role at Acme")
    )
    with Store(config.database_path) as store:
        summary = ingest(
            store, [raw(opener, "1.eml"), raw(other, "2.eml"), raw(opener, "3.eml")], pipeline, NOW
        )
        assert (summary.new, summary.known, summary.failed) == (1, 1, 1)
        assert summary.errors == ("1.eml: could not be stored; kept with its bytes (_Unstorable)",)
        (kept,) = store.quarantined()
        assert store.quarantined_raw(kept["id"]) == opener
        (process,) = store.processes()
        assert process.company == "Globex"
        assert [m.message_id for m in store.message_records(process.id)] == ["<call@globex>"]
        with pytest.raises(StoreError):
            store.message_row("<open@acme>")
        monkeypatch.undo()  # the next import reads it: the cached index names no undone process
        assert ingest(store, [raw(opener, "1.eml")], pipeline, NOW).new == 1
        assert len(store.processes()) == 2


def test_a_database_fault_fails_the_whole_batch(
    config: Config, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the database, not the message: nothing is quarantined, and the batch is tried again
    opener, _boom = opener_and_boom()
    refusing = _write_refusing(sqlite3.OperationalError, "[outreach] A role at Acme")
    monkeypatch.setattr(Store, "write_message", refusing)
    with Store(config.database_path) as store:
        with pytest.raises(sqlite3.OperationalError):
            ingest(store, [raw(thread()[0], "1.eml"), raw(opener, "2.eml")], pipeline, NOW)
        assert store.quarantined() == [] and store.db["messages"].count == 0


def test_a_place_read_fine_since_leaves_the_quarantine(config: Config, pipeline: Pipeline) -> None:
    # an unreadable file, later readable, stayed in `errors` as failed for good
    ack, invite, _noise = thread()
    mbox = Origin(kind="mbox", path="all.mbox", position=2)
    with Store(config.database_path) as store:
        ingest(
            store,
            [
                SourceFailure(Origin(kind="eml", path="a.eml"), "unreadable: PermissionError"),
                SourceFailure(mbox, "message too large to read (9 bytes)", b"From: x"),
            ],
            pipeline,
            NOW,
        )
        assert len(store.quarantined()) == 2
        summary = ingest(store, [raw(ack, "a.eml"), RawMessage(invite, mbox)], pipeline, NOW)
        assert summary.new == 2
        # an mbox's position may hold another message since: its failure stays
        assert [row["origin"] for row in store.quarantined()] == ["all.mbox message 2"]


def test_user_label_survives_reimport_after_uidvalidity_change(
    config: Config, pipeline: Pipeline
) -> None:
    data = thread()[1]
    with Store(config.database_path) as store:
        ingest(
            store,
            [
                RawMessage(
                    data, Origin(kind="imap", account="a", folder="INBOX", uidvalidity=1, uid=1)
                )
            ],
            pipeline,
            NOW,
        )
        store.record_feedback("<inv@acme>", Label.REQUEST, NOW)
        again = ingest(
            store,
            [
                RawMessage(
                    data, Origin(kind="imap", account="a", folder="INBOX", uidvalidity=2, uid=1)
                )
            ],
            pipeline,
            NOW,
        )
        assert again.known == 1
        row = store.message_row("<inv@acme>")
        assert (row["label"], row["label_source"]) == ("request", "user")
        assert store.feedback_examples() == [("[interview] Next steps", row["new_text"], "request")]


def test_a_label_an_older_version_kept_for_your_own_mail_is_not_learned(
    config: Config, pipeline: Pipeline
) -> None:
    own = eml(
        sender=f"Alex <{ME}>",
        subject="Re: Next steps",
        body="Tuesday works.",
        date=START + 4 * DAY,
        message_id="<mine@me>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(thread()[1], "1.eml"), raw(own, "2.eml")], pipeline, NOW)
        store.record_feedback("<mine@me>", Label.REJECTION, NOW)  # as `label` once allowed
        store.record_feedback("<inv@acme>", Label.REQUEST, NOW)
        assert [label for *_, label in store.feedback_examples()] == ["request"]


def test_low_confidence_message_waits_for_review(config: Config, pipeline: Pipeline) -> None:
    unsure = eml(
        sender="someone@agency.example",
        subject="[outreach 0.3] A role for you",
        body="Interested in a chat?",
        date=START,
        message_id="<unsure@x>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(unsure)], pipeline, NOW)
        assert store.processes() == []
        (item,) = store.open_reviews()
        assert item["message_key"] == "<unsure@x>"
        assert "confidence" in item["reason"]


def test_sent_follow_up_joins_the_process(config: Config, pipeline: Pipeline) -> None:
    follow_up = in_thread(
        f"Alex Morgan <{ME}>",
        "Re: Next steps",
        "Just checking in.",
        10,
        "<fu@me>",
        to="Jane Doe <jane@acme.example>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(d, f"{i}.eml") for i, d in enumerate(thread())], pipeline, NOW)
        ingest(store, [raw(follow_up, "sent.eml", sent=True)], pipeline, NOW)
        row = store.message_row("<fu@me>")
        assert row["direction"] == "outbound"
        assert row["process_id"] == store.processes()[0].id


RAW_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "raw"


@pytest.mark.skipif(not RAW_CORPUS.is_dir(), reason="../shared/corpus/raw is not beside the repo")
def test_every_raw_corpus_file_goes_through_the_importer(
    config: Config, pipeline: Pipeline
) -> None:
    files = [p for p in RAW_CORPUS.iterdir() if p.is_file() and not p.name.startswith(".")]
    with Store(config.database_path) as store:
        summary = ingest(store, iter(open_source(RAW_CORPUS)), pipeline, NOW)
        assert summary.new + summary.known + summary.failed == len(files)
        failures = [i for i in open_source(RAW_CORPUS) if isinstance(i, SourceFailure)]
        assert summary.failed == len(failures)
        # whatever failed is kept with its bytes (the same bytes once): nothing is lost
        assert len(store.quarantined()) == len({failure.data for failure in failures})
    # refused: what is empty or has no header block, as the parser reads it (the
    # reply-parser fixtures are a body alone), and only such text besides: no sender and no
    # subject ("One: Here's what I've got." looks like a header field to the parser)
    refused = {Path(failure.origin.path or "").name: failure for failure in failures}
    parsed = {path.name: _parsed(path.read_bytes()) for path in files}
    headerless = {name for name, message in parsed.items() if message is None}
    assert headerless <= set(refused)
    for name in set(refused) - headerless:
        message = parsed[name]
        assert message is not None and message.sender is None and not message.subject, name


def _parsed(data: bytes) -> ParsedMessage | None:
    """The parser's reading of a corpus file; None when it is empty or has no header block."""
    if not data.strip():
        return None
    message = parse_message(data, received_at=NOW)
    return None if "no-headers" in message.defects else message


class ExplodingClassifier(SubjectTagClassifier):
    """Fails on any batch that holds an "explode" message; once `broken`, on every batch."""

    broken = False

    def classify(self, items):  # type: ignore[no-untyped-def]
        if self.broken or any("explode" in i.subject for i in items):
            raise RuntimeError("model crashed")
        return super().classify(items)


def opener_and_boom() -> tuple[bytes, bytes]:
    """An outreach that opens a process, and a message ExplodingClassifier fails on."""
    opener = eml(
        sender="Jane <jane@acme.example>",
        subject="[outreach] A role at Acme",
        body="Hello",
        date=START,
        message_id="<open@acme>",
    )
    boom = eml(sender="x@y.example", subject="explode", body="!", date=START, message_id="<b@y>")
    return opener, boom


def test_a_message_that_breaks_the_classifier_is_kept_for_review_and_its_batch_goes_on(
    config: Config,
) -> None:
    pipeline = build_pipeline(config, classifier=ExplodingClassifier())
    opener, boom = opener_and_boom()
    with Store(config.database_path) as store:
        summary = ingest_batch(store, [raw(opener, "1.eml"), raw(boom, "2.eml")], pipeline, NOW)
        assert (summary.new, summary.failed) == (2, 0)
        assert summary.errors == ()  # nothing failed: it is stored, unlabelled
        assert summary.held == (
            "2.eml: the classifier failed on this message; kept, waiting for review",
        )
        (process,) = store.processes()  # the rest of the batch was read as usual
        assert [m.message_id for m in store.message_records(process.id)] == ["<open@acme>"]
        row = store.message_row("<b@y>")
        assert (row["label"], row["confidence"], row["process_id"]) == ("not_recruiting", 0.0, None)
        (review,) = store.open_reviews()
        assert (review["message_key"], review["reason"]) == (
            row["message_key"],
            "the classifier failed on this message; kept, waiting for review",
        )


def test_a_failed_batch_leaves_no_trace_and_no_stale_index(config: Config) -> None:
    # a classifier that fails on every message is the classifier's fault: the batch fails
    classifier = ExplodingClassifier()
    classifier.broken = True
    pipeline = build_pipeline(config, classifier=classifier)
    opener, boom = opener_and_boom()
    with Store(config.database_path) as store:
        with pytest.raises(RuntimeError):
            ingest_batch(store, [raw(opener, "1.eml"), raw(boom, "2.eml")], pipeline, NOW)
        assert store.db["messages"].count == 0 and store.processes() == []
        classifier.broken = False
        # the cached index must not point at the rolled-back process
        reply = eml(
            sender="Jane <jane@acme.example>",
            subject="[interview] Call?",
            body="Tuesday?",
            date=START + DAY,
            message_id="<r@acme>",
            in_reply_to="<open@acme>",
        )
        summary = ingest(store, [raw(opener, "1.eml"), raw(reply, "3.eml")], pipeline, NOW)
        assert summary.new == 2
        (process,) = store.processes()
        assert len(store.message_records(process.id)) == 2


def test_a_callers_rollback_around_a_good_batch_drops_the_cached_index(
    config: Config, pipeline: Pipeline
) -> None:
    ack, invite, _noise = thread()
    with Store(config.database_path) as store:
        with pytest.raises(RuntimeError), store.transaction():
            ingest_batch(store, [raw(ack, "1.eml")], pipeline, NOW)  # opens a process
            raise RuntimeError("checkpoint write failed")  # e.g. the IMAP UID checkpoint
        assert store.processes() == []
        summary = ingest(store, [raw(invite, "2.eml")], pipeline, NOW)  # replies to <ack@acme>
        assert summary.new == 1
        row = store.message_row("<inv@acme>")
        assert row["process_id"] is not None
        assert store.process(row["process_id"]) is not None


def test_the_users_own_mail_never_waits_for_review(config: Config, pipeline: Pipeline) -> None:
    mine = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Jane <jane@acme.example>",
        subject="[outreach 0.2] Re: Next steps",
        body="Thanks, Tuesday works.",
        date=START + 4 * DAY,
        message_id="<mine@me>",
        in_reply_to="<inv@acme>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(d, f"{i}.eml") for i, d in enumerate(thread())], pipeline, NOW)
        ingest(store, [raw(mine, "sent.eml", sent=True)], pipeline, NOW)
        assert store.message_row("<mine@me>")["process_id"] is not None
        assert [r["message_key"] for r in store.open_reviews()] == []


def test_a_stored_message_reads_back_as_the_parser_gave_it(
    config: Config, pipeline: Pipeline
) -> None:
    data = eml(
        sender="Jane Doe <jane@acme.example>",
        subject="[interview] Next steps",
        body="Could we talk on Tuesday?\n\n> On Monday you wrote:\n> hello\n\n--\nJane Doe\nAcme",
        date=datetime(2026, 11, 2, 9, 30, tzinfo=timezone(timedelta(hours=-5))),
        message_id="<rt@acme>",
        in_reply_to="<ack@acme>",
        references=["<ack@acme>"],
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(data)], pipeline, NOW)
        back = store.parsed_message("<rt@acme>")
    parsed = parse_message(data, own_addresses=frozenset({ME}), received_at=NOW)
    assert back == parsed
    assert back.date.utcoffset() == timedelta(hours=-5)  # "by Friday" is read in their zone


def _noise_update(message_id: str, sender: str, subject: str, body: str) -> bytes:
    """A message the (test) classifier reads as noise: its subject has no label tag."""
    return eml(
        sender=sender, subject=subject, body=body, date=START + 5 * DAY, message_id=message_id
    )


def _initech_invite() -> bytes:
    """An invitation from a company with no process yet, which the classifier reads as noise."""
    return _noise_update(
        "<inv@initech>",
        "Lee Park <lee@initech.example>",
        "Hello",
        "Would Thursday work for a first call?\n\nLee Park\nTalent Partner, Initech",
    )


def test_a_noise_message_corrected_to_recruiting_mail_joins_the_process_of_its_sender(
    config: Config, pipeline: Pipeline
) -> None:
    update = _noise_update(
        "<upd@acme>",
        "Jane Doe <jane@acme.example>",
        "Quick update",
        "The panel meets again next week; we will come back to you by 20 November.",
    )
    with Store(config.database_path) as store:
        ingest(
            store, [raw(d, f"{i}.eml") for i, d in enumerate([*thread(), update])], pipeline, NOW
        )
        (process,) = store.processes()
        assert store.message_row("<upd@acme>")["process_id"] is None  # read as noise
        (waiting,) = store.open_reviews()  # but from Jane, who is in the process: the user decides
        assert waiting["message_key"] == "<upd@acme>"
        assert waiting["reason"] == f"from a contact of #{process.id}, read as noise"

        done = apply_correction(store, config, "<upd@acme>", Label.DELAY, NOW)

        assert (done.action, done.process_id, done.previous) == (
            "attached",
            process.id,
            Label.NOT_RECRUITING,
        )
        (record,) = [r for r in store.message_records(process.id) if r.key == "<upd@acme>"]
        assert (record.label, record.label_source) == (Label.DELAY, "user")
        # read for its promise now, as the import would have read recruiting mail
        assert record.extraction.promise is not None
        assert record.extraction.promise.due == date(2026, 11, 20)
        events = {
            (e.kind, e.rule) for e in store.events(process.id) if e.message_key == "<upd@acme>"
        }
        assert {("delay", "user"), ("matched", "match:contact"), ("user_label", "user")} <= events
        assert store.open_reviews() == []


def test_a_corrected_message_of_no_known_process_opens_one(
    config: Config, pipeline: Pipeline
) -> None:
    invite = _initech_invite()
    with Store(config.database_path) as store:
        ingest(store, [raw(invite)], pipeline, NOW)
        assert store.processes() == []
        done = apply_correction(store, config, "<inv@initech>", Label.INTERVIEW, NOW)
        (process,) = store.processes()
        assert (done.action, done.process_id) == ("opened", process.id)
        assert process.company == "Initech"
        assert [r.key for r in store.message_records(process.id)] == ["<inv@initech>"]


def test_correcting_a_message_in_a_process_keeps_it_there_and_says_so_on_the_timeline(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        ingest(store, [raw(d, f"{i}.eml") for i, d in enumerate(thread())], pipeline, NOW)
        (process,) = store.processes()
        done = apply_correction(store, config, "<inv@acme>", Label.OFFER, NOW)
        assert (done.action, done.process_id) == ("kept", process.id)
        (event,) = [e for e in store.events(process.id) if e.kind == "user_label"]
        assert (event.message_key, event.at, event.rule) == ("<inv@acme>", NOW, "user")
        assert "interview \u2192 offer" in event.detail
        assert store.message_row("<inv@acme>")["label"] == "offer"


def test_a_correction_that_names_no_recruiting_news_opens_nothing(
    config: Config, pipeline: Pipeline
) -> None:
    noise = _noise_update("<deal@shop>", "Shop <deals@shop.example>", "Sale", "40% off.")
    with Store(config.database_path) as store:
        ingest(store, [raw(noise, "n.eml")], pipeline, NOW)
        done = apply_correction(store, config, "<deal@shop>", Label.NOT_RECRUITING, NOW)
        assert (done.action, done.process_id) == ("none", None)
        assert store.processes() == []


def test_a_label_for_the_users_own_mail_is_refused_and_nothing_is_stored(
    config: Config, pipeline: Pipeline
) -> None:
    # the user's own mail has no label that counts: "rejection" on the user's reply would
    # change nothing on the board, yet was kept as training feedback
    reply = in_thread(f"Alex Morgan <{ME}>", "Re: Next steps", "Tuesday works.", 4, "<re@me>")
    lunch = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Sam <sam@friends.example>",
        subject="Lunch?",
        body="Saturday at noon?",
        date=START,
        message_id="<lunch@me>",
    )
    with Store(config.database_path) as store:
        items = [raw(d, f"{i}.eml") for i, d in enumerate(thread())]
        ingest(
            store,
            [*items, raw(reply, "r.eml", sent=True), raw(lunch, "l.eml", sent=True)],
            pipeline,
            NOW,
        )
        (process,) = store.processes()
        assert store.message_row("<re@me>")["process_id"] == process.id
        before = (
            store.events(process.id),
            store.board_version(),
            load_status(store, config, process.id, NOW),
        )
        number = store.message_row("<re@me>")["id"]
        with pytest.raises(
            Refused,
            match=rf"#{number} is your own mail: its label changes nothing; to close process"
            rf" #{process.id}, use `close {process.id} --outcome rejected\|",
        ):
            apply_correction(store, config, "<re@me>", Label.REJECTION, NOW)
        with pytest.raises(
            Refused, match="your own mail: its label changes nothing, and it is in no process"
        ):
            apply_correction(store, config, "<lunch@me>", Label.INTERVIEW, NOW)
        assert store.feedback_examples() == []
        for key in ("<re@me>", "<lunch@me>"):
            assert store.message_row(key)["label_source"] == "model"
        after = (
            store.events(process.id),
            store.board_version(),
            load_status(store, config, process.id, NOW),
        )
        assert after == before
        assert store.processes() == [process]


def test_an_ingest_that_keeps_its_index_sees_processes_changed_outside_it(
    config: Config, pipeline: Pipeline
) -> None:
    invite = _initech_invite()
    reply = eml(
        sender="Scheduling <bookings@calendly-like.example>",
        subject="[interview] Re: Hello",
        body="Your call is booked for Thursday at 3pm.",
        date=START + 6 * DAY,
        message_id="<booked@x>",
        in_reply_to="<inv@initech>",
        references=["<inv@initech>"],
    )
    with Store(config.database_path) as daemon_store:
        ingest(daemon_store, [raw(invite)], pipeline, NOW)  # the pipeline now holds an index
        with Store(config.database_path) as cli_store:  # the CLI, in another connection
            done = apply_correction(cli_store, config, "<inv@initech>", Label.INTERVIEW, NOW)
        ingest(daemon_store, [raw(reply)], pipeline, NOW)
        assert [p.id for p in daemon_store.processes()] == [done.process_id]
        assert daemon_store.message_row("<booked@x>")["process_id"] == done.process_id


def test_after_a_merge_made_elsewhere_a_reply_joins_the_process_that_remains(
    config: Config, pipeline: Pipeline
) -> None:
    other = eml(
        sender="Priya Shah <priya@talentbridge.example>",
        subject="[outreach] A role for you",
        body="I have a client looking for a data analyst. Worth a call?",
        date=START + DAY,
        message_id="<tb@agency>",
    )
    reply = eml(
        sender="Priya Shah <priya.shah@talentbridge-mail.example>",
        subject="[interview] Re: A role for you",
        body="They would like to meet you on Tuesday.",
        date=START + 8 * DAY,
        message_id="<tb2@agency>",
        in_reply_to="<tb@agency>",
        references=["<tb@agency>"],
    )
    with Store(config.database_path) as daemon_store:
        items = [raw(d, f"{i}.eml") for i, d in enumerate([*thread(), other])]
        ingest(daemon_store, items, pipeline, NOW)
        acme, agency = (p.id for p in daemon_store.processes())
        # `inbox-monitor merge`, in another connection
        with Store(config.database_path) as cli_store, cli_store.transaction():
            cli_store.move_messages(agency, acme)
            cli_store.update_process(agency, merged_into=acme)
            cli_store.board_changed()
        ingest(daemon_store, [raw(reply)], pipeline, NOW)
        assert daemon_store.message_row("<tb2@agency>")["process_id"] == acme
        assert [p.id for p in daemon_store.processes()] == [acme]


def test_a_split_takes_the_moved_messages_senders_along_as_contacts(
    config: Config, pipeline: Pipeline
) -> None:
    sam = in_thread(
        "Sam Lee <sam@acme.example>",
        "[delay] Re: Next steps",
        "The panel needs another week.",
        5,
        "<sam@acme>",
    )
    again = eml(
        sender="Sam Lee <sam@acme.example>",
        subject="[interview] Re: Next steps",
        body="Could you do Monday instead?",
        date=START + 6 * DAY,
        message_id="<sam2@acme>",
        in_reply_to="<sam@acme>",
        references=["<ack@acme>", "<inv@acme>", "<sam@acme>"],
    )
    with Store(config.database_path) as store:
        items = [raw(d, f"{i}.eml") for i, d in enumerate([*thread(), sam, again])]
        ingest(store, items, pipeline, NOW)
        (source,) = store.processes()
        assert {p["email"] for p in store.process_people(source.id)} == {
            "jane@acme.example",
            "sam@acme.example",
        }
        new = store.create_process("Acme Robotics", None, None, START, "<inv@acme>")
        for key in ("<inv@acme>", "<sam@acme>"):
            store.set_message_process(key, new)
        store.move_contacts(source.id, new, ["jane@acme.example", "sam@acme.example"])
        # Jane wrote nothing that stayed; Sam did, so he is in both (a later mail is a tie)
        assert {p["email"] for p in store.process_people(new)} == {
            "jane@acme.example",
            "sam@acme.example",
        }
        assert {p["email"] for p in store.process_people(source.id)} == {"sam@acme.example"}


def _oakridge_and_tern() -> list[RawMessage]:
    """Two recruiters about a Data Analyst role, one process each: Oakridge Media's own
    recruiter, and an agency's (Elm Street Talent) for its client Tern Capital, with the
    user's reply to the agency (the scenario ambiguous-tie)."""
    oakridge = eml(
        sender="Sam Patel <sam.patel@oakridgemedia.example>",
        subject="[outreach] Data Analyst role at Oakridge Media",
        body="Hi Alex,\n\nI'm the in-house recruiter at Oakridge Media. We're hiring a Data"
        " Analyst for our audience team. Would you be open to a chat?\n\nSam Patel\n"
        "Talent Acquisition, Oakridge Media\n",
        date=START,
        message_id="<oak@oakridge>",
    )
    tern = eml(
        sender="Samantha Hughes <samantha.hughes@elmstreet-talent.example>",
        subject="[outreach] Data Analyst - Tern Capital (asset manager), City of London",
        body="Hello Alex,\n\nI'm working with Tern Capital, a mid-sized asset manager in the"
        " City, on a Data Analyst hire. Would you like to hear more?\n\nKind regards,\n"
        "Samantha Hughes\nConsultant | Elm Street Talent\n+44 20 7946 0263\n",
        date=START + DAY,
        message_id="<tern@elmstreet>",
    )
    reply = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Samantha Hughes <samantha.hughes@elmstreet-talent.example>",
        subject="Re: Data Analyst - Tern Capital (asset manager), City of London",
        body="Hello Samantha,\n\nYes please - could you send over the job description?\n",
        date=START + DAY + timedelta(hours=9),
        message_id="<re-tern@me>",
        in_reply_to="<tern@elmstreet>",
        references=["<tern@elmstreet>"],
    )
    return [raw(oakridge, "1.eml"), raw(tern, "2.eml"), raw(reply, "3.eml", sent=True)]


def _names(store: Store, process_id: int) -> tuple[str | None, str | None, str | None]:
    process = store.process(process_id)
    return (process.company, process.role, process.agency)


def _merge(store: Store, other: int, target: int) -> None:
    """`inbox-monitor merge TARGET OTHER`."""
    with store.transaction():
        store.move_messages(other, target)
        store.update_process(other, merged_into=target)
        store.board_changed()


TERN = ("Tern Capital", "Data Analyst", "Elm Street Talent")
OAKRIDGE = ("Oakridge Media", "Data Analyst", None)


def test_a_split_names_the_new_process_from_the_messages_moved_into_it(
    config: Config, pipeline: Pipeline
) -> None:
    # split undoes a wrong merge: the new process was named Oakridge Media with no role
    # (the old process's company and agency), holding only Tern Capital's mail
    with Store(config.database_path) as store:
        ingest(store, _oakridge_and_tern(), pipeline, NOW)
        oakridge, tern = (p.id for p in store.processes())
        assert (_names(store, oakridge), _names(store, tern)) == (OAKRIDGE, TERN)
        _merge(store, tern, oakridge)
        version = store.board_version()
        done = split_messages(
            store, oakridge, ["<tern@elmstreet>", "<re-tern@me>", "<tern@elmstreet>"], NOW
        )
        assert (done.source, done.moved, done.renamed) == (oakridge, 2, {})
        assert (done.new, done.revived) == (tern, True)  # its own number again
        assert _names(store, done.new) == TERN
        assert done.names == dict(zip(("company", "role", "agency"), TERN, strict=True))
        assert _names(store, oakridge) == OAKRIDGE  # what the messages left still name
        assert [r.key for r in store.message_records(done.new)] == [
            "<tern@elmstreet>",
            "<re-tern@me>",
        ]
        assert [r.key for r in store.message_records(oakridge)] == ["<oak@oakridge>"]
        assert {p["email"] for p in store.process_people(done.new)} == {
            "samantha.hughes@elmstreet-talent.example"
        }
        assert store.board_version() == version + 1
        (said,) = [e.detail for e in store.events(done.new) if e.kind == "user_split"]
        assert said == (
            f"split from #{oakridge}, the merge into it undone; company Tern Capital,"
            " role Data Analyst, agency Elm Street Talent"
        )
        assert [e.kind for e in store.events(tern)].count("opened") == 1
        assert store.process(tern).merged_into is None
        # the next mail from the agency finds its process by the names, as before the merge
        assert load_index(store).processes[done.new].agency_key == "elmstreet"


def test_a_split_renames_the_process_it_leaves_when_only_the_moved_messages_named_it(
    config: Config, pipeline: Pipeline
) -> None:
    # the other way round: Oakridge Media's mail is split out of the merged process, which
    # is left holding Tern Capital's mail under Oakridge Media's name
    with Store(config.database_path) as store:
        ingest(store, _oakridge_and_tern(), pipeline, NOW)
        oakridge, tern = (p.id for p in store.processes())
        _merge(store, tern, oakridge)
        done = split_messages(store, oakridge, ["<oak@oakridge>"], NOW)
        assert _names(store, done.new) == OAKRIDGE
        assert _names(store, oakridge) == TERN
        # the role, which Tern Capital's mail gives too, was kept
        assert done.renamed == {"company": "Tern Capital", "agency": "Elm Street Talent"}
        (said,) = [e.detail for e in store.events(oakridge) if e.kind == "user_split"]
        assert said == (
            f"1 message(s) moved to #{done.new}; named anew from the messages left:"
            " company Tern Capital, agency Elm Street Talent"
        )


def test_a_split_that_would_empty_its_process_or_take_mail_from_another_is_refused(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        ingest(store, _oakridge_and_tern(), pipeline, NOW)
        _, tern = (p.id for p in store.processes())
        before = (store.processes(), store.events(tern), store.board_version())
        # every message out: an empty process, shown by history as "stage applied, state active"
        with pytest.raises(Refused, match=f"that is every message of #{tern}: .*use `merge`"):
            split_messages(store, tern, ["<tern@elmstreet>", "<re-tern@me>"], NOW)
        with pytest.raises(Refused, match=f"every message must belong to #{tern}"):
            split_messages(store, tern, ["<tern@elmstreet>", "<oak@oakridge>"], NOW)
        with pytest.raises(StoreError, match="no message"):
            split_messages(store, tern, ["<nope@x>"], NOW)
        assert (store.processes(), store.events(tern), store.board_version()) == before
        assert store.message_row("<re-tern@me>")["process_id"] == tern


def _two_roles_from_one_recruiter() -> list[bytes]:
    """Acme's thread, in which Priya (an agency recruiter) also writes; her own thread about
    Globex; then a message from her naming neither: she is a contact of both, a tie."""

    def from_priya(message_id: str, subject: str, body: str, day: int, **thread: object) -> bytes:
        return eml(
            sender="Priya Shah <priya.shah.recruits@gmail.com>",
            subject=subject,
            body=f"{body}\n\nPriya",
            date=START + day * DAY,
            message_id=message_id,
            **thread,  # type: ignore[arg-type]
        )

    return [
        *thread(),
        from_priya("<p1@tb>", "[outreach] Data Analyst at Globex", "Globex need an analyst.", 1),
        from_priya(
            "<p2@tb>",
            "[request] Re: Next steps",
            "Acme asked me to collect your references.",
            4,
            in_reply_to="<inv@acme>",
            references=["<ack@acme>", "<inv@acme>"],
        ),
        from_priya(
            "<p3@tb>", "[interview] Next week", "They would like to meet you on Tuesday.", 6
        ),
    ]


def test_a_tie_from_the_review_list_can_be_put_into_the_right_process(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        items = [raw(d, f"{i}.eml") for i, d in enumerate(_two_roles_from_one_recruiter())]
        ingest(store, items, pipeline, NOW)
        acme, globex = (p.id for p in store.processes())
        (waiting,) = store.open_reviews()
        assert (waiting["message_key"], waiting["candidates_json"]) == (
            "<p3@tb>",
            f"[{acme}, {globex}]",
        )
        done = move_message(store, config, "<p3@tb>", globex, NOW)
        assert done == f"put <p3@tb> into #{globex}"
        assert store.open_reviews() == []
        assert store.message_row("<p3@tb>")["process_id"] == globex
        kinds = {e.kind for e in store.events(globex) if e.message_key == "<p3@tb>"}
        assert {"interview", "matched", "user_move"} <= kinds
        assert store.message_row("<p3@tb>")["extraction_json"] != "{}"


def test_a_message_in_the_wrong_process_moves_with_its_timeline(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        items = [raw(d, f"{i}.eml") for i, d in enumerate(_two_roles_from_one_recruiter()[:4])]
        ingest(store, items, pipeline, NOW)
        acme, globex = (p.id for p in store.processes())
        assert move_message(store, config, "<inv@acme>", globex, NOW) == (
            f"moved <inv@acme> from #{acme} to #{globex}"
        )
        assert store.message_row("<inv@acme>")["process_id"] == globex
        assert "interview" in {
            e.kind for e in store.events(globex) if e.message_key == "<inv@acme>"
        }
        assert [e.kind for e in store.events(acme) if e.kind == "user_move"] == ["user_move"]
        # Jane wrote nothing else to Acme: she is Globex's contact now
        assert "jane@acme.example" in {p["email"] for p in store.process_people(globex)}
        assert "jane@acme.example" not in {p["email"] for p in store.process_people(acme)}
        assert move_message(store, config, "<inv@acme>", globex, NOW).endswith("already in #2")


def test_a_correction_that_ends_in_a_tie_puts_the_message_back_on_the_review_list(
    config: Config, pipeline: Pipeline
) -> None:
    messages = _two_roles_from_one_recruiter()
    noise = messages[-1].replace(b"[interview] Next week", b"Next week")  # read as noise
    with Store(config.database_path) as store:
        items = [raw(d, f"{i}.eml") for i, d in enumerate([*messages[:-1], noise])]
        ingest(store, items, pipeline, NOW)
        (waiting,) = store.open_reviews()  # noise from a contact of both
        assert waiting["reason"].startswith("from a contact of")
        done = apply_correction(store, config, "<p3@tb>", Label.INTERVIEW, NOW)
        assert done.action == "review"
        (again,) = store.open_reviews()
        assert again["reason"] == "priya.shah.recruits@gmail.com is a contact in 2 processes"


def test_an_unsure_reply_joins_its_thread_but_its_label_waits_for_the_user(
    config: Config, pipeline: Pipeline
) -> None:
    unsure = in_thread(
        "Jane Doe <jane@acme.example>",
        "[rejection 0.3] Re: Next steps",
        "About Tuesday: there is news on the role.",
        5,
        "<unsure@acme>",
    )
    with Store(config.database_path) as store:
        items = [raw(d, f"{i}.eml") for i, d in enumerate([*thread(), unsure])]
        ingest(store, items, pipeline, NOW)
        (process,) = store.processes()
        assert store.message_row("<unsure@acme>")["process_id"] == process.id
        (waiting,) = store.open_reviews()
        assert (waiting["message_key"], waiting["reason"]) == ("<unsure@acme>", UNSURE_LABEL)
        before = load_status(store, config, process.id, NOW)
        assert (before.stage, before.state) != (Stage.CLOSED, State.CLOSED)
        assert before.last_inbound_at == START + 5 * DAY  # they wrote all the same
        # moving it settles where it belongs, not what it says: the review stays open
        move_message(store, config, "<unsure@acme>", process.id, NOW)  # already there
        other = store.create_process("Globex", "Analyst", None, NOW, "test")
        move_message(store, config, "<unsure@acme>", other, NOW)
        move_message(store, config, "<unsure@acme>", process.id, NOW)
        assert [r["reason"] for r in store.open_reviews()] == [UNSURE_LABEL]
        # the user's word settles it
        apply_correction(store, config, "<unsure@acme>", Label.REJECTION, NOW)
        assert store.open_reviews() == []
        assert load_status(store, config, process.id, NOW).state == State.CLOSED


def test_a_message_corrected_to_noise_leaves_a_process_its_thread_does_not_hold(
    config: Config, pipeline: Pipeline
) -> None:
    lunch = eml(
        sender="Pat Friend <pat.friend@gmail.com>",
        subject="[interview] Your interview with Acme",  # a friend, read as recruiting
        body="Good luck with your interview at Acme! Lunch on Friday? Pat",
        date=START + 6 * DAY,
        message_id="<lunch@gmail>",
    )
    pleasantry = in_thread(
        "Jane Doe <jane@acme.example>",
        "[interview] Re: Next steps",
        "Have a good weekend!",
        7,
        "<weekend@acme>",
    )
    with Store(config.database_path) as store:
        items = [raw(d, f"{i}.eml") for i, d in enumerate([*thread(), lunch, pleasantry])]
        ingest(store, items, pipeline, NOW)
        (process,) = store.processes()
        assert store.message_row("<lunch@gmail>")["process_id"] == process.id  # by company
        assert "pat.friend@gmail.com" in {p["email"] for p in store.process_people(process.id)}

        done = apply_correction(store, config, "<lunch@gmail>", Label.NOT_RECRUITING, NOW)
        assert (done.action, done.process_id) == ("left", process.id)
        assert store.message_row("<lunch@gmail>")["process_id"] is None
        assert "pat.friend@gmail.com" not in {p["email"] for p in store.process_people(process.id)}
        assert "it leaves the process" in store.events(process.id)[-1].detail
        # a reply in the thread stays: it is the conversation, and they did write
        kept = apply_correction(store, config, "<weekend@acme>", Label.NOT_RECRUITING, NOW)
        assert kept.action == "kept"
        status = load_status(store, config, process.id, NOW)
        assert status.last_inbound_at == START + 7 * DAY


def test_a_calendar_invitation_to_your_interview_is_an_interview(tmp_path: Path) -> None:
    # the model reads calendar mail as noise; the user's name in the event's title tells an
    # invitation to their interview from one to interview someone else (employer-side mail)
    def invitation(title: str, key: str) -> bytes:
        return eml(
            sender="Jane Doe <jane@acme.example>",
            subject=f"Invitation: {title} @ Tue Dec 1, 2026 2pm - 3pm (GMT)",
            body=f"You have been invited to the following event.\n\n{title}\n"
            "When: Tuesday Dec 1, 2026 2pm - 3pm (GMT)\n\nInvitation from Google Calendar",
            date=NOW - DAY,
            message_id=f"<{key}@acme>",
        )

    # Outlook sends the event as a text/calendar alternative, its title as the subject
    outlook = message_from_bytes(
        eml(
            sender="Jane Doe <jane@acme.example>",
            subject="Interview: Alex Morgan - Data Engineer",
            body="Microsoft Teams meeting\nJoin on your computer, mobile app or room device",
            date=NOW - DAY,
            message_id="<outlook@acme>",
        ),
        policy=default,
    )
    assert isinstance(outlook, EmailMessage)
    outlook.add_alternative("BEGIN:VCALENDAR\nMETHOD:REQUEST\nEND:VCALENDAR\n", subtype="calendar")
    invitations = [
        raw(invitation("Interview - Alex Morgan / Data Engineer", "yours"), "1.eml"),
        raw(invitation("Interview - Sam Okafor / Backend Engineer", "theirs"), "2.eml"),
        raw(invitation("Team lunch with Alex Morgan", "lunch"), "3.eml"),
        raw(outlook.as_bytes(), "4.eml"),
    ]
    for name, interview in (("Alex Morgan", True), ("", False)):
        identity = IdentityConfig(addresses=frozenset({ME}), name=name, country="GB")
        config = Config(data_dir=tmp_path / (name or "unnamed"), identity=identity)
        pipeline = build_pipeline(config, classifier=SubjectTagClassifier())  # noise, 0.99
        with Store(config.database_path) as store:
            assert ingest(store, invitations, pipeline, NOW).new == 4
            yours = store.message_row("<yours@acme>")
            in_outlook = store.message_row("<outlook@acme>")
            assert in_outlook["label"] == ("interview" if interview else "not_recruiting")
            if interview:
                assert (yours["label"], yours["confidence"]) == ("interview", 0.9)
                assert json.loads(yours["reasons_json"])[0] == (
                    "calendar invitation to an interview that names you overrules"
                    " not_recruiting (0.99)"
                )
                records = store.message_records(yours["process_id"])
                assert [r.message_id for r in records] == ["<yours@acme>", "<outlook@acme>"]
                (meeting,) = records[0].extraction.commitments
                assert meeting.at == datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
            else:
                assert (yours["label"], yours["process_id"]) == ("not_recruiting", None)
            for other in ("<theirs@acme>", "<lunch@acme>"):
                row = store.message_row(other)
                assert (row["label"], row["process_id"]) == ("not_recruiting", None), other


def test_a_booking_confirmed_by_a_scheduling_tool_joins_the_recruiters_process(
    tmp_path: Path,
) -> None:
    # "please book a slot", then Calendly's confirmation: relayed (From the tool, Reply-To
    # the recruiter), titled after the host, naming the user as invitee in its text
    def booked(subject: str, invitee: str, reply_to: str, key: str, company: str) -> bytes:
        data = eml(
            sender="Calendly <notifications@calendly.com>",
            subject=subject,
            body=f"Hi {invitee},\n\nA new event has been scheduled.\n\nInvitee: {invitee}\n"
            f"Event Date/Time: 3:00pm - 3:45pm (GMT) Wednesday, December 2, 2026\n\n{company}",
            date=NOW - DAY,
            message_id=f"<{key}@calendly.com>",
        )
        return f"Reply-To: {reply_to}\n".encode() + data

    title = "Confirmed: Data Scientist interview with Omar Haddad on Wednesday, December 2, 2026"
    omar = "Omar Haddad <omar.haddad@tallishealth.example>"
    messages = [
        raw(eml(sender=omar, subject="[interview] Data Scientist - please book a slot",
                body="Please book a slot for your interview by Monday.\n\nOmar Haddad\n"
                "Talent Partner, Tallis Health", date=NOW - 3 * DAY, message_id="<omar@tallis>"),
            "1.eml"),
        raw(booked(title, "Alex Morgan", omar, "yours", "Tallis Health"), "2.eml"),
        # someone else's booking, or one relayed for nobody the user knows
        raw(booked(title, "Sam Okafor", omar, "theirs", "Tallis Health"), "3.eml"),
        raw(booked(title.replace("Omar", "Ola"), "Alex Morgan", "Ola <ola@elsewhere.example>",
                   "other", "Elsewhere"), "4.eml"),
    ]  # fmt: skip
    identity = IdentityConfig(addresses=frozenset({ME}), name="Alex Morgan", country="GB")
    config = Config(data_dir=tmp_path, identity=identity)
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())  # noise, 0.99
    with Store(config.database_path) as store:
        assert ingest(store, messages, pipeline, NOW).new == 4
        recruiter, yours = (
            store.message_row("<omar@tallis>"),
            store.message_row("<yours@calendly.com>"),
        )
        assert (yours["label"], yours["process_id"]) == ("interview", recruiter["process_id"])
        (meeting,) = store.message_records(yours["process_id"])[1].extraction.commitments
        assert meeting.at == datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
        assert store.message_row("<theirs@calendly.com>")["label"] == "not_recruiting"
        other = store.message_row("<other@calendly.com>")
        assert other["label"] == "interview" and other["process_id"] != recruiter["process_id"]
        # its company is the person's behind the tool, not the host named in the title
        assert store.process(other["process_id"]).company == "Elsewhere"
        status = load_status(store, config, recruiter["process_id"], NOW)
        assert status.next_meeting == datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
        assert [p["email"] for p in store.process_people(recruiter["process_id"])] == [
            "omar.haddad@tallishealth.example"
        ]


def test_a_company_named_from_its_domain_takes_its_own_spelling_later(
    config: Config, pipeline: Pipeline
) -> None:
    kate = "Kate Moss <kate.moss@brindleai.example>"
    first = eml(
        sender=kate,
        subject="[interview] Backend Engineer",
        date=NOW - 3 * DAY,
        body="Hi Alex, can you do Thursday?\n\nKate",
        message_id="<k1@brindle>",
    )
    signed = eml(sender=kate, subject="[interview] Re: Backend Engineer", date=NOW - DAY,
                 body="Thursday it is.\n\nKate Moss\nRecruiter, Brindle AI",
                 message_id="<k2@brindle>", in_reply_to="<k1@brindle>")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [raw(first, "1.eml")], pipeline, NOW)
        process_id = store.message_row("<k1@brindle>")["process_id"]
        assert store.process(process_id).company == "Brindleai"
        ingest(store, [raw(signed, "2.eml")], pipeline, NOW)
        assert store.process(process_id).company == "Brindle AI"


def test_out_of_office_replies_open_nothing_and_do_not_break_the_silence(
    config: Config, pipeline: Pipeline
) -> None:
    def away(sender: str, subject: str, message_id: str, **more: str) -> bytes:
        body = "I am out of the office until Monday 30 November, with no access to email."
        data = eml(sender=sender, subject=subject, body=body, date=NOW - DAY,
                   message_id=message_id, **more)  # fmt: skip
        return b"Auto-Submitted: auto-replied\n" + data

    janes = away("Jane Doe <jane@acme.example>", "[acknowledgement] Re: Checking in",
                 "<ooo@acme>", in_reply_to="<fu@me>")  # fmt: skip
    strangers = away("Ben Carter <ben@dental.example>", "[acknowledgement] Re: Saturday",
                     "<ooo@dental>")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [raw(d, f"{i}.eml") for i, d in enumerate(thread())], pipeline, NOW)
        (process,) = store.processes()
        before = load_status(store, config, process.id, NOW)
        role = store.db["people"].get("jane@acme.example")["sender_role"]
        ingest(store, [raw(janes, "a.eml"), raw(strangers, "b.eml")], pipeline, NOW)
        # the person behind the auto-responder keeps the role her own mail gave her
        assert store.db["people"].get("jane@acme.example")["sender_role"] == role != "automated"
        assert [p.id for p in store.processes()] == [process.id]  # the stranger's opened none
        assert store.message_row("<ooo@dental>")["process_id"] is None
        assert store.message_row("<ooo@acme>")["process_id"] == process.id  # Jane's is hers
        assert store.open_reviews() == []
        after = load_status(store, config, process.id, NOW)
        # the last word is still Jane's invitation; she is back on 30 November
        assert (after.last_inbound_at, after.last_label) == (
            before.last_inbound_at, Label.INTERVIEW,
        )  # fmt: skip
        assert after.away_until == date(2026, 11, 30)
        # a corrected label reads the message again, still as an out-of-office reply
        apply_correction(store, config, "<ooo@acme>", Label.DELAY, NOW)
        (record,) = [r for r in store.message_records(process.id) if r.key == "<ooo@acme>"]
        assert record.extraction.away and record.label == Label.DELAY
        assert load_status(store, config, process.id, NOW).last_label == Label.INTERVIEW


def test_your_mail_joins_its_thread_whichever_is_imported_first(
    config: Config, pipeline: Pipeline
) -> None:
    application = eml(sender=f"Alex Morgan <{ME}>", subject="Application: Data Analyst",
                      body="Please find my CV attached.", date=START - DAY,
                      message_id="<app@me>", to="Acme Careers <jobs@acme.example>")  # fmt: skip
    ack = eml(sender="Acme Careers <no-reply@acme.example>",
              subject="[acknowledgement] Your application", body="Thank you for applying.",
              date=START, message_id="<ack@acme>", in_reply_to="<app@me>",
              references=["<app@me>"])  # fmt: skip
    invite = thread()[1]
    follow_up = in_thread(f"Alex Morgan <{ME}>", "Re: Next steps", "Tuesday works for me.",
                          4, "<fu@me>", to="Jane Doe <jane@acme.example>")  # fmt: skip
    again = eml(sender=f"Alex Morgan <{ME}>", subject="Re: Next steps",
                body="Just checking in on next steps.", date=START + 12 * DAY,
                message_id="<again@me>", in_reply_to="<fu@me>",
                references=["<inv@acme>", "<fu@me>"], to="Jane Doe <jane@acme.example>")  # fmt: skip
    unrelated = eml(sender=f"Alex Morgan <{ME}>", subject="Saturday", body="Dinner at 8?",
                    date=START, message_id="<dinner@me>", to="ben@example.org")  # fmt: skip
    with Store(config.database_path) as store:
        # the sent folder first, the inbox after
        sent = [application, follow_up, again, unrelated]
        ingest(store, [raw(d, f"s{i}.eml", sent=True) for i, d in enumerate(sent)], pipeline, NOW)
        assert store.processes() == []
        ingest(store, [raw(ack, "a.eml"), raw(invite, "i.eml")], pipeline, NOW)
        (process,) = store.processes()
        mine = [r.key for r in store.message_records(process.id) if r.direction == "outbound"]
        assert mine == ["<app@me>", "<fu@me>", "<again@me>"]
        assert store.message_row("<dinner@me>")["process_id"] is None
        status = load_status(store, config, process.id, NOW)
        assert status.last_outbound_at == datetime.fromisoformat(
            store.message_row("<again@me>")["date"]
        )
        sent_events = [e.detail for e in store.events(process.id) if e.kind == "sent"]
        assert sent_events == [
            "you wrote: Application: Data Analyst",
            "you wrote: Re: Next steps",
            "you wrote: Re: Next steps",
        ]


def test_your_mail_waiting_as_a_tie_joins_the_process_whose_reply_answers_it(
    config: Config, pipeline: Pipeline
) -> None:
    other = eml(sender="Sam Lee <sam@globex.example>", subject="[outreach] Analyst at Globex",
                body="Would you like to talk?", date=START, message_id="<o@globex>")  # fmt: skip
    both = eml(sender=f"Alex Morgan <{ME}>", subject="Availability",
               body="I am free on Monday.", date=START + 5 * DAY, message_id="<both@me>",
               to="Jane Doe <jane@acme.example>, Sam Lee <sam@globex.example>")  # fmt: skip
    answer = eml(sender="Jane Doe <jane@acme.example>", subject="[interview] Re: Availability",
                 body="Monday at 10 it is.", date=START + 6 * DAY, message_id="<ans@acme>",
                 in_reply_to="<both@me>", references=["<both@me>"])  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [raw(d, f"{i}.eml") for i, d in enumerate([*thread(), other])], pipeline, NOW)
        ingest(store, [raw(both, "s.eml", sent=True)], pipeline, NOW)
        assert [r["message_key"] for r in store.open_reviews()] == ["<both@me>"]  # a tie
        ingest(store, [raw(answer, "a.eml")], pipeline, NOW)
        acme = store.message_row("<ans@acme>")["process_id"]
        assert store.message_row("<both@me>")["process_id"] == acme
        assert store.open_reviews() == []


def _from_tom(subject: str, body: str, day: int, key: str, **headers: str) -> bytes:
    """A mail from an agency recruiter whose domain is the agency's."""
    return eml(
        sender="Tom Baker <tom.baker@harbourtalent.example>",
        subject=subject,
        body=body,
        date=START + day * DAY,
        message_id=f"<{key}@harbour>",
        **headers,
    )


def test_an_agency_process_learns_its_client_and_takes_the_clients_invitation(
    tmp_path: Path,
) -> None:
    # The recruiter's first mail in the process has no signature: the process takes the
    # name made from the agency's domain. The next one reveals agency and client; the
    # client's calendar invitation, titled after the candidate, then joins the same process.
    first = _from_tom(
        "[interview] Senior Data Engineer",
        "Hi Alex,\n\nThey would like to interview you for the Senior Data Engineer role."
        " Could you do Tuesday at 10am?\n\nThanks,\nTom\n",
        0,
        "t1",
    )
    named = _from_tom(
        "[delay] RE: Senior Data Engineer",
        "Hi Alex,\n\nThe client is Northwind Payments. They are finalising the panel and"
        " I will be in touch next week.\n\nKind regards,\nTom Baker\n"
        "Senior Consultant | Harbour Talent\n+44 20 7946 0321\n",
        1,
        "t2",
        in_reply_to="<t1@harbour>",
    )
    title = "Interview: Alex Morgan / Senior Data Engineer"
    invitation = eml(
        sender="Priya Shah <priya.shah@northwindpayments.example>",
        subject=f"Invitation: {title} @ Tue Dec 1, 2026 10am - 10:45am (GMT)",
        body=f"You have been invited to the following event.\n\n{title}\n"
        "When: Tuesday Dec 1, 2026 10am - 10:45am (GMT)\n\nInvitation from Google Calendar",
        date=START + 2 * DAY,
        message_id="<inv@northwind>",
    )
    identity = IdentityConfig(addresses=frozenset({ME}), name="Alex Morgan", country="GB")
    config = Config(data_dir=tmp_path, identity=identity)
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    with Store(config.database_path) as store:
        ingest(store, [raw(first, "1.eml")], pipeline, NOW)
        (opened,) = store.processes()
        assert (opened.company, opened.agency) == ("Harbourtalent", None)
        ingest(store, [raw(named, "2.eml"), raw(invitation, "3.eml")], pipeline, NOW)
        (process,) = store.processes()
        assert (process.company, process.agency, process.role) == (
            "Northwind Payments",
            "Harbour Talent",
            "Senior Data Engineer",
        )
        records = store.message_records(process.id)
        assert [r.message_id for r in records] == [
            "<t1@harbour>",
            "<t2@harbour>",
            "<inv@northwind>",
        ]
        learned = [e.detail for e in store.events(process.id) if e.kind == "learned"]
        assert learned == ["agency Harbour Talent, company Northwind Payments"]


def test_the_agencys_own_domain_name_is_not_taken_for_its_client(
    config: Config, pipeline: Pipeline
) -> None:
    # a process opened by a LinkedIn message knows the agency (from the headline) but no
    # client; the recruiter's unsigned mail from the agency's domain joins it, and the name
    # made from that domain ("Harbourtalent") is the agency, not the client
    relayed = eml(
        sender="Tom Baker via LinkedIn <messages-noreply@linkedin.com>",
        subject="[outreach] Tom sent you a message",
        body="Tom Baker\nSenior Consultant at Harbour Talent\n\nHi Alex, would you be open"
        " to a Senior Data Engineer role with a payments client?\n",
        date=START,
        message_id="<li@linkedin>",
    )
    unsigned = _from_tom(
        "[request] Senior Data Engineer",
        "Hi Alex,\n\nCould you send me your CV for the Senior Data Engineer role?\n\nTom\n",
        1,
        "t1",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(relayed, "1.eml"), raw(unsigned, "2.eml")], pipeline, NOW)
        (process,) = store.processes()
        assert (process.company, process.agency) == (None, "Harbour Talent")
        assert len(store.message_records(process.id)) == 2


def test_your_acceptance_in_a_reply_closes_the_process_and_says_so(
    config: Config, pipeline: Pipeline
) -> None:
    offer = eml(
        sender="Hannah Lee <hannah.lee@brightfield.example>",
        subject="[offer] Offer - Analytics Engineer",
        body="Hi Alex,\n\nI'm delighted to offer you the role of Analytics Engineer.\n",
        date=START,
        message_id="<offer@brightfield>",
    )
    answer = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Hannah Lee <hannah.lee@brightfield.example>",
        subject="RE: Offer - Analytics Engineer",
        body="Hi Hannah,\n\nThank you! I'm delighted to accept the offer.\n\nAlex\n\n"
        "On Mon, Hannah Lee wrote:\n> I'm delighted to offer you the role.\n",
        date=START + DAY,
        message_id="<accept@me>",
        in_reply_to="<offer@brightfield>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(offer, "1.eml"), raw(answer, "2.eml", sent=True)], pipeline, NOW)
        (process,) = store.processes()
        status = load_status(store, config, process.id, NOW)
        assert (status.state, status.outcome) == (State.CLOSED, Outcome.ACCEPTED)
        (said,) = [e.detail for e in store.events(status.process.id) if e.kind == "decision"]
        assert said == "you accepted the offer: \u201cI'm delighted to accept the offer\u201d"


def test_a_portal_confirming_your_decline_closes_the_process_and_says_so(
    config: Config, pipeline: Pipeline
) -> None:
    offer = eml(
        sender="Teacher Training <noreply@apply.example>",
        subject="[offer] Offer from Fernhill School - Mathematics",
        body="Dear Alex,\n\nFernhill School has made you an offer to train as a Mathematics "
        "teacher.\n",
        date=START,
        message_id="<offer@apply>",
    )
    declined = eml(
        sender="Teacher Training <noreply@apply.example>",
        subject="[acknowledgement] You've declined your offer from Fernhill School",
        body="Dear Alex,\n\nYou have declined your offer from Fernhill School. We have let "
        "them know.\n\nYou can apply again at any time.\n",
        date=START + DAY,
        message_id="<declined@apply>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(offer, "1.eml"), raw(declined, "2.eml")], pipeline, NOW)
        (process,) = store.processes()
        status = load_status(store, config, process.id, NOW)
        assert (status.state, status.outcome) == (State.CLOSED, Outcome.DECLINED)
        (said,) = [e.detail for e in store.events(status.process.id) if e.kind == "decision"]
        # the subject says it first
        assert said.startswith("they confirm you declined the offer: \u201c")
        assert said.endswith("You've declined your offer from Fernhill School\u201d")


def test_more_time_they_grant_when_you_ask_is_your_new_deadline(
    config: Config, pipeline: Pipeline
) -> None:
    offer = eml(
        sender="Hannah Lee <hannah.lee@brightfield.example>",
        subject="[offer] Offer - Analytics Engineer",
        body="Hi Alex,\n\nI'm delighted to offer you the role of Analytics Engineer. Please "
        "let us know by Wednesday 25 November.\n",
        date=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
        message_id="<offer@brightfield>",
    )
    ask = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Hannah Lee <hannah.lee@brightfield.example>",
        subject="RE: Offer - Analytics Engineer",
        body="Hi Hannah,\n\nThank you! Could I have until Friday 27 November to decide?\n\nAlex\n",
        date=datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
        message_id="<ask@me>",
        in_reply_to="<offer@brightfield>",
    )
    granted = eml(
        sender="Hannah Lee <hannah.lee@brightfield.example>",
        subject="[acknowledgement] RE: Offer - Analytics Engineer",
        body="Hi Alex,\n\nYes, that's fine. Good luck with the decision!\n\nHannah\n\n"
        "On Mon, 23 Nov 2026 at 09:00, Alex Morgan <alex@example.org> wrote:\n"
        "> Thank you! Could I have until Friday 27 November to decide?\n",
        date=datetime(2026, 11, 23, 15, 0, tzinfo=UTC),
        message_id="<granted@brightfield>",
        in_reply_to="<ask@me>",
    )
    with Store(config.database_path) as store:
        ingest(
            store,
            [raw(offer, "1.eml"), raw(ask, "2.eml", sent=True), raw(granted, "3.eml")],
            pipeline,
            NOW,
        )
        (process,) = store.processes()
        status = load_status(store, config, process.id, NOW)
        # the user's turn, by the date they granted, not the offer's Wednesday
        assert status.state == State.WAITING_ON_YOU
        assert status.user_deadline is not None
        assert status.user_deadline.due == date(2026, 11, 27)
        assert status.user_deadline.phrase == "Yes, that's fine"


def test_a_move_they_ask_for_and_you_agree_to_moves_the_interview(
    config: Config, pipeline: Pipeline
) -> None:
    confirmed = eml(
        sender="Priya Shah <priya@lumen.example>",
        subject="[interview] Interview - Data Engineer",
        body="Hi Alex,\n\nYour interview is confirmed for Thursday 26 November at 10:00.\n",
        date=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
        message_id="<confirmed@lumen>",
    )
    asked = eml(
        sender="Priya Shah <priya@lumen.example>",
        subject="[interview] Re: Interview - Data Engineer",
        body="Hi Alex,\n\nSomething came up: could we move your interview from Thursday to "
        "Monday 30 November at 10:00?\n\nPriya\n",
        date=datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
        message_id="<move@lumen>",
        in_reply_to="<confirmed@lumen>",
    )
    agreed = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Priya Shah <priya@lumen.example>",
        subject="Re: Interview - Data Engineer",
        body="Hi Priya,\n\nYes, that works. See you then.\n\nAlex\n\n"
        "On Mon, 23 Nov 2026 at 09:00, Priya Shah <priya@lumen.example> wrote:\n"
        "> Something came up: could we move your interview from Thursday to Monday 30 "
        "November at 10:00?\n",
        date=datetime(2026, 11, 23, 15, 0, tzinfo=UTC),
        message_id="<agreed@me>",
        in_reply_to="<move@lumen>",
    )
    with Store(config.database_path) as store:
        ingest(
            store,
            [raw(confirmed, "1.eml"), raw(asked, "2.eml"), raw(agreed, "3.eml", sent=True)],
            pipeline,
            NOW,
        )
        (process,) = store.processes()
        status = load_status(store, config, process.id, NOW)
        assert status.next_meeting == datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def test_an_agency_that_names_no_client_leaves_its_process_without_a_company(
    config: Config, pipeline: Pipeline
) -> None:
    unsigned = _from_tom(
        "[interview] Senior Data Engineer",
        "Hi Alex,\n\nThey would like to interview you on Tuesday at 10am.\n\nTom\n",
        0,
        "t1",
    )
    signed = _from_tom(
        "[delay] Senior Data Engineer",
        "Hi Alex,\n\nI'm working with a fast-growing payments client who needs a few"
        " more days.\n\nTom Baker\nSenior Consultant | Harbour Talent\n",
        1,
        "t2",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(unsigned, "1.eml"), raw(signed, "2.eml")], pipeline, NOW)
        (process,) = store.processes()
        assert (process.company, process.agency) == (None, "Harbour Talent")
        learned = [e.detail for e in store.events(process.id) if e.kind == "learned"]
        assert learned == ["agency Harbour Talent, no company: it was the agency"]


def _portal(
    key: str, tag: str, course: str, day: int, status: str = "Received", **kw: str
) -> bytes:
    """The course portal's status mail: one template, a course and a status filled in."""
    return eml(
        sender=kw.get("sender", "Apply Service <noreply@apply.example>"),
        subject=f"[{tag}] Application update: {course}",
        body=(
            f"Dear Alex,\n\nYour application for {course} at Northfield University has a new"
            f" status.\n\nStatus: {status}\n\nSign in to your account to see the details. You"
            " can track every application you have made from your account page."
        ),
        date=START + day * DAY,
        message_id=key,
    )


def test_a_correction_carries_to_the_senders_next_copy_of_the_template(
    config: Config, pipeline: Pipeline
) -> None:
    # the (test) classifier reads the portal's receipts as requests; the user says otherwise
    with Store(config.database_path) as store:
        ingest(store, [raw(_portal("<p1@apply>", "request", "Primary Maths", 1))], pipeline, NOW)
        apply_correction(store, config, "<p1@apply>", Label.ACKNOWLEDGEMENT, NOW)
        later = _portal("<p2@apply>", "request", "Secondary English", 3)
        ingest(store, [raw(later, "p2.eml")], pipeline, NOW)

        (record,) = [r for r in store.message_records() if r.key == "<p2@apply>"]
        assert (record.label, record.label_source, record.confidence) == (
            Label.ACKNOWLEDGEMENT,
            "like",
            1.0,
        )
        row = store.message_row("<p2@apply>")
        assert json.loads(row["reasons_json"])[0].startswith("like a message you corrected on")
        assert json.loads(row["scores_json"])["request"] == 0.95  # the model's reading is kept
        assert store.open_reviews() == []
        assert record.process_id is not None
        kinds = {
            (e.kind, e.rule) for e in store.events(record.process_id) if e.message_key == record.key
        }
        assert ("acknowledgement", "like your label") in kinds
        # not a correction of the user's own: training learns from what the user said only
        assert [label for _, _, label in store.feedback_examples()] == ["acknowledgement"]


def test_a_correction_does_not_carry_to_other_news_other_senders_or_other_readings(
    config: Config, pipeline: Pipeline
) -> None:
    other_sender = {"sender": "Careers <noreply@careers.example>"}
    with Store(config.database_path) as store:
        ingest(store, [raw(_portal("<p1@apply>", "request", "Primary Maths", 1))], pipeline, NOW)
        apply_correction(store, config, "<p1@apply>", Label.ACKNOWLEDGEMENT, NOW)
        later = [
            _portal("<offer@apply>", "request", "Secondary English", 3, "Offer made"),
            _portal("<other@careers>", "request", "Secondary English", 3, **other_sender),
            _portal("<read@apply>", "interview", "Secondary English", 3),
        ]
        ingest(store, [raw(d, f"{i}.eml") for i, d in enumerate(later)], pipeline, NOW)

        labels = {
            r.key: (r.label, r.label_source)
            for r in store.message_records()
            if r.key != "<p1@apply>"
        }
        assert labels == {
            "<offer@apply>": (Label.REQUEST, "model"),
            "<other@careers>": (Label.REQUEST, "model"),
            "<read@apply>": (Label.INTERVIEW, "model"),
        }


def test_a_newsletter_corrected_to_noise_stays_noise_next_week(
    config: Config, pipeline: Pipeline
) -> None:
    def issue(number: int) -> bytes:
        return eml(
            sender="Hiring Weekly <news@hiringweekly.example>",
            subject=f"[outreach] Hiring Weekly #{number}: Five Questions For Your CV",
            body=(
                f"This week in issue {number}: how to answer salary questions, and five ways"
                " to make your cv stand out. Read the full stories on our site.\n\nYou get"
                " this newsletter because you signed up on our site."
            ),
            date=START + number * DAY,
            message_id=f"<issue{number}@hiringweekly>",
        )

    with Store(config.database_path) as store:
        ingest(store, [raw(issue(1))], pipeline, NOW)
        assert len(store.processes()) == 1  # read as a recruiter's approach
        apply_correction(store, config, "<issue1@hiringweekly>", Label.NOT_RECRUITING, NOW)
        ingest(store, [raw(issue(8), "8.eml")], pipeline, NOW)
        assert len(store.processes()) == 1  # issue 8 opens none

        row = store.message_row("<issue8@hiringweekly>")
        assert (row["label"], row["label_source"], row["process_id"]) == (
            "not_recruiting",
            "like",
            None,
        )
        assert store.open_reviews() == []


@pytest.mark.skipif(not (REPO_MODEL_DIR / "meta.json").exists(), reason="no shipped pipeline")
def test_everyday_life_in_hiring_words_opens_no_process(config: Config) -> None:
    """A letting agent's "unsuccessful" reads like a rejection to the model; the rule
    "everyday life" sends it to review instead of opening a process (docs/labels.md)."""
    letting = eml(
        sender="Castle Lettings <lettings@castle-lettings.example>",
        subject="Flat 3, Rowan Court",
        body="Dear Alex,\n\nWe are sorry to say the landlord has chosen another applicant, "
        "so your tenancy application was unsuccessful this time.\n\nKind regards,\nTilly",
        date=START,
        message_id="<flat3@castle-lettings.example>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(letting)], build_pipeline(config), NOW)
        assert store.processes() == []
        (item,) = store.open_reviews()
        assert item["message_key"] == "<flat3@castle-lettings.example>"


def _offer_thread(grant_quotes: bool) -> tuple[bytes, bytes, bytes]:
    """An offer, the user's ask for more time, and their top-posted yes to the ask (with
    the ask quoted under it, or nothing under it)."""
    offer = eml(
        sender="Ruth Quill <ruth@larkspur.example>",
        subject="[offer] Your offer from Larkspur Foods",
        body="We are pleased to offer you the role. Please reply with your decision by "
        "Friday 6 November.",
        date=START + 7 * DAY,
        message_id="<offer@larkspur>",
    )
    ask_text = "Thank you! Might I have until Thursday 12 November to think it over?"
    ask = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Ruth Quill <ruth@larkspur.example>",
        subject="Re: Your offer from Larkspur Foods",
        body=ask_text,
        date=START + 8 * DAY,
        message_id="<ask@me>",
        in_reply_to="<offer@larkspur>",
        references=["<offer@larkspur>"],
    )
    quote = f"\n\nOn Tue, Alex Morgan <{ME}> wrote:\n> {ask_text}\n" if grant_quotes else ""
    grant = eml(
        sender="Ruth Quill <ruth@larkspur.example>",
        subject="Re: Your offer from Larkspur Foods",
        body=f"Sure, take the time you need.{quote}",
        date=START + 8 * DAY + timedelta(hours=3),
        message_id="<grant@larkspur>",
        in_reply_to="<ask@me>",
        references=["<offer@larkspur>", "<ask@me>"],
    )
    return offer, ask, grant


@pytest.mark.parametrize("grant_quotes", [True, False])
def test_a_grant_of_more_time_is_read_whether_or_not_it_quotes_the_ask(
    config: Config, pipeline: Pipeline, grant_quotes: bool
) -> None:
    offer, ask, grant = _offer_thread(grant_quotes)
    with Store(config.database_path) as store:
        ingest(store, [raw(offer, "offer.eml")], pipeline, NOW)
        ingest(store, [raw(ask, "ask.eml", sent=True)], pipeline, NOW)
        ingest(store, [raw(grant, "grant.eml")], pipeline, NOW)
        (process,) = store.processes()
        status = load_status(store, config, process.id, START + 10 * DAY)
        assert status.state == State.WAITING_ON_YOU
        assert status.user_deadline is not None and status.user_deadline.granted
        assert status.user_deadline.due == date(2026, 11, 12)


def test_a_grant_stored_before_the_ask_it_answers_is_read_when_the_ask_comes(
    config: Config, pipeline: Pipeline
) -> None:
    # an inbox imported before the sent folder (as sync reads them): the top-posted yes had
    # nothing to be read against until the user's mail came; it is read again then
    offer, ask, grant = _offer_thread(grant_quotes=False)
    with Store(config.database_path) as store:
        ingest(store, [raw(offer, "offer.eml"), raw(grant, "grant.eml")], pipeline, NOW)
        (process,) = store.processes()
        version = store.board_version()
        ingest(store, [raw(ask, "ask.eml", sent=True)], pipeline, NOW)
        status = load_status(store, config, process.id, START + 10 * DAY)
        assert status.state == State.WAITING_ON_YOU
        assert status.user_deadline is not None and status.user_deadline.granted
        assert status.user_deadline.due == date(2026, 11, 12)
        assert store.board_version() > version  # a running daemon reloads
        (said,) = [
            e.detail
            for e in store.events(process.id)
            if e.message_key == "<grant@larkspur>" and "read again" in e.detail
        ]
        assert "(by 2026-11-12)" in said
        # importing the ask again reads nothing again
        events = len(store.events(process.id))
        ingest(store, [raw(ask, "ask2.eml", sent=True)], pipeline, NOW)
        assert len(store.events(process.id)) == events


def test_a_promise_already_past_when_written_says_so_on_the_timeline(
    config: Config, pipeline: Pipeline
) -> None:
    # "by Monday 16 November" sent on the 18th: track.py waits the usual time instead, and
    # the timeline says why (it showed the date as if it were the one expected)
    slip = eml(
        sender="Jane Doe <jane@acme.example>",
        subject="[delay] Your application",
        body="Thanks for your patience. We will get back to you by Monday 16 November.",
        date=datetime(2026, 11, 18, 10, 0, tzinfo=UTC),
        message_id="<slip@acme>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(slip)], pipeline, NOW)
        (process,) = store.processes()
        (said,) = [e.detail for e in store.events(process.id) if e.kind == "reply"]
    assert said.endswith(
        "(by 2026-11-16); already past when they wrote it (a slip?): the usual wait applies"
    )


def test_a_weekday_that_does_not_fit_its_date_says_so_on_the_timeline(
    config: Config, pipeline: Pipeline
) -> None:
    # 5 December 2026 is a Saturday: they are waited for until the 5th, with the 4th named
    promise = eml(
        sender="Jane Doe <jane@acme.example>",
        subject="[delay] Your application",
        body="Thanks for your patience. We will get back to you by Friday 5 December.",
        date=datetime(2026, 11, 18, 10, 0, tzinfo=UTC),
        message_id="<mismatch@acme>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(promise)], pipeline, NOW)
        (process,) = store.processes()
        (said,) = [e.detail for e in store.events(process.id) if e.kind == "reply"]
    assert said.endswith("(by 2026-12-05 or Fri 04 Dec: weekday and date disagree)")


def test_reread_reads_stored_mail_again_with_this_versions_rules(
    config: Config, pipeline: Pipeline
) -> None:
    promise = eml(
        sender="Jane Doe <jane@acme.example>",
        subject="[delay] Your application",
        body="The panel meets next week. We will get back to you by Friday 27 November.",
        date=datetime(2026, 11, 18, 10, 0, tzinfo=UTC),
        message_id="<later@acme>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(promise)], pipeline, NOW)
        assert reread_stored(store, config) == Reread(1, 0, frozenset())  # as it was read
        (process,) = store.processes()
        # as an older version stored it: no promise read
        store.set_extraction("<later@acme>", Extraction())
        assert store.db.execute("SELECT count(*) FROM commitments").fetchone()[0] == 0
        version = store.board_version()
        assert reread_stored(store, config) == Reread(1, 1, frozenset({process.id}))
        (record,) = store.message_records(process.id)
        assert record.extraction.promise is not None
        assert record.extraction.promise.due == date(2026, 11, 27)
        assert store.db.execute("SELECT count(*) FROM commitments").fetchone()[0] == 1
        assert store.board_version() > version
        (said,) = [e.detail for e in store.events(process.id) if "`reread`" in e.detail]
        assert said.startswith("explicit: \u201cWe will get back to you by Friday 27 November")
        assert reread_stored(store, config) == Reread(1, 0, frozenset())


HANNAH = "Hannah Lee <hannah.lee@brightfield.example>"


def _hannah_and_your_answer(subject: str, body: str, answer: str, key: str) -> list[RawMessage]:
    """Hannah's mail (`subject` tagged with its label) and the user's reply a day later."""
    theirs = eml(sender=HANNAH, subject=subject, body=f"Hi Alex,\n\n{body}\n", date=START,
                 message_id=f"<{key}@brightfield>")  # fmt: skip
    yours = eml(
        sender=f"Alex Morgan <{ME}>", to=HANNAH, subject="Re: " + subject.split("] ", 1)[-1],
        body=f"Hi Hannah,\n\n{answer}\n\nAlex\n", date=START + DAY,
        message_id=f"<{key}@me>", in_reply_to=f"<{key}@brightfield>",
    )  # fmt: skip
    return [raw(theirs, "1.eml"), raw(yours, "2.eml", sent=True)]


def test_a_plain_yes_i_accept_to_an_offer_closes_the_process_as_accepted(
    config: Config, pipeline: Pipeline
) -> None:
    mails = _hannah_and_your_answer(
        "[offer] Offer - Analytics Engineer",
        "We would like to offer you the role. Please let us know by Friday.",
        "Yes, I accept. I'll return the signed contract by Wednesday.",
        "offer2",
    )
    with Store(config.database_path) as store:
        ingest(store, mails, pipeline, NOW)
        (process,) = store.processes()
        status = load_status(store, config, process.id, NOW)
        assert (status.state, status.outcome) == (State.CLOSED, Outcome.ACCEPTED)


def test_a_plain_i_accept_to_an_interview_ends_nothing_and_the_next_mail_joins_it(
    config: Config, pipeline: Pipeline
) -> None:
    # "Thanks for the offer. I accept." takes up an offer of an interview: the process and
    # its meeting stay, the matcher keeps it open for the next mail, and the timeline
    # does not say the offer was accepted
    mails = _hannah_and_your_answer(
        "[interview] Interview - Analytics Engineer",
        "We would like to invite you to an interview on Thursday 3 December at 14:00.",
        "Thanks for the offer. I accept.",
        "invite3",
    )
    # the user's own new mail to the company's hiring mailbox joins an open process only
    documents = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Brightfield Careers <careers@brightfield.example>",
        subject="Documents for Thursday's Analytics Engineer interview",
        body="Hello,\n\nPlease find my certificates attached for Thursday.\n\nAlex\n",
        date=START + 2 * DAY,
        message_id="<documents3@me>",
    )
    with Store(config.database_path) as store:
        ingest(store, mails, pipeline, NOW)
        ingest(store, [raw(documents, "3.eml", sent=True)], pipeline, NOW)
        (process,) = store.processes()
        assert len(store.message_records(process.id)) == 3
        status = load_status(store, config, process.id, NOW)
        assert (status.stage, status.outcome) == (Stage.INTERVIEWING, None)
        (said,) = [e.detail for e in store.events(process.id) if e.kind == "decision"]
        assert said == "you said yes: \u201cI accept\u201d (to an offer, if one came)"


def _moved_by_a_question_and_a_yes() -> list[RawMessage]:
    """Their invitation for Tue 1 Dec 14:00, the user's yes, their ask to move it to Wed 2
    Dec 15:00 "instead", and the user's bare yes; no reply quotes what it answers."""
    hannah = "Hannah Cole <hannah.cole@brightwave.example>"
    mine = f"Alex Morgan <{ME}>"
    mails = [
        (hannah, mine, "[interview] Interview - Data Engineer",
         "Hi Alex,\n\nWould Tuesday 1 December at 14:00 work for a first interview?\n"),
        (mine, hannah, "Re: Interview - Data Engineer",
         "Hi Hannah,\n\nTuesday 1 December at 14:00 works well for me.\n\nAlex\n"),
        (hannah, mine, "[interview] Re: Interview - Data Engineer",
         "Hi Alex,\n\nApologies, something has come up on Tuesday. Could we move our call"
         " to Wednesday 2 December at 15:00 instead?\n"),
        (mine, hannah, "Re: Interview - Data Engineer",
         "Hi Hannah,\n\nNo problem at all - Wednesday 2 December at 15:00 works.\n\nAlex\n"),
    ]  # fmt: skip
    found = []
    for number, (sender, to, subject, body) in enumerate(mails):
        data = eml(
            sender=sender, to=to, subject=subject, body=body,
            date=NOW - 2 * DAY + number * timedelta(hours=3),
            message_id=f"<move{number}@x>",
            in_reply_to=f"<move{number - 1}@x>" if number else None,
        )  # fmt: skip
        found.append(raw(data, f"{number}.eml", sent=sender == mine))
    return found


@pytest.mark.parametrize("sent_first", [False, True], ids=["in order", "sent folder first"])
def test_a_move_they_ask_for_and_your_bare_yes_move_the_meeting(
    config: Config, pipeline: Pipeline, sent_first: bool
) -> None:
    mails = _moved_by_a_question_and_a_yes()
    if sent_first:  # the user's replies are read again when the mail they answer comes
        mails = [m for m in mails if m.sent] + [m for m in mails if not m.sent]
    with Store(config.database_path) as store:
        for mail in mails:
            ingest(store, [mail], pipeline, NOW)
        (process,) = store.processes()
        status = load_status(store, config, process.id, NOW)
    assert status.next_meeting == datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def test_an_application_withdrawn_for_a_reason_in_the_next_sentence_is_their_rejection(
    config: Config, pipeline: Pipeline
) -> None:
    ack = eml(
        sender="Tarn Bank Careers <careers@tarnbank.example>",
        subject="[acknowledgement] Your application",
        body="Thank you for applying for the Pricing Analyst role.",
        date=START,
        message_id="<ack@tarn>",
    )
    ended = eml(
        sender="Tarn Bank Careers <careers@tarnbank.example>",
        subject="[rejection] Your application",
        body="Dear Alex,\n\nYour application for the Pricing Analyst role has been withdrawn. "
        "The vacancy has been closed after a review of the team's budget.\n",
        date=START + 3 * DAY,
        message_id="<ended@tarn>",
        in_reply_to="<ack@tarn>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(ack, "1.eml"), raw(ended, "2.eml")], pipeline, NOW)
        (process,) = store.processes()
        status = load_status(store, config, process.id, NOW)
        assert (status.state, status.outcome) == (State.CLOSED, Outcome.REJECTED)


def _toms_pitch_put_forward_and_another_pitch(pitch: str) -> list[RawMessage]:
    """Tom pitches Pellham & Stone's Senior Data Engineer role, the user says yes, Tom puts
    them forward and promises news by Friday 13 November; then a new thread of his pitches
    `pitch`, and the user says no to it."""
    signed = "\n\nBest,\nTom Baker\nSenior Consultant | Harbour Talent\n"
    subject = "Senior Data Engineer - Pellham & Stone"
    first = _from_tom(f"[outreach] {subject}", "Hi Alex,\n\nI'm hiring a Senior Data Engineer"
                      " for Pellham & Stone, a permanent role. Would you like to hear more?"
                      + signed, 0, "p1")  # fmt: skip
    yes = eml(sender=f"Alex Morgan <{ME}>", to="Tom Baker <tom.baker@harbourtalent.example>",
              subject=f"Re: {subject}", body="Hi Tom,\n\nYes please, do put me forward.\n\nAlex\n",
              date=START + DAY, message_id="<yes@me>", in_reply_to="<p1@harbour>")  # fmt: skip
    sent = _from_tom(f"[acknowledgement] Re: {subject}", "Hi Alex,\n\nYour CV is now with"
                     " Pellham & Stone. They'll come back to me by Friday 13 November." + signed,
                     10, "p2", in_reply_to="<yes@me>")  # fmt: skip
    other = _from_tom("[outreach] New opportunity - Senior Data Engineer",
                      f"Hi Alex,\n\n{pitch}" + signed, 15, "n1")  # fmt: skip
    no = eml(sender=f"Alex Morgan <{ME}>", to="Tom Baker <tom.baker@harbourtalent.example>",
             subject="Re: New opportunity - Senior Data Engineer",
             body="Hi Tom,\n\nNo thanks, it's not for me.\n\nAlex\n",
             date=START + 15 * DAY + timedelta(hours=3), message_id="<no@me>",
             in_reply_to="<n1@harbour>")  # fmt: skip
    return [raw(first, "1.eml"), raw(yes, "2.eml", sent=True), raw(sent, "3.eml"),
            raw(other, "4.eml"), raw(no, "5.eml", sent=True)]  # fmt: skip


def test_an_agencys_pitch_of_another_role_is_its_own_process_and_your_no_closes_only_it(
    config: Config, pipeline: Pipeline
) -> None:
    # the new pitch calls its role another, or its client one not named before: the user's
    # no to it leaves Pellham & Stone, and its promise, as they were
    now = START + 16 * DAY
    for pitch in (
        "I've got another Senior Data Engineer position, this time with a retail client. Keen?",
        "I've placed two engineers at Tillbury this year, and I now have a similar Senior Data"
        " Engineer role with a client in logistics. Keen?",
    ):
        config.database_path.unlink(missing_ok=True)
        with Store(config.database_path) as store:
            ingest(store, _toms_pitch_put_forward_and_another_pitch(pitch), pipeline, now)
            first, second = store.processes()
            assert (first.company, second.company) == ("Pellham & Stone", None), pitch
            assert store.message_row("<n1@harbour>")["process_id"] == second.id
            pellham = load_status(store, config, first.id, now)
            assert (pellham.state, pellham.expected_by) == (State.ACTIVE, date(2026, 11, 13))
            other = load_status(store, config, second.id, now)
            assert (other.state, other.outcome) == (State.CLOSED, Outcome.WITHDRAWN), pitch
            # Tom's news of Pellham & Stone in a new thread is still theirs
            body = "Hi Alex,\n\nPellham & Stone came back - they'd like to meet you.\n\nTom\n"
            news = _from_tom("[interview] Good news", body, 16, "i1")
            ingest(store, [raw(news, "6.eml")], pipeline, now)
            assert store.message_row("<i1@harbour>")["process_id"] == first.id, pitch


def test_an_agencys_new_thread_about_the_same_role_joins_its_process(
    config: Config, pipeline: Pipeline
) -> None:
    # the same role pitched again (naming its client in passing or not at all) is the
    # process's: the user's no to it is a no to Pellham & Stone
    now = START + 16 * DAY
    for pitch in (
        "Are you still looking for a new role? The Senior Data Engineer post I sent you is"
        " still open. Keen?",
        "Pellham & Stone, a client of ours for years, are keen to hear if you're still"
        " interested in the Senior Data Engineer role.",
    ):
        config.database_path.unlink(missing_ok=True)
        with Store(config.database_path) as store:
            ingest(store, _toms_pitch_put_forward_and_another_pitch(pitch), pipeline, now)
            (process,) = store.processes()
            assert store.message_row("<n1@harbour>")["process_id"] == process.id, pitch
            status = load_status(store, config, process.id, now)
            assert (status.state, status.outcome) == (State.CLOSED, Outcome.WITHDRAWN), pitch


def test_a_recruiter_who_moves_agency_takes_the_process_with_the_new_agency(
    config: Config, pipeline: Pipeline
) -> None:
    # Tom moves from Harbour Talent to Quayside Search and writes from his new address about
    # Pellham & Stone: the process goes on, and the agency shown is the one he is at now
    now = START + 16 * DAY
    moved = eml(
        sender="Tom Baker <tom.baker@quaysidesearch.example>",
        subject="[interview] Senior Data Engineer - Pellham & Stone",
        body="Hi Alex,\n\nI've moved to Quayside Search and I'm still looking after your"
        " application: Pellham & Stone would like to interview you for the Senior Data"
        " Engineer role.\n\nBest,\nTom Baker\nSenior Consultant | Quayside Search\n",
        date=START + 12 * DAY,
        message_id="<m1@quayside>",
    )
    # someone else of that agency writing about the process is not the agency's move
    colleague = eml(
        sender="Nina Shah <nina.shah@quaysidesearch.example>",
        subject="[delay] Senior Data Engineer - Pellham & Stone",
        body="Hi Alex,\n\nCovering for Tom: Pellham & Stone need a few more days for the"
        " Senior Data Engineer role.\n\nBest,\nNina Shah\nConsultant | Quayside Search\n",
        date=START + 13 * DAY,
        message_id="<c1@quayside>",
    )
    messages = _toms_pitch_put_forward_and_another_pitch("")[:3]
    with Store(config.database_path) as store:
        ingest(store, [*messages, raw(moved, "6.eml")], pipeline, now)
        (process,) = store.processes()
        assert (process.company, process.agency) == ("Pellham & Stone", "Quayside Search")
        # a reread names it the same way
        assert _names_from(store.message_records(process.id))["agency"] == "Quayside Search"
    config.database_path.unlink()
    with Store(config.database_path) as store:
        ingest(store, [*messages, raw(colleague, "7.eml")], pipeline, now)
        (process,) = store.processes()
        assert (process.company, process.agency) == ("Pellham & Stone", "Harbour Talent")


def _with_reply_to(data: bytes, reply_to: str) -> bytes:
    return f"Reply-To: {reply_to}\n".encode() + data


def test_assessment_mail_relayed_by_a_tool_joins_the_application(
    config: Config, pipeline: Pipeline
) -> None:
    # the ATS receipt opens the process; the test tool's invitation names the company that
    # invites and the role without its team; its "submitted" notice names only the company
    receipt = eml(sender="Halden Bank <no-reply@us.greenhouse-mail.io>",
                  subject="[acknowledgement] Thank you for applying to Halden Bank",
                  body="We received your application for Data Engineer, Risk Platform.",
                  date=START, message_id="<r@halden>")  # fmt: skip
    invite = eml(sender="Codility <no-reply@codility.com>",
                 subject="[interview] Halden Bank has invited you to a programming test",
                 body="Hi Alex,\n\nHalden Bank has invited you to a test for your application"
                 " for Data Engineer. Please finish it by 4 December.",
                 date=START + DAY, message_id="<i@codility>")  # fmt: skip
    done = eml(sender="Codility <no-reply@codility.com>",
               subject="[acknowledgement] Your Halden Bank test has been submitted",
               body="Your results have been sent to the hiring team.",
               date=START + 3 * DAY, message_id="<d@codility>")  # fmt: skip
    stray = eml(sender="Codility <no-reply@codility.com>",
                subject="[acknowledgement] Your test has been submitted",
                body="Your results have been sent to the hiring team.",
                date=START + 4 * DAY, message_id="<s@codility>")  # fmt: skip
    messages = [raw(d, f"{i}.eml") for i, d in enumerate((receipt, invite, done, stray))]
    with Store(config.database_path) as store:
        ingest(store, messages, pipeline, NOW)
        (process,) = store.processes()
        assert process.company == "Halden Bank"
        for key in ("<r@halden>", "<i@codility>", "<d@codility>"):
            assert store.message_row(key)["process_id"] == process.id, key
        # naming no company, the tool's notice opens no "?" process: it waits for review
        assert store.message_row("<s@codility>")["process_id"] is None
        assert [r["message_key"] for r in store.open_reviews()] == ["<s@codility>"]


def test_an_e_signature_envelope_joins_the_process_of_the_person_behind_it(
    config: Config, pipeline: Pipeline
) -> None:
    rosa = "Rosa Lind <rosa.lind@fernhill.example>"
    offer = eml(sender=rosa, subject="[offer] Your offer from Fernhill",
                body="We'd love you to join Fernhill as Data Analyst.\n\nRosa Lind\nTalent Partner",
                date=START, message_id="<o@fernhill>")  # fmt: skip
    envelope = _with_reply_to(
        eml(sender="Rosa Lind via Docusign <dse_na2@docusign.net>",
            subject="[request] Fernhill Ltd sent you a document to review and sign",
            body="Rosa Lind\nFernhill Ltd\n\nPlease review and sign: Offer Letter\n\n"
            "Please sign by Friday, 18 December.",
            date=START + DAY, message_id="<e@docusign>"),
        rosa,
    )  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [raw(offer, "1.eml"), raw(envelope, "2.eml")], pipeline, NOW)
        (process,) = store.processes()  # no process named after Rosa
        assert process.company == "Fernhill"
        assert store.message_row("<e@docusign>")["process_id"] == process.id


def test_an_ats_rejection_of_an_old_application_is_recorded_under_its_company(
    config: Config, pipeline: Pipeline
) -> None:
    # SmartRecruiters' domain reads like an agency's; the mail is the employer's
    rejection = eml(sender="Corvel Bio <no-reply@smartrecruiters.com>",
                    subject="[rejection] Your application for Data Analyst at Corvel Bio",
                    body="Thank you for applying to the Data Analyst position at Corvel Bio."
                    " We have decided to move forward with other candidates.",
                    date=START, message_id="<x@corvel>")  # fmt: skip
    unsure = eml(sender="Corvel Bio <no-reply@smartrecruiters.com>",
                 subject="[rejection 0.4] Your application for Data Analyst at Corvel Bio",
                 body="We have decided to move forward with other candidates.",
                 date=START, message_id="<y@corvel>")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [raw(rejection, "1.eml")], pipeline, NOW)
        (process,) = store.processes()
        assert (process.company, process.agency) == ("Corvel Bio", None)
        assert store.message_row("<x@corvel>")["process_id"] == process.id
    config2 = Config(data_dir=config.data_dir / "2", identity=config.identity)
    with Store(config2.database_path) as store:
        ingest(store, [raw(unsure, "1.eml")], build_pipeline(config2, SubjectTagClassifier()), NOW)
        assert store.message_row("<y@corvel>")["process_id"] is None  # unsure: for review
        # the user's label confirms it: it leaves review for a process of its own
        done = apply_correction(store, config2, "<y@corvel>", Label.REJECTION, NOW)
        assert done.action == "opened"
        assert store.process(done.process_id or 0).company == "Corvel Bio"
        assert store.open_reviews() == []


def test_own_withdrawal_to_the_companys_hiring_mailbox_joins_its_workday_process(
    config: Config, pipeline: Pipeline
) -> None:
    # Workday's mail is no-reply and names the company by its tenant ("tarnwick"); the user
    # writes a new mail to the company's own talent@ address at tarnwicksystems.example
    receipt = eml(sender="Tarnwick Systems <tarnwick@myworkday.com>",
                  subject="[acknowledgement] Application Received - Staff Engineer (R-2231)",
                  body="Thank you for applying.", date=START,
                  message_id="<a@tarnwick>")  # fmt: skip
    withdrawal = eml(sender=f"Alex Morgan <{ME}>",
                     to="Tarnwick Systems Talent <talent@tarnwicksystems.example>",
                     subject="Withdrawing my application - Staff Engineer (R-2231)",
                     body="I'd like to withdraw my application for the Staff Engineer role"
                     " (R-2231). Thank you for your time.",
                     date=START + 5 * DAY, message_id="<w@me>")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [raw(receipt, "1.eml"), raw(withdrawal, "2.eml", sent=True)], pipeline, NOW)
        (process,) = store.processes()
        assert store.message_row("<w@me>")["process_id"] == process.id
        status = load_status(store, config, process.id, NOW)
        assert status.outcome == Outcome.WITHDRAWN


def _two_agencies_pitch_one_role() -> tuple[list[RawMessage], RawMessage, RawMessage]:
    """Priya (Harbour People) and Dan (Ferris Agency) pitch Northgate Payments' Senior Data
    Analyst role, each in a thread of their own, and the user says no to Dan's; then Priya's
    news in her thread, and Northgate's receipt of the application she sent in."""
    subject = "Senior Data Analyst - Northgate Payments"
    priya = eml(sender="Priya Shah <priya.shah@harbourpeople.example>",
                subject=f"[outreach] {subject}",
                body="Hi Alex,\n\nI'm working with Northgate Payments on a Senior Data Analyst"
                " hire. Would you like to hear more?\n\nPriya Shah\nConsultant | Harbour"
                " People\n", date=START, message_id="<p1@harbour>")  # fmt: skip
    dan = eml(sender="Dan Webb <dan.webb@ferrisagency.example>", subject=f"[outreach] {subject}",
              body="Hello Alex,\n\nI'm recruiting a Senior Data Analyst for Northgate Payments."
              " Are you open to a chat?\n\nDan Webb\nSenior Consultant | Ferris Agency\n",
              date=START + DAY, message_id="<d1@ferris>")  # fmt: skip
    no = eml(sender=f"Alex Morgan <{ME}>", to="Dan Webb <dan.webb@ferrisagency.example>",
             subject=f"Re: {subject}", body="Hi Dan,\n\nThanks, but another agency has already"
             " put me forward for this role, so I'll pass on this one.\n\nAlex\n",
             date=START + DAY + timedelta(hours=2), message_id="<no@me>",
             in_reply_to="<d1@ferris>")  # fmt: skip
    news = eml(sender="Priya Shah <priya.shah@harbourpeople.example>",
               subject=f"[delay] Re: {subject}", body="Hi Alex,\n\nYour CV is with Northgate"
               " Payments; they are still reading applications.\n\nPriya\n",
               date=START + 3 * DAY, message_id="<p2@harbour>",
               in_reply_to="<p1@harbour>")  # fmt: skip
    receipt = eml(sender="Northgate Payments <no-reply@northgatepayments.example>",
                  subject="[acknowledgement] Your application to Northgate Payments",
                  body="Thank you for applying for the Senior Data Analyst role at Northgate"
                  " Payments. We have received your application.",
                  date=START + 4 * DAY, message_id="<r@northgate>")  # fmt: skip
    pitches = [raw(priya, "1.eml"), raw(dan, "2.eml"), raw(no, "3.eml", sent=True)]
    return pitches, raw(news, "4.eml"), raw(receipt, "5.eml")


def test_after_a_merge_your_no_to_one_agency_lets_the_company_s_receipt_join_the_other(
    config: Config, pipeline: Pipeline
) -> None:
    # (user audit 3, A13): merged, the process goes on with Priya once she writes, as the
    # board shows it; the company's receipt outside any thread joins it, not a new process
    pitches, news, receipt = _two_agencies_pitch_one_role()
    with Store(config.database_path) as store:
        ingest(store, pitches, pipeline, NOW)
        harbour, ferris = (p.id for p in store.processes())
        assert store.message_row("<no@me>")["process_id"] == ferris
        _merge(store, ferris, harbour)
        ingest(store, [news, receipt], pipeline, NOW)
        assert [p.id for p in store.processes()] == [harbour]
        assert store.message_row("<r@northgate>")["process_id"] == harbour
        status = load_status(store, config, harbour, NOW)
        assert (status.state, status.outcome) != (State.CLOSED, Outcome.WITHDRAWN)
        # loaded from the store, the index reads it the same way
        assert not load_index(store).processes[harbour].ended_by(None)
    # before Priya writes again, the no ends it on the board, and for the receipt too
    config.database_path.unlink()
    pipeline.forget_index()
    with Store(config.database_path) as store:
        ingest(store, pitches, pipeline, NOW)
        harbour, ferris = (p.id for p in store.processes())
        _merge(store, ferris, harbour)
        assert load_status(store, config, harbour, NOW).outcome == Outcome.WITHDRAWN
        ingest(store, [receipt], pipeline, NOW)
        assert store.message_row("<r@northgate>")["process_id"] not in (harbour, ferris)


def _marlow_and_owens_pitch() -> tuple[list[RawMessage], RawMessage]:
    """The user's own application to Marlow Insurance (its ATS's receipt), and Owen's pitch of
    the same role from an agency, Talentwise, with the user's answer; then Owen's reply in
    his thread, which names no client, signed by his agency."""
    receipt = eml(sender="Marlow Insurance <no-reply@us.greenhouse-mail.io>",
                  subject="[acknowledgement] Thank you for applying to Marlow Insurance",
                  body="Hi Alex,\n\nThanks for applying for the Pricing Analyst position at"
                  " Marlow Insurance. We have received your application.\n\nMarlow Insurance"
                  " Talent Acquisition\n", date=START, message_id="<g1@marlow>")  # fmt: skip
    subject = "Pricing Analyst opportunity - Marlow Insurance"
    pitch = eml(sender="Owen Price <owen.price@talentwise.example>", subject=f"[outreach] {subject}",
                body="Hi Alex,\n\nI'm working on a Pricing Analyst vacancy with Marlow Insurance"
                " and your experience stood out. Open to a conversation?\n\nKind regards,\nOwen"
                " Price\nSenior Recruiter | Talentwise\n", date=START + 2 * DAY,
                message_id="<o1@talentwise>")  # fmt: skip
    answer = eml(sender=f"Alex Morgan <{ME}>", to="Owen Price <owen.price@talentwise.example>",
                 subject=f"Re: {subject}", body="Hi Owen,\n\nThank you - I applied for this one"
                 " directly, so I don't think you can represent me for it.\n\nAlex\n",
                 date=START + 2 * DAY + timedelta(hours=1), message_id="<a1@me>",
                 in_reply_to="<o1@talentwise>")  # fmt: skip
    reply = eml(sender="Owen Price <owen.price@talentwise.example>",
                subject=f"[not_recruiting] Re: {subject}", body="Hi Alex,\n\nNo problem at all,"
                " thanks for letting me know. I'll be in touch if other pricing roles come"
                " up.\n\nKind regards,\nOwen Price\nSenior Recruiter | Talentwise\n",
                date=START + 3 * DAY, message_id="<o2@talentwise>",
                in_reply_to="<a1@me>")  # fmt: skip
    first = [raw(receipt, "1.eml"), raw(pitch, "2.eml"), raw(answer, "3.eml", sent=True)]
    return first, raw(reply, "4.eml")


def test_an_agency_recruiter_stays_one_after_a_merge_into_your_own_application(
    config: Config, pipeline: Pipeline
) -> None:
    # (user audit 3, A6): merged into Marlow's own process, Owen is not Marlow's in-house
    # recruiter, whether his reply (read as the in-house recruiter of "Talentwise") came
    # before the merge or after it
    first, reply = _marlow_and_owens_pitch()
    owen = "owen.price@talentwise.example"
    for reply_before_merge in (True, False):
        config.database_path.unlink(missing_ok=True)
        pipeline.forget_index()
        with Store(config.database_path) as store:
            ingest(store, first + ([reply] if reply_before_merge else []), pipeline, NOW)
            marlow, talentwise = (p.id for p in store.processes())
            assert _names(store, talentwise) == ("Marlow Insurance", "Pricing Analyst",
                                                 "Talentwise")  # fmt: skip
            _merge(store, talentwise, marlow)
            if not reply_before_merge:
                ingest(store, [reply], pipeline, NOW)
            assert store.message_row("<o2@talentwise>")["process_id"] == marlow
            reading = decode_extraction(store.message_row("<o2@talentwise>")["extraction_json"])
            assert reading.sender_role == SenderRole.INHOUSE_RECRUITER  # as one message reads
            people = [(p["email"], p["role"], p["company"]) for p in store.process_people(marlow)]
            assert people == [(owen, "agency_recruiter", "Talentwise")], reply_before_merge


def test_the_company_s_own_recruiter_stays_in_house_beside_the_agency_s(
    config: Config, pipeline: Pipeline
) -> None:
    # after the merge, Marlow's own recruiter writes in the process: in-house, of Marlow
    first, _ = _marlow_and_owens_pitch()
    own = eml(sender="Ruth Lane <ruth.lane@marlowinsurance.example>",
              subject="[interview] Your application to Marlow Insurance",
              body="Hi Alex,\n\nI'm in the Talent Acquisition team at Marlow Insurance. We'd"
              " like to invite you to a call about the Pricing Analyst role.\n\nRuth Lane\n"
              "Talent Acquisition Partner, Marlow Insurance\n", date=START + 4 * DAY,
              message_id="<r1@marlow>", in_reply_to="<g1@marlow>")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, first, pipeline, NOW)
        marlow, talentwise = (p.id for p in store.processes())
        _merge(store, talentwise, marlow)
        ingest(store, [raw(own, "5.eml")], pipeline, NOW)
        roles = {p["email"]: (p["role"], p["company"]) for p in store.process_people(marlow)}
        assert roles == {
            "owen.price@talentwise.example": ("agency_recruiter", "Talentwise"),
            "ruth.lane@marlowinsurance.example": ("inhouse_recruiter", "Marlow Insurance"),
        }
