"""Reading a stored mailbox again after an upgrade (pipeline.reread_if_stale).

Usage: python bench/bench_reread.py [COUNT ...]   (default: 10000)
Each size is the Maildir bench_import.py generates under bench/out/, imported once into a
fresh database in a child process, which then marks the store as read by an older
version's rules and times the reread that follows: wall time, messages read (those filed in
a process), the longest batch transaction (what a writer beside it can wait for), and the
start-up check when nothing is to be read. With --all-filed, every message is put in a
process first (the worst case: a mailbox of recruiting mail only).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from mailgen import cached_maildir

CHILD = r"""
import json, sys, time
from datetime import UTC, datetime
from pathlib import Path
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.pipeline import build_pipeline, ingest, reading_rules, reread_if_stale
from inbox_monitor.sources import open_source
from inbox_monitor.store import Store

maildir, data_dir, all_filed = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
config = Config(data_dir=data_dir, identity=IdentityConfig(addresses=frozenset({"alex.morgan@example.net"})))
store = Store(config.database_path)
ingest(store, iter(open_source(maildir)), build_pipeline(config), datetime(2026, 11, 24, tzinfo=UTC))
if all_filed:
    store.db.execute("UPDATE messages SET process_id = (SELECT min(id) FROM processes)")
store.read_by("rules-of-an-older-version")
batches, began = [], [0.0]
def trace(statement):
    if statement == "BEGIN IMMEDIATE":
        began[0] = time.perf_counter()
    elif statement == "COMMIT":
        batches.append(time.perf_counter() - began[0])
store.db.conn.set_trace_callback(trace)
start = time.perf_counter()
done = reread_if_stale(store, config)
seconds = time.perf_counter() - start
store.db.conn.set_trace_callback(None)
check = time.perf_counter()
assert reread_if_stale(store, config) is None and store.reading().rules == reading_rules(config.identity)
check = time.perf_counter() - check
print(json.dumps({"stored": store.message_count(), "read": done.read, "changed": done.changed,
  "seconds": seconds, "batches": len(batches), "longest_batch": max(batches), "check": check}))
store.close()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[10000], metavar="COUNT")
    parser.add_argument("--all-filed", action="store_true", help="put every message in a process")
    options = parser.parse_args()
    counts = options.counts
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    print(
        f"{'stored':>7} {'read':>6} {'changed':>7} {'seconds':>8} {'msgs/s':>7} "
        f"{'batches':>7} {'longest batch s':>15} {'check ms':>8}"
    )
    for count in counts:
        maildir, _ = cached_maildir(out, count)
        with tempfile.TemporaryDirectory() as data_dir:
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(maildir), data_dir, str(int(options.all_filed))],
                check=True,
                capture_output=True,
                text=True,
            )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{figures['stored']:>7} {figures['read']:>6} {figures['changed']:>7} "
            f"{figures['seconds']:>8.1f} {figures['read'] / figures['seconds']:>7.0f} "
            f"{figures['batches']:>7} {figures['longest_batch']:>15.2f} "
            f"{figures['check'] * 1000:>8.1f}"
        )
    print(
        "(read = the stored messages filed in a process, the only ones a reread reads; changed"
        " is 0 unless --all-filed puts noise in a process: the same rules read the rest when"
        " they were imported)"
    )


if __name__ == "__main__":
    main()
