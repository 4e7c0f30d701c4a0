"""SPARQL over the store: checked queries, plain-dict rows, and the fact listing behind ``kg triples``.

Every query is parsed by rdflib first: a syntax error becomes one ``QueryError`` line, and queries that
would reach the network (``SERVICE``) or nest deep enough to crash the engine are refused before
Oxigraph sees them. Values are bound as RDF terms (``bindings``), never pasted into the query text.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from .errors import QueryError
from .store import EmbeddedStore
from .vocab import BASE, KG, local_name

QUERY_DIR = Path(__file__).resolve().parent / "queries"
MAX_NESTING = 200
PREFIXES = {
    "kg": str(KG._NS), "entity": BASE + "entity/", "article": BASE + "article/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/", "xsd": "http://www.w3.org/2001/XMLSchema#",
}
PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def check_query(sparql: str) -> str:
    """Parse ``sparql`` (with kg's prefixes available); refuse SERVICE; return the text to run."""
    depth = max_depth = 0
    for char in sparql:
        if char in "{(":
            depth += 1
            max_depth = max(max_depth, depth)
        elif char in "})":
            depth -= 1
    if max_depth > MAX_NESTING:
        raise QueryError(f"query nests {max_depth} levels deep; the limit is {MAX_NESTING}")
    text = PROLOGUE + sparql
    try:
        algebra = translateQuery(parseQuery(text))
    except ParseException as error:
        line = error.lineno - len(PREFIXES)
        raise QueryError(f"SPARQL syntax error at line {line}, column {error.col}: {error.msg}") from None
    except RecursionError:
        raise QueryError("query nests too deeply") from None
    except Exception as error:  # rdflib raises plain Exceptions for some malformed queries
        raise QueryError(f"SPARQL error: {error}") from None
    if _uses_service(algebra.algebra):
        raise QueryError("SERVICE is refused: kg queries never reach the network")
    return text


def _uses_service(node) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if getattr(current, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, (list, tuple)):
            stack.extend(current)
    return False


def run_query(store: EmbeddedStore, sparql: str, *, bindings: dict | None = None):
    """Run a checked query; returns pyoxigraph results (solutions, triples or a boolean)."""
    text = check_query(sparql)
    try:
        return store.query(text, bindings=bindings)
    except SyntaxError as error:
        raise QueryError(f"SPARQL error: {error}") from None


def rows(store: EmbeddedStore, sparql: str, *, bindings: dict | None = None) -> Iterator[dict]:
    """SELECT results as plain dicts of Python values (IRIs and literals as strings, numbers as numbers)."""
    results = run_query(store, sparql, bindings=bindings)
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("rows() needs a SELECT query")
    names = [variable.value for variable in results.variables]
    for solution in results:
        yield {name: python_value(solution[name]) for name in names}


def python_value(term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype == "integer":
            return int(term.value)
        if datatype in {"decimal", "double", "float"}:
            return float(term.value)
        return term.value
    return term.value


@functools.lru_cache(maxsize=None)
def saved_query(name: str) -> str:
    path = QUERY_DIR / f"{name}.rq"
    if not re.fullmatch(r"[a-z0-9_-]+", name) or not path.exists():
        raise QueryError(f"no saved query {name!r}")
    return path.read_text(encoding="utf-8")


def facts(store: EmbeddedStore, *, entity: str | None = None, relation: str | None = None) -> Iterator[dict]:
    """Every stored fact as a dict: subject, predicate, object, types, confidence, qualifiers, evidence.

    ``entity`` keeps facts whose subject or object has that label or alias (case-insensitive);
    ``relation`` keeps one relation (ontology local name).
    """
    bindings = {}
    if relation is not None:
        bindings["predicate"] = ox.NamedNode(str(KG._NS) + relation)
    wanted = None
    if entity is not None:
        wanted = {row["entity"] for row in rows(store, saved_query("entity-by-name"),
                                                 bindings={"name": ox.Literal(entity.casefold())})}
        if not wanted:
            return
    for row in rows(store, saved_query("facts"), bindings=bindings):
        if wanted is not None and row["subject_iri"] not in wanted and row["object_iri"] not in wanted:
            continue
        row["predicate"] = local_name(row["predicate"])
        for key in ("subject_type", "object_type"):
            row[key] = local_name(row[key]) if row.get(key) else "Entity"
        yield row
