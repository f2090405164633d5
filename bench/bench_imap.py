"""IMAP sync figures against a private local Dovecot, side by side with mbsync.

Usage: python bench/bench_imap.py [--count 10000] [--no-new 1000,10000,50000] [--skip-50k]

1. Generates COUNT realistic messages (bench/mailgen.py: 5-50 KB text + HTML, one in
   ten with a 50 KB - 2 MB attachment, one in ten recruiting mail) straight into the
   Maildir of a private Dovecot on /dev/shm (tests/dovecot_server.py), and starts it.
2. mbsync (Debian package isync) downloads INBOX to a Maildir over TLS: wall time and
   the bytes it stored (a lower bound of what it received).
3. Our fetch stage alone (sync with an ingest that drops the batch): wall time and the
   bytes read from the server after TLS (counted in imap.py).
4. The whole pipeline (fetch, parse, classify, extract, match, store) into a fresh
   database: messages/second.
5. A sync with nothing new on folders of 1k / 10k / 50k messages: wall time and bytes.
6. Peak RSS (VmHWM) of first syncs in child processes, with RSS sampled every batch.

Every timed run is a child process, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from dovecot_server import DovecotServer, dovecot_missing_reason, write_maildir_messages  # noqa: E402
from mailgen import COMPANIES, NAMES, RECRUITING, ROLES, WORDS, generate  # noqa: E402


def _status_kb(field: str) -> int:
    """A memory figure of this process from /proc (VmRSS now, VmHWM its peak).

    VmHWM rather than ru_maxrss: the latter survives exec, so a child would report
    the peak of the benchmark's parent.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def distinct_messages(count: int, seed: int = 11) -> Iterator[bytes]:
    """Cheap distinct 2-20 KB text messages (no attachments), one in ten recruiting."""
    import random
    from email.message import EmailMessage

    rng = random.Random(seed)
    for index in range(count):
        message = EmailMessage()
        name, company = rng.choice(NAMES), rng.choice(COMPANIES)
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(300, 3000)))
        if index % 10 == 0:
            subject, body = rng.choice(RECRUITING)
            values = {"role": rng.choice(ROLES), "company": company, "name": name}
            quoted = "> " + words  # the thread below the news, as in mailgen
            subject, body = subject.format(**values), body.format(**values) + "\n\n" + quoted
        else:
            subject, body = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize(), words
        message["From"] = f"{name} <{name.split()[0].lower()}@{company.lower()[:6]}.example>"
        message["To"] = "Alex Morgan <alex.morgan@example.net>"
        message["Subject"] = subject
        message["Date"] = "Mon, 02 Nov 2026 10:00:00 +0000"
        message["Message-ID"] = f"<distinct-{seed}-{index}@bench.example>"
        message.set_content(f"{body}\n\nmessage {index}\n")
        yield message.as_bytes()


