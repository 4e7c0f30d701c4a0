"""The self-contained HTML page: a pyvis network, its data as escaped JSON, and the page's own script.

Safety model: every string from the graph is article text and may be hostile. It reaches the page only
inside ``<script type="application/json">`` blocks, with ``<``, ``>``, ``&``, U+2028 and U+2029 written
as ``\\u`` escapes, and the page's script puts it in the DOM with ``textContent`` alone. pyvis' own
template is not used: it has no autoescaping, turns tooltips containing "href" into ``innerHTML`` and
loads Bootstrap from a CDN. A Content-Security-Policy admits only the page's two scripts (by hash) and
forbids every network request, so a mistake elsewhere still could not run an injected script or leak.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from kg.errors import ConfigError, KGError
from kg.viz import layout as layouts
from kg.viz.records import canvas_label, node_record, script_json, text, visual_edges
from kg.viz.select import pagerank, subgraph_for_view

PHYSICS_MAX_NODES = 300  # above: precomputed layout, physics off (vis' physics takes minutes at ~1,500)
OVERVIEW_MIN_NODES = 2000  # above: communities collapsed into meta-nodes that expand on click
COLLAPSE_MIN_MEMBERS = 3  # smaller communities stay expanded in the overview
TYPES = {  # type: (colour, vis shape, {lang: name}), one per records.ENTITY_TYPES
    "Organization": ("#4e79a7", "square", {"en": "organization", "fr": "organisation"}),
    "Person": ("#f28e2b", "dot", {"en": "person", "fr": "personne"}),
    "Place": ("#59a14f", "triangle", {"en": "place", "fr": "lieu"}),
    "Product": ("#b07aa1", "diamond", {"en": "product", "fr": "produit"}),
    "Law": ("#9c755f", "triangleDown", {"en": "law", "fr": "loi"}),
    "Role": ("#76b7b2", "dot", {"en": "role", "fr": "fonction"}),
    "Event": ("#e15759", "star", {"en": "event", "fr": "événement"}),
    "Money": ("#d4a82a", "hexagon", {"en": "amount of money", "fr": "montant"}),
    "Thing": ("#8c8c8c", "dot", {"en": "thing", "fr": "chose"}),
}
EDGE_COLOUR = "#52606d"
NEGATED_COLOUR = "#a6a6a6"

_ASSETS = resources.files("kg.viz") / "assets"


# --------------------------------------------------------------------------------------------- assets

@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8").replace("\r\n", "\n")


@lru_cache(maxsize=1)
def _vis_network_js() -> str:
    """The vis-network build that ships inside pyvis (the one its ``cdn_resources="in_line"`` uses)."""
    import pyvis

    path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    source = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"</script|<!--", source, re.IGNORECASE):
        raise KGError(f"{path} cannot be inlined in a <script> element")
    return source


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


# ---------------------------------------------------------------------------------------------- pyvis

class _NodeIds(list):
    """pyvis checks ``id in network.node_ids`` (a list) for every node and both ends of every edge:
    quadratic at 5,000 nodes. A list that answers ``in`` from a set keeps pyvis' API and makes it O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def append(self, item) -> None:  # noqa: ANN001 - pyvis' signature
        super().append(item)
        self._members.add(item)

    def __contains__(self, item) -> bool:  # noqa: ANN001
        return item in self._members


