"""Local mail sources: single .eml files, directories of them, mbox files and Maildirs.

Apple Mail's .emlx files are read as the message they wrap; in a directory, the files a
mail client keeps beside its mail (Thunderbird's .msf summaries and settings, Apple
Mail's Info.plist) are passed over.

Every source streams: an mbox is read line by line and a directory one file at a time,
so memory does not grow with the size of the mailbox. Sources only read: a Maildir's
files are never written, moved or renamed. One bad item never ends the iteration; it
is yielded as a SourceFailure (with whatever bytes could be read) for the quarantine.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from inbox_monitor.errors import SourceError
from inbox_monitor.models import Origin, RawMessage, SourceFailure
from inbox_monitor.parse import rejection_reason

logger = logging.getLogger(__name__)

MAX_ITEM_BYTES = 128 * 1024 * 1024  # larger single files are reported, not read
_MBOX_ESCAPED_FROM = re.compile(rb"^>+From ")
_MBOX_SUFFIXES = frozenset({".mbox", ".mbx"})
_CLASSIC_FROM_LINE = re.compile(rb"^From \S+.*\d\d:\d\d(?::\d\d)?.*\d{4}\s*$")


class MailSource(Protocol):
    """Something that yields raw messages (or failures), in a stable order."""

    def __iter__(self) -> Iterator[RawMessage | SourceFailure]: ...


def _checked(data: bytes, origin: Origin, sent: bool) -> RawMessage | SourceFailure:
    reason = rejection_reason(data)
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
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return SourceFailure(origin, "not a regular file (device, socket or pipe)")
        size = status.st_size
        if size > MAX_ITEM_BYTES:
            return SourceFailure(origin, f"file too large to read ({size} bytes)")
        data = path.read_bytes()
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
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError:
        return False


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


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
    (mboxrd: one ">" is removed).
    """

    def __init__(self, path: Path, *, sent: bool = False) -> None:
        self.path = path
        self.sent = sent

    def _item(self, lines: list[bytes], position: int) -> RawMessage | SourceFailure:
        if lines and not lines[-1].strip():
            lines.pop()  # the blank line that belongs to the next separator
        origin = Origin(kind="mbox", path=str(self.path), position=position)
        return _checked(b"".join(lines), origin, self.sent)

    def __iter__(self) -> Iterator[RawMessage | SourceFailure]:
        try:
            handle = self.path.open("rb")
        except OSError as err:
            origin = Origin(kind="mbox", path=str(self.path))
            yield SourceFailure(origin, f"unreadable: {type(err).__name__}: {err.strerror}")
            return
        with handle:
            lines: list[bytes] = []
            position = 0
            # True once a separator opened the current message; text before the first
            # separator only counts when it is not blank.
            in_message = False
            previous_blank = True
            try:
                for line in handle:
                    if line.startswith(b"From ") and (
                        previous_blank or _CLASSIC_FROM_LINE.match(line)
                    ):
                        if in_message or any(item.strip() for item in lines):
                            yield self._item(lines, position)
                            position += 1
                        lines = []
                        in_message = True
                        previous_blank = False
                        continue
                    if _MBOX_ESCAPED_FROM.match(line):
                        line = line[1:]
                    lines.append(line)
                    previous_blank = not line.strip()
            except OSError as err:
                origin = Origin(kind="mbox", path=str(self.path), position=position)
                yield SourceFailure(origin, f"read error: {err.strerror or err}", b"".join(lines))
                return
            if in_message or any(item.strip() for item in lines):
                yield self._item(lines, position)


class MaildirSource:
    """A Maildir: the files in cur/ and new/, in file-name order (delivery time first).

    Read-only: files are opened for reading and nothing in the Maildir is changed, so
    flags in the file names stay as they are. tmp/ and hidden files are skipped.
    """

    def __init__(self, path: Path, *, sent: bool = False) -> None:
        self.path = path
        self.sent = sent

    def files(self) -> list[Path]:
        found: list[Path] = []
        for folder in ("cur", "new"):
            try:
                entries = list((self.path / folder).iterdir())
            except OSError as err:
                logger.warning("cannot list %s: %s", self.path / folder, err.strerror)
                continue
            found.extend(entry for entry in entries if not entry.name.startswith("."))
        return sorted((entry for entry in found if not entry.is_dir()), key=lambda p: p.name)

    def __iter__(self) -> Iterator[RawMessage | SourceFailure]:
        for path in self.files():
            yield _read_file(path, Origin(kind="maildir", path=str(path)), self.sent)


class DirectorySource:
    """A directory walked recursively in sorted order, hidden entries skipped.

    Files named *.mbox or starting with "From " are read as mbox files, sub-directories
    laid out as Maildirs as Maildirs, a mail client's own files (_client_file) are passed
    over, and every other file is one message (an .emlx file, the message it wraps).
    """

    def __init__(self, path: Path, *, sent: bool = False) -> None:
        self.path = path
        self.sent = sent

    def _walk(self, directory: Path, seen: set[str]) -> Iterator[RawMessage | SourceFailure]:
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
            try:
                is_directory, is_file = entry.is_dir(), entry.is_file()
            except OSError:
                is_directory, is_file = False, True  # let reading it report the error
            if is_directory and _is_maildir(path):
                yield from MaildirSource(path, sent=self.sent)
            elif is_directory:
                yield from self._walk(path, seen)
            elif is_file or entry.is_symlink():
                yield from _file_source(path, self.sent)
            else:
                origin = Origin(kind="eml", path=str(path))
                yield SourceFailure(origin, "not a regular file (device, socket or pipe)")

    def __iter__(self) -> Iterator[RawMessage | SourceFailure]:
        yield from self._walk(self.path, set())


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
        if path.is_dir():
            if _is_maildir(path):
                return MaildirSource(path, sent=sent)
            os.scandir(path).close()
            return DirectorySource(path, sent=sent)
        if not path.exists():
            raise SourceError(f"{path}: no such file or directory")
        if not path.is_file():
            raise SourceError(f"{path}: not a regular file, a directory, an mbox or a Maildir")
        with path.open("rb"):
            pass
    except OSError as err:
        raise SourceError(f"{path}: cannot open: {err.strerror or err}") from err
    return _file_source(path, sent)
