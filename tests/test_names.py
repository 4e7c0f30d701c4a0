"""Names written again: in full where the NER missed them (mentions._repeated_names), and a surname alone (names)."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Article, Mention, Relation
from kg.resolve import resolve


def _extract(make_doc, table, ents):
    doc = make_doc(table, ents)
    article = Article(text=doc.text, source="t")
    items = list(extract(doc, article))
    return doc, [i for i in items if isinstance(i, Mention)], [i for i in items if isinstance(i, Relation)], article


def test_a_repeated_name_the_ner_missed_is_still_a_name(make_doc):
    # "Brenor" is an entity in the first sentence only; the parser reads the second one as a verb
    doc, mentions, relations, _ = _extract(make_doc, """
Brenor Brenor PROPN nsubj 2
recrute recruter VERB ROOT 0
. . PUNCT punct 2
Brenor brenor VERB nsubj 5
rachète racheter VERB ROOT 0
Vantane Vantane PROPN obj 5
. . PUNCT punct 5
""", [(1, 1, "ORG"), (6, 6, "ORG")])
    assert [m.text for m in mentions if m.text == "Brenor"] == ["Brenor", "Brenor"]
    assert {(r.subject.text, r.predicate, r.object.text) for r in relations} == {("Brenor", "acquires", "Vantane")}
    assert all(doc.text[m.start:m.end] == m.text for m in mentions)


def test_a_surname_alone_is_the_person(make_doc):
    doc, mentions, relations, article = _extract(make_doc, """
Ada Ada PROPN nsubj 3
Roy Roy PROPN flat:name 1
arrive arriver VERB ROOT 0
. . PUNCT punct 3
Roy roy NOUN nsubj 6
dirige diriger VERB ROOT 0
Vantane Vantane PROPN obj 6
. . PUNCT punct 6
""", [(1, 2, "PER"), (7, 7, "ORG")])
    entities, facts = resolve(mentions, relations, text=article.text)
    assert [(f.subject.label, f.predicate, f.object.label) for f in facts] == [("Ada Roy", "leads", "Vantane")]


def test_a_longer_name_starting_with_a_known_one_is_not_it(make_doc):
    # "Kora" is a company; "Kora Vision" (missed by the NER) is something else, not "Kora"
    _, mentions, _, _ = _extract(make_doc, """
Kora Kora PROPN nsubj 2
recrute recruter VERB ROOT 0
. . PUNCT punct 2
Kora Kora PROPN nsubj 6
Vision Vision PROPN flat:name 4
sort sortir VERB ROOT 0
. . PUNCT punct 6
""", [(1, 1, "ORG")])
    assert [m.text for m in mentions] == ["Kora"]


def test_a_common_word_is_not_a_repeat_of_a_name(make_doc):
    _, mentions, _, _ = _extract(make_doc, """
Orange Orange PROPN nsubj 2
recrute recruter VERB ROOT 0
. . PUNCT punct 2
une un DET det 5
orange orange NOUN nsubj 6
tombe tomber VERB ROOT 0
. . PUNCT punct 6
""", [(1, 1, "ORG")])
    assert [m.text for m in mentions] == ["Orange"]


def test_capitalised_proper_nouns_after_an_organisations_name_are_part_of_it(make_doc):
    # spaCy tags "SolarWave" only; "Europe" is the rest of the name, not a place
    doc, mentions, _, _ = _extract(make_doc, """
SolarWave SolarWave PROPN nsubj 4
Europe Europe PROPN flat:name 1
a avoir AUX aux:tense 4
salué saluer VERB ROOT 0
la le DET det 6
décision décision NOUN obj 4
. . PUNCT punct 4
""", [(1, 1, "MISC")])
    assert [m.text for m in mentions] == ["SolarWave Europe"]


def test_a_persons_name_takes_no_capitalised_tail(make_doc):
    doc, mentions, _, _ = _extract(make_doc, """
Selon selon ADP case 2
Dupont Dupont PROPN obl:mod 5
Lyon Lyon PROPN flat:name 2
a avoir AUX aux:tense 5
gagné gagner VERB ROOT 0
. . PUNCT punct 5
""", [(2, 2, "PER")])
    assert [m.text for m in mentions] == ["Dupont"]


def test_a_names_complement_does_not_type_it(make_doc):
    # "Cercle des entrepreneurs du Nord" is a "cercle", not "entrepreneurs" (people)
    _, mentions, _, _ = _extract(make_doc, """
Le le DET det 2 Definite=Def|Gender=Masc|Number=Sing
Cercle cercle NOUN nsubj 7 Gender=Masc|Number=Sing
des de ADP case 4
entrepreneurs entrepreneur NOUN nmod 2 Gender=Masc|Number=Plur
du de ADP case 6
Nord Nord PROPN nmod 4
recrute recruter VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
. . PUNCT punct 7
""", [(2, 6, "MISC")])
    assert [(m.text, m.type) for m in mentions] == [("Cercle des entrepreneurs du Nord", "Organization")]


def test_an_organisation_the_tagger_read_as_a_verb_is_a_name_unless_it_opens_a_sentence(make_doc):
    # "Velto" (an ORG entity) tagged as a verb mid-sentence is a name; "Laisser" opening a line is not
    _, mentions, _, _ = _extract(make_doc, """
Laisser laisser VERB ROOT 0
un un DET det 3
commentaire commentaire NOUN obj 1
. . PUNCT punct 1
Draxo Draxo PROPN nsubj 8
et et CCONJ cc 7
Velto velto VERB conj 5
recrutent recruter VERB ROOT 0
. . PUNCT punct 8
""", [(1, 1, "ORG"), (5, 5, "ORG"), (7, 7, "ORG")])
    assert [m.text for m in mentions] == ["Draxo", "Velto"]
