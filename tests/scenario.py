"""Import a scenario mailbox ({inbox,sent}/*.eml + expected.json) and compare its board."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from inbox_monitor.board import load_board
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Summary
from inbox_monitor.parse import parse_message
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.sources import open_source
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus

FIELDS = (
    "stage",
    "state",
    "outcome",
    "expected_by",
    "expected_source",
    "days_overdue",
    "meeting_at",
    "user_deadline",
)


@dataclass
class Loaded:
    expected: dict[str, Any]
    config: Config
    summary: Summary
    rows: dict[str, dict[str, Any]]  # Message-ID -> messages row
    ids: dict[str, str]  # file name -> Message-ID
    reviews: set[str]  # Message-IDs waiting for review

    def process_of(self, name: str) -> int | None:
        return self.rows[self.ids[name]]["process_id"]  # type: ignore[no-any-return]

    def board(self, as_of: datetime) -> list[ProcessStatus]:
        with Store(self.config.database_path) as store:
            return load_board(store, self.config, as_of)


def load(root: Path, data_dir: Path) -> Loaded:
    expected = json.loads((root / "expected.json").read_text("utf-8"))
    mail = root / "mailbox" if (root / "mailbox").is_dir() else root  # the demo keeps mail apart
    config = Config(
        data_dir=data_dir,
        identity=IdentityConfig(
            addresses=frozenset(expected["user"]),
            timezone=expected.get("timezone", "UTC"),
            country=expected.get("country"),
            name=expected.get("user_name", ""),
        ),
    )
    as_of = datetime.fromisoformat(expected["as_of"])
    import_time = datetime.combine(as_of.date(), time(0, 0), tzinfo=as_of.tzinfo)
    summary = Summary()
    with Store(config.database_path) as store:
        pipeline = build_pipeline(config)
        for folder, sent in (("inbox", False), ("sent", True)):
            if (mail / folder).is_dir():
                summary += ingest(
                    store, iter(open_source(mail / folder, sent=sent)), pipeline, import_time
                )
        rows = {r["message_id"]: r for r in store.db["messages"].rows}
        reviews = {store.message_row(r["message_key"])["message_id"] for r in store.open_reviews()}
    ids = {
        name: parse_message((mail / name).read_bytes(), received_at=import_time).message_id
        for name in expected["messages"]
    }
    return Loaded(expected, config, summary, rows, ids, reviews)


def grouping_problems(loaded: Loaded) -> list[str]:
    """Each expected process is exactly one stored process; noise and review items in none."""
    problems = []
    owners: dict[int | None, str] = {}
    for slug, process in loaded.expected["processes"].items():
        found = Counter(loaded.process_of(name) for name in process["messages"])
        pid = found.most_common(1)[0][0]
        if pid is None or pid in owners:
            problems.append(f"{slug}: no process of its own (got {pid}, also {owners.get(pid)})")
        owners[pid] = slug
        problems += [
            f"{slug}: {name} is in process {loaded.process_of(name)}, not {pid}"
            for name in process["messages"]
            if loaded.process_of(name) != pid
        ]
    for name, message in loaded.expected["messages"].items():
        if message["process"] is None and loaded.process_of(name) is not None:
            problems.append(f"{name}: belongs to no process but joined {loaded.process_of(name)}")
        if message.get("review") and loaded.ids[name] not in loaded.reviews:
            problems.append(f"{name}: should wait for review")
    return problems


def board_problems(loaded: Loaded, as_of: datetime, processes: dict[str, Any]) -> list[str]:
    statuses = {s.process.id: s for s in loaded.board(as_of)}
    problems = []
    for slug, expected in processes.items():
        files = loaded.expected["processes"][slug]["messages"]
        pid = Counter(loaded.process_of(n) for n in files).most_common(1)[0][0]
        status = statuses.get(pid)  # type: ignore[arg-type]
        if status is None:
            problems.append(f"{slug}: not on the board")
            continue
        got = {
            "stage": status.stage.value,
            "state": status.state.value,
            "outcome": status.outcome.value if status.outcome else None,
            "expected_by": status.expected_by.isoformat() if status.expected_by else None,
            "expected_source": status.expected_source,
            "days_overdue": status.days_overdue,
            "meeting_at": status.next_meeting.isoformat() if status.next_meeting else None,
            "user_deadline": (
                status.user_deadline.due.isoformat()
                if status.user_deadline and status.user_deadline.due
                else None
            ),
        }
        for field in FIELDS:
            if field in expected and got[field] != expected[field]:
                problems.append(f"{slug}.{field}: expected {expected[field]!r}, got {got[field]!r}")
    return problems
