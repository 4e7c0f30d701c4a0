"""Places said without a verb: demonyms, seats and "X, en Y".

- "la biotech lyonnaise Cérébra", "Le champion roubaisien" → the organisation ``basedIn`` the city;
- "l'investisseur suisse Marco Bernasconi", "Ce Marocain de 45 ans", "la Franco-Canadienne", "Belge de
  naissance, il …", "il a obtenu la nationalité française" → the person's ``nationality``;
- "la ville belge de Gand", "à Gand, en Belgique", "à Hangzhou, dans la province du Zhejiang", "Ergué-Gabéric,
  une commune du Finistère", "Douai (Nord)" → ``locatedIn``;
- seats and located participles ("dont le siège est à Rennes", "Basée à Caen, Hydrane …", "Née à Quimper, …"):
  :mod:`.located`.

The tables (demonyms, seat and container nouns, located participles) are data: ``ontology/places.<lang>.toml``.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Token

from ..model import Mention
from ..vocab import ONTOLOGY_DIR
from .access import span_at
from .lexicon import fold, load_lexicon, phrase_words
from .described import DEFINITE, demonym_person, named, place_mention
from .located import ORGANISATIONS, find_located, seat_owner
from .mentions import Referents, token_table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Function words between two places that make the second contain the first ("à Gand, en Belgique",
#: "Ergué-Gabéric, une commune du Finistère"); the container nouns ("province") are data.
CONTAINER_WORDS = {"en", "dans", "au", "aux", "le", "la", "les", "l'", "du", "de", "des", "d'", "un", "une", "(", ","}


@dataclass(frozen=True)
class PlaceTables:
    """``ontology/places.<lang>.toml``, folded: what the passes below and :mod:`.located` look up."""

    cities: dict  # demonym (all forms) -> city or region
    countries: dict  # demonym (all forms) -> country
    prefixes: dict  # "franco" -> "France"
    known: frozenset  # folded names of the places of the tables
    nationality_nouns: frozenset
    seat_nouns: tuple  # word tuples ("siege", "social")
    seat_words: frozenset  # their first words
    seat_verbs: frozenset  # lemmas between a seat and its place ("se trouve")
    containers: frozenset
    towns: frozenset  # nouns for the town named before ("la ville")
    cities_known: frozenset  # folded names of the [cities] (towns, not countries or regions)
    located: dict  # participle lemma -> {"person": relation, "organisation": …, "place": …, "finite": bool}
    descriptions: dict  # the lexicon's description nouns -> class ("groupe" -> Organization)


@functools.lru_cache(maxsize=None)
def place_tables(lang: str = "fr") -> PlaceTables:
    path = ONTOLOGY_DIR / f"places.{lang}.toml"
    data = {}
    if path.exists():
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    tables = []
    for sections in (("cities", "regions"), ("countries",)):
        table = {}
        for section in sections:
            for word, place in data.get(section, {}).items():
                for form in _forms(fold(word)):
                    table.setdefault(form, place)
        tables.append(table)
    prefixes = {fold(k): v for k, v in data.get("prefixes", {}).items()}
    # compound nationalities are demonyms too ("franco-canadienne"), so that no one takes them for names
    tables[1].update({f"{prefix}-{form}": place for prefix in prefixes for form, place in list(tables[1].items())
                      if "-" not in form})
    located = {}
    for entry in data.get("located", []):
        relations = {kind: entry[kind] for kind in ("person", "organisation", "place", "finite") if kind in entry}
        for lemma in entry.get("lemmas", ()):
            located[fold(lemma)] = relations
    known = {fold(place) for table in tables for place in table.values()}
    return PlaceTables(
        cities=tables[0], countries=tables[1],
        prefixes=prefixes, known=frozenset(known),
        nationality_nouns=frozenset(fold(w) for w in data.get("nationality", {}).get("nouns", ())),
        seat_nouns=tuple(sorted((phrase_words(w) for w in data.get("headquarters", {}).get("nouns", ())),
                                key=len, reverse=True)),
        seat_words=frozenset(fold(w).split()[0] for w in data.get("headquarters", {}).get("nouns", ())),
        seat_verbs=frozenset(fold(w) for w in data.get("headquarters", {}).get("verbs", ())),
        containers=frozenset(fold(w) for w in data.get("containers", {}).get("nouns", ())),
        towns=frozenset(fold(w) for w in data.get("towns", {}).get("nouns", ())),
        cities_known=frozenset(fold(place) for place in data.get("cities", {}).values()),
        located=located, descriptions=load_lexicon(lang).description_types if data else {})


def demonyms(lang: str = "fr") -> tuple[dict, dict]:
    """(local demonyms, country demonyms): folded form (all genders and numbers) -> place name."""
    tables = place_tables(lang)
    return tables.cities, tables.countries


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


def _place(token: Token, name: str) -> Mention:
    return Mention(start=token.idx, end=token.idx + len(token.text), text=name, type="Place", kind="demonym")


def _countries(doc: Doc, i: int, folded: str, tables: PlaceTables) -> list[str]:
    """The countries a word names: "canadienne" → Canada, "Franco-Canadienne" / "germano - suisse" → both."""
    if folded in tables.countries and "-" not in folded:
        found = [tables.countries[folded]]
        if i >= 2 and doc[i - 1].text == "-" and fold(doc[i - 2].text) in tables.prefixes:
            found.insert(0, tables.prefixes[fold(doc[i - 2].text)])
        return found
    *prefixes, last = folded.split("-") if "-" in folded else ("", "")
    if last in tables.countries and prefixes and all(p in tables.prefixes for p in prefixes):
        return [*(tables.prefixes[p] for p in prefixes), tables.countries[last]]
    return []


def find_places(doc: Doc, referents: Referents, lang: str = "fr") -> Iterator[tuple[str, Mention, Mention, Token, float]]:
    """Yields ``(relation, subject, object, trigger, confidence)``."""
    tables = place_tables(lang)
    place_nouns = {w for w, cls in tables.descriptions.items() if cls == "Place"}
    table = token_table(doc, referents)
    for i, pos in enumerate(table.pos):
        if pos not in {"ADJ", "NOUN", "PROPN"}:
            continue
        folded = table.folded_text[i]
        city = tables.cities.get(folded)
        countries = _countries(doc, i, folded, tables) if folded in tables.countries or "-" in folded else []
        if city is None and not countries:
            continue
        token = doc[i]
        capitalised = table.text[i][:1].isupper()
        if capitalised and _detached(token):  # "Belge de naissance, il …": what the clause's subject is
            described = _clause_subject(token, referents)
            yield from _said_of(described, token, city, countries, None, 0.6)
        elif capitalised and pos != "ADJ" and countries:  # "Ce Marocain de 45 ans", "L'Américain, installé …"
            person = demonym_person(token, referents) if _definite(token) else referents.get(token)
            if person is not None and person.type == "Person":
                for country in countries:
                    yield "nationality", person, _place(token, country), token, 0.6
        elif table.dep[i] == "amod" or pos == "ADJ" or (not capitalised and city):
            # an adjective on a noun phrase ("la biotech lyonnaise Cérébra"); the parser sometimes tags it a
            # noun ("La start-up toulousaine Sillon")
            head = token.head if token.head.i != i and token.head.pos_ in {"NOUN", "PROPN"} else None
            if head is not None and fold(head.lemma_) in tables.nationality_nouns:  # "la nationalité française"
                yield from _said_of(_national(head, referents), token, None, countries, None, 0.7)
                continue
            if head is not None and table.folded_text[head.i] in tables.seat_words and \
                    any(tuple(table.folded_text[head.i: head.i + len(words)]) == words
                                        for words in tables.seat_nouns):  # "son siège nantais"
                yield from _said_of(seat_owner(head, referents, tables), token, city, (), None, 0.7)
                continue
            described = _described(token, referents, tables)
            kind = head.lemma_.lower() if head is not None else None
            yield from _said_of(described, token, city, countries,
                                "place" if kind in place_nouns else "thing" if kind else None, 0.7,
                                known=tables.known)
    yield from _contained_places(doc, referents, tables)
    yield from find_located(doc, referents, tables)


def _said_of(described: Mention | None, token: Token, city: str | None, countries, head_kind: str | None,
             confidence: float, known: frozenset = frozenset()):
    """What a demonym says of what it describes: an organisation's city, a person's nationality, a place's
    region or country ("la ville belge de Gand"). A name spaCy calls a place, that no table knows and that a
    noun like "agritech" introduces ("L'agritech toulousaine Sillon") is an organisation."""
    if described is None:
        return
    if described.type == "Person":
        for country in countries:
            yield "nationality", described, _place(token, country), token, confidence
    elif described.type in {"Place", "Entity"} and head_kind == "place":
        for place in ([city] if city else countries):
            if fold(place) != fold(described.text):
                yield "locatedIn", place_mention(described), _place(token, place), token, confidence
    elif described.type in ORGANISATIONS or (described.type == "Place" and head_kind == "thing"
                                             and fold(described.text) not in known):
        if city:
            subject = described if described.type != "Place" else \
                Mention(described.start, described.end, described.text, "Organization", described.kind)
            yield "basedIn", subject, _place(token, city), token, confidence


def _definite(token: Token) -> bool:
    doc = token.doc
    return token.i > 0 and fold(doc[token.i - 1].text) in DEFINITE


def _detached(token: Token) -> bool:
    """A demonym opening its sentence and closed by a comma: "Belge de naissance, il …", "Lyonnaise, elle …"."""
    sentence = token.sent
    if token.i != sentence.start:
        return False
    following = [t.text for t in token.doc[token.i + 1: min(token.i + 4, sentence.end)]]
    return following[:1] == [","] or len(following) == 3 and fold(following[0]) in {"de", "d'"} and following[2] == ","


def _clause_subject(token: Token, referents: Referents) -> Mention | None:
    """The referent right after the comma that closes a detached phrase (its clause's subject)."""
    doc = token.doc
    comma = next(t for t in doc[token.i + 1: token.sent.end] if t.text == ",")
    for follower in doc[comma.i + 1: min(comma.i + 4, token.sent.end)]:
        mention = referents.get(follower)
        if mention is not None:
            return mention
        if follower.pos_ not in {"DET", "NOUN", "PROPN", "PRON"}:
            return None
    return None


def _national(noun: Token, referents: Referents) -> Mention | None:
    """Whose nationality: "sa nationalité", "la nationalité de X", "X a obtenu / possède la nationalité"."""
    for child in noun.children:
        if child.dep_ == "det" and "Poss=Yes" in str(child.morph) or child.dep_ == "nmod":
            mention = referents.get(child)
            if mention is not None:
                return mention
    if noun.dep_ == "obj":
        for child in noun.head.children:
            if child.dep_ == "nsubj":
                return referents.get(child)
    return None


def _described(adjective: Token, referents: Referents, tables: PlaceTables) -> Mention | None:
    """The named thing a demonym adjective describes: the name written right after it ("la biotech lyonnaise
    Cérébra"), else what its noun phrase names (:func:`~kg.extract.located.named`)."""
    doc = adjective.doc
    for follower in doc[adjective.i + 1: min(adjective.i + 4, len(doc))]:
        if referents.kind_by_token.get(follower.i) == "name":
            return referents.get(follower)
        if fold(follower.text) in {"de", "d'"} and follower.i + 1 < len(doc) and \
                tables.descriptions.get(adjective.head.lemma_.lower()) == "Place":  # "la ville belge de Gand"
            place = referents.get(doc[follower.i + 1])
            if place is not None and place.type in {"Place", "Entity"} and \
                    referents.kind_by_token.get(follower.i + 1) == "name":
                return place
        if follower.pos_ != "ADJ":
            break
    head = adjective.head
    if head.i != adjective.i and head.pos_ in {"NOUN", "PROPN"}:
        return named(head, referents, tables)
    return referents.get(head) if head.i != adjective.i else None


def _contained_places(doc: Doc, referents: Referents, tables: PlaceTables):
    """"à Gand, en Belgique" / "à Hangzhou, dans la province du Zhejiang" / "Douai (Nord)" / "Ergué-Gabéric,
    une commune du Finistère". The container may be a name spaCy left untyped when a container noun
    ("province") introduces it or a table knows it."""
    names = [m for m in referents.names if m.type in {"Place", "Entity"}]
    for first, second in zip(names, names[1:]):
        if first.type != "Place" or first.text == second.text:
            continue
        between = span_at(doc, first.end, second.start)
        if between is None or not len(between) or len(between) > 6:
            continue
        words = [fold(t.text) for t in between]
        if words[0] not in {",", "("} or not all(w in CONTAINER_WORDS or w in tables.containers for w in words):
            continue
        if words == [","]:  # "à Paris, Londres et Berlin": a list, not "à Gand, en Belgique"
            continue
        if second.type != "Place" and not (set(words) & tables.containers or fold(second.text) in tables.known):
            continue
        place = place_mention(second)
        yield "locatedIn", first, place, between[0], 0.75
