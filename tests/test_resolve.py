from __future__ import annotations

import pytest

from kg.model import Mention, Relation
from kg.resolve import canonical_key, resolve


def mention(text, type_="Entity", start=0):
    return Mention(start=start, end=start + len(text), text=text, type=type_)


@pytest.mark.parametrize("name, key", [
    ("Mistral AI", "mistral-ai"),
    ("Renault SA", "renault"),
    ("Microsoft Corp.", "microsoft"),
    ("Autorité de la concurrence", "autorite-de-la-concurrence"),
    ("Commission  Européenne", "commission-europeenne"),
    ('x" > {y} %z', "x-y-z"),
    ("javascript:alert(1)", "javascript-alert-1"),
])
def test_canonical_key(name, key):
    assert canonical_key(name) == key


@pytest.mark.parametrize("names, groups", [
    (["Mistral AI", "Mistral", "Mistral IA"], [{"Mistral AI", "Mistral", "Mistral IA"}]),
    (["Union européenne", "UE"], [{"Union européenne", "UE"}]),
    (["Mistral AI", "Mistral Large"], [{"Mistral AI"}, {"Mistral Large"}]),
    (["Banque de France", "France"], [{"Banque de France"}, {"France"}]),
    # an acronym that spells the small words too
    (["Syndicat des pilotes", "SDP"], [{"Syndicat des pilotes", "SDP"}]),
    (["Syndicat des pilotes", "SDE"], [{"Syndicat des pilotes"}, {"SDE"}]),
    # a name joined to another by a hyphen is another name: "Air France" is not "Air France-KLM"
    (["Air Lorraine", "Air Lorraine-Alsace"], [{"Air Lorraine"}, {"Air Lorraine-Alsace"}]),
    # small words are no letters of an acronym: "en", "ses"
    (["Union des éditeurs de presse en ligne", "UEPL"], [{"Union des éditeurs de presse en ligne", "UEPL"}]),
    (["Fédération des agents de voyage et de ses partenaires", "FAVP"],
     [{"Fédération des agents de voyage et de ses partenaires", "FAVP"}]),
    # an acronym read as a word, capitalised, spells the initials in their order
    (["Conseil national des vins étrangers", "Cnve"], [{"Conseil national des vins étrangers", "Cnve"}]),
    (["Conseil national des vins étrangers", "Cevn"], [{"Conseil national des vins étrangers"}, {"Cevn"}]),
])
def test_name_variants_merge_only_when_they_are_variants(names, groups):
    mentions = [mention(n, start=i * 20) for i, n in enumerate(names)]
    entities, _ = resolve(mentions, [])
    assert sorted(({e.label, *e.aliases} for e in entities), key=sorted) == sorted(groups, key=sorted)


def test_ambiguous_short_name_goes_to_the_most_mentioned():
    mentions = [mention("Mistral AI", "Organization", 0), mention("Mistral AI", "Organization", 20),
                mention("Mistral Large", "Product", 40), mention("Mistral", start=60)]
    entities, _ = resolve(mentions, [])
    by_label = {e.label: e for e in entities}
    assert "Mistral" in by_label["Mistral AI"].aliases
    assert by_label["Mistral Large"].aliases == ()


def test_relations_attach_to_entities_and_self_loops_are_dropped():
    a, b, c = mention("Mistral AI", "Organization", 0), mention("Mistral", start=30), mention("Microsoft", "Organization", 50)
    relations = [
        Relation(subject=c, predicate="investsIn", object=b, sentence_start=0, sentence_end=60, rule="r", confidence=0.8),
        Relation(subject=a, predicate="partnersWith", object=b, sentence_start=0, sentence_end=60, rule="r", confidence=0.8),
    ]
    entities, facts = resolve([a, b, c], relations, text="x" * 60)
    assert [(f.subject.label, f.predicate, f.object.label) for f in facts] == [("Microsoft", "investsIn", "Mistral AI")]


def test_untyped_name_takes_the_type_its_relations_imply():
    person, role = mention("Cédric O", start=0), mention("ministre", "Role", 20)
    relation = Relation(subject=person, predicate="holdsPosition", object=role, sentence_start=0, sentence_end=30,
                        rule="r", confidence=0.8)
    entities, _ = resolve([person], [relation])
    assert {e.label: e.type for e in entities}["Cédric O"] == "Person"


@pytest.mark.parametrize("long_type, merged", [("Entity", False), ("Organization", False), ("Place", True)])
def test_a_place_opening_a_longer_name_is_that_name_only_if_it_is_a_place(long_type, merged):
    """"Nantes" and "Nantes Métropole" (its urban community) are two things; "Nantes" and "Nantes Atlantique", if a
    place, may be one."""
    mentions = [mention("Nantes", "Place", 0), mention("Nantes Métropole", long_type, 30), mention("Nantes", "Place", 60)]
    entities, _ = resolve(mentions, [])
    assert (len(entities) == 1) is merged


@pytest.mark.parametrize("names, label", [
    (["Hélène Darrigade", "Mme Darrigade"], "Hélène Darrigade"),
    (["Mme Darrigade", "Hélène Darrigade"], "Hélène Darrigade"),
    (["Paul Ivorra", "M. Ivorra", "Ivorra"], "Paul Ivorra"),
    (["Dr Jean-Luc Ferrat", "Jean-Luc Ferrat"], "Jean-Luc Ferrat"),
])
def test_a_title_and_a_surname_are_the_person_named_in_full(names, label):
    mentions = [mention(n, "Person", i * 30) for i, n in enumerate(names)]
    entities, _ = resolve(mentions, [])
    assert [(e.label, set(e.aliases)) for e in entities] == [(label, set(names) - {label})]


def test_a_title_does_not_merge_two_people_who_share_no_surname():
    mentions = [mention("Hélène Darrigade", "Person", 0), mention("Mme Laborde", "Person", 30)]
    entities, _ = resolve(mentions, [])
    assert sorted(e.label for e in entities) == ["Hélène Darrigade", "Mme Laborde"]
