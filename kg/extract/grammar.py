"""The grammar the frame engine reads: UD French dependency labels, prepositions and voice."""

from __future__ import annotations

from spacy.tokens import Token

#: Dependents that carry a preposition-introduced argument (the preposition is their ``case`` child).
OBLIQUE = {"obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "iobj", "acl", "advcl"}

#: Contracted and elided prepositions, folded to the form the lexicon uses.
PREPOSITIONS = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de"}

#: Links through which an argument spreads to its coordinated siblings ("X et Y").
CONJ = "conj"


def _prep(token: Token) -> str | None:
    """The preposition introducing ``token`` ("dans", "avec", "de"), with multiword ones joined."""
    words = [child for child in token.children if child.dep_ == "case"]
    if not words:
        return None
    parts = []
    for word in words:
        parts.append(PREPOSITIONS.get(word.lower_, word.lower_))
        parts.extend(fixed.lower_ for fixed in word.children if fixed.dep_ == "fixed")
    return " ".join(parts)


#: Reflexive clitics: with one, "est" is a pronominal verb's auxiliary ("s'en est pris à"), not a passive.
REFLEXIVE = {"se", "s'", "s’"}


def _is_passive(verb: Token) -> bool:
    if any(child.dep_ == "aux:pass" for child in verb.children):
        return not any(child.lower_ in REFLEXIVE and child.pos_ == "PRON" for child in verb.children)
    # "Kelvina, rachetée par Schneider": a bare past participle modifying a noun (no "a" auxiliary)
    return verb.dep_ == "acl" and "VerbForm=Part" in str(verb.morph) and "Tense=Past" in str(verb.morph) \
        and not any(child.dep_.startswith("aux") for child in verb.children)


def _with_conjuncts(token: Token) -> list[Token]:
    """A token and the nouns coordinated with it ("X et Y"), also when the parser hung the coordination on the name
    inside its description ("le japonais Eisai et l'américain Biogen": "Biogen" a conjunct of "Eisai")."""
    found = [token]
    for child in token.children:
        if child.dep_ == CONJ and child.pos_ in {"NOUN", "PROPN"}:
            found.append(child)
        elif child.dep_ in {"flat:name", "appos"} and child.i == token.i + 1:
            found.extend(c for c in child.children if c.dep_ == CONJ and c.pos_ in {"NOUN", "PROPN"})
    return found
