"""One IRI per real-world entity across articles: the alias file at ingest, and recorded, undoable merges."""

from __future__ import annotations

import doctest

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg import aliases as aliases_module
from kg.aliases import parse_aliases
from kg.cli import main
from kg.errors import ConfigError, EntityError, StoreError
from kg.merge import find_entity, identities, merge, merges, unmerge
from kg.model import Article, Entity, Fact, Qualifiers
from kg.pipeline import Extracted
from kg.rdf import article_iri, to_quads
from kg.remote import RemoteStore
from kg.resolve import canonical_key
from kg.validate import check
from tests.test_remote import oxigraph_server  # noqa: F401 - the fixture

ENTITY = "https://w3id.org/kgnews/entity/"


def article(text: str, facts: list[tuple], *, source: str, date: str | None = "2024-03-04"):
    """An article of one sentence per fact ``(subject, predicate, object)``, its entities named as written
    (a name ``"Mistral AI|Mistral"`` has the alias Mistral), built by hand as the pipeline would."""
    entities: dict[str, Entity] = {}

    def entity(name: str) -> Entity:
        label, *others = name.split("|")
        return entities.setdefault(label, Entity(key=canonical_key(label), label=label, type="Organization",
                                                 aliases=tuple(others)))
    made = [(entity(s), p, entity(o)) for s, p, o in facts]
    body = Article(text=text, source=source, date=date)
    return body, list(entities.values()), [
        Fact(subject=s, predicate=p, object=o, sentence=text, start=0, end=len(text), rule="test", confidence=0.8,
             qualifiers=Qualifiers(amount=1.5e7, currency="EUR")) for s, p, o in made]


ARTICLES = [
    article("Microsoft investit dans Mistral AI.", [("Microsoft", "investsIn", "Mistral AI|Mistral")], source="a.txt"),
    article("Nvidia soutient Mistral IA.", [("Nvidia", "supports", "Mistral IA")], source="b.txt"),
    article("Mistral IA s’allie à Mistral AI et à Nvidia.",
            [("Mistral IA", "partnersWith", "Mistral AI"), ("Mistral IA", "partnersWith", "Nvidia")], source="c.txt"),
]


def write(store, *articles):
    for body, entities, facts in articles:
        store.replace_graph(article_iri(body.id), to_quads(body, entities, facts))


def nquads(store) -> set[str]:
    return {str(quad) for quad in store.quads()}


def triples(store) -> set[tuple]:
    return {(f["subject"], f["predicate"], f["object"]) for f in kg.facts(store)}


@pytest.fixture
def store(tmp_path):
    with kg.open_store(tmp_path / "store", create=True) as opened:
        write(opened, *ARTICLES)
        yield opened


def test_merge_puts_the_facts_on_one_entity_and_records_why(store):
    record = merge(store, "Mistral AI", "Mistral IA", reason="the same start-up, spelt the French way", by="alice")
    assert triples(store) == {("Microsoft", "investsIn", "Mistral AI"), ("Nvidia", "supports", "Mistral AI"),
                              ("Mistral AI", "partnersWith", "Nvidia")}
    aliases = {row["alias"] for row in kg.rows(store, "SELECT ?alias WHERE { entity:mistral-ai skos:altLabel ?alias }")}
    assert aliases == {"Mistral", "Mistral IA"}
    assert not list(kg.rows(store, "SELECT ?p WHERE { entity:mistral-ia ?p ?o }"))
    (listed,) = merges(store)
    assert (listed.id, listed.kept, listed.merged, listed.reason, listed.by, listed.articles) == (
        record.id, ENTITY + "mistral-ai", ENTITY + "mistral-ia", "the same start-up, spelt the French way", "alice", 2)
    report = check(store)
    assert report.conforms and (report.merges, report.other_graphs) == (1, 0)
    assert "1 merge record kept apart" in report.lines()[0] and "other graph" not in report.lines()[0]


def test_kg_merges_lists_it_with_its_reason(tmp_path):
    location = str(tmp_path / "store")
    with kg.open_store(location, create=True) as opened:
        write(opened, *ARTICLES)
    runner = CliRunner()
    made = runner.invoke(main, ["merge", "Mistral AI", "mistral ia", "--reason", "même société", "--by", "bob",
                                "--store", location])
    assert made.exit_code == 0, made.output
    merge_id = made.stdout.split("merge ")[1].split(";")[0]
    assert made.stdout == (f"merged Mistral IA into Mistral AI (entity/mistral-ai) in 2 articles: merge {merge_id}; "
                           f"undo with: kg unmerge {merge_id}\n")
    listed = runner.invoke(main, ["merges", "--store", location])
    (line,) = listed.stdout.splitlines()
    assert line.startswith(f"{merge_id}  ")
    assert line.endswith("  bob  Mistral AI ← Mistral IA  (2 articles): même société")
    assert listed.stderr == "1 merge\n"
    undone = runner.invoke(main, ["unmerge", merge_id[:4], "--store", location])
    assert undone.stdout == f"undid merge {merge_id}: Mistral IA is apart from Mistral AI again\n"
    assert runner.invoke(main, ["merges", "--store", location]).stdout == ""


