"""Checking a store: is every article graph well formed, and is every fact backed by its evidence?

    >>> with kg.open_store("out/demo-store", read_only=True) as store:     # doctest: +SKIP
    ...     report = check(store)
    >>> report.conforms, report.lines()[0]                              # doctest: +SKIP
    (True, 'checked 6 articles, 31 facts: no violations')

Two kinds of rules:

- the SHACL shapes of ``ontology/shapes.ttl`` (pySHACL), run on each article graph on its own, so that an
  entity described in one article cannot make up for one left half-written in another;
- rules that need a graph's name, or that pySHACL's SPARQL would run a hundred times slower than Oxigraph's,
  as SPARQL over the store: each article graph holds its own ``kg:Article`` node; every plain fact triple
  (``?s kg:investsIn ?o``) has a ``kg:Assertion`` with the same subject, predicate and object, not negated, in
  the same graph, and every such assertion has its triple; an assertion's ``kg:article`` is its graph; the
  evidence is ``endOffset - startOffset`` characters long; predicates and entity types are the ontology's.

Graphs outside the article namespace (``kg import``) are counted, not checked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import SH

from .store import EmbeddedStore
from .vocab import ARTICLE, BASE, KG, MERGE, ONTOLOGY_DIR, classes, relations

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
_KG = str(KG._NS)
_PREFIXES = (f"PREFIX kg: <{_KG}>\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
             f"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")


@dataclass(frozen=True)
class Violation:
    """One thing wrong: in which graph, about which node, what."""

    graph: str
    focus: str
    message: str

    def line(self) -> str:
        return f"{short(self.graph)}: {short(self.focus)}: {self.message}"


@dataclass
class CheckReport:
    """What :func:`check` found."""

    articles: int = 0
    facts: int = 0
    merges: int = 0  # merge records (kg merge): each in its own graph, not checked against the shapes
    other_graphs: int = 0  # graphs outside the article and merge namespaces (imports): not checked
    violations: list = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations

    def lines(self, *, limit: int = 20) -> list[str]:
        """A short report: one summary line, then at most ``limit`` violations."""
        found = len(self.violations)
        verdict = "no violations" if not found else f"{found} violation{'s' if found > 1 else ''}"
        head = f"checked {self.articles} articles, {self.facts} facts: {verdict}"
        if self.merges:
            head += f" ({self.merges} merge record{'s' if self.merges > 1 else ''} kept apart)"
        if self.other_graphs:
            head += f" ({self.other_graphs} other graph{'s' if self.other_graphs > 1 else ''} not checked)"
        lines = [head] + ["  " + violation.line() for violation in self.violations[:limit]]
        if found > limit:
            lines.append(f"  … and {found - limit} more")
        return lines


def check(store: EmbeddedStore) -> CheckReport:
    """Check every article graph of ``store`` against the shapes and the provenance rules."""
    report = CheckReport()
    article_graphs = []
    for row in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
        graph = row["g"]
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(str(ARTICLE)):
            article_graphs.append(graph)
        elif isinstance(graph, ox.NamedNode) and graph.value.startswith(str(MERGE)):
            report.merges += 1
        else:
            report.other_graphs += 1
    report.articles = len(article_graphs)
    report.facts = _count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?f a kg:Assertion } "
                                 f"FILTER(STRSTARTS(STR(?g), \"{ARTICLE}\")) }}")
    for graph in article_graphs:
        report.violations.extend(_shacl(store, graph))
    for sparql, message in _rules():
        solutions = store.query(_PREFIXES + sparql)
        names = [variable.value for variable in solutions.variables]
        for row in solutions:
            values = {name: row[name].value if row[name] is not None else "" for name in names}
            report.violations.append(Violation(values["g"], values["focus"],
                                               message.format(**{k: short(v) for k, v in values.items()})))
    report.violations.sort(key=lambda v: (v.graph, v.focus, v.message))
    return report


@functools.cache
def _rules() -> list[tuple[str, str]]:
    """(SPARQL selecting ?g, ?focus and maybe ?value and ?other; message) for the graph-wide rules."""
    in_articles = f'FILTER(STRSTARTS(STR(?g), "{ARTICLE}"))'
    relation_iris = " ".join(f"<{_KG}{name}>" for name in relations())
    class_iris = ", ".join(f"<{_KG}{name}>" for name in {*classes(), "Entity"})
    return [
        (f"SELECT DISTINCT ?g ?focus WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {in_articles} BIND(?g AS ?focus) "
         "FILTER NOT EXISTS { GRAPH ?g { ?g a kg:Article } } }",
         "the article graph has no kg:Article node of its own (a half-written article?)"),
        (f"SELECT ?g ?focus WHERE {{ GRAPH ?g {{ ?focus a kg:Article }} {in_articles} FILTER(?focus != ?g) }}",
         "another article's kg:Article node is in this graph"),
        (f"SELECT ?g ?focus ?value WHERE {{ GRAPH ?g {{ ?focus a kg:Assertion ; kg:article ?value }} {in_articles} "
         "FILTER(?value != ?g) }",
         "kg:article is {value}, not the graph the fact is in"),
        (f"SELECT ?g ?focus ?value ?other WHERE {{ VALUES ?value {{ {relation_iris} }} "
         f"GRAPH ?g {{ ?focus ?value ?other }} {in_articles} "
         "FILTER NOT EXISTS { GRAPH ?g { ?fact a kg:Assertion ; kg:subject ?focus ; kg:predicate ?value ; "
         "kg:object ?other ; kg:modality ?modality . FILTER(?modality != \"negated\") } } }",
         "the fact {value} {other} has no (non-negated) kg:Assertion in its graph: no provenance"),
        (f"SELECT ?g ?focus ?value WHERE {{ GRAPH ?g {{ ?focus a kg:Assertion ; kg:subject ?s ; "
         "kg:predicate ?value ; kg:object ?o ; kg:modality ?modality "
         "FILTER(?modality != \"negated\") FILTER NOT EXISTS { ?s ?value ?o } } "
         f"{in_articles} }}",
         "the asserted fact ({value}) has no plain triple in its graph"),
        (f"SELECT ?g ?focus ?value ?other WHERE {{ GRAPH ?g {{ ?focus a kg:Assertion ; kg:evidence ?evidence ; "
         "kg:startOffset ?start ; kg:endOffset ?end } "
         f"{in_articles} BIND(STRLEN(STR(?evidence)) AS ?value) BIND(?end - ?start AS ?other) "
         "FILTER(!BOUND(?other) || ?value != ?other) }",
         "the evidence is {value} characters long but its offsets span {other}"),
        (f"SELECT ?g ?focus ?value WHERE {{ GRAPH ?g {{ ?focus a kg:Assertion ; kg:predicate ?value }} "
         f"{in_articles} FILTER(?value NOT IN ({', '.join(relation_iris.split())})) }}",
         "kg:predicate {value} is not a relation of the ontology"),
        (f"SELECT DISTINCT ?g ?focus ?value WHERE {{ GRAPH ?g {{ ?fact kg:subject|kg:object ?focus . "
         f"?focus a ?value }} {in_articles} FILTER(?value NOT IN ({class_iris})) }}",
         "rdf:type {value} is not an entity class of the ontology"),
    ]


@functools.cache
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


def _shacl(store: EmbeddedStore, graph: ox.NamedNode) -> list[Violation]:
    """SHACL violations of one article graph."""
    triples = list(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))
    data = rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                                format="nt")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=_shapes(), inference="none")
    if conforms:
        return []
    found = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = str(results.value(result, SH.resultMessage) or "does not conform")
        where = f"{short(path)} " if path is not None else ""
        shown = f" (value {short(value)})" if value is not None and not isinstance(value, rdflib.BNode) else ""
        found.append(Violation(graph.value, str(focus), f"{where}{_tidy(message)}{shown}"))
    return found


def _count(store: EmbeddedStore, sparql: str) -> int:
    for row in store.query(_PREFIXES + sparql):
        return int(row["n"].value)
    return 0


def short(value) -> str:
    """An IRI as a person reads it: ``kg:investsIn``, ``article/3f2a…``; a literal as itself (cut at 60)."""
    text = str(value)
    if text.startswith(_KG):
        return "kg:" + text[len(_KG):]
    if text.startswith(BASE):
        return text[len(BASE):]
    return text if len(text) <= 60 else text[:59] + "…"


def _tidy(message: str) -> str:
    """pySHACL's messages name nodes by full IRI: shorten the ones kg mints."""
    for prefix, shown in ((_KG, "kg:"), (BASE, "")):
        message = message.replace(prefix, shown)
    return " ".join(message.split())
