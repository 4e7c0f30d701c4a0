"""Where things are, said by a participle or a seat: read on the surface, because the parser rarely attaches
such adjuncts where they belong.

- located participles and reflexive verbs (``[[located]]`` of ``ontology/places.<lang>.toml``): "Basée à Caen,
  Hydrane …", "Velotec, basé à Utrecht", "Biolex, le réseau de laboratoires basé à Marseille", "une
  coentreprise, baptisée Nordcell, qui sera basée à Douai", "L'Américain, installé à Miami", "Née en 1971 à
  Quimper, …", "Kalis s'installe à Nantes" (not "Sanofi a installé un laboratoire à Lyon") — the relation
  follows what is placed: an organisation's ``basedIn``, a person's ``residesIn`` / ``bornIn``; "dans la ville"
  is the town named just before;
- seats (``[headquarters]``): "Valmonde, dont le siège est à Rennes", "Veloria a inauguré son nouveau siège
  à Angers", "à Paris, où elle a toujours son siège" → ``basedIn``.

What a participle or a seat describes is read by :mod:`.described`.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from ..model import Mention
from .access import feature
from .lexicon import fold
from .described import DEFINITE, LOCATIVE, demonym_person, is_demonym, named, place_mention
from .mentions import Referents, token_table

#: Types that can have a seat.
ORGANISATIONS = {"Organization", "Authority", "Entity"}
#: Relative pronouns whose antecedent is the name before them ("Nordcell, qui sera basée à Douai").
RELATIVE = {"qui"}
#: How many words a place may come after its participle or seat noun ("Née en 1971 à Quimper").
REACH = 7


def _place_after(token: Token, referents: Referents, tables, verbs=frozenset()) -> tuple[Mention, Token] | None:
    """The first place introduced by "à"/"en"/"dans" within a few words after ``token``, in its clause (no
    verb between them but ``verbs``: "dont le siège se trouve à Hangzhou")."""
    doc = token.doc
    end = min(token.i + 1 + REACH, token.sent.end)
    position = token.i + 1
    while position < end:
        word = doc[position]
        if word.text in {",", ";", ":", "(", "«"} or word.pos_ in {"SCONJ", "CCONJ"} or fold(word.text) == "par" \
                or word.pos_ in {"VERB", "AUX"} and fold(word.lemma_) not in verbs:
            return None
        if fold(word.text) in LOCATIVE:
            target = position + 1
            while target < end and doc[target].pos_ == "DET":
                target += 1
            if target < end and fold(doc[target].text) in tables.towns and doc[target - 1].pos_ == "DET":
                # "dans la ville de Porto"; "Née dans la ville en 1984": the town named before
                after = doc[target + 2] if target + 2 < len(doc) and fold(doc[target + 1].text) in {"de", "d'"} \
                    else None
                if after is not None and referents.kind_by_token.get(after.i) == "name":
                    return place_mention(referents.get(after)), word
                town = _town_before(doc[target], referents, tables)
                if town is not None:
                    return place_mention(town), word
                position = target + 1
                continue
            mention = referents.get(doc[target]) if target < end else None
            if mention is not None and _is_place(mention, referents.kind_by_token.get(target), tables):
                return place_mention(mention), word
        position += 1
    return None


def _town_before(noun: Token, referents: Referents, tables) -> Mention | None:
    """The town "la ville" stands for: the last town named within the previous sentences (a town the tables
    know, or a place name written after "à")."""
    doc = noun.doc
    start = doc[max(0, noun.sent.start - 1)].sent.start
    start = doc[max(0, start - 1)].sent.start
    for i in range(noun.i - 1, start - 1, -1):
        mention = referents.get(doc[i])
        if mention is None or referents.kind_by_token.get(i) != "name" or mention.start != doc[i].idx:
            continue
        if fold(mention.text) in tables.cities_known or \
                mention.type == "Place" and i > 0 and fold(doc[i - 1].text) in {"a"} and \
                fold(mention.text) not in tables.known:
            return mention
    return None


def _is_place(mention: Mention, kind: str | None, tables) -> bool:
    """A name typed a place (or untyped), or any mention of a place the tables know ("la ville" for Angers)."""
    if fold(mention.text) in tables.known:
        return True
    return kind == "name" and mention.type in {"Place", "Entity"}


def _agree(participle: Token, noun: Token) -> bool:
    """Gender and number agreement of a participle with a common noun or pronoun (names carry none)."""
    if noun.pos_ not in {"NOUN", "PRON"}:
        return True
    for name in ("Gender", "Number"):
        a, b = feature(participle, name), feature(noun, name)
        if a and b and a != b:
            return False
    return True


def _antecedent(token: Token, referents: Referents, tables) -> Mention | None:
    """The referent right before ``token`` (a comma between them allowed): "Nordcell, qui …"."""
    doc = token.doc
    position = token.i - 1
    if position >= 0 and doc[position].text == ",":
        position -= 1
    if position < 0:
        return None
    word = doc[position]
    return named(word, referents, tables) if word.pos_ in {"NOUN", "PROPN"} else referents.get(word)


def _preposed(participle: Token) -> bool:
    """Is the participle inside a clause-opening adjunct ("Créée en 2018 et installée à Saint-Denis, l'ANII")?"""
    sentence = participle.sent
    for word in sentence.doc[sentence.start: participle.i]:
        if word.text == "," or word.pos_ in {"AUX", "PRON"} or \
                word.pos_ == "VERB" and "VerbForm=Part" not in str(word.morph):
            return False
    first = sentence.doc[sentence.start]
    return first.i == participle.i or "VerbForm=Part" in str(first.morph)


def _sentence_end(token: Token) -> int:
    """Where ``token``'s sentence ends; the next one's end when the parser cut it at a comma or without a full
    stop ("Basée à Lyon | , Hélios Assurances revendique …")."""
    doc = token.doc
    end = token.sent.end
    last = doc[end - 1]
    if end < len(doc) and last.text not in {".", "!", "?", "…"} and "\n" not in last.text and \
            not doc[end].is_space:
        return doc[end].sent.end
    return end


def _after_adjunct(participle: Token, referents: Referents, tables, person_only: bool) -> Mention | None:
    """The subject a clause-opening adjunct describes: the first referent after the comma that closes it (the
    adjunct may go on after a comma with a preposition: "Née en 1971 à Quimper, dans le Finistère, …"). When
    only a person can be so placed ("Née"), a definite noun there is the person named just before."""
    doc = participle.doc
    end = _sentence_end(participle)
    position = participle.i + 1
    while position < end:
        if doc[position].text != ",":
            position += 1
            continue
        following = doc[position + 1] if position + 1 < end else None
        if following is None or following.pos_ == "ADP":
            position += 1
            continue
        for word in doc[position + 1: min(position + 5, end)]:
            mention = referents.get(word)
            if is_demonym(word, tables):  # "Née à Montréal, la Franco-Canadienne dirige …"
                mention = demonym_person(word, referents)
            elif mention is None and person_only and word.pos_ == "NOUN" \
                    and fold(doc[word.i - 1].text) in DEFINITE:  # "Née à Quimper, cette ingénieure …"
                mention = demonym_person(word, referents)
            if mention is not None:
                return mention
            if word.pos_ not in {"DET", "NOUN", "PROPN", "ADJ"}:
                return None
        return None
    return None


def _placed(participle: Token, referents: Referents, tables, person_only: bool = False) -> Mention | None:
    """What a located participle describes."""
    for child in participle.children:  # "Kelvina est basée à Nantes", "… qui sera basée à Douai"
        if child.dep_ in {"nsubj", "nsubj:pass"}:
            if child.lower_ in RELATIVE:
                return _antecedent(child, referents, tables)
            return (named(child, referents, tables) if child.pos_ in {"NOUN", "PROPN"} else referents.get(child)) \
                if _agree(participle, child) else None
    if _preposed(participle):
        return _after_adjunct(participle, referents, tables, person_only)
    doc = participle.doc
    position = participle.i - 1
    while position > 0 and doc[position].pos_ == "ADV":
        position -= 1
    if doc[position].text == "," and position > 0:  # "Velotec, basé à Utrecht", "L'Américain, installé à Miami"
        word = doc[position - 1]
        if word.pos_ in {"NOUN", "PROPN", "PRON"} and _agree(participle, word):
            mention = named(word, referents, tables) if word.pos_ != "PRON" else referents.get(word)
            if is_demonym(word, tables):
                mention = demonym_person(word, referents)
            return mention
        return None
    if participle.dep_ in {"acl", "amod"} and participle.head.pos_ in {"NOUN", "PROPN"}:
        noun = _agreeing_head(participle)  # "le réseau de laboratoires basé à Marseille"
        return named(noun, referents, tables) if noun is not None else None
    return None


def _agreeing_head(participle: Token, steps: int = 3) -> Token | None:
    """The noun a participle hanging from a noun describes: that noun if they agree; else, when the parser hung
    it on the complement of a noun phrase ("un fonds spécialisé dans la santé basé à Londres": on "santé"), the
    first noun up the phrase, before the participle and in its clause, that agrees ("fonds")."""
    noun = participle.head
    for _ in range(steps):
        if noun.pos_ in {"NOUN", "PROPN"} and _agree(participle, noun):
            return noun
        noun = noun.head
        if noun.i >= participle.i or noun.pos_ not in {"NOUN", "PROPN", "ADJ"} or noun.head is noun:
            return None
    return None


def find_located(doc: Doc, referents: Referents, tables) -> Iterator[tuple[str, Mention, Mention, Token, float]]:
    """Yields ``(relation, subject, object, trigger, confidence)`` for located participles and seats."""
    table = token_table(doc, referents)
    for i, lemma in enumerate(table.folded_lemma):
        relations = tables.located.get(lemma) or tables.located.get(table.folded_text[i])
        if relations is not None and table.pos[i] in {"VERB", "ADJ"}:
            token = doc[i]
            if "VerbForm=Part" not in str(token.morph) and table.pos[i] != "ADJ" and not _reflexive(token) \
                    and not relations.get("finite"):
                continue
            found = _place_after(token, referents, tables)
            if found is None or _active(token, found[1]):
                continue
            place, trigger = found
            subject = _placed(token, referents, tables, set(relations) == {"person"})
            if subject is None or subject.text == place.text:
                continue
            relation = _relation_for(subject, relations, tables)
            if relation is not None:
                yield relation, _typed(subject, relation), place, token, 0.7
        elif table.pos[i] == "NOUN" and table.folded_text[i] in tables.seat_words and \
                any(tuple(table.folded_text[i: i + len(words)]) == words
                                            for words in tables.seat_nouns):
            yield from _seat(doc[i], referents, tables)


def _reflexive(verb: Token) -> bool:
    """"Kalis s'installe à Nantes": the subject itself is placed."""
    return any(c.dep_.startswith("expl") and fold(c.text) in {"se", "s'"} for c in verb.children)


def _active(participle: Token, locative: Token) -> bool:
    """A compound tense with "avoir" or a direct object before the place: "qui a installé un laboratoire à
    Lyon" places the laboratory, not the subject."""
    return any(c.dep_ == "obj" and c.i < locative.i or c.dep_ == "aux:tense" and c.lemma_ == "avoir"
               for c in participle.children)