def test_unmerge_gives_back_exactly_the_store_before(store):
    before = nquads(store)
    record = merge(store, "Mistral AI", "Mistral IA", reason="same")
    assert nquads(store) != before
    unmerge(store, record.id)
    assert nquads(store) == before


def test_a_fact_between_the_merged_entities_is_left_out_then_restored(store):
    record = merge(store, "Mistral AI", "Mistral IA", reason="same")
    assert not any(s == o for s, _, o in triples(store))
    unmerge(store, record.id)
    assert ("Mistral IA", "partnersWith", "Mistral AI") in triples(store)


def test_a_later_merge_of_the_same_articles_is_undone_first(store):
    before = nquads(store)
    first = merge(store, "Mistral AI", "Mistral IA", reason="same")
    second = merge(store, "Nvidia", "Mistral AI", reason="silly, but allowed")
    with pytest.raises(StoreError, match=f"undo merge {second.id} first"):
        unmerge(store, first.id)
    unmerge(store, second.id)
    unmerge(store, first.id)
    assert nquads(store) == before and merges(store) == []


@pytest.mark.parametrize("keep, fold, error, message", [
    ("Mistral AI", "Nobody", EntityError, "no entity named 'Nobody'"),
    ("Mistral AI", "Mistral", EntityError, "already one entity"),
    ("Mistral AI", "Mistral IA", ConfigError, "give the reason"),
])
def test_merges_that_cannot_be_made(store, keep, fold, error, message):
    before = nquads(store)
    with pytest.raises(error, match=message):
        merge(store, keep, fold, reason="" if error is ConfigError else "why not")
    assert nquads(store) == before
    with pytest.raises(StoreError, match="no merge 'abc'"):
        unmerge(store, "abc")


def test_entities_are_found_by_iri_label_alias_or_key(store):
    assert find_entity(store, "entity/mistral-ai").value == ENTITY + "mistral-ai"
    assert find_entity(store, "MISTRAL IA").value == ENTITY + "mistral-ia"
    assert find_entity(store, "Mistral").value == ENTITY + "mistral-ai"
    write(store, article("Mistral Large est un modèle.", [("Mistral Large|Mistral", "develops", "Nvidia")],
                         source="d.txt"))
    with pytest.raises(EntityError, match="'Mistral' names 2 entities"):
        find_entity(store, "Mistral")


# -- merges and aliases at ingest ------------------------------------------------------------------------------

def extracted(body, entities, facts) -> Extracted:
    return Extracted(body, list(to_quads(body, entities, facts)), len(facts))


def test_articles_written_after_a_merge_get_the_kept_entity_and_unmerge_undoes_them(store):
    late = article("Google s’allie à Mistral IA.", [("Google", "partnersWith", "Mistral IA")], source="e.txt")
    plain = extracted(*late)
    record = merge(store, "Mistral AI", "Mistral IA", reason="same")
    rewritten = identities(store).apply(plain)
    assert ox.NamedNode(ENTITY + "mistral-ai") in {q.object for q in rewritten.quads}
    assert ox.NamedNode(ENTITY + "mistral-ia") not in {q.object for q in rewritten.quads}
    store.replace_graph(article_iri(late[0].id), rewritten.quads)
    assert ("Google", "partnersWith", "Mistral AI") in triples(store) and check(store).conforms
    unmerge(store, record.id)
    graph = article_iri(late[0].id)
    as_stored = ox.Store()  # the literals as a store keeps them ("0.800"^^xsd:decimal is "0.8")
    as_stored.extend(plain.quads)
    assert {str(q) for q in store.quads() if q.graph_name == graph} == {str(q) for q in as_stored}


def test_the_alias_file_makes_variants_one_entity(store, tmp_path):
    table = parse_aliases('"Mistral AI" = ["Mistral IA", "MistralAI"]', source="aliases.toml")
    one = extracted(*article("Nvidia soutient MistralAI.", [("Nvidia", "supports", "MistralAI")], source="f.txt"))
    other = extracted(*article("Orange et Mistral IA.", [("Orange", "partnersWith", "Mistral IA")], source="g.txt"))
    found = set()
    for item in (one, other):
        rewritten = identities(store, aliases=table).apply(item)
        found |= {(q.subject.value, q.object.value) for q in rewritten.quads
                  if q.predicate.value.endswith("#label") and q.subject.value.startswith(ENTITY + "mistral")}
        assert any(q.object.value in {"MistralAI", "Mistral IA"} and q.predicate.value.endswith("#altLabel")
                   for q in rewritten.quads)
    assert found == {(ENTITY + "mistral-ai", "Mistral AI")}


