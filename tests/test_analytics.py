"""Graph analytics on a small hand-built store (no language model): the networkx graph and its filters,
entity look-up, neighbourhoods, shortest paths, centrality and communities, and their commands."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import kg
from kg.analytics import centrality, find_entity, neighbors, shortest_path, stats, to_networkx
from kg.cli import main
from kg.errors import ConfigError, EntityError
from kg.model import Article, Entity, Fact, Qualifiers
from kg.rdf import article_iri, to_quads

MICROSOFT = Entity("microsoft", "Microsoft", "Organization")
MISTRAL = Entity("mistral-ai", "Mistral AI", "Organization", aliases=("Mistral IA", "Mistral"))
OPENAI = Entity("openai", "OpenAI", "Organization")
COMMISSION = Entity("commission-europeenne", "Commission européenne", "Authority")
CNIL = Entity("cnil", "CNIL", "Authority")
ROULEZY = Entity("roulezy", "Roulezy", "Organization")
LILLE = Entity("lille", "Lille", "Place")
TWIN_A = Entity("orion-sa", "Orion", "Organization")
TWIN_B = Entity("orion-lyon", "Orion", "Place")

# (article source, [(subject, predicate, object, sentence, confidence, qualifiers)])
ARTICLES = [
    ("mistral.txt", [
        (MISTRAL, "partnersWith", MICROSOFT, "Mistral AI a signé un partenariat avec Microsoft.", 0.8, Qualifiers()),
        (MISTRAL, "partnersWith", MICROSOFT, "Le partenariat entre Mistral IA et Microsoft inquiète.", 0.68,
         Qualifiers()),
        (MICROSOFT, "investsIn", MISTRAL, "Microsoft devrait investir dans Mistral AI.", 0.8,
         Qualifiers(modality="expected")),
        (MICROSOFT, "investsIn", OPENAI, "Microsoft a investi 13 milliards de dollars dans OpenAI.", 0.68,
         Qualifiers(amount=13e9, currency="USD")),
        (COMMISSION, "investigates", MICROSOFT, "La Commission européenne enquête sur Microsoft.", 0.48,
         Qualifiers(modality="expected")),
    ]),
    ("cnil.txt", [
        (CNIL, "sanctions", ROULEZY, "La CNIL inflige 8 millions d'euros d'amende à Roulezy.", 0.56,
         Qualifiers(amount=8e6, currency="EUR")),
        (ROULEZY, "basedIn", LILLE, "Roulezy, installée à Lille, conteste.", 0.7, Qualifiers()),
        (CNIL, "investigates", OPENAI, "La CNIL n'enquête pas sur OpenAI.", 0.6, Qualifiers(modality="negated")),
    ]),
    ("orion.txt", [
        (TWIN_A, "basedIn", TWIN_B, "Orion est installée à Orion.", 0.5, Qualifiers()),
    ]),
]


def build_store(location) -> None:
    """A kg store with the articles above, written the way the pipeline writes them."""
    with kg.open_store(location, create=True) as store:
        for source, facts in ARTICLES:
            text = "\n".join(sentence for _, _, _, sentence, _, _ in facts)
            article = Article(text=text, source=source, title=source.removesuffix(".txt").capitalize())
            made, offset = [], 0
            for subject, predicate, object_, sentence, confidence, qualifiers in facts:
                made.append(Fact(subject, predicate, object_, sentence, offset, offset + len(sentence),
                                 f"test:{predicate}", confidence, qualifiers))
                offset += len(sentence) + 1
            entities = {entity.key: entity for fact in made for entity in (fact.subject, fact.object)}
            store.replace_graph(article_iri(article.id), list(to_quads(article, entities.values(), made)))


@pytest.fixture(scope="module")
def location(tmp_path_factory):
    path = tmp_path_factory.mktemp("analytics") / "store"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def graph(location):
    with kg.open_store(location) as store:
        return to_networkx(store)


def test_graph_has_every_entity_and_every_non_negated_fact(graph):
    assert graph.number_of_nodes() == 9
    assert graph.number_of_edges() == 8
    assert graph.nodes["https://w3id.org/kgnews/entity/mistral-ai"]["aliases"] == ["Mistral", "Mistral IA"]
    assert graph.nodes["https://w3id.org/kgnews/entity/cnil"]["type"] == "Authority"


def test_graph_filters(location):
    with kg.open_store(location) as store:
        assert to_networkx(store, include_negated=True).number_of_edges() == 9
        only = to_networkx(store, relations=["investsIn"])
        assert {data["predicate"] for *_, data in only.edges(data=True)} == {"investsIn"}
        assert only.number_of_nodes() == 9  # entities stay, linked or not
        strong = to_networkx(store, min_confidence=0.7)
        assert sorted(data["confidence"] for *_, data in strong.edges(data=True)) == [0.7, 0.8, 0.8]
        with pytest.raises(ConfigError, match="unknown relation 'investIn'"):
            to_networkx(store, relations=["investIn"])


@pytest.mark.parametrize("name", ["Mistral AI", "mistral ai", "MISTRAL IA", " Mistral ", "https://w3id.org/kgnews/entity/mistral-ai"])
def test_find_entity_by_label_alias_any_case_or_iri(graph, name):
    assert find_entity(graph, name) == "https://w3id.org/kgnews/entity/mistral-ai"


def test_find_entity_unknown_or_ambiguous(graph):
    with pytest.raises(EntityError, match="no entity named 'Nobody'"):
        find_entity(graph, "Nobody")
    with pytest.raises(EntityError, match="'orion' names 2 entities"):
        find_entity(graph, "orion")


def test_neighbors_one_and_two_hops(graph):
    one = neighbors(graph, "Mistral IA")
    assert one["entity"]["label"] == "Mistral AI"
    assert [(n["hops"], n["label"]) for n in one["neighbors"]] == [(1, "Microsoft")]
    assert one["neighbors"][0]["links"] == [
        {"subject": "Microsoft", "predicate": "investsIn", "object": "Mistral AI", "count": 1},
        {"subject": "Mistral AI", "predicate": "partnersWith", "object": "Microsoft", "count": 2}]
    two = neighbors(graph, "Mistral AI", hops=2)
    assert [(n["hops"], n["label"]) for n in two["neighbors"]] == [
        (1, "Microsoft"), (2, "Commission européenne"), (2, "OpenAI")]
    # the negated "CNIL investigates OpenAI" is no link
    assert "CNIL" not in {n["label"] for n in neighbors(graph, "OpenAI", hops=3)["neighbors"]}


def test_shortest_path_is_a_chain_of_facts_with_evidence(graph):
    steps = shortest_path(graph, "mistral ia", "OpenAI")
    assert [(s["subject"], s["predicate"], s["object"]) for s in steps] == [
        ("Mistral AI", "partnersWith", "Microsoft"), ("Microsoft", "investsIn", "OpenAI")]
    # the strongest asserted fact between two entities is shown, with how many others there are
    assert steps[0]["sentence"] == "Mistral AI a signé un partenariat avec Microsoft." and steps[0]["others"] == 2
    assert steps[1]["amount"] == 13e9 and steps[1]["article"] == "Mistral"
    with pytest.raises(EntityError, match="no chain of facts links 'Mistral AI' and 'Roulezy'"):
        shortest_path(graph, "Mistral AI", "Roulezy")
    with pytest.raises(EntityError, match="no entity named"):
        shortest_path(graph, "Mistral AI", "Nobody")


def test_centrality_and_seeded_communities(graph):
    found = centrality(graph, top=3)
    assert [(e["label"], e["degree"]) for e in found["degree"]] == [("Microsoft", 5), ("Mistral AI", 3), ("Roulezy", 2)]
    assert len(found["pagerank"]) == 3 and found["pagerank"][0]["pagerank"] >= found["pagerank"][-1]["pagerank"]
    groups = [{e["label"] for e in group} for group in found["communities"]]
    assert {"CNIL", "Roulezy", "Lille"} in groups
    assert not any({"Microsoft", "Roulezy"} <= group for group in groups)
    assert centrality(graph, top=3) == found  # seeded: the same communities every run


def test_stats_counts_and_top(location):
    with kg.open_store(location) as store:
        plain = stats(store)
        full = stats(store, top=2)
    assert plain["articles"] == 3 and plain["facts"]["investsIn"] == 2 and "degree" not in plain
    assert [e["label"] for e in full["degree"]] == ["Microsoft", "Mistral AI"]


def cli(*args):
    return CliRunner().invoke(main, list(args))


def test_stats_command_prints_centrality(location):
    result = cli("stats", "--store", str(location), "--top", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "articles: 3"
    start = lines.index("most connected (facts in or out):")
    assert lines[start + 1].split() == ["Microsoft", "5", "Organization"]
    assert lines[start + 3] == "highest PageRank:"
    assert any(line.startswith("communities (Louvain): ") for line in lines)


def test_neighbors_command(location):
    result = cli("neighbors", "mistral ai", "--store", str(location), "--hops", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Mistral AI (Organization): 3 entities within 2 hops",
        "1  Microsoft (Organization)",
        "     Microsoft —investsIn→ Mistral AI",
        "     Mistral AI —partnersWith→ Microsoft  ×2",
        "2  Commission européenne (Authority)",
        "     Commission européenne —investigates→ Microsoft",
        "2  OpenAI (Organization)",
        "     Microsoft —investsIn→ OpenAI",
    ]


def test_path_command(location):
    result = cli("path", "Mistral AI", "openai", "--store", str(location))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Mistral AI —partnersWith→ Microsoft  (0.80)  [+2 other facts]",
        "    « Mistral AI a signé un partenariat avec Microsoft. »  — Mistral",
        "Microsoft —investsIn→ OpenAI  (0.68, 13,000,000,000 USD)",
        "    « Microsoft a investi 13 milliards de dollars dans OpenAI. »  — Mistral",
    ]


@pytest.mark.parametrize("args, message", [
    (["neighbors", "Nobody"], "Error: no entity named 'Nobody' (label or alias); `kg query entities` lists them\n"),
    (["path", "Mistral AI", "Nobody"], "Error: no entity named 'Nobody' (label or alias); `kg query entities` lists them\n"),
    (["path", "Mistral AI", "Roulezy"], "Error: no chain of facts links 'Mistral AI' and 'Roulezy'\n"),
    (["path", "Mistral", "Mistral AI"], "Error: 'Mistral' and 'Mistral AI' are the same entity\n"),
])
def test_unknown_entity_is_one_error_line(location, args, message):
    result = cli(*args, "--store", str(location))
    assert (result.exit_code, result.output) == (1, message)
