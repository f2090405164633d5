"""Import throughput and peak memory: `inbox-monitor import` of a generated Maildir.

Usage: python bench/bench_import.py [--jobs N,...] [COUNT ...]   (default: 2000 10000; jobs 0,2)
`--jobs` lists the parse_workers values to compare (0: parse in the importing process).
Each size is generated once under bench/out/, then imported into a fresh database in a
child process that reports wall time, messages/second and peak RSS (ru_maxrss), so
memory can be compared across mailbox sizes (it should stay flat: import streams).
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
import json, resource, sys, time
from datetime import UTC, datetime
from pathlib import Path
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.sources import open_source
from inbox_monitor.store import Store

maildir, data_dir, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
config = Config(data_dir=data_dir, identity=IdentityConfig(addresses=frozenset({"alex.morgan@example.net"})))
start_load = time.perf_counter()
pipeline = build_pipeline(config)
load = time.perf_counter() - start_load
store = Store(config.database_path)
now = datetime(2026, 11, 24, tzinfo=UTC)
start = time.perf_counter()
summary = ingest(store, iter(open_source(maildir)), pipeline, now, parse_workers=workers)
elapsed = time.perf_counter() - start
again_start = time.perf_counter()
again = ingest(store, iter(open_source(maildir)), pipeline, now, parse_workers=workers)
again_elapsed = time.perf_counter() - again_start
store.close()
print(json.dumps({"new": summary.new, "known": summary.known, "failed": summary.failed,
  "seconds": elapsed, "load_seconds": load, "reimport_seconds": again_elapsed,
  "reimport_new": again.new, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[2000, 10000], metavar="COUNT")
    parser.add_argument(
        "--jobs",
        type=lambda text: [int(j) for j in text.split(",")],
        default=[0, 2],
        help="parse_workers values to compare, comma-separated (0: parse in the importer)",
    )
    options = parser.parse_args()
    jobs, counts = options.jobs, options.counts
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    print(
        f"{'messages':>9} {'jobs':>4} {'MB':>7} {'seconds':>8} {'msgs/s':>8} {'MB/s':>6} "
        f"{'peak RSS MB':>11} {'re-import s':>11}"
    )
    for count in counts:
        maildir, size = cached_maildir(out, count)
        for workers in jobs:
            with tempfile.TemporaryDirectory() as data_dir:
                result = subprocess.run(
                    [sys.executable, "-c", CHILD, str(maildir), data_dir, str(workers)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            assert figures["new"] == count and figures["reimport_new"] == 0, figures
            rate = count / figures["seconds"]
            print(
                f"{count:>9} {workers:>4} {size / 1e6:>7.1f} {figures['seconds']:>8.1f} "
                f"{rate:>8.0f} {size / 1e6 / figures['seconds']:>6.1f} "
                f"{figures['peak_rss_mb']:>11.0f} "
                f"{figures['reimport_seconds']:>11.1f}"
            )
    print(
        "(pipeline load, classifier included, is not in the timing; re-import = same Maildir "
        "again; peak RSS is the importing process's, workers not included)"
    )


if __name__ == "__main__":
    main()
