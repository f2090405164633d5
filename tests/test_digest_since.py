"""What a digest counts as new, and what it says that mail closed, as the daemon gathers
it from the store (load_digest_data): a preview in the evening is the next digest so far,
never this morning's again; a sent digest counts from the one of the day before."""

from __future__ import annotations

from datetime import UTC, date, datetime

from helpers import eml

from inbox_monitor.config import Config
from inbox_monitor.daemon import load_digest_data
from inbox_monitor.digest import process_title, render_html, render_text
from inbox_monitor.models import Event, Origin, RawMessage
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store, digest_sent_by


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def mail(key: str, sender: str, subject: str, when: datetime, reply_to: str = "") -> RawMessage:
    data = eml(
        sender=sender,
        subject=subject,
        body="Hello Alex,\n\nThank you for your time.\n\nBest wishes",
        date=when,
        message_id=f"<{key}@mail.example>",
        in_reply_to=f"<{reply_to}@mail.example>" if reply_to else None,
    )
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"))


PIA = "Pia Lund <pia.lund@lumenhealth.example>"
OMAR = "Omar Haddad <omar@quarry.example>"


def subjects(store: Store, config: Config, now: datetime, sending: bool = False) -> list[str]:
    return [m.subject for m in load_digest_data(store, config, now, sending=sending).new_messages]


def test_an_evening_preview_counts_from_this_morning_s_digest(
    config: Config, pipeline: Pipeline
) -> None:
    # Tuesday 12:00 a rejection and an invitation come; Wednesday's 08:00 digest lists
    # them. A preview on Wednesday evening must not list them again as "new since the last
    # digest": that was this morning's
    with Store(config.database_path) as store:
        ingest(store, [mail("ack", PIA, "[acknowledgement] Application received", at(9, 9))],
               pipeline, at(9, 9, 5))  # fmt: skip
        store.record_digest(date(2026, 11, 10), at(10, 8), "smtp", "a@example.net")
        ingest(store, [
            mail("rej", PIA, "[rejection] Your application", at(10, 11, 50), reply_to="ack"),
            mail("inv", OMAR, "[interview] Interview at Quarry", at(10, 11, 55)),
        ], pipeline, at(10, 12))  # fmt: skip
        both = ["[rejection] Your application", "[interview] Interview at Quarry"]
        # Wednesday 07:00, before the digest: the preview is what it will say
        assert subjects(store, config, at(11, 7)) == both
        # the digest sent at 08:00 lists them (counted from Tuesday's)
        assert subjects(store, config, at(11, 8), sending=True) == both
        store.record_digest(date(2026, 11, 11), at(11, 8), "smtp", "a@example.net")
        evening = load_digest_data(store, config, at(11, 21))
        assert evening.new_messages == []
        assert "New since the last digest" not in render_text(evening)
        # mail stored since this morning's digest is the next one's news
        ingest(store, [mail("inv2", OMAR, "[interview] Second round", at(11, 15))], pipeline,
               at(11, 15, 5))  # fmt: skip
        assert subjects(store, config, at(11, 21)) == ["[interview] Second round"]
        # a preview as of a past evening counts from that morning's digest, not a later one
        assert subjects(store, config, at(10, 21)) == both
        assert digest_sent_by(store, at(10, 21))["day"] == "2026-11-10"  # type: ignore[index]


