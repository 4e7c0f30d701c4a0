"""Distributed ingestion on Dask: the same parse → extract → resolve → RDF functions, run on a cluster.

    >>> with kg.open_store("http://127.0.0.1:7878") as store:              # doctest: +SKIP
    ...     kg.ingest(["corpus/"], store, dask="tcp://scheduler:8786").line()

The client (``kg ingest --dask ADDRESS``) reads the articles, submits batches of them to the workers
(:func:`kg.pipeline.extract_batch`: each worker parses, extracts and builds the batch's quads and sends them
back), and writes each article's graph itself, in input order, with a bounded number of batches in flight.
Only one process writes, so the store may be an embedded directory or a SPARQL server.

Entity IRIs are minted from each name alone (:func:`kg.resolve.canonical_key`), so they do not depend on which
worker saw an article first. Every worker needs kg and its spaCy model installed; each loads the model once
and keeps it (``kg.nlp.load`` is cached per process). ``"local"`` starts a ``LocalCluster`` of two
single-threaded worker processes on 127.0.0.1, for one machine or for tests.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from typing import Callable, Iterable, Iterator

from .errors import ConfigError, KGError
from .model import Article
from .pipeline import Extracted, extract_batch, map_batches

#: ``--dask local``: two worker processes of one thread each (spaCy is CPU-bound and holds the GIL).
LOCAL_WORKERS = 2


@contextlib.contextmanager
def dask_client(scheduler, *, timeout: str = "20s"):
    """A ``distributed.Client`` for ``scheduler``: an address (``tcp://host:8786``), ``"local"`` for a new
    ``LocalCluster``, or a client, used as it is. What this function started, it stops."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - a dependency of kg
        raise ConfigError("Dask is not installed; install it with: pip install 'dask[distributed]'") from None
    if not isinstance(scheduler, str):
        yield scheduler
        return
    if scheduler == "local":
        cluster = LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=logging.ERROR)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as error:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({error}); "
                          "start one with: dask scheduler, or use --dask local") from None
    with client:
        yield client


@contextlib.contextmanager
def dask_extractor(scheduler, *, batch_size: int = 50,
                   in_flight: int | None = None) -> Iterator[Callable[[Iterable[Article]], Iterator[Extracted]]]:
    """A function mapping articles to :class:`~kg.pipeline.Extracted` in input order, computed on the Dask
    cluster of ``scheduler`` (see :func:`dask_client`), ``batch_size`` articles per task, at most
    ``in_flight`` tasks at a time (default: two per worker thread, so every worker always has the next one)."""
    from distributed import KilledWorker

    with dask_client(scheduler) as client:
        if in_flight is None:
            threads = sum(client.nthreads().values())
            in_flight = max(2, 2 * threads)
        submit = functools.partial(client.submit, extract_batch, pure=False)

        def run(articles: Iterable[Article]) -> Iterator[Extracted]:
            try:
                yield from map_batches(submit, articles, batch_size=batch_size, in_flight=in_flight)
            except KilledWorker as error:
                raise KGError(f"Dask workers died running a batch ({error}); what was stored is whole: run the "
                              "same ingest again to finish") from None

        yield run
