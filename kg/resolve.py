"""Entity resolution: named mentions of one article -> entities with stable keys; relations -> facts.

Within an article, name variants are merged: a name that begins another ("Mistral" / "Mistral AI"),
the same acronym in another language order ("Mistral AI" / "Mistral IA"), an acronym and its expansion
("UE" / "Union européenne"). A merge never rests on a shared word alone: "Mistral AI" and "Mistral Large"
stay apart because neither is a prefix-plus-acronym variant of the other.

Across articles, one key per real-world entity: the canonical name folded (accents, case, punctuation,
legal suffixes such as SA, SAS, Inc.), so every article about "Microsoft Corp." points at ``entity/microsoft``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Iterable

from .model import Entity, Fact, Mention, Relation
from .vocab import relations

#: Legal-form suffixes dropped from canonical keys ("Renault SA" is "Renault").
LEGAL_SUFFIXES = {"sa", "sas", "sasu", "sarl", "se", "inc", "corp", "corporation", "ltd", "llc", "plc", "gmbh",
                  "ag", "nv", "bv", "spa", "co", "group", "groupe"}
#: Small words skipped when spelling an acronym ("Union européenne" -> "UE", "Banque de France" -> "BF"/"BDF").
ACRONYM_SKIP = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "of", "the", "and", "à", "au", "aux",
                "en", "sur", "par", "dans", "ses", "son", "sa", "leurs", "for", "in", "on"}
#: Titles written before a person's surname ("M. Mercadier", "Mme Aubry" are "Laurent Mercadier", "Camille Aubry").
HONORIFICS = {"m", "mme", "mlle", "mr", "mrs", "ms", "dr", "pr", "me", "monsieur", "madame", "mademoiselle"}


@functools.lru_cache(maxsize=1 << 16)  # every pair of names is compared: the same names are folded again and again
def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def canonical_key(name: str) -> str:
    """The slug an entity IRI is minted from: ``"Mistral AI"`` -> ``mistral-ai``, ``"Renault SA"`` -> ``renault``."""
    words = re.findall(r"[a-z0-9]+", fold(name))
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return "-".join(words)[:120] or "entity"


@functools.lru_cache(maxsize=1 << 16)  # every pair of names is compared: the same names are split again and again
def _words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", fold(name)))


def _is_acronym_of(short: str, long: str) -> bool:
    """"UE" of "Union européenne"; an acronym read as a word, capitalised, spells the initials in their order
    ("Ania", Association nationale des industries alimentaires)."""
    spelled = short[:1].isupper() and short[1:].islower() and len(short) >= 3  # "Ania", "Medef"
    if not ((short.isupper() or spelled) and 2 <= len(short) <= 6 and " " not in short):
        return False
    # small words skipped or spelled: "FNAM" (Fédération nationale de l'aviation et de ses métiers), "SDJ"
    # (Société des journalistes)
    for initials in ("".join(w[0] for w in _words(long) if w not in ACRONYM_SKIP),
                     "".join(w[0] for w in _words(long) if len(w) > 1)):
        if len(initials) >= 2 and (initials == fold(short) if spelled else sorted(initials) == sorted(short.lower())):
            return True
    return False


@functools.lru_cache(maxsize=1 << 16)  # asked for every pair of names, like _words
def _bare_words(name: str) -> tuple[str, ...]:
    """A name's words without the title before a surname ("Mme Aubry" -> "aubry")."""
    words = _words(name)
    return words[1:] if len(words) >= 2 and words[0] in HONORIFICS else words


def _is_variant(short: str, long: str, person: bool = False) -> bool:
    """Is ``short`` another way of writing ``long`` in the same article? (``person``: a surname alone is one.)"""
    a, b = _words(short), _words(long)
    if person and (_bare_words(short) != a or _bare_words(long) != b):
        a, b = _bare_words(short), _bare_words(long)  # "Mme Marchand", "Dr Jean Durand": no title is a name's
        if len(a) < len(b) and b[-len(a):] == a or a == b:
            return True
    if person and len(a) == 1 and len(b) >= 2 and b[-1] == a[0]:
        return True  # "Marchand" for "Élise Marchand"
    if not a or a == b:
        return a == b
    if len(a) < len(b) and b[: len(a)] == a:
        # "Mistral" in "Mistral AI"; not "Air France" in "Air France-KLM", another name joined by a hyphen
        return not re.match(r"\W*" + r"\W+".join(map(re.escape, a)) + r"-", fold(long))
    if len(a) == len(b) and a[:-1] == b[:-1]:
        last_a, last_b = short.split()[-1], long.split()[-1]
        # the same short acronym, letters in another order: "AI" / "IA", "UE" / "EU"
        return last_a.isupper() and last_b.isupper() and len(last_a) <= 4 and sorted(last_a) == sorted(last_b)
    return _is_acronym_of(short, long)


