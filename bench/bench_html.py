"""Benchmark the HTML network view against pyvis' defaults.

For each size (nodes) it builds a synthetic news graph (~1.5 facts per node, French names, sentences,
articles, qualifiers), writes it twice — with ``kg.viz.write_html`` and with a plain pyvis
``Network`` (physics on, its default options, ``cdn_resources="in_line"``) — and measures, in headless
Chromium, the time from navigation until the network is stable and a click on a node selects it.

    python bench/bench_html.py                      # 100, 1000 and 5000 nodes
    python bench/bench_html.py --sizes 100 1000     # fewer sizes

Network access is blocked during the measurement (pyvis' template also asks a CDN for Bootstrap; the
request is aborted at once so that it does not count against the baseline).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.viz import write_html  # noqa: E402
from kg.viz.browser import launch  # noqa: E402

BASE = "https://kg.example.org/id/"
TYPES = [  # (type, share)
    ("Organization", 0.34), ("Person", 0.30), ("Place", 0.12), ("Product", 0.08), ("Law", 0.04),
    ("Role", 0.03), ("Event", 0.04), ("Money", 0.02), ("Thing", 0.03),
]
PREDICATES = {  # predicate: (en, fr)
    "investsIn": ("invests in", "investit dans"), "partnersWith": ("partners with", "est partenaire de"),
    "acquires": ("acquires", "acquiert"), "acquiresStakeIn": ("acquires a stake in", "prend une participation dans"),
    "subsidiaryOf": ("subsidiary of", "filiale de"), "develops": ("develops", "développe"),
    "competesWith": ("competes with", "concurrence"), "worksFor": ("works for", "travaille pour"),
    "leads": ("leads", "dirige"), "basedIn": ("based in", "basé à"), "regulates": ("regulates", "régule"),
    "criticizes": ("criticizes", "critique"), "supports": ("supports", "soutient"),
    "investigates": ("investigates", "enquête sur"),
}
FIRST = "Marie Jean Pierre Sophie Luc Claire Paul Anne Louis Camille Hugo Léa Nicolas Julie Thomas Inès".split()
LAST = "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Roux".split()
SYLLABLES = "ka lo mi ra ven tis ar no pel qua dri sol fen zor bel tec".split()
PLACES = "Paris Lyon Marseille Bruxelles Berlin Madrid Lille Nantes Toulouse Genève Milan Anvers".split()


def _name(rng: random.Random, entity_type: str, index: int) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    if entity_type == "Person":
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}-{word}"
    if entity_type == "Organization":
        return rng.choice(["Groupe {}", "{} SA", "{} Technologies", "Banque {}", "{} & Associés"]).format(word)
    if entity_type == "Place":
        return f"{rng.choice(PLACES)}-{word}"
    if entity_type == "Money":
        return f"{index % 900 + 1} millions d'euros"
    return f"{word} {index}"


def synthetic_graph(n_nodes: int, *, seed: int = 7, facts_per_node: float = 1.5) -> nx.MultiDiGraph:
    """A news-like graph: topical clusters, hubs (preferential attachment), realistic fact attributes."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    kinds, weights = zip(*TYPES)
    topics: list[list[str]] = [[] for _ in range(max(1, n_nodes // 80))]
    for index in range(n_nodes):
        entity_type = rng.choices(kinds, weights)[0]
        label = _name(rng, entity_type, index)
        iri = f"{BASE}{index}"
        aliases = [label.split()[0].upper()[:4]] if rng.random() < 0.2 else []
        graph.add_node(iri, label=label, type=entity_type, aliases=aliases)
        topics[min(len(topics) - 1, int(rng.paretovariate(1.2)) - 1) if rng.random() < 0.3 else rng.randrange(len(topics))].append(iri)
    topics = [members for members in topics if members]
    degree = {iri: 1 for iri in graph}
    articles = [
        (f"art{a}", f"Article {a} : {rng.choice(['Fusion', 'Enquête', 'Rachat', 'Partenariat'])} dans le secteur",
         f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"https://actu.example.fr/{a}")
        for a in range(max(1, n_nodes // 4))
    ]
    predicates = sorted(PREDICATES)
    for fact in range(int(n_nodes * facts_per_node)):
        members = rng.choice(topics) if rng.random() < 0.9 else list(graph)
        # half preferential attachment (hubs), half uniform (few isolated entities)
        subject, obj = (rng.choices(members, [degree[m] for m in members])[0] if rng.random() < 0.5
                        else rng.choice(members) for _ in range(2))
        if subject == obj:
            obj = rng.choice(list(graph))
            if obj == subject:
                continue
        degree[subject] += 1
        degree[obj] += 1
        predicate = rng.choice(predicates)
        en, fr = PREDICATES[predicate]
        article_id, title, date, url = rng.choice(articles)
        modality = rng.choices(["asserted", "reported", "expected", "negated"], [75, 12, 8, 5])[0]
        amount = round(rng.uniform(1, 900), 1) if predicate in ("investsIn", "acquires") and rng.random() < 0.5 else None
        subject_label, object_label = graph.nodes[subject]["label"], graph.nodes[obj]["label"]
        sentence = (f"Selon nos informations, {subject_label} {fr} {object_label}"
                    f"{f' pour {amount} millions d’euros' if amount else ''}, une opération suivie de près "
                    f"par les analystes du secteur.")
        graph.add_edge(
            subject, obj, key=f"{BASE}fact/{fact}", predicate=predicate, labels={"en": en, "fr": fr},
            sentence=sentence, article=title, article_id=article_id, date=date, url=url,
            confidence=round(rng.uniform(0.35, 0.99), 2), modality=modality,
            attribution=rng.choice([None, None, "l'AFP", "Reuters"]) if modality == "reported" else None,
            amount=amount * 1e6 if amount else None, currency="EUR" if amount else None,
            time=date if rng.random() < 0.3 else None,
        )
    return graph


def write_pyvis_default(graph: nx.MultiDiGraph, path: Path) -> None:
    """The baseline: pyvis' defaults (physics on, its own template) with inline resources."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")  # directed: no O(E²) duplicate check
    simple = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        simple.add_node(node, label=data["label"])
    for subject, obj, data in graph.edges(data=True):
        simple.add_edge(subject, obj, label=data["labels"]["fr"])
    net.from_nx(simple)
    path.write_text(net.generate_html(), encoding="utf-8")


# Hooks the page's network object (``window.network`` in pyvis' page, ``window.kgView.network`` in ours)
# and records when it is stable: physics stabilised, or physics off and drawn once.
HOOK = """
(() => {
  window.__stable = null;
  const watch = (network) => {
    if (!network || network.__watched) return;
    network.__watched = true;
    const done = () => { if (window.__stable === null) window.__stable = performance.now(); };
    network.on("stabilized", done);
  };
  let value;
  Object.defineProperty(window, "network", {configurable: true,
    get() { return value; }, set(v) { value = v; watch(v); }});
  document.addEventListener("kg:ready", () => { if (window.__stable === null) window.__stable = performance.now(); });
})();
"""

CLICK_CHECK = """
() => {
  // a visible node, inside the canvas, that nothing covers: the biggest such
  const network = window.kgView ? window.kgView.network : window.network;
  const box = network.body.container.getBoundingClientRect();
  const ids = network.body.nodeIndices.filter((id) => !network.body.nodes[id].options.hidden)
    .sort((a, b) => network.body.nodes[b].options.size - network.body.nodes[a].options.size);
  for (const id of ids) {
    const pos = network.canvasToDOM(network.getPositions([id])[id]);
    if (pos.x < 5 || pos.y < 5 || pos.x > box.width - 5 || pos.y > box.height - 5) continue;
    if (network.getNodeAt(pos) === id) return {id: id, x: box.left + pos.x, y: box.top + pos.y};
  }
  throw new Error("no clickable node");
}
"""


# A click on an entity selects it; in kg's overview, a click on a group's bubble opens the group.
RESPONDED = """
(id) => {
  if (!window.kgView) return window.network.getSelectedNodes().includes(id);
  const node = kgView.nodes.get(id);
  return kgView.network.getSelectedNodes().includes(id) || (node.meta === true && node.hidden === true);
}
"""


def _poll(page, expression: str, deadline: float, arg=None) -> bool:  # noqa: ANN001
    """Wait until ``expression`` is true. (``page.wait_for_function`` evaluates a string, which the kg
    page's Content-Security-Policy forbids; ``page.evaluate`` is not subject to it.)"""
    while time.perf_counter() < deadline:
        if page.evaluate(expression, arg):
            return True
        time.sleep(0.05)
    return False


def time_to_interactive(page, path: Path, cap: float) -> float | None:  # noqa: ANN001
    """Seconds from navigation until the network is stable and a click on a node selects it."""
    start = time.perf_counter()
    deadline = start + cap
    page.goto(path.as_uri(), wait_until="load", timeout=cap * 1000)
    if not _poll(page, "() => window.__stable !== null", deadline):
        return None
    target = page.evaluate(CLICK_CHECK)
    page.mouse.click(target["x"], target["y"])
    if not _poll(page, RESPONDED, deadline + 30, target["id"]):
        raise RuntimeError(f"a click on node {target['id']!r} did not select it in {path.name}")
    return time.perf_counter() - start


def measure(html: Path, cap: float) -> float | None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
            page.add_init_script(HOOK)
            return time_to_interactive(page, html, cap)
        finally:
            browser.close()


def _seconds(value: float | None, cap: float) -> str:
    return f">{cap:.0f} s" if value is None else f"{value:.2f} s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--cap", type=float, default=180.0, help="longest wait for a page, in seconds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for size in args.sizes:
            graph = synthetic_graph(size)
            ours, baseline = Path(tmp, f"kg-{size}.html"), Path(tmp, f"pyvis-{size}.html")
            started, cpu = time.perf_counter(), time.process_time()
            summary = write_html(graph, ours, title=f"bench {size}")
            export, export_cpu = time.perf_counter() - started, time.process_time() - cpu
            started = time.perf_counter()
            write_pyvis_default(graph, baseline)
            baseline_export = time.perf_counter() - started
            print(f"== {size} nodes, {graph.number_of_edges()} facts")
            ours_ready = measure(ours, args.cap)
            print(f"kg      html {os.path.getsize(ours) / 1e6:6.2f} MB  export {export:6.2f} s (cpu {export_cpu:.2f} s)  "
                  f"interactive {_seconds(ours_ready, args.cap)}  "
                  f"(layout {summary['layout']}, mode {summary['mode']}, {summary['nodes']} nodes, {summary['edges']} edges)")
            base_ready = measure(baseline, args.cap)
            print(f"pyvis   html {os.path.getsize(baseline) / 1e6:6.2f} MB  export {baseline_export:6.2f} s               "
                  f"interactive {_seconds(base_ready, args.cap)}")
            if ours_ready is None:
                ratio = "n/a"
            else:
                ratio = f"{(base_ready if base_ready is not None else args.cap) / ours_ready:.1f}x"
                ratio = (">" if base_ready is None else "") + ratio
            print(f"interactive-speedup: {ratio}", flush=True)


if __name__ == "__main__":
    main()
