"""RDF: one article's entities and facts as quads in the article's named graph.

For each fact: the plain triple ``<entity/s> kg:p <entity/o>`` (never for a negated fact) and a provenance
node ``<fact/…> a kg:Assertion`` carrying subject, predicate, object, the evidence sentence, its offsets,
the rule, the confidence and the qualifiers, ``prov:wasDerivedFrom`` the article.
"""

from __future__ import annotations

import functools
import hashlib
import re
import urllib.parse
from typing import Iterable, Iterator

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from .errors import StoreError
from .model import Article, Entity, Fact
from .vocab import ARTICLE, DCTERMS, ENTITY, FACT, KG, PROV

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
XSD = "http://www.w3.org/2001/XMLSchema#"
_SAFE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _node(term) -> NamedNode:
    return NamedNode(str(term))


def safe_iri(namespace, key: str) -> NamedNode:
    """``namespace + key`` with the key percent-encoded unless it is already a plain slug."""
    if not _SAFE.match(key):
        key = urllib.parse.quote(key, safe="-")
    return NamedNode(str(namespace) + key)


def entity_iri(entity: Entity) -> NamedNode:
    return safe_iri(ENTITY, entity.key)


def article_iri(article_id: str) -> NamedNode:
    return safe_iri(ARTICLE, article_id)


def fact_iri(article: Article, fact: Fact) -> NamedNode:
    digest = hashlib.sha256(
        f"{fact.subject.key}|{fact.predicate}|{fact.object.key}|{fact.start}|{fact.end}|{fact.rule}".encode()
    ).hexdigest()[:12]
    return safe_iri(FACT, f"{article.id}-{digest}")


def _text(value: str) -> Literal:
    return Literal(value)


def _typed(value, datatype: str) -> Literal:
    return Literal(str(value), datatype=_datatype(datatype))


@functools.lru_cache(maxsize=None)
def _datatype(name: str) -> NamedNode:
    return NamedNode(XSD + name)


class _Terms:
    """The terms of a namespace as NamedNodes, each made once (rdflib's lookup of a name in a closed namespace
    costs more than the quad): ``_KG.Article`` is ``NamedNode(str(KG.Article))``; an unknown name fails alike."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> NamedNode:
        node = NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


_KG, _DCTERMS, _PROV = _Terms(KG), _Terms(DCTERMS), _Terms(PROV)


#: The XSD type of each shape of ISO 8601 value a fact's time takes; an ISO week (2024-W08) has none: a string.
_TIME_DATATYPES = ((re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "date"),
                   (re.compile(r"[0-9]{4}-[0-9]{2}"), "gYearMonth"), (re.compile(r"[0-9]{4}"), "gYear"))


def time_literal(value: str) -> Literal:
    """A fact's time as a typed literal: ``"2024-02-26"^^xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``, or a
    plain string for an ISO week."""
    for pattern, datatype in _TIME_DATATYPES:
        if pattern.fullmatch(value):
            return _typed(value, datatype)
    return _text(value)


def to_quads(article: Article, entities: Iterable[Entity], facts: Iterable[Fact]) -> Iterator[Quad]:
    """All quads of one article, in its named graph."""
    graph = article_iri(article.id)
    node = graph

    def quad(s, p, o):
        return Quad(s, p, o, graph)

    yield quad(node, RDF_TYPE, _KG.Article)
    yield quad(node, _KG.source, _text(article.source))
    if article.title:
        yield quad(node, _DCTERMS.title, _text(article.title))
    if article.date:
        yield quad(node, _DCTERMS.date, _text(article.date))
    if article.url:
        yield quad(node, _DCTERMS.source, _text(article.url))
    yield quad(node, _DCTERMS.language, _text(article.lang))
    for entity in entities:
        iri = entity_iri(entity)
        yield quad(iri, RDF_TYPE, getattr(_KG, entity.type))
        yield quad(iri, RDFS_LABEL, _text(entity.label))
        for alias in entity.aliases:
            yield quad(iri, SKOS_ALT, _text(alias))
    for fact in facts:
        subject, object_ = entity_iri(fact.subject), entity_iri(fact.object)
        predicate = getattr(_KG, fact.predicate)
        if fact.qualifiers.modality != "negated":
            yield quad(subject, predicate, object_)
        proof = fact_iri(article, fact)
        q = fact.qualifiers
        yield quad(proof, RDF_TYPE, _KG.Assertion)
        yield quad(proof, _KG.subject, subject)
        yield quad(proof, _KG.predicate, predicate)
        yield quad(proof, _KG.object, object_)
        yield quad(proof, _KG.evidence, _text(fact.sentence))
        yield quad(proof, _KG.startOffset, _typed(fact.start, "integer"))
        yield quad(proof, _KG.endOffset, _typed(fact.end, "integer"))
        yield quad(proof, _KG.rule, _text(fact.rule))
        yield quad(proof, _KG.confidence, _typed(f"{fact.confidence:.3f}", "decimal"))
        yield quad(proof, _KG.modality, _text(q.modality))
        yield quad(proof, _KG.article, node)
        yield quad(proof, _PROV.wasDerivedFrom, node)
        if q.attribution:
            yield quad(proof, _KG.attributedTo, _text(q.attribution))
        if q.amount is not None:
            yield quad(proof, _KG.amount, _typed(f"{q.amount:.2f}", "decimal"))
        if q.currency:
            yield quad(proof, _KG.currency, _text(q.currency))
        if q.time:
            yield quad(proof, _KG.time, time_literal(q.time))
        if q.time_text:
            yield quad(proof, _KG.timeText, _text(q.time_text))
        if q.time_relation:
            yield quad(proof, _KG.timeRelation, _text(q.time_relation))


def nt_term(term) -> str:
    """A term in N-Triples syntax, as pyoxigraph escapes it (RDF 1.2 triple terms included): no text can
    change the SPARQL it is written into."""
    if isinstance(term, ox.Triple):
        return f"<<( {nt_term(term.subject)} {nt_term(term.predicate)} {nt_term(term.object)} )>>"
    if not isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        raise StoreError(f"cannot write {term!r}: not an RDF term")
    return str(term)


def replace_update(graphs: dict, *, drop: Iterable = ()) -> tuple[str, int]:
    """One SPARQL UPDATE that drops ``drop`` and every graph of ``graphs`` and inserts each graph's quads
    (their own graph names are ignored); and the number of quads. Used by the embedded and remote stores."""
    parts = [f"DROP SILENT GRAPH {nt_term(old)}" for old in dict.fromkeys([*drop, *graphs])]
    count = 0
    blocks = []
    for graph, quads in graphs.items():
        lines = [f"{nt_term(q.subject)} {nt_term(q.predicate)} {nt_term(q.object)} ." for q in quads]
        count += len(lines)
        blocks.append(f"GRAPH {nt_term(graph)} {{ {' '.join(lines)} }}")
    parts.append(f"INSERT DATA {{ {' '.join(blocks)} }}")
    return " ;\n".join(parts), count
