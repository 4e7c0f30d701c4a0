"""The command line: exact output and exit codes, with CliRunner, on a store built once from two short articles."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import main

pytestmark = pytest.mark.model

ARTICLE_A = """Airbus investit dans Helsing

Le groupe Airbus a investi 20 millions d’euros dans la start-up Helsing, a annoncé le constructeur lundi.
"""
ARTICLE_B = """Orange et Cirrus

Orange a signé un partenariat avec Cirrus pour développer le cloud souverain.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    store = str(tmp_path_factory.mktemp("store") / "kg")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", store])
    assert result.exit_code == 0, result.output
    return folder, store, result.output


def test_commands_start_without_importing_spacy():
    """Only parsing needs spaCy (half a second to import): every command but ``ingest``, and the process that
    hands articles to ``--workers`` or ``--dask`` and writes their graphs, start without it."""
    code = "import sys, kg, kg.cli, kg.pipeline, kg.distributed; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_ingest_prints_one_summary_line(built):
    _, _, output = built
    assert output == "2 articles read, 3 new facts from 2 articles, 0 unchanged skipped, 0 rejected\n"


def test_reingest_adds_nothing(built):
    folder, store, _ = built
    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", store])
    assert (result.exit_code, result.output) == (
        0, "2 articles read, 0 new facts from 0 articles, 2 unchanged skipped, 0 rejected\n")


def test_triples_table(built):
    _, store, _ = built
    result = CliRunner().invoke(main, ["triples", "--store", store])
    assert result.exit_code == 0
    # one line per fact: the title and the body state the investment, each with its own evidence
    assert sorted(result.stdout.splitlines()) == [
        "Airbus —investsIn→ Helsing  (0.58, 20,000,000 EUR)",
        "Airbus —investsIn→ Helsing  (0.80)",
        "Orange —partnersWith→ Cirrus  (0.80)",
    ]
    assert result.stderr == "3 facts\n"


def test_triples_jsonl_has_the_documented_fields(built):
    _, store, _ = built
    result = CliRunner().invoke(main, ["triples", "--store", store, "--format", "jsonl", "--relation", "investsIn"])
    line = result.stdout.splitlines()[-1]
    fact = json.loads(line)
    assert {k: fact[k] for k in ("subject", "predicate", "object", "subject_type", "object_type")} == {
        "subject": "Airbus", "predicate": "investsIn", "object": "Helsing",
        "subject_type": "Organization", "object_type": "Organization"}
    assert fact["sentence"].startswith("Le groupe Airbus a investi") and 0 < fact["confidence"] <= 1
    assert len(fact["article"]) == 16


def test_triples_entity_filter_matches_aliases_case_insensitively(built):
    _, store, _ = built
    result = CliRunner().invoke(main, ["triples", "--store", store, "--entity", "cirrus"])
    assert result.stdout == "Orange —partnersWith→ Cirrus  (0.80)\n"
    nobody = CliRunner().invoke(main, ["triples", "--store", store, "--entity", 'x" || true || "'])
    assert (nobody.exit_code, nobody.stdout) == (0, "")


def test_query_who_invests_in_whom(built):
    _, store, _ = built
    sparql = ("SELECT DISTINCT ?investor ?target WHERE { ?i kg:investsIn ?t . "
              "?i rdfs:label ?investor . ?t rdfs:label ?target }")
    result = CliRunner().invoke(main, ["query", sparql, "--store", store, "--format", "csv"])
    assert (result.exit_code, result.stdout) == (0, "investor,target\nAirbus,Helsing\n")


def test_query_syntax_error_is_one_line(built):
    _, store, _ = built
    result = CliRunner().invoke(main, ["query", "SELECT ?x WHERE { ?x ", "--store", store])
    assert result.exit_code == 1
    assert result.output.startswith("Error: SPARQL syntax error at line 1") and result.output.count("\n") == 1


def test_query_service_is_refused(built):
    _, store, _ = built
    result = CliRunner().invoke(main, ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                                       "--store", store])
    assert (result.exit_code, result.output) == (1, "Error: SERVICE is refused: kg queries never reach the network\n")


def test_stats(built):
    _, store, _ = built
    result = CliRunner().invoke(main, ["stats", "--store", store])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "articles: 2"
    assert "facts: 3" in lines and "  investsIn        2" in lines


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"),
                                                ("trig", "trig"), ("nquads", "nquads")])
def test_export_rdf_parses_back(built, tmp_path, fmt, rdflib_format):
    import rdflib
    _, store, _ = built
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(main, ["export", "--store", store, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = rdflib.Dataset() if fmt in {"trig", "nquads"} else rdflib.Graph()
    graph.parse(data=out.read_text(encoding="utf-8"), format=rdflib_format)
    investsIn = rdflib.URIRef("https://w3id.org/kgnews/ontology#investsIn")
    assert any(p == investsIn for _, p, _ in graph.triples((None, None, None))) if fmt not in {"trig", "nquads"} \
        else any(q[1] == investsIn for q in graph.quads((None, None, None, None)))


def test_missing_store_is_one_error_line(tmp_path):
    result = CliRunner().invoke(main, ["triples", "--store", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'nope'}: no such store; create one with: kg ingest FILES --store {tmp_path / 'nope'}\n"


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE_B, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    store = str(tmp_path / "store")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "binary.txt"), str(tmp_path / "empty.txt"), str(good),
                                       "--store", store])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 2 and "binary.txt" in errors[0] and "empty.txt" in errors[1]
    assert result.stdout == "1 articles read, 1 new facts from 1 articles, 0 unchanged skipped, 2 rejected\n"


def test_every_command_has_help_with_an_example():
    for name, command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, name