def child(args: list[str]) -> None:
    """Run one sync in this process and print a JSON line of figures."""
    from datetime import UTC, datetime

    from inbox_monitor.classify import RulesClassifier
    from inbox_monitor.config import AccountConfig, Config, Credentials, IdentityConfig
    from inbox_monitor.errors import InboxMonitorError
    from inbox_monitor.models import Summary
    from inbox_monitor.pipeline import build_pipeline, ingest_batch
    from inbox_monitor.store import Store
    from inbox_monitor.sync import Credentials as Secrets
    from inbox_monitor.sync import FolderTarget, sync_folder

    mode, port, user, password, ca, folder, database = args
    account = AccountConfig(
        name="bench", host="127.0.0.1", port=int(port), security="ssl", username=user,
        credentials=Credentials(password=password), ca_file=Path(ca),
        folders=(folder,) if folder != "INBOX" else (),
    )  # fmt: skip
    config = Config(
        data_dir=Path(database).parent,
        accounts=(account,),
        identity=IdentityConfig(addresses=frozenset({"alex.morgan@example.net"})),
    )
    try:
        pipeline = build_pipeline(config)  # the classifier the project ships
    except InboxMonitorError as err:
        print(f"shipped classifier unusable ({err}); using the rules baseline", file=sys.stderr)
        pipeline = build_pipeline(config, RulesClassifier())
    samples: list[int] = []

    def sample(progress: object) -> None:
        samples.append(_status_kb("VmRSS"))

    def drop(
        store: object, items: object, pipe: object, now: object, prepared: object = None, /
    ) -> Summary:
        return Summary(new=len(items))  # type: ignore[arg-type]

    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    with Store(Path(database)) as store, Secrets().open(account) as mailbox:
        # timed from the EXAMINE on: connect and login (about 10 ms here) are left out
        timings = []
        for _ in range(5 if mode == "again" else 1):  # a no-new sync is short: take a median
            started = time.perf_counter()
            result = sync_folder(
                mailbox, account, FolderTarget(folder), store, pipeline, now,
                progress=sample, ingest=ingest_batch if mode == "full" else drop,
                parse_workers=None if mode == "full" else 0,  # the fetch stage parses nothing
            )  # fmt: skip
            timings.append(time.perf_counter() - started)
        seconds = sorted(timings)[len(timings) // 2]
        started = time.perf_counter()
        mailbox.examine(folder)  # the server's share of a no-new-mail sync
        examine_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "examine_seconds": examine_seconds,
                "fetched": result.fetched,
                "new": result.summary.new,
                "failed": result.summary.failed,
                "classifier": pipeline.classifier.name,
                "unchanged": result.unchanged,
                "bytes": result.bytes_received,
                "maxrss_kb": _status_kb("VmHWM"),
                "rss_samples_kb": samples[:: max(1, len(samples) // 10)],
            }
        )
    )


