"""Remote stores: a real Oxigraph server (``oxigraph serve``, on 127.0.0.1) used with ``--store http://…``
answers every command as the embedded store does; bindings stay values; transient errors are retried."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.remote import RemoteStore, endpoints, with_values
from kg.serve import stop
from tests.corpus import samples_and_variants


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server (the ``oxigraph`` package's binary) on a free loopback port."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is not installed; pip install oxigraph")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(f"{url}/query", data=b"ASK {}", method="POST",
                                                 headers={"Content-Type": "application/sparql-query"})
                with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start: {process.stderr.read().decode()}") from None
                time.sleep(0.1)
        yield url
    finally:
        stop(process, timeout=10)
        process.stderr.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return samples_and_variants(tmp_path_factory.mktemp("corpus"), 2)


@pytest.fixture(scope="module")
def both(corpus, oxigraph_server, tmp_path_factory):
    """The corpus ingested by ``kg ingest`` into an embedded store and into the Oxigraph server."""
    embedded = str(tmp_path_factory.mktemp("embedded") / "store")
    runner = CliRunner()
    outputs = []
    for location in (embedded, oxigraph_server):
        result = runner.invoke(main, ["ingest", str(corpus), "--store", location])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1] == "8 articles read, " + outputs[0].split(", ", 1)[1]
    return embedded, oxigraph_server


def run(*args) -> str:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code == 0, result.output
    return result.output


def lines(text: str) -> list[str]:
    """The output's lines in order; GROUP_CONCAT lists (``aliases``) sorted, since SPARQL leaves their order free."""
    found = []
    for line in text.splitlines():
        if line.startswith("{") and '"aliases"' in line:
            row = json.loads(line)
            row["aliases"] = ", ".join(sorted((row["aliases"] or "").split(", ")))
            line = json.dumps(row, ensure_ascii=False)
        found.append(line)
    return sorted(found)


@pytest.mark.model
@pytest.mark.parametrize("command", [
    ["triples"],
    ["triples", "--relation", "investsIn"],
    ["triples", "--entity", "Mistral AI", "--format", "jsonl"],
    ["stats"],
    ["query", "SELECT ?label WHERE { ?e a kg:Person ; rdfs:label ?label }", "--format", "csv"],
    ["query", "entity", "--param", "name=Mistral AI", "--format", "jsonl"],
    ["query", "entity", "--param", "name=mistral ia", "--format", "jsonl"],
    ["query", "neighbors", "--param", "name=microsoft", "--format", "tsv"],
    ["query", "facts-by-article", "--param", "article=e2a1ef2f503915b9", "--format", "tsv"],
    ["query", "facts-by-modality", "--param", "modality=expected", "--format", "jsonl"],
    ["query", "investments", "--format", "json"],
    ["query", "ASK { ?f kg:predicate kg:investsIn }"],
    ["query", "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Organization ; rdfs:label ?l }"],
], ids=lambda command: " ".join(command)[:40])
def test_every_command_answers_the_same_on_a_sparql_server(both, command):
    embedded, remote = both
    local_output = run(*command, "--store", embedded)
    remote_output = run(*command, "--store", remote)
    if command[0] == "query" and command[1].startswith("CONSTRUCT"):
        local_output, remote_output = (set(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))
                                       for text in (local_output, remote_output))
        assert local_output and local_output == remote_output
    else:
        assert lines(remote_output) == lines(local_output)
        assert len(local_output) > 60 or command[1].startswith("ASK")


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_export_from_a_sparql_server_keeps_every_graph(both, fmt, tmp_path):
    embedded, remote = both
    files = []
    for name, location in (("local", embedded), ("remote", remote)):
        output = tmp_path / f"{name}.{fmt}"
        assert run("export", "--store", location, "--format", fmt, "-o", output).startswith("wrote ")
        files.append(output.read_bytes())
    rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
    local, remote = (set(ox.parse(data, format=rdf_format)) for data in files)
    assert len(local) > 500 and local == remote
    assert len({quad.graph_name for quad in remote}) == 8


@pytest.mark.model
def test_reingest_and_edits_on_a_sparql_server(oxigraph_server, tmp_path):
    article = tmp_path / "deal.txt"
    article.write_text("Le groupe Airbus a racheté la start-up Kelvina pour 3 millions d’euros.\n", encoding="utf-8")
    with kg.open_store(oxigraph_server) as store:
        first = kg.ingest([article], store)
        again = kg.ingest([article], store)
        article.write_text("Le groupe Airbus a racheté la start-up Helsing pour 3 millions d’euros.\n", encoding="utf-8")
        edited = kg.ingest([article], store)
        found = {(f["subject"], f["object"]) for f in kg.facts(store, relation="acquires")
                 if f["source"] == str(article)}
    assert (first.added, again.unchanged, edited.added, edited.replaced) == (1, 1, 1, 1)
    assert found == {("Airbus", "Helsing")}


def test_hostile_values_are_bound_not_pasted(oxigraph_server):
    graph = ox.NamedNode("https://example.org/hostile")
    hostile = 'x" } } ; DROP ALL ; INSERT DATA { <http://e/a> <http://e/b> "c" } #\\u0022 \n'
    quad = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/label"), ox.Literal(hostile), graph)
    with kg.open_store(oxigraph_server) as store:
        store.replace_graph(graph, [quad])
        assert store.has_graph(graph)
        found = list(store.query("SELECT ?s ?label WHERE { ?s <http://e/label> ?label }",
                                 bindings={"label": ox.Literal(hostile)}))
        assert [(row["s"], row["label"].value) for row in found] == [(quad.subject, hostile)]
        assert not list(store.query("SELECT ?s WHERE { ?s <http://e/label> ?label }",
                                    bindings={"label": ox.Literal('nobody" || true || "')}))
        assert list(kg.facts(store, entity='nobody" || true || "')) == []
        store.drop_graph(graph)
        assert not store.has_graph(graph)
    with pytest.raises(QueryError, match="not a variable name"):
        with_values("SELECT * { ?s ?p ?o }", {"s } DROP": ox.Literal("x")})


