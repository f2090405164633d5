"""The daemon's cost at rest, its reaction time, and its memory over a simulated day.

Usage: python bench/bench_daemon.py [--idle-minutes 3] [--appends 20] [--poll-interval 300]

1. Idle: `inbox-monitor run` (a child process, real clock) on three accounts of a private
   Dovecot (one user each) that all support IDLE. After the first sync, CPU time
   (utime+stime from /proc/PID/stat) is sampled over --idle-minutes and extrapolated to
   one hour; resident memory is VmRSS (and its peak VmHWM) at the end.
2. APPEND to store: the test's own client APPENDs one message at a time to INBOX; the
   latency is the time until the message's row is readable in the daemon's database
   (read-only SQLite polled every 5 ms).
3. A simulated day of polling, in this process: a Dovecot with IDLE switched off, three
   accounts kept connected and synced every --poll-interval simulated seconds exactly as
   sync.watch_account's polling loop does (folders_to_read + sync_folder per folder),
   one new message per simulated hour, plus what the daemon's main loop does each
   simulated second (digest check) and every 30 (heartbeat), and the digest itself at
   08:00 to a loopback SMTP server. The simulated clock advances instantly; RSS and
   the count of live Python objects are reported per simulated hour block.
Needs dovecot-imapd and openssl (Debian).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from aiosmtpd.controller import Controller  # noqa: E402
from dovecot_server import DovecotServer, dovecot_missing_reason  # noqa: E402
from imapclient import IMAPClient  # noqa: E402

from inbox_monitor import sync  # noqa: E402
from inbox_monitor.config import (  # noqa: E402
    AccountConfig,
    Config,
    Credentials,
    DigestConfig,
    IdentityConfig,
    SmtpConfig,
)
from inbox_monitor.daemon import Clock, Daemon  # noqa: E402
from inbox_monitor.pipeline import build_pipeline  # noqa: E402
from inbox_monitor.store import Store  # noqa: E402

USERS = ("one@example.com", "two@example.com", "three@example.com")
PASSWORD = "secret"
RUNNER = (
    "from inbox_monitor.cli import cli\n"
    "from inbox_monitor.cli.daemon import register\n"
    "if 'run' not in cli.commands:\n"
    "    register(cli)\n"
    "cli(prog_name='inbox-monitor')\n"
)
# Dovecot 2.3's post-login capabilities without IDLE, for the polling simulation.
NO_IDLE = (
    "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ SORT"
    " THREAD=REFERENCES MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED"
    " I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH"
    " LIST-STATUS BINARY MOVE SPECIAL-USE\n"
)


def message(index: int) -> bytes:
    mail = EmailMessage()
    mail["From"] = f"Jane Recruiter <jane{index % 9}@acme{index % 4}.example>"
    mail["To"] = "Alex Morgan <alex.morgan@example.net>"
    mail["Subject"] = f"Next steps for the Data Engineer role ({index})"
    mail["Date"] = format_datetime(
        datetime(2026, 11, 20, 9, 0, tzinfo=UTC) + timedelta(minutes=index)
    )
    mail["Message-ID"] = f"<bench-{index}-{time.time_ns()}@acme.example>"
    mail.set_content(
        f"Hi Alex,\n\nThanks for your time today ({index}). We will get back to you by"
        " Friday with the outcome.\n\nBest,\nJane\n"
    )
    return bytes(mail)


def start_dovecot(idle: bool) -> DovecotServer:
    reason = dovecot_missing_reason()
    if reason:
        sys.exit(f"bench_daemon: {reason}")
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    server = DovecotServer(Path(tempfile.mkdtemp(prefix="bench-daemon-", dir=base)), user=USERS[0])
    server.prepare()
    users = server.directory / "users"
    users.write_text("".join(f"{u}:{{PLAIN}}{PASSWORD}::::::\n" for u in USERS))
    if not idle:
        conf = server.directory / "dovecot.conf"
        conf.write_text(conf.read_text() + NO_IDLE)
    server.start()
    return server


def accounts(server: DovecotServer, poll_interval: int = 300) -> tuple[AccountConfig, ...]:
    return tuple(
        AccountConfig(
            name=f"account{i + 1}", host=server.host, port=server.imaps_port, security="ssl",
            username=user, credentials=Credentials(password_env="BENCH_IMAP_PASSWORD"),
            ca_file=server.ca_file, poll_interval=poll_interval,
        )
        for i, user in enumerate(USERS)
    )  # fmt: skip


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_kb(pid: int | str, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def wait_until(condition: Any, timeout: float, step: float = 0.005) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"not within {timeout} s")
        time.sleep(step)
    return time.monotonic() - start


def query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    if not database.exists():
        return []
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        return connection.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        connection.close()


def idle_and_latency(idle_minutes: float, appends: int) -> dict[str, Any]:
    server = start_dovecot(idle=True)
    home = Path(tempfile.mkdtemp(prefix="bench-daemon-home-"))
    lines = ['[identity]\naddresses = ["alex.morgan@example.net"]\ntimezone = "UTC"\n']
    for account in accounts(server):
        lines.append(
            f'[[accounts]]\nname = "{account.name}"\nhost = "{account.host}"\nport = {account.port}\n'
            f'security = "ssl"\nusername = "{account.username}"\npassword_env = "BENCH_IMAP_PASSWORD"\n'
            f'ca_file = "{account.ca_file}"\n'
        )
    (home / "config.toml").write_text("\n".join(lines))
    env = {**os.environ, "INBOX_MONITOR_HOME": str(home), "BENCH_IMAP_PASSWORD": PASSWORD,
           "INBOX_MONITOR_CONFIG": str(home / "config.toml")}  # fmt: skip
    log = open(home / "daemon.log", "wb")  # noqa: SIM115
    child = subprocess.Popen([sys.executable, "-c", RUNNER, "run"], env=env, stderr=log, stdout=log)
    database = home / "inbox-monitor.db"
    try:
        wait_until(
            lambda: len(query(database, "SELECT 1 FROM sync_health WHERE folder = ''"
                                        " AND last_success IS NOT NULL")) == 3, 60, 0.1
        )  # fmt: skip
        time.sleep(5)  # settle: every account is in IDLE
        cpu_start, wall_start = cpu_seconds(child.pid), time.monotonic()
        time.sleep(idle_minutes * 60)
        cpu_used, wall = cpu_seconds(child.pid) - cpu_start, time.monotonic() - wall_start
        rss, peak = memory_kb(child.pid, "VmRSS"), memory_kb(child.pid, "VmHWM")
        threads = memory_kb(child.pid, "Threads")
        client = IMAPClient(server.host, port=server.imap_port, ssl=False)
        client.login(USERS[0], PASSWORD)
        latencies = []
        for index in range(appends):
            before = query(database, "SELECT count(*) FROM messages")[0][0]
            started = time.monotonic()
            client.append("INBOX", message(index))
            wait_until(
                lambda b=before: query(database, "SELECT count(*) FROM messages")[0][0] > b, 30
            )
            latencies.append(time.monotonic() - started)
            time.sleep(0.5)
        client.logout()
        child.send_signal(signal.SIGTERM)
        exit_code = child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
        server.stop()
        shutil.rmtree(server.directory, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    ordered = sorted(latencies)
    return {
        "idle_measured_seconds": round(wall, 1),
        "idle_cpu_seconds_measured": round(cpu_used, 3),
        "idle_cpu_seconds_per_hour_extrapolated": round(cpu_used * 3600 / wall, 2),
        "idle_rss_mb": round(rss / 1024, 1),
        "idle_peak_rss_mb": round(peak / 1024, 1),
        "threads": threads,
        "append_to_store_seconds": {
            "n": len(ordered),
            "median": round(statistics.median(ordered), 3),
            "p95": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 3),
            "max": round(ordered[-1], 3),
        },
        "sigterm_exit_code": exit_code,
    }


class Inbox:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 OK"


def simulated_day(poll_interval: int, mail: bool = True, hours: int = 24) -> dict[str, Any]:
    server = start_dovecot(idle=False)
    home = Path(tempfile.mkdtemp(prefix="bench-daemon-day-"))
    os.environ["BENCH_IMAP_PASSWORD"] = PASSWORD
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        smtp_port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    config = Config(
        data_dir=home,
        identity=IdentityConfig(addresses=frozenset({"alex.morgan@example.net"})),
        accounts=accounts(server, poll_interval),
        digest=DigestConfig(
            enabled=True, send_at=clock_time(8, 0), recipients=("alex.morgan@example.net",),
            smtp=SmtpConfig("127.0.0.1", smtp_port, "plain"),
        ),
    )  # fmt: skip
    start = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
    clock = Clock(start=start)
    simulated = [0.0]
    clock.now = lambda: start + timedelta(seconds=simulated[0])  # type: ignore[method-assign]
    daemon = Daemon(config=config, reload_config=lambda: config, clock=clock)
    pipeline = build_pipeline(config)
    daemon._pipeline = pipeline
    store = Store(config.database_path)
    credentials = sync.Credentials()
    mailboxes = {a.name: credentials.open(a) for a in config.accounts}
    seeder = IMAPClient(server.host, port=server.imap_port, ssl=False)
    seeder.login(USERS[0], PASSWORD)
    samples: list[dict[str, Any]] = []
    polls = 0
    wall_start = time.monotonic()
    try:
        for second in range(hours * 3600):
            simulated[0] = float(second)
            now = clock.now()
            if mail and second % 3600 == 1800:
                seeder.append("INBOX", message(second))
            if second % poll_interval == 0:
                for account in config.accounts:
                    mailbox = mailboxes[account.name]
                    for target in sync.folders_to_read(mailbox, account):
                        sync.sync_folder(mailbox, account, target, store, pipeline, now)
                    store.record_sync_health(account.name, sync.ACCOUNT_LEVEL, now)
                    polls += 1
            if second % 30 == 0:
                daemon._beat(store, now)
            daemon._maybe_send_digest(store, now)
            if second % 3600 == 3599:
                gc.collect()
                samples.append(
                    {
                        "hour": second // 3600 + 1,
                        "rss_mb": round(memory_kb("self", "VmRSS") / 1024, 2),
                        "python_objects": len(gc.get_objects()),
                    }
                )
        messages = store.message_count()
    finally:
        for mailbox in mailboxes.values():
            mailbox.close()
        seeder.logout()
        store.close()
        controller.stop()
        server.stop()
        shutil.rmtree(server.directory, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    first, last = samples[0], samples[-1]
    return {
        "poll_interval_seconds": poll_interval,
        "new_mail_each_hour": mail,
        "polls": polls,
        "messages_stored": messages,
        "digests_sent": inbox.count,
        "wall_seconds": round(time.monotonic() - wall_start, 1),
        "rss_mb_hour_1": first["rss_mb"],
        f"rss_mb_hour_{hours}": last["rss_mb"],
        f"rss_growth_mb_hours_1_to_{hours}": round(last["rss_mb"] - first["rss_mb"], 2),
        "python_objects_hour_1": first["python_objects"],
        f"python_objects_hour_{hours}": last["python_objects"],
        "samples_every_6_hours": [s for s in samples if s["hour"] % 6 == 0 or s["hour"] == 1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--idle-minutes", type=float, default=3.0)
    parser.add_argument("--appends", type=int, default=20)
    parser.add_argument("--poll-interval", type=int, default=300)
    parser.add_argument("--skip-idle", action="store_true")
    parser.add_argument("--skip-day", action="store_true")
    parser.add_argument("--hours", type=int, default=24, help="simulated hours")
    parser.add_argument("--no-mail", action="store_true", help="no new message each hour")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    if not args.skip_idle:
        results["idle_three_accounts"] = idle_and_latency(args.idle_minutes, args.appends)
        print(json.dumps(results["idle_three_accounts"], indent=2), flush=True)
    if not args.skip_day:
        results["simulated_day"] = simulated_day(
            args.poll_interval, mail=not args.no_mail, hours=args.hours
        )
        print(json.dumps(results["simulated_day"], indent=2), flush=True)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_daemon.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
