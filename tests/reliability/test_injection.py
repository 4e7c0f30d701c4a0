"""Injection: hostile names and sentences become valid IRIs and exact literals, bound values never change a
query, and no query makes kg open a network connection."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st

import kg
from kg.errors import QueryError
from kg.rdf import article_iri, entity_iri, safe_iri, to_quads
from kg.resolve import canonical_key
from kg.vocab import ENTITY

from .helpers import HOSTILE_NAMES, Listener, article_with

IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')


def assert_safe_iri(iri: ox.NamedNode, namespace: str) -> None:
    assert iri.value.startswith(namespace)
    assert not IRI_FORBIDDEN.search(iri.value), iri.value
    # and every RDF tool reads it back as the same IRI
    line = ox.serialize([ox.Triple(iri, iri, iri)], format=ox.RdfFormat.N_TRIPLES)
    (triple,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
    assert triple.subject == iri
    (parsed,) = rdflib.Graph().parse(data=line.decode(), format="nt")
    assert str(parsed[0]) == iri.value


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_mint_safe_iris_in_the_entity_namespace(name):
    key = canonical_key(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|entity", key), key
    assert_safe_iri(safe_iri(ENTITY, key), str(ENTITY))
    assert_safe_iri(safe_iri(ENTITY, name), str(ENTITY))  # even a raw name, not made a key first


@given(st.text(max_size=200))
def test_any_text_mints_a_safe_iri(text):
    assert_safe_iri(safe_iri(ENTITY, text), str(ENTITY))
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|entity", canonical_key(text))


def test_hostile_names_and_sentences_are_stored_exactly_and_nothing_else(tmp_path):
    article, entities, facts = article_with(HOSTILE_NAMES)
    quads = list(to_quads(article, entities, facts))
    graph = article_iri(article.id)
    with kg.open_store(tmp_path / "s", create=True) as store:
        store.replace_graph(graph, quads)
        stored = set(map(str, store.quads()))
        labels = {row["label"] for row in kg.rows(store, "SELECT ?label WHERE { ?e rdfs:label ?label }")}
        evidence = {row["e"] for row in kg.rows(store, "SELECT ?e WHERE { ?f kg:evidence ?e }")}
        graphs = {row["g"] for row in kg.rows(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    reference = ox.Store()  # the same quads in memory, without SPARQL (decimals come out canonical: 0.75)
    reference.extend(quads)
    assert stored == set(map(str, reference))  # exactly the quads written: the "DROP ALL" names did nothing
    assert labels == {"Airbus", *HOSTILE_NAMES}
    assert evidence == {fact.sentence for fact in facts}
    assert graphs == {graph.value}


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    article, entities, facts = article_with(HOSTILE_NAMES)
    location = tmp_path_factory.mktemp("hostile") / "store"
    with kg.open_store(location, create=True) as store:
        store.replace_graph(article_iri(article.id), to_quads(article, entities, facts))
    return location


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_bound_hostile_name_finds_exactly_its_entity(hostile_store, name):
    with kg.open_store(hostile_store, read_only=True) as store:
        rows = list(kg.rows(store, "SELECT ?e ?name WHERE { ?e rdfs:label ?name }",
                            bindings={"name": ox.Literal(name)}))
    assert [row["name"] for row in rows] == [name]


@pytest.mark.parametrize("value", [
    'x" || true || "',
    '" } UNION { ?e ?p ?name } #',
    "?name",
    ox.Literal("Airbus", language="fr"),
    ox.NamedNode("http://example.org/Airbus"),
])
def test_a_bound_value_never_changes_the_query(hostile_store, value):
    with kg.open_store(hostile_store, read_only=True) as store:
        rows = list(kg.rows(store, "SELECT ?e ?name WHERE { ?e rdfs:label ?name }", bindings={"name": value}))
    assert rows == []


@pytest.mark.parametrize("variable", ["name } ?x ?y ?z . {", "name ; DROP ALL", "?name"])
def test_a_hostile_variable_name_is_refused(hostile_store, variable):
    with kg.open_store(hostile_store, read_only=True) as store:
        with pytest.raises(QueryError):
            list(kg.rows(store, "SELECT ?e ?name WHERE { ?e rdfs:label ?name }",
                         bindings={variable: ox.Literal("Airbus")}))


SERVICE_VARIANTS = [
    "SELECT * WHERE { SERVICE <{url}sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service <{url}sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE SILENT <{url}sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <{url}sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0073\\u0065rvice <{url}sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE#{{ comment\n <{url}sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http\\u003A//127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "BASE <{url}> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "PREFIX remote: <{url}> SELECT * WHERE { SERVICE remote:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?endpoint { <{url}sparql> } SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { ?e rdfs:label ?l OPTIONAL { SERVICE <{url}sparql> { ?e ?p ?o } } }",
    "SELECT * WHERE { { ?e rdfs:label ?l } UNION { SERVICE <{url}sparql> { ?e ?p ?o } } }",
    "SELECT * WHERE { ?e rdfs:label ?l MINUS { SERVICE <{url}sparql> { ?e ?p ?o } } }",
    "SELECT * WHERE { ?e rdfs:label ?l FILTER EXISTS { SERVICE <{url}sparql> { ?e ?p ?o } } }",
    "SELECT * WHERE { ?e rdfs:label ?l FILTER NOT EXISTS { SERVICE <{url}sparql> { ?e ?p ?o } } }",
    "SELECT * WHERE { ?e rdfs:label ?l BIND(EXISTS { SERVICE <{url}sparql> { ?e ?p ?o } } AS ?x) }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}sparql> { ?s ?p ?o } } } }",
    "SELECT * WHERE { GRAPH ?g { SERVICE <{url}sparql> { ?s ?p ?o } } }",
    "ASK { SERVICE <{url}sparql> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}sparql> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <{url}sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <{url}a> { SERVICE <{url}b> { ?s ?p ?o } } }",
]


@pytest.mark.parametrize("template", SERVICE_VARIANTS)
def test_service_is_refused_in_every_disguise(hostile_store, template):
    with Listener() as listener:
        query = template.replace("{url}", listener.url).replace("{port}", str(listener.port))
        with kg.open_store(hostile_store, read_only=True) as store:
            with pytest.raises(QueryError):
                results = kg.run_query(store, query)
                list(results) if not isinstance(results, bool) else None
    assert listener.connections == 0


@pytest.mark.parametrize("template", [
    "SELECT * FROM <{url}remote> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <{url}remote> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "DESCRIBE <{url}thing>",
    "SELECT * WHERE { <{url}thing> ?p ?o }",
])
def test_remote_iris_in_a_query_are_never_fetched(hostile_store, template):
    with Listener() as listener:
        with kg.open_store(hostile_store, read_only=True) as store:
            try:
                results = kg.run_query(store, template.replace("{url}", listener.url))
                list(results)
            except QueryError:
                pass
    assert listener.connections == 0


@pytest.mark.parametrize("template", [
    "LOAD <{url}data.ttl>",
    "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }",
    "DROP ALL",
    "CLEAR DEFAULT ; LOAD <{url}data.ttl>",
])
def test_updates_are_refused_by_the_query_functions(hostile_store, template):
    before = None
    with Listener() as listener:
        with kg.open_store(hostile_store, read_only=True) as store:
            before = len(list(store.quads()))
            with pytest.raises(QueryError):
                kg.run_query(store, template.replace("{url}", listener.url))
            assert len(list(store.quads())) == before
    assert listener.connections == 0


def test_an_entity_iri_from_a_javascript_name_is_not_a_javascript_iri():
    from kg.model import Entity

    iri = entity_iri(Entity(key=canonical_key("javascript:alert(1)"), label="javascript:alert(1)", type="Person"))
    assert iri.value.startswith(str(ENTITY)) and ":" not in iri.value[len(str(ENTITY)):]
