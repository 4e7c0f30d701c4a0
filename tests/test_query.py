"""SPARQL: saved queries on the sample articles, bound parameters, output formats, refused queries."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import QueryError
from kg.query import parse_param, saved_queries, saved_query
from tests.conftest import ROOT

MISTRAL_ARTICLE = str(ROOT / "data" / "articles" / "mistral-microsoft.fr.txt")  # its kg:source
# what each saved query needs to run, and a row it must return on the sample articles
EXPECTED = {
    "entities": ({}, {"label": "Mistral AI", "type": "https://w3id.org/kgnews/ontology#Organization"}),
    "entity-by-name": ({"name": "mistral ai"}, {"entity": "https://w3id.org/kgnews/entity/mistral-ai"}),
    "entity": ({"name": "Mistral AI"}, {"label": "Mistral AI", "direction": "out", "relation": "partnersWith",
                                        "other": "Microsoft"}),
    "facts": ({}, {"subject": "Microsoft", "predicate": "https://w3id.org/kgnews/ontology#investsIn",
                   "object": "OpenAI", "amount": 13e9, "currency": "USD"}),
    "facts-by-article": ({"article": MISTRAL_ARTICLE}, {"subject": "Microsoft", "predicate": "investsIn",
                                                        "object": "Mistral AI", "modality": "asserted"}),
    "facts-by-modality": ({"modality": "expected"}, {"subject": "Commission européenne",
                                                     "predicate": "investigates", "object": "Microsoft"}),
    "investigations": ({}, {"authority": "CNIL", "relation": "sanctions", "target": "Roulezy",
                            "amount": 8e6, "currency": "EUR"}),
    "investments": ({}, {"investor": "Microsoft", "relation": "investsIn", "target": "OpenAI", "amount": 13e9,
                         "currency": "USD"}),
    "neighbors": ({"name": "Mistral AI"}, {"label": "OpenAI", "hops": 2}),
    "partnerships": ({}, {"partner": "Mistral AI", "other": "Microsoft", "modality": "asserted"}),
    "positions": ({}, {"person": "Cédric O", "position": "secrétaire d’Etat au Numérique"}),
    "relations": ({}, {"relation": "investsIn", "statements": 4, "not_negated": 4}),
    "stats": ({}, {"kind": "articles", "count": 6}),
}

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    location = tmp_path_factory.mktemp("query") / "store"
    with kg.open_store(location, create=True) as store:
        kg.ingest([ROOT / "data" / "articles"], store)
    return location


@pytest.fixture()
def store(sample):
    with kg.open_store(sample) as opened:
        yield opened


def run(store, query, **bindings) -> list[dict]:
    return list(kg.rows(store, saved_query(query), bindings=bindings))


def cli(sample, *args):
    return CliRunner().invoke(main, ["query", *args, "--store", str(sample)])


def test_every_saved_query_is_tested_and_says_what_it_answers():
    found = {saved.name: saved for saved in saved_queries()}
    assert set(found) == set(EXPECTED)
    for saved in found.values():
        assert saved.description.endswith(")") or saved.description.endswith("."), saved.name
        assert set(saved.params) <= set(EXPECTED[saved.name][0]), saved.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_query_returns_the_expected_row(store, name):
    bindings, expected = EXPECTED[name]
    bindings = {key: ox.Literal(value) for key, value in bindings.items()}
    found = run(store, name, **bindings)
    assert any(all(row.get(key) == value for key, value in expected.items()) for row in found), found[:5]


def test_investments_lists_both_microsoft_investments(store):
    found = {(row["investor"], row["relation"], row["target"], row["amount"], row["currency"])
             for row in run(store, "investments")}
    assert ("Microsoft", "investsIn", "Mistral AI", 15_000_000.0, "EUR") in found  # told first, then again
    assert ("Microsoft", "investsIn", "OpenAI", 13_000_000_000.0, "USD") in found


def test_entity_profile_has_type_aliases_and_facts_with_evidence(store):
    found = run(store, "entity", name="Mistral AI")
    assert {row["entity"] for row in found} == {"https://w3id.org/kgnews/entity/mistral-ai"}
    assert {row["type"] for row in found} == {"Organization"}
    assert all("Mistral IA" in row["aliases"].split(", ") for row in found)
    partners = [row for row in found if (row["direction"], row["relation"], row["other"]) ==
                ("out", "partnersWith", "Microsoft")]
    assert partners and all(row["sentence"] and row["article"] for row in partners)
    assert any("partenariat" in row["sentence"] for row in partners)
    assert ("in", "investsIn", "Microsoft") in {(row["direction"], row["relation"], row["other"]) for row in found}


@pytest.mark.parametrize("name", ["mistral ai", "MISTRAL AI", "Mistral IA", "mistral ia"])
def test_entity_profile_by_alias_or_in_any_case(store, name):
    def facts(rows):
        return sorted((row["direction"], row["relation"], row["other"], row["sentence"]) for row in rows)

    assert facts(run(store, "entity", name=name)) == facts(run(store, "entity", name="Mistral AI"))


def test_facts_by_article_takes_an_id_a_source_or_an_iri(store):
    by_source = run(store, "facts-by-article", article=MISTRAL_ARTICLE)
    article_id = next(kg.facts(store, entity="Mistral AI"))["article"]
    by_id = run(store, "facts-by-article", article=article_id)
    by_iri = run(store, "facts-by-article", article=ox.NamedNode(f"https://w3id.org/kgnews/article/{article_id}"))

    def strip(rows):
        return [{k: v for k, v in row.items() if k != "article"} for row in rows]

    assert by_source and strip(by_source) == strip(by_id) == strip(by_iri)
    assert [row["start"] for row in by_source] == sorted(row["start"] for row in by_source)


def test_facts_by_modality_keeps_that_modality(store):
    expected = run(store, "facts-by-modality", modality="expected")
    assert expected and {row["modality"] for row in expected} == {"expected"}
    negated = run(store, "facts-by-modality", modality="negated")
    assert {row["modality"] for row in negated} == {"negated"}
    assert ("CNIL", "sanctions", "Covoitme") in {(row["subject"], row["predicate"], row["object"]) for row in negated}


def test_relation_counts_agree_with_stats(store):
    counts = {row["relation"]: row["statements"] for row in run(store, "relations")}
    assert counts == kg.analytics.stats(store)["facts"]


def test_neighbors_query_gives_distances(store):
    found = {row["label"]: row["hops"] for row in run(store, "neighbors", name="Mistral IA")}
    assert found["Microsoft"] == 1 and found["OpenAI"] == 2 and "Mistral AI" not in found


HOSTILE = ['x" || true || "', '> } UNION { ?s ?p ?o', '" } UNION { ?s ?p ?o } #', "x') || true || ('"]


PARAMETRISED = [("entity", "name"), ("neighbors", "name"), ("facts-by-modality", "modality"),
                ("facts-by-article", "article")]


@pytest.mark.parametrize("value", HOSTILE)
def test_param_values_never_change_a_query(store, value):
    for name, param in PARAMETRISED:
        assert run(store, name, **{param: value}) == [], name
    inline = "SELECT ?label ?wanted WHERE { ?e rdfs:label ?label FILTER(?label = ?wanted) }"
    assert list(kg.rows(store, inline, bindings={"wanted": value})) == []


@pytest.mark.parametrize("value", HOSTILE)
def test_param_values_never_change_a_query_from_the_command_line(sample, value):
    for name, param in PARAMETRISED:
        result = cli(sample, name, "--param", f"{param}={value}", "--format", "jsonl")
        assert (result.exit_code, result.stdout) == (0, ""), (name, result.output)
    inline = "SELECT ?label ?wanted WHERE { ?e rdfs:label ?label FILTER(?label = ?wanted) }"
    result = cli(sample, inline, "--param", f"wanted={value}", "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "label,wanted\n")


def test_a_param_that_looks_like_an_iri_is_checked_as_one(sample):
    result = cli(sample, "entity", "--param", "name=<x> } UNION { ?s ?p ?o }>")
    assert (result.exit_code, result.output) == (1, "Error: --param name: <x> } UNION { ?s ?p ?o }> is not a valid IRI\n")


@pytest.mark.parametrize("text, term", [
    ("name=Mistral AI", ox.Literal("Mistral AI")),
    ("name=", ox.Literal("")),
    ("n=42", ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("n=-7", ox.Literal("-7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("n=3.5", ox.Literal("3.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
    ('n="42"', ox.Literal("42")),
    ('n="Mistral"@fr', ox.Literal("Mistral", language="fr")),
    ("e=<https://w3id.org/kgnews/entity/microsoft>", ox.NamedNode("https://w3id.org/kgnews/entity/microsoft")),
    ("title=a=b", ox.Literal("a=b")),
    ("?n=12 ans", ox.Literal("12 ans")),
])
def test_param_syntax(text, term):
    assert parse_param(text) == (text.split("=", 1)[0].lstrip("?"), term)


@pytest.mark.parametrize("text", ["noequals", "1x=2", "a b=c", "=value"])
def test_bad_param_is_one_error(text):
    with pytest.raises(QueryError, match="expected NAME=VALUE"):
        parse_param(text)


def test_list_shows_every_saved_query_with_what_it_answers(sample):
    result = CliRunner().invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(EXPECTED)
    assert any(line.startswith("entity ") and "(--param name)" in line for line in lines)
    assert any(line.startswith("investments ") and "invests" in line for line in lines)


def test_a_saved_query_name_or_a_file_runs(sample, tmp_path):
    saved = cli(sample, "investments", "--format", "csv")
    copy = tmp_path / "mine.rq"
    copy.write_text(saved_query("investments"), encoding="utf-8")
    from_file = cli(sample, str(copy), "--format", "csv")
    assert saved.exit_code == from_file.exit_code == 0
    assert saved.stdout == from_file.stdout and "Microsoft,investsIn,OpenAI,13000000000,USD" in saved.stdout


def test_saved_query_without_its_param_is_one_error(sample):
    result = cli(sample, "entity")
    assert result.exit_code == 1
    assert result.output.startswith("Error: saved query 'entity' needs --param name=VALUE")


@pytest.mark.parametrize("query, params, message", [
    ("SELECT ?l WHERE { ?e rdfs:label ?l }", ["zz=1"], "Error: the query has no variable ?zz to bind\n"),
    ("SELECT ?l WHERE { ?e rdfs:label ?l FILTER(?l = ?n) }", ["n=x"],
     "Error: ?n is not in the SELECT clause; add it there to bind it (Oxigraph binds only selected variables)\n"),
    ("ASK { ?e rdfs:label ?n }", ["n=x"], "Error: values can only be bound in SELECT queries, and this is ASK\n"),
    ("missing.rq", [], "Error: missing.rq: No such file or directory\n"),
])
def test_query_errors_are_one_line(sample, query, params, message):
    result = cli(sample, query, *[arg for param in params for arg in ("--param", param)])
    assert (result.exit_code, result.output) == (1, message)


def test_service_is_refused_however_written(sample, tmp_path):
    tricky = tmp_path / "tricky.rq"
    tricky.write_text("SELECT * WHERE { # comment\n \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    for query in ["SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", str(tricky),
                  "BASE <http://127.0.0.1:9/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }"]:
        result = cli(sample, query)
        assert (result.exit_code, result.output) == (1, "Error: SERVICE is refused: kg queries never reach the network\n")


def test_json_is_sparql_results_json_with_types(sample):
    query = ('SELECT ?investor ?iri ?amount ?lang WHERE { ?f kg:predicate kg:investsIn ; kg:subject ?iri ; '
             'kg:amount ?amount . ?iri rdfs:label ?investor BIND("fr"@fr AS ?lang) } ORDER BY DESC(?amount) LIMIT 1')
    result = cli(sample, query, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == ["investor", "iri", "amount", "lang"]
    row = document["results"]["bindings"][0]
    assert row["investor"] == {"type": "literal", "value": "Microsoft"}
    assert row["iri"] == {"type": "uri", "value": "https://w3id.org/kgnews/entity/microsoft"}
    assert row["amount"] == {"type": "literal", "value": "13000000000", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    assert row["lang"] == {"type": "literal", "value": "fr", "xml:lang": "fr"}


def test_jsonl_tsv_csv_and_table(sample):
    args = ["investments"]
    jsonl = [json.loads(line) for line in cli(sample, *args, "--format", "jsonl").stdout.splitlines()]
    # largest amount first
    assert {"investor": "Microsoft", "target": "OpenAI", "amount": 13e9} == {
        k: jsonl[0][k] for k in ("investor", "target", "amount")}
    tsv = cli(sample, *args, "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:3] == ["investor", "relation", "target"] and len(tsv) == len(jsonl) + 1
    assert all(len(line.split("\t")) == 11 for line in tsv)
    csv_lines = cli(sample, *args, "--format", "csv").stdout.splitlines()
    assert len(csv_lines) == len(jsonl) + 1
    table = cli(sample, *args).stdout.splitlines()
    assert table[0].split()[:3] == ["investor", "relation", "target"] and set(table[1]) == {"-", " "}


def test_ask_and_construct(sample):
    assert cli(sample, "ASK { ?s kg:investsIn ?o }").stdout == "true\n"
    assert cli(sample, "ASK { ?s kg:acquires entity:nobody }").stdout == "false\n"
    assert json.loads(cli(sample, "ASK { ?s kg:investsIn ?o }", "--format", "json").stdout) == {
        "head": {}, "boolean": True}
    turtle = cli(sample, "CONSTRUCT { ?s kg:investsIn ?o } WHERE { ?s kg:investsIn ?o }").stdout
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    investsIn = rdflib.URIRef("https://w3id.org/kgnews/ontology#investsIn")
    assert (rdflib.URIRef("https://w3id.org/kgnews/entity/microsoft"), investsIn,
            rdflib.URIRef("https://w3id.org/kgnews/entity/openai")) in graph
