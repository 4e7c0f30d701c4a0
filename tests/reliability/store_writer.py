"""A writer for the store tests, without the language model: ``python store_writer.py STORE SIZE [FLUSH_EVERY]``.

Writes graph after graph through ``EmbeddedStore.replace_graph`` (one transaction each) for ever, each graph
``<…/article/wN>`` holding SIZE quads plus a ``count`` quad saying how many it should hold, and prints the
number of each graph once written. A small FLUSH_EVERY makes the store flush and compact all the time.
"""

import sys
import types
from pathlib import Path

import pyoxigraph as ox

# kg/__init__.py imports the whole pipeline (spaCy: seconds); this writer needs kg.store alone.
package = types.ModuleType("kg")
package.__path__ = [str(Path(__file__).resolve().parents[2] / "kg")]
sys.modules["kg"] = package

from kg.store import EmbeddedStore, open_store  # noqa: E402

COUNT = ox.NamedNode("http://example.org/count")


def article_iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"https://w3id.org/kgnews/article/{name}")


def quads(graph: ox.NamedNode, n: int, size: int):
    yield ox.Quad(graph, COUNT, ox.Literal(str(size + 1)), graph)
    for k in range(size):
        yield ox.Quad(ox.NamedNode(f"http://example.org/w{n}/s{k}"), ox.NamedNode("http://example.org/p"),
                      ox.Literal(f"valeur {k} « {'x' * (k % 40)} » \" }} > \n"), graph)


def main() -> None:
    location, size = sys.argv[1], int(sys.argv[2])
    if len(sys.argv) > 3:
        EmbeddedStore.FLUSH_EVERY = int(sys.argv[3])
    with open_store(location, create=True) as store:
        n = sum(1 for _ in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
        while True:
            graph = article_iri(f"w{n}")
            # every tenth write replaces an earlier graph: drops and inserts in the same transaction
            drop = [article_iri(f"w{n - 5}")] if n % 10 == 9 else []
            store.replace_graph(graph, quads(graph, n, size), drop=drop)
            print(n, flush=True)
            n += 1


if __name__ == "__main__":
    main()