def resolve(mentions: Iterable[Mention], found: Iterable[Relation], *, text: str = "") -> tuple[list[Entity], list[Fact]]:
    """Group one article's mentions into entities and attach its relations to them (``text``: the article's)."""
    mentions = list(mentions)
    found = list(found)
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_name[mention.text].append(mention)
    for relation in found:  # roles are mentioned only through their relations
        for mention in (relation.subject, relation.object):
            if mention.text not in by_name:
                by_name[mention.text].append(mention)
    # longest first, a name before the same with a title ("Jean Durand" labels "Dr Jean Durand", "M. Durand")
    names = sorted(by_name, key=lambda n: (-len(_bare_words(n)), _bare_words(n) != _words(n), -len(by_name[n]), n))
    parent: dict[str, str] = {}
    for name in names:
        parent[name] = name
        types = _types(by_name[name])
        candidates = [other for other in names if other != name and parent.get(other) == other
                      and _is_variant(name, other, person="Person" in _types(by_name[other]))
                      and _compatible(types, _types(by_name[other]))
                      and not _place_in_a_name(name, types, other, _types(by_name[other]))]
        if len(candidates) > 1:  # "Mistral" could be "Mistral AI" or "Mistral Large": take the main one if clear
            counts = sorted(((len(by_name[c]), c) for c in candidates), reverse=True)
            candidates = [counts[0][1]] if counts[0][0] > counts[1][0] else []
        if candidates:
            parent[name] = candidates[0]
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        root = name
        while parent[root] != root:
            root = parent[root]
        groups[root].append(name)
    role_votes = _relation_type_votes(found)
    entity_of: dict[str, Entity] = {}
    for root, members in groups.items():
        group_mentions = [m for member in members for m in by_name[member]]
        label = max(members, key=lambda n: (len(by_name[n]) + (2 if n == root else 0), len(n)))
        votes = Counter(m.type for m in group_mentions if m.type != "Entity")
        if not votes:
            votes = Counter(role_votes.get(member) for member in members if role_votes.get(member))
        entity_type = votes.most_common(1)[0][0] if votes else "Entity"
        entity = Entity(key=canonical_key(label), label=label, type=entity_type,
                        aliases=tuple(sorted(m for m in members if m != label)))
        for member in members:
            entity_of[member] = entity
    facts = []
    seen = set()
    for relation in found:
        subject, object_ = entity_of[relation.subject.text], entity_of[relation.object.text]
        if subject.key == object_.key:
            continue
        key = (subject.key, relation.predicate, object_.key, relation.sentence_start, relation.rule)
        if key in seen:
            continue
        seen.add(key)
        facts.append(Fact(subject=subject, predicate=relation.predicate, object=object_,
                          sentence=text[relation.sentence_start: relation.sentence_end], start=relation.sentence_start, end=relation.sentence_end,
                          rule=relation.rule, confidence=relation.confidence, qualifiers=relation.qualifiers))
    entities = list({e.key: e for e in entity_of.values()}.values())
    return entities, facts


def _place_in_a_name(short: str, short_types: set[str], long: str, long_types: set[str]) -> bool:
    """A place whose name opens a longer name that is no place is not that name: "Angers" and "Angers Loire
    Métropole" (its urban community), "Paris" and "Paris Saint-Germain"."""
    return "Place" in short_types and "Place" not in long_types and len(_words(short)) < len(_words(long))


def _types(mentions: list[Mention]) -> set[str]:
    return {m.type for m in mentions if m.type != "Entity"}


def _compatible(a: set[str], b: set[str]) -> bool:
    """Can names typed ``a`` and ``b`` be the same thing? An untyped name fits anything."""
    if not a or not b:
        return True
    organisations = {"Organization", "Authority"}
    return bool(a & b) or (a <= organisations and b <= organisations)


def _relation_type_votes(found: list[Relation]) -> dict[str, str]:
    """For names spaCy could not type: the type the ontology gives their place in a relation."""
    info = relations()
    votes: dict[str, Counter] = defaultdict(Counter)
    for relation in found:
        domain, range_ = info[relation.predicate].domain, info[relation.predicate].range
        if domain != "Entity":
            votes[relation.subject.text][domain] += 1
        if range_ != "Entity":
            votes[relation.object.text][range_] += 1
    return {name: counter.most_common(1)[0][0] for name, counter in votes.items()}
