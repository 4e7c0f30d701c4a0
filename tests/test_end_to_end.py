"""End to end with the real French model over data/articles: the facts the product promises."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import kg
from tests.conftest import ROOT

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    location = tmp_path_factory.mktemp("e2e") / "store"
    with kg.open_store(location, create=True) as store:
        summary = kg.ingest([ROOT / "data" / "articles"], store)
    return location, summary


def triples(location, **filters):
    with kg.open_store(location) as store:
        return {(f["subject"], f["predicate"], f["object"]) for f in kg.facts(store, **filters)}


def test_the_sample_articles_give_the_headline_facts(sample_store):
    location, summary = sample_store
    assert summary.read == summary.added >= 6 and not summary.rejected
    found = triples(location)
    assert ("Microsoft", "investsIn", "Mistral AI") in found
    assert ("Mistral AI", "partnersWith", "Microsoft") in found


def test_the_sample_article_gives_every_fact_issue_3_asks_for(sample_store):
    found = triples(sample_store[0])
    for fact in [("Microsoft", "investsIn", "Mistral AI"), ("Mistral AI", "partnersWith", "Microsoft"),
                 ("Mistral AI", "develops", "Mistral Large"), ("Microsoft", "investsIn", "OpenAI"),
                 ("Mistral AI", "lobbiesAgainst", "IA Act"), ("Cédric O", "worksFor", "Mistral AI"),
                 ("Marina Ferrari", "holdsPosition", "secrétaire d’Etat au Numérique")]:
        assert fact in found, fact
    assert any(s == "Commission européenne" and p == "investigates" for s, p, o in found)


def test_mistral_name_variants_are_one_entity(sample_store):
    location, _ = sample_store
    with kg.open_store(location) as store:
        rows = list(kg.rows(store, "SELECT ?alias WHERE { <https://w3id.org/kgnews/entity/mistral-ai> skos:altLabel ?alias }"))
    assert {"Mistral", "Mistral IA"} <= {row["alias"] for row in rows}


def test_boilerplate_is_no_entity(sample_store):
    location, _ = sample_store
    with kg.open_store(location) as store:
        labels = {row["label"] for row in kg.rows(store, "SELECT ?label WHERE { ?e rdfs:label ?label }")}
    assert not {"Laisser", "Akismet", "Logo", "Logo Mistral AI"} & labels


def test_every_fact_has_its_evidence_at_its_offsets(sample_store):
    location, _ = sample_store
    texts = {article.id: article.text for article in kg.read_articles([ROOT / "data" / "articles"])}
    with kg.open_store(location) as store:
        for fact in kg.facts(store):
            assert texts[fact["article"]][fact["start"]:fact["end"]] == fact["sentence"]
            assert 0 < fact["confidence"] <= 1


def test_readme_who_invests_in_whom_query_works(sample_store):
    location, _ = sample_store
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = readme.split("<!-- who-invests -->")[1].split("```sparql")[1].split("```")[0]
    with kg.open_store(location) as store:
        rows = list(kg.rows(store, query))
    assert {"investor": "Microsoft", "target": "Mistral AI"} in [{k: r[k] for k in ("investor", "target")} for r in rows]


def test_edited_article_replaces_its_graph_and_reingest_adds_nothing(tmp_path):
    article = tmp_path / "deal.txt"
    article.write_text("Le groupe Airbus a racheté la start-up Kelvina pour 3 millions d’euros, a annoncé le constructeur.\n", encoding="utf-8")
    location = tmp_path / "store"
    with kg.open_store(location, create=True) as store:
        first = kg.ingest([article], store)
        again = kg.ingest([article], store)
    assert (first.added, again.added, again.unchanged) == (1, 0, 1)
    assert triples(location) == {("Airbus", "acquires", "Kelvina")}
    article.write_text("Le groupe Airbus a racheté la start-up Helsing pour 3 millions d’euros, a annoncé le constructeur.\n", encoding="utf-8")
    with kg.open_store(location) as store:
        edited = kg.ingest([article], store)
        articles = list(kg.rows(store, "SELECT ?a WHERE { ?a a kg:Article }"))
    assert (edited.added, edited.replaced, len(articles)) == (1, 1, 1)
    assert triples(location) == {("Airbus", "acquires", "Helsing")}


def test_bad_file_leaves_the_store_unchanged(tmp_path, sample_store):
    location, _ = sample_store
    copy = tmp_path / "copy"
    shutil.copytree(location, copy)
    before = triples(copy)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\x03binary\x00\x00\x89PNG")
    with kg.open_store(copy) as store:
        summary = kg.ingest([tmp_path / "bad.txt"], store, on_error=lambda error: None)
    assert len(summary.rejected) == 1 and triples(copy) == before


def test_cli_in_a_new_process_reads_what_was_stored(sample_store):
    location, _ = sample_store
    out = subprocess.run([sys.executable, "-m", "kg", "triples", "--store", str(location), "--relation", "investsIn"],
                         capture_output=True, text=True, check=True)
    assert "Microsoft —investsIn→ Mistral AI" in out.stdout
