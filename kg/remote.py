"""Remote stores: any SPARQL 1.1 Query/Update endpoint, chosen with ``--store http(s)://…``.

    >>> store = open_store("http://127.0.0.1:7878")                   # doctest: +SKIP
    >>> store.has_graph(article_iri("e2a1ef2f503915b9"))              # doctest: +SKIP
    True

A :class:`RemoteStore` has the interface of :class:`~kg.store.EmbeddedStore` (``replace_graph``,
``replace_graphs``, ``drop_graph``, ``has_graph``, ``query``, ``quads``, ``close``), and its query results are
pyoxigraph objects (``QuerySolutions``, ``QueryBoolean``, ``QueryTriples``), so every command works on it
unchanged. Each article is written by one UPDATE request, ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g>
{ … } }``, which SPARQL servers run as one transaction. Terms are written in N-Triples syntax as pyoxigraph
escapes them, and values bound to a query go in a ``VALUES`` clause built the same way: no text from an article
or an option can change a request. Connection refused or reset, HTTP 429 and 5xx (and time-outs of updates)
are retried with exponential back-off (an article's update is idempotent); anything else is a
:class:`StoreError` naming the URL.

Where the endpoints are, by server (``--store`` value):

==============  ===========================================================================================
Oxigraph        ``http://host:7878`` — ``/query`` and ``/update`` are appended; kg asks for the union of the
                named graphs as default graph (``union-default-graph``). ``oxigraph serve --location DIR``.
Fuseki          ``http://host:3030/DATASET`` — ``/query`` and ``/update`` appended; set
                ``tdb2:unionDefaultGraph true`` on the dataset so queries see every article.
GraphDB         ``http://host:7200/repositories/REPO?update=http://host:7200/repositories/REPO/statements``
Virtuoso        ``http://host:8890/sparql?update=http://host:8890/sparql`` (SPARQL user with SPARQL_UPDATE)
==============  ===========================================================================================

In general: with an ``update=`` parameter (or the ``KG_STORE_UPDATE_URL`` environment variable) the URL is the
query endpoint as it is and the parameter the update endpoint; without, ``/query`` and ``/update`` are
appended to it. ``http://user:password@host/…`` sends HTTP basic authentication (the password is never
printed). The default graph must be the union of the named graphs, as on GraphDB and Virtuoso by default.
The tests run against a real Oxigraph server; the other shapes follow the SPARQL 1.1 Protocol, untested here.
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import os
import random
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable, Iterator

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .rdf import nt_term, replace_update

#: Environment variable naming the update endpoint when it is not derived from the store URL.
UPDATE_URL_VARIABLE = "KG_STORE_UPDATE_URL"

#: What a query asks for: SPARQL JSON results (SELECT, ASK), else RDF (CONSTRUCT, DESCRIBE).
ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, application/n-triples;q=0.9, "
          "text/turtle;q=0.8, application/rdf+xml;q=0.5")
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
}
RDF_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: HTTP statuses worth trying again: the server is busy, restarting or behind a proxy that is.
TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class RemoteStore:
    """A SPARQL 1.1 Query/Update endpoint used as a kg store (see the module docstring for URL shapes)."""

    def __init__(self, url: str, *, update_url: str | None = None, read_only: bool = False, timeout: float = 120.0,
                 retries: int = 5, backoff: float = 0.25):
        self.url = url
        self.query_url, self.update_url, headers = endpoints(url, update_url=update_url)
        self.location = _redacted(url)
        self._headers = headers
        self._read_only = read_only
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        host = urllib.parse.urlsplit(self.query_url).hostname or ""
        # The loopback never goes through a proxy (urllib would send it to $http_proxy otherwise).
        handlers = [urllib.request.ProxyHandler({})] if _is_loopback(host) else []
        self._opener = urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"RemoteStore({self.location!r}{', read-only' if self.read_only else ''})"

    @property
    def read_only(self) -> bool:
        return self._read_only

    # writing ---------------------------------------------------------------------------------------------

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], *, drop: Iterable[ox.NamedNode] = ()) -> None:
        """Atomically drop ``drop`` graphs (and ``graph``) and write ``quads`` into ``graph``: one UPDATE request."""
        self.replace_graphs({graph: quads}, drop=drop)

    def replace_graphs(self, graphs: dict[ox.NamedNode, Iterable[ox.Quad]], *, drop: Iterable[ox.NamedNode] = ()) -> int:
        """In one UPDATE request, drop ``drop`` and every graph of ``graphs``, and write each graph's quads into it
        (their own graph names are ignored). Returns the number of quads written."""
        self._writable()
        update, count = replace_update(graphs, drop=drop)
        self._update(update)
        return count

    def drop_graph(self, graph: ox.NamedNode) -> None:
        self._writable()
        self._update(f"DROP SILENT GRAPH {nt_term(graph)}")

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; kg does not write to it")

    # reading ---------------------------------------------------------------------------------------------

    def has_graph(self, graph: ox.NamedNode) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {nt_term(graph)} {{ ?s ?p ?o }} }}"))

    def query(self, sparql: str, *, bindings: dict | None = None):
        """Run a SPARQL query over the union of all graphs; returns pyoxigraph results.

        ``bindings`` maps variable names to pyoxigraph terms; they are sent as a ``VALUES`` clause.
        """
        sparql = with_values(sparql, bindings or {})
        response = self._send(self.query_url, sparql, "application/sparql-query", kind="query")
        media_type = response.headers.get_content_type()
        if media_type in RESULT_FORMATS:
            try:  # streamed: a large result is never held whole
                return ox.parse_query_results(response, format=RESULT_FORMATS[media_type])
            except (SyntaxError, ValueError, OSError) as error:
                response.close()
                raise StoreError(f"{self.location}: unreadable query results ({error})") from None
        with response:
            data = _read(response, self.location)
        if media_type in RDF_FORMATS:
            # CONSTRUCT or DESCRIBE: callers expect pyoxigraph's QueryTriples, which only a query makes.
            graph = ox.Store()
            try:
                graph.load(data, format=RDF_FORMATS[media_type])
            except SyntaxError as error:
                raise StoreError(f"{self.location}: unreadable query results ({error})") from None
            return graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
        raise StoreError(f"{self.location}: the server answered a query with {media_type or 'no content type'}; "
                         "is this a SPARQL query endpoint?")

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every named graph (kg writes nothing to the default graph)."""
        for solution in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield ox.Quad(solution["s"], solution["p"], solution["o"], solution["g"])

    def ping(self) -> None:
        """Check that the query endpoint answers SPARQL (raises :class:`StoreError` otherwise)."""
        if not isinstance(self.query("ASK { }"), ox.QueryBoolean):
            raise StoreError(f"{self.location}: did not answer ASK with a boolean; is this a SPARQL query endpoint?")

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # HTTP ------------------------------------------------------------------------------------------------

    def _update(self, update: str) -> None:
        with self._send(self.update_url, update, "application/sparql-update", kind="update") as response:
            _read(response, self.location)

    def _send(self, url: str, body: str, content_type: str, *, kind: str):
        """POST ``body``; returns the open response. Transient failures are retried with back-off."""
        data = body.encode("utf-8")
        headers = {"Content-Type": f"{content_type}; charset=utf-8", "Accept": ACCEPT if kind == "query" else "*/*",
                   **self._headers}
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(self.backoff * 2 ** (attempt - 1), 10.0) * random.uniform(0.8, 1.2))
            request = urllib.request.Request(url, data=data, headers=headers, method="POST")
            try:
                return self._opener.open(request, timeout=self.timeout)
            except urllib.error.HTTPError as error:
                detail = _first_line(error.read(2000))
                error.close()
                problem = f"HTTP {error.code} {error.reason}" + (f": {detail}" if detail else "")
                if error.code not in TRANSIENT_STATUSES:
                    if error.code == 400 and kind == "query":
                        raise QueryError(f"{self.location}: the server refused the query ({problem})") from None
                    hint = "; is this a SPARQL endpoint? (see kg.remote for URL shapes)" if error.code in (404, 405) else ""
                    raise StoreError(f"{_redacted(url)}: {problem}{hint}") from None
                retry_after = error.headers.get("Retry-After", "") if error.headers else ""
                if retry_after.isdigit() and attempt < self.retries:
                    time.sleep(min(int(retry_after), 30))
            except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
                reason = getattr(error, "reason", error)
                if isinstance(reason, ssl.SSLError):
                    raise StoreError(f"{_redacted(url)}: TLS error ({reason})") from None
                if isinstance(reason, socket.gaierror):
                    raise StoreError(f"{_redacted(url)}: unknown host ({reason.strerror or reason})") from None
                if isinstance(reason, str) or not isinstance(reason, (OSError, http.client.HTTPException)):
                    raise StoreError(f"{_redacted(url)}: {reason}") from None
                if isinstance(reason, TimeoutError) and kind == "query":  # asking again would take as long
                    raise StoreError(f"{_redacted(url)}: no answer within {self.timeout:.0f} s") from None
                problem = _describe(reason)
        raise StoreError(f"{_redacted(url)}: {problem} (after {self.retries + 1} attempts); "
                         "is the SPARQL server running?")


