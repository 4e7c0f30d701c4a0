"""Vocabularies: the kg ontology as a closed namespace, and what the ontology says about each relation.

``KG`` mirrors ``ontology/kg.ttl`` term for term, so a typo such as ``KG.investIn`` fails loudly
(tests/test_vocab.py checks the two agree). ``relations()`` reads labels, domain, range and symmetry from
the ontology file itself, so adding a relation there is enough for the rest of the code to know it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, DefinedNamespace

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
BASE = "https://w3id.org/kgnews/"
ENTITY = Namespace(BASE + "entity/")
ARTICLE = Namespace(BASE + "article/")
FACT = Namespace(BASE + "fact/")
MERGE = Namespace(BASE + "merge/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")


class KG(DefinedNamespace):
    """The kg ontology (``ontology/kg.ttl``)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Organization: URIRef
    Authority: URIRef
    Person: URIRef
    Place: URIRef
    Product: URIRef
    Law: URIRef
    Role: URIRef
    Event: URIRef
    Money: URIRef
    Assertion: URIRef
    Article: URIRef
    # relations
    investsIn: URIRef
    partnersWith: URIRef
    acquires: URIRef
    acquiresStakeIn: URIRef
    subsidiaryOf: URIRef
    develops: URIRef
    competesWith: URIRef
    founded: URIRef
    worksFor: URIRef
    leads: URIRef
    holdsPosition: URIRef
    succeeds: URIRef
    memberOf: URIRef
    nationality: URIRef
    bornIn: URIRef
    residesIn: URIRef
    investigates: URIRef
    regulates: URIRef
    sanctions: URIRef
    lobbiesAgainst: URIRef
    lobbiesFor: URIRef
    supports: URIRef
    criticizes: URIRef
    basedIn: URIRef
    locatedIn: URIRef
    # provenance
    subject: URIRef
    predicate: URIRef
    object: URIRef
    evidence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    rule: URIRef
    confidence: URIRef
    modality: URIRef
    attributedTo: URIRef
    amount: URIRef
    currency: URIRef
    time: URIRef
    timeText: URIRef
    timeRelation: URIRef
    article: URIRef
    source: URIRef
    mergedFrom: URIRef
    # merges
    Merge: URIRef
    kept: URIRef
    merged: URIRef
    keptName: URIRef
    keptType: URIRef
    mergedName: URIRef
    reason: URIRef
    mergedBy: URIRef
    removedTriples: URIRef
    addedTriples: URIRef


@dataclass(frozen=True)
class RelationInfo:
    """What the ontology says about one relation property."""

    name: str
    labels: dict  # lang -> label
    definition: str
    domain: str
    range: str
    symmetric: bool


@functools.lru_cache(maxsize=1)
def ontology() -> Graph:
    """The ontology graph, parsed once."""
    return Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")


@functools.lru_cache(maxsize=1)
def relations() -> dict[str, RelationInfo]:
    """Every relation property of the ontology, by local name."""
    graph = ontology()
    found = {}
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        domain = graph.value(prop, RDFS.domain)
        range_ = graph.value(prop, RDFS.range)
        if domain is None or range_ is None or not str(range_).startswith(str(KG._NS)):
            continue
        name = local_name(prop)
        if name in {"subject", "object", "article"}:
            continue  # provenance links, not relations between entities
        found[name] = RelationInfo(
            name=name,
            labels={label.language: str(label) for label in graph.objects(prop, RDFS.label)},
            definition=str(graph.value(prop, SKOS.definition) or ""),
            domain=local_name(domain),
            range=local_name(range_),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
        )
    return dict(sorted(found.items()))


@functools.lru_cache(maxsize=1)
def classes() -> dict[str, dict]:
    """Entity classes of the ontology: local name -> {lang: label}."""
    graph = ontology()
    entity_classes = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        name = local_name(cls)
        if name in {"Assertion", "Article", "Merge"}:
            continue
        entity_classes[name] = {label.language: str(label) for label in graph.objects(cls, RDFS.label)}
    return dict(sorted(entity_classes.items()))


def local_name(iri) -> str:
    """``https://w3id.org/kgnews/ontology#investsIn`` -> ``investsIn``."""
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
