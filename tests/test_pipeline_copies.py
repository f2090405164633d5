"""One message read from two sources: a Maildir backup of the account and the sync over IMAP."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

from inbox_monitor.config import Config
from inbox_monitor.imap import MessagePlan, OmittedPart, TextPart, assemble_message
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store

NOW = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)
TEXT = (
    "Dear Olivia,\n\nWe would like to offer you a place on the Commercial Graduate Programme."
    "\nPlease let us know your decision by Tuesday 10 November 2026.\n\nMegan\n"
)


def _whole(
    text: str = TEXT, subject: str = "[offer] Offer - Commercial Graduate Programme"
) -> bytes:
    """The message as a backup holds it: its text and a PDF."""
    message = EmailMessage()
    message["From"] = "Megan Whitaker <megan@pennant.example>"
    message["To"] = "me@example.com"
    message["Subject"] = subject
    message["Date"] = "Fri, 30 Oct 2026 11:52:00 +0000"
    message["Message-ID"] = "<offer-1@pennant.example>"
    message.set_content(text)
    message.add_attachment(b"%PDF-1.4 " * 300, maintype="application", subtype="pdf",
                           filename="Offer_Letter.pdf")  # fmt: skip
    return message.as_bytes()


def _fetched(whole: bytes) -> bytes:
    """The same message as the sync builds it: the header, the text part as the server
    gives it (BODY[1], without the line break that belongs to the next boundary) and a
    stub for the PDF."""
    header, _, rest = whole.partition(b"\n\n")
    boundary = rest.split(b"\n", 1)[0]
    part = rest.split(boundary)[1]
    part_body = part.split(b"\n\n", 1)[1]
    section = part_body[: -len(b"\n")] if part_body.endswith(b"\n\n") else part_body
    plan = MessagePlan(
        uid=7,
        size=len(whole),
        text_parts=(TextPart("1", "text/plain", (("charset", "utf-8"),), "7bit", len(section)),),
        omitted=(OmittedPart("application/pdf", "Offer_Letter.pdf", 2700),),
    )
    return assemble_message(header + b"\n\n", plan, {"1": section.rstrip(b"\n")})


def test_a_backup_then_the_sync_of_the_same_account_store_one_message(
    config: Config, pipeline: Pipeline
) -> None:
    whole = _whole()
    fetched = _fetched(whole)
    assert fetched != whole
    with Store(config.database_path) as store:
        ingest(store, [RawMessage(whole, Origin(kind="maildir", path="cur/1"))], pipeline, NOW)
        summary = ingest(
            store,
            [RawMessage(fetched, Origin(kind="imap", account="me", folder="INBOX", uid=7))],
            pipeline,
            NOW,
        )
        assert store.message_count() == 1
        assert summary.new == 0
        (key,) = [row["message_key"] for row in store.db["messages"].rows]
        places = store.db.execute(
            "SELECT count(*) FROM message_locations WHERE message_key = ?", [key]
        ).fetchone()[0]
        assert places == 2


def test_a_message_that_reuses_the_id_with_other_words_is_its_own(
    config: Config, pipeline: Pipeline
) -> None:
    # a broken sender reuses Message-IDs: another text (or subject) is another message
    first = _whole()
    other = _whole(TEXT.replace("Tuesday 10 November", "Friday 13 November"))
    retitled = _whole(subject="[offer] Revised offer - Commercial Graduate Programme")
    with Store(config.database_path) as store:
        ingest(store, [RawMessage(first, Origin(kind="eml", path="1.eml"))], pipeline, NOW)
        ingest(store, [RawMessage(_fetched(other), Origin(kind="eml", path="2.eml"))],
               pipeline, NOW)  # fmt: skip
        ingest(store, [RawMessage(retitled, Origin(kind="eml", path="3.eml"))], pipeline, NOW)
        assert store.message_count() == 3


# The user's reply sent from a phone whose clock is 10 minutes fast: its Date says 21:40,
# the sync read the Sent folder at 21:30 (a Sent message has no Received header, so the
# Date is taken back to the sync's time); a backup exported later keeps the Date
SYNCED = datetime(2026, 12, 1, 21, 30, tzinfo=UTC)
IMPORTED = datetime(2026, 12, 12, 10, 0, tzinfo=UTC)
REPLY_TEXT = (
    "Hi Tom,\n\nYes, happy to have a chat - Thursday after 5pm suits me.\n\n"
    "From tomorrow I'm on my mobile.\n\nSam\n"
)


def _reply(
    date: str = "Tue, 01 Dec 2026 21:40:00 +0000", text: str = REPLY_TEXT, *, backup: bool = False
) -> bytes:
    message = EmailMessage()
    message["From"] = "Sam Reed <me@example.com>"
    message["To"] = "Tom Hale <tom@harbour.example>"
    message["Subject"] = "Re: Head of Data - a quick chat?"
    message["Date"] = date
    message["Message-ID"] = "<reply-7@example.com>"
    if backup:
        message["X-Mozilla-Status"] = "0001"  # the mail program's own header in its export
    message.set_content(text)
    return message.as_bytes()


def _sent(data: bytes) -> RawMessage:
    return RawMessage(data, Origin(kind="imap", account="me", folder="Sent", uid=3), sent=True)


def _exported(data: bytes, position: int = 0) -> RawMessage:
    return RawMessage(data, Origin(kind="mbox", path="export.mbox", position=position), sent=True)


def test_a_copy_whose_fast_date_was_taken_back_to_the_sync_is_the_backups_copy(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        ingest(store, [_sent(_reply())], pipeline, SYNCED)
        (row,) = store.db["messages"].rows
        assert (row["date_source"], row["date"]) == ("import", SYNCED.isoformat())
        summary = ingest(store, [_exported(_reply(backup=True))], pipeline, IMPORTED)
        assert (summary.new, store.message_count()) == (0, 1)
        places = store.db.execute("SELECT count(*) FROM message_locations").fetchone()[0]
        assert places == 2
    # the other way round: the backup first, the sync's copy (taken back) after it
    config2 = Config(data_dir=config.data_dir / "other", identity=config.identity)
    with Store(config2.database_path) as store:
        ingest(store, [_exported(_reply(backup=True))], pipeline, IMPORTED)
        ingest(store, [_sent(_reply())], pipeline, SYNCED)
        assert store.message_count() == 1


def test_a_reused_id_with_other_words_or_days_apart_is_not_the_copy_taken_back(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        ingest(store, [_sent(_reply())], pipeline, SYNCED)
        # other words under the same Message-ID (a broken sender reuses them)
        other = _reply(text=REPLY_TEXT.replace("Thursday", "Friday"), backup=True)
        # the same words, dated three days after the copy read at the sync: another mail
        later = _reply("Fri, 04 Dec 2026 21:40:00 +0000", backup=True)
        ingest(store, [_exported(other, 0), _exported(later, 1)], pipeline, IMPORTED)
        assert store.message_count() == 3