def _darker(colour: str, factor: float = 0.7) -> str:
    r, g, b = (int(colour[i: i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _options(physics: bool, large: bool) -> dict:
    options = {
        "autoResize": True,
        "layout": {"randomSeed": layouts.SEED, "improvedLayout": not large},
        "interaction": {"hover": True, "tooltipDelay": 400, "navigationButtons": False, "keyboard": False,
                        "hideEdgesOnDrag": large, "hideEdgesOnZoom": large, "multiselect": False},
        "nodes": {"borderWidth": 1.5, "font": {"size": 14, "color": "#1f2933", "strokeWidth": 3,
                                               "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "selectionWidth": 2,
                  "color": {"inherit": False, "color": EDGE_COLOUR, "highlight": "#1f2933", "hover": "#1f2933"},
                  "font": {"size": 11, "align": "middle", "color": "#3e4c59", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3} if physics
                  else {"enabled": False}},
        "physics": {"enabled": False},
        # one vis group per entity type: colour and shape are said once, not on each of 5,000 nodes
        "groups": {name: {"shape": shape, "color": {"background": colour, "border": _darker(colour),
                                                    "highlight": {"background": colour, "border": "#111111"},
                                                    "hover": {"background": colour, "border": "#111111"}}}
                   for name, (colour, shape, _) in TYPES.items()},
    }
    if physics:
        options["physics"] = {
            "enabled": True, "solver": "forceAtlas2Based", "minVelocity": 1.0,
            "forceAtlas2Based": {"gravitationalConstant": -80, "centralGravity": 0.01, "springLength": 140,
                                 "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 50, "fit": True},
        }
    return options


def _overview_groups(parts: list[list], positions: dict, ranks: dict, node_items: list[dict]) -> list[dict]:
    """The overview's meta-nodes: one per community of at least COLLAPSE_MIN_MEMBERS entities, and one
    for all the smaller ones together (isolated entities and pairs would otherwise fill the screen)."""
    groups: list[dict] = []
    small: list[str] = []
    item = {node["id"]: node for node in node_items}
    for part in parts:
        members = [text(node) for node in part]
        if len(members) < COLLAPSE_MIN_MEMBERS:
            small.extend(members)
        else:
            groups.append({"members": members, "lead": max(members, key=lambda m: (ranks.get(m, 0.0), m))})
    if small:
        groups.append({"members": small, "lead": None})
    result = []
    for index, group in enumerate(groups):
        members = group["members"]
        for member in members:
            item[member]["community"] = index
        xy = [positions[m] for m in members]
        cx, cy = sum(x for x, _ in xy) / len(xy), sum(y for _, y in xy) / len(xy)
        # the disc the members would fill (the small ones are spread over rows: not their extent)
        radius = layouts.SPACING * math.sqrt(len(members) / math.pi) * 1.15
        result.append({"index": index, "size": len(members), "lead": group["lead"], "collapsed": True,
                       "x": round(cx, 1), "y": round(cy, 1), "radius": round(max(radius, layouts.SPACING), 1)})
    return result


def _merge(base: dict, extra: dict) -> dict:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


# ----------------------------------------------------------------------------------------------- page

def write_html(graph: nx.MultiDiGraph, path: str | os.PathLike, *, lang: str = "fr", focus: str | None = None,
               hops: int = 1, relations: Sequence[str] | None = None, min_confidence: float = 0.0,
               max_nodes: int | None = None, title: str = "kg", mode: str = "auto", layout: str = "auto",
               article: str | None = None) -> dict:
    """Write an interactive, self-contained HTML view of ``graph`` to ``path``; return a summary.

    ``focus``/``hops``/``relations``/``min_confidence``/``max_nodes`` choose what is shown (see
    :func:`subgraph_for_view`). ``lang`` picks relation labels and the page's words. ``layout`` is
    ``"physics"`` (vis simulates, fine up to a few hundred nodes), ``"precomputed"`` (networkx positions,
    physics off) or ``"auto"``; ``mode`` is ``"full"``, ``"overview"`` (communities collapsed into
    meta-nodes that expand on click) or ``"auto"``.

    The summary: ``nodes`` (entities shown), ``edges`` (drawn edges; parallel facts share one), ``facts``,
    ``bytes`` (size of the page), ``layout`` and ``mode`` as chosen.

    >>> write_html(graph, "view.html", focus="Mistral AI", hops=2)["layout"]
    'physics'
    """
    if mode not in ("auto", "full", "overview"):
        raise ConfigError(f"mode must be auto, full or overview, not {mode!r}")
    if layout not in ("auto", "physics", "precomputed"):
        raise ConfigError(f"layout must be auto, physics or precomputed, not {layout!r}")
    if not isinstance(graph, nx.MultiDiGraph):
        raise ConfigError(f"write_html needs a networkx MultiDiGraph, not {type(graph).__name__}")
    lang = text(lang).strip().lower() or "fr"

    view = subgraph_for_view(graph, focus=focus, hops=hops, relations=relations, article=article,
                             min_confidence=min_confidence, max_nodes=max_nodes)
    records = sorted((node_record(node, data) for node, data in view.nodes(data=True)), key=lambda r: r["id"])
    count = len(records)
    if mode == "auto":
        mode = "overview" if count > OVERVIEW_MIN_NODES else "full"
    if layout == "auto":
        layout = "precomputed" if count > PHYSICS_MAX_NODES or mode == "overview" else "physics"
    if mode == "overview" and layout == "physics":
        raise ConfigError("the overview mode needs the precomputed layout")

    ranks = {text(node): value for node, value in pagerank(view).items()}
    top = max(ranks.values(), default=1.0) or 1.0
    sizes = {node: round(10 + 26 * math.sqrt(rank / top), 1) for node, rank in ranks.items()}
    parts: list[list] = []
    positions: dict = {}
    if count:  # physics starts from these positions too: it settles far sooner than from random ones
        simple = layouts.undirected(view)
        parts = layouts.communities(simple)
        drawn = {node: sizes[text(node)] for node in simple}
        positions = {text(node): xy for node, xy in layouts.precomputed_layout(simple, parts, drawn).items()}

    edges, articles = visual_edges(view, lang)
    html = _render(records, edges, articles, ranks, sizes, positions, parts,
                            lang=lang, title=text(title), mode=mode, layout=layout,
                            focus=text(view.graph["focus"]) if "focus" in view.graph else None)
    data = html.encode("utf-8")
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise KGError(f"cannot write the HTML view to {path}: {error.strerror or error}") from error
    return {"nodes": count, "edges": len(edges), "facts": view.number_of_edges(), "bytes": len(data),
            "layout": layout, "mode": mode}


def _render(records: list[dict], edges: list[dict], articles: list[dict], ranks: dict, sizes: dict,
            positions: dict, parts: list[list], *, lang: str, title: str, mode: str, layout: str,
            focus: str | None) -> str:
    """The page, rendered through pyvis (its Network, options and bundled vis-network) with kg's template."""
    from pyvis.network import Network  # imported here: pyvis pulls in IPython

    physics = layout == "physics"
    large = not physics
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    net.node_ids = _NodeIds()
    net.toggle_physics(physics)
    pyvis_defaults = json.loads(net.options.to_json())
    net.options = _merge(pyvis_defaults, _options(physics, large))

    type_counts = Counter(r["type"] for r in records)
    for record in records:
        label = canvas_label(record["name"]) or " "
        extra: dict = {}  # only what differs from the defaults the page's script assumes
        if record["id"] in positions:
            extra["x"], extra["y"] = positions[record["id"]]
        if label != record["name"]:
            extra["name"] = record["name"]
        if record["aliases"]:
            extra["aliases"] = record["aliases"]
        net.add_node(record["id"], label=label, group=record["type"], shape=TYPES[record["type"]][1],
                     size=sizes[record["id"]], **extra)

    pair_total = Counter(frozenset((e["from"], e["to"])) for e in edges)
    pair_seen: Counter = Counter()
    edge_facts = []
    for i, edge in enumerate(edges):
        pair = frozenset((edge["from"], edge["to"]))
        options = {}
        if pair_total[pair] > 1 and edge["from"] != edge["to"]:
            # several drawn edges between the same two entities: curve them apart
            pair_seen[pair] += 1
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.12 + 0.14 * (pair_seen[pair] - 1)}
        n_facts = len(edge["facts"])
        # fainter when less sure; the page's script writes the label (relation, ¬, ×n) from these fields
        options["color"] = {"opacity": round(0.35 + 0.65 * edge["confidence"], 2)}
        if edge["negated"]:
            options["color"]["color"] = NEGATED_COLOUR
            options["negated"] = True
        if edge["dashed"]:
            options["dashes"] = [2, 5] if edge["negated"] else [7, 5]
        if n_facts > 1:
            options["width"] = round(1 + math.log2(n_facts), 2)
            options["factCount"] = n_facts
        net.add_edge(edge["from"], edge["to"], id=f"e{i}", predicate=edge["predicate"], relation=edge["relation"],
                     confidence=edge["confidence"], **options)
        edge_facts.append(edge["facts"])

    relation_counts: dict[str, list] = {}
    for edge in edges:
        entry = relation_counts.setdefault(edge["predicate"], [edge["relation"], 0])
        entry[1] += len(edge["facts"])
    groups = _overview_groups(parts, positions, ranks, net.nodes) if mode == "overview" else []
    kg_data = {
        "title": title, "lang": lang, "mode": mode, "layout": layout, "focus": focus,
        "types": [{"type": t, "label": TYPES[t][2].get(lang, TYPES[t][2]["en"]), "color": TYPES[t][0],
                   "shape": TYPES[t][1], "count": type_counts[t]} for t in TYPES if type_counts[t]],
        "relations": [{"predicate": p, "label": label, "count": n}
                      for p, (label, n) in sorted(relation_counts.items(), key=lambda i: (i[1][0].casefold(), i[0]))],
        "articles": articles, "facts": edge_facts, "communities": groups,
    }

    page_js, vis_js = _asset("page.js"), _vis_network_js()
    env = Environment(loader=FileSystemLoader(str(_ASSETS)), autoescape=True)
    env.filters["script_json"] = script_json
    env.filters["script_json_text"] = lambda s: script_json(json.loads(s))
    env.globals.update(
        kg_data=kg_data, page_title=title, page_lang=lang, page_css=Markup(_asset("page.css")),
        page_js=Markup(page_js), vis_js=Markup(vis_js),
        csp=f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'",
    )
    net.templateEnv = env
    net.path = "page.html"
    return net.generate_html()
