"""Local mail sources: single .eml files, directories of them, mbox files and Maildirs.

Apple Mail's .emlx files are read as the message they wrap; in a directory, the files a
mail client keeps beside its mail (Thunderbird's .msf summaries and settings, Apple
Mail's Info.plist) are passed over.

Every source streams: an mbox is read line by line and a directory one file at a time,
so memory does not grow with the size of the mailbox. Sources only read: a Maildir's
files are never written, moved or renamed. One bad item never ends the iteration; it
is yielded as a SourceFailure (with whatever bytes could be read) for the quarantine.

Only regular files are opened (a pipe, socket or device, also behind a symbolic link, is
a failure, so nothing blocks), and a directory walk does not follow a symbolic link out of
the directory it was given.

A file without a mail header block at its top (a cover letter, notes) is not mail: it is a
failure, kept in the quarantine with the reason, never stored as a message. A path that
cannot be looked at (a directory without permission) is a failure too, never an
exception out of the walk.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from inbox_monitor.errors import SourceError
from inbox_monitor.models import Origin, RawMessage, SourceFailure
from inbox_monitor.parse import EARLIEST_DATE, header_start, rejection_reason

logger = logging.getLogger(__name__)

MAX_ITEM_BYTES = 128 * 1024 * 1024  # larger files and mbox messages are reported, not read
_KEPT_HEAD_BYTES = 64 * 1024  # what a too large mbox message keeps for the quarantine
_READ_CHUNK = 1024 * 1024  # an mbox line longer than this is read in pieces
_NOT_REGULAR = "not a regular file (device, socket or pipe)"
_MBOX_ESCAPED_FROM = re.compile(rb"^>+From ")
_MBOX_SUFFIXES = frozenset({".mbox", ".mbx"})
_CLASSIC_FROM_LINE = re.compile(rb"^From \S+.*\d\d:\d\d(?::\d\d)?.*\d{4}\s*$")
_NO_HEADER = "no mail header: not an e-mail message"


class MailSource(Protocol):
    """Something that yields raw messages (or failures), in a stable order."""

    def __iter__(self) -> Iterator[RawMessage | SourceFailure]: ...


class _NotRegularFileError(OSError):
    """The path, once links are followed, is a pipe, socket, device or directory."""


def _open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, when it is a regular file once links are followed.

    A pipe blocks open(2) until something writes to it, so the path is checked before it
    is opened, and the open file again in case the path was replaced in between.
    Raises _NotRegularFileError, or OSError when it cannot be opened.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise _NotRegularFileError
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _NotRegularFileError
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _outside(path: Path, root: str) -> bool:
    """A symbolic link whose target is not under `root` (a real path)."""
    try:
        if not path.is_symlink():
            return False
    except OSError:  # it cannot be looked at: reading it reports why
        return False
    target = os.path.realpath(path)
    return os.path.commonpath([root, target]) != root


def _is_directory(path: Path) -> bool:
    """Path.is_dir() without the exception: Python 3.11 raises PermissionError for a path
    in a directory it may not search, where False lets the caller's read report it."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _checked(data: bytes, origin: Origin, sent: bool) -> RawMessage | SourceFailure:
    reason = rejection_reason(data) or (None if header_start(data) is not None else _NO_HEADER)
    if reason:
        return SourceFailure(origin, reason, data)
    return RawMessage(data, origin, sent)


def _emlx_message(data: bytes) -> bytes | None:
    """The message inside an Apple Mail .emlx file: its first line is the message's length
    in bytes, and a property list follows the message. None when that line is missing."""
    first, newline, rest = data.partition(b"\n")
    if not newline or not first.strip().isdigit():
        return None
    return rest[: int(first.strip())]


