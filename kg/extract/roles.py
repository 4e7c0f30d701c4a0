"""Roles: "Anne Dupont, directrice générale de Renault", "l'ancien secrétaire d'État au Numérique Cédric O".

A role noun from the lexicon linked to a person — by apposition, by a comma right before or after the name,
or by a copula ("X est PDG de Y") — gives ``holdsPosition`` (person → role text), and the role's
organisation ("de Y", "chez Y") gives the role frame's relation (``leads``, ``worksFor``, ``founded`` …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Token

from ..model import Mention
from .frames import _prep
from .lexicon import Frame, Lexicon, match_phrase
from .mentions import Referents, referent_in_phrase, token_table

#: Modifiers before a role noun that say when, not what ("l'ancien ministre", "la nouvelle secrétaire").
TIME_ADJECTIVES = {"ancien", "ancienne", "nouveau", "nouvel", "nouvelle", "futur", "future", "actuel", "actuelle",
                   "ex", "ex-", "éphémère", "précédent", "précédente"}


@dataclass(frozen=True)
class RoleMatch:
    frame: Frame
    trigger: Token
    role: Mention
    person: Mention
    organisation: Mention | None
    former: bool


def find_roles(doc: Doc, lexicon: Lexicon, referents: Referents) -> Iterator[RoleMatch]:
    found: dict[int, tuple] = {}
    table = token_table(doc, referents)
    index = lexicon.role_index
    for i, pos in enumerate(table.pos):
        if pos not in {"NOUN", "PROPN", "ADJ"} or \
                not (index.get(table.folded_lemma[i]) or index.get(table.folded_text[i])):
            continue  # no role word starts here (see match_phrase)
        token = doc[i]
        if "Number=Plur" in str(token.morph):
            continue  # "les dirigeants", "ses fondateurs": not one person's role
        match = _role_at(token, lexicon, table)
        if match is None:
            continue
        frame, length = match
        role_end = _role_extent(token, length, referents)
        person = _person(token, doc, role_end, referents, frame.subject_types or frozenset({"Person"}))
        found[token.i] = (frame, role_end, person, _organisation(token, role_end, referents))
    # "cofondatrice et présidente de Cirrus": roles joined by "et" or a comma share person and organisation
    ordered = sorted(found)
    for first, second in zip(ordered, ordered[1:]):
        end = doc.char_span(found[first][1] - 1, found[first][1], alignment_mode="expand")
        between = doc[end.end: second] if end is not None else doc[first + 1: second]
        if len(between) <= 2 and all(t.lower_ in {"et", ",", "&"} for t in between):
            for a, b in ((first, second), (second, first)):
                frame, role_end, person, organisation = found[a]
                found[a] = (frame, role_end, person or found[b][2], organisation or found[b][3])
    for index, (frame, role_end, person, organisation) in found.items():
        token = doc[index]
        if person is None:
            continue
        # the text of the role's tokens (it ends at a token's end), not Doc.text: that joins the whole article again
        span = doc.char_span(token.idx, role_end)
        text = span.text if span is not None else doc.text[token.idx: role_end]
        role = Mention(start=token.idx, end=token.idx + len(text), text=text, type="Role", kind="name")
        former = any(c.lower_ in {"ancien", "ancienne", "ex", "ex-"} for c in token.children)
        yield RoleMatch(frame, token, role, person, organisation, former)


def _organisation(token: Token, role_end: int, referents: Referents) -> Mention | None:
    """The organisation of a role: "de Y", "chez Y", or a possessive ("son PDG" → the owner)."""
    for child in token.children:
        if child.dep_ in {"nmod", "obl:mod", "obl"} and _prep(child) in {"de", "chez"} and child.idx >= role_end:
            candidate = referent_in_phrase(child, referents)
            if candidate is not None and candidate.type in {"Organization", "Authority", "Entity"}:
                return candidate
        if child.dep_ == "det" and "Poss=Yes" in str(child.morph):
            candidate = referents.get(child)
            if candidate is not None and candidate.type in {"Organization", "Authority"}:
                return candidate
    return None


def _role_at(token: Token, lexicon: Lexicon, table=None):
    matched = match_phrase(lexicon.role_index, token, table)
    return matched[0] if matched else None


def _role_extent(token: Token, length: int, referents: Referents) -> int:
    """End offset of the role text: the trigger words plus a portfolio ("au Numérique", "de l'Économie"),
    stopping before a person, an organisation or punctuation."""
    doc = token.doc
    last = doc[token.i + length - 1]
    position = token.i + length
    trigger_end = last.idx + len(last.text)
    while position < len(doc):
        candidate = doc[position]
        if candidate.is_punct or candidate.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ", "PRON"}:
            break
        mention = referents.get(candidate)
        if mention is not None and mention.start < trigger_end:
            mention = None  # a name spaCy found across the role's own words ("Etat au Numérique")
        if mention is not None and referents.kind_by_token.get(candidate.i) == "name":
            if mention.type in {"Person", "Organization", "Authority", "Entity"}:
                # an organisation right after "de" ends the role ("directrice générale de Renault")
                break
        if candidate.pos_ == "ADP" and candidate.head.i > candidate.i:
            named = referent_in_phrase(candidate.head, referents)
            if named is not None and named.start >= trigger_end and \
                    named.type in {"Person", "Organization", "Authority", "Entity"}:
                break  # "directrice générale de Renault", "filiale du groupe bancaire Banca Adriatica"
        if candidate.pos_ in {"ADP", "DET"} or candidate.lower_ in {"d'", "d’"}:
            following = doc[position + 1] if position + 1 < len(doc) else None
            while following is not None and following.pos_ == "DET":
                following = doc[following.i + 1] if following.i + 1 < len(doc) else None
            named = referents.get(following) if following is not None else None
            if named is not None and named.start < trigger_end:
                named = None
            if following is None or named is not None and referents.kind_by_token.get(following.i) == "name" \
                    and named.type in {"Person", "Organization", "Authority", "Entity"}:
                break
            position += 1
            continue
        if candidate.pos_ in {"NOUN", "PROPN", "ADJ"} and candidate.head.i in range(token.i, position + 1) \
                or candidate.pos_ in {"NOUN", "PROPN", "ADJ"} and doc[position - 1].pos_ in {"ADP", "DET"}:
            last = candidate
            position += 1
            continue
        break
    return last.idx + len(last.text)


def _person(token: Token, doc: Doc, role_end: int, referents: Referents, types: frozenset) -> Mention | None:
    """Who holds the role (for relational nouns such as "filiale", "concurrent": which organisation)."""
    def person_at(t: Token | None):
        if t is None:
            return None
        mention = referents.get(t)
        return mention if mention is not None and mention.type in types else None

    # "le secrétaire d'État Cédric O": the name is the role's appos / flat child
    for child in token.children:
        if child.dep_ in {"appos", "flat:name", "nmod"} and child.idx >= role_end and person_at(child):
            if child.i == token.i + 1 or doc[child.i - 1].idx + len(doc[child.i - 1].text) <= role_end + 2 or \
                    doc[child.i - 1].text == ",":
                return person_at(child)
    # "la secrétaire d'État au Numérique, Marina Ferrari," / "… au Numérique Cédric O"
    after = doc.char_span(role_end, role_end + 1, alignment_mode="expand")
    if after is not None:
        index = after.start
        if index < len(doc) and doc[index].text == ",":
            index += 1
        if index < len(doc) and person_at(doc[index]):
            return person_at(doc[index])
    # "Anne Dupont, directrice générale de …" / "Anne Dupont, l'ancienne ministre"
    start = token.i - 1
    while start >= 0 and (doc[start].pos_ in {"DET", "ADJ"} or doc[start].lower_ in TIME_ADJECTIVES):
        start -= 1
    if start >= 1 and doc[start].text == "," and person_at(doc[start - 1]):
        return person_at(doc[start - 1])
    # "Filiale du groupe Medaxis depuis 2019, Labonord exploite …": a clause-initial role describes the subject
    sentence = token.sent
    if all(t.is_punct or t.pos_ in {"DET", "ADJ"} for t in sentence if t.i < token.i):
        comma = next((t for t in sentence if t.i > token.i and t.text == ","), None)
        if comma is not None and comma.i + 1 < sentence.end:
            following = next((t for t in doc[comma.i + 1: min(comma.i + 5, sentence.end)]
                              if t.pos_ not in {"DET", "ADJ"}), None)
            if person_at(following):
                return person_at(following)
    # "X est PDG de Y", "X, devenu PDG", "X a joué le rôle de lobbyiste"
    head = token.head
    if head.lemma_ in {"rôle", "poste", "fonction", "titre"}:
        head = head.head
    if any(child.dep_ == "cop" for child in token.children):
        head = token
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubj:pass"} and person_at(child):
            return person_at(child)
    if token.dep_ in {"appos", "nmod"} and person_at(token.head):
        return person_at(token.head)
    return None
