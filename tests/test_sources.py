"""Local mail sources: .eml files, directories, mbox files and Maildirs."""

from __future__ import annotations

import logging
import os
import signal
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from inbox_monitor import sources
from inbox_monitor.errors import SourceError
from inbox_monitor.models import Origin, ParsedMessage, RawMessage, SourceFailure
from inbox_monitor.parse_pool import ParseAhead
from inbox_monitor.sources import (
    DirectorySource,
    EmlSource,
    MaildirSource,
    MboxSource,
    open_source,
)


def message(number: int, body: str = "") -> bytes:
    return (
        f"From: Recruiter {number} <r{number}@agency.example>\n"
        f"Subject: Role {number}\n"
        f"Message-ID: <m{number}@agency.example>\n\n"
        f"Hello, about role {number}.\n{body}"
    ).encode()


def messages_of(items: list[RawMessage | SourceFailure]) -> list[RawMessage]:
    return [item for item in items if isinstance(item, RawMessage)]


class Hung(Exception):  # not an OSError, which the code under test may catch
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail, rather than hang the run, when the block takes longer (a blocked open(2))."""

    def expired(_signum: int, _frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1)  # again each second, until the end
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_missing_path_raises_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        open_source(tmp_path / "nope.mbox")


def test_single_eml_file(tmp_path: Path) -> None:
    path = tmp_path / "offer.eml"
    path.write_bytes(message(1))
    source = open_source(path, sent=True)
    assert isinstance(source, EmlSource)
    items = list(source)
    assert items == [RawMessage(message(1), Origin(kind="eml", path=str(path)), sent=True)]
    assert list(source) == items  # a source can be iterated again


def test_directory_is_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.eml").write_bytes(message(1))
    (tmp_path / "b" / "c.eml").write_bytes(message(2))
    (tmp_path / "b" / "a.eml").write_bytes(message(3))
    (tmp_path / ".hidden.eml").write_bytes(message(4))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.eml").write_bytes(message(5))
    source = open_source(tmp_path)
    assert isinstance(source, DirectorySource)
    paths = [item.origin.path for item in source]
    assert paths == [
        str(tmp_path / "a.eml"),
        str(tmp_path / "b" / "a.eml"),
        str(tmp_path / "b" / "c.eml"),
    ]


def test_bad_items_in_a_directory_are_failures_and_iteration_continues(tmp_path: Path) -> None:
    (tmp_path / "1-empty.eml").write_bytes(b"")
    (tmp_path / "2-photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    (tmp_path / "3-dangling.eml").symlink_to(tmp_path / "gone.eml")
    (tmp_path / "4-good.eml").write_bytes(message(1))
    items = list(open_source(tmp_path))
    assert [type(item).__name__ for item in items] == [
        "SourceFailure",
        "SourceFailure",
        "SourceFailure",
        "RawMessage",
    ]
    empty, binary, dangling, good = items
    assert isinstance(empty, SourceFailure) and empty.reason == "empty"
    assert isinstance(binary, SourceFailure) and "binary" in binary.reason
    assert binary.data.startswith(b"\xff\xd8")  # kept for the quarantine
    assert isinstance(dangling, SourceFailure) and dangling.reason.startswith("unreadable")
    assert isinstance(good, RawMessage) and good.data == message(1)


def test_a_thunderbird_folder_gives_its_mail_and_not_the_clients_own_files(
    tmp_path: Path,
) -> None:
    (tmp_path / "Inbox").write_bytes(b"From - Mon Nov 23 10:00:00 2026\n" + message(1))
    (tmp_path / "Inbox.msf").write_bytes(b'// <!-- <mdb:mork:z v="1.4"/> -->\n< <(a=c)> >\n')
    (tmp_path / "Trash").write_bytes(b"")  # an empty folder
    (tmp_path / "Trash.msf").write_bytes(b'// <!-- <mdb:mork:z v="1.4"/> -->\n')
    (tmp_path / "msgFilterRules.dat").write_bytes(b'version="9"\nlogging="no"\n')
    (tmp_path / "folderTree.json").write_bytes(b'{"version": 1}')
    (tmp_path / "Inbox.sbd").mkdir()
    (tmp_path / "Inbox.sbd" / "Jobs").write_bytes(b"From - Tue Nov 24 10:00:00 2026\n" + message(2))
    (tmp_path / "Inbox.sbd" / "Jobs.msf").write_bytes(b"// mork\n")
    (tmp_path / "notes.eml").write_bytes(b"")  # an empty file without a summary is reported
    items = list(open_source(tmp_path))
    assert [item.data for item in messages_of(items)] == [message(1), message(2)]
    (failure,) = [item for item in items if isinstance(item, SourceFailure)]
    assert failure.reason == "empty" and failure.origin.path.endswith("notes.eml")
    # named on its own, a file is read as asked (and, holding no mail header, reported)
    (named,) = open_source(tmp_path / "folderTree.json")
    assert isinstance(named, SourceFailure) and named.data == b'{"version": 1}'
    assert named.reason == "no mail header: not an e-mail message"


def test_an_apple_mail_emlx_file_is_the_message_it_wraps(tmp_path: Path) -> None:
    plist = b'<?xml version="1.0"?>\n<plist version="1.0"><dict></dict></plist>\n'
    mailbox = tmp_path / "INBOX.mbox" / "Data" / "Messages"
    mailbox.mkdir(parents=True)
    (mailbox / "12.emlx").write_bytes(b"%d\n" % len(message(1)) + message(1) + plist)
    (mailbox / "13.partial.emlx").write_bytes(b"  %d  \n" % len(message(2)) + message(2) + plist)
    (mailbox / "14.emlx").write_bytes(message(3))  # no length line
    (tmp_path / "INBOX.mbox" / "Info.plist").write_bytes(plist)
    items = list(open_source(tmp_path))
    assert [item.data for item in messages_of(items)] == [message(1), message(2)]
    (broken,) = [item for item in items if isinstance(item, SourceFailure)]
    assert broken.reason == "an .emlx file without its length line"
    assert broken.data == message(3)  # kept for the quarantine


def test_pipes_and_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a-pipe.eml")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    (tmp_path / "c.eml").write_bytes(message(1))
    items = list(open_source(tmp_path))
    assert isinstance(items[0], SourceFailure) and "not a regular file" in items[0].reason
    assert [item.data for item in messages_of(items)] == [message(1)]
    with pytest.raises(SourceError, match="not a regular file"):
        open_source(tmp_path / "a-pipe.eml")


def test_symbolic_links_to_a_pipe_are_failures_not_a_hang(tmp_path: Path) -> None:
    # No writer ever opens the pipe: opening it for reading would block for good.
    os.mkfifo(tmp_path / ".pipe")
    (tmp_path / "a.eml").write_bytes(message(1))
    (tmp_path / "b-link").symlink_to(tmp_path / ".pipe")
    (tmp_path / "c-link.mbox").symlink_to(tmp_path / ".pipe")
    maildir = tmp_path / "d-maildir"
    for folder in ("cur", "new", "tmp"):
        (maildir / folder).mkdir(parents=True)
    (maildir / "new" / "1.host").symlink_to(tmp_path / ".pipe")
    with deadline(5):
        items = list(open_source(tmp_path))
        with pytest.raises(SourceError, match="not a regular file"):
            open_source(tmp_path / "b-link")
    assert [item.data for item in messages_of(items)] == [message(1)]
    failures = [item for item in items if isinstance(item, SourceFailure)]
    assert [(item.origin.path, item.reason) for item in failures] == [
        (str(tmp_path / name), "not a regular file (device, socket or pipe)")
        for name in ("b-link", "c-link.mbox", "d-maildir/new/1.host")
    ]


def test_a_directory_walk_does_not_follow_links_out_of_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = tmp_path / "outside-secret.txt"
    secret.write_bytes(b"Subject: not mail\n\nmy private notes\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.eml").write_bytes(message(9))
    mail = tmp_path / "mail"
    (mail / "archive").mkdir(parents=True)
    (mail / "archive" / "a.eml").write_bytes(message(1))
    (mail / "archive" / "msg1").symlink_to(Path("..", "..", "outside-secret.txt"))
    (mail / "b-inside.eml").symlink_to(mail / "archive" / "a.eml")  # stays in the tree
    (mail / "c-dir").symlink_to(elsewhere)
    maildir = mail / "d-maildir"
    for folder in ("cur", "new", "tmp"):
        (maildir / folder).mkdir(parents=True)
    (maildir / "cur" / "1.host:2,S").write_bytes(message(2))
    (maildir / "new" / "2.host").symlink_to(elsewhere / "x.eml")
    with caplog.at_level(logging.WARNING, logger="inbox_monitor.sources"):
        items = list(open_source(mail))
    assert [(item.origin.path, item.data) for item in items] == [
        (str(mail / "archive" / "a.eml"), message(1)),
        (str(mail / "b-inside.eml"), message(1)),
        (str(maildir / "cur" / "1.host:2,S"), message(2)),
    ]
    passed_over = sorted(r.getMessage() for r in caplog.records)
    assert passed_over == [
        f"passed over {path}: a symbolic link out of {mail}"
        for path in (mail / "archive" / "msg1", mail / "c-dir", maildir / "new" / "2.host")
    ]
    # a file named on the command line is read as asked, a link too
    named = list(open_source(mail / "archive" / "msg1"))
    assert [item.data for item in named] == [secret.read_bytes()]
    # so is a Maildir named on its own, for links inside it
    (maildir / "new" / "3.host").symlink_to(maildir / "cur" / "1.host:2,S")
    assert [item.data for item in open_source(maildir)] == [message(2), message(2)]


def test_directory_with_an_mbox_and_a_maildir_inside(tmp_path: Path) -> None:
    (tmp_path / "archive.mbox").write_bytes(
        b"From a@x Mon Mar  2 10:00:00 2026\n" + message(1) + b"\n"
        b"From b@x Mon Mar  2 11:00:00 2026\n" + message(2) + b"\n"
    )
    maildir = tmp_path / "mail"
    for folder in ("cur", "new", "tmp"):
        (maildir / folder).mkdir(parents=True)
    (maildir / "new" / "1.host").write_bytes(message(3))
    (maildir / "tmp" / "2.host").write_bytes(message(4))
    kinds = [(item.origin.kind, item.origin.position) for item in open_source(tmp_path)]
    assert kinds == [("mbox", 0), ("mbox", 1), ("maildir", 0)]


# --- mbox ------------------------------------------------------------------------------


def test_mbox_split_and_from_unescaping(tmp_path: Path) -> None:
    path = tmp_path / "inbox.mbox"
    path.write_bytes(
        b"From recruiter@agency.example Mon Mar  2 10:00:00 2026\n"
        + message(1, ">From the start, we liked your profile.\n>>From quoted.\n")
        + b"\nFrom MAILER-DAEMON Tue Mar  3 08:00:00 2026\n"
        + message(2)
        + b"\n"
    )
    source = open_source(path)
    assert isinstance(source, MboxSource)
    items = messages_of(list(source))
    assert [item.origin.position for item in items] == [0, 1]
    assert items[0].origin == Origin(kind="mbox", path=str(path), position=0)
    assert items[0].data == message(1, "From the start, we liked your profile.\n>From quoted.\n")
    assert items[1].data == message(2)


def test_mbox_with_broken_from_lines(tmp_path: Path) -> None:
    path = tmp_path / "broken.mbox"
    path.write_bytes(
        message(1)  # no "From " line before the first message
        + b"\nFrom \n"  # a separator with neither address nor date
        + message(2)
        + b"\nFrom nobody\n"  # no date
        + message(3)
        + b"\nFrom x@y Mon Mar  2 10:00:00 2026\n"
        + message(4)
    )
    items = messages_of(list(open_source(path)))
    assert [item.data for item in items] == [message(1), message(2), message(3), message(4)]
    assert [item.origin.position for item in items] == [0, 1, 2, 3]


def test_mbox_body_line_starting_with_from_is_not_a_separator(tmp_path: Path) -> None:
    # Unescaped "From " inside a paragraph (not after a blank line) stays in the body.
    body = "We spoke on Monday.\nFrom what I hear, the team liked you.\n"
    path = tmp_path / "unescaped.mbox"
    path.write_bytes(b"From a@x Mon Mar  2 10:00:00 2026\n" + message(1, body))
    items = messages_of(list(open_source(path)))
    assert [item.data for item in items] == [message(1, body)]


def test_mbox_empty_message_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "gap.mbox"
    path.write_bytes(
        b"From a@x Mon Mar  2 10:00:00 2026\n\nFrom b@x Mon Mar  2 10:00:00 2026\n" + message(1)
    )
    items = list(open_source(path))
    assert isinstance(items[0], SourceFailure) and items[0].reason == "empty"
    assert isinstance(items[1], RawMessage) and items[1].origin.position == 1


def test_mbox_streams_without_loading_the_file(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    filler = "x" * 70 + "\n"
    one = b"From a@x Mon Mar  2 10:00:00 2026\n" + message(0, filler * 200) + b"\n"
    with path.open("wb") as handle:
        for _ in range(2_000):
            handle.write(one)
    assert path.stat().st_size > 25_000_000
    tracemalloc.start()
    count = sum(1 for item in open_source(path) if isinstance(item, RawMessage))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 2_000
    assert peak < 2_000_000, f"peak {peak} bytes while reading a 28 MB mbox"


def test_an_mbox_message_over_the_size_limit_is_a_failure_and_the_next_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fits = message(1)
    monkeypatch.setattr(sources, "MAX_ITEM_BYTES", len(fits))
    big = message(2, "x" * 70 + "\n") * 20
    path = tmp_path / "inbox.mbox"
    separator = b"From a@x Mon Mar  2 10:00:00 2026\n"
    path.write_bytes(separator + fits + b"\n" + separator + big + b"\n" + separator + fits + b"!")
    items = list(open_source(path))
    assert [type(item).__name__ for item in items] == [
        "RawMessage",
        "SourceFailure",
        "SourceFailure",
    ]
    first, too_large, one_over = items
    assert first.data == fits  # exactly the limit still fits
    assert isinstance(too_large, SourceFailure)
    assert too_large.origin == Origin(kind="mbox", path=str(path), position=1)
    assert too_large.reason == f"message too large to read ({len(big)} bytes)"
    assert too_large.data == big[: len(fits)]  # its first bytes, for the quarantine
    assert isinstance(one_over, SourceFailure) and one_over.origin.position == 2
    assert one_over.reason == f"message too large to read ({len(fits) + 1} bytes)"


def test_an_mbox_message_over_the_size_limit_is_not_read_into_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_ITEM_BYTES", 100_000)
    path = tmp_path / "huge.mbox"
    separator = b"From a@x Mon Mar  2 10:00:00 2026\n"
    with path.open("wb") as handle:
        handle.write(separator + message(1, "many lines:\n"))
        for _ in range(100):
            handle.write(b"y" * 99 + b"\n" + b"y" * 99_900 + b"\n")
        handle.write(b"and one very long line: " + b"z" * 10_000_000 + b"\n\n")
        handle.write(separator + message(2))
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    items = list(open_source(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [type(item).__name__ for item in items] == ["SourceFailure", "RawMessage"]
    assert items[0].data.startswith(message(1)) and len(items[0].data) == 64 * 1024
    assert items[1].data == message(2)
    assert peak < 5_000_000, f"peak {peak} bytes while reading a 20 MB message"


# --- Maildir ---------------------------------------------------------------------------


def make_maildir(root: Path) -> Path:
    for folder in ("cur", "new", "tmp"):
        (root / folder).mkdir(parents=True)
    (root / "cur" / "1700000002.M2.host:2,S").write_bytes(message(2))
    (root / "new" / "1700000001.M1.host").write_bytes(message(1))
    (root / "new" / "1700000003.M3.host").write_bytes(message(3))
    (root / "cur" / ".hidden").write_bytes(message(8))
    (root / "tmp" / "1700000004.M4.host").write_bytes(message(9))
    return root


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(root)): (path.stat().st_mtime_ns, path.stat().st_mode)
        for path in sorted(root.rglob("*"))
    }


def test_maildir_reads_cur_and_new_in_name_order_and_changes_nothing(tmp_path: Path) -> None:
    root = make_maildir(tmp_path / "Maildir")
    before = snapshot(root)
    source = open_source(root, sent=True)
    assert isinstance(source, MaildirSource)
    items = messages_of(list(source))
    assert [item.data for item in items] == [message(1), message(2), message(3)]
    assert all(item.sent and item.origin.kind == "maildir" for item in items)
    assert items[1].origin.path == str(root / "cur" / "1700000002.M2.host:2,S")
    assert snapshot(root) == before


def test_maildir_source_is_a_seam_for_tests(tmp_path: Path) -> None:
    # Other modules' tests use a MaildirSource directly as a MailSource.
    root = make_maildir(tmp_path / "seam")
    source = MaildirSource(root)
    assert len(list(source)) == 3
    (root / "new" / "1700000005.M5.host").write_bytes(message(5))
    assert len(list(source)) == 4  # each iteration lists the folders again


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "secret.eml"
    path.write_bytes(message(1))
    path.chmod(0)
    with pytest.raises(SourceError):
        open_source(path)
    (tmp_path / "ok.eml").write_bytes(message(2))
    items = list(DirectorySource(tmp_path))
    assert isinstance(items[1], SourceFailure) and items[1].reason.startswith("unreadable")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any directory")
def test_an_unreadable_sub_directory_is_a_failure_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_bytes(message(1))
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.eml").write_bytes(message(2))
    locked.chmod(0)
    try:
        items = list(open_source(tmp_path))
    finally:
        locked.chmod(0o700)
    assert [item.data for item in messages_of(items)] == [message(1)]
    (failure,) = [item for item in items if isinstance(item, SourceFailure)]
    assert failure.origin.path == str(locked)
    assert failure.reason == "unreadable directory: Permission denied"


def test_a_directory_that_cannot_be_searched_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a user without permission meets, also when the tests run as root: on Python
    # 3.11 Path.is_dir() raises PermissionError for "locked/cur" instead of answering.
    (tmp_path / "a.eml").write_bytes(message(1))
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.eml").write_bytes(message(2))
    real_stat, real_scandir = os.stat, os.scandir

    def denied(path: object) -> None:
        if os.fspath(path).startswith(str(locked)) and os.fspath(path) != str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        denied(path)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    def scandir(path: object = ".") -> object:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "scandir", scandir)
    items = list(open_source(tmp_path))
    assert [item.data for item in messages_of(items)] == [message(1)]
    (failure,) = [item for item in items if isinstance(item, SourceFailure)]
    assert failure.reason == "unreadable directory: Permission denied"


def test_a_file_deleted_during_the_walk_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_bytes(message(1))
    (tmp_path / "b.eml").write_bytes(message(2))
    items = iter(open_source(tmp_path))
    first = next(items)  # the directory is listed by now
    (tmp_path / "b.eml").unlink()
    (second,) = list(items)
    assert isinstance(first, RawMessage)
    assert isinstance(second, SourceFailure) and "No such file" in second.reason


@pytest.mark.parametrize(
    "text",
    [
        b"Dear Hiring Manager,\n\nThank you for your application for the Senior Analyst role"
        b" at Quillon Bank. We would like to invite you to an interview.\n",
        b"README junk\n",
        b"hi",
        b"TODO: call Quillon back\nRe: the notes from Friday\n",  # colons, but not mail
        b'{"id": 1, "subject": "Update"}\n',
        b"Outlook with a reply above the line\n\nFrom: Jane <jane@acme.example>\nSubject: x\n",
    ],
)
def test_a_file_without_a_mail_header_is_a_failure_not_a_message(
    tmp_path: Path, text: bytes
) -> None:
    (tmp_path / "cover-letter.txt").write_bytes(text)
    (item,) = open_source(tmp_path)
    assert isinstance(item, SourceFailure) and item.data == text
    assert item.reason == "no mail header: not an e-mail message"


@pytest.mark.parametrize(
    "text",
    [
        message(1),
        b"\n\r\n" + message(1),  # blank lines above the headers
        b"From r1@agency.example Mon Nov 23 10:00:00 2026\n" + message(1),  # an mbox line
        b">From r1@agency.example\n" + message(1),
        b"Saved by SomeClient 2.0\n" + message(1),  # an odd line above the headers
        b"FROM: r1@agency.example\nSUBJECT: Role 1\n\nHello\n",  # unusual case
        b"x-gm-thrid: 1786\nmessage-id: <m1@agency.example>\n\nHello\n",
        b"Received: from mx.agency.example\n\tby mx.example.net\nSubject: x\n\nHello\n",
    ],
)
def test_a_message_with_odd_first_lines_is_still_a_message(tmp_path: Path, text: bytes) -> None:
    (tmp_path / "odd.eml").write_bytes(text)
    (item,) = open_source(tmp_path / "odd.eml")
    assert isinstance(item, RawMessage), item


def test_mbox_text_without_headers_before_the_first_separator_is_a_failure(
    tmp_path: Path,
) -> None:
    path = tmp_path / "archive.mbox"
    path.write_bytes(
        b"notes about this archive\n\nFrom x@y Mon Nov 23 10:00:00 2026\n" + message(1)
    )
    first, second = MboxSource(path)
    assert isinstance(first, SourceFailure) and first.reason.startswith("no mail header")
    assert isinstance(second, RawMessage) and second.data.startswith(b"From: Recruiter 1")


def test_a_maildir_file_arrived_at_the_time_its_name_or_its_mtime_gives_the_earlier(
    tmp_path: Path,
) -> None:
    maildir = tmp_path / "Maildir"
    for folder in ("cur", "new", "tmp"):
        (maildir / folder).mkdir(parents=True)
    delivered = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
    stamp = int(delivered.timestamp())
    later, earlier = stamp + 86_400, stamp - 3_600
    files = {
        f"{stamp}.M1P2.host:2,S": later,  # copied since: its mtime is the copy's
        f"{stamp + 60}.M3P4.host:2,": earlier,  # Dovecot keeps an APPEND's time in mtime
        "unnamed-by-time:2,": stamp,
        f"{stamp + 120}.M5P6.host:2,": 0,  # an mtime at zero is no time
        f"{stamp - 86_400}.eml": stamp,  # a number, not a Maildir name: its mtime (review 16)
    }
    for number, (name, mtime) in enumerate(files.items()):
        path = maildir / "cur" / name
        path.write_bytes(message(number))
        os.utime(path, (mtime, mtime))

    arrived = {
        Path(item.origin.path).name: item.arrived_at
        for item in messages_of(list(MaildirSource(maildir)))
    }

    assert arrived == {
        f"{stamp}.M1P2.host:2,S": delivered,
        f"{stamp + 60}.M3P4.host:2,": delivered - timedelta(hours=1),
        "unnamed-by-time:2,": delivered,
        f"{stamp + 120}.M5P6.host:2,": delivered + timedelta(minutes=2),
        f"{stamp - 86_400}.eml": delivered,
    }


def test_maildir_mail_without_a_date_is_dated_by_its_delivery_in_worker_processes_too(
    tmp_path: Path,
) -> None:
    maildir = tmp_path / "Maildir"
    for folder in ("cur", "new", "tmp"):
        (maildir / folder).mkdir(parents=True)
    delivered = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
    for number in range(60):  # over ParseAhead's smallest batch for the workers
        (maildir / "new" / f"{int(delivered.timestamp()) + number}.M{number}.host").write_bytes(
            message(number)
        )
    items = list(MaildirSource(maildir))
    read_at = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

    with ParseAhead(2, frozenset(), read_at, lambda _hash: None) as ahead:
        ((_, prepared),) = list(ahead.batches([items], list))

    dated = [prepared[i].parsed for i in range(60)]
    assert all(isinstance(p, ParsedMessage) for p in dated)
    assert [(p.date, p.date_source) for p in dated] == [  # type: ignore[union-attr]
        (delivered + timedelta(seconds=number), "arrival") for number in range(60)
    ]
