"""Node positions computed once in Python. Big views use them as they are (physics off in the browser);
small views start vis' physics from them, which then settles in a fraction of the time.

A force layout of the whole graph is too slow at 5,000 nodes (networkx's solver for ≥ 500 nodes also needs
scipy, which kg does not depend on), so the layout is hierarchical:

1. Louvain communities (seeded) of the graph taken as undirected, one link per fact;
2. each community laid out on its own with ``spring_layout`` (small, dense, fast), scaled so that nodes are
   about SPACING from their nearest neighbour, then nudged until no two nodes (drawn at their size)
   overlap — a community too big for that is split again, or put on a sunflower spiral;
3. the communities of one connected part placed by a spring layout of the community graph, then pushed
   apart until no two discs overlap;
4. the connected parts packed in rows, biggest first.

Everything iterates in sorted order and every random choice is seeded, so the same graph always gets the
same coordinates, whatever its insertion order or Python's hash seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np

SEED = 42
DENSE_MAX = 400  # spring_layout's numpy solver is O(n²) per step; at 500 nodes networkx switches to scipy
SPACING = 60.0  # canvas pixels between neighbouring nodes, roughly
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass
class Disc:
    """Nodes positioned around (0, 0), all within ``radius``."""

    nodes: list
    xy: np.ndarray  # shape (len(nodes), 2)
    radius: float


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The graph as undirected and simple, ``weight`` = number of facts between the two entities.

    Built in sorted order: networkx's algorithms follow adjacency order, so this makes them deterministic.
    """
    weights: dict[tuple, int] = {}
    for u, v in graph.edges():
        if u != v:
            pair = (u, v) if str(u) <= str(v) else (v, u)
            weights[pair] = weights.get(pair, 0) + 1
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph, key=str))
    for (u, v), weight in sorted(weights.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        simple.add_edge(u, v, weight=weight)
    return simple


def _induced(graph: nx.Graph, nodes: list) -> nx.Graph:
    """An induced subgraph in the order of ``nodes`` (``Graph.subgraph`` iterates a set: hash-seed order)."""
    members = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    for u in nodes:
        for v, data in graph.adj[u].items():
            if v in members and str(u) < str(v):
                sub.add_edge(u, v, weight=data.get("weight", 1))
    return sub


def communities(graph: nx.Graph, *, resolution: float = 1.0) -> list[list]:
    """Louvain communities of an undirected graph, biggest first, each sorted."""
    if graph.number_of_nodes() == 0:
        return []
    # isolated entities are communities of their own: leaving them out makes Louvain quicker
    linked = [node for node in graph if graph.degree(node)]
    found = [[node] for node in graph if not graph.degree(node)]
    if linked:
        found += nx.community.louvain_communities(_induced(graph, linked), weight="weight",
                                                  resolution=resolution, seed=SEED)
    return sorted((sorted(c, key=str) for c in found), key=lambda c: (-len(c), str(c[0])))


def _sunflower(nodes: list) -> Disc:
    """Nodes on a phyllotaxis spiral, first node in the middle: even spacing for any number of nodes."""
    i = np.arange(len(nodes))
    r = SPACING * 0.55 * np.sqrt(i + 0.5)
    xy = np.column_stack([r * np.cos(i * GOLDEN_ANGLE), r * np.sin(i * GOLDEN_ANGLE)])
    return Disc(nodes, xy, float(r.max()) + SPACING / 2)


def _spring(graph: nx.Graph, sizes: dict) -> Disc:
    nodes = list(graph)
    count = len(nodes)
    if count == 1:
        return Disc(nodes, np.zeros((1, 2)), max(SPACING / 2, sizes.get(nodes[0], 0.0) + SPACING / 4))
    if count == 2:
        xy = np.array([[-SPACING, 0.0], [SPACING, 0.0]])
    else:
        pos = nx.spring_layout(graph, seed=SEED, iterations=50 if count <= 40 else 15, method="force")
        xy = np.array([pos[node] for node in nodes], dtype=float)
        xy -= xy.mean(axis=0)
        # scale so that a typical node is SPACING away from its nearest neighbour
        gaps = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=-1))
        np.fill_diagonal(gaps, np.inf)
        xy *= SPACING / (float(np.median(gaps.min(axis=1))) or 1.0)
    # big nodes (hubs) must not cover their neighbours, nor the edges between them
    radii = np.array([sizes.get(node, 10.0) for node in nodes]) + 4.0
    _separate(xy, radii, gap=SPACING / 6, rounds=30)
    return Disc(nodes, xy, float((np.linalg.norm(xy, axis=1) + radii).max()) + SPACING / 4)


def _lay_out(graph: nx.Graph, sizes: dict, depth: int = 0) -> Disc:
    """One community (connected or not) as a disc."""
    if len(graph) <= DENSE_MAX:
        return _spring(graph, sizes)
    if depth < 3:
        parts = communities(graph, resolution=2.0 ** (depth + 1))
        if len(parts) > 1:
            return _arrange([_lay_out(_induced(graph, part), sizes, depth + 1) for part in parts], graph, parts)
    # One indivisible blob (a star, say): hubs in the middle, neighbours next to each other.
    start = max(graph, key=lambda node: (graph.degree(node), str(node)))
    order = [start] + [v for _, v in nx.bfs_edges(graph, start, sort_neighbors=lambda ns: sorted(ns, key=str))]
    seen = set(order)
    order += [node for node in graph if node not in seen]
    return _sunflower(order)


