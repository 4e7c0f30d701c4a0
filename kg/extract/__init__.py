"""Extraction: typed mentions and relations from one parsed article.

``extract(doc, article)`` yields the article's named :class:`~kg.model.Mention` s, then its
:class:`~kg.model.Relation` s. Everything language-specific comes from the lexicon
(``ontology/lexicon.<lang>.toml``); the modules here are the generic engine:

- ``mentions``   names (``name_spans``: which entity spans are names; ``names``: a name written again;
  ``appositions``: what is written against a name; ``institutions``: "la région Normandie"; ``descriptions``,
  ``coref``: what descriptions and pronouns refer to, with ``genders`` and ``salience``: how prominent an
  occurrence is in its clause; ``entity_types``: one type per name, by vote)
- ``frames``     verbal and nominal frames (``grammar``: dependency labels and voice; ``arguments``: a trigger's
  subjects, objects and owners, where the parse goes wrong too; ``surface``: readings of the word order where the
  parse is often wrong; ``adjuncts``: clause-opening participles, "Fondée en 2015 par X, Y …")
- ``roles``      roles, positions and careers (``holders``: who holds a role; ``role_words``: the lexicon's words
  for them)
- ``places``     demonyms, containment, nationality (``located``: seats, birth places, residences; ``described``:
  what a noun phrase refers to)
- ``qualifiers`` modality, attribution, amount, time (``timex``: dates in the text)
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from ..model import Article, Mention, Qualifiers, Relation
from .access import drop_sentence_index, sentence_index
from .frames import FrameMatcher
from .lexicon import Lexicon, load_lexicon
from .mentions import find_referents
from .qualifiers import qualifiers, time_qualifiers
from .places import find_places
from .role_words import role_words
from .roles import find_roles

__all__ = ["extract", "load_lexicon", "Lexicon"]


def extract(doc: Doc, article: Article, *, lexicon: Lexicon | None = None) -> Iterator[Mention | Relation]:
    """Mentions and relations of one article; ``doc`` is its parse (``doc.text == article.text``)."""
    sentence_index(doc, article.text)  # every pass asks for sentences: read their bounds once
    try:
        yield from _extract(doc, article, lexicon or load_lexicon(article.lang))
    finally:
        drop_sentence_index(doc)


def _extract(doc: Doc, article: Article, lexicon: Lexicon) -> Iterator[Mention | Relation]:
    referents = find_referents(doc, lexicon)
    roles = list(find_roles(doc, lexicon, referents))
    # A name inside a role's portfolio ("secrétaire d'État au Numérique") is part of the role, not an entity.
    inside_roles = [(r.role.start, r.role.end) for r in roles]
    names = [m for m in referents.names if not any(s <= m.start and m.end <= e for s, e in inside_roles)]
    dropped = {m for m in referents.names} - set(names)
    if dropped:
        referents.by_token = {i: m for i, m in referents.by_token.items() if m not in dropped}
    yield from names
    seen = set()
    for role in roles:
        sentence = role.trigger.sent
        # a role is described, not claimed: the sentence's main verb says nothing of it
        base = dict(sentence_start=sentence.start_char, sentence_end=sentence.end_char)
        pairs = []
        if role.frame.position:  # a title (minister, engineer); heads and founders are said by their relation
            yield role.role
            pairs.append(("holdsPosition", role.role, 0.85))
        if role.organisation is not None:  # one the governing clause is about is a guess: less sure
            pairs.append((role.frame.relation, role.organisation, 0.6 if role.inferred else 0.8))
        for predicate, target, confidence in pairs:
            key = (role.person.start, predicate, target.start, target.end)
            if key not in seen:
                seen.add(key)
                yield Relation(subject=role.person, predicate=predicate, object=target,
                               rule=f"role:{predicate}:{role.trigger.lemma_.lower()}"
                                    + (":topic" if role.inferred and target is role.organisation else ""),
                               confidence=confidence,
                               qualifiers=Qualifiers(modality=role.modality,
                                                     **time_qualifiers(role.trigger, sentence, article.lang,
                                                                       article_date=article.date)),
                               **base)
    for predicate, subject, object_, trigger, confidence in find_places(doc, referents, article.lang):
        key = (subject.start, predicate, object_.text)
        if key in seen:
            continue
        seen.add(key)
        sentence = trigger.sent
        yield Relation(subject=subject, predicate=predicate, object=object_, sentence_start=sentence.start_char,
                       sentence_end=sentence.end_char, rule=f"place:{predicate}", confidence=confidence)
    # "X, promu directeur de Y", "Y a promu X directrice": a verb that gives a role says what it says of the one
    # it appoints ("Y a nommé X" → X worksFor Y), nothing else ("promouvoir" also supports what it promotes)
    appointed = _appointed(roles, role_words(article.lang))
    matcher = FrameMatcher(lexicon, referents)
    for sentence in doc.sents:
        for frame, trigger, subjects, objects in matcher.match(sentence):
            found = qualifiers(trigger, sentence, lexicon, referents, article_date=article.date)
            for subject, subject_factor in subjects:
                if trigger.i in appointed and (subject.start, subject.end) not in appointed[trigger.i]:
                    continue
                for object_, object_factor in objects:
                    if subject.text == object_.text or (subject.start, subject.end) == (object_.start, object_.end):
                        continue
                    key = (subject.start, frame.relation, object_.start, object_.end, trigger.i)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield Relation(subject=subject, predicate=frame.relation, object=object_,
                                   sentence_start=sentence.start_char, sentence_end=sentence.end_char,
                                   rule=frame.id, confidence=round(frame.confidence * subject_factor * object_factor, 3),
                                   qualifiers=found)


def _appointed(roles, words) -> dict[int, set[tuple[int, int]]]:
    """The verbs that give a role found, and whom they appoint (by offsets): "promu directeur" (the role its
    object), "a nommé X PDG" (the role hung on the one appointed)."""
    verbs: dict[int, set] = {}
    for role in roles:
        token = role.trigger
        for _ in range(2):
            if token.dep_ not in {"obj", "xcomp", "nmod", "appos"} or token.head is token:
                break
            token = token.head
            if token.pos_ == "VERB" and words.lemma(token) in words.appointing:
                verbs.setdefault(token.i, set()).add((role.person.start, role.person.end))
                break
    return verbs
