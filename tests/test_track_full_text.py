"""The board reads what the sender wrote in a message, not only its first 200 characters:
a reserve list or a hold said after a long opening counts (user audit 9 F12, audit 10 F12),
on a store built by the pipeline. Needs store.py's `_record` to fill MessageRecord.text."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.board import load_board
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Origin, RawMessage, State
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

ZONE = ZoneInfo("Europe/London")
HR = "Kingsbridge Council Recruitment <recruitment@kingsbridge-council.example>"
OPENING = (
    "Dear Alex,\n\nThank you for coming to the panel interview for the post of Senior Policy"
    " Officer (reference 40417) last week, and for the presentation you gave on rail freight."
    " The panel met on Monday to score every candidate against the behaviours.\n\n"
)


def _mail(key: str, subject: str, body: str, day: int, **headers: str) -> RawMessage:
    raw = eml(sender=HR, subject=subject, body=body, message_id=f"<{key}@test>",
              date=datetime(2027, 1, day, 10, 0, tzinfo=ZONE), **headers)  # fmt: skip
    return RawMessage(raw, Origin(kind="eml", path=f"{key}.eml"))


def test_a_reserve_list_said_after_a_long_opening_keeps_the_process_open(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path, identity=IdentityConfig(addresses=frozenset({ME}),
                                                               timezone="Europe/London", country="GB"))  # fmt: skip
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    messages = [
        _mail("a", "[interview] Senior Policy Officer 40417 - interview", "Dear Alex, Kingsbridge"
              " Council would like to invite you to interview for the Senior Policy Officer"
              " post.", 4),
        _mail("b", "[rejection] Senior Policy Officer 40417 - outcome", OPENING + "You met the"
              " required standard, and you have been placed on our reserve list. The reserve"
              " list is valid for 12 months.", 12, in_reply_to="<a@test>"),
    ]  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, messages, pipeline, datetime(2027, 1, 12, 12, 0, tzinfo=ZONE))
        record = next(m for m in store.message_records(filed=True) if m.message_id == "<b@test>")
        assert "reserve list" in record.text and len(record.snippet) == 200
        statuses = load_board(store, config, datetime(2027, 1, 13, 9, 0, tzinfo=ZONE))
    assert [(s.state, s.reserve_until) for s in statuses] == [
        (State.ACTIVE, datetime(2028, 1, 12).date())
    ]
