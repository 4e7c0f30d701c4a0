"""Places said without a name: demonyms and "X, en Y".

- "la biotech lyonnaise Cérébra", "le champion roubaisien" → the organisation ``basedIn`` the city;
- "l'investisseur suisse Marco Bernasconi", "Ce Marocain de 45 ans" → the person's ``nationality``;
- "à Gand, en Belgique", "à Hangzhou, dans la province du Zhejiang", "Douai (Nord)" → ``locatedIn``.

The demonym tables are data (``ontology/places.<lang>.toml``).
"""

from __future__ import annotations

import functools
import sys
from typing import Iterator

from spacy.tokens import Doc, Token

from ..model import Mention
from ..vocab import ONTOLOGY_DIR
from .lexicon import fold
from .mentions import Referents, token_table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Words between two places that make the second contain the first ("à Gand, en Belgique").
CONTAINER_WORDS = {"en", "dans", "au", "aux", "le", "la", "les", "l'", "l’", "du", "de", "d'", "d’", "province",
                   "région", "département", "état", "comté", "canton", "(", ","}


@functools.lru_cache(maxsize=None)
def demonyms(lang: str = "fr") -> tuple[dict, dict]:
    """(city demonyms, country demonyms): folded form (all genders and numbers) -> place name."""
    path = ONTOLOGY_DIR / f"places.{lang}.toml"
    if not path.exists():
        return {}, {}
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    tables = []
    for section in ("cities", "countries"):
        table = {}
        for word, place in data.get(section, {}).items():
            for form in _forms(fold(word)):
                table.setdefault(form, place)
        tables.append(table)
    return tables[0], tables[1]


def _forms(word: str) -> set[str]:
    """Masculine singular -> the four forms: lyonnais/lyonnaise(s), parisien/parisienne(s), belge(s)."""
    forms = {word, word + "s"}
    if word.endswith("en"):
        forms |= {word + "ne", word + "nes"}
    elif word.endswith("e"):
        pass
    elif word.endswith("s"):
        forms |= {word + "e", word + "es"}
    elif word.endswith("eau"):
        forms |= {word[:-3] + "elle", word[:-3] + "elles", word + "x"}
    elif word.endswith("c"):  # turc → turque, grec → grecque
        forms |= {word + "que", word + "ques", word + "que"}
    else:
        forms |= {word + "e", word + "es"}
    return forms


def _place(token: Token, table: dict) -> Mention | None:
    place = table.get(fold(token.text))
    if place is None:
        return None
    return Mention(start=token.idx, end=token.idx + len(token.text), text=place, type="Place", kind="demonym")


def find_places(doc: Doc, referents: Referents, lang: str = "fr") -> Iterator[tuple[str, Mention, Mention, Token, float]]:
    """Yields ``(relation, subject, object, trigger, confidence)``."""
    cities, countries = demonyms(lang)
    table = token_table(doc, referents)
    for i, pos in enumerate(table.pos):
        if pos not in {"ADJ", "NOUN", "PROPN"}:
            continue
        # an adjective on a noun phrase that names something ("la biotech lyonnaise Cérébra"); the parser
        # sometimes tags it a noun ("La start-up toulousaine Sillon")
        text = table.text[i]
        lower_case = text[:1].islower()
        if table.dep[i] == "amod" or pos == "ADJ" or (lower_case and table.folded_text[i] in cities):
            token = doc[i]
            described = _described(token, referents)
            if described is None:
                continue
            if described.type in {"Organization", "Entity"} and (city := _place(token, cities)):
                yield "basedIn", described, city, token, 0.7
            elif described.type == "Person" and (country := _place(token, countries)):
                yield "nationality", described, country, token, 0.7
        # a capitalised demonym as a noun: "Ce Marocain de 45 ans", "L'Américain, installé à Miami"
        elif text[:1].isupper() and table.folded_text[i] in countries:  # a noun (adjectives are above)
            token = doc[i]
            country = _place(token, countries)
            person = referents.get(token)
            if person is not None and person.type == "Person":
                yield "nationality", person, country, token, 0.6
    yield from _contained_places(doc, referents)


def _described(adjective: Token, referents: Referents) -> Mention | None:
    """The named thing a demonym adjective describes: its head's referent or the name in its phrase."""
    head = adjective.head
    mention = referents.get(head)
    if mention is None:
        for follower in adjective.doc[adjective.i + 1: min(adjective.i + 4, len(adjective.doc))]:
            if referents.kind_by_token.get(follower.i) == "name":
                mention = referents.get(follower)
                break
            if follower.pos_ not in {"ADJ", "NOUN", "PROPN", "ADP", "DET"}:
                break
    return mention


def _contained_places(doc: Doc, referents: Referents):
    """"à Gand, en Belgique" / "à Hangzhou, dans la province du Zhejiang" / "Douai (Nord)"."""
    places = [m for m in referents.names if m.type == "Place"]
    for first, second in zip(places, places[1:]):
        between = doc.char_span(first.end, second.start, alignment_mode="expand")
        if between is None or not len(between) or len(between) > 6:
            continue
        words = [fold(t.text) for t in between]
        if words[0] not in {",", "("} or not all(w in CONTAINER_WORDS for w in words):
            continue
        if first.text == second.text:
            continue
        trigger = between[0]
        yield "locatedIn", first, second, trigger, 0.75
