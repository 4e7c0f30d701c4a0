"""``kg import``: RDF files in, in one transaction; importing again changes nothing; an export restores."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.importer import IMPORT, import_rdf
from kg.rdf import article_iri, to_quads
from kg.validate import check

from .helpers import HOSTILE_NAMES, article_with, graphs

TRIPLES = [ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"), ox.Literal(name))
           for name in HOSTILE_NAMES]
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdf": ox.RdfFormat.RDF_XML,
           "jsonld": ox.RdfFormat.JSON_LD}


@pytest.mark.parametrize("suffix", FORMATS)
def test_each_triple_format_goes_into_the_named_graph(tmp_path, suffix):
    path = tmp_path / f"donnees.{suffix}"
    path.write_bytes(ox.serialize(TRIPLES, format=FORMATS[suffix]))
    result = CliRunner().invoke(main, ["import", str(path), "--store", str(tmp_path / "s"),
                                       "--graph", "https://example.org/mes-donnees"])
    assert result.exit_code == 0, result.output
    assert result.output == f"imported {len(TRIPLES)} quads into 1 graph from {path}\n"
    graph = ox.NamedNode("https://example.org/mes-donnees")
    assert graphs(tmp_path / "s") == {graph.value: frozenset(
        str(ox.Quad(t.subject, t.predicate, t.object, graph)) for t in TRIPLES)}


def test_without_graph_the_triples_go_into_a_graph_named_after_the_content(tmp_path):
    path = tmp_path / "donnees.nt"
    path.write_bytes(ox.serialize(TRIPLES, format=ox.RdfFormat.N_TRIPLES))
    with kg.open_store(tmp_path / "s", create=True) as store:
        first = import_rdf(path, store)
        again = import_rdf(path, store)
    (name,) = first.graphs
    assert name.startswith(IMPORT) and again.graphs == first.graphs
    assert len(graphs(tmp_path / "s")[name]) == len(TRIPLES)


def test_importing_twice_changes_nothing(tmp_path):
    path = tmp_path / "donnees.ttl"
    path.write_bytes(ox.serialize(TRIPLES, format=ox.RdfFormat.TURTLE))
    contents = []
    for _ in range(2):
        result = CliRunner().invoke(main, ["import", str(path), "--store", str(tmp_path / "s"), "--graph",
                                           "https://example.org/g"])
        assert result.exit_code == 0, result.output
        contents.append(graphs(tmp_path / "s"))
    assert contents[0] == contents[1] and len(contents[0]["https://example.org/g"]) == len(TRIPLES)


def test_an_export_restores_a_store(tmp_path):
    """kg export --format trig, then kg import into a new store: the same article graphs, quad for quad."""
    original, restored = tmp_path / "original", tmp_path / "restored"
    with kg.open_store(original, create=True) as store:
        for names in (["Helsing", "Mistral AI"], HOSTILE_NAMES):
            article, entities, facts = article_with(names)
            store.replace_graph(article_iri(article.id), to_quads(article, entities, facts))
    for fmt, suffix in (("trig", "trig"), ("nquads", "nq")):
        backup = tmp_path / f"sauvegarde.{suffix}"
        result = CliRunner().invoke(main, ["export", "--store", str(original), "--format", fmt, "-o", str(backup)])
        assert result.exit_code == 0, result.output
        result = CliRunner().invoke(main, ["import", str(backup), "--store", str(restored)])
        assert result.exit_code == 0, result.output
        assert graphs(restored) == graphs(original)
    with kg.open_store(restored, read_only=True) as store:
        assert check(store).conforms


def test_a_quad_file_replaces_the_graphs_it_names_in_one_transaction(tmp_path):
    keep, replace = ox.NamedNode("https://example.org/keep"), ox.NamedNode("https://example.org/replace")
    with kg.open_store(tmp_path / "s", create=True) as store:
        store.replace_graph(keep, [ox.Quad(keep, keep, ox.Literal("kept"), keep)])
        store.replace_graph(replace, [ox.Quad(replace, replace, ox.Literal("old"), replace)])
    path = tmp_path / "nouveau.nq"
    path.write_bytes(ox.serialize([ox.Quad(replace, replace, ox.Literal("new"), replace)], format=ox.RdfFormat.N_QUADS))
    result = CliRunner().invoke(main, ["import", str(path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert {name: {q.split('"')[1] for q in quads} for name, quads in graphs(tmp_path / "s").items()} == {
        keep.value: {"kept"}, replace.value: {"new"}}