def _relation_for(subject: Mention, relations: dict, tables) -> str | None:
    if subject.type == "Person":
        return relations.get("person")
    if relations.get("finite"):  # "la société vit une crise": only people live somewhere
        return None
    if subject.type in ORGANISATIONS:
        return relations.get("organisation")
    if subject.type == "Place":
        if "place" in relations:
            return relations["place"]
        if fold(subject.text) not in tables.known:  # "Nordcell, qui sera basée à Douai": a name spaCy mistyped
            return relations.get("organisation")
    return None


def _typed(subject: Mention, relation: str) -> Mention:
    if relation == "basedIn" and subject.type == "Place":
        return Mention(subject.start, subject.end, subject.text, "Organization", subject.kind)
    return subject


def seat_owner(noun: Token, referents: Referents, tables) -> Mention | None:
    """Whose seat: "son siège", "le siège de X", "X, dont le siège …"."""
    doc = noun.doc
    for child in noun.children:
        if child.dep_ == "det" and "Poss=Yes" in str(child.morph) or \
                child.dep_ == "nmod" and any(fold(c.text) in {"de", "du", "d'"} for c in child.children):
            mention = referents.get(child)
            if mention is not None:
                return mention
    for word in reversed(doc[max(0, noun.i - 3): noun.i]):
        if "Poss=Yes" in str(word.morph):
            if referents.get(word) is None and noun.dep_ == "obj":  # "Veloria a inauguré son siège à Angers"
                subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
                return referents.get(subject) if subject is not None else None
            return referents.get(word)
        if word.lower_ == "dont":
            return _antecedent(word, referents, tables)
        if word.pos_ not in {"DET", "ADJ"}:
            break
    return None


def _seat(noun: Token, referents: Referents, tables) -> Iterator[tuple]:
    """"X, dont le siège est à Rennes", "son nouveau siège à Angers", "à Paris, où elle a son siège"."""
    if "Number=Plur" in str(noun.morph):
        return
    owner = seat_owner(noun, referents, tables)
    if owner is None or not (owner.type in ORGANISATIONS or owner.type == "Place"
                             and fold(owner.text) not in tables.known):
        return
    found = _place_after(noun, referents, tables, tables.seat_verbs)
    if found is None:  # "à Paris, où elle a toujours son siège": the place the relative "où" stands for
        doc = noun.doc
        where = next((w for w in reversed(doc[max(noun.sent.start, noun.i - 6): noun.i]) if w.lower_ == "où"), None)
        if where is not None and where.i >= 2 and doc[where.i - 1].text == ",":
            place = referents.get(doc[where.i - 2])
            if place is not None and _is_place(place, referents.kind_by_token.get(where.i - 2), tables):
                found = place_mention(place), where
    if found is not None and found[0].text != owner.text:
        yield "basedIn", _typed(owner, "basedIn"), found[0], noun, 0.75
