"""Extractor tests on hand-built parses: each row is a sentence's dependency table and the facts expected.

The tables follow UD French as spaCy's fr_core_news models produce it (including their quirks), so these
tests are fast, deterministic and immune to model upgrades.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Article, Relation
from kg.resolve import resolve
from tests.conftest import relations_in

CASES = {
    "verb-active-prep": ("""
Airbus Airbus PROPN nsubj 2
investit investir VERB ROOT 0
dans dans ADP case 4
Helsing Helsing PROPN obl:arg 2
. . PUNCT punct 2
""", [(1, 1, "ORG"), (4, 4, "ORG")], {("Airbus", "investsIn", "Helsing", "asserted")}),

    "verb-passive-agent": ("""
Kelvina Kelvina PROPN nsubj:pass 4
a avoir AUX aux:tense 4
été être AUX aux:pass 4
rachetée racheter VERB ROOT 0 VerbForm=Part|Tense=Past|Voice=Pass
par par ADP case 6
Schneider Schneider PROPN obl:agent 4
. . PUNCT punct 4
""", [(1, 1, "ORG"), (6, 6, "ORG")], {("Schneider", "acquires", "Kelvina", "asserted")}),

    "noun-frame-de-dans": ("""
L’ le DET det 2 Definite=Def
investissement investissement NOUN nsubj 7
de de ADP case 4
Microsoft Microsoft PROPN nmod 2
dans dans ADP case 6
Mistral Mistral PROPN nmod 2
inquiète inquiéter VERB ROOT 0
. . PUNCT punct 7
""", [(4, 4, "ORG"), (6, 6, "ORG")], {("Microsoft", "investsIn", "Mistral", "asserted")}),

    "support-verb-noun": ("""
Orange Orange PROPN nsubj 3
a avoir AUX aux:tense 3
signé signer VERB ROOT 0
un un DET det 5
partenariat partenariat NOUN obj 3
avec avec ADP case 7
Cirrus Cirrus PROPN nmod 5
. . PUNCT punct 3
""", [(1, 1, "ORG"), (7, 7, "ORG")], {("Orange", "partnersWith", "Cirrus", "asserted")}),

    "infinitive-inherits-subject": ("""
Renault Renault PROPN nsubj 3
a avoir AUX aux:tense 3
choisi choisir VERB ROOT 0
de de ADP mark 6
s’ se PRON expl:comp 6
allier allier VERB xcomp 3
avec avec ADP case 8
Yuneng Yuneng PROPN obl:mod 6
. . PUNCT punct 3
""", [(1, 1, "ORG"), (8, 8, "ORG")], {("Renault", "partnersWith", "Yuneng", "asserted")}),

    "expected-by-devoir": ("""
Sanofi Sanofi PROPN nsubj 2
devrait devoir VERB ROOT 0 Mood=Cnd
racheter racheter VERB xcomp 2
Cerebra Cerebra PROPN obj 3
. . PUNCT punct 2
""", [(1, 1, "ORG"), (4, 4, "ORG")], {("Sanofi", "acquires", "Cerebra", "expected")}),

    "negated": ("""
Airbus Airbus PROPN nsubj 5
n’ ne ADV advmod 5 Polarity=Neg
a avoir AUX aux:tense 5
pas pas ADV advmod 5 Polarity=Neg
investi investir VERB ROOT 0
dans dans ADP case 7
Helsing Helsing PROPN obl:arg 5
. . PUNCT punct 5
""", [(1, 1, "ORG"), (7, 7, "ORG")], {("Airbus", "investsIn", "Helsing", "negated")}),

    "reported-conditional": ("""
BNP BNP PROPN nsubj 4
Paribas Paribas PROPN flat:name 1
aurait avoir AUX aux:tense 4 Mood=Cnd
racheté racheter VERB ROOT 0
Kapita Kapita PROPN obj 4
. . PUNCT punct 4
""", [(1, 2, "ORG"), (5, 5, "ORG")], {("BNP Paribas", "acquires", "Kapita", "reported")}),

    "role-apposition": ("""
Anne Anne PROPN nsubj 10
Dupont Dupont PROPN flat:name 1
, , PUNCT punct 1
directrice directeur NOUN appos 1
générale général ADJ amod 4
de de ADP case 7
Renault Renault PROPN nmod 4
, , PUNCT punct 1
a avoir AUX aux:tense 10
démissionné démissionner VERB ROOT 0
. . PUNCT punct 10
""", [(1, 2, "PER"), (7, 7, "ORG")], {("Anne Dupont", "leads", "Renault", "asserted")}),

    "role-title-gives-position-and-employer": ("""
Paul Paul PROPN nsubj 8
Martin Martin PROPN flat:name 1
, , PUNCT punct 1
conseiller conseiller NOUN appos 1
chez chez ADP case 6
Airbus Airbus PROPN nmod 4
, , PUNCT punct 1
témoigne témoigner VERB ROOT 0
. . PUNCT punct 8
""", [(1, 2, "PER"), (6, 6, "ORG")], {("Paul Martin", "holdsPosition", "conseiller", "asserted"),
                                       ("Paul Martin", "worksFor", "Airbus", "asserted")}),

    "relational-noun-between-organisations": ("""
