"""The status board: stored processes and messages turned into statuses as of `now`."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from inbox_monitor.config import Config
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.models import MessageRecord
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus, board, process_status


def calendar_for(config: Config) -> BusinessCalendar:
    return BusinessCalendar(config.identity.country, config.identity.subdivision)


def load_board(store: Store, config: Config, now: datetime) -> list[ProcessStatus]:
    """Every process that existed at `now`, stalled first."""
    by_process: dict[int, list[MessageRecord]] = defaultdict(list)
    for record in store.message_records(filed=True):
        assert record.process_id is not None
        by_process[record.process_id].append(record)
    processes = [(p, by_process.get(p.id, [])) for p in store.processes()]
    return board(processes, now, config.tracking, calendar_for(config), config.identity.zone)


def load_status(store: Store, config: Config, process_id: int, now: datetime) -> ProcessStatus:
    process = store.process(process_id)
    messages = store.message_records(process_id)
    return process_status(
        process, messages, now, config.tracking, calendar_for(config), config.identity.zone
    )