def test_the_store_directory_alias_file_is_the_default(store):
    (store.path / "aliases.toml").write_text('"Mistral AI" = ["Mistral IA"]\n', encoding="utf-8")
    rewritten = identities(store).apply(extracted(*ARTICLES[1]))
    assert ox.NamedNode(ENTITY + "mistral-ai") in {q.object for q in rewritten.quads}


@pytest.mark.parametrize("text, message", [
    ('"Mistral AI" = ["Mistral"', "not valid TOML"),
    ('"Mistral AI" = 3', "'Mistral AI': expected a list of names, not a number"),
    ('"Mistral AI" = ["Mistral"]\n"Mistral Large" = ["mistral"]', "'mistral' is given for both"),
    ('"Mistral AI" = ["Mistral"]\n"Mistral" = ["Le Mistral"]', "'Mistral' is a canonical name and also"),
    ('"Mistral AI" = ["  "]', "is no name"),
])
def test_a_bad_alias_file_is_one_clear_error(text, message):
    with pytest.raises(ConfigError, match=f"^aliases.toml: .*{message}"):
        parse_aliases(text, source="aliases.toml")


def test_kg_ingest_names_the_bad_alias_file_and_writes_nothing(tmp_path):
    (tmp_path / "aliases.toml").write_text('"Mistral AI" = "Mistral"\nMistral = ["Le Mistral"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Microsoft investit dans Mistral.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--store", str(tmp_path / "store"),
                                       "--aliases", str(tmp_path / "aliases.toml")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {tmp_path / 'aliases.toml'}: 'Mistral' is a canonical name and also another name of 'Mistral AI'; "
        "list its names under 'Mistral AI' instead"]
    assert not (tmp_path / "store").exists()


def test_module_examples():
    assert doctest.testmod(aliases_module).failed == 0


# -- end to end and remote -------------------------------------------------------------------------------------

@pytest.mark.model
def test_ingest_with_an_alias_file_and_after_a_merge(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Microsoft a investi 15 millions d’euros dans MistralAI.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Nvidia a signé un partenariat avec Mistral IA.\n", encoding="utf-8")
    (tmp_path / "aliases.toml").write_text('"Mistral AI" = ["MistralAI", "Mistral IA"]\n', encoding="utf-8")
    location = str(tmp_path / "store")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(folder), "--store", location, "--aliases",
                                    str(tmp_path / "aliases.toml")])
    assert ingested.exit_code == 0, ingested.output
    with kg.open_store(location) as opened:
        assert {f["object"] for f in kg.facts(opened)} == {"Mistral AI"}
        merged = merge(opened, "Mistral AI", "Nvidia", reason="test")
    (tmp_path / "c.txt").write_text("Nvidia a signé un partenariat avec Cirrus.\n", encoding="utf-8")
    assert runner.invoke(main, ["ingest", str(tmp_path / "c.txt"), "--store", location]).exit_code == 0
    with kg.open_store(location) as opened:
        assert ("Mistral AI", "partnersWith", "Cirrus") in triples(opened)
        unmerge(opened, merged.id)
        assert ("Nvidia", "partnersWith", "Cirrus") in triples(opened)
        assert check(opened).conforms


def test_merge_and_unmerge_on_a_remote_store(oxigraph_server):  # noqa: F811 - the fixture
    remote = RemoteStore(oxigraph_server)
    for graph in {q.graph_name for q in remote.quads()}:
        remote.drop_graph(graph)
    write(remote, *ARTICLES)
    before = nquads(remote)
    record = merge(remote, "Mistral AI", "Mistral IA", reason="same, remotely")
    assert ("Nvidia", "supports", "Mistral AI") in triples(remote)
    assert [m.reason for m in merges(remote)] == ["same, remotely"]
    unmerge(remote, record.id)
    assert nquads(remote) == before


def test_a_merge_record_is_no_link_between_entities(store):
    """``neighbors`` follows facts only: the record that names the kept and the merged entity is not one."""
    from kg.query import saved_query

    def neighbours():
        return {row["neighbor"]: row["hops"] for row in kg.rows(store, saved_query("neighbors"),
                                                                bindings={"name": "Mistral AI"})}
    assert neighbours() == {ENTITY + "microsoft": 1, ENTITY + "mistral-ia": 1, ENTITY + "nvidia": 2}
    merge(store, "Mistral AI", "Mistral IA", reason="same company")
    assert neighbours() == {ENTITY + "microsoft": 1, ENTITY + "nvidia": 1}