def _read_file(path: Path, origin: Origin, sent: bool) -> RawMessage | SourceFailure:
    try:
        with _open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_ITEM_BYTES:
                return SourceFailure(origin, f"file too large to read ({size} bytes)")
            # the size it has, and one byte more to see it grow: read(n) sets aside n bytes
            # first, so asking for the most it may hold would cost 128 MiB a file
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_ITEM_BYTES + 1 - len(data))
            if len(data) > MAX_ITEM_BYTES:  # it grew while being read
                return SourceFailure(
                    origin, f"file too large to read (over {MAX_ITEM_BYTES} bytes)"
                )
    except _NotRegularFileError:
        return SourceFailure(origin, _NOT_REGULAR)
    except OSError as err:
        return SourceFailure(origin, f"unreadable: {type(err).__name__}: {err.strerror or err}")
    if path.name.lower().endswith(".emlx"):
        message = _emlx_message(data)
        if message is None:
            return SourceFailure(origin, "an .emlx file without its length line", data)
        data = message
    return _checked(data, origin, sent)


# Files mail clients keep beside the mail, which hold none: Thunderbird's summaries and
# settings, Apple Mail's mailbox properties. Only a directory walk passes them over; a
# file named on the command line is read as asked.
_CLIENT_FILES = frozenset(
    {
        "msgfilterrules.dat",
        "popstate.dat",
        "virtualfolders.dat",
        "foldertree.json",
        "filterlog.html",
        "junklog.html",
        "training.dat",
        "traits.dat",
        "info.plist",
    }
)


def _client_file(path: Path, names: set[str]) -> bool:
    """A mail client's own file: a Thunderbird .msf summary, a known settings file, or an
    empty Thunderbird folder (a zero-byte mbox with its .msf beside it)."""
    name = path.name.lower()
    if name.endswith(".msf") or name in _CLIENT_FILES:
        return True
    if f"{path.name}.msf" in names:
        try:
            return path.stat().st_size == 0
        except OSError:
            return False
    return False


def _looks_like_mbox(path: Path) -> bool:
    """An mbox by name (*.mbox, *.mbx, "mbox") or by its first line ("From ")."""
    if path.suffix.lower() in _MBOX_SUFFIXES or path.name.lower() == "mbox":
        return True
    try:
        with _open_regular(path) as handle:
            return handle.read(5) == b"From "
    except OSError:  # reading it as one message reports why
        return False


def _head(pieces: list[bytes], limit: int) -> bytes:
    """The first `limit` bytes of the pieces joined, without joining all of them."""
    kept: list[bytes] = []
    for piece in pieces:
        if limit <= 0:
            break
        kept.append(piece[:limit])
        limit -= len(kept[-1])
    return b"".join(kept)


def _is_maildir(path: Path) -> bool:
    return _is_directory(path / "cur") and _is_directory(path / "new")


class EmlSource:
    """One file holding one message."""

    def __init__(self, path: Path, *, sent: bool = False) -> None:
        self.path = path
        self.sent = sent

    def __iter__(self) -> Iterator[RawMessage | SourceFailure]:
        yield _read_file(self.path, Origin(kind="eml", path=str(self.path)), self.sent)


