"""Concurrency: one writer at a time, with a clear message for the second; readers keep working while an
ingest runs, and see whole articles."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

import kg
from kg.errors import StoreError
from kg.rdf import article_iri
from kg.store import SNAPSHOTS

from .helpers import HERE


@pytest.mark.model
def test_a_second_ingest_on_the_same_store_fails_clearly(interrupted_ingest):
    second = interrupted_ingest.observers["second_ingest"]
    assert second["returncode"] == 1
    assert second["stderr"] == (f"Error: {interrupted_ingest.location}: store in use by another kg process; "
                                "wait for it to finish\n")
    assert "Traceback" not in second["stderr"]


@pytest.mark.model
def test_kg_triples_works_during_an_ingest_and_sees_whole_articles(interrupted_ingest, clean_run):
    clean_location, _ = clean_run
    triples = interrupted_ingest.observers["triples"]
    assert triples["returncode"] == 0, triples["stderr"]
    seen = [json.loads(line) for line in triples["stdout"].splitlines()]
    assert seen, "the reader saw no fact at all"
    with kg.open_store(clean_location, read_only=True) as store:
        clean = list(kg.facts(store))
    key = ("subject", "predicate", "object", "article", "start", "end", "rule")
    by_article = {}
    for fact in clean:
        by_article.setdefault(fact["article"], []).append(tuple(fact[k] for k in key))
    read = {}
    for fact in seen:
        read.setdefault(fact["article"], []).append(tuple(fact[k] for k in key))
    for article, facts in read.items():  # every article the reader saw, it saw whole
        assert sorted(facts) == sorted(by_article[article]), article
    assert len(read) < len(by_article), "the reader ran after the ingest had written everything: inconclusive"


@pytest.mark.model
def test_kg_query_works_during_an_ingest_and_counts_whole_graphs(interrupted_ingest, clean_run):
    _, clean = clean_run
    query = interrupted_ingest.observers["query"]
    assert query["returncode"] == 0, query["stderr"]
    rows = list(csv.DictReader(io.StringIO(query["stdout"])))
    assert 0 < len(rows) < len(clean)
    for row in rows:
        assert int(row["n"]) == len(clean[row["g"]]), row


@pytest.mark.model
def test_kg_check_works_during_an_ingest(interrupted_ingest):
    check = interrupted_ingest.observers["check"]
    assert check["returncode"] == 0, check["stdout"] + check["stderr"]
    assert check["stdout"].startswith("checked ") and ": no violations" in check["stdout"]


@pytest.mark.model
def test_kg_export_works_during_an_ingest_and_writes_whole_articles(interrupted_ingest, clean_run):
    _, clean = clean_run
    export = interrupted_ingest.observers["export"]
    assert export["returncode"] == 0, export["stderr"]
    exported = {}
    for quad in ox.parse(path=str(interrupted_ingest.folder / "export.nq"), format=ox.RdfFormat.N_QUADS):
        exported.setdefault(quad.graph_name.value, set()).add(str(quad))
    assert 0 < len(exported) < len(clean)
    for name, quads in exported.items():
        assert quads == clean[name], name


@pytest.mark.model
def test_readers_leave_no_snapshot_behind(interrupted_ingest):
    assert not (interrupted_ingest.location / SNAPSHOTS).exists()


@pytest.mark.parametrize("flush_every", [100_000, 300])  # rarely, and all the time (compactions meanwhile)
def test_snapshots_taken_during_heavy_writes_are_consistent(tmp_path, flush_every):
    """A writer commits graph after graph (flushing and compacting as it goes); meanwhile readers open the
    store again and again: every graph they see is whole, and they never crash or get a raw error."""
    location = tmp_path / "store"
    writer = subprocess.Popen([sys.executable, str(HERE / "store_writer.py"), str(location), "400", str(flush_every)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline()  # the store exists and is being written
        reads = 0
        deadline = time.monotonic() + 2.5
        while time.monotonic() < deadline:
            with kg.open_store(location) as store:  # locked by the writer: a read-only snapshot
                assert store.read_only
                counts = {row["g"]: row["n"] for row in kg.rows(
                    store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
                declared = {row["g"]: int(row["c"]) for row in kg.rows(
                    store, "SELECT ?g ?c WHERE { GRAPH ?g { ?g <http://example.org/count> ?c } }")}
            assert counts and counts == declared
            reads += 1
        assert reads >= 3
        assert writer.poll() is None  # the writer was never disturbed
    finally:
        writer.kill()
        writer.communicate()
    with kg.open_store(location) as store:
        assert not store.read_only
    assert not (location / SNAPSHOTS).exists()


def test_a_snapshot_missing_a_table_file_is_refused_and_taken_again(tmp_path, monkeypatch):
    """RocksDB opens a store whose manifest names a missing file, and Oxigraph then allocates without end on
    the first query that meets it: the snapshot is verified before use, and taken again."""
    import kg.store

    location = tmp_path / "s"
    monkeypatch.setattr(kg.store.EmbeddedStore, "FLUSH_EVERY", 1)  # hundreds of table files: RocksDB opens
    with kg.open_store(location, create=True) as store:           # only a few of them when the store opens
        for n in range(40):
            graph = article_iri(f"a{n}")
            store.replace_graph(graph, [ox.Quad(graph, ox.NamedNode("http://example.org/p"), ox.Literal(str(k)), graph)
                                        for k in range(25)])
    copies = []

    def lossy(source, target, **options):
        original(source, target, **options)
        copies.append(target)
        if len(copies) == 1:  # the first snapshot loses a table file, as when a compaction races the copy
            tables = sorted(target.glob("*.sst"))
            tables[len(tables) // 2].unlink()

    original = kg.store._copy_database
    monkeypatch.setattr(kg.store, "_copy_database", lossy)
    with kg.open_store(location, read_only=True) as store:
        assert len(copies) == 2  # checked before any query: a query on the broken snapshot would eat all memory
        assert len(list(store.quads())) == 1000


def test_a_read_only_store_refuses_writes_clearly(tmp_path):
    with kg.open_store(tmp_path / "s", create=True):
        pass
    with kg.open_store(tmp_path / "s", read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.replace_graph(article_iri("a"), [])
        with pytest.raises(StoreError, match="read-only"):
            store.drop_graph(article_iri("a"))


def test_a_writer_can_start_while_a_read_only_reader_is_open(tmp_path):
    graph = article_iri("a")
    quad = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("v"), graph)
    with kg.open_store(tmp_path / "s", create=True):
        pass
    with kg.open_store(tmp_path / "s", read_only=True) as reader:
        with kg.open_store(tmp_path / "s", create=True) as writer:
            writer.replace_graph(graph, [quad])
        assert list(reader.quads()) == []  # the reader keeps the snapshot it opened
    with kg.open_store(tmp_path / "s", read_only=True) as reader:
        assert [str(q) for q in reader.quads()] == [str(quad)]


def test_wait_lets_a_writer_queue_behind_another(tmp_path):
    location = tmp_path / "s"
    with kg.open_store(location, create=True):
        pass
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time, pyoxigraph as ox; s = ox.Store(sys.argv[1]); print('locked', flush=True); "
        "time.sleep(1.5)"), str(location)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(StoreError, match="store in use by another kg process"):
            kg.open_store(location, create=True)
        started = time.monotonic()
        with kg.open_store(location, create=True, wait=30) as store:
            assert not store.read_only
        assert time.monotonic() - started < 30
    finally:
        holder.kill()
        holder.communicate()


def test_stale_snapshots_of_dead_readers_are_removed(tmp_path):
    with kg.open_store(tmp_path / "s", create=True):
        pass
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / "s" / SNAPSHOTS / f"{dead.stdout.strip()}-0123456789ab"
    stale.mkdir(parents=True)
    (stale / "000001.sst").write_bytes(b"left by a reader killed with -9")
    with kg.open_store(tmp_path / "s", read_only=True):
        assert not stale.exists()
