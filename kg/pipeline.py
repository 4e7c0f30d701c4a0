"""The one place where the stages are composed: read → parse → extract → resolve → RDF → store.

Everything streams: articles are read, parsed and written one batch at a time, never all held at once.

Parsing, extraction and RDF building (:func:`extract_articles`) run in this process, in ``n_process`` worker
processes, or on a Dask cluster (:mod:`kg.distributed`); in every case the client reads the articles, hands
them out in batches with a bounded number in flight (back-pressure: reading waits for writing), and writes
each article's graph in input order, in a writer thread that overlaps the store's work with parsing
(:mod:`kg.writer`). Each article's quads depend on its text alone, so the graph is the same
whichever way it was built.

spaCy and the extractor (:mod:`kg.nlp`, :mod:`kg.extract`: half a second to import) are imported by the functions
that parse, so a process that only reads and writes — the client of ``--workers`` or ``--dask``, and every
command but ``ingest`` — never loads them.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from .background import Background, switch_interval
from .errors import ConfigError, InputError, KGError
from .merge import identities
from .model import Article, Fact, Mention, Relation
from .rdf import article_iri, to_quads
from .readers import SUFFIXES, read_articles
from .resolve import resolve
from .store import EmbeddedStore
from .vocab import KG
from .writer import Writer


@dataclass
class IngestSummary:
    """What one ingest run did."""

    read: int = 0  # articles read
    added: int = 0  # new or changed articles written
    unchanged: int = 0  # articles already in the store with the same text
    replaced: int = 0  # earlier versions of an edited article dropped
    facts: int = 0  # facts written
    rejected: list = field(default_factory=list)  # InputError per rejected file or line

    def line(self) -> str:
        return (f"{self.read} articles read, {self.facts} new facts from {self.added} articles, "
                f"{self.unchanged} unchanged skipped, {len(self.rejected)} rejected")


def extract_facts(doc, article: Article):
    """Mentions and relations of one parsed article, resolved into entities and facts."""
    from .extract import extract
    items = list(extract(doc, article))
    mentions = [item for item in items if isinstance(item, Mention)]
    relations = [item for item in items if isinstance(item, Relation)]
    return resolve(mentions, relations, text=article.text)


def article_quads(doc, article: Article) -> tuple[list[ox.Quad], list[Fact]]:
    """Everything one article contributes to the graph."""
    entities, facts = extract_facts(doc, article)
    return list(to_quads(article, entities, facts)), facts


class Extracted:
    """One article made ready to store: its quads and how many facts they state.

    Sent from a worker process (or a Dask worker) to the writer, its quads travel as N-Quads, which pyoxigraph
    writes and reads back exactly (the same terms, in the same order) in a third of the time pickle takes
    over Quad objects. They stay N-Quads (:attr:`nquads`) until something reads :attr:`quads`: the embedded
    store writes a new article's N-Quads as they came (:meth:`~kg.store.EmbeddedStore.load_new_graph`), without
    making a Python object of every term in the process that writes."""

    __slots__ = ("article", "facts", "_quads", "_nquads")

    def __init__(self, article: Article, quads: list | None, facts: int, *, nquads: bytes | None = None):
        if quads is None and nquads is None:
            raise ValueError("an Extracted article needs its quads or their N-Quads")
        self.article, self.facts, self._quads, self._nquads = article, facts, quads, nquads

    @property
    def quads(self) -> list:
        if self._quads is None:
            self._quads = list(ox.parse(self._nquads, format=ox.RdfFormat.N_QUADS))
        return self._quads

    @property
    def nquads(self) -> bytes | None:
        """The quads as the N-Quads they came as (from another process), if they did."""
        return self._nquads

    def with_quads(self, quads: list, facts: int) -> "Extracted":
        return Extracted(self.article, quads, facts)

    def __eq__(self, other) -> bool:
        return isinstance(other, Extracted) and (self.article, self.quads, self.facts) == \
            (other.article, other.quads, other.facts)

    def __repr__(self) -> str:
        return f"Extracted({self.article.id!r}, {self.facts} facts)"

    def __reduce__(self):
        nquads = self._nquads if self._nquads is not None else ox.serialize(self._quads, format=ox.RdfFormat.N_QUADS)
        return _rebuild, (self.article, nquads, self.facts)


def _rebuild(article: Article, nquads: bytes, facts: int) -> Extracted:
    return Extracted(article, None, facts, nquads=nquads)


#: Python's thread switch interval while extraction runs beside parsing: how long spaCy may wait for the GIL
#: when its compiled code returns (the default, 5 ms, costs more parsing time than the overlap gains).
SWITCH_INTERVAL = 0.0001


def _extracted(parsed: tuple) -> Extracted:
    doc, article = parsed
    quads, facts = article_quads(doc, article)
    return Extracted(article, quads, len(facts))


def extract_articles(articles: Iterable[Article], *, overlap: bool = True) -> Iterator[Extracted]:
    """Parse each article, extract and resolve its facts and build its quads, in this process, in input order.

    With ``overlap``, extraction runs in a thread of its own, beside the parse of the next articles: it takes
    the moments when spaCy works without the GIL (:mod:`kg.background`). Reading and parsing stay in the
    caller's thread, and so do the callbacks of reading (``on_error``); the results are the same."""
    from .nlp import PARSE_BATCH, parse
    if not overlap:
        yield from map(_extracted, parse(articles))
        return
    # room for two of spaCy's batches: the parse never waits for the extraction of the batch before
    with Background(_extracted, depth=2 * PARSE_BATCH, name="kg-extract") as extractor, \
            switch_interval(SWITCH_INTERVAL):
        for parsed in parse(articles):
            yield from extractor.put(parsed)
        yield from extractor.finish()