def test_the_process_a_new_mail_closed_is_named_once(config: Config, pipeline: Pipeline) -> None:
    with Store(config.database_path) as store:
        ingest(store, [
            mail("ack", PIA, "[acknowledgement] Application received", at(9, 9)),
            mail("inv", OMAR, "[interview] Interview at Quarry", at(9, 10)),
        ], pipeline, at(9, 10, 5))  # fmt: skip
        store.record_digest(date(2026, 11, 10), at(10, 8), "smtp", "a@example.net")
        ingest(store, [
            mail("rej", PIA, "[rejection] Your application", at(10, 11), reply_to="ack"),
            # news of an open process closes nothing
            mail("inv2", OMAR, "[interview] Second round", at(10, 11, 30), reply_to="inv"),
        ], pipeline, at(10, 12))  # fmt: skip
        data = load_digest_data(store, config, at(11, 8), sending=True)
        (closed,) = data.closed
        text = render_text(data)
        section = text[text.index("Closed since the last digest (1)") :]
        assert section.splitlines()[2] == f"#{closed.process.id} {process_title(closed)}: rejected"
        assert "Closed since the last digest (1)" in render_html(data)
        store.record_digest(date(2026, 11, 11), at(11, 8), "smtp", "a@example.net")
        # their "sorry again" to a process closed before the last digest is no news of it
        ingest(store, [mail("bye", PIA, "[not_recruiting] Good luck", at(11, 14), reply_to="rej")],
               pipeline, at(11, 14, 5))  # fmt: skip
        later = load_digest_data(store, config, at(12, 8), sending=True)
        assert [m.subject for m in later.new_messages] == ["[not_recruiting] Good luck"]
        assert later.closed == []
        assert "Closed since" not in render_text(later)


def test_a_past_day_s_preview_lists_only_the_mail_to_review_that_had_come(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        ingest(store, [
            mail("ack", PIA, "[acknowledgement] Application received", at(9, 9)),
            mail("late", OMAR, "[interview] Interview at Quarry", at(12, 9)),
        ], pipeline, at(12, 10))  # fmt: skip
        (first, later) = sorted(
            (row["message_key"] for row in store.db.query("SELECT message_key FROM messages")),
            key=lambda key: key != "<ack@mail.example>",
        )
        for key in (first, later):
            store.add_review(key, "unsure label", [], at(12, 10))
        listed = [r.subject for r in load_digest_data(store, config, at(10, 20)).reviews]
        assert listed == ["[acknowledgement] Application received"]
        assert len(load_digest_data(store, config, at(12, 20)).reviews) == 2


def test_the_digest_stops_asking_about_unsure_mail_whose_process_closed_after_it(
    config: Config, pipeline: Pipeline
) -> None:
    # an unsure receipt, then their rejection: the process closed, the question is settled;
    # an unsure invitation whose process the user closed later, likewise; but mail that
    # comes into a closed process is still asked about
    with Store(config.database_path) as store:
        ingest(store, [
            mail("ack", PIA, "[acknowledgement] Application received", at(9, 9)),
            mail("rej", PIA, "[rejection] Your application", at(10, 11), reply_to="ack"),
            mail("inv", OMAR, "[interview] Interview at Quarry", at(9, 10)),
        ], pipeline, at(10, 12))  # fmt: skip
        keys = {
            row["subject"]: (row["message_key"], row["process_id"])
            for row in store.db.query("SELECT subject, message_key, process_id FROM messages")
        }
        for subject in (
            "[acknowledgement] Application received",
            "[interview] Interview at Quarry",
        ):
            store.add_review(keys[subject][0], "unsure label", [], at(10, 12))
        quarry = keys["[interview] Interview at Quarry"][1]
        listed = [r.subject for r in load_digest_data(store, config, at(10, 13)).reviews]
        assert listed == ["[interview] Interview at Quarry"]  # its process is still open
        store.update_process(quarry, outcome_user="withdrawn")
        store.add_event(Event(quarry, at(10, 14), "user_close", "closed by you: withdrawn"))
        assert load_digest_data(store, config, at(10, 15)).reviews == []
        # a message into the closed process after its close is asked about
        ingest(store, [mail("again", PIA, "[rejection] Second thoughts", at(11, 9),
                            reply_to="rej")], pipeline, at(11, 10))  # fmt: skip
        (again,) = store.db.query("SELECT message_key FROM messages WHERE subject LIKE '%Second%'")
        store.add_review(again["message_key"], "unsure label", [], at(11, 10))
        listed = [r.subject for r in load_digest_data(store, config, at(11, 11)).reviews]
        assert listed == ["[rejection] Second thoughts"]
        # the review command still lists all three
        assert len(store.open_reviews()) == 3
