"""Storage: an embedded Oxigraph store in a directory (the default).

A kg store directory holds a marker file, ``kg-store.json``, next to Oxigraph's files, so kg never writes
database files into a folder of somebody's documents and never silently creates an empty store on a typo.
Every article is written in one transaction (one SPARQL update that drops its old graph and inserts the new
one): a crash leaves either the old article or the new one, never half of it.

One process writes a store at a time (Oxigraph's lock). Readers are not blocked by it: a store that another
process holds, or one opened with ``read_only=True``, is read from a *snapshot* — hard links to Oxigraph's
immutable table files plus copies of its small log and manifest files, in ``.kg-readers/`` inside the store —
opened read-only. Oxigraph documents a read-only instance next to a writer as undefined because the writer
deletes table files as it compacts them; the hard links keep them alive, a checkpoint of the snapshot proves
it holds every file it names (else it is taken again), and the writer's log replays to the last whole
transaction, so a reader sees every article whole, as of the moment it opened.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import time
import uuid
import weakref
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .errors import StoreError
from .rdf import replace_update

MARKER = "kg-store.json"
SNAPSHOTS = ".kg-readers"  # read-only snapshots, one folder per reader, inside the store directory
FORMAT = {"format": "kg-store", "version": 1}
DEFAULT_LOCATION = ".kg/store"


def default_location() -> str:
    """``$KG_STORE`` if set, else ``.kg/store`` in the current directory."""
    return os.environ.get("KG_STORE") or DEFAULT_LOCATION


class EmbeddedStore:
    """An Oxigraph store on disk, queried with the union of all article graphs as default graph.

    ``snapshot`` is set when the store was opened read-only (see the module docstring): writing then raises
    :class:`StoreError`.
    """

    #: Oxigraph keeps writes in memory and in its write-ahead log until a flush; a reader's snapshot replays
    #: that log, so the writer flushes every this many quads to keep snapshots quick to open.
    FLUSH_EVERY = 20_000

    def __init__(self, path: Path, oxigraph: ox.Store, *, snapshot: Path | None = None):
        self.path = path
        self.oxigraph = oxigraph
        self.snapshot = snapshot
        self._unflushed = 0
        if snapshot is not None:  # removed at close, or at exit, or by the next reader if this process dies
            self._cleanup = weakref.finalize(self, shutil.rmtree, snapshot, True)

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r}{', read-only' if self.read_only else ''})"

    @property
    def read_only(self) -> bool:
        return self.snapshot is not None

    # writing ---------------------------------------------------------------------------------------------

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], *, drop: Iterable[ox.NamedNode] = ()) -> None:
        """Atomically drop ``drop`` graphs (and ``graph``) and write ``quads`` into ``graph``."""
        self.replace_graphs({graph: quads}, drop=drop)

    def replace_graphs(self, graphs: dict[ox.NamedNode, Iterable[ox.Quad]], *,
                       drop: Iterable[ox.NamedNode] = ()) -> int:
        """In one transaction, drop ``drop`` and every graph of ``graphs``, and write each graph's quads into it
        (their own graph names are ignored). Terms go in as N-Triples, which pyoxigraph escapes, so no text can
        change the update; new graphs alone go in as terms (:meth:`_insert_new`). Returns the number of quads
        written."""
        self._writable()
        graphs = {graph: list(quads) for graph, quads in graphs.items()}
        drop = list(drop)
        try:
            inserted = self._insert_new(graphs, drop)
            if inserted is not None:
                count = inserted
            else:
                update, count = replace_update(graphs, drop=drop)
                self.oxigraph.update(update)
            self._count_written(count)
        except OSError as error:
            raise StoreError(f"{self.path}: could not write ({error})") from None
        return count

    def _insert_new(self, graphs: dict[ox.NamedNode, list], drop: list) -> int | None:
        """The common case, a new article: no graph of ``graphs`` or ``drop`` is in the store, so there is nothing
        to drop, only quads to add — in one transaction too (``Store.extend``), without writing out and parsing a
        SPARQL update, which costs as much as the write itself. Returns the number of quads written, or ``None``
        when this is not that case (the update does it, and refuses anything that is not an RDF term)."""
        names = [*drop, *graphs]
        if not all(isinstance(name, ox.NamedNode) for name in names):
            return None
        quads = []
        for graph, items in graphs.items():
            for quad in items:
                if not isinstance(quad, ox.Quad):
                    return None
                quads.append(quad if quad.graph_name == graph else
                             ox.Quad(quad.subject, quad.predicate, quad.object, graph))
        if not quads or any(self.oxigraph.contains_named_graph(name) for name in names):
            return None
        self.oxigraph.extend(quads)
        return len(quads)

    def load_new_graph(self, graph: ox.NamedNode, nquads: bytes) -> bool:
        """Write ``nquads``, N-Quads whose every quad is in ``graph`` (an article as a worker process sends it),
        in one transaction, if the store has no graph ``graph``; returns whether it did. Oxigraph parses them
        itself: no Python object is made for a term."""
        self._writable()
        if self.oxigraph.contains_named_graph(graph):
            return False
        try:
            self.oxigraph.load(nquads, format=ox.RdfFormat.N_QUADS)
            self._count_written(nquads.count(b"\n"))  # a quad a line: pyoxigraph escapes line breaks in literals
        except OSError as error:
            raise StoreError(f"{self.path}: could not write ({error})") from None
        return True

    def _count_written(self, count: int) -> None:
        self._unflushed += count
        if self._unflushed >= self.FLUSH_EVERY:
            self.oxigraph.flush()
            self._unflushed = 0

    def drop_graph(self, graph: ox.NamedNode) -> None:
        self._writable()
        self.oxigraph.update(f"DROP SILENT GRAPH {graph}")

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only (store in use by another kg process); "
                             "wait for it to finish, then write")

    # reading ---------------------------------------------------------------------------------------------

    def has_graph(self, graph: ox.NamedNode) -> bool:
        return self.oxigraph.contains_named_graph(graph)

    def query(self, sparql: str, *, bindings: dict | None = None):
        """Run a (checked) SPARQL query over the union of all graphs."""
        substitutions = {ox.Variable(name): value for name, value in (bindings or {}).items()}
        return self.oxigraph.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)

    def quads(self):
        return self.oxigraph.quads_for_pattern(None, None, None, None)

    def close(self) -> None:
        """Release the store's lock: Oxigraph frees it when the last reference (query results included) goes.
        A read-only store's snapshot is deleted."""
        if getattr(self, "oxigraph", None) is not None:
            if not self.read_only:
                self.oxigraph.flush()
            self.oxigraph = None
            if self.snapshot is None:
                gc.collect()
            else:  # no lock to release: its files can go even if a query result still holds the store
                self._cleanup()
                try:
                    self.snapshot.parent.rmdir()  # the last reader out removes .kg-readers/
                except OSError:
                    pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_store(location: str | os.PathLike | None = None, *, create: bool = False, read_only: bool = False,
               wait: float = 0.0) -> EmbeddedStore:
    """Open the store at ``location`` (default: :func:`default_location`).

    ``create=True`` makes a new store if there is none; otherwise a missing store is an error, so a typo in
    ``--store`` says "no such store" instead of answering from an empty one.

    While another process writes the store, a caller that did not ask to ``create`` it gets a read-only
    snapshot (see the module docstring); one that did gets "store in use", after waiting up to ``wait``
    seconds for the other process to finish. ``read_only=True`` always reads a snapshot and never takes the
    lock, so a writer can start meanwhile.

    An ``http(s)://`` location is a SPARQL 1.1 Query/Update endpoint: a :class:`~kg.remote.RemoteStore`.
    """
    location = location or default_location()
    if str(location).lower().startswith(("http://", "https://")):
        from .remote import open_remote
        return open_remote(str(location), read_only=read_only)
    path = Path(location)
    marker = path / MARKER
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a kg store directory")
    if path.is_dir() and not marker.exists():
        if any(path.iterdir()):
            raise StoreError(f"{path}: not a kg store (no {MARKER}); choose an empty or new directory")
        if not create or read_only:
            raise StoreError(f"{path}: no such store; create one with: kg ingest FILES --store {path}")
    if not path.exists():
        if not create or read_only:
            raise StoreError(f"{path}: no such store; create one with: kg ingest FILES --store {path}")
        path.mkdir(parents=True)
    if read_only:
        _check_marker(path)
        return _snapshot(path)
    deadline = time.monotonic() + wait
    while True:
        try:
            oxigraph = ox.Store(str(path))
            break
        except OSError as error:
            if "lock" not in str(error).lower():
                raise StoreError(f"{path}: cannot open store ({error})") from None
            # RocksDB says "lock hold by current process" for a second opener in this process: a bug, not a reader
            if not create and marker.exists() and "current process" not in str(error):
                _check_marker(path)
                return _snapshot(path)
            if time.monotonic() >= deadline:
                raise StoreError(f"{path}: store in use by another kg process; wait for it to finish") from None
            time.sleep(0.2)
    if not marker.exists():
        marker.write_text(json.dumps(FORMAT) + "\n", encoding="utf-8")
    else:
        _check_marker(path)
    _remove_stale_snapshots(path)
    return EmbeddedStore(path, oxigraph)


