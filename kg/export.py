"""RDF export: the whole store as Turtle, N-Triples, JSON-LD (union of all articles) or TriG, N-Quads
(one named graph per article)."""

from __future__ import annotations

import os

import pyoxigraph as ox

from .errors import StoreError
from .query import PREFIXES
from .store import EmbeddedStore

QUAD_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
TRIPLE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}


def write_rdf(store: EmbeddedStore, path: str | os.PathLike, rdf_format: str) -> int:
    """Serialise the store to ``path``; returns the number of quads (or distinct triples) written."""
    quads = list(store.quads())
    try:
        if rdf_format in QUAD_FORMATS:
            data = ox.serialize(quads, format=QUAD_FORMATS[rdf_format], prefixes=PREFIXES)
            count = len(quads)
        else:
            triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
            count = len(triples)
            if rdf_format in TRIPLE_FORMATS:
                data = ox.serialize(triples, format=TRIPLE_FORMATS[rdf_format],
                                    prefixes=PREFIXES if rdf_format == "turtle" else None)
            else:
                import rdflib
                graph = rdflib.Graph()
                graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
                for name, iri in PREFIXES.items():
                    graph.bind(name, iri)
                data = graph.serialize(format="json-ld", auto_compact=True).encode("utf-8")
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise StoreError(f"{path}: cannot write ({error.strerror})") from None
    return count
