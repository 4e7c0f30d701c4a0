"""One background thread applying a function to items in order: the store's writes, and extraction beside parsing.

:class:`Background` runs ``function(item)`` for each item :meth:`~Background.put`, one at a time, in the order
given, in its own thread, and hands the results back, in the same order, to the caller's thread, at its next
:meth:`~Background.put` or at :meth:`~Background.finish`. Only the function runs in the thread: whatever the
caller does with the results (callbacks, progress lines, bookkeeping) stays in the caller's thread.

At most ``depth`` items wait: :meth:`~Background.put` blocks when the thread is that far behind, so the caller
reads no faster than the thread works, and memory stays flat. A failed call stops the thread: its error is
raised in the caller's thread at its next call, and no later item is given to the function. Leaving the
``with`` block on an exception drops the items not yet taken.

Two threads of one process share Python's GIL, so this gains time only where one of them works without it: an
Oxigraph write or an HTTP request (:mod:`kg.writer`), and spaCy's matrix products, which the extraction passes
(plain Python) overlap when they run in a thread of their own (:func:`kg.pipeline.extract_articles`). There,
Python's switch interval decides how long spaCy waits to get the GIL back when its compiled code returns
(5 ms by default, in which spaCy does nothing): :func:`switch_interval` makes it shorter for a while.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from typing import Callable, Generic, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_STOP = object()


class Background(Generic[T, R]):
    """``function`` applied to each item :meth:`put`, in order, in a background thread."""

    def __init__(self, function: Callable[[T], R], *, depth: int = 8, name: str = "kg-background"):
        if depth < 1:
            raise ValueError(f"depth must be at least 1, not {depth!r}")
        self._function = function
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
                continue  # keep taking items, so that no put() waits for a thread that has stopped working
            try:
                result = self._function(item)
            except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
                self._error = error
            else:
                self._done.put(result)

    def put(self, item: T) -> list[R]:
        """Queue ``item``; returns the results of the items done since the last call, in order."""
        self._raise()
        self._todo.put(item)
        return self._results()

    def finish(self) -> list[R]:
        """Wait until every item queued is done; returns the results since the last call."""
        self._stop()
        self._raise()
        return self._results()

    def _results(self) -> list[R]:
        results = []
        while True:
            try:
                results.append(self._done.get_nowait())
            except queue.Empty:
                return results

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

    def __enter__(self) -> "Background[T, R]":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:  # the caller failed (or stopped early): do nothing more than the item in hand
            self._abandon.set()
        self._stop()


@contextlib.contextmanager
def switch_interval(seconds: float) -> Iterator[None]:
    """Python's thread switch interval (:func:`sys.setswitchinterval`) set to ``seconds`` inside the block, and
    set back after it."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(before)