def _check_marker(path: Path) -> None:
    try:
        found = json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if not isinstance(found, dict) or found.get("format") != "kg-store":
        raise StoreError(f"{path}: {MARKER} is damaged; this is not a kg store")


def _snapshot(path: Path, *, attempts: int = 5) -> EmbeddedStore:
    """A read-only store over a snapshot of ``path``'s database, taken again if the writer changed it meanwhile."""
    _remove_stale_snapshots(path)
    problem = None
    for attempt in range(attempts):
        folder = path / SNAPSHOTS / f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        try:
            folder.mkdir(parents=True)
            _copy_database(path, folder)
            oxigraph = ox.Store.read_only(str(folder))
            _verify(oxigraph, folder)
            return EmbeddedStore(path, oxigraph, snapshot=folder)
        except (OSError, RuntimeError) as error:  # a flush or compaction in between: a file went missing
            oxigraph = None
            problem = error
            shutil.rmtree(folder, ignore_errors=True)
            time.sleep(0.1 * (attempt + 1))
    raise StoreError(f"{path}: cannot read the store while another kg process writes it ({problem}); try again")


def _verify(oxigraph: ox.Store, folder: Path) -> None:
    """Raise OSError unless every table file the snapshot's manifest names is in it. RocksDB opens a store
    without checking, and a query that meets a missing file makes Oxigraph allocate memory without end (it
    killed a test run); a checkpoint of the snapshot links each live file, or fails on the first missing one."""
    check = folder / "verified"
    try:
        oxigraph.backup(str(check))
    finally:
        shutil.rmtree(check, ignore_errors=True)
        shutil.rmtree(folder / "verified.tmp", ignore_errors=True)


