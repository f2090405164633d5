"""A private, throw-away Dovecot IMAP server for the IMAP tests and the benchmark.

Everything (config, self-signed certificate, passwd-file user, Maildir, sockets, logs)
lives under one directory; the system's /etc/dovecot is never read or touched. The
server listens on 127.0.0.1 only, on free high ports, and is stopped by its own master
PID. Works as root (CI: mail is owned by nobody/nogroup, Dovecot refuses uid 0 for mail)
and as an ordinary user (every process runs as that user, no chroot).

Needs the Debian packages dovecot-imapd and openssl.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SENT_FOLDER = "Gesendete Objekte"  # a localised \Sent name: found by special use, not by name
ALL_FOLDER = "Alle Nachrichten"  # carries \All; never read unless configured
SPARE_USERS = 200  # user1@example.com ... user200@example.com, password as the main user
# a user whose password IMAP LOGIN cannot send (imaplib sends its arguments as ASCII)
NON_ASCII_USER = ("umlaut@example.com", "pässwörd-Grüße")


def dovecot_missing_reason() -> str | None:
    """Why a private Dovecot cannot run here, or None when it can."""
    for program in ("dovecot", "openssl"):
        if shutil.which(program) is None and not Path(f"/usr/sbin/{program}").exists():
            return f"{program} is not installed (apt-get install -y dovecot-imapd openssl)"
    if not Path("/usr/lib/dovecot/imap").exists():
        return "the Dovecot IMAP server is not installed (apt-get install -y dovecot-imapd)"
    return None


def require_dovecot(purpose: str = "IMAP tests") -> None:
    """Skip when Dovecot cannot run here, with the reason; under CI=true, fail instead."""
    reason = dovecot_missing_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and the IMAP test server cannot run: {reason}")
    pytest.skip(f"{purpose} need Dovecot: {reason}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _alive(pid: int) -> bool:
    """True while `pid` runs and is not a zombie (kill -0 alone reports zombies as alive)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("State:"):
            return line.split()[1] != "Z"
    return False


def _children(pid: int) -> list[int]:
    """PIDs whose parent is `pid` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if fields and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _make_traversable(directory: Path) -> None:
    """Dovecot's auth and login processes run as other users: every parent needs o+x."""
    for path in [directory, *directory.parents]:
        mode = path.stat().st_mode
        if not mode & 0o001:
            with contextlib.suppress(PermissionError):
                os.chmod(path, mode | 0o755)


