"""Choosing what a view shows: the focus entity, its neighbourhood, relation and confidence filters,
and the most central entities (PageRank) when the view must stay small."""

from __future__ import annotations

import difflib
import math
import unicodedata
from collections.abc import Iterable, Sequence

import networkx as nx
import numpy as np

from kg.errors import ConfigError


def _fold(text: object) -> str:
    """Case- and normalisation-insensitive form of a name, for matching."""
    return unicodedata.normalize("NFC", str(text)).casefold().strip()


def find_node(graph: nx.MultiDiGraph, query: str) -> str:
    """The node whose IRI, label or alias is ``query`` (case-insensitively).

    Several matches: an IRI beats a label, a label beats an alias, then the better connected entity wins
    (ties broken by IRI, so the answer never depends on the graph's order).
    """
    wanted = _fold(query)
    best: tuple | None = None
    for node, data in graph.nodes(data=True):
        if node == query:
            return node
        aliases = data.get("aliases") or ()
        if isinstance(aliases, str):
            aliases = (aliases,)
        if _fold(node) == wanted:
            rank = 0
        elif _fold(data.get("label", "")) == wanted:
            rank = 1
        elif any(_fold(alias) == wanted for alias in aliases):
            rank = 2
        else:
            continue
        candidate = (rank, -graph.degree(node), str(node))
        if best is None or candidate < best:
            best = candidate
    if best is not None:
        return next(node for node in graph if str(node) == best[2])
    labels = sorted({str(data.get("label", node)) for node, data in graph.nodes(data=True)})
    close = difflib.get_close_matches(str(query), labels, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise ConfigError(f"focus {query!r} matches no entity IRI, label or alias in the graph "
                      f"({graph.number_of_nodes()} entities){hint}")


def pagerank(graph: nx.Graph | nx.MultiDiGraph, *, alpha: float = 0.85, max_iter: int = 100,
             tol: float = 1e-10) -> dict:
    """PageRank over the graph taken as undirected, one link per fact.

    Undirected because an entity that *does* a lot (the subject of many facts) is as central to a news
    story as one that has a lot done to it. Computed with numpy: ``nx.pagerank`` needs scipy, which kg
    does not depend on.
    """
    nodes = list(graph)
    count = len(nodes)
    if count == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in graph.edges() if u != v]
    if not pairs:
        return {node: 1.0 / count for node in nodes}
    ends = np.array(pairs, dtype=np.int64)
    source = np.concatenate([ends[:, 0], ends[:, 1]])
    target = np.concatenate([ends[:, 1], ends[:, 0]])
    degree = np.bincount(source, minlength=count).astype(float)
    dangling = degree == 0
    rank = np.full(count, 1.0 / count)
    for _ in range(max_iter):
        spread = np.bincount(target, weights=rank[source] / degree[source], minlength=count)
        new = alpha * (spread + rank[dangling].sum() / count) + (1.0 - alpha) / count
        done = np.abs(new - rank).sum() < count * tol
        rank = new
        if done:
            break
    return {node: float(value) for node, value in zip(nodes, rank)}


def _relation_names(relations: str | Iterable[str] | None) -> list[str] | None:
    if relations is None:
        return None
    if isinstance(relations, str):
        relations = [relations]
    return [str(name) for name in relations]


def _matching_predicates(graph: nx.MultiDiGraph, relations: list[str]) -> set[str]:
    """Predicates of the graph named by ``relations`` (local names or labels, case-insensitively)."""
    wanted = {_fold(name) for name in relations}
    present: dict[str, set[str]] = {}
    for _, _, data in graph.edges(data=True):
        predicate = str(data.get("predicate", ""))
        names = present.setdefault(predicate, {_fold(predicate)})
        labels = data.get("labels")
        if isinstance(labels, dict):
            names.update(_fold(label) for label in labels.values())
    chosen = {predicate for predicate, names in present.items() if names & wanted}
    if not chosen and present:
        raise ConfigError(f"no fact in the graph has the relation {', '.join(map(repr, relations))}; "
                          f"relations present: {', '.join(sorted(present))}")
    return chosen


