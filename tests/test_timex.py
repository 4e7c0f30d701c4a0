"""Time qualifiers: French temporal expressions found, resolved against the article's date, and put on facts."""

from __future__ import annotations

import doctest
import json

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.extract import timex
from kg.extract.qualifiers import time_qualifiers
from kg.extract.timex import find_times, resolve
from kg.rdf import time_literal

# text, article date, ISO value, relation ("" = at that time)
RESOLVED = [
    ("le 26 février 2024", None, "2024-02-26", ""),
    ("Le 1er mars 2024", None, "2024-03-01", ""),
    ("26/02/2024", None, "2024-02-26", ""),
    ("2024-02-26", None, "2024-02-26", ""),
    ("en février 2024", None, "2024-02", ""),
    ("en 2023", None, "2023", ""),
    ("fin 2023", None, "2023", ""),
    ("mi-2023", None, "2023", ""),
    ("depuis 2019", None, "2019", "since"),
    ("d’ici 2030", None, "2030", "until"),
    ("l'exercice 2023", None, "2023", ""),
    ("hier", "2024-03-04", "2024-03-03", ""),
    ("aujourd’hui", "2024-03-04", "2024-03-04", ""),
    ("la semaine dernière", "2024-03-04", "2024-W09", ""),
    ("cette semaine", "2024-03-04", "2024-W10", ""),
    ("le mois dernier", "2024-01-15", "2023-12", ""),
    ("le mois prochain", "2024-12-15", "2025-01", ""),
    ("l’année dernière", "2024-03-04", "2023", ""),
    ("l'an dernier", "2024-03-04", "2023", ""),
    ("l’année prochaine", "2024-03-04", "2025", ""),
    ("depuis janvier", "2024-03-04", "2024-01", "since"),
    ("depuis novembre", "2024-03-04", "2023-11", "since"),
    ("février dernier", "2024-03-04", "2024-02", ""),
    ("février dernier", "2024-02-20", "2023-02", ""),
    ("en septembre", "2024-07-10", "2024-09", ""),  # the nearest September
    ("en février", "2024-07-10", "2024-02", ""),
    ("le 28 décembre", "2024-01-09", "2023-12-28", ""),
    ("mardi 14 mai", "2024-05-14", "2024-05-14", ""),
    ("samedi 2 novembre", "2024-02-28", "2024-11-02", ""),  # 2 November 2024 is the Saturday
    ("lundi", "2024-01-09", "2024-01-08", ""),  # a Tuesday: the Monday before
    ("ce mardi", "2024-01-09", "2024-01-09", ""),
    ("lundi dernier", "2024-01-08", "2024-01-01", ""),
    ("jeudi prochain", "2024-01-09", "2024-01-11", ""),
    ("il y a deux ans", "2024-03-04", "2022", ""),
    ("il y a 3 mois", "2024-03-04", "2023-12", ""),
    ("depuis trois ans", "2024-03-04", "2021", "since"),
]


@pytest.mark.parametrize("text, today, expected, relation", RESOLVED)
def test_expressions_resolve_to_iso_values(text, today, expected, relation):
    (found,) = find_times(f"Le groupe a agi {text} selon nos informations.")
    assert " ".join(found.text.split()) == text
    assert (resolve(found, today), found.relation) == (expected, relation)


@pytest.mark.parametrize("text", ["hier", "la semaine dernière", "l’an dernier", "depuis janvier", "lundi",
                                  "le 26 février", "février dernier", "il y a deux ans"])
def test_relative_expressions_stay_unresolved_without_an_article_date(text):
    (found,) = find_times(text)
    assert found.text == text and resolve(found, None) is None


@pytest.mark.parametrize("text", ["les 15 millions d’euros", "Windows 11", "le 49.3", "les 2000 salariés",
                                  "la mission Mars", "le mai 68 de la tech", "chaque lundi", "tous les lundis",
                                  "le 31/02/2024", "Mistral Large 2", "la maison mère", "depuis des années",
                                  "l'article 2024-13-45", "12,5 %", "le 3.5"])
def test_things_that_are_not_dates(text):
    assert find_times(text) == []


def test_a_weekday_of_an_expected_fact_looks_forward():
    (found,) = find_times("jeudi")
    assert resolve(found, "2024-01-09") == "2024-01-04"
    assert resolve(found, "2024-01-09", expected=True) == "2024-01-11"


def test_longest_expression_wins_and_order_is_kept():
    found = find_times("Fondée en 2019, la société a signé mardi 14 mai 2024 puis le 3 juin.")
    assert [t.text for t in found] == ["en 2019", "mardi 14 mai 2024", "le 3 juin"]


@pytest.mark.parametrize("text", [
    "Le contrat a été signé le 26 FÉVRIER 2024 et renouvelé en Sept. 2025.",
    "AUJOURD’HUI, la société annonce ce qu'elle avait promis HIER ; elle signera Jeudi prochain.",
    "Il Y A trois ans, le groupe levait 5 millions ; depuis 2019 il double ses ventes.",
    "La décision du 03/04/2023 (2023-04-03) vaut jusqu’en 2026, à partir de la semaine prochaine.",
    "Rien ici : ni mois, ni jour, ni chiffre.",
])
def test_gates_skip_only_sentences_a_pattern_cannot_match(text, monkeypatch):
    # the gate words are a shortcut: with them or without them, the same expressions are found
    gated = timex._find_times.__wrapped__(text, "fr")
    monkeypatch.setattr(timex, "_gates", lambda lang: {})
    assert timex._find_times.__wrapped__(text, "fr") == gated
    assert gated or text.startswith("Rien")


