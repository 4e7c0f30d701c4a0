"""Frame engine on the parser's mistakes: hand-built parses that reproduce what fr_core_news_md does to some
sentences (wrong part of speech, lost subject, argument attached to the wrong head), and the facts that must
still come out. Each table: ``text lemma POS dep head [morph]``, heads 1-based (0 = root)."""

from __future__ import annotations

import pytest

from kg.extract.lexicon import verb_forms
from tests.conftest import relations_in

CASES = {
    # "auprès" parsed as an adverb governing "de X": the multiword preposition is still "auprès de"
    "aupres-de-as-adverb": ("""
Kora Kora PROPN nsubj 3
a avoir AUX aux:tense 3
levé lever VERB ROOT 0
8 8 NUM nummod 5
millions million NOUN obj 3
auprès auprès ADV advmod 3
du de ADP case 8
fonds fonds NOUN obl:arg 6
Vantane Vantane PROPN nmod 8
. . PUNCT punct 3
""", [(1, 1, "ORG"), (9, 9, "ORG")], {("Vantane", "investsIn", "Kora", "asserted")}),

    # the trigger noun is coordinated ("un avertissement et une amende") and "à X" hangs on it, not on the verb
    "support-verb-through-coordination": ("""
La le DET det 2 Definite=Def
CNIL CNIL PROPN nsubj 4
a avoir AUX aux:tense 4
infligé infliger VERB ROOT 0
un un DET det 6
avertissement avertissement NOUN obj 4
et et CCONJ cc 9
une un DET det 9
amende amende NOUN conj 6
à à ADP case 11
Dorvia Dorvia PROPN nmod 9
. . PUNCT punct 4
""", [(2, 2, "ORG"), (11, 11, "ORG")], {("CNIL", "sanctions", "Dorvia", "asserted")}),

    # "critique" read as an adjective of the subject: the verb form between two names is read on the surface
    "surface-verb-form": ("""
La le DET det 2 Definite=Def
Fnath Fnath PROPN ROOT 0
critique critique ADJ amod 2
vivement vivement ADV advmod 3
Loxam Loxam PROPN flat:name 2
. . PUNCT punct 2
""", [(2, 2, "ORG"), (5, 5, "ORG")], {("Fnath", "criticizes", "Loxam", "asserted")}),

    # the surface reading takes the names coordinated after the first ("Loxam et Kiloutou")
    "surface-verb-form-coordinated-objects": ("""
La le DET det 2 Definite=Def
Fnath Fnath PROPN ROOT 0
critique critique ADJ amod 2
vivement vivement ADV advmod 3
Loxam Loxam PROPN flat:name 2
, , PUNCT punct 7
Boels Boels PROPN conj 5
et et CCONJ cc 9
Kiloutou Kiloutou PROPN conj 5
. . PUNCT punct 2
""", [(2, 2, "ORG"), (5, 5, "ORG"), (7, 7, "ORG"), (9, 9, "ORG")],
        {("Fnath", "criticizes", "Loxam", "asserted"), ("Fnath", "criticizes", "Boels", "asserted"),
         ("Fnath", "criticizes", "Kiloutou", "asserted")}),

    # … but a name after a comma, with no "et" to close a list, starts another clause
    "surface-verb-form-no-list-without-et": ("""
La le DET det 2 Definite=Def
Fnath Fnath PROPN ROOT 0
critique critique ADJ amod 2
vivement vivement ADV advmod 3
Loxam Loxam PROPN flat:name 2
, , PUNCT punct 7
Kiloutou Kiloutou PROPN nsubj 7
annonce annoncer VERB conj 2
des un DET det 9
départs départ NOUN obj 7
. . PUNCT punct 2
""", [(2, 2, "ORG"), (5, 5, "ORG"), (7, 7, "ORG")], {("Fnath", "criticizes", "Loxam", "asserted")}),

    # "X, qui concurrence Y": the verb form read as a noun in a relative clause; "qui" stands for the name before it
    "surface-verb-form-in-relative-clause": ("""
Draxo Draxo PROPN nsubj 9
, , PUNCT punct 4
qui qui PRON nsubj 4
concurrence concurrence NOUN acl:relcl 1
Velto velto VERB nmod 1
et et CCONJ cc 7
Kerys Kerys PROPN conj 5
, , PUNCT punct 9
recrute recruter VERB ROOT 0
. . PUNCT punct 9
""", [(1, 1, "ORG"), (5, 5, "ORG"), (7, 7, "ORG")],
        {("Draxo", "competesWith", "Velto", "asserted"), ("Draxo", "competesWith", "Kerys", "asserted")}),

    # a clause-initial participle after an adverb still describes the subject after its comma
    "fronted-participle-after-adverb": ("""
Désormais désormais ADV advmod 2
dirigée diriger VERB ROOT 0 VerbForm=Part|Gender=Fem
par par ADP case 4
Ada Ada PROPN obl:agent 2
Roy Roy PROPN flat:name 4
, , PUNCT punct 9
Brenor Brenor PROPN nsubj 9
a avoir AUX aux:tense 9 VerbForm=Fin
vu voir VERB conj 2 VerbForm=Part
ses son DET det 11
ventes vente NOUN obj 9
. . PUNCT punct 2
""", [(4, 5, "PER"), (7, 7, "ORG")], {("Ada Roy", "leads", "Brenor", "asserted")}),

    # … and the subject is the name before a relative clause ("Brenor, qui recrute, a vu")
    "fronted-participle-subject-before-relative": ("""
Dirigée diriger VERB ROOT 0 VerbForm=Part|Gender=Fem
par par ADP case 3
Ada Ada PROPN obl:agent 1
Roy Roy PROPN flat:name 3
, , PUNCT punct 3
Brenor Brenor PROPN nmod 3
, , PUNCT punct 9
qui qui PRON nsubj 9
recrute recruter VERB acl:relcl 3 VerbForm=Fin
, , PUNCT punct 12
a avoir AUX aux:tense 12 VerbForm=Fin
vu voir VERB conj 1 VerbForm=Part
ses son DET det 14
ventes vente NOUN obj 12
. . PUNCT punct 1
""", [(3, 4, "PER"), (6, 6, "ORG")], {("Ada Roy", "leads", "Brenor", "asserted")}),

    # a relation noun as a predicate: "X est en concurrence avec Y et Z"
    "copular-relation-noun": ("""
Draxo Draxo PROPN nsubj 4
est être AUX cop 4
en en ADP case 4
concurrence concurrence NOUN ROOT 0
avec avec ADP case 6
Velto Velto PROPN nmod 4
et et CCONJ cc 8
Kerys Kerys PROPN conj 6
. . PUNCT punct 4
""", [(1, 1, "ORG"), (6, 6, "ORG"), (8, 8, "ORG")],
        {("Draxo", "competesWith", "Velto", "asserted"), ("Draxo", "competesWith", "Kerys", "asserted")}),

    # the surface reading never takes a name inside a prepositional phrase as the subject
    "surface-verb-form-not-after-preposition": ("""
Selon selon ADP case 2
Fnath Fnath PROPN ROOT 0
critique critique ADJ amod 2
Loxam Loxam PROPN flat:name 2
. . PUNCT punct 2
""", [(2, 2, "ORG"), (4, 4, "ORG")], set()),

    # the passive subject was attached to a participle before it: the name right before "est" is the theme
    "passive-theme-lost": ("""
Installé installer VERB advmod 6
à à ADP case 3
Lille Lille PROPN obl:arg 1
, , PUNCT punct 1
Brenor Brenor PROPN obl:mod 1
est être AUX aux:pass 7
dirigé diriger VERB ROOT 0
par par ADP case 9
Ada Ada PROPN obl:agent 7
Roy Roy PROPN flat:name 9
. . PUNCT punct 7
""", [(3, 3, "LOC"), (5, 5, "ORG"), (9, 10, "PER")], {("Ada Roy", "leads", "Brenor", "asserted")}),

    # the lemmatiser left "préside" as it is
    "unlemmatised-first-group-verb": ("""
Ada Ada PROPN nsubj 3
Roy Roy PROPN flat:name 1
préside préside VERB ROOT 0
Brenor Brenor PROPN obj 3
. . PUNCT punct 3
""", [(1, 2, "PER"), (4, 4, "ORG")], {("Ada Roy", "leads", "Brenor", "asserted")}),

    # a bare name after the verb, misread as an adverbial clause, is its object
    "bare-name-object-misread": ("""
Les le DET det 2 Definite=Def
Vigies Vigies PROPN nsubj 3
critiquent critiquer VERB ROOT 0
vivement vivement ADV advmod 5
Brenor Brenor PROPN advcl 3
. . PUNCT punct 3
""", [(2, 2, "ORG"), (5, 5, "ORG")], {("Vigies", "criticizes", "Brenor", "asserted")}),

    # "baptisés Terra" hangs on the last noun of the phrase; the object noun still stands for the name
    "naming-participle-gives-the-object": ("""
Brenor Brenor PROPN nsubj 2
développe développer VERB ROOT 0
des un DET det 4
capteurs capteur NOUN obj 2
à à ADP case 6
basse basse ADJ amod 7
consommation consommation NOUN nmod 4
baptisés baptiser VERB acl 7 VerbForm=Part|Tense=Past
Terra Terra PROPN xcomp 8
. . PUNCT punct 2
""", [(1, 1, "ORG"), (9, 9, "MISC")], {("Brenor", "develops", "Terra", "asserted")}),

    # a finite clause misread as a participle modifying its subject ("le fonds X aurait pris …")
    "finite-verb-read-as-participle": ("""
le le DET det 2 Definite=Def
fonds fonds NOUN ROOT 0
Vantane Vantane PROPN appos 2
aurait avoir AUX aux:tense 7 Mood=Cnd
d’ de ADP advmod 7
ailleurs ailleurs ADV advmod 7
racheté racheter VERB acl 2 VerbForm=Part|Tense=Past
Brenor Brenor PROPN obj 7
. . PUNCT punct 2
""", [(3, 3, "ORG"), (8, 8, "ORG")], {("Vantane", "acquires", "Brenor", "reported")}),

    # "inflige 3 millions d'euros d'amende à X": the trigger noun hangs on the amount, the light verb's object
    "trigger-noun-under-an-amount": ("""
La le DET det 2 Definite=Def
CNIL CNIL PROPN nsubj 3
inflige infliger VERB ROOT 0
3 3 NUM nummod 5
millions million NOUN obj 3
d’ de ADP case 7
euros euro NOUN nmod 5
d’ de ADP case 9
amende amende NOUN nmod 5
à à ADP case 11
Dorvia Dorvia PROPN nmod 9
. . PUNCT punct 3
""", [(2, 2, "ORG"), (11, 11, "ORG")], {("CNIL", "sanctions", "Dorvia", "asserted")}),

    # a campaign against a text, through what is done to it ("le triplement de X" stands for X)
    "campaign-against-the-change-of-a-text": ("""
Brenor Brenor PROPN nsubj 2
mène mener VERB ROOT 0
une un DET det 4
offensive offensive NOUN obj 2
contre contre ADP case 7
le le DET det 7
triplement triplement NOUN nmod 4
de de ADP case 10
la le DET det 10
Delta Delta PROPN nmod 7
. . PUNCT punct 2
""", [(1, 1, "ORG"), (10, 10, "MISC")], {("Brenor", "lobbiesAgainst", "Delta", "asserted")}),

    # ", qui" refers to the name right before it (past a parenthesis), not to where the parser hung the clause
    "relative-clause-antecedent": ("""
Selon selon ADP case 2
documents document NOUN ROOT 0
, , PUNCT punct 2
la le DET det 5 Definite=Def
Fédération fédération NOUN nmod 2
Vantane Vantane PROPN flat:name 5
( ( PUNCT punct 8
FV FV PROPN appos 5
) ) PUNCT punct 8
, , PUNCT punct 11
qui qui PRON nsubj 12
regroupe regrouper VERB acl:relcl 2
Kora Kora PROPN obj 12
. . PUNCT punct 2
""", [(5, 6, "ORG"), (8, 8, "ORG"), (13, 13, "ORG")],
        {("Kora", "memberOf", "Fédération Vantane", "reported")}),  # "selon des documents"

    # a pronominal verb with "être" is no passive, and "s'en prendre à" is matched with its clitic before the verb
    "pronominal-verb-with-clitic-en": ("""
Ada Ada PROPN nsubj:pass 7
Roy Roy PROPN flat:name 1
s’ se PRON expl:pass 7
en en PRON iobj 7
est être AUX aux:pass 7
vivement vivement ADV advmod 7
pris prendre VERB ROOT 0 VerbForm=Part|Tense=Past
à à ADP case 9
Brenor Brenor PROPN obl:arg 7
. . PUNCT punct 7
""", [(1, 2, "PER"), (9, 9, "ORG")], {("Ada Roy", "criticizes", "Brenor", "asserted")}),

    # without the clitic, "prendre à" is no criticism
    "prendre-without-en": ("""
Ada Ada PROPN nsubj 3
Roy Roy PROPN flat:name 1
prend prendre VERB ROOT 0
part part NOUN obj 3
à à ADP case 6
Brenor Brenor PROPN obl:arg 3
. . PUNCT punct 3
""", [(1, 2, "PER"), (6, 6, "ORG")], set()),

    # "X fait l'objet d'une enquête ouverte par Y": Y investigates X
    "object-of-an-investigation-opened-by": ("""
Dorvia Dorvia PROPN nsubj 2
fait faire VERB ROOT 0
l’ le DET det 4 Definite=Def
objet objet NOUN obj 2
d’ de ADP case 7
une un DET det 7
enquête enquête NOUN nmod 4
ouverte ouvrir VERB acl 7 VerbForm=Part|Tense=Past
par par ADP case 11
la le DET det 11
CNIL CNIL PROPN obl:agent 8
. . PUNCT punct 2
""", [(1, 1, "ORG"), (11, 11, "ORG")], {("CNIL", "investigates", "Dorvia", "asserted")}),

    # "une enquête visant X" under a light verb
    "investigation-aimed-at": ("""
Le le DET det 2 Definite=Def
PNF PNF PROPN nsubj 4
a avoir AUX aux:tense 4
ouvert ouvrir VERB ROOT 0
une un DET det 6
enquête enquête NOUN obj 4
visant viser VERB acl 6
Dorvia Dorvia PROPN obj 7
. . PUNCT punct 4
""", [(2, 2, "ORG"), (8, 8, "ORG")], {("PNF", "investigates", "Dorvia", "asserted")}),

    # "le fonds Vantane": the name right after the noun, even when the noun was taken for an apposition of the
    # name before it (the parser hung it there)
    "name-right-after-a-description": ("""
Selon selon ADP case 2
Kora Kora PROPN ROOT 0
, , PUNCT punct 2
le le DET det 5 Definite=Def
fonds fonds NOUN nmod 2
Vantane Vantane PROPN appos 5
a avoir AUX aux:tense 8
racheté racheter VERB acl 5 VerbForm=Part|Tense=Past
Brenor Brenor PROPN obj 8
. . PUNCT punct 2
""", [(2, 2, "ORG"), (6, 6, "ORG"), (9, 9, "ORG")], {("Vantane", "acquires", "Brenor", "reported")}),

    # the possessive before "système Delta" is the owner, not the name after it
    "possessive-owner-of-a-named-product": ("""
Kora Kora PROPN nsubj 2
améliore améliorer VERB ROOT 0
son son DET det 4 Poss=Yes
système système NOUN obj 2
Delta Delta PROPN appos 4
. . PUNCT punct 2
""", [(1, 1, "ORG"), (5, 5, "MISC")], {("Kora", "develops", "Delta", "asserted")}),

    # "X prend une participation dans son capital": the capital is someone else's, not X's
    "possessive-owner-after-a-preposition-is-not-the-subject": ("""
Kora Kora PROPN nsubj 2
grandit grandir VERB ROOT 0
. . PUNCT punct 2
Brenor Brenor PROPN nsubj 5
prend prendre VERB ROOT 0
une un DET det 7
participation participation NOUN obj 5
dans dans ADP case 10
son son DET det 10 Poss=Yes
capital capital NOUN nmod 7
. . PUNCT punct 5
""", [(1, 1, "ORG"), (4, 4, "ORG")], {("Brenor", "acquiresStakeIn", "Kora", "asserted")}),

    # a fronted participle whose main clause's verb the tagger took for a noun ("compte" NOUN): the described
    # subject is the noun phrase right after the comma; each coordinated agent is a founder
    "fronted-participle-main-verb-read-as-noun": ("""
Fondée fonder VERB ROOT 0 Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part
en en ADP case 3
2015 2015 NUM obl:mod 1 NumType=Card
par par ADP case 5
Julie Julie PROPN obl:agent 1 Gender=Fem|Number=Sing
Marceau Marceau PROPN flat:name 5
et et CCONJ cc 8
Hugo Hugo PROPN conj 5
Bastide Bastide PROPN flat:name 8
, , PUNCT punct 12
Brindel Brindel PROPN amod 12
compte compte NOUN conj 1 Gender=Masc|Number=Sing
aujourd’hui aujourd’hui ADV advmod 12
40 40 NUM nummod 15 NumType=Card
salariés salarié NOUN nmod 12 Gender=Masc|Number=Plur
. . PUNCT punct 1
""", [(5, 6, "PER"), (8, 9, "PER"), (11, 11, "ORG")],
        {("Julie Marceau", "founded", "Brindel", "asserted"), ("Hugo Bastide", "founded", "Brindel", "asserted")}),

    # the second of two coordinated fronted participles ("Installé à …, et créé par …, X …") describes X too
    "second-fronted-participle": ("""
Installé installer VERB advcl 14 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
à à ADP case 3
Rennes Rennes PROPN obl:arg 1 Gender=Masc|Number=Sing
et et CCONJ cc 5
créé créer VERB conj 1 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
en en ADP case 7
2008 2008 NUM obl:mod 5 NumType=Card
par par ADP case 9
Paul Paul PROPN obl:agent 5 Gender=Masc|Number=Sing
Lemoine Lemoine PROPN flat:name 9
, , PUNCT punct 14
Ostrya Ostrya PROPN nsubj 14
est être AUX aux:pass 14 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
devenu devenir VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
le le DET det 16 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
leader leader NOUN xcomp 14 Gender=Masc|Number=Sing
du de ADP case 18 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
secteur secteur NOUN nmod 16 Gender=Masc|Number=Sing
. . PUNCT punct 14
""", [(3, 3, "LOC"), (9, 10, "PER"), (12, 12, "ORG")],
        {("Paul Lemoine", "founded", "Ostrya", "asserted"), ("Ostrya", "basedIn", "Rennes", "asserted")}),

    # a relative hung on the last noun of an apposition ("une juriste passée par Danone, qui la préside"): when
    # that noun does not fit the frame, the noun the phrase nests in does; "la" is the company named before
    "relative-on-a-nested-noun": ("""
Kestrel Kestrel PROPN nsubj 2 Gender=Masc|Number=Sing
recrute recruter VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
. . PUNCT punct 2
La le DET det 5 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
société société NOUN nsubj:pass 8 Gender=Fem|Number=Sing
a avoir AUX aux:tense 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
été être AUX aux:pass 8 Tense=Past|VerbForm=Part
créée créer VERB ROOT 0 Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
par par ADP case 10
Marie Marie PROPN obl:agent 8
Lenoir Lenoir PROPN flat:name 10
, , PUNCT punct 14
une un DET det 14 Definite=Ind|Gender=Fem|Number=Sing|PronType=Art
juriste juriste NOUN conj 8 Gender=Fem|Number=Sing
passée passer VERB acl 14 Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part
par par ADP case 17
Danone danone NOUN obl:agent 15 Gender=Masc|Number=Sing
, , PUNCT punct 17
qui qui PRON nsubj 21 PronType=Rel
la le PRON obj 21 Gender=Fem|Number=Sing|Person=3
préside préside VERB acl:relcl 17 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
toujours toujours ADV advmod 21
. . PUNCT punct 8
""", [(1, 1, "ORG"), (10, 11, "PER"), (17, 17, "ORG")],
        {("Marie Lenoir", "founded", "Kestrel", "asserted"), ("Marie Lenoir", "leads", "Kestrel", "asserted"),
         ("Marie Lenoir", "worksFor", "Danone", "asserted")}),

    # … but the search stays inside the noun phrase: the clause's subject is no antecedent of the relative
    "relative-does-not-climb-to-the-clause-subject": ("""
Marie Marie PROPN nsubj 4 Gender=Fem|Number=Sing
Lenoir Lenoir PROPN flat:name 1
a avoir AUX aux:tense 4 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
rencontré rencontrer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
le le DET det 6 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
patron patron NOUN obj 4 Gender=Masc|Number=Sing
de de ADP case 8
Danone danone NOUN nmod 6 Gender=Masc|Number=Sing
, , PUNCT punct 8
qui qui PRON nsubj 11 PronType=Rel
préside préside VERB acl:relcl 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
Kestrel Kestrel PROPN obj 11
. . PUNCT punct 4
""", [(1, 2, "PER"), (8, 8, "ORG"), (12, 12, "ORG")], set()),

    # a passive under a modal ("devrait être remplacée par X"): the theme is the modal's subject
    "passive-under-a-modal": ("""
Anne Anne PROPN nsubj 4 Gender=Fem|Number=Sing
Roy Roy PROPN flat:name 1
devrait devoir VERB aux 4 Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
partir partir VERB ROOT 0 VerbForm=Inf
. . PUNCT punct 4
Elle lui PRON nsubj 7 Gender=Fem|Number=Sing|Person=3
devrait devoir VERB ROOT 0 Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
être être AUX aux:pass 9 VerbForm=Inf
remplacée remplacer VERB xcomp 7 Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
par par ADP case 11
Marc Marc PROPN obl:agent 9 Gender=Masc|Number=Sing
Petit Petit PROPN flat:name 11
. . PUNCT punct 7
""", [(1, 2, "PER"), (11, 12, "PER")], {("Marc Petit", "succeeds", "Anne Roy", "expected")}),

    # "développé par le japonais X et l'américain Y": the parser hangs Y on the name X inside its description; the
    # modal "pourrait" misread as an adjective: the subject is the name on its left
    "coordinated-described-agents-and-a-lost-modal-subject": ("""
Si si SCONJ mark 2
autorisé autoriser VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
, , PUNCT punct 4
Neurix Neurix PROPN appos 2
pourrait pouvoir VERB amod 2 Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
concurrencer concurrencer VERB xcomp 5
le le DET det 8 Definite=Def|Gender=Masc|Number=Sing
Donanemab Donanemab PROPN obj 6 Gender=Masc|Number=Sing
, , PUNCT punct 10
développé développer VERB acl 8 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
par par ADP case 13
le le DET det 13 Definite=Def|Gender=Masc|Number=Sing
suisse suisse ADJ obl:agent 10 Gender=Masc
Roche Roche PROPN flat:name 13 Gender=Masc|Number=Sing
et et CCONJ cc 18
l’ le DET det 18 Definite=Def|Number=Sing
américain américain ADJ amod 18 Gender=Masc|Number=Sing
Lilly Lilly PROPN conj 14
. . PUNCT punct 2
""", [(4, 4, "ORG"), (8, 8, "MISC"), (14, 14, "ORG"), (18, 18, "ORG")],
        {("Roche", "develops", "Donanemab", "asserted"), ("Lilly", "develops", "Donanemab", "asserted"),
         ("Neurix", "competesWith", "Donanemab", "expected")}),

    # the subject before an incidental phrase between commas ("X, en revanche, n'a pas adhéré à Y")
    "subject-before-an-incidental-phrase": ("""
Valdo Valdo PROPN obl:mod 9 Gender=Masc|Number=Sing
, , PUNCT punct 9
en en ADP case 4
revanche revanche NOUN obl:mod 9 Gender=Fem|Number=Sing
, , PUNCT punct 9
n’ ne ADV advmod 9 Polarity=Neg
a avoir AUX aux:tense 9 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
pas pas ADV advmod 9 Polarity=Neg
adhéré adhérer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
à à ADP case 11
Unifed Unifed PROPN obl:arg 9
. . PUNCT punct 9
""", [(1, 1, "ORG"), (11, 11, "ORG")], {("Valdo", "memberOf", "Unifed", "negated")}),

    # … but not past a name between the commas
    "no-subject-past-a-name-between-commas": ("""
Valdo Valdo PROPN obl:mod 9 Gender=Masc|Number=Sing
, , PUNCT punct 9
selon selon ADP case 4
Orvane Orvane PROPN obl:mod 9
, , PUNCT punct 9
n’ ne ADV advmod 9 Polarity=Neg
a avoir AUX aux:tense 9 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
pas pas ADV advmod 9 Polarity=Neg
adhéré adhérer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
à à ADP case 11
Unifed Unifed PROPN obl:arg 9
. . PUNCT punct 9
""", [(1, 1, "ORG"), (4, 4, "ORG"), (11, 11, "ORG")], set()),

    # a name the tagger calls a common noun, after its verb with no preposition, is its object too
    "bare-object-name-tagged-as-a-noun": ("""
Unifed Unifed PROPN nsubj 2
regroupe regrouper VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
Frichti Frichti PROPN obj 2
, , PUNCT punct 5
Cuistot cuistot NOUN obl:mod 2 Gender=Masc|Number=Sing
Express Express PROPN flat:name 5
. . PUNCT punct 2
""", [(1, 1, "ORG"), (3, 3, "ORG"), (5, 6, "ORG")],
        {("Frichti", "memberOf", "Unifed", "asserted"), ("Cuistot Express", "memberOf", "Unifed", "asserted")}),

    # "recruter": after the swap, the recruited person is the subject of worksFor
    "recruited-works-for-the-recruiter": ("""
Ombrel Ombrel PROPN nsubj 3
a avoir AUX aux:tense 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
recruté recruter VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
Paul Paul PROPN obj 3 Gender=Masc|Number=Sing
Girard Girard PROPN flat:name 4
. . PUNCT punct 3
""", [(1, 1, "ORG"), (4, 5, "PER")], {("Paul Girard", "worksFor", "Ombrel", "asserted")}),

    # an object relative the parser calls a subject ("Kalis, qu'elle développe"): "elle" is the subject, the
    # antecedent the object
    "object-relative-read-as-a-subject": ("""
Ombrel Ombrel PROPN nsubj 2
vend vendre VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
Kalis Kalis PROPN obj 2 Gender=Masc|Number=Sing
, , PUNCT punct 3
qu’ que PRON nsubj 7 PronType=Rel
elle lui PRON nsubj 7 Gender=Fem|Number=Sing|Person=3
développe développer VERB acl:relcl 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
depuis depuis ADP case 9
2019 2019 NUM obl:mod 7 NumType=Card
. . PUNCT punct 2
""", [(1, 1, "ORG"), (3, 3, "MISC")], {("Ombrel", "develops", "Kalis", "asserted")}),

    # "la jeune pousse" (a start-up), "pousse" read as a verb, is a description all the same; "où" is no subject:
    # a finite verb's lost subject is the referring word on its left
    "jeune-pousse-after-ou": ("""
Ombrel Ombrel PROPN nsubj 2 Gender=Masc|Number=Sing
ouvre ouvrir VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
un un DET det 4 Definite=Ind|Gender=Masc|Number=Sing|PronType=Art
bureau bureau NOUN obj 2 Gender=Masc|Number=Sing
à à ADP case 6
Madrid Madrid PROPN nmod 4 Gender=Masc|Number=Sing
, , PUNCT punct 2
où où PRON nsubj 12 PronType=Rel
la le DET det 10 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
jeune jeune ADJ nsubj 11 Number=Sing
pousse pousse VERB acl 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
affrontera affronter VERB advcl 2 Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin
l’ le DET det 14 Definite=Def|Number=Sing|PronType=Art
américain américain ADJ obj 12 Gender=Masc|Number=Sing
Farmwise Farmwise PROPN obj 12
. . PUNCT punct 2
""", [(1, 1, "ORG"), (6, 6, "LOC"), (15, 15, "ORG")], {("Ombrel", "competesWith", "Farmwise", "expected")}),

    "jeune-pousse-passive-theme": ("""
Ombrel Ombrel PROPN nsubj 2 Gender=Masc|Number=Sing
recrute recruter VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
. . PUNCT punct 2
La le DET det 5 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
jeune jeune ADJ nsubj 6 Number=Sing
pousse pousse VERB nsubj:pass 9 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
a avoir AUX aux:tense 9 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
été être AUX aux:pass 9 Tense=Past|VerbForm=Part
créée créer VERB ROOT 0 Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
par par ADP case 11
Léa Léa PROPN obl:agent 9 Gender=Fem|Number=Sing
Martin Martin PROPN flat:name 11
et et CCONJ cc 14
Paul Paul PROPN conj 11 Gender=Masc|Number=Sing
Roy Roy PROPN flat:name 14
. . PUNCT punct 9
""", [(1, 1, "ORG"), (11, 12, "PER"), (14, 15, "PER")],
        {("Léa Martin", "founded", "Ombrel", "asserted"), ("Paul Roy", "founded", "Ombrel", "asserted")}),

    # a participle agrees with the noun it describes: "la filiale du groupe Norcap fondé par X" (masculine) is the
    # group's founding, wherever the parser hung the participle
    "participle-agrees-with-its-noun": ("""
Kivo Kivo PROPN nsubj 2
recrute recruter VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
. . PUNCT punct 2
Ombrel Ombrel PROPN nsubj 5
signe signer VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
avec avec ADP case 7
Kivo Kivo PROPN obl:mod 5
, , PUNCT punct 10
la le DET det 10 Definite=Def|Gender=Fem|Number=Sing
filiale filiale NOUN appos 7 Gender=Fem|Number=Sing
du de ADP case 12 Definite=Def|Gender=Masc|Number=Sing
groupe groupe NOUN nmod 10 Gender=Masc|Number=Sing
Norcap Norcap PROPN nmod 12
fondé fonder VERB acl 10 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
par par ADP case 16
Paul Paul PROPN obl:agent 14 Gender=Masc|Number=Sing
Roy Roy PROPN flat:name 16
. . PUNCT punct 5
""", [(1, 1, "ORG"), (4, 4, "ORG"), (7, 7, "ORG"), (13, 13, "ORG"), (16, 17, "PER")],
        {("Paul Roy", "founded", "Norcap", "asserted"), ("Kivo", "subsidiaryOf", "Norcap", "asserted")}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_frames_survive_parser_mistakes(make_doc, name):
    table, ents, expected = CASES[name]
    assert relations_in(table, ents, make_doc) == expected


def test_first_group_verb_forms():
    forms = verb_forms("présider")
    assert forms["preside"] == forms["presidaient"] == forms["presidee"] == "presider"
    assert verb_forms("lancer")["lancait"] == "lancer"  # "lançait", folded
    assert verb_forms("diriger")["dirigeait"] == "diriger"
    assert verb_forms("naître") == {} and verb_forms("mettre au point") == {}
