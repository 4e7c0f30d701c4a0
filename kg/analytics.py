"""Graph analytics with networkx: the store as a MultiDiGraph, counts and centrality for ``kg stats``,
an entity's neighbourhood (``kg neighbors``) and the shortest chain of facts between two entities (``kg path``).

    >>> import kg
    >>> with kg.open_store("out/demo-store") as store:                     # doctest: +SKIP
    ...     graph = kg.to_networkx(store, relations=["investsIn", "partnersWith"])
    >>> [step["predicate"] for step in shortest_path(graph, "Mistral AI", "OpenAI")]   # doctest: +SKIP
    ['partnersWith', 'investsIn']

Facts are links in either direction for neighbourhoods and paths (a path may go against a fact's direction;
each step still prints as stated). Negated facts are left out unless asked for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

import networkx as nx

from .errors import ConfigError, EntityError
from .query import facts, rows, saved_query
from .store import EmbeddedStore
from .vocab import local_name, relations as ontology_relations

MODALITY_RANK = {"asserted": 0, "reported": 1, "expected": 2, "negated": 3}


def to_networkx(store: EmbeddedStore, *, include_negated: bool = False, relations: Iterable[str] | None = None,
                min_confidence: float = 0.0) -> nx.MultiDiGraph:
    """Entities as nodes (``label``, ``type``, ``aliases``), one edge per fact (evidence and qualifiers).

    ``relations`` keeps only those relations (ontology local names); ``min_confidence`` drops weaker facts;
    negated facts are left out unless ``include_negated``. Every entity stays a node, linked or not.
    """
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
    wanted = set(relations) if relations is not None else None
    if wanted is not None and (unknown := wanted - set(ontology_relations())):
        raise ConfigError(f"unknown relation {sorted(unknown)[0]!r}; the ontology's relations are "
                          f"{', '.join(ontology_relations())}")
    info = ontology_relations()
    for fact in facts(store):
        if fact["modality"] == "negated" and not include_negated:
            continue
        if wanted is not None and fact["predicate"] not in wanted:
            continue
        if fact["confidence"] < min_confidence:
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


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node ``name`` designates: its IRI, else its label, else one of its aliases (case-insensitively).

    Raises ``EntityError`` when no entity or several entities bear that name.
    """
    if name in graph:
        return name
    wanted = name.strip().casefold()
    by_label = [node for node, data in graph.nodes(data=True) if data.get("label", "").casefold() == wanted]
    found = by_label or [node for node, data in graph.nodes(data=True)
                         if any(alias.casefold() == wanted for alias in data.get("aliases", ()))]
    if not found:
        raise EntityError(f"no entity named {name!r} (label or alias); `kg query entities` lists them")
    if len(found) > 1:
        listed = ", ".join(f"{graph.nodes[node]['label']} ({node})" for node in sorted(found)[:5])
        raise EntityError(f"{name!r} names {len(found)} entities: {listed}; give the IRI of one")
    return found[0]


def _describe(graph: nx.MultiDiGraph, node: str) -> dict:
    data = graph.nodes[node]
    return {"id": node, "label": data.get("label", node), "type": data.get("type", "Entity")}


def _fact(graph: nx.MultiDiGraph, subject: str, object_: str, data: dict) -> dict:
    return {"subject": graph.nodes[subject].get("label", subject), "predicate": data["predicate"],
            "object": graph.nodes[object_].get("label", object_), "subject_id": subject, "object_id": object_,
            **{key: data.get(key) for key in ("sentence", "article", "article_id", "confidence", "modality",
                                              "attribution", "amount", "currency")}}


def _links(graph: nx.MultiDiGraph, a: str, b: str) -> list[dict]:
    """Every fact between ``a`` and ``b``, in either direction, strongest first."""
    found = [_fact(graph, a, b, data) for data in (graph.get_edge_data(a, b) or {}).values()]
    if a != b:
        found += [_fact(graph, b, a, data) for data in (graph.get_edge_data(b, a) or {}).values()]
    return sorted(found, key=lambda f: (MODALITY_RANK.get(f["modality"], 9), -(f["confidence"] or 0),
                                       f["subject"], f["predicate"], f["object"]))


