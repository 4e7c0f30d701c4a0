"""SPARQL over the store: checked queries, bound values, saved queries, plain-dict rows and output formats.

Every query is parsed by rdflib first: a syntax error becomes one ``QueryError`` line, and queries that
would reach the network (``SERVICE``) or nest deep enough to crash the engine are refused before
Oxigraph sees them. Values are bound as RDF terms (``bindings``), never pasted into the query text.

    >>> import kg
    >>> from kg.query import saved_query
    >>> with kg.open_store("out/demo-store") as store:                              # doctest: +SKIP
    ...     [row["target"] for row in kg.rows(store, saved_query("investments"))]
    ['Mistral AI', 'Mistral AI', 'OpenAI']
    >>> with kg.open_store("out/demo-store") as store:                              # doctest: +SKIP
    ...     profile = list(kg.rows(store, saved_query("entity"), bindings={"name": "mistral ia"}))

Saved queries live in ``kg/queries/NAME.rq``. Their first comment line says what the query answers; a line
``# param NAME: what to give`` declares a value the query needs (bound to ``?NAME``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import Variable
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from .errors import QueryError
from .results import FORMATS, format_results, python_value  # noqa: F401  (FORMATS: kg query --format)
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
XSD = PREFIXES["xsd"]
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


class ParsedQuery(NamedTuple):
    """A checked query: the text to run (kg's prefixes first), its form and the variables it mentions."""

    text: str
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    variables: frozenset


@functools.lru_cache(maxsize=256)
def parse_query(sparql: str) -> ParsedQuery:
    """Parse ``sparql`` with rdflib (kg's prefixes available) and refuse what must not run.

    Cached: rdflib's parser takes ~0.1–0.3 s on a saved query, more than Oxigraph takes to answer it.
    """
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
    return ParsedQuery(text, _FORMS.get(algebra.algebra.name, algebra.algebra.name), _variables(algebra.algebra))


def check_query(sparql: str) -> str:
    """Parse ``sparql`` (with kg's prefixes available); refuse SERVICE; return the text to run."""
    return parse_query(sparql).text


def _variables(node) -> frozenset:
    """The names of every variable the query's algebra mentions (rdflib's own ``_vars`` misses FILTERs)."""
    found, stack, seen = set(), [node], set()
    while stack:
        current = stack.pop()
        if isinstance(current, Variable):
            if not current.startswith("__"):  # rdflib's internal aggregate variables
                found.add(str(current))
        elif isinstance(current, dict):
            if id(current) not in seen:
                seen.add(id(current))
                stack.extend(current.values())
        elif isinstance(current, (list, tuple, set, frozenset)):
            stack.extend(current)
    return frozenset(found)


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
    """Run a checked query; returns pyoxigraph results (solutions, triples or a boolean).

    ``bindings`` maps variable names (without ``?``) to values: pyoxigraph terms, or Python ``str`` (a string
    literal), ``int``, ``float``, ``bool``. They are bound as RDF terms, so no value can change the query's
    structure. Oxigraph binds only variables of a SELECT query's projection: bind ``?name`` and also select it.
    """
    parsed = parse_query(sparql)
    terms = {name: to_term(value) for name, value in (bindings or {}).items()}
    if terms and parsed.form != "SELECT":
        raise QueryError(f"values can only be bound in SELECT queries, and this is {parsed.form}")
    for name in terms:
        if name not in parsed.variables:
            raise QueryError(f"the query has no variable ?{name} to bind")
    try:
        return store.query(parsed.text, bindings=terms)
    except SyntaxError as error:
        raise QueryError(f"SPARQL error: {error}") from None
    except RuntimeError as error:
        unselected = re.search(r"variable \?(\w+) in its SELECT projection", str(error))
        if unselected:
            raise QueryError(f"?{unselected.group(1)} is not in the SELECT clause; add it there to bind it "
                             "(Oxigraph binds only selected variables)") from None
        raise QueryError(f"SPARQL error: {error}") from None


def rows(store: EmbeddedStore, sparql: str, *, bindings: dict | None = None) -> Iterator[dict]:
    """SELECT results as plain dicts of Python values (IRIs and literals as strings, numbers as numbers).

    Unbound variables are ``None``. ``bindings`` as in :func:`run_query`.
    """
    results = run_query(store, sparql, bindings=bindings)
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("rows() needs a SELECT query")
    names = [variable.value for variable in results.variables]
    for solution in results:
        yield {name: python_value(solution[name]) for name in names}


def to_term(value):
    """A Python value as the RDF term it binds: ``str`` → string literal, ``int`` → xsd:integer, …"""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise QueryError(f"cannot bind a {type(value).__name__} value; give a string, a number or an RDF term")


def parse_param(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` (the ``--param`` syntax) as a variable name and the RDF term to bind to it.

    ``<https://…>`` is an IRI; ``42`` / ``-7`` an xsd:integer; ``3.5`` an xsd:decimal; ``"…"`` the string
    between the quotes (so ``"42"`` is a string) and ``"…"@fr`` a string in that language; anything else is
    a plain string literal, taken as it is.

        >>> parse_param("name=Mistral AI")
        ('name', <Literal value=Mistral AI datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>)
    """
    name, separator, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not separator or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"--param {text!r}: expected NAME=VALUE, e.g. --param name=\"Mistral AI\"")
    if value.startswith("<") and value.endswith(">"):
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError:
            raise QueryError(f"--param {name}: {value} is not a valid IRI") from None
    if re.fullmatch(r"[+-]?[0-9]+", value):
        return name, ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if re.fullmatch(r"[+-]?[0-9]*\.[0-9]+", value):
        return name, ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    quoted = re.fullmatch(r'"(.*)"(?:@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*))?', value, flags=re.DOTALL)
    if quoted:
        return name, ox.Literal(quoted.group(1), language=quoted.group(2)) if quoted.group(2) \
            else ox.Literal(quoted.group(1))
    return name, ox.Literal(value)


@dataclass(frozen=True)
class SavedQuery:
    """A query shipped in ``kg/queries``: what it answers and the values it needs."""

    name: str
    description: str
    params: dict  # name -> what to give
    text: str


@functools.lru_cache(maxsize=None)
def _saved(name: str) -> SavedQuery:
    path = QUERY_DIR / f"{name}.rq"
    if not re.fullmatch(r"[a-z0-9_-]+", name) or not path.exists():
        raise QueryError(f"no saved query {name!r}; `kg query --list` shows them")
    text = path.read_text(encoding="utf-8")
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line.lstrip("#").strip())
    params = {}
    for comment in comments[1:]:
        declared = re.fullmatch(r"param ([A-Za-z_][A-Za-z0-9_]*):\s*(.*)", comment)
        if declared:
            params[declared.group(1)] = declared.group(2)
    return SavedQuery(name, comments[0] if comments else "", params, text)


def saved_query(name: str) -> str:
    """The text of the saved query ``name`` (``kg/queries/NAME.rq``)."""
    return _saved(name).text


def saved_queries() -> list[SavedQuery]:
    """Every saved query, by name."""
    return [_saved(path.stem) for path in sorted(QUERY_DIR.glob("*.rq"))]


def load_query(spec: str) -> tuple[str, SavedQuery | None]:
    """What ``kg query SPEC`` runs: a ``.rq`` file, else a saved query of that name, else SPEC itself."""
    if spec.endswith(".rq"):
        try:
            return Path(spec).read_text(encoding="utf-8"), None
        except OSError as error:
            raise QueryError(f"{spec}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise QueryError(f"{spec}: not UTF-8 text") from None
    if re.fullmatch(r"[a-z0-9_-]+", spec) and (QUERY_DIR / f"{spec}.rq").exists():
        saved = _saved(spec)
        return saved.text, saved
    return spec, None


def execute(store: EmbeddedStore, spec: str, *, params: Iterable[str] = (), fmt: str = "table") -> Iterator[str]:
    """Run ``kg query``: load SPEC (file, saved query or text), bind ``NAME=VALUE`` params, yield the output.

    Errors (syntax, refused query, bad or missing parameter) are raised before anything is yielded.
    """
    sparql, saved = load_query(spec)
    bindings = dict(parse_param(param) for param in params)
    if saved is not None:
        missing = [name for name in saved.params if name not in bindings]
        if missing:
            raise QueryError(f"saved query {saved.name!r} needs --param {missing[0]}=VALUE "
                             f"({saved.params[missing[0]]})")
    results = run_query(store, sparql, bindings=bindings)
    return format_results(results, fmt, prefixes=PREFIXES)


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