def endpoints(url: str, *, update_url: str | None = None) -> tuple[str, str, dict]:
    """The query and update endpoint URLs for a ``--store`` URL, and the headers every request carries.

        >>> endpoints("http://127.0.0.1:7878")[:2]
        ('http://127.0.0.1:7878/query?union-default-graph', 'http://127.0.0.1:7878/update')
        >>> endpoints("http://h:7200/repositories/kg?update=http://h:7200/repositories/kg/statements")[:2]
        ('http://h:7200/repositories/kg', 'http://h:7200/repositories/kg/statements')
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{_redacted(url)}: not an http(s) SPARQL endpoint URL")
    headers = {}
    netloc = parts.netloc
    if parts.username is not None:  # credentials go in a header, never in a URL that could be printed
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        netloc = netloc.rsplit("@", 1)[1]
    params = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    explicit = [value for name, value in params if name == "update"]
    rest = urllib.parse.urlencode([(name, value) for name, value in params if name != "update"])
    update_url = update_url or (explicit[-1] if explicit else None) or os.environ.get(UPDATE_URL_VARIABLE) or None
    base = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, rest, ""))
    if update_url:
        return base, update_url, headers
    root = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
    union = "union-default-graph" + (f"&{rest}" if rest else "")  # Oxigraph's flag; others ignore it
    return f"{root}/query?{union}", f"{root}/update", headers


def with_values(sparql: str, bindings: dict) -> str:
    """``sparql`` with ``bindings`` (variable name -> pyoxigraph term) as a one-row ``VALUES`` block at the start
    of every group pattern (``WHERE { … }``, ``OPTIONAL { … }``, ``UNION`` branches, subqueries…): each group
    sees the values bound, as if they had been substituted — FILTERs included — yet no text is pasted into
    the query (the terms are N-Triples, escaped by pyoxigraph).

        >>> with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal('x" } ; DROP ALL #')})
        'SELECT ?s WHERE { VALUES ( ?o ) { ( "x\\\\" } ; DROP ALL #" ) } ?s ?p ?o }'
    """
    if not bindings:
        return sparql
    names, terms = [], []
    for name, value in bindings.items():
        name = str(name.value if isinstance(name, ox.Variable) else name)
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"cannot bind {name!r}: not a variable name")
        if not isinstance(value, (ox.NamedNode, ox.Literal)):
            raise QueryError(f"cannot bind ?{name} to {value!r}: give an IRI or a literal")
        names.append(f"?{name}")
        terms.append(nt_term(value))
    block = f" VALUES ( {' '.join(names)} ) {{ ( {' '.join(terms)} ) }}"
    positions = _group_starts(sparql)
    if not positions:  # no group pattern (DESCRIBE <iri>): a trailing VALUES clause, after a newline (# comments)
        return f"{sparql}\n{block.strip()}"
    pieces, last = [], 0
    for position in positions:
        pieces += [sparql[last:position], block]
        last = position
    return "".join(pieces) + sparql[last:]


_TOKEN = re.compile(r"""
    (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<variable>[?$]\w+)
  | (?P<word>[A-Za-z_][\w.-]*:[^\s{}()\[\],;]*|:[^\s{}()\[\],;]*|[A-Za-z_]\w*)
  | (?P<open>\{) | (?P<close>\}) | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)


