"""Parse the next batch of an import or IMAP backfill in worker processes while this one
is classified and stored.

Parsing (mail-parser, the stdlib feed parser, body splitting) is about two thirds of an
import's time and is pure: bytes in, `ParsedMessage` out. `ParseAhead` sends each batch's
messages to a small process pool as soon as the batch is read, and hands the results to
the caller one batch later, so on a machine with two cores parsing and classifying run
side by side. The classifier and the database stay in the calling process.

Nothing is lost when the pool fails: a batch whose results do not come back (a worker
killed, a result that cannot be sent) is parsed in the calling process instead, and the
pool is not used again. A `ParseError` is returned by the worker, not raised, and handled
as an in-process one would be. Workers ignore Ctrl-C (SIGINT, which a terminal sends to
the whole process group): this process handles it, and an error or interrupt that leaves
the `with` block ends the workers without waiting for their work.

Workers start with "forkserver", not "fork": the daemon has threads, and forking a
threaded process can copy a held lock. As with any "forkserver" or "spawn" pool, a script
that imports or syncs with parse workers must keep its work under
`if __name__ == "__main__":`: the forkserver imports the main script again, and an
unguarded one would run a second time there (the `inbox-monitor` command and
`python -m inbox_monitor` are guarded).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from inbox_monitor.errors import ParseError
from inbox_monitor.models import ParsedMessage
from inbox_monitor.parse import parse_message
from inbox_monitor.sources import RawMessage, SourceFailure

logger = logging.getLogger(__name__)

Item = RawMessage | SourceFailure
B = TypeVar("B")


@dataclass(frozen=True)
class Prepared:
    """What the batch loop needs to know of one raw message before it looks at the store:
    the sha256 of its bytes, and its parse (None when it was not parsed ahead)."""

    raw_hash: str
    parsed: ParsedMessage | ParseError | None


def parse_chunk(
    chunk: Sequence[tuple[bytes, bool, datetime | None]],
    own: frozenset[str],
    received_at: datetime,
) -> list[ParsedMessage | ParseError]:
    """The worker's job: parse each (bytes, sent, arrived_at); a ParseError is returned,
    not raised."""
    results: list[ParsedMessage | ParseError] = []
    for data, sent, arrived_at in chunk:
        try:
            results.append(
                parse_message(
                    data,
                    own_addresses=own,
                    sent=sent,
                    received_at=received_at,
                    arrived_at=arrived_at,
                )
            )
        except ParseError as err:
            results.append(err)
    return results


def default_executor(workers: int) -> Executor:
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=start_worker,
        initargs=(os.getpid(),),
    )


def start_worker(parent: int) -> None:
    """Worker initializer: leave Ctrl-C to the owner (process `parent`), and end with it."""
    # A worker interrupted while it sends a result leaves half a message in the pool's
    # result pipe, and the owner's executor waits for the rest of it forever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    end_with(parent)


def stop_now(executor: Executor, timeout: float = 5.0) -> None:
    """Shut `executor` down without waiting for the work it holds: nobody will collect it.

    Work not started is cancelled and the workers of a `ProcessPoolExecutor` are ended
    (the stdlib offers no call for this: they are in its `_processes`). A worker ended
    while it sends a result would leave the executor's manager thread reading that result
    forever, and the interpreter joins that thread at exit; closing this process's end of
    the result pipe lets it see the end of the pipe and finish. Each wait is bounded by
    `timeout` seconds.
    """
    processes = list((getattr(executor, "_processes", None) or {}).values())
    results = getattr(executor, "_result_queue", None)
    manager = getattr(executor, "_executor_manager_thread", None)
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join(timeout)
    writer = getattr(results, "_writer", None)  # a multiprocessing SimpleQueue's write end
    if writer is not None:
        writer.close()
    if manager is not None:
        manager.join(timeout)
        if manager.is_alive():
            logger.warning("parse workers did not stop within %s seconds", timeout)


def end_with(parent: int) -> None:
    """In a worker: end this worker when process `parent` (the pool's owner) ends.

    A pool's workers wait on their task queue, whose write end they hold themselves: when
    the owner is killed (SIGKILL, the OOM killer) they would wait forever, and keep the
    forkserver alive with them. A thread waits on a pidfd of the owner (Linux 5.3+; where
    there is none it polls once a second) and ends the worker when the owner is gone.
    """

    def watch() -> None:
        try:
            handle: int | None = os.pidfd_open(parent)
        except (AttributeError, OSError):
            handle = None
        if handle is not None:
            select.select([handle], [], [])
        else:
            while True:
                time.sleep(1.0)
                try:
                    os.kill(parent, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    continue
        os._exit(1)

    threading.Thread(target=watch, name="end-with-owner", daemon=True).start()


class ParseAhead:
    """Batches paired with their messages' parses, made by `workers` processes one batch ahead.

    `known(raw_hash)` tells which bytes the store already holds: those are not parsed (a
    re-import stays a hash lookup per message). Use as a context manager; the pool starts
    with the first batch worth sending and is shut down on exit.
    """

    def __init__(
        self,
        workers: int,
        own: frozenset[str],
        received_at: datetime,
        known: Callable[[str], str | None],
        executor: Callable[[int], Executor] = default_executor,
        min_batch: int = 50,
    ) -> None:
        self.workers = workers
        self.own = own
        self.received_at = received_at
        self.known = known
        self._make_executor = executor
        self._executor: Executor | None = None
        self._broken = workers < 1
        self.min_batch = min_batch

    def __enter__(self) -> ParseAhead:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if kind is None:
            executor.shutdown(wait=True, cancel_futures=True)
        else:  # an error or Ctrl-C: the batches in the pool will not be collected
            stop_now(executor)

    def batches(
        self, batches: Iterable[B], items: Callable[[B], Sequence[Item]]
    ) -> Iterator[tuple[B, dict[int, Prepared]]]:
        """Each batch with {index in items(batch): Prepared} for its raw messages.

        The next batch is taken from `batches` (and sent to the workers) before this one
        is handed out, so reading, parsing and the caller's work overlap. If taking the next
        batch fails (a dropped connection while reading ahead), the batch already read is
        handed out first and the error raised after it, so that it is not read twice.
        """
        pending: tuple[B, dict[int, str], list[tuple[list[int], Future[list]]]] | None = None
        source = iter(batches)
        while True:
            try:
                batch = next(source)
            except StopIteration:
                break
            except Exception:
                if pending is not None:
                    yield pending[0], self._collect(*pending[1:])
                raise
            hashes, futures = self._submit(items(batch))
            if pending is not None:
                yield pending[0], self._collect(*pending[1:])
            pending = (batch, hashes, futures)
        if pending is not None:
            yield pending[0], self._collect(*pending[1:])

    def _submit(
        self, batch: Sequence[Item]
    ) -> tuple[dict[int, str], list[tuple[list[int], Future[list]]]]:
        hashes: dict[int, str] = {}
        wanted: list[int] = []
        for index, item in enumerate(batch):
            if isinstance(item, SourceFailure):
                continue
            raw_hash = hashlib.sha256(item.data).hexdigest()
            hashes[index] = raw_hash
            if self.known(raw_hash) is None:
                wanted.append(index)
        futures: list[tuple[list[int], Future[list]]] = []
        if self._broken or len(wanted) < self.min_batch:
            return hashes, futures
        try:
            if self._executor is None:
                self._executor = self._make_executor(self.workers)
            share = -(-len(wanted) // self.workers)
            for start in range(0, len(wanted), share):
                indices = wanted[start : start + share]
                chunk = [(batch[i].data, batch[i].sent, batch[i].arrived_at) for i in indices]  # type: ignore[union-attr]
                futures.append(
                    (indices, self._executor.submit(parse_chunk, chunk, self.own, self.received_at))
                )
        except Exception as err:  # no pool: parse in this process from now on
            self._give_up(err)
        return hashes, futures

    def _collect(
        self,
        hashes: dict[int, str],
        futures: list[tuple[list[int], Future[list]]],
    ) -> dict[int, Prepared]:
        parsed: dict[int, ParsedMessage | ParseError] = {}
        for indices, future in futures:
            try:
                results = future.result()
            except Exception as err:  # a dead worker: these are parsed by the caller
                self._give_up(err)
                continue
            parsed.update(zip(indices, results, strict=True))
        return {index: Prepared(raw_hash, parsed.get(index)) for index, raw_hash in hashes.items()}

    def _give_up(self, err: BaseException) -> None:
        if not self._broken:
            logger.warning(
                "parallel parsing stopped (%s); parsing in this process", type(err).__name__
            )
        self._broken = True
