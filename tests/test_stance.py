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
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_stance_constructions(make_doc, name):
    table, ents, expected = CASES[name]
    assert relations_in(table, ents, make_doc) == expected