def extract_batch(articles: list[Article]) -> list[Extracted]:
    """:func:`extract_articles` over one batch: the task a worker process (local or Dask) runs. The spaCy model
    is loaded once per worker process (``kg.nlp.load`` is cached) and kept for the next batches. There the
    batch is parsed, then extracted, in one thread: the worker processes keep every core busy already."""
    return list(extract_articles(articles, overlap=False))


def map_batches(submit: Callable[[list[Article]], object], articles: Iterable[Article], *, batch_size: int,
                in_flight: int) -> Iterator[Extracted]:
    """Cut ``articles`` into batches, ``submit`` each (it returns a future: anything with ``result()``) and
    yield the results in input order. At most ``in_flight`` batches are submitted and not yet yielded, so the
    input is read no faster than results are consumed."""
    pending: deque = deque()
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            pending.append(submit(batch))
            batch = []
            while len(pending) >= in_flight:
                yield from pending.popleft().result()
    if batch:
        pending.append(submit(batch))
    while pending:
        yield from pending.popleft().result()


def _warm_up() -> None:
    from .nlp import load
    load("fr")  # in each worker process, before its first batch


@contextlib.contextmanager
def worker_pool(n_process: int, *, batch_size: int = 8) -> Iterator[Callable[[Iterable[Article]], Iterator[Extracted]]]:
    """A function mapping articles to :class:`Extracted` in input order, computed by ``n_process`` worker
    processes (each with its own spaCy model, loaded once). Workers are started fresh ("spawn"): forking a
    process that holds an Oxigraph store and its threads is unsafe."""
    pool = ProcessPoolExecutor(max_workers=n_process, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_warm_up)

    def run(articles: Iterable[Article]) -> Iterator[Extracted]:
        try:
            yield from map_batches(functools.partial(pool.submit, extract_batch), articles,
                                   batch_size=batch_size, in_flight=2 * n_process)
        except BrokenProcessPool:
            raise KGError("a worker process died (out of memory?); what was stored is whole: run the same "
                          "ingest again to finish, with fewer --workers") from None

    try:
        yield run
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _extractor(n_process: int, dask, batch_size: int | None):
    if dask is not None:
        from .distributed import dask_extractor
        with dask_extractor(dask, batch_size=batch_size or 50) as run:
            yield run
    elif n_process > 1:
        with worker_pool(n_process, batch_size=batch_size or 8) as run:
            yield run
    else:
        yield extract_articles


def count_articles(paths: Iterable[str | os.PathLike]) -> int | None:
    """How many articles ``paths`` hold, when that is cheap to know (files and folders of files); ``None`` for
    standard input and JSON Lines files (one article a line: counting would read them twice)."""
    total = 0
    for path in paths:
        name = os.fsdecode(path)
        if name == "-":
            return None
        if os.path.isdir(name):
            for folder, dirs, files in os.walk(name):  # like the readers: hidden entries skipped, links not followed
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for file in files:
                    kind = SUFFIXES.get(os.path.splitext(file)[1].lower())
                    if file.startswith(".") or kind is None:
                        continue
                    if kind == "jsonl":
                        return None
                    total += 1
        elif SUFFIXES.get(os.path.splitext(name)[1].lower()) == "jsonl":
            return None
        elif os.path.exists(name):  # a missing file is an error, not an article
            total += 1
    return total