def test_gate_words_are_cores_of_the_table_phrases():
    gates = timex._gates("fr")
    assert "sept" in gates["month"] and "septembre" not in gates["month"]  # "sept" is in every "septembre"
    assert "aujourd" in gates["relative"]  # "aujourd'hui": the longest run of letters
    assert all(word == word.casefold() for words in gates.values() for word in words)


def test_time_literals_are_typed_by_precision():
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert [time_literal(v).datatype.value for v in ("2024-02-26", "2024-02", "2024", "2024-W08")] == [
        xsd + "date", xsd + "gYearMonth", xsd + "gYear", xsd + "string"]


def test_module_examples():
    assert doctest.testmod(timex).failed == 0


# -- which expression is the fact's: hand-built parses ----------------------------------------------------------

TWO_CLAUSES = """
Fondée fonder VERB advcl 7
en en ADP case 3
2019 2019 NUM obl:mod 1
, , PUNCT punct 1
Cirrus Cirrus PROPN nsubj 7
a avoir AUX aux:tense 7
racheté racheter VERB ROOT 0
Kelvina Kelvina PROPN obj 7
en en ADP case 10
2021 2021 NUM obl:mod 7
. . PUNCT punct 7
"""

NOUN_TRIGGER = """
Orange Orange PROPN nsubj 3
a avoir AUX aux:tense 3
signé signer VERB ROOT 0
lundi lundi NOUN obl:mod 3
un un DET det 6
partenariat partenariat NOUN obj 3
avec avec ADP case 8
Cirrus Cirrus PROPN nmod 6
. . PUNCT punct 3
"""

PREPOSITION = """
Microsoft Microsoft PROPN nsubj 2
enquête enquêter VERB ROOT 0
depuis depuis ADP case 4
janvier janvier NOUN obl:mod 2
pour pour ADP case 7
son son DET det 7
investissement investissement NOUN obl:mod 2
dans dans ADP case 9
OpenAI OpenAI PROPN nmod 7
. . PUNCT punct 2
"""

COMPLEMENT = """
Orange Orange PROPN nsubj 3
a avoir AUX aux:tense 3
annoncé annoncer VERB ROOT 0
hier hier ADV advmod 3
vouloir vouloir VERB xcomp 3
racheter racheter VERB xcomp 5
Cirrus Cirrus PROPN obj 6
. . PUNCT punct 3
"""


def _time(make_doc, table, trigger, date="2024-06-25", **options):
    doc = make_doc(table)
    token = next(t for t in doc if t.text == trigger)
    return time_qualifiers(token, doc[:], "fr", article_date=date, **options)


def test_each_clause_keeps_its_own_time(make_doc):
    assert _time(make_doc, TWO_CLAUSES, "racheté") == {"time": "2021", "time_text": "en 2021", "time_relation": None}
    assert _time(make_doc, TWO_CLAUSES, "Fondée")["time"] == "2019"


def test_a_noun_trigger_takes_its_verbs_time(make_doc):
    assert _time(make_doc, NOUN_TRIGGER, "partenariat") == {"time": "2024-06-24", "time_text": "lundi",
                                                            "time_relation": None}
    assert _time(make_doc, NOUN_TRIGGER, "partenariat", date=None) == {"time": None, "time_text": "lundi",
                                                                       "time_relation": None}


def test_a_noun_behind_a_preposition_does_not_take_the_verbs_time(make_doc):
    assert _time(make_doc, PREPOSITION, "investissement") == {}
    assert _time(make_doc, PREPOSITION, "enquête")["time_relation"] == "since"


def test_a_complement_takes_the_time_of_the_verb_above(make_doc):
    assert _time(make_doc, COMPLEMENT, "racheter")["time"] == "2024-06-24"


# -- end to end ------------------------------------------------------------------------------------------------

@pytest.mark.model
def test_an_ingested_article_with_a_date_gives_resolved_times(tmp_path):
    lines = [{"text": "Fondée en 2023, Mistral AI a racheté la société Kyutai le 26 février 2024.",
              "date": "2024-03-04", "title": "Rachat"},
             {"text": "Microsoft a annoncé la semaine dernière un partenariat avec Mistral AI.", "date": "2024-03-04",
              "title": "Accord"},
             {"text": "Orange a signé lundi un partenariat avec Cirrus.", "title": "Sans date"}]
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
                                         encoding="utf-8")
    store_path = tmp_path / "store"
    with kg.open_store(store_path, create=True) as store:
        kg.ingest([tmp_path / "news.jsonl"], store)
        found = {(f["object"], f["time"], f["time_text"]) for f in kg.facts(store)}
        typed = {row["datatype"]
                 for row in kg.rows(store, "SELECT (DATATYPE(?t) AS ?datatype) WHERE { ?f kg:time ?t }")}
    assert ("Kyutai", "2024-02-26", "le 26 février 2024") in found
    assert ("Mistral AI", "2024-W09", "la semaine dernière") in found
    assert ("Cirrus", None, "lundi") in found  # no article date: kept as written, not resolved
    assert typed == {"http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#string"}
    shown = CliRunner().invoke(main, ["triples", "--store", str(store_path)])
    lines = shown.stdout.splitlines()
    assert any(line.startswith("Mistral AI —acquires→ Kyutai  (") and line.endswith(", 2024-02-26)")
               for line in lines)
    assert any(line.startswith("Orange —partnersWith→ Cirrus  (") and line.endswith(', "lundi")') for line in lines)
    checked = CliRunner().invoke(main, ["check", "--store", str(store_path)])
    assert checked.exit_code == 0, checked.output
