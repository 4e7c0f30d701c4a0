"""Storage: an embedded Oxigraph store in a directory (the default).

A kg store directory holds a marker file, ``kg-store.json``, next to Oxigraph's files, so kg never writes
database files into a folder of somebody's documents and never silently creates an empty store on a typo.
Every article is written in one transaction (one SPARQL update that drops its old graph and inserts the new
one): a crash leaves either the old article or the new one, never half of it.
"""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .errors import StoreError

MARKER = "kg-store.json"
FORMAT = {"format": "kg-store", "version": 1}
DEFAULT_LOCATION = ".kg/store"


def default_location() -> str:
    """``$KG_STORE`` if set, else ``.kg/store`` in the current directory."""
    return os.environ.get("KG_STORE") or DEFAULT_LOCATION


class EmbeddedStore:
    """An Oxigraph store on disk, queried with the union of all article graphs as default graph."""

    def __init__(self, path: Path, oxigraph: ox.Store):
        self.path = path
        self.oxigraph = oxigraph

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"

    # writing ---------------------------------------------------------------------------------------------

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], *, drop: Iterable[ox.NamedNode] = ()) -> None:
        """Atomically drop ``drop`` graphs (and ``graph``) and write ``quads`` into ``graph``."""
        parts = [f"DROP SILENT GRAPH {old}" for old in {*drop, graph}]
        body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        parts.append(f"INSERT DATA {{ GRAPH {graph} {{ {body} }} }}")
        try:
            self.oxigraph.update(" ;\n".join(parts))
        except OSError as error:
            raise StoreError(f"{self.path}: could not write ({error})") from None

    def drop_graph(self, graph: ox.NamedNode) -> None:
        self.oxigraph.update(f"DROP SILENT GRAPH {graph}")

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
        """Release the store's lock: Oxigraph frees it when the last reference (query results included) goes."""
        if getattr(self, "oxigraph", None) is not None:
            self.oxigraph.flush()
            self.oxigraph = None
            gc.collect()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_store(location: str | os.PathLike | None = None, *, create: bool = False) -> EmbeddedStore:
    """Open the store at ``location`` (default: :func:`default_location`).

    ``create=True`` makes a new store if there is none; otherwise a missing store is an error, so a typo in
    ``--store`` says "no such store" instead of answering from an empty one.
    """
    path = Path(location or default_location())
    if str(path).startswith(("http://", "https://")):
        raise StoreError(f"{path}: remote SPARQL stores are not supported yet; give a directory")
    marker = path / MARKER
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a kg store directory")
    if path.is_dir() and not marker.exists():
        if any(path.iterdir()):
            raise StoreError(f"{path}: not a kg store (no {MARKER}); choose an empty or new directory")
        if not create:
            raise StoreError(f"{path}: no such store; create one with: kg ingest FILES --store {path}")
    if not path.exists():
        if not create:
            raise StoreError(f"{path}: no such store; create one with: kg ingest FILES --store {path}")
        path.mkdir(parents=True)
    try:
        oxigraph = ox.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreError(f"{path}: store in use by another kg process; wait for it to finish") from None
        raise StoreError(f"{path}: cannot open store ({error})") from None
    if not marker.exists():
        marker.write_text(json.dumps(FORMAT) + "\n", encoding="utf-8")
    else:
        try:
            found = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        if not isinstance(found, dict) or found.get("format") != "kg-store":
            raise StoreError(f"{path}: {MARKER} is damaged; this is not a kg store")
    return EmbeddedStore(path, oxigraph)