_SAME_SOURCE = f"SELECT ?graph ?source WHERE {{ GRAPH ?graph {{ ?graph <{KG.source}> ?source }} }}"


def ingest(paths: Iterable[str | os.PathLike], store: EmbeddedStore, *,
           on_error: Callable[[InputError], None] | None = None,
           on_article: Callable[[Article, str], None] | None = None,
           stdin=None, n_process: int = 1, dask=None, batch_size: int | None = None,
           aliases=None) -> IngestSummary:
    """Read, extract and store every article under ``paths``; returns what was done.

    An article already stored with the same text is skipped; one whose source (path or URL) was stored
    with another text replaces it. Bad files are passed to ``on_error`` (and counted) and the run goes on.

    ``n_process`` worker processes parse and extract (default: this process alone); or ``dask``, a Dask
    scheduler address, ``"local"`` (a local cluster of two single-threaded worker processes) or a
    ``distributed.Client``, does it on a cluster. ``batch_size`` articles go to a worker at a time (default 8
    for local workers, 50 for Dask). The store is written by this process only, in input order, so every way
    gives the same graph. The writes run in a background thread (:mod:`kg.writer`) while the next articles are
    parsed.

    Entity names of the alias file ``aliases`` (a path or a loaded :class:`~kg.aliases.Aliases`; default:
    ``aliases.toml`` in the store directory, if any; see :mod:`kg.aliases`) and the merges recorded in the
    store (:mod:`kg.merge`) apply to each article as it is written.
    """
    if not isinstance(n_process, int) or n_process < 1:
        raise ConfigError(f"workers must be a whole number of at least 1, not {n_process!r}")
    if batch_size is not None and batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, not {batch_size!r}")
    summary = IngestSummary()
    same_entities = identities(store, aliases=aliases)  # a bad alias file stops here, before any article
    pending: set[str] = set()  # articles handed out and not yet written: a second copy is no new article

    def rejected(error: InputError) -> None:
        summary.rejected.append(error)
        if on_error is not None:
            on_error(error)

    def fresh() -> Iterator[Article]:
        for article in read_articles(paths, on_error=rejected, stdin=stdin):
            summary.read += 1
            if article.id in pending or store.has_graph(article_iri(article.id)):
                summary.unchanged += 1
                if on_article:
                    on_article(article, "unchanged")
                continue
            pending.add(article.id)
            yield article

    def written(done: list[Extracted]) -> None:
        for extracted in done:
            pending.discard(extracted.article.id)
            if on_article:
                on_article(extracted.article, "added")

    with _extractor(n_process, dask, batch_size) as extract_all, \
            Writer(functools.partial(_store, store, summary=summary)) as writer:
        for extracted in extract_all(fresh()):
            written(writer.put(same_entities.apply(extracted)))
        written(writer.finish())
    return summary


def _store(store, extracted: Extracted, *, summary: IngestSummary) -> None:
    """Write one article's graph, replacing the earlier versions of its source (in the writer's thread)."""
    article = extracted.article
    graph = article_iri(article.id)
    previous = []
    if not article.source.startswith("<"):  # "<stdin>" is no identity
        previous = [row["graph"] for row in store.query(_SAME_SOURCE, bindings={"source": ox.Literal(article.source)})]
    # a new article from a worker process: its N-Quads as they came (every quad is in its article's graph)
    new = not previous and extracted.nquads is not None and isinstance(store, EmbeddedStore) \
        and store.load_new_graph(graph, extracted.nquads)
    if not new:
        store.replace_graph(graph, extracted.quads, drop=[g for g in previous if g != graph])
    summary.added += 1
    summary.replaced += len(previous)
    summary.facts += extracted.facts


def extract_article(article: Article) -> list[Fact]:
    """The facts of one article, without storing them (for the Python API and evaluation)."""
    from .nlp import parse
    for doc, parsed in parse([article]):
        return extract_facts(doc, parsed)[1]
    raise KGError("nothing to parse")  # pragma: no cover
