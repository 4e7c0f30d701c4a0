"""Writing articles' graphs to the store in a background thread, while the next articles are parsed.

A store write is mostly spent in the store itself (Oxigraph's ``Store.extend`` and an HTTP request both run
without holding Python's GIL), so one writer thread overlaps it with parsing on the second core. The writer
takes the articles in the order they are given and writes them one at a time, each in its own transaction, so
the store's contents are those of writing in the caller's thread.

Only the write runs in the thread: callbacks (progress lines, bookkeeping) stay in the caller's thread, which
gets the written articles back from :meth:`Writer.put` and :meth:`Writer.finish`. A failed write stops the
writer; the error is raised in the caller's thread at its next call, and nothing after the failed article is
written. Leaving the ``with`` block on an exception drops what was not yet written: every article stored is
whole, and running the same ingest again writes the rest.
"""

from __future__ import annotations

import queue
import threading
from typing import Callable, Generic, TypeVar

T = TypeVar("T")

_STOP = object()


class Writer(Generic[T]):
    """``write`` applied to each item :meth:`put`, in order, in a background thread.

    At most ``depth`` items wait to be written: :meth:`put` blocks when the writer is that far behind, so the
    caller reads and parses no faster than the store takes the results (memory stays flat)."""

    def __init__(self, write: Callable[[T], object], *, depth: int = 8, name: str = "kg-writer"):
        self._write = write
        self._todo: queue.Queue = queue.Queue(maxsize=depth)
        self._done: queue.SimpleQueue = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._abandon = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._todo.get()
            if item is _STOP:
                return
            if self._error is not None or self._abandon.is_set():
                continue  # keep taking items, so that no put() waits for a writer that has stopped writing
            try:
                self._write(item)
            except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
                self._error = error
            else:
                self._done.put(item)

    def put(self, item: T) -> list[T]:
        """Queue ``item`` for writing; returns the items written since the last call, in order."""
        self._raise()
        self._todo.put(item)
        return self._written()

    def finish(self) -> list[T]:
        """Wait until everything queued is written; returns the items written since the last call."""
        self._stop()
        self._raise()
        return self._written()

    def _written(self) -> list[T]:
        items = []
        while True:
            try:
                items.append(self._done.get_nowait())
            except queue.Empty:
                return items

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._abandon.set()
            self._stop()
            raise error

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._todo.put(_STOP)
            self._thread.join()

    def __enter__(self) -> "Writer[T]":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:  # the caller failed: write nothing more than the article being written
            self._abandon.set()
        self._stop()