def _group_starts(sparql: str) -> list[int]:
    """Offsets just after the ``{`` of every group graph pattern of ``sparql``: not a ``VALUES`` data block,
    not a CONSTRUCT template, not a group that holds a subquery (the subquery's own WHERE group gets it)."""
    tokens = [(match.lastgroup, match.group(), match.end()) for match in _TOKEN.finditer(sparql)
              if match.lastgroup != "comment"]

    def keyword(index: int) -> str:
        return tokens[index][1].upper() if index >= 0 and tokens[index][0] == "word" else ""

    def data_block(index: int) -> bool:  # VALUES ?x { … } or VALUES ( ?x ?y ) { … }
        before = index - 1
        if before >= 0 and tokens[before][0] == "variable":
            return keyword(before - 1) == "VALUES"
        if before >= 0 and tokens[before][1] == ")":
            before -= 1
            while before >= 0 and tokens[before][0] == "variable":
                before -= 1
            return before >= 0 and tokens[before][1] == "(" and keyword(before - 1) == "VALUES"
        return False

    starts, index = [], 0
    while index < len(tokens):
        if tokens[index][0] == "open":
            if keyword(index - 1) == "WHERE" and keyword(index - 2) == "CONSTRUCT":
                raise QueryError("values cannot be bound in a CONSTRUCT WHERE { … } query; write its template")
            if data_block(index) or keyword(index - 1) == "CONSTRUCT":
                while index < len(tokens) and tokens[index][0] != "close":  # no braces nest in these
                    index += 1
            elif keyword(index + 1) != "SELECT":
                starts.append(tokens[index][2])
        index += 1
    return starts


def _read(response, location: str) -> bytes:
    try:
        return response.read()
    except (OSError, http.client.HTTPException) as error:
        raise StoreError(f"{location}: the connection broke while reading the answer ({_describe(error)})") from None


def _describe(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, (ConnectionResetError, http.client.RemoteDisconnected, ConnectionAbortedError)):
        return "connection reset by the server"
    if isinstance(error, (TimeoutError, socket.timeout)):
        return "timed out"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:300] if text else ""


def _redacted(url: str) -> str:
    """``url`` without its password."""
    parts = urllib.parse.urlsplit(str(url))
    if parts.password is None:
        return str(url)
    netloc = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit((parts.scheme, f"{parts.username}:***@{netloc}", parts.path, parts.query,
                                    parts.fragment))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def open_remote(url: str, *, read_only: bool = False) -> RemoteStore:
    """A :class:`RemoteStore` for ``url``, checked to answer SPARQL before anything else is asked of it."""
    store = RemoteStore(url, read_only=read_only)
    store.ping()
    return store
