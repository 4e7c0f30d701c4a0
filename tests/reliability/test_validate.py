"""``kg check``: a good store passes; every kind of damage is found, named, and makes the command fail."""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.rdf import RDF_TYPE, RDFS_LABEL, article_iri, to_quads
from kg.validate import SHAPES, check
from kg.vocab import KG

from .helpers import article_with


def node(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def good_quads():
    """A well-formed article graph: two facts, and a negated one (an assertion without a plain triple)."""
    article, entities, facts = article_with(["Helsing", "Mistral AI", "Kelvina"])
    facts[2] = replace(facts[2], qualifiers=replace(facts[2].qualifiers, modality="negated"))
    return article, list(to_quads(article, entities, facts))


def store_with(location, quads, graph) -> None:
    with kg.open_store(location, create=True) as store:
        store.replace_graph(graph, quads)


def fact_nodes(quads):
    return sorted({q.subject.value for q in quads if q.predicate == RDF_TYPE and q.object == node(KG.Assertion)})


def without(quads, predicate, subject=None):
    return [q for q in quads if not (q.predicate == predicate and (subject is None or q.subject.value == subject))]


def replaced(quads, predicate, value, subject):
    return [ox.Quad(q.subject, q.predicate, value, q.graph_name)
            if q.predicate == predicate and q.subject.value == subject else q for q in quads]


def damage(kind: str, quads, graph):
    """The article's quads with one kind of damage."""
    first = next(name for name in fact_nodes(quads)  # an asserted fact (not the negated one)
                 if ox.Quad(ox.NamedNode(name), node(KG.modality), ox.Literal("asserted"), graph) in quads)
    fact = ox.NamedNode(first)
    entity = next(q.object for q in quads if q.subject == fact and q.predicate == node(KG.object))
    investor = next(q.object for q in quads if q.subject == fact and q.predicate == node(KG.subject))
    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    if kind == "no evidence":
        return without(quads, node(KG.evidence), first)
    if kind == "confidence above 1":
        return replaced(quads, node(KG.confidence), ox.Literal("1.5", datatype=decimal), first)
    if kind == "unknown modality":
        return replaced(quads, node(KG.modality), ox.Literal("maybe"), first)
    if kind == "end before start":
        return replaced(quads, node(KG.endOffset), ox.Literal("0", datatype=integer), first)
    if kind == "evidence length":
        start = next(int(q.object.value) for q in quads if q.subject == fact and q.predicate == node(KG.startOffset))
        return replaced(quads, node(KG.endOffset), ox.Literal(str(start + 3), datatype=integer), first)
    if kind == "fact without provenance":
        return [*quads, ox.Quad(investor, node(KG.acquires), entity, graph)]
    if kind == "negated fact as a plain triple":
        return replaced(quads, node(KG.modality), ox.Literal("negated"), first)
    if kind == "assertion without its triple":
        plain = ox.Quad(investor, node(KG.investsIn), entity, graph)
        return [q for q in quads if q != plain]
    if kind == "no article node":
        return [q for q in quads if not (q.subject == graph and q.predicate == RDF_TYPE)]
    if kind == "entity without label":
        return [q for q in quads if not (q.subject == entity and q.predicate == RDFS_LABEL)]
    if kind == "unknown relation":
        return replaced(quads, node(KG.predicate), ox.NamedNode(str(KG._NS) + "eats"), first)
    if kind == "entity typed as an assertion":
        return [ox.Quad(q.subject, q.predicate, node(KG.Assertion), q.graph_name)
                if q.subject == entity and q.predicate == RDF_TYPE else q for q in quads]
    if kind == "fact of another article":
        return replaced(quads, node(KG.article), article_iri("another"), first)
    raise AssertionError(kind)


DAMAGE = [  # (kind, what the report says)
    ("no evidence", "kg:evidence"),
    ("confidence above 1", "kg:confidence"),
    ("unknown modality", "kg:modality"),
    ("end before start", "kg:startOffset"),
    ("evidence length", "offsets span 3"),
    ("fact without provenance", "has no (non-negated) kg:Assertion"),
    ("negated fact as a plain triple", "has no (non-negated) kg:Assertion"),
    ("assertion without its triple", "has no plain triple"),
    ("no article node", "no kg:Article node"),
    ("entity without label", "rdfs:label"),
    ("unknown relation", "kg:eats is not a relation of the ontology"),
    ("entity typed as an assertion", "rdf:type kg:Assertion is not an entity class"),
    ("fact of another article", "kg:article is article/another"),
]


def test_a_good_store_conforms(tmp_path):
    article, quads = good_quads()
    store_with(tmp_path / "s", quads, article_iri(article.id))
    with kg.open_store(tmp_path / "s", read_only=True) as store:
        report = check(store)
    assert report.conforms, report.lines()
    assert (report.articles, report.facts) == (1, 3)
    assert report.lines() == ["checked 1 articles, 3 facts: no violations"]


@pytest.mark.parametrize("kind, says", DAMAGE, ids=[case[0] for case in DAMAGE])
def test_damage_is_found_and_named(tmp_path, kind, says):
    article, quads = good_quads()
    graph = article_iri(article.id)
    store_with(tmp_path / "s", damage(kind, quads, graph), graph)
    with kg.open_store(tmp_path / "s", read_only=True) as store:
        report = check(store)
    assert not report.conforms
    assert any(says in line for line in report.lines()), report.lines()
    assert all(v.graph == graph.value for v in report.violations)


def test_kg_check_exits_1_with_a_short_report(tmp_path):
    article, quads = good_quads()
    graph = article_iri(article.id)
    store_with(tmp_path / "s", damage("confidence above 1", quads, graph), graph)
    result = CliRunner().invoke(main, ["check", "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "checked 1 articles, 3 facts: 1 violation"
    assert len(lines) == 2 and "kg:confidence" in lines[1] and "1.5" in lines[1]


def test_kg_check_on_a_good_store_exits_0(tmp_path):
    article, quads = good_quads()
    store_with(tmp_path / "s", quads, article_iri(article.id))
    result = CliRunner().invoke(main, ["check", "--store", str(tmp_path / "s")])
    assert (result.exit_code, result.output) == (0, "checked 1 articles, 3 facts: no violations\n")


def test_kg_check_on_a_missing_store_is_one_error_line(tmp_path):
    result = CliRunner().invoke(main, ["check", "--store", str(tmp_path / "nope")])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "no such store" in result.output


def test_the_report_is_short_however_many_violations(tmp_path):
    article, entities, facts = article_with([f"Cible {n}" for n in range(40)])
    graph = article_iri(article.id)
    quads = [ox.Quad(q.subject, q.predicate, ox.Literal("9"), q.graph_name) if q.predicate == node(KG.confidence)
             else q for q in to_quads(article, entities, facts)]
    store_with(tmp_path / "s", quads, graph)
    with kg.open_store(tmp_path / "s", read_only=True) as store:
        report = check(store)
    lines = report.lines()
    assert len(report.violations) >= 40 and len(lines) == 22 and lines[-1].startswith("  … and ")


def test_imported_graphs_are_counted_not_checked(tmp_path):
    path = tmp_path / "vocabulaire.ttl"
    path.write_text("<http://example.org/a> <http://example.org/b> \"c\" .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    with kg.open_store(tmp_path / "s", read_only=True) as store:
        report = check(store)
    assert report.conforms and report.other_graphs == 1
    assert report.lines() == ["checked 0 articles, 0 facts: no violations (1 other graph not checked)"]


@pytest.mark.model
def test_a_store_built_by_the_pipeline_conforms(clean_run):
    location, clean = clean_run
    with kg.open_store(location, read_only=True) as store:
        report = check(store)
    assert report.conforms, report.lines()
    assert report.articles == len(clean) and report.facts > len(clean)


def test_the_shapes_file_is_valid_shacl():
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=shapes, meta_shacl=True, inference="none")
    assert conforms, text
