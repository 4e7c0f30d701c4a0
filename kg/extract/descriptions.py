"""Descriptions: noun phrases that say what a name is ("la néobanque Kapita", "Son fondateur, Yanis Belkacem,",
"l'Américain"), their class (lexicon ``[typing.descriptions]``), their gender and their words; demonyms.

Shared by ``mentions`` (appositions, typing) and ``coref`` (what a description refers back to)."""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from ..model import Mention
from .access import feature, span_at
from .lexicon import Lexicon, fold


#: Entity types a pronoun can stand for.
PRONOUN_TYPES = {"Organization", "Authority", "Person", "Entity"}


def key_of(mention: Mention) -> str:
    return mention.text.lower()


def gender(token: Token) -> str | None:
    """"Fem" / "Masc" as the token's determiner, the token or its adjectives mark it, else None."""
    if "Part" in feature(token, "VerbForm"):
        return participle_gender(token)
    children = [c for c in _phrase_heads(token) if c.dep_ in {"det", "amod"}]
    # an adjective's ending is written, a noun's gender is the tagger's guess for unknown words ("l'agritech
    # toulousaine")
    adjectives = [c for c in children if c.dep_ == "amod" and c.pos_ == "ADJ"]
    for word in (*[c for c in children if c.dep_ == "det"], *adjectives, token):
        found = feature(word, "Gender")
        if found and len(found) == 1:
            return found[0]
    return None


def participle_gender(token: Token) -> str | None:
    """A past participle's gender from its ending, which the tagger often gets wrong: "nommée(s)" is feminine,
    "nommé", "pris", "élu" masculine (no masculine participle ends in -e)."""
    if "Past" not in feature(token, "Tense") and token.pos_ != "VERB":
        return None
    word = token.lower_.rstrip("s") if token.lower_.endswith(("es", "és", "is", "us", "ts")) else token.lower_
    return "Fem" if word.endswith("e") else "Masc"


def describe_names(doc: Doc, referents, lexicon: Lexicon, table) -> None:
    """Descriptions written against a name ("la néobanque Kapita", "Son fondateur, Yanis Belkacem,") are that
    name: linked before names are typed, since they say what the name is."""
    heads_of_names = {doc[i].head.i for i, kind in referents.kind_by_token.items() if kind == "name"}
    descriptions = lexicon.description_types
    for i, pos in enumerate(table.pos):
        if pos in {"NOUN", "PROPN"} and i not in referents.by_token \
                and (descriptions.get(table.lemma[i].lower()) or descriptions.get(table.lower[i])):
            token = doc[i]
            mention = named_description(doc, referents, lexicon, token, i in heads_of_names)
            if mention is not None:
                referents.by_token[i] = mention
                referents.kind_by_token[i] = "apposition"
                referents.descriptors.setdefault(key_of(mention), set()).update(_np_words(token))


def named_description(doc: Doc, referents, lexicon: Lexicon, token: Token, head_of_name: bool) -> Mention | None:
    """The name a description is written next to: "la biotech lyonnaise Cérébra", "son champion Mistral AI",
    "Son directeur général, Thomas Garnier,"."""
    if head_of_name and (token.pos_ == "NOUN" or token.text.islower() and _is_demonym(token.text, lexicon.lang)):
        # the parser says so: "son système X", "le japonais Eisai"
        child = next((c for c in token.children if c.dep_ in {"appos", "flat:name", "nmod"}
                      and referents.kind_by_token.get(c.i) == "name"
                      and not any(g.dep_ == "case" for g in c.children)), None)
        if child is not None:
            return referents.by_token[child.i]
    wanted = _description_head(token, lexicon)
    if wanted is None:
        return None
    # DESCRIPTION ADJ* (de NOUN ADJ*)? NAME — "le fabricant chinois de batteries Yuneng"
    position, end, after_de = token.i + 1, min(len(doc), token.i + 7), False
    while position < end:
        word = doc[position]
        if referents.kind_by_token.get(position) == "name":
            mention = referents.by_token[position]
            if doc[position - 1].pos_ in {"NOUN", "ADJ", "PROPN"} and _compatible(wanted, mention):
                return mention
            return None
        if word.pos_ == "ADJ" or word.pos_ == "NOUN" and (
                after_de or word.text.islower() and _is_demonym(word.text, lexicon.lang)):
            position += 1
            continue
        if word.text == "-" and not doc[position - 1].whitespace_ and position + 1 < end:
            position += 2  # "start-up", tokenised "start", "-", "up"
            continue
        if word.lower_ in {"de", "d'", "d’"} and not after_de and position + 1 < end \
                and doc[position + 1].pos_ == "NOUN":
            after_de = True
            position += 1
            continue
        break
    # DET DESCRIPTION …, NAME, — a description opening its clause, then the name between commas
    if wanted != "Person" or not any(c.dep_ == "det" for c in token.children):
        return None
    start = min(c.i for c in token.children if c.dep_ == "det")
    if start > token.sent.start and doc[start - 1].text != ",":
        return None
    position = token.i + 1
    while position < min(len(doc), token.i + 6) and doc[position].pos_ in {"ADJ", "NOUN", "ADP", "DET", "CCONJ"} \
            and position not in referents.by_token:
        position += 1
    if position + 1 < len(doc) and doc[position].text == "," \
            and referents.kind_by_token.get(position + 1) == "name":
        mention = referents.by_token[position + 1]
        after = span_at(doc, mention.start, mention.end).end
        if mention.type == "Person" and after < len(doc) and doc[after].text == ",":
            return mention
    return None