@pytest.mark.parametrize("query, expected", [
    ('SELECT * { VALUES ?p { <http://e/a> } ?s ?p ?o # a { comment\n OPTIONAL { ?s <http://e/b> "}" } }',
     'SELECT * { VALUES ( ?o ) { ( "v" ) } VALUES ?p { <http://e/a> } ?s ?p ?o # a { comment\n '
     'OPTIONAL { VALUES ( ?o ) { ( "v" ) } ?s <http://e/b> "}" } }'),
    ("SELECT ?o { { SELECT ?o WHERE { ?s ?p ?o } } UNION { ?o ?p ?s FILTER(?o != '{') } }",
     "SELECT ?o { VALUES ( ?o ) { ( \"v\" ) } { SELECT ?o WHERE { VALUES ( ?o ) { ( \"v\" ) } ?s ?p ?o } } "
     "UNION { VALUES ( ?o ) { ( \"v\" ) } ?o ?p ?s FILTER(?o != '{') } }"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s ?p) { (<http://e/s> <http://e/p>) } ?s ?p ?o }",
     'CONSTRUCT { ?s ?p ?o } WHERE { VALUES ( ?o ) { ( "v" ) } VALUES (?s ?p) { (<http://e/s> <http://e/p>) } '
     '?s ?p ?o }'),
    ("DESCRIBE ?o", 'DESCRIBE ?o\nVALUES ( ?o ) { ( "v" ) }'),
])
def test_bound_values_go_into_every_group_pattern(query, expected):
    """Each group sees the value (FILTERs in subqueries and UNION branches too); data blocks, templates,
    strings, IRIs and comments are left alone; the result is valid SPARQL."""
    rewritten = with_values(query, {"o": ox.Literal("v")})
    assert rewritten == expected
    ox.Store().query(rewritten)  # parses


def test_read_only_remote_store_refuses_writes(oxigraph_server):
    with kg.open_store(oxigraph_server, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.drop_graph(ox.NamedNode("https://example.org/g"))


def test_endpoint_url_shapes(monkeypatch):
    monkeypatch.delenv("KG_STORE_UPDATE_URL", raising=False)
    assert endpoints("http://127.0.0.1:7878/")[:2] == ("http://127.0.0.1:7878/query?union-default-graph",
                                                       "http://127.0.0.1:7878/update")
    assert endpoints("http://h:3030/kg")[:2] == ("http://h:3030/kg/query?union-default-graph",
                                                 "http://h:3030/kg/update")
    assert endpoints("http://h:7200/repositories/kg?infer=false&update=http://h:7200/repositories/kg/statements")[:2] \
        == ("http://h:7200/repositories/kg?infer=false", "http://h:7200/repositories/kg/statements")
    monkeypatch.setenv("KG_STORE_UPDATE_URL", "http://h:8890/sparql-auth")
    assert endpoints("http://h:8890/sparql")[:2] == ("http://h:8890/sparql", "http://h:8890/sparql-auth")
    monkeypatch.delenv("KG_STORE_UPDATE_URL")
    query, _, headers = endpoints("https://kg:s3cret@h/ds")
    assert query == "https://h/ds/query?union-default-graph" and headers["Authorization"].startswith("Basic ")
    assert "s3cret" not in repr(RemoteStore("https://kg:s3cret@h/ds"))
    with pytest.raises(StoreError, match="not an http"):
        endpoints("http:///nohost")


class Flaky(http.server.BaseHTTPRequestHandler):
    """Answers 503 (then 429) to the first requests, then like a SPARQL endpoint whose updates fail with 400."""

    failures: list = []
    requests = 0

    def do_POST(self):
        type(self).requests += 1
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if type(self).failures:
            self.send_response(type(self).failures.pop(0))
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/update"):
            body = b"Parse error: unexpected token"
            self.send_response(400)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            body = json.dumps({"head": {}, "boolean": True}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Flaky.requests = 0
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_transient_errors_are_retried_and_others_reported(flaky):
    Flaky.failures = [503, 429, 502]
    store = RemoteStore(flaky, backoff=0.01)
    store.ping()
    assert Flaky.requests == 4
    with pytest.raises(StoreError, match=rf"^{flaky}/update: HTTP 400 Bad Request: Parse error: unexpected token$"):
        store.drop_graph(ox.NamedNode("https://example.org/g"))
    Flaky.failures = [500] * 10
    with pytest.raises(StoreError, match=rf"^{flaky}/query\?union-default-graph: HTTP 500 .*after 3 attempts"):
        RemoteStore(flaky, retries=2, backoff=0.01).ping()


def test_a_server_that_is_down_is_named_in_one_error_line():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match=rf"^{url}/query\?union-default-graph: connection refused \(after 2 attempts\)"):
        RemoteStore(url, retries=1, backoff=0.01).ping()
    result = CliRunner().invoke(main, ["stats", "--store", url])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {url}/query?union-default-graph: connection refused")