Nickel Nickel PROPN nsubj 8
, , PUNCT punct 1
la le DET det 4 Definite=Def
filiale filiale NOUN appos 1
de de ADP case 6
BNP BNP PROPN nmod 4
Paribas Paribas PROPN flat:name 6
recrute recruter VERB ROOT 0
. . PUNCT punct 8
""", [(1, 1, "ORG"), (6, 7, "ORG")], {("Nickel", "subsidiaryOf", "BNP Paribas", "asserted")}),

    "demonym-gives-headquarters": ("""
la le DET det 2 Definite=Def
biotech biotech NOUN nsubj 5
lyonnaise lyonnais ADJ amod 2
Cérébra Cérébra PROPN appos 2
recrute recruter VERB ROOT 0
. . PUNCT punct 5
""", [(4, 4, "ORG")], {("Cérébra", "basedIn", "Lyon", "asserted")}),

    "demonym-gives-nationality": ("""
l’ le DET det 2 Definite=Def
investisseur investisseur NOUN nsubj 6
suisse suisse ADJ amod 2
Marco Marco PROPN appos 2
Bernasconi Bernasconi PROPN flat:name 4
témoigne témoigner VERB ROOT 0
. . PUNCT punct 6
""", [(4, 5, "PER")], {("Marco Bernasconi", "nationality", "Suisse", "asserted")}),

    "place-in-place": ("""
Il il PRON nsubj 2
naît naître VERB ROOT 0
à à ADP case 4
Gand Gand PROPN obl:arg 2
, , PUNCT punct 7
en en ADP case 7
Belgique Belgique PROPN obl:mod 2
. . PUNCT punct 2
""", [(4, 4, "LOC"), (7, 7, "LOC")], {("Gand", "locatedIn", "Belgique", "asserted")}),

    "clause-initial-participle": ("""
Fondée fonder VERB advcl 12 VerbForm=Part|Tense=Past
en en ADP case 3
2019 2019 NUM obl:mod 1
par par ADP case 5
Camille Camille PROPN obl:agent 1
Roux Roux PROPN flat:name 5
et et CCONJ cc 8
Mehdi Mehdi PROPN conj 5
Saïdi Saïdi PROPN flat:name 8
, , PUNCT punct 11
Sillon Sillon PROPN nsubj 12
emploie employer VERB ROOT 0 VerbForm=Fin|Mood=Ind
90 90 NUM nummod 14
salariés salarié NOUN obj 12
. . PUNCT punct 12
""", [(5, 6, "PER"), (8, 9, "PER"), (11, 11, "ORG")], {("Camille Roux", "founded", "Sillon", "asserted"),
                                                       ("Mehdi Saïdi", "founded", "Sillon", "asserted")}),

    "law-named-by-its-subject": ("""
La le DET det 2 Definite=Def
CGT CGT PROPN nsubj 3
soutient soutenir VERB ROOT 0
la le DET det 5 Definite=Def
directive directive NOUN obj 3
sur sur ADP case 8
le le DET det 8 Definite=Def
travail travail NOUN nmod 5
de de ADP case 10
plateforme plateforme NOUN nmod 8
. . PUNCT punct 3
""", [(2, 2, "ORG")], {("CGT", "supports", "directive sur le travail de plateforme", "asserted")}),

    "type-constraint-blocks-place-subject": ("""
Paris Paris PROPN nsubj 2
dirige diriger VERB ROOT 0
Renault Renault PROPN obj 2
. . PUNCT punct 2
""", [(1, 1, "LOC"), (3, 3, "ORG")], set()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_frames(make_doc, name):
    table, ents, expected = CASES[name]
    assert relations_in(table, ents, make_doc) == expected


def test_pronoun_takes_the_salient_subject(make_doc):
    doc = make_doc("""
Mistral Mistral PROPN nsubj 3
AI AI PROPN flat:name 1
grandit grandir VERB ROOT 0
. . PUNCT punct 3
Elle lui PRON nsubj 6
investit investir VERB ROOT 0
dans dans ADP case 8
Helsing Helsing PROPN obl:arg 6
. . PUNCT punct 6
""", [(1, 2, "MISC"), (8, 8, "ORG")])
    relations = [r for r in extract(doc, Article(text=doc.text, source="t")) if isinstance(r, Relation)]
    assert [(r.subject.text, r.predicate, r.object.text) for r in relations] == [("Mistral AI", "investsIn", "Helsing")]


def test_amount_is_read_from_the_trigger_phrase(make_doc):
    doc = make_doc("""
Airbus Airbus PROPN nsubj 2
investit investir VERB ROOT 0
15 15 NUM nummod 4
millions million NOUN obj 2
d’ de ADP case 6
euros euro NOUN nmod 4
dans dans ADP case 8
Helsing Helsing PROPN obl:arg 2
. . PUNCT punct 2
""", [(1, 1, "ORG"), (8, 8, "ORG")])
    (relation,) = [r for r in extract(doc, Article(text=doc.text, source="t")) if isinstance(r, Relation)]
    assert (relation.qualifiers.amount, relation.qualifiers.currency) == (15_000_000, "EUR")


def test_evidence_offsets_point_into_the_article(make_doc):
    table, ents, _ = CASES["support-verb-noun"]
    doc = make_doc(table, ents)
    article = Article(text=doc.text, source="t")
    items = list(extract(doc, article))
    mentions = [i for i in items if not isinstance(i, Relation)]
    relations = [i for i in items if isinstance(i, Relation)]
    entities, facts = resolve(mentions, relations, text=article.text)
    assert facts and all(article.text[f.start:f.end] == f.sentence for f in facts)
    assert all(article.text[m.start:m.end] == m.text for m in mentions)