class MboxSource:
    """An mbox file ("From " separated), streamed line by line.

    A "From " line separates messages when it opens the file or follows a blank line
    (or, without the blank line, when it has the classic `From addr date` shape), so a
    broken separator (no date, no address) still splits. Text before the first
    separator is yielded as a message of its own. ">From " lines are unescaped
    (mboxrd: one ">" is removed). A message over MAX_ITEM_BYTES is a failure that keeps
    only its first bytes; the rest of it is read past, not kept.
    """

    def __init__(self, path: Path, *, sent: bool = False) -> None:
        self.path = path
        self.sent = sent

    def _item(self, lines: list[bytes], size: int, position: int) -> RawMessage | SourceFailure:
        origin = Origin(kind="mbox", path=str(self.path), position=position)
        if size > MAX_ITEM_BYTES:
            reason = f"message too large to read ({size} bytes)"
            return SourceFailure(origin, reason, b"".join(lines))
        if lines and not lines[-1].strip():
            lines.pop()  # the blank line that belongs to the next separator
        return _checked(b"".join(lines), origin, self.sent)

    def __iter__(self) -> Iterator[RawMessage | SourceFailure]:
        try:
            handle = _open_regular(self.path)
        except _NotRegularFileError:
            yield SourceFailure(Origin(kind="mbox", path=str(self.path)), _NOT_REGULAR)
            return
        except OSError as err:
            origin = Origin(kind="mbox", path=str(self.path))
            yield SourceFailure(origin, f"unreadable: {type(err).__name__}: {err.strerror}")
            return
        with handle:
            lines: list[bytes] = []  # only the first bytes once the message is too large
            size = 0  # of the current message, without the blank line before a separator
            blank = 0  # length of the last line when it was blank
            position = 0
            # True once a separator opened the current message; text before the first
            # separator only counts when it is not blank.
            in_message = False
            previous_blank = True
            at_line_start = True
            try:
                for piece in iter(lambda: handle.readline(_READ_CHUNK), b""):
                    starts_line, at_line_start = at_line_start, piece.endswith(b"\n")
                    if (
                        starts_line
                        and piece.startswith(b"From ")
                        and (previous_blank or _CLASSIC_FROM_LINE.match(piece))
                    ):
                        if in_message or any(item.strip() for item in lines):
                            yield self._item(lines, size, position)
                            position += 1
                        lines, size, blank = [], 0, 0
                        in_message = True
                        previous_blank = False
                        while not at_line_start:  # the rest of a very long separator line
                            rest = handle.readline(_READ_CHUNK)
                            at_line_start = not rest or rest.endswith(b"\n")
                        continue
                    if starts_line and _MBOX_ESCAPED_FROM.match(piece):
                        piece = piece[1:]
                    previous_blank = starts_line and at_line_start and not piece.strip()
                    fitted = size <= MAX_ITEM_BYTES
                    size += blank + (0 if previous_blank else len(piece))
                    blank = len(piece) if previous_blank else 0
                    if size <= MAX_ITEM_BYTES:
                        lines.append(piece)
                    elif fitted:  # just grown too large: keep its first bytes only
                        lines = [_head([*lines, piece], min(_KEPT_HEAD_BYTES, MAX_ITEM_BYTES))]
            except OSError as err:
                origin = Origin(kind="mbox", path=str(self.path), position=position)
                yield SourceFailure(origin, f"read error: {err.strerror or err}", b"".join(lines))
                return
            if in_message or any(item.strip() for item in lines):
                yield self._item(lines, size, position)


class MaildirSource:
    """A Maildir: the files in cur/ and new/, in file-name order (delivery time first).

    Read-only: files are opened for reading and nothing in the Maildir is changed, so
    flags in the file names stay as they are. tmp/ and hidden files are skipped, and so
    are symbolic links out of `root` (the directory being imported; the Maildir itself
    unless given).
    """

    def __init__(self, path: Path, *, sent: bool = False, root: Path | None = None) -> None:
        self.path = path
        self.sent = sent
        self.root = root or path

    def files(self) -> list[Path]:
        root = os.path.realpath(self.root)
        found: list[Path] = []
        for folder in ("cur", "new"):
            try:
                entries = list((self.path / folder).iterdir())
            except OSError as err:
                logger.warning("cannot list %s: %s", self.path / folder, err.strerror)
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if _outside(entry, root):
                    logger.warning("passed over %s: a symbolic link out of %s", entry, self.root)
                    continue
                found.append(entry)
        return sorted((entry for entry in found if not _is_directory(entry)), key=lambda p: p.name)

    def __iter__(self) -> Iterator[RawMessage | SourceFailure]:
        for path in self.files():
            item = _read_file(path, Origin(kind="maildir", path=str(path)), self.sent)
            if isinstance(item, RawMessage):
                item = replace(item, arrived_at=delivered_at(path))
            yield item


# a Maildir name: "<seconds>.<unique part>.<host>[:2,flags]" (not "1234567890.eml")
_DELIVERY_TIME = re.compile(r"(\d{9,11})\.[^.]+\.")


