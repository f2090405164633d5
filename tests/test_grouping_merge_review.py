"""A merge carries the review list's candidates over (audit 13 F2b: after `merge 3 6`,
`review` still listed two messages with "candidates 3,6" though #6 was gone)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import ME, ingested_one_by_one, process_of, thread_mail

from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.pipeline import merge_processes

T = datetime(2026, 12, 2, 9, tzinfo=UTC)
CAREERS = "Lumen Health Talent <careers@lumenhealth.example>"


def uk_config(tmp_path: Path) -> Config:
    identity = IdentityConfig(
        addresses=frozenset({ME}), name="Alex Morgan", timezone="Europe/London", country="GB"
    )
    return Config(data_dir=tmp_path, identity=identity)


def receipt(key: str, day: int, role: str) -> object:
    return thread_mail(
        key,
        T + timedelta(days=day),
        "[acknowledgement] Thank you for applying to Lumen Health",
        f"Thank you for applying for the {role} role at Lumen Health. We will review it.",
        CAREERS,
    )


def test_a_merge_settles_the_tie_between_the_merged_processes(tmp_path: Path) -> None:
    config = uk_config(tmp_path)
    update = thread_mail(
        "update",
        T + timedelta(days=5),
        "[delay] An update on your application to Lumen Health",
        "We are still reviewing applications and will be in touch in the week of 11 January.",
        CAREERS,
    )
    items = [receipt("one", 0, "Data Engineer"), receipt("two", 1, "Data Engineering Manager")]
    store = ingested_one_by_one(config, [*items, update], T + timedelta(days=6))  # type: ignore[list-item]
    one, two = process_of(store, "one"), process_of(store, "two")
    assert one is not None and two is not None and one != two
    (waiting,) = [r for r in store.open_reviews() if r["message_key"] == "<update@t>"]
    assert sorted(json.loads(waiting["candidates_json"])) == sorted([one, two])

    merge_processes(store, one, [two], T + timedelta(days=7), config)
    # the tie was between the two: the message joins the one left and leaves the review list
    assert process_of(store, "update") == one
    assert not [r for r in store.open_reviews() if r["message_key"] == "<update@t>"]


def test_a_merge_names_the_target_among_the_candidates_that_remain(tmp_path: Path) -> None:
    config = uk_config(tmp_path)
    update = thread_mail(
        "update",
        T + timedelta(days=5),
        "[delay] An update on your application to Lumen Health",
        "We are still reviewing applications and will be in touch in the week of 11 January.",
        CAREERS,
    )
    items = [
        receipt("one", 0, "Data Engineer"),
        receipt("two", 1, "Data Engineering Manager"),
        receipt("three", 2, "Platform Architect"),
    ]
    store = ingested_one_by_one(config, [*items, update], T + timedelta(days=6))  # type: ignore[list-item]
    one, two, three = (process_of(store, k) for k in ("one", "two", "three"))
    assert one is not None and two is not None and three is not None
    merge_processes(store, one, [three], T + timedelta(days=7), config)
    # still a tie, between #one and #two: no candidate is a process that is gone
    (waiting,) = [r for r in store.open_reviews() if r["message_key"] == "<update@t>"]
    assert process_of(store, "update") is None
    assert sorted(json.loads(waiting["candidates_json"])) == sorted([one, two])