def run_child(mode: str, server: DovecotServer, folder: str, database: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, "child", mode, str(server.imaps_port), server.user,
         server.password, str(server.ca_file), folder, str(database)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"the {mode} child failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def run_mbsync(server: DovecotServer, work: Path) -> dict[str, float]:
    local = work / "mbsync-maildir"
    shutil.rmtree(local, ignore_errors=True)
    local.mkdir()
    config = work / "mbsyncrc"
    config.write_text(
        f"""IMAPAccount bench
Host localhost
Port {server.imaps_port}
User {server.user}
Pass {server.password}
SSLType IMAPS
CertificateFile {server.ca_file}

IMAPStore remote
Account bench

MaildirStore local
Path {local}/
Inbox {local}/INBOX

Channel bench
Far :remote:
Near :local:
Patterns INBOX
Sync Pull
Create Near
SyncState *
"""
    )
    started = time.perf_counter()
    subprocess.run(["mbsync", "-q", "-c", str(config), "bench"], check=True, cwd=work)
    seconds = time.perf_counter() - started
    files = [
        p for p in (local / "INBOX").rglob("*") if p.is_file() and p.parent.name in ("cur", "new")
    ]
    return {
        "seconds": seconds,
        "messages": len(files),
        "bytes": sum(p.stat().st_size for p in files),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--no-new", default="1000,10000,50000")
    parser.add_argument("--skip-50k", action="store_true")
    parser.add_argument(
        "--pipeline-50k",
        action="store_true",
        help="also time the whole pipeline's first sync of 50,000 distinct text messages",
    )
    options = parser.parse_args()
    reason = dovecot_missing_reason()
    if reason or shutil.which("mbsync") is None:
        sys.exit(f"needs Dovecot and mbsync: {reason or 'mbsync missing (apt-get install isync)'}")
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    work = Path(tempfile.mkdtemp(prefix="bench-imap-", dir=base))
    server = DovecotServer(work / "dovecot")
    try:
        server.prepare()
        started = time.perf_counter()
        # the no-new-mail folders: the corpus's attachment-free messages, repeated
        small: list[bytes] = []

        def keep_small(messages: Iterator[bytes]) -> Iterator[bytes]:
            for data in messages:
                if len(data) < 60_000 and len(small) < 2_000:
                    small.append(data)
                yield data

        total_bytes = write_maildir_messages(
            server.maildir, "INBOX", keep_small(generate(options.count))
        )
        sizes = [int(s) for s in options.no_new.split(",") if s]
        if options.skip_50k:
            sizes = [s for s in sizes if s < 50_000]
        for size in sizes:
            filler = [small[i % len(small)] for i in range(size)]
            write_maildir_messages(server.maildir, f".Size{size}", filler)
        if options.pipeline_50k:
            write_maildir_messages(server.maildir, ".Distinct50000", distinct_messages(50_000))
        server.chown_mail()
        print(f"generated {options.count} messages ({total_bytes / 1e6:.0f} MB) and folders"
              f" {sizes} in {time.perf_counter() - started:.0f} s")  # fmt: skip
        server.start()

        # best of two, alternating: the machine is shared, the slower run measures the noise
        mbsync_runs, fetch_runs = [], []
        for attempt in range(2):
            mbsync_runs.append(run_mbsync(server, work))
            fetch_runs.append(run_child("fetch", server, "INBOX", work / f"fetch{attempt}.db"))
        mbsync = min(mbsync_runs, key=lambda r: r["seconds"])
        fetch = min(fetch_runs, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
        print(f"mbsync runs: {[round(r['seconds'], 1) for r in mbsync_runs]} s;"
              f" fetch-stage runs: {[round(float(r['seconds']), 1) for r in fetch_runs]} s")  # type: ignore[arg-type]  # fmt: skip
        whole = run_child("full", server, "INBOX", work / "full.db")
        print(
            f"\n== first sync of INBOX, {options.count} messages, {total_bytes / 1e6:.0f} MB on the server"
        )
        print(f"{'':28}{'seconds':>9}{'msgs/s':>9}{'MB read':>10}{'peak RSS MB':>13}")
        rows = [
            ("mbsync (full messages)", mbsync["seconds"], mbsync["messages"], mbsync["bytes"], None),
            ("inbox-monitor fetch stage", fetch["seconds"], fetch["fetched"], fetch["bytes"], fetch["maxrss_kb"]),
            ("inbox-monitor whole pipeline", whole["seconds"], whole["new"], whole["bytes"], whole["maxrss_kb"]),
        ]  # fmt: skip
        for label, seconds, count, read, rss in rows:
            rate = float(count) / float(seconds)  # type: ignore[arg-type]
            peak = f"{float(rss) / 1024:13.0f}" if rss else f"{'-':>13}"  # type: ignore[arg-type]
            print(f"{label:28}{seconds:9.1f}{rate:9.0f}{float(read) / 1e6:10.1f}{peak}")  # type: ignore[arg-type]
        print(f"fetch-stage bytes / mbsync bytes: {float(fetch['bytes']) / mbsync['bytes']:.3f}")  # type: ignore[arg-type]
        print(f"whole-pipeline RSS samples (KB): {whole['rss_samples_kb']}")
        print(
            f"whole pipeline: {whole['new']} new, {whole['failed']} failed, classifier {whole['classifier']}"
        )

        print("\n== sync with nothing new (after a first fetch-stage sync of the folder)")
        print(
            f"{'messages':>9}{'first s':>9}{'first RSS MB':>14}{'no-new ms':>11}"
            f"{'no-new bytes':>14}{'EXAMINE ms':>12}"
        )
        for size in sizes:
            database = work / f"size{size}.db"
            first = run_child("fetch", server, f"Size{size}", database)
            again = run_child("again", server, f"Size{size}", database)
            assert again["unchanged"], again
            print(f"{size:9}{first['seconds']:9.1f}{float(first['maxrss_kb']) / 1024:14.0f}"  # type: ignore[arg-type]
                  f"{float(again['seconds']) * 1000:11.1f}{again['bytes']:14}"
                  f"{float(again['examine_seconds']) * 1000:12.1f}")  # type: ignore[arg-type]  # fmt: skip
            print(f"{'':9} RSS samples during the first sync (KB): {first['rss_samples_kb']}")
        if options.pipeline_50k:
            big = run_child("full", server, "Distinct50000", work / "distinct.db")
            rate = float(big["new"]) / float(big["seconds"])  # type: ignore[arg-type]
            print(
                f"\n== whole pipeline, first sync of 50,000 distinct text messages:"
                f" {big['seconds']:.0f} s, {rate:.0f} msgs/s, {big['new']} new,"
                f" {big['failed']} failed, peak RSS {float(big['maxrss_kb']) / 1024:.0f} MB"  # type: ignore[arg-type]
                f"\nRSS samples (KB): {big['rss_samples_kb']}"
            )
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        child(sys.argv[2:])
    else:
        main()