def delivered_at(path: Path) -> datetime | None:
    """When a Maildir file was delivered: the time its name begins with (seconds since the
    epoch, as deliveries name files) or its modification time (Dovecot keeps a message's
    INTERNALDATE there), the earlier: copying a file makes either later, never earlier."""
    times: list[datetime] = []
    named = _DELIVERY_TIME.match(path.name)
    if named:
        times.append(datetime.fromtimestamp(int(named.group(1)), UTC))
    with contextlib.suppress(OSError, OverflowError, ValueError):
        times.append(datetime.fromtimestamp(path.stat().st_mtime, UTC))
    plausible = [moment for moment in times if moment >= EARLIEST_DATE]
    return min(plausible, default=None)


class DirectorySource:
    """A directory walked recursively in sorted order, hidden entries skipped.

    Files named *.mbox or starting with "From " are read as mbox files, sub-directories
    laid out as Maildirs as Maildirs, a mail client's own files (_client_file) are passed
    over, and every other file is one message (an .emlx file, the message it wraps).
    Symbolic links are followed only when they point inside the directory; the others
    are passed over with a warning, so a link never pulls in a file from elsewhere.
    """

    def __init__(self, path: Path, *, sent: bool = False) -> None:
        self.path = path
        self.sent = sent

    def _walk(
        self, directory: Path, seen: set[str], root: str
    ) -> Iterator[RawMessage | SourceFailure]:
        real = os.path.realpath(directory)
        if real in seen:
            return  # a symbolic link back into a directory already read
        seen.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as err:
            origin = Origin(kind="eml", path=str(directory))
            yield SourceFailure(origin, f"unreadable directory: {err.strerror or err}")
            return
        names = {entry.name for entry in entries}
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if _client_file(path, names):
                logger.info("passed over %s: a mail client's own file, not mail", path)
                continue
            if _outside(path, root):
                logger.warning("passed over %s: a symbolic link out of %s", path, self.path)
                continue
            try:  # a link whose target is missing is a file: reading it says so
                is_directory = entry.is_dir()
                is_file = entry.is_file() or entry.is_symlink()
            except OSError:
                is_directory, is_file = False, True  # let reading it report the error
            if is_directory and _is_maildir(path):
                yield from MaildirSource(path, sent=self.sent, root=self.path)
            elif is_directory:
                yield from self._walk(path, seen, root)
            elif is_file:
                yield from _file_source(path, self.sent)
            else:
                origin = Origin(kind="eml", path=str(path))
                yield SourceFailure(origin, _NOT_REGULAR)

    def __iter__(self) -> Iterator[RawMessage | SourceFailure]:
        yield from self._walk(self.path, set(), os.path.realpath(self.path))


def _file_source(path: Path, sent: bool) -> MailSource:
    if _looks_like_mbox(path):
        return MboxSource(path, sent=sent)
    return EmlSource(path, sent=sent)


def open_source(path: Path, *, sent: bool = False) -> MailSource:
    """The source for `path`: a Maildir, a directory, an mbox file or a single message.

    A file is an mbox when it is named *.mbox, *.mbx or "mbox", or starts with "From ";
    any other file is one message.

    Raises SourceError when the path does not exist or cannot be opened at all.
    `sent` marks every message from this source as the user's sent mail.
    """
    path = Path(path)
    try:
        if _is_directory(path):
            if _is_maildir(path):
                return MaildirSource(path, sent=sent)
            os.scandir(path).close()
            return DirectorySource(path, sent=sent)
        if not path.exists():
            raise SourceError(f"{path}: no such file or directory")
        with _open_regular(path):
            pass
    except _NotRegularFileError as err:
        message = f"{path}: not a regular file, a directory, an mbox or a Maildir"
        raise SourceError(message) from err
    except OSError as err:
        raise SourceError(f"{path}: cannot open: {err.strerror or err}") from err
    return _file_source(path, sent)