def _arrange(discs: list[Disc], graph: nx.Graph, parts: list[list]) -> Disc:
    """Discs placed by a spring layout of the graph between them, then separated; as one disc."""
    if len(discs) == 1:
        return discs[0]
    if len(discs) > DENSE_MAX:
        return _pack(discs)
    member = {node: i for i, part in enumerate(parts) for node in part}
    between = nx.Graph()
    between.add_nodes_from(range(len(parts)))
    links: dict[tuple[int, int], float] = {}
    for u, v, weight in graph.edges(data="weight", default=1):
        a, b = sorted((member[u], member[v]))
        if a != b:
            links[(a, b)] = links.get((a, b), 0) + weight
    for (a, b), weight in sorted(links.items()):
        between.add_edge(a, b, weight=weight)
    pos = nx.spring_layout(between, seed=SEED, iterations=100, method="force")
    centers = np.array([pos[i] for i in range(len(parts))], dtype=float)
    radii = np.array([disc.radius for disc in discs])
    centers -= centers.mean(axis=0)
    reach = float(np.linalg.norm(centers, axis=1).max()) or 1.0
    centers *= math.sqrt(2.0 * float((radii**2).sum())) / reach
    _separate(centers, radii)
    return _merge(discs, centers)


def _separate(centers: np.ndarray, radii: np.ndarray, *, gap: float = SPACING / 3, rounds: int = 200) -> None:
    """Push overlapping discs apart, in place (each overlap shared half and half)."""
    count = len(centers)
    if count < 2:
        return
    need = radii[:, None] + radii[None, :] + gap
    np.fill_diagonal(need, 0.0)
    # centres that coincide are pushed along a fixed spread of directions
    angle = np.arange(count) * GOLDEN_ANGLE
    spread_x, spread_y = np.cos(angle), np.sin(angle)
    for _ in range(rounds):
        dx = centers[:, 0, None] - centers[None, :, 0]
        dy = centers[:, 1, None] - centers[None, :, 1]
        distance = np.sqrt(dx * dx + dy * dy)
        overlap = need - distance
        np.maximum(overlap, 0.0, out=overlap)
        if overlap.max() < 0.5:
            return
        coincide = distance < 1e-9
        if coincide.any():
            dx = np.where(coincide, spread_x[:, None], dx)
            dy = np.where(coincide, spread_y[:, None], dy)
            distance = np.where(coincide, 1.0, distance)
        share = overlap / distance / (2.0 * np.maximum(1, (overlap > 0).sum(axis=1)))[:, None]
        centers[:, 0] += (dx * share).sum(axis=1)
        centers[:, 1] += (dy * share).sum(axis=1)


def _merge(discs: list[Disc], centers: np.ndarray) -> Disc:
    radii = np.array([disc.radius for disc in discs])
    middle = (centers * (radii[:, None] ** 2)).sum(axis=0) / float((radii**2).sum())
    centers = centers - middle
    nodes = [node for disc in discs for node in disc.nodes]
    xy = np.concatenate([disc.xy + center for disc, center in zip(discs, centers)])
    radius = float((np.linalg.norm(centers, axis=1) + radii).max())
    return Disc(nodes, xy, radius)


def _pack(discs: list[Disc]) -> Disc:
    """Discs in rows, biggest first (shelf packing): quick and compact for thousands of small parts."""
    order = sorted(range(len(discs)), key=lambda i: -discs[i].radius)
    width = max(2 * discs[order[0]].radius, math.sqrt(sum((2 * d.radius) ** 2 for d in discs)) * 1.1)
    centers = np.zeros((len(discs), 2))
    x = y = row_height = 0.0
    for i in order:
        diameter = 2 * discs[i].radius
        if x > 0 and x + diameter > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        centers[i] = (x + diameter / 2, y + diameter / 2)
        x += diameter
        row_height = max(row_height, diameter)
    centers -= (centers.min(axis=0) + centers.max(axis=0)) / 2
    nodes = [node for disc in discs for node in disc.nodes]
    xy = np.concatenate([disc.xy + center for disc, center in zip(discs, centers)])
    radius = float((np.linalg.norm(centers, axis=1) + np.array([d.radius for d in discs])).max())
    return Disc(nodes, xy, radius)


def precomputed_layout(graph: nx.Graph, parts: list[list], sizes: dict | None = None) -> dict:
    """Canvas coordinates ``{node: (x, y)}`` for an undirected graph and its communities ``parts``;
    ``sizes`` are the nodes' drawn radii (pixels), kept from overlapping."""
    if not parts:
        return {}
    sizes = sizes or {}
    discs = [_lay_out(_induced(graph, part), sizes) for part in parts]
    member = {node: i for i, part in enumerate(parts) for node in part}
    # communities linked by facts form one connected block
    joined = nx.Graph()
    joined.add_nodes_from(range(len(parts)))
    joined.add_edges_from(sorted({tuple(sorted((member[u], member[v]))) for u, v in graph.edges()}))
    blocks = sorted((sorted(block) for block in nx.connected_components(joined)), key=lambda b: (-len(b), b))
    placed = []
    for block in blocks:
        if len(block) == 1:
            placed.append(discs[block[0]])
            continue
        block_nodes = [node for i in block for node in parts[i]]
        placed.append(_arrange([discs[i] for i in block], _induced(graph, block_nodes), [parts[i] for i in block]))
    final = _pack(placed)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(final.nodes, final.xy)}
