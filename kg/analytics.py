"""Graph analytics with networkx: the store as a MultiDiGraph, and counts for ``kg stats``."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .query import facts, rows, saved_query
from .store import EmbeddedStore
from .vocab import local_name, relations


def to_networkx(store: EmbeddedStore, *, include_negated: bool = False) -> nx.MultiDiGraph:
    """Entities as nodes (``label``, ``type``, ``aliases``), one edge per fact (evidence and qualifiers)."""
    graph = nx.MultiDiGraph()
    types: dict[str, set] = defaultdict(set)
    for row in rows(store, saved_query("entities")):
        iri = row["entity"]
        types[iri].add(local_name(row["type"]))
        aliases = sorted(set(filter(None, (row["aliases"] or "").split("\x1f"))))
        if iri in graph:
            graph.nodes[iri]["aliases"] = sorted(set(graph.nodes[iri]["aliases"]) | set(aliases))
        else:
            graph.add_node(iri, label=row["label"], aliases=aliases)
    for iri, found in types.items():  # an entity typed differently by two articles: the most specific wins
        specific = sorted(found - {"Entity"}) or ["Entity"]
        graph.nodes[iri]["type"] = "Authority" if "Authority" in specific else specific[0]
    info = relations()
    for fact in facts(store):
        if fact["modality"] == "negated" and not include_negated:
            continue
        graph.add_edge(
            fact["subject_iri"], fact["object_iri"], key=fact["fact"],
            predicate=fact["predicate"], labels=info[fact["predicate"]].labels if fact["predicate"] in info else {},
            sentence=fact["sentence"], article=fact["title"] or fact["source"] or fact["article"],
            article_id=fact["article"], date=None, url=None, confidence=fact["confidence"],
            modality=fact["modality"], attribution=fact["attribution"], amount=fact["amount"],
            currency=fact["currency"], time=None,
        )
    return graph


def stats(store: EmbeddedStore) -> dict:
    """``{"articles": n, "entities": {type: n}, "facts": {relation: n}}``."""
    result = {"articles": 0, "entities": {}, "facts": {}}
    for row in rows(store, saved_query("stats")):
        if row["kind"] == "articles":
            result["articles"] = row["count"]
        else:
            result[row["kind"]][row["name"]] = row["count"]
    return result