def _copy_database(source: Path, target: Path, *, rounds: int = 20) -> None:
    """Link Oxigraph's table files (never modified once written, deleted by compaction), then copy its
    write-ahead logs, then its manifest (which names the live table files and logs); again for any table file
    that appeared meanwhile, until none did, so that the manifest copied names only files linked here
    (:func:`_verify` makes sure). A log cut mid-write replays up to its last whole transaction."""
    linked: set[str] = set()
    for _ in range(rounds):
        for name in sorted(_tables(source) - linked):
            try:
                os.link(source / name, target / name)
            except FileNotFoundError:  # compacted away since listed: a later manifest no longer names it
                continue
            except OSError:  # a file system without hard links
                shutil.copyfile(source / name, target / name)
            linked.add(name)
        for name in sorted(os.listdir(source)):
            if name.endswith(".log"):
                try:
                    shutil.copyfile(source / name, target / name)
                except FileNotFoundError:
                    continue
        for name in sorted(os.listdir(source)):
            if name.startswith(("MANIFEST-", "OPTIONS-")) or name in ("CURRENT", "IDENTITY"):
                shutil.copyfile(source / name, target / name)
        if not _tables(source) - linked:  # no table file written since: the manifest names none we lack
            return
    raise RuntimeError(f"the store changed {rounds} times while a snapshot was taken")


def _tables(folder: Path) -> set[str]:
    return {name for name in os.listdir(folder) if name.endswith((".sst", ".blob"))}


def _remove_stale_snapshots(path: Path) -> None:
    """Delete the snapshots of readers that died without closing their store."""
    folder = path / SNAPSHOTS
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        pid = entry.name.split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # somebody else's process
        return True
    return True