@dataclass
class DovecotServer:
    """One private Dovecot instance rooted at `directory`."""

    directory: Path
    user: str = "test@example.com"
    password: str = "secret"
    imap_port: int = field(default_factory=free_port)
    imaps_port: int = field(default_factory=free_port)
    host: str = "127.0.0.1"
    pid: int | None = None
    extra_config: str = ""  # appended to dovecot.conf (e.g. an imap_capability without IDLE)

    @property
    def ca_file(self) -> Path:
        return self.directory / "ssl" / "cert.pem"

    @property
    def maildir(self) -> Path:
        return self.directory / "mail" / self.user / "Maildir"

    @property
    def log_file(self) -> Path:
        return self.directory / "log" / "dovecot.log"

    def _ids(self) -> tuple[int, int, str, str]:
        """(mail uid, mail gid, login user, internal user)."""
        if os.getuid() == 0:
            return (
                pwd.getpwnam("nobody").pw_uid,
                grp.getgrnam("nogroup").gr_gid,
                "dovenull",
                "dovecot",
            )
        me = pwd.getpwuid(os.getuid()).pw_name
        return os.getuid(), os.getgid(), me, me

    def prepare(self) -> None:
        """Write config, certificate and user; create the Maildir (so tests may fill it)."""
        self.directory = self.directory.resolve()
        for sub in ("run", "state", "log", "ssl", "mail"):
            (self.directory / sub).mkdir(parents=True, exist_ok=True)
        _make_traversable(self.directory)
        for sub in ("run", "state", "log"):
            os.chmod(self.directory / sub, 0o755)
        mail_uid, mail_gid, login_user, internal_user = self._ids()
        if not self.ca_file.exists():
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                 "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                 str(self.directory / "ssl" / "key.pem"), "-out", str(self.ca_file),
                 "-days", "30", "-subj", "/CN=localhost",
                 "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                check=True, capture_output=True,
            )  # fmt: skip
            os.chmod(self.directory / "ssl" / "key.pem", 0o600)
        users = self.directory / "users"
        # spare users for per-test mailboxes: Dovecot re-reads an edited passwd-file only
        # when its mtime changes, which a fast test run can miss
        spares = [f"user{n}@example.com" for n in range(1, SPARE_USERS + 1)]
        logins = [(name, self.password) for name in [self.user, *spares]] + [NON_ASCII_USER]
        users.write_text(
            "".join(f"{name}:{{PLAIN}}{password}::::::\n" for name, password in logins),
            encoding="utf-8",
        )
        os.chmod(users, 0o644)
        self.maildir.mkdir(parents=True, exist_ok=True)
        for sub in ("cur", "new", "tmp"):
            (self.maildir / sub).mkdir(exist_ok=True)
        unprivileged = os.getuid() != 0
        chroot = "chroot =" if unprivileged else ""
        group = f"group = {grp.getgrgid(os.getgid()).gr_name}" if unprivileged else ""
        listeners = "\n".join(
            f"service {name} {{\n  unix_listener {socket_name} {{\n"
            f"    {mode}\n    {group}\n  }}\n}}"
            for name, socket_name, mode in (
                ("stats", "stats-writer", "mode = 0666"),
                ("imap-hibernate", "imap-hibernate", ""),
                ("dict", "dict", ""),
                ("dict-async", "dict-async", ""),
            )
        )
        root = self.directory
        (root / "dovecot.conf").write_text(
            f"""# private test instance written by tests/dovecot_server.py
instance_name = inbox-monitor-test-{self.imaps_port}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/log/dovecot.log
info_log_path = {root}/log/dovecot-info.log
protocols = imap
listen = 127.0.0.1
default_login_user = {login_user}
default_internal_user = {internal_user}
ssl = yes
ssl_cert = <{root}/ssl/cert.pem
ssl_key = <{root}/ssl/key.pem
ssl_dh = </usr/share/dovecot/dh.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={root}/mail/%u
}}
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_fsync = never
mail_max_userip_connections = 200
namespace inbox {{
  inbox = yes
  separator = /
  mailbox "{SENT_FOLDER}" {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox "{ALL_FOLDER}" {{
    special_use = \\All
    auto = create
  }}
}}
service imap-login {{
  {chroot}
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  {chroot}
}}
{listeners}
{self.extra_config}
"""
        )
        if os.getuid() == 0:
            self.chown_mail()

    def chown_mail(self) -> None:
        """Give the mail tree to the mail uid (after a test wrote Maildir files as root)."""
        mail_uid, mail_gid, _, _ = self._ids()
        if os.getuid() != 0:
            return
        for dirpath, _dirnames, filenames in os.walk(self.directory / "mail"):
            os.chown(dirpath, mail_uid, mail_gid)
            for name in filenames:
                os.chown(os.path.join(dirpath, name), mail_uid, mail_gid)

    def start(self) -> None:
        """Start the instance and wait until both ports answer (about 0.2 s)."""
        if not (self.directory / "dovecot.conf").exists():
            self.prepare()
        pid_file = self.directory / "run" / "master.pid"
        pid_file.unlink(missing_ok=True)
        # The master daemonizes and keeps its stdio: never hand it a pipe we would wait on.
        start_log = self.directory / "log" / "start.out"
        with start_log.open("wb") as output:
            result = subprocess.run(
                ["dovecot", "-c", str(self.directory / "dovecot.conf")],
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, timeout=30,
            )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(
                f"dovecot failed to start: {start_log.read_text()}{self._log_tail()}"
            )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if pid_file.exists() and pid_file.read_text().strip():
                self.pid = int(pid_file.read_text().strip())
            if self.pid and self._greets(self.imap_port) and self._connects(self.imaps_port):
                return
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"dovecot did not answer on {self.imap_port}{self._log_tail()}")

    def stop(self) -> None:
        """Stop this instance: SIGTERM its master, then end any of the master's children left.

        Dovecot's imap processes may outlive the master and keep serving open
        connections; a test that stops the server needs those connections cut.
        """
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        children = _children(pid)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for child in children:
            if _alive(child):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)

    def _greets(self, port: int) -> bool:
        try:
            with socket.create_connection((self.host, port), timeout=1) as sock:
                return sock.recv(64).startswith(b"* OK")
        except OSError:
            return False

    def _connects(self, port: int) -> bool:
        try:
            with socket.create_connection((self.host, port), timeout=1):
                return True
        except OSError:
            return False

    def _log_tail(self) -> str:
        try:
            return "\n" + "\n".join(self.log_file.read_text().splitlines()[-20:])
        except OSError:
            return ""


def write_maildir_messages(
    maildir: Path, folder: str, messages: Iterable[bytes], flags: str = ""
) -> int:
    """Write messages straight into a Maildir folder before Dovecot starts (fast bulk fill).

    `folder` is "INBOX" or a Maildir++ name such as ".Archive" (ASCII only). Files are
    named as any Maildir delivery agent would; Dovecot assigns UIDs on first look.
    `flags` are Maildir info letters ("S" = \\Seen). Returns the bytes written.
    """
    base = maildir if folder == "INBOX" else maildir / folder
    for sub in ("cur", "new", "tmp"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    stamp = 1_700_000_000
    total = 0
    for index, data in enumerate(messages):
        name = f"{stamp + index}.M{index}P1.test,S={len(data)}:2,{flags}"
        (base / "cur" / name).write_bytes(data)
        total += len(data)
    return total