def agrees(mention: Mention, wanted: str | None) -> bool:
    """Whether a name of ``mention``'s type can be called by a description of class ``wanted``."""
    if wanted is None:  # pronoun: organisations, authorities and people, not places or laws
        return mention.type in PRONOUN_TYPES
    if wanted == "Authority":
        return mention.type in {"Authority", "Organization", "Place"}  # "Bruxelles" stands for the Commission
    if wanted == "Organization":
        return mention.type in {"Organization", "Entity", "Authority"}
    if wanted == "Person":
        return mention.type == "Person"
    return mention.type in {wanted, "Entity"}


def _compatible(wanted: str, mention: Mention) -> bool:
    """A description written against a name ("la biotech Cérébra") tells its type; only a person and a thing
    never share one."""
    return (wanted == "Person") == (mention.type == "Person")


def _is_definite(token: Token) -> bool:
    # "au fonds américain", "du groupe": the contracted preposition carries the definite article (singular: "aux
    # PME" are PME in general)
    return any(c.dep_ == "det" and ("Def" in feature(c, "Definite") or "Dem" in feature(c, "PronType"))
               or c.dep_ == "case" and "Def" in feature(c, "Definite") and "Plur" not in feature(c, "Number")
               for c in _phrase_heads(token))


def _phrase_heads(token: Token) -> list[Token]:
    """The children of a description's head, and of the first word of a two-word description ("la jeune pousse",
    parsed "la jeune" + a verb "pousse"), where its determiner hangs."""
    children = list(token.children)
    if token.i > 0 and token.pos_ not in {"NOUN", "PROPN"}:
        children += [c for c in token.doc[token.i - 1].children if c.i < token.i]
    return children


def compound_description(token: Token, lexicon: Lexicon) -> str | None:
    """The class of a two-word description ending at ``token`` ("jeune pousse"), whatever the tagger made of its
    words ("pousse" is often read as the verb "pousser")."""
    if token.i == 0 or token.is_sent_start:
        return None
    return lexicon.description_types.get(f"{token.doc[token.i - 1].lower_} {token.lower_}")


def _description_head(token: Token, lexicon: Lexicon) -> str | None:
    """The class a description noun phrase headed by ``token`` refers to, if its head is a known description."""
    compound = compound_description(token, lexicon)
    if compound is not None:
        return compound
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    return lexicon.description_types.get(token.lemma_.lower()) or lexicon.description_types.get(token.lower_)


def fronted_participle_before(doc: Doc, position: int, until: int) -> bool:
    """Whether token ``position`` lies in a clause-opening participle's adjunct that is still open at ``until``
    ("Fondée en 2019 par X et Y, …", "Rachetée par X, …"): no finite verb between the participle and ``until``."""
    sentence = doc[position].sent
    first = None
    for i in range(sentence.start, sentence.end):  # by index: an abandoned Span iterator is costly
        if not doc[i].is_punct and not doc[i].is_space:
            first = doc[i]
            break
    if first is None or not first.i < position < until or "Part" not in feature(first, "VerbForm"):
        return False
    for i in range(first.i, until):
        word = doc[i]
        if word.pos_ in {"VERB", "AUX"} and "Fin" in feature(word, "VerbForm"):
            return False
    return True


def _other_referent(child: Token) -> bool:
    """A complement that is a noun phrase of its own, "de l'homme d'affaires X" in "la holding de l'homme
    d'affaires X": it describes someone else."""
    return child.dep_ == "nmod" and any(c.dep_ == "case" for c in child.children) and \
        any(c.dep_ == "det" and "Def" in feature(c, "Definite") for c in child.children)


def _np_words(token: Token) -> set[str]:
    """Content words of a noun phrase: the head and its adjectives and noun modifiers."""
    words = {token.lemma_.lower()}
    stack = [token]
    while stack:  # the phrase's own modifiers, not the clauses that hang on it ("…, dirigée par X, menace …")
        for child in stack.pop().children:
            if child.dep_ in {"amod", "nmod", "flat:name", "compound", "fixed"} and child.pos_ in {"ADJ", "NOUN", "PROPN"} \
                    and abs(child.i - token.i) <= 6 and not _other_referent(child) \
                    and not any(c.dep_ == "case" and c.lower_ == "par" for c in child.children):  # an agent hung there
                words.add(child.lemma_.lower())
                stack.append(child)
    return words


__all__ = ["resolve", "agrees", "PRONOUNS", "POSSESSIVES", "WINDOW_SENTENCES", "fold"]


def _is_demonym(text: str, lang: str) -> bool:
    """"Marocain", "lyonnaise", "Franco-Canadienne" (a demonym, after combining forms in -o: "franco-")."""
    cities, countries = _demonyms(lang)
    *first, last = fold_name(text).split("-")
    return (last in cities or last in countries) and all(len(part) > 2 and part.endswith("o") for part in first)


@functools.lru_cache(maxsize=None)
def _demonyms(lang: str) -> tuple[dict, dict]:
    from .places import demonyms  # places imports this module
    return demonyms(lang)


def fold_name(text: str) -> str:
    return fold(text)
