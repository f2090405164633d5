"""A thread the user marked as noise opens no process (audit 13 F8b: a mortgage broker's
reply opened one, although the user had labelled the thread's first message
not_recruiting)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import ME, SubjectTagClassifier, process_of, thread_mail

from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Label
from inbox_monitor.pipeline import apply_correction, build_pipeline, ingest
from inbox_monitor.store import Store

T = datetime(2026, 12, 8, 9, tzinfo=UTC)
BROKER = "Owen Marsh <owen@marshmortgages.example>"


def test_a_reply_in_a_thread_marked_noise_waits_for_review(tmp_path: Path) -> None:
    identity = IdentityConfig(
        addresses=frozenset({ME}), name="Alex Morgan", timezone="Europe/London", country="GB"
    )
    config = Config(data_dir=tmp_path, identity=identity)
    store = Store(config.database_path)
    first = thread_mail(
        "first",
        T,
        "[request 0.45] Your mortgage application - proof of income",
        "Hi Alex,\n\nCould you send your latest contract and three months of invoices?",
        BROKER,
    )
    ingest(store, [first], build_pipeline(config, SubjectTagClassifier()), T)
    assert process_of(store, "first") is None
    apply_correction(store, config, "<first@t>", Label.NOT_RECRUITING, T + timedelta(days=1))
    reply = thread_mail(
        "reply",
        T + timedelta(days=28),
        "[request 0.93] Re: Your mortgage application - proof of income",
        "Hi Alex,\n\nNow that your new contract is signed, could you send it by Friday?",
        BROKER,
        reply_to="first",
    )
    ingest(store, [reply], build_pipeline(config, SubjectTagClassifier()), T + timedelta(days=28))
    assert process_of(store, "reply") is None
    assert store.processes() == []
    (waiting,) = [r for r in store.open_reviews() if r["message_key"] == "<reply@t>"]
    assert "marked not recruiting" in waiting["reason"]
