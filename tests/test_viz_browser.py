"""The HTML view in real (headless) Chromium: it loads offline without errors, shows every entity and
edge, search and filters work, and hostile article text executes nothing.

Uses Debian's Chromium through playwright's Python API; never ``playwright install``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import pytest

from kg.viz import screenshot, write_html
from kg.viz.browser import CHROMIUM_PATH, launch
from test_viz import BASE, ROOT, add_entity, add_fact, clustered

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

READY = "() => !!(window.kgView && window.kgView.ready)"
PWNED = "() => window.__pwned"


@pytest.fixture(scope="module")
def browser():
    if sync_playwright is None:
        pytest.skip("playwright is not installed (pip install playwright; the browser is Debian's chromium, "
                    "never `playwright install`)")
    if not Path(CHROMIUM_PATH).exists():
        pytest.skip(f"no Chromium at {CHROMIUM_PATH} (apt install chromium, or set KG_CHROMIUM)")
    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


class View:
    """One page of ours, with every JS error, console error and request it caused."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(self.url)
        self.wait(READY)

    def js(self, expression: str, arg=None):  # noqa: ANN001
        return self.page.evaluate(expression, arg)

    def wait(self, expression: str, arg=None, timeout: float = 60.0) -> None:  # noqa: ANN001
        """Poll ``expression`` (``page.wait_for_function`` evaluates a string: the page's CSP refuses it)."""
        deadline = time.monotonic() + timeout
        while not self.js(expression, arg):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}; errors: {self.errors}")
            time.sleep(0.05)

    def settle(self) -> None:
        """Let vis finish a focus/fit animation (400 ms) before reading positions."""
        self.page.wait_for_timeout(600)

    def node_point(self, node_id: str) -> tuple[float, float]:
        return tuple(self.js("""(id) => {
            const network = kgView.network;
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = network.body.container.getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node_id))

    def edge_point(self, edge_id: str) -> tuple[float, float]:
        """A point of the drawn edge (straight or curved) where a click hits the edge and no node."""
        return tuple(self.js("""(id) => {
            const network = kgView.network;
            const curve = network.body.edges[id].edgeType;
            const box = network.body.container.getBoundingClientRect();
            for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
                const p = network.canvasToDOM(curve.getPoint(t));
                if (network.getNodeAt(p) === undefined && network.getEdgeAt(p) === id) return [box.left + p.x, box.top + p.y];
            }
            throw new Error("no clickable point on edge " + id);
        }""", edge_id))

    def details(self) -> str:
        return self.js("() => document.getElementById('kg-details').textContent")

    def selected(self) -> list[str]:
        return self.js("() => kgView.network.getSelectedNodes()")

    def hidden_edges(self) -> dict[str, bool]:
        return dict(self.js("() => kgView.edges.get().filter(e => !e.meta).map(e => [e.id, !!e.hidden])"))

    def hidden_nodes(self) -> dict[str, bool]:
        return dict(self.js("() => kgView.nodes.get().filter(n => !n.meta).map(n => [n.id, !!n.hidden])"))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.requests == [self.url]
        assert self.js(PWNED) is None


@pytest.fixture
def news() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    msft = add_entity(g, "microsoft", "Microsoft", aliases=["MSFT"])
    mistral = add_entity(g, "mistral-ai", "Mistral AI", aliases=["Mistral"])
    mensch = add_entity(g, "arthur-mensch", "Arthur Mensch", "Person")
    paris = add_entity(g, "paris", "Paris", "Place")
    eu = add_entity(g, "ue", "Union européenne", aliases=["UE"])
    law = add_entity(g, "ai-act", "IA Act", "Law")
    add_fact(g, msft, "investsIn", mistral, 1, confidence=0.95, amount=15e6)
    add_fact(g, msft, "investsIn", mistral, 2, confidence=0.6, modality="reported")
    add_fact(g, msft, "partnersWith", mistral, 3, confidence=0.8)
    add_fact(g, mensch, "worksFor", mistral, 4, confidence=0.7)
    add_fact(g, mistral, "basedIn", paris, 5, confidence=0.4, modality="expected")
    add_fact(g, eu, "investsIn", law, 6, confidence=0.9)
    return g


def open_view(browser, graph, tmp_path, **options) -> tuple[View, dict]:
    path = tmp_path / "view.html"
    summary = write_html(graph, path, **options)
    return View(browser, path), summary


@pytest.mark.parametrize("layout, mode, size", [("physics", "full", 40), ("precomputed", "full", 350),
                                                ("precomputed", "overview", 350)])
def test_page_loads_offline_and_holds_every_entity_and_edge(browser, tmp_path, layout, mode, size):
    graph = clustered(size)
    view, summary = open_view(browser, graph, tmp_path, layout=layout, mode=mode)
    assert (summary["layout"], summary["mode"]) == (layout, mode)
    assert view.js("() => kgView.counts()") == {"nodes": graph.number_of_nodes(), "edges": summary["edges"]}
    assert len(view.hidden_nodes()) == graph.number_of_nodes()
    assert len(view.hidden_edges()) == summary["edges"]
    assert view.js("() => kgView.edges.get().filter(e => !e.meta).reduce((n, e) => n + e.factCount, 0)") \
        == graph.number_of_edges()
    if layout == "precomputed":
        assert view.js("() => kgView.network.physics.options.enabled") is False
    view.assert_clean()


def test_physics_stops_once_the_layout_has_settled(browser, tmp_path, news):
    view, _ = open_view(browser, news, tmp_path)
    assert view.js("() => kgView.network.physics.options.enabled") is False
    view.assert_clean()


def test_search_focuses_the_entity_by_alias(browser, tmp_path, news):
    view, _ = open_view(browser, news, tmp_path)
    view.page.fill("#kg-search", "msft")
    assert view.js("() => document.getElementById('kg-results').textContent").strip() == "Microsoft"
    view.page.press("#kg-search", "Enter")
    assert view.selected() == [BASE + "microsoft"]
    assert view.js("() => document.querySelector('#kg-details h2').textContent") == "Microsoft"
    view.page.fill("#kg-search", "paris")
    view.page.click("#kg-results button")
    assert view.selected() == [BASE + "paris"]
    view.page.fill("#kg-search", "nobody at all")
    assert view.js("() => document.getElementById('kg-results').textContent") in ("aucun résultat",)
    view.assert_clean()


def test_relation_filter_hides_exactly_those_edges(browser, tmp_path, news):
    view, _ = open_view(browser, news, tmp_path)
    predicate = dict(view.js("() => kgView.edges.get().map(e => [e.id, e.predicate])"))
    view.page.uncheck('#kg-relations input[data-predicate="investsIn"]')
    assert view.hidden_edges() == {edge: p == "investsIn" for edge, p in predicate.items()}
    nodes = view.hidden_nodes()  # entities left without a visible fact go too
    assert nodes[BASE + "ue"] and nodes[BASE + "ai-act"] and not nodes[BASE + "microsoft"]
    view.page.check('#kg-relations input[data-predicate="investsIn"]')
    assert not any(view.hidden_edges().values()) and not any(view.hidden_nodes().values())
    view.page.click("#kg-relations-none")
    assert all(view.hidden_edges().values()) and all(view.hidden_nodes().values())
    view.page.click("#kg-relations-all")
    assert not any(view.hidden_edges().values())
    view.assert_clean()


def test_type_and_confidence_filters(browser, tmp_path, news):
    view, _ = open_view(browser, news, tmp_path)
    view.page.uncheck('#kg-legend input[data-type="Person"]')
    nodes, edges = view.hidden_nodes(), view.hidden_edges()
    assert [n for n, hidden in nodes.items() if hidden] == [BASE + "arthur-mensch"]
    worksfor = view.js("() => kgView.edges.get({filter: e => e.predicate === 'worksFor'})[0].id")
    assert [e for e, hidden in edges.items() if hidden] == [worksfor]
    view.page.check('#kg-legend input[data-type="Person"]')
    view.page.fill("#kg-confidence", "0.85")
    view.wait("() => kgView.edges.get().some(e => e.hidden)")
    confidence = dict(view.js("() => kgView.edges.get().map(e => [e.id, e.confidence])"))
    assert view.hidden_edges() == {e: c < 0.85 for e, c in confidence.items()}
    view.assert_clean()


def test_clicking_shows_evidence_in_the_side_panel(browser, tmp_path, news):
    view, _ = open_view(browser, news, tmp_path, layout="precomputed", lang="en")
    view.page.mouse.click(*view.node_point(BASE + "paris"))
    assert view.selected() == [BASE + "paris"]
    assert view.details().startswith("Paris")
    edge = view.js("() => kgView.edges.get({filter: e => e.predicate === 'investsIn' && e.factCount === 2})[0].id")
    view.page.mouse.click(*view.edge_point(edge))
    assert view.js("() => kgView.network.getSelectedEdges()") == [edge]
    text = view.details()
    assert "invests in" in text and "Phrase 1." in text and "Phrase 2." in text
    assert "according to l'AFP" in text and "confidence 95 %" in text and "15,000,000 EUR" in text
    assert view.js("() => [...document.querySelectorAll('#kg-details a')].map(a => a.href)") \
        == ["https://news.example.fr/a1", "https://news.example.fr/a1"]
    view.assert_clean()


def test_focus_option_opens_on_the_entity(browser, tmp_path, news):
    view, _ = open_view(browser, news, tmp_path, focus="paris", hops=1)
    assert view.selected() == [BASE + "paris"]
    assert view.details().startswith("Paris")
    view.assert_clean()


def test_overview_groups_open_on_click_and_for_search(browser, tmp_path):
    graph = clustered(150)
    view, _ = open_view(browser, graph, tmp_path, mode="overview")
    assert all(view.hidden_nodes().values())  # every entity starts inside a closed group
    groups = view.js("() => kgView.nodes.get({filter: n => n.meta && !n.hidden}).map(n => [n.id, n.metaGroup])")
    assert len(groups) >= 3
    meta_id, index = groups[0]
    members = view.js("(c) => kgView.nodes.get({filter: n => !n.meta && n.community === c}).map(n => n.id)", index)
    view.page.mouse.click(*view.node_point(meta_id))
    view.settle()
    nodes = view.hidden_nodes()
    assert not any(nodes[m] for m in members)
    assert sum(not hidden for hidden in nodes.values()) == len(members)
    assert view.js("(id) => kgView.nodes.get(id).hidden", meta_id) is True
    other = next(n for n, hidden in nodes.items() if hidden)
    assert view.js("(id) => kgView.focusNode(id)", other)
    assert view.selected() == [other] and not view.hidden_nodes()[other]
    view.page.click("#kg-expand-all")
    assert not any(view.hidden_nodes().values())
    view.assert_clean()


SENTINEL = "window.__pwned=1"
PAYLOADS = {
    "name": f'<img src=x onerror="{SENTINEL}">',
    "alias": f"<script>{SENTINEL}</script>",
    "other": f"\"><svg onload='{SENTINEL}'> O'Brien & \"Fils\"",
    "sentence": f"</script><script>{SENTINEL}</script> « guillemets » \"doubles\" 'simples' "
                f"<img src=x onerror=\"{SENTINEL}\">\nligne 2",
    "title": f"<img src=x onerror={SENTINEL}>",
    "attribution": f"<b onmouseover={SENTINEL}>AFP</b>",
    "relation": f"<script>{SENTINEL}</script>",
}


def test_hostile_article_executes_nothing_and_shows_text_as_written(browser, tmp_path):
    g = nx.MultiDiGraph()
    evil = add_entity(g, "evil", PAYLOADS["name"], aliases=[PAYLOADS["alias"]])
    other = add_entity(g, "other", PAYLOADS["other"], "Person")
    third = add_entity(g, "third", "Tiers")
    g.add_edge(evil, other, key=f"{BASE}fact/x", predicate="investsIn",
               labels={"fr": PAYLOADS["relation"]}, sentence=PAYLOADS["sentence"], article=PAYLOADS["title"],
               article_id="a1", date="2024-01-01", url=f"javascript:{SENTINEL}", confidence=0.9,
               modality="reported", attribution=PAYLOADS["attribution"], amount=None, currency=None, time=None)
    add_fact(g, other, "partnersWith", third, 2)
    view, _ = open_view(browser, g, tmp_path, layout="precomputed")

    view.page.mouse.move(*view.node_point(evil))  # hover
    view.page.mouse.click(*view.node_point(evil))
    assert view.js("() => document.querySelector('#kg-details h2').textContent") == PAYLOADS["name"]
    assert PAYLOADS["alias"] in view.details()
    view.page.mouse.click(*view.node_point(other))
    assert view.js("() => document.querySelector('#kg-details h2').textContent") == PAYLOADS["other"]

    view.page.mouse.click(*view.edge_point("e0"))
    assert view.js("() => kgView.network.getSelectedEdges()") == ["e0"]
    assert view.js("() => document.querySelector('#kg-details .kg-sentence').textContent") == PAYLOADS["sentence"]
    text = view.details()
    for key in ("relation", "title", "attribution"):
        assert PAYLOADS[key] in text
    assert view.js("() => document.querySelectorAll('#kg-details a').length") == 0  # javascript: is no link

    view.page.fill("#kg-search", "<script>")
    assert view.js("() => document.getElementById('kg-results').textContent").strip() == PAYLOADS["name"]
    view.page.press("#kg-search", "Enter")
    assert view.selected() == [evil]

    assert view.js("() => document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert view.js("() => document.scripts.length") == 6  # four JSON blocks and two scripts, none injected
    view.assert_clean()


def test_screenshot(browser, tmp_path, news):
    write_html(news, tmp_path / "view.html")
    # its own playwright, so in another thread (one sync playwright per thread; the fixture holds this one's)
    with ThreadPoolExecutor(1) as pool:
        png = pool.submit(screenshot, tmp_path / "view.html", tmp_path / "view.png", width=800, height=500).result()
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_screenshot_command(browser, tmp_path, news):
    write_html(news, tmp_path / "view.html")
    done = subprocess.run([sys.executable, "-W", "error", "-m", "kg.viz.screenshot", "view.html", "view.png",
                           "--width", "640", "--height", "400"], cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "wrote view.png\n" and (tmp_path / "view.png").read_bytes()[:4] == b"\x89PNG"