def _confidence(data: dict) -> float:
    try:
        value = float(data.get("confidence", 1.0))
    except (TypeError, ValueError):
        return 0.0
    return value if math.isfinite(value) else 0.0


def subgraph_for_view(graph: nx.MultiDiGraph, *, focus: str | None = None, hops: int = 1,
                      relations: Sequence[str] | None = None, min_confidence: float = 0.0,
                      max_nodes: int | None = None, article: str | None = None) -> nx.MultiDiGraph:
    """The part of ``graph`` a view shows, as a new graph (attributes copied).

    - ``relations``: keep only facts with these predicates (local names such as ``investsIn``, or labels).
    - ``min_confidence``: keep only facts at least this confident.
    - ``article``: keep only facts read from this article (its id, or a unique prefix of it).
      With any of these filters, entities left without any fact are dropped too.
    - ``focus`` (IRI, label or alias): keep the entities at most ``hops`` facts away from it.
      The matched node is stored as ``result.graph["focus"]``.
    - ``max_nodes``: keep that many of the most central entities (PageRank), always with the focus.

    >>> view = subgraph_for_view(graph, focus="Mistral AI", hops=2, relations=["investsIn"])
    """
    if isinstance(hops, bool) or not isinstance(hops, int) or hops < 0:
        raise ConfigError(f"hops must be a whole number ≥ 0, not {hops!r}")
    if not 0.0 <= float(min_confidence) <= 1.0:
        raise ConfigError(f"min_confidence must be between 0 and 1, not {min_confidence!r}")
    if max_nodes is not None and (isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1):
        raise ConfigError(f"max_nodes must be a whole number ≥ 1, not {max_nodes!r}")

    names = _relation_names(relations)
    predicates = _matching_predicates(graph, names) if names is not None else None
    kept_edges = [
        (u, v, key, data) for u, v, key, data in graph.edges(keys=True, data=True)
        if (predicates is None or str(data.get("predicate", "")) in predicates)
        and _confidence(data) >= min_confidence
        and (article is None or str(data.get("article_id") or "").startswith(article))
    ]
    if article is not None and not kept_edges:
        raise ConfigError(f"no facts from article {article!r}; `kg triples --format jsonl` shows article ids")
    if predicates is not None or min_confidence > 0 or article is not None:
        keep = {node for u, v, _, _ in kept_edges for node in (u, v)}
    else:
        keep = set(graph)

    center = find_node(graph, focus) if focus is not None else None
    if center is not None:
        neighbours: dict = {}
        for u, v, _, _ in kept_edges:
            neighbours.setdefault(u, []).append(v)
            neighbours.setdefault(v, []).append(u)
        reached, frontier = {center}, [center]
        for _ in range(hops):
            frontier = [n for node in frontier for n in neighbours.get(node, ()) if n not in reached]
            reached.update(frontier)
        keep = (keep & reached) | {center}

    if max_nodes is not None and len(keep) > max_nodes:
        ranked = pagerank(_build(graph, keep, kept_edges))
        order = sorted(ranked, key=lambda node: (-ranked[node], str(node)))
        chosen = set(order[:max_nodes])
        if center is not None and center not in chosen:
            chosen.discard(next(node for node in reversed(order[:max_nodes])))
            chosen.add(center)
        keep = chosen

    view = _build(graph, keep, kept_edges)
    if center is not None:
        view.graph["focus"] = center
    return view


def _build(graph: nx.MultiDiGraph, keep: set, edges: list) -> nx.MultiDiGraph:
    """A new graph with the kept nodes and facts, in the source graph's order (never a set's order)."""
    view = nx.MultiDiGraph()
    view.graph.update(graph.graph)
    view.add_nodes_from((node, dict(data)) for node, data in graph.nodes(data=True) if node in keep)
    view.add_edges_from((u, v, key, dict(data)) for u, v, key, data in edges if u in keep and v in keep)
    return view
