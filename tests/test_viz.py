"""The HTML view and the Gephi files, without a browser: escaping, self-containment, filtering,
layout choice, determinism, GraphML/GEXF export."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import random
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

import kg.viz
from kg.errors import ConfigError, KGError
from kg.viz import page as viz_page
from kg.viz import records
from kg.viz import subgraph_for_view, write_graph_file, write_html
from kg.viz.records import script_json

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://kg.example.org/id/"
LABELS = {
    "investsIn": {"en": "invests in", "fr": "investit dans"},
    "partnersWith": {"en": "partners with", "fr": "est partenaire de"},
    "worksFor": {"en": "works for", "fr": "travaille pour"},
    "basedIn": {"en": "based in", "fr": "basé à"},
}
HOSTILE_NAME = '<script>alert(1)</script>'
HOSTILE_ALIAS = '"><img src=x onerror=alert(1)>'
HOSTILE_SENTENCE = "Il a dit « </script><script>alert('x')</script> » puis \"<img src=x onerror=alert(2)>\"\u2028fin"


def add_entity(graph, key, label, entity_type="Organization", aliases=()):
    graph.add_node(BASE + key, label=label, type=entity_type, aliases=list(aliases))
    return BASE + key


def add_fact(graph, subject, predicate, obj, n, *, confidence=0.9, modality="asserted", sentence=None,
             url="https://news.example.fr/a1", article="Mistral et Microsoft", amount=None):
    graph.add_edge(
        subject, obj, key=f"{BASE}fact/{n}", predicate=predicate, labels=LABELS.get(predicate, {}),
        sentence=sentence or f"Phrase {n}.", article=article, article_id=f"art{n % 3}",
        date="2024-02-26", url=url, confidence=confidence, modality=modality,
        attribution="l'AFP" if modality == "reported" else None, amount=amount,
        currency="EUR" if amount else None, time=None,
    )


@pytest.fixture
def news() -> nx.MultiDiGraph:
    """Microsoft → Mistral AI ← Arthur Mensch, Mistral AI → Paris, plus a separate pair."""
    g = nx.MultiDiGraph()
    msft = add_entity(g, "microsoft", "Microsoft", aliases=["MSFT"])
    mistral = add_entity(g, "mistral-ai", "Mistral AI", aliases=["Mistral"])
    mensch = add_entity(g, "arthur-mensch", "Arthur Mensch", "Person")
    paris = add_entity(g, "paris", "Paris", "Place")
    eu = add_entity(g, "ue", "Union européenne", "Organization", aliases=["UE"])
    law = add_entity(g, "ai-act", "IA Act", "Law")
    add_fact(g, msft, "investsIn", mistral, 1, confidence=0.95, amount=15e6)
    add_fact(g, msft, "investsIn", mistral, 2, confidence=0.6, modality="reported")  # parallel: same edge
    add_fact(g, msft, "partnersWith", mistral, 3, confidence=0.8)  # same pair, other relation
    add_fact(g, mensch, "worksFor", mistral, 4, confidence=0.7)
    add_fact(g, mistral, "basedIn", paris, 5, confidence=0.4, modality="expected")
    add_fact(g, msft, "investsIn", mistral, 6, confidence=0.9, modality="negated")  # negated: its own edge
    add_fact(g, eu, "investsIn", law, 7, confidence=0.3)
    return g


@pytest.fixture
def hostile() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    evil = add_entity(g, "evil", HOSTILE_NAME, aliases=[HOSTILE_ALIAS, "a\nb\u2029c"])
    g.add_node("javascript:alert(1)//\"><svg onload=alert(3)>", label="Quote ' \" & < >", type="<b>Person</b>",
               aliases="<iframe src=javascript:alert(4)>")
    add_fact(g, evil, "investsIn", "javascript:alert(1)//\"><svg onload=alert(3)>", 1, sentence=HOSTILE_SENTENCE,
             url="javascript:alert(5)", article="<img src=x onerror=alert(6)>")
    g.add_edge(evil, evil, key="<script>k</script>", predicate="<b>rel</b>",
               labels={"fr": "</script><script>alert(7)</script>"}, sentence="\ud800 lone surrogate",
               confidence=float("nan"), modality="<i>", url="  https://ok.example.org/x  ")
    return g


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    return tags


def json_blocks(html: str) -> dict[str, object]:
    return {attrs["id"]: json.loads(text) for attrs, text in parse(html).scripts
            if attrs.get("type") == "application/json"}


def outside_json(html: str) -> str:
    return re.sub(r'<script type="application/json" id="[a-z-]+">.*?</script>', "", html, flags=re.S)


def render(graph, tmp_path, **options) -> tuple[str, dict]:
    path = tmp_path / "view.html"
    summary = write_html(graph, path, **options)
    return path.read_text(encoding="utf-8"), summary


# ----------------------------------------------------------------------------------------- escaping

def test_hostile_text_never_appears_as_markup(hostile, tmp_path):
    html, _ = render(hostile, tmp_path)
    tags = parse(html)
    assert {tag for tag, _ in tags.tags} <= {"html", "head", "meta", "title", "link", "style", "body", "div",
                                             "main", "aside", "header", "h1", "p", "input", "ul", "section",
                                             "button", "details", "summary", "label", "output", "span", "script"}
    assert not [(tag, name) for tag, attrs in tags.tags for name in attrs if name.startswith("on")]
    markup = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", html, flags=re.S)
    for marker in ("alert", "onerror=", "onload=", "<img", "<svg", "<iframe", "\u2028", "javascript:"):
        assert marker not in markup
    code = outside_json(html)  # vis-network and the page's script: the library has its own ".onerror="
    for marker in ("<script>alert", "alert(1)", "alert(7)", "onerror=alert", "<img src=x", "<svg", "\u2028"):
        assert marker not in code
    for attrs, text in tags.scripts:
        if attrs.get("type") == "application/json":
            assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


def test_hostile_text_survives_unchanged_in_the_data(hostile, tmp_path):
    html, _ = render(hostile, tmp_path)
    blocks = json_blocks(html)
    names = {node["id"]: node.get("name", node["label"]) for node in blocks["kg-nodes"]}
    assert names[BASE + "evil"] == HOSTILE_NAME
    evil = next(node for node in blocks["kg-nodes"] if node["id"] == BASE + "evil")
    assert HOSTILE_ALIAS in evil["aliases"]
    sentences = [fact["sentence"] for facts in blocks["kg-data"]["facts"] for fact in facts]
    assert HOSTILE_SENTENCE in sentences
    assert "\ufffd lone surrogate" in sentences
    assert "<img src=x onerror=alert(6)>" in [a["title"] for a in blocks["kg-data"]["articles"]]


def test_only_http_links_reach_the_page(hostile, tmp_path):
    html, _ = render(hostile, tmp_path)
    urls = [a.get("url") for a in json_blocks(html)["kg-data"]["articles"]]
    assert "https://ok.example.org/x" in urls
    assert not any(u and "javascript" in u for u in urls)


def test_unknown_types_and_modalities_fall_back(hostile, tmp_path):
    html, _ = render(hostile, tmp_path)
    blocks = json_blocks(html)
    assert {node["group"] for node in blocks["kg-nodes"]} <= set(viz_page.TYPES)
    assert {fact["modality"] for facts in blocks["kg-data"]["facts"] for fact in facts} <= set(records.MODALITIES)


@pytest.mark.parametrize("text", ["</script>", "<!--", "a\u2028b\u2029c", "&amp;", "]]>", "\x00"])
def test_script_json_escapes_what_html_would_read(text):
    encoded = str(script_json({"k": text}))
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == {"k": text}


def test_pyvis_template_features_that_run_html_are_not_used(news, tmp_path):
    html, _ = render(news, tmp_path)
    blocks = json_blocks(html)
    assert not any("title" in node for node in blocks["kg-nodes"])
    assert not any("title" in edge for edge in blocks["kg-edges"])
    assert "tom-select" not in html.lower() and "select-menu" not in html
    assert re.search(r"<h1[^>]*>\s*</h1>", html)  # the page's title is set with textContent


# -------------------------------------------------------------------------------- self-contained

def test_page_loads_nothing_from_the_network(news, tmp_path):
    html, _ = render(news, tmp_path)
    tags = parse(html)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "action", "data", "poster"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value or value.startswith("data:"), (tag, name, value)
    assert "@import" not in html
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
    assert not re.search(r"url\(\s*['\"]?(?!data:)", styles)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", html, re.I)


def test_content_security_policy_allows_exactly_the_inline_scripts(news, tmp_path):
    html, _ = render(news, tmp_path)
    tags = parse(html)
    policy = next(attrs["content"] for tag, attrs in tags.tags
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    allowed = set(re.findall(r"'sha256-([^']+)'", policy))
    code = [text for attrs, text in tags.scripts if "type" not in attrs]
    assert len(code) == 2  # vis-network and the page's script
    assert {base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() for t in code} == allowed


def test_unwritable_path_is_a_kg_error(news, tmp_path):
    with pytest.raises(KGError, match="cannot write"):
        write_html(news, tmp_path / "missing" / "view.html")
    with pytest.raises(KGError, match="cannot write"):
        write_graph_file(news, tmp_path / "missing" / "g.gexf")


def test_writes_only_the_given_path(news, tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "out"
    out.mkdir()
    summary = write_html(news, out / "view.html")
    assert list(cwd.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["view.html"]
    assert summary["bytes"] == (out / "view.html").stat().st_size


# ---------------------------------------------------------------------------------- drawn edges

def test_parallel_facts_share_one_edge_and_negated_ones_stand_apart(news, tmp_path):
    html, summary = render(news, tmp_path)
    assert summary == {"nodes": 6, "edges": 6, "facts": 7, "bytes": summary["bytes"],
                       "layout": "physics", "mode": "full"}
    blocks = json_blocks(html)
    edges, facts = blocks["kg-edges"], blocks["kg-data"]["facts"]
    invests = [(e, f) for e, f in zip(edges, facts)
               if e["from"] == BASE + "microsoft" and e["predicate"] == "investsIn"]
    assert len(invests) == 2
    (plain, plain_facts), (negated, negated_facts) = sorted(invests, key=lambda ef: ef[0].get("negated", False))
    assert plain["factCount"] == 2 and [f["id"] for f in plain_facts] == [BASE + "fact/1", BASE + "fact/2"]
    assert plain["confidence"] == 0.95 and "dashes" not in plain  # one asserted fact: solid
    assert negated["negated"] is True and negated["dashes"] and negated["color"]["color"] == viz_page.NEGATED_COLOUR
    expected = next(e for e in edges if e["predicate"] == "basedIn")
    assert expected["dashes"]  # only an expected fact: dashed
    assert all(e["arrows"] == "to" for e in edges)


def test_relation_labels_follow_the_language(news, tmp_path):
    fr = {e["predicate"]: e["relation"] for e in json_blocks(render(news, tmp_path)[0])["kg-edges"]}
    en = {e["predicate"]: e["relation"] for e in json_blocks(render(news, tmp_path, lang="en")[0])["kg-edges"]}
    assert fr["investsIn"] == "investit dans" and en["investsIn"] == "invests in"
    assert records.relation_label({}, "acquiresStakeIn", "fr") == "acquires stake in"
    assert records.relation_label({"en": "sues"}, "sues", "de") == "sues"


def test_facts_carry_their_evidence_and_qualifiers(news, tmp_path):
    blocks = json_blocks(render(news, tmp_path)[0])
    facts = {f["id"]: f for fs in blocks["kg-data"]["facts"] for f in fs}
    first = facts[BASE + "fact/1"]
    assert first["sentence"] == "Phrase 1." and first["amount"] == 15e6 and first["currency"] == "EUR"
    assert facts[BASE + "fact/2"]["attribution"] == "l'AFP" and facts[BASE + "fact/2"]["modality"] == "reported"
    article = blocks["kg-data"]["articles"][first["article"]]
    assert article == {"id": "art1", "title": "Mistral et Microsoft", "date": "2024-02-26",
                       "url": "https://news.example.fr/a1"}


def test_nodes_are_sized_by_pagerank_and_typed(news, tmp_path):
    nodes = {n["id"]: n for n in json_blocks(render(news, tmp_path)[0])["kg-nodes"]}
    assert nodes[BASE + "mistral-ai"]["size"] > nodes[BASE + "paris"]["size"]
    assert nodes[BASE + "arthur-mensch"]["group"] == "Person"
    assert nodes[BASE + "arthur-mensch"]["shape"] == viz_page.TYPES["Person"][1]


# ----------------------------------------------------------------------------------- filtering

def test_focus_matches_iri_label_or_alias_case_insensitively(news):
    for query in (BASE + "paris", "PARIS", " paris ", "Paris"):
        assert subgraph_for_view(news, focus=query, hops=0).graph["focus"] == BASE + "paris"
    assert subgraph_for_view(news, focus="msft", hops=0).graph["focus"] == BASE + "microsoft"


def test_focus_keeps_the_neighbourhood_within_hops(news):
    assert set(subgraph_for_view(news, focus="Paris", hops=0)) == {BASE + "paris"}
    assert set(subgraph_for_view(news, focus="Paris", hops=1)) == {BASE + "paris", BASE + "mistral-ai"}
    two = subgraph_for_view(news, focus="Paris", hops=2)
    assert set(two) == {BASE + k for k in ("paris", "mistral-ai", "microsoft", "arthur-mensch")}
    assert two.number_of_edges() == 6  # all their facts, attributes copied
    assert two.edges[BASE + "microsoft", BASE + "mistral-ai", BASE + "fact/1"]["amount"] == 15e6


def test_unknown_focus_is_a_config_error_with_suggestions(news):
    with pytest.raises(ConfigError, match=r"'Mistrale'.*did you mean 'Mistral AI'"):
        subgraph_for_view(news, focus="Mistrale")
    assert issubclass(ConfigError, KGError)


def test_relations_filter_by_name_or_label_and_drops_lonely_entities(news):
    view = subgraph_for_view(news, relations=["investsIn"])
    assert {d["predicate"] for _, _, d in view.edges(data=True)} == {"investsIn"}
    assert set(view) == {BASE + k for k in ("microsoft", "mistral-ai", "ue", "ai-act")}
    assert set(subgraph_for_view(news, relations=["travaille pour"])) == {BASE + "arthur-mensch", BASE + "mistral-ai"}
    assert set(subgraph_for_view(news, relations="basedin")) == {BASE + "mistral-ai", BASE + "paris"}
    with pytest.raises(ConfigError, match="relations present: basedIn, investsIn"):
        subgraph_for_view(news, relations=["invests"])


def test_min_confidence(news):
    view = subgraph_for_view(news, min_confidence=0.75)
    assert sorted(d["confidence"] for _, _, d in view.edges(data=True)) == [0.8, 0.9, 0.95]
    assert BASE + "paris" not in view
    with pytest.raises(ConfigError):
        subgraph_for_view(news, min_confidence=1.5)


def test_max_nodes_keeps_the_most_central_and_the_focus():
    g = nx.MultiDiGraph()
    hub = add_entity(g, "hub", "Hub")
    for i in range(12):
        add_fact(g, add_entity(g, f"leaf{i}", f"Leaf {i}"), "investsIn", hub, i)
    tail = add_entity(g, "tail", "Tail")
    add_fact(g, tail, "partnersWith", BASE + "leaf0", 99)
    assert hub in subgraph_for_view(g, max_nodes=1)
    view = subgraph_for_view(g, max_nodes=3)
    assert len(view) == 3 and hub in view and BASE + "leaf0" in view
    focused = subgraph_for_view(g, focus="tail", hops=5, max_nodes=2)
    assert set(focused) == {hub, tail}
    with pytest.raises(ConfigError):
        subgraph_for_view(g, max_nodes=0)


def test_write_html_applies_the_view_options(news, tmp_path):
    _, summary = render(news, tmp_path, focus="paris", hops=1)
    assert (summary["nodes"], summary["facts"]) == (2, 1)
    html, summary = render(news, tmp_path, relations=["investsIn"], min_confidence=0.5)
    assert (summary["nodes"], summary["facts"]) == (2, 3)
    assert json_blocks(html)["kg-data"]["focus"] is None
    html, _ = render(news, tmp_path, focus="MSFT", max_nodes=2)
    assert json_blocks(html)["kg-data"]["focus"] == BASE + "microsoft"


def test_bad_options_are_config_errors(news, tmp_path):
    for options in ({"mode": "zoom"}, {"layout": "circle"}, {"mode": "overview", "layout": "physics"},
                    {"hops": -1}, {"max_nodes": "3"}):
        with pytest.raises(ConfigError):
            write_html(news, tmp_path / "x.html", **options)
    with pytest.raises(ConfigError):
        write_html(nx.DiGraph(), tmp_path / "x.html")


def test_empty_graph_still_makes_a_page(tmp_path):
    html, summary = render(nx.MultiDiGraph(), tmp_path)
    assert summary["nodes"] == 0 and json_blocks(html)["kg-nodes"] == []


# -------------------------------------------------------------------------------- big graphs

def clustered(n_nodes: int, seed: int = 3) -> nx.MultiDiGraph:
    """Clusters of 30 entities, a few facts between clusters, some isolated entities."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    ids = [add_entity(g, f"e{i}", f"Entité {i}", rng.choice(sorted(viz_page.TYPES))) for i in range(n_nodes)]
    linked = ids[: int(n_nodes * 0.9)]
    for n in range(int(len(linked) * 1.5)):
        a = rng.randrange(len(linked))
        b = (a // 30) * 30 + rng.randrange(30) if rng.random() < 0.95 else rng.randrange(len(linked))
        b = min(b, len(linked) - 1)
        if a != b:
            add_fact(g, linked[a], rng.choice(sorted(LABELS)), linked[b], n, confidence=round(rng.random(), 2))
    return g


def test_big_graphs_get_a_precomputed_layout_without_physics(tmp_path):
    g = clustered(viz_page.PHYSICS_MAX_NODES + 20)
    html, summary = render(g, tmp_path)
    assert (summary["layout"], summary["mode"]) == ("precomputed", "full")
    blocks = json_blocks(html)
    options = blocks["kg-options"]
    assert options["physics"]["enabled"] is False and options["layout"]["improvedLayout"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in blocks["kg-nodes"])
    nodes = blocks["kg-nodes"]
    for i, a in enumerate(nodes):  # no two entities cover each other, as drawn (size = radius)
        for b in nodes[i + 1:]:
            assert math.hypot(a["x"] - b["x"], a["y"] - b["y"]) >= a["size"] + b["size"], (a["id"], b["id"])


def test_small_graphs_use_physics_that_stops_after_stabilising(news, tmp_path):
    options = json_blocks(render(news, tmp_path)[0])["kg-options"]
    assert options["physics"]["enabled"] is True and options["physics"]["stabilization"]["enabled"] is True
    assert options["layout"]["randomSeed"] == viz_page.layouts.SEED


def test_overview_collapses_communities(tmp_path, monkeypatch):
    monkeypatch.setattr(viz_page, "OVERVIEW_MIN_NODES", 100)
    g = clustered(150)
    html, summary = render(g, tmp_path)
    assert (summary["layout"], summary["mode"]) == ("precomputed", "overview")
    blocks = json_blocks(html)
    groups = blocks["kg-data"]["communities"]
    assert 3 <= len(groups) < 40
    members = [n.get("community") for n in blocks["kg-nodes"]]
    assert None not in members and sorted(set(members)) == [g["index"] for g in groups]
    assert sum(g["size"] for g in groups) == len(g)
    html, summary = render(g, tmp_path, mode="full")
    assert summary["mode"] == "full" and json_blocks(html)["kg-data"]["communities"] == []


def test_layout_of_a_star_bigger_than_the_dense_solver(tmp_path):
    g = nx.MultiDiGraph()
    hub = add_entity(g, "hub", "Hub")
    for i in range(600):
        add_fact(g, add_entity(g, f"s{i}", f"S {i}"), "investsIn", hub, i)
    nodes = json_blocks(render(g, tmp_path)[0])["kg-nodes"]
    assert len({(n["x"], n["y"]) for n in nodes}) == 601


# ------------------------------------------------------------------------------- determinism

def shuffled(graph: nx.MultiDiGraph, seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    nodes, edges = list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    copy = nx.MultiDiGraph()
    copy.add_nodes_from(nodes)
    copy.add_edges_from(edges)
    return copy


def test_same_graph_same_bytes_whatever_the_insertion_order(tmp_path):
    g = clustered(viz_page.PHYSICS_MAX_NODES + 40)
    first = render(g, tmp_path)[0]
    assert render(g, tmp_path)[0] == first
    assert render(shuffled(g, 1), tmp_path)[0] == first


def test_same_bytes_under_different_hash_seeds(tmp_path):
    script = (
        "import sys; sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r});"
        "from test_viz import clustered; from kg.viz import write_html;"
        "write_html(clustered(360), sys.argv[1], mode='overview')"
    ).format(root=str(ROOT), tests=str(ROOT / "tests"))
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.html"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env, cwd=tmp_path)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


# ------------------------------------------------------------------------------ Gephi files

@pytest.fixture
def dirty() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    a = add_entity(g, "a\x01", "Bell\x07 & <Co>\x85", aliases=["A\x00", "Alpha"])
    b = add_entity(g, "b", "B")
    add_fact(g, a, "investsIn", b, 1, sentence="ligne\x0bverticale\ttab\nretour", amount=2.5e6)
    add_fact(g, a, "investsIn", b, 2, confidence=0.5)
    return g


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_strip_control_characters_and_flatten(dirty, tmp_path, fmt):
    path = write_graph_file(dirty, tmp_path / f"g.{fmt}")
    text = path.read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 2
    node = back.nodes[BASE + "a"]
    assert node["label"] == "Bell & <Co>" and node["aliases"] == "A; Alpha" and node["type"] == "Organization"
    facts = sorted((d for _, _, d in back.edges(data=True)), key=lambda d: not d["sentence"].startswith("ligne"))
    assert facts[0]["sentence"] == "ligneverticale\ttab\nretour"
    assert facts[0]["labels_fr"] == "investit dans" and facts[0]["labels_en"] == "invests in"
    assert facts[0]["attribution"] == "" and facts[1]["currency"] == ""
    assert {str(f["amount"]) for f in facts} == {"2500000.0", ""}
    assert {float(f["confidence"]) for f in facts} == {0.9, 0.5}


def test_graph_file_format_from_option_or_suffix(dirty, tmp_path):
    write_graph_file(dirty, tmp_path / "g.xml", format="GEXF")
    assert "<gexf" in (tmp_path / "g.xml").read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match="graphml, gexf"):
        write_graph_file(dirty, tmp_path / "g.dot")


def test_graph_file_keeps_ids_apart_that_differ_by_a_control_character(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("x\x01", label="one")
    g.add_node("x", label="two")
    back = nx.read_graphml(write_graph_file(g, tmp_path / "g.graphml"))
    assert sorted(back.nodes(data="label")) == [("x", "one"), ("x#2", "two")]


# ------------------------------------------------------------------------------------- API

def test_entity_types_all_have_a_style():
    assert tuple(viz_page.TYPES) == records.ENTITY_TYPES


def test_public_api():
    assert sorted(kg.viz.__all__) == ["screenshot", "subgraph_for_view", "write_graph_file", "write_html"]
    assets = Path(viz_page.__file__).parent / "assets"
    assert {p.name for p in assets.iterdir()} >= {"page.html", "page.js", "page.css"}
    source = (assets / "page.js").read_text(encoding="utf-8")
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML\(|document\.write|\beval\(|new Function", source)
