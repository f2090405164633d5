"""`digest --send` sends one digest a day, as the daemon does: a cron job retried after it
went sends nothing more (`--force` sends it again) (user audit 11 F10); `review` lists what
the digest asks about, and the mail of processes closed since it came only with --all (user
audit 12 F17)."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from pathlib import Path

from helpers import ME, eml
from test_daemon import Inbox, demo_home, home_with_config, run, smtp_server  # noqa: F401

from inbox_monitor.config import Config
from inbox_monitor.models import Event, Origin, RawMessage
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store

AS_OF = "2026-11-24T08:30:00+00:00"


def test_digest_send_twice_on_one_day_sends_one_and_force_sends_again(
    demo_home: Path,  # noqa: F811
    tmp_path: Path,
    smtp_server: tuple[Inbox, int],  # noqa: F811
) -> None:
    inbox, port = smtp_server
    home = home_with_config(demo_home, tmp_path, port)
    first = run(home, "digest", "--send", "--as-of", AS_OF)
    assert first.exit_code == 0, first.output
    assert len(inbox.messages) == 1
    # a cron retry the same morning: nothing more goes, and it says why (exit 0: no failure)
    again = run(home, "digest", "--send", "--as-of", "2026-11-24T09:15:00+00:00")
    assert again.exit_code == 0, again.output
    assert again.output == (
        "The digest of 2026-11-24 was already sent at 08:30; nothing sent"
        " (`inbox-monitor digest --send --force` sends it again).\n"
    )
    assert len(inbox.messages) == 1
    forced = run(home, "digest", "--send", "--force", "--as-of", "2026-11-24T09:20:00+00:00")
    assert forced.exit_code == 0 and "Digest of 2026-11-24 delivered" in forced.output
    assert len(inbox.messages) == 2
    message = email.message_from_bytes(inbox.messages[1], policy=email.policy.default)
    assert message["Subject"].startswith("Job search digest Tue 24 Nov 2026")
    # the next day's goes as usual
    assert (
        "delivered" in run(home, "digest", "--send", "--as-of", "2026-11-25T08:30:00+00:00").output
    )
    assert len(inbox.messages) == 3


def _mail(key: str, sender: str, subject: str, when: datetime, reply_to: str = "") -> RawMessage:
    data = eml(
        sender=sender,
        subject=subject,
        body="Hello Alex,\n\nThank you for your time.\n\nBest wishes",
        date=when,
        message_id=f"<{key}@mail.example>",
        in_reply_to=f"<{reply_to}@mail.example>" if reply_to else None,
    )
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"))


def test_review_leaves_out_what_a_later_close_settled_as_the_digest_does(
    config: Config, pipeline: Pipeline, tmp_path: Path
) -> None:
    (tmp_path / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\ntimezone = "Europe/London"\ncountry = "GB"\n'
    )
    pia, omar = "Pia Lund <pia.lund@lumenhealth.example>", "Omar Haddad <omar@quarry.example>"
    with Store(config.database_path) as store:
        ingest(store, [
            _mail("ack", pia, "[acknowledgement] Application received", datetime(2026, 11, 9, 9, tzinfo=UTC)),
            _mail("rej", pia, "[rejection] Your application", datetime(2026, 11, 10, 11, tzinfo=UTC), "ack"),
            _mail("inv", omar, "[interview] Interview at Quarry", datetime(2026, 11, 9, 10, tzinfo=UTC)),
        ], pipeline, datetime(2026, 11, 10, 12, tzinfo=UTC))  # fmt: skip
        for row in store.db.query("SELECT message_key, subject FROM messages"):
            if "Your application" not in row["subject"]:
                store.add_review(
                    row["message_key"], "unsure label", [], datetime(2026, 11, 10, 12, tzinfo=UTC)
                )
        quarry = next(
            store.db.query("SELECT process_id FROM messages WHERE subject LIKE '%Quarry%'")
        )
        store.update_process(quarry["process_id"], outcome_user="withdrawn")
        store.add_event(Event(quarry["process_id"], datetime(2026, 11, 10, 14, tzinfo=UTC),
                              "user_close", "closed by you: withdrawn"))  # fmt: skip
    home = tmp_path
    listed = run(home, "review", "--as-of", "2026-11-11").output
    assert listed == (
        "Nothing to review. 2 more in processes closed since they came (settled):"
        " `inbox-monitor review --all` lists them.\n"
    )
    everything = run(home, "review", "--all", "--as-of", "2026-11-11").output
    assert "Application received" in everything and "Interview at Quarry" in everything
    assert "settled" not in everything
