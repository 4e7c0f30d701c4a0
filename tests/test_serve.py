"""``kg serve``: the real Oxigraph server over a small hand-built store, queried over HTTP with urllib."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import StoreError
from kg.serve import endpoint, server_command, stop
from tests.conftest import ROOT
from tests.test_analytics import build_store

PREFIXES = "PREFIX kg: <https://w3id.org/kgnews/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
INVESTMENTS = PREFIXES + "SELECT ?target WHERE { ?i kg:investsIn ?t . ?i rdfs:label 'Microsoft' . ?t rdfs:label ?target }"
JSON = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(url: str, *, data: dict | None = None, accept: str = JSON):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    headers = {"Accept": accept}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=10) as answer:
        return answer.status, answer.headers.get("Content-Type", ""), answer.read()


def targets(payload: bytes) -> set:
    return {row["target"]["value"] for row in json.loads(payload)["results"]["bindings"]}


@pytest.fixture(scope="module")
def location(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    build_store(path)
    return path


@contextlib.contextmanager
def serving(location, tmp_path):
    """``kg serve`` on a free port in a child process; yields its endpoint once it answers; stops it after."""
    port = free_port()
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(location), "--port",
                                   str(port), "--timeout", "5"], stdout=log, stderr=log, cwd=ROOT)
        try:
            url = endpoint("127.0.0.1", port)
            deadline = time.monotonic() + 30
            while True:
                try:
                    request(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}))
                    break
                except (urllib.error.URLError, ConnectionError):
                    assert server.poll() is None and time.monotonic() < deadline, \
                        "kg serve did not start: " + (tmp_path / "serve.log").read_text()
                    time.sleep(0.2)
            yield url
        finally:
            assert stop(server, timeout=15), "kg serve did not stop on SIGTERM within 15 s"
    # the Oxigraph child is gone too: nothing listens on the port any more
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_sparql_protocol_get_and_post_read_only(location, tmp_path):
    with serving(location, tmp_path) as url:
        status, kind, payload = request(url + "?" + urllib.parse.urlencode({"query": INVESTMENTS}))
        assert (status, kind.split(";")[0]) == (200, JSON)
        assert targets(payload) == {"Mistral AI", "OpenAI"}  # the default graph is the union of all articles
        status, kind, payload = request(url, data={"query": INVESTMENTS})
        assert status == 200 and targets(payload) == {"Mistral AI", "OpenAI"}
        # SPARQL results with proper types
        typed = PREFIXES + "SELECT ?amount WHERE { ?f kg:amount ?amount ; kg:currency 'USD' }"
        row = json.loads(request(url, data={"query": typed})[2])["results"]["bindings"][0]
        assert row["amount"] == {"type": "literal", "value": "13000000000",
                                 "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
        # updates are refused, by the update endpoint and by the query endpoint
        wipe = "DROP ALL"
        for target, form in [(url.replace("/query", "/update"), {"update": wipe}), (url, {"update": wipe})]:
            with pytest.raises(urllib.error.HTTPError) as refused:
                request(target, data=form)
            refused.value.close()
            assert refused.value.code in (400, 403)
        status, _, payload = request(url, data={"query": INVESTMENTS})
        assert targets(payload) == {"Mistral AI", "OpenAI"}


def test_serves_while_a_kg_process_holds_the_store(location, tmp_path):
    with kg.open_store(location):  # holds RocksDB's lock, as a running `kg ingest` would
        with serving(location, tmp_path) as url:
            assert targets(request(url, data={"query": INVESTMENTS})[2]) == {"Mistral AI", "OpenAI"}


def test_server_command_is_read_only_on_localhost_with_a_time_limit(location):
    command = server_command(location, port=9999, timeout=12)
    assert command[0].endswith("oxigraph")
    assert command[1:] == ["serve-read-only", "--location", str(location), "--bind", "127.0.0.1:9999",
                           "--union-default-graph", "--timeout-s", "12"]
    assert endpoint("127.0.0.1", 7878) == "http://127.0.0.1:7878/query"


def test_serving_no_store_is_one_error(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        server_command(tmp_path / "nope")
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / 'nope'}: no such store; create one with: "
                             f"kg ingest FILES --store {tmp_path / 'nope'}\n")
