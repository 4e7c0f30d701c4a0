"""Writing articles' graphs to the store in a background thread, while the next articles are parsed.

A store write is mostly spent in the store itself (Oxigraph's ``Store.extend`` and an HTTP request both run
without holding Python's GIL), so one writer thread overlaps it with parsing on the second core. The writer
takes the articles in the order they are given and writes them one at a time, each in its own transaction, so
the store's contents are those of writing in the caller's thread.

It is a :class:`~kg.background.Background` thread whose results are the items written. Only the write runs in
the thread: callbacks (progress lines, bookkeeping) stay in the caller's thread, which
gets the written articles back from :meth:`Writer.put` and :meth:`Writer.finish`. A failed write stops the
writer; the error is raised in the caller's thread at its next call, and nothing after the failed article is
written. Leaving the ``with`` block on an exception drops what was not yet written: every article stored is
whole, and running the same ingest again writes the rest.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from .background import Background

T = TypeVar("T")


class Writer(Background[T, T]):
    """``write`` applied to each item :meth:`put`, in order, in a background thread; :meth:`put` and
    :meth:`finish` return the items written.

    At most ``depth`` items wait to be written: :meth:`put` blocks when the writer is that far behind, so the
    caller reads and parses no faster than the store takes the results (memory stays flat)."""

    def __init__(self, write: Callable[[T], object], *, depth: int = 8, name: str = "kg-writer"):
        def written(item: T) -> T:
            write(item)
            return item

        super().__init__(written, depth=depth, name=name)
