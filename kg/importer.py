"""RDF import: a Turtle, N-Triples, N-Quads, TriG, RDF/XML or JSON-LD file into the store, in one transaction.

    >>> summary = import_rdf("vocabulary.ttl", store, graph="https://example.org/vocab")   # doctest: +SKIP
    >>> summary.line()                                                                     # doctest: +SKIP
    'imported 120 quads into 1 graph from vocabulary.ttl'

An import file is untrusted input, like an article: its size is capped (``max_bytes``); RDF/XML with a DTD
(``<!DOCTYPE``, ``<!ENTITY``) is refused, because pyoxigraph expands internal entities without limit and
external ones name files or URLs; JSON-LD remote contexts are never fetched (pyoxigraph has no document
loader); a syntax error is reported with its line. Nothing is written unless the whole file parses.

Every graph the file writes into is *replaced*, so importing the same file twice changes nothing, and a TriG or
N-Quads file from ``kg export`` restores its articles' graphs. Triples outside any named graph go into
``graph`` (by default a graph named after the file's content, ``https://w3id.org/kgnews/import/<sha256>``).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import ConfigError, InputError
from .store import EmbeddedStore
from .vocab import BASE

#: File suffix -> (pyoxigraph format, name used in messages).
FORMATS = {
    ".ttl": (ox.RdfFormat.TURTLE, "Turtle"),
    ".turtle": (ox.RdfFormat.TURTLE, "Turtle"),
    ".nt": (ox.RdfFormat.N_TRIPLES, "N-Triples"),
    ".nq": (ox.RdfFormat.N_QUADS, "N-Quads"),
    ".nquads": (ox.RdfFormat.N_QUADS, "N-Quads"),
    ".trig": (ox.RdfFormat.TRIG, "TriG"),
    ".rdf": (ox.RdfFormat.RDF_XML, "RDF/XML"),
    ".owl": (ox.RdfFormat.RDF_XML, "RDF/XML"),
    ".jsonld": (ox.RdfFormat.JSON_LD, "JSON-LD"),
}
IMPORT = BASE + "import/"
MAX_BYTES = 50_000_000

_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


@dataclass
class ImportSummary:
    """What one import did."""

    source: str
    quads: int = 0
    graphs: list = field(default_factory=list)  # IRIs of the graphs replaced

    def line(self) -> str:
        count = len(self.graphs)
        return f"imported {self.quads} quads into {count} graph{'s' if count != 1 else ''} from {self.source}"


@dataclass(frozen=True)
class RdfFile:
    """A parsed RDF file: its quads by the graph they go into."""

    source: str
    graphs: dict


def import_rdf(path: str | os.PathLike, store: EmbeddedStore, *, graph: str | None = None,
               max_bytes: int = MAX_BYTES) -> ImportSummary:
    """Parse the RDF file at ``path`` whole, then replace, in one transaction, every graph it writes into."""
    return store_rdf(read_rdf(path, graph=graph, max_bytes=max_bytes), store)


def read_rdf(path: str | os.PathLike, *, graph: str | None = None, max_bytes: int = MAX_BYTES) -> RdfFile:
    """Parse the RDF file at ``path``; raises :class:`InputError` (naming the file) if it cannot be imported."""
    source = os.fsdecode(path)
    suffix = os.path.splitext(source)[1].lower()
    if suffix not in FORMATS:
        raise InputError(source, f"unsupported RDF file type '{suffix}'; give one of {' '.join(FORMATS)}")
    rdf_format, name = FORMATS[suffix]
    target = _graph(graph) if graph else None
    data = _read(source, max_bytes)
    if rdf_format == ox.RdfFormat.RDF_XML and _DTD.search(data):
        raise InputError(source, "RDF/XML with a DTD (<!DOCTYPE or <!ENTITY) is refused: entities could expand "
                                 "without limit or read files and URLs; remove the DTD")
    if target is None:
        target = ox.NamedNode(IMPORT + hashlib.sha256(data).hexdigest()[:16])
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    try:
        for quad in ox.parse(data, format=rdf_format):
            name_of_graph = target if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name
            if isinstance(name_of_graph, ox.BlankNode):
                raise InputError(source, "a graph is named by a blank node; name every graph with an IRI")
            by_graph.setdefault(name_of_graph, []).append(quad)
    except SyntaxError as error:
        raise InputError(source, f"not valid {name} ({_one_line(error)}); fix the file") from None
    except (ValueError, OSError) as error:
        raise InputError(source, f"cannot parse as {name} ({_one_line(error)}); fix the file") from None
    if not by_graph:
        raise InputError(source, f"no triples in it; give a {name} file with some data")
    return RdfFile(source, by_graph)


def store_rdf(parsed: RdfFile, store: EmbeddedStore) -> ImportSummary:
    """Write a parsed file: every graph it names is replaced, all in one transaction."""
    count = store.replace_graphs(parsed.graphs)
    return ImportSummary(source=parsed.source, quads=count, graphs=[g.value for g in parsed.graphs])


def _graph(iri: str) -> ox.NamedNode:
    if not _ABSOLUTE_IRI.fullmatch(iri):
        raise ConfigError(f"--graph {iri!r} is not an absolute IRI; give one such as https://example.org/my-graph")
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise ConfigError(f"--graph {iri!r} is not a valid IRI ({error})") from None


def _read(source: str, max_bytes: int) -> bytes:
    try:
        with open(source, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(source, "no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(source, "is a folder; give one RDF file") from None
    except PermissionError:
        raise InputError(source, "permission denied; make the file readable") from None
    except OSError as error:
        raise InputError(source, f"cannot read ({error.strerror or error}); check the file") from None
    if len(data) > max_bytes:
        raise InputError(source, f"too big (over the {max_bytes:,}-byte limit, max_bytes); split it")
    if not data.strip():
        raise InputError(source, "empty (no RDF in it); give a file with some data")
    return data


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 300 else text[:299] + "…"