def neighbors(graph: nx.MultiDiGraph, name: str, *, hops: int = 1) -> dict:
    """The entities within ``hops`` facts of ``name``, nearest first.

    Returns ``{"entity": {...}, "neighbors": [{"id", "label", "type", "hops", "links"}]}`` where ``links``
    are the distinct facts (``subject``, ``predicate``, ``object``, ``count``) joining a neighbour to the
    entities one hop closer.
    """
    if hops < 1:
        raise EntityError("--hops must be at least 1")
    source = find_entity(graph, name)
    distance = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), source, cutoff=hops)
    closer: dict[int, list[str]] = defaultdict(list)
    for node, hop in distance.items():
        closer[hop].append(node)
    found = []
    for node, hop in distance.items():
        if node == source:
            continue
        counted = Counter()
        for previous in closer[hop - 1]:
            for link in _links(graph, previous, node):
                counted[(link["subject"], link["predicate"], link["object"])] += 1
        links = [{"subject": s, "predicate": p, "object": o, "count": n} for (s, p, o), n in sorted(counted.items())]
        found.append({**_describe(graph, node), "hops": hop, "links": links})
    found.sort(key=lambda item: (item["hops"], item["label"].casefold(), item["id"]))
    return {"entity": _describe(graph, source), "neighbors": found}


def shortest_path(graph: nx.MultiDiGraph, start: str, end: str) -> list[dict]:
    """The shortest chain of facts from ``start`` to ``end`` (names, aliases or IRIs), one fact per step.

    Each step is the strongest fact between two consecutive entities (asserted before reported or expected,
    then by confidence), with its ``sentence`` and ``article``, and ``others``: how many more facts link them.
    Raises ``EntityError`` if either name is unknown or no chain of facts joins them.
    """
    source, target = find_entity(graph, start), find_entity(graph, end)
    if source == target:
        raise EntityError(f"{start!r} and {end!r} are the same entity")
    try:
        nodes = nx.shortest_path(graph.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        raise EntityError(f"no chain of facts links {graph.nodes[source]['label']!r} "
                          f"and {graph.nodes[target]['label']!r}") from None
    steps = []
    for a, b in zip(nodes, nodes[1:]):
        links = _links(graph, a, b)
        steps.append({**links[0], "others": len(links) - 1})
    return steps


def centrality(graph: nx.MultiDiGraph, *, top: int = 5, seed: int = 42) -> dict:
    """The most connected entities (degree: facts in and out), the highest PageRank (along fact
    direction, parallel facts adding weight), and Louvain communities (seeded, so stable from run to run)
    over the undirected graph weighted by the number of facts. Communities of one entity are left out."""
    if graph.number_of_edges() == 0:
        return {"degree": [], "pagerank": [], "communities": []}
    label = {node: data.get("label", node) for node, data in graph.nodes(data=True)}
    degree = dict(graph.degree())
    by_degree = sorted(degree, key=lambda node: (-degree[node], label[node].casefold(), node))[:top]
    rank = nx.pagerank(graph)
    by_rank = sorted(rank, key=lambda node: (-rank[node], label[node].casefold(), node))[:top]
    weighted = nx.Graph()
    weighted.add_nodes_from(graph)
    for a, b in graph.edges():
        if a != b:
            weight = weighted.get_edge_data(a, b, {"weight": 0})["weight"]
            weighted.add_edge(a, b, weight=weight + 1)
    communities = [sorted(group, key=lambda node: (-degree[node], label[node].casefold(), node))
                   for group in nx.community.louvain_communities(weighted, weight="weight", seed=seed)
                   if len(group) > 1]
    communities.sort(key=lambda group: (-len(group), label[group[0]].casefold()))
    return {
        "degree": [{**_describe(graph, node), "degree": degree[node]} for node in by_degree],
        "pagerank": [{**_describe(graph, node), "pagerank": rank[node]} for node in by_rank],
        "communities": [[_describe(graph, node) for node in group] for group in communities],
    }


def stats(store: EmbeddedStore, *, top: int | None = None, seed: int = 42) -> dict:
    """``{"articles": n, "entities": {type: n}, "facts": {relation: n}}``; with ``top``, also the
    ``degree``, ``pagerank`` and ``communities`` of :func:`centrality` over the non-negated facts."""
    result = {"articles": 0, "entities": {}, "facts": {}}
    for row in rows(store, saved_query("stats")):
        if row["kind"] == "articles":
            result["articles"] = row["count"]
        else:
            result[row["kind"]][row["name"]] = row["count"]
    if top:
        result.update(centrality(to_networkx(store), top=top, seed=seed))
    return result
