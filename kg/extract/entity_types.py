"""Entity types: one type per name in an article, by vote of spaCy's labels, the descriptions given to the name,
the frames it fills and the longer name or acronym it goes with."""

from __future__ import annotations

import functools
from collections import Counter

from spacy.tokens import Doc

from ..model import Mention
from .access import span_at
from .descriptions import _is_demonym, fold_name
from .descriptions import key_of as _key
from .lexicon import Lexicon, fold


#: Prepositions that put a name in the place role: "à Lyon", "en Belgique", "près de Craiova".
LOCATIVE = {"à", "en", "au", "aux", "dans", "vers", "depuis", "de", "d'", "d’"}


def retype(referents, lexicon: Lexicon, doc: Doc) -> None:
    """One type per name in an article, by vote: spaCy's label on each occurrence (1), each description given
    to it ("la biotech lyonnaise Cérébra", 2), and the labels of the longer name it abbreviates ("Cérébra" in
    "Cérébra Therapeutics"). spaCy alone often calls an unknown start-up a place or a person."""
    votes: dict[str, Counter] = {}
    for mention in referents.names:
        counter = votes.setdefault(_key(mention), Counter())
        if mention.type not in {"Entity", "Role"}:
            counter[mention.type] += 1
    table = referents.tokens  # the table find_referents made
    described_as: dict[str, set] = {}  # name -> the classes its descriptions give
    for i, kind in referents.kind_by_token.items():  # each time the article calls it so, not only the first
        if kind in {"apposition", "description"}:
            described = lexicon.description_types.get(table.lemma[i].lower())
            key = _key(referents.by_token[i])
            if described is None and table.text[i].islower() and _is_demonym(table.text[i], lexicon.lang) \
                    and key in votes:
                # "le japonais Eisai", "le suisse Meyer Burger": a lower-case nationality noun calls a company
                # ("le Français X" is a person), as surely as a description
                votes[key]["Organization"] += 3
            if described and described != "Place" and key in votes:
                votes[key][described] += 1
                described_as.setdefault(key, set()).add(described)
    for key, cls in _frame_types(doc, referents, lexicon):  # "X a fondé Ostrya": Ostrya is an organisation
        votes[key][cls] += 1
    spacy_people = Counter({key: counter["Person"] for key, counter in votes.items() if counter["Person"]})
    for key, words in referents.descriptors.items():
        if key in votes:
            for word in words:
                described = lexicon.description_types.get(word)
                if described and described != "Place":
                    votes[key][described] += 2
    # A name spaCy calls a place but that the article never puts after "à"/"en" and that is no known place
    # ("Labonord renonce à racheter Biolex") is an unknown for the context to type.
    known = _known_places(lexicon.lang)
    place_nouns = frozenset(word for word, cls in lexicon.description_types.items() if cls == "Place")
    locative = {_key(m) for m in referents.names if m.type == "Place" and _after_locative(doc, m, place_nouns)}
    for key, counter in votes.items():
        if counter["Place"] and key not in locative and fold_name(key) not in known:
            del counter["Place"]
    keys = sorted(votes, key=len)
    people = [key for key in keys if " " in key and votes[key]["Person"]]
    for key in keys:
        # A person is introduced with a first name: a lone word spaCy calls a person ("Kapita", "Labonord"),
        # never seen inside a longer person's name, is an unknown, for the context to type.
        if " " not in key and spacy_people[key] and not any(key in person.split(" ") for person in people):
            votes[key]["Person"] -= spacy_people[key]
            if votes[key]["Person"] <= 0:
                del votes[key]["Person"]
    longer: dict[str, list] = {}  # a name -> the longer names it starts ("Cérébra" -> "Cérébra Therapeutics")
    for long in keys:
        for position, char in enumerate(long):
            if char == " " and long[:position] in votes:
                longer.setdefault(long[:position], []).append(long)
    for short in keys:
        for long in longer.get(short, ()):
            votes[short].update(votes[long])
    for long, acronym in _acronyms(doc, referents):  # "l'Autorité de … (ACPR)": the acronym is the long name
        if votes.get(_key(long)):
            votes[_key(acronym)] = Counter(votes[_key(long)])
    retyped = {}
    for mention in referents.names:
        counter = votes.get(_key(mention))
        if not counter:
            if mention.type in {"Person", "Place"}:
                retyped[mention] = Mention(mention.start, mention.end, mention.text, "Entity", mention.kind)
            continue
        # a tie goes to what the article calls the name ("X, la holding de …"), then to spaCy's label
        best = max(sorted(counter), key=lambda cls: (counter[cls], cls in described_as.get(_key(mention), ()),
                                                     cls == mention.type))
        if best != mention.type:
            retyped[mention] = Mention(mention.start, mention.end, mention.text, best, mention.kind)
    if not retyped:
        return
    referents.names = [retyped.get(m, m) for m in referents.names]
    referents.by_token = {i: retyped.get(m, m) for i, m in referents.by_token.items()}


def _frame_types(doc: Doc, referents, lexicon: Lexicon):
    """(name, class) for each name that is the object of a verb whose frames take only organisations there
    ("fonder", "créer" in the lexicon): the verb says what the name is."""
    for mention in referents.names:
        span = span_at(doc, mention.start, mention.end)
        if span is None or span.root.dep_ not in {"obj", "nsubj:pass"} or span.root.head.pos_ != "VERB":
            continue
        frames = [frame for words, frame in lexicon.verb_index.get(fold(span.root.head.lemma_), ())
                  if not words and not frame.swap and frame.object_types]
        if frames and all(frame.object_types - {"Entity"} == {"Organization"} for frame in frames):
            yield _key(mention), "Organization"


def _acronyms(doc: Doc, referents):
    """(name, acronym) pairs written ``NAME (ACRONYM)``."""
    names = sorted(referents.names, key=lambda m: m.start)
    for before, after in zip(names, names[1:]):
        if after.text.isupper() and 1 < len(after.text) <= 10 and before.end <= after.start \
                and " " in before.text and referents.tokens.doc_text[before.end:after.start].strip() == "(":
            yield before, after


def _after_locative(doc: Doc, mention: Mention, place_nouns: frozenset = frozenset({"région"})) -> bool:
    span = span_at(doc, mention.start, mention.end)
    if span is None:
        return False
    position = span.start - 1
    while position >= 0 and doc[position].pos_ == "DET":
        position -= 1
    if position == span.start - 1 and position >= 0 and doc[position].lower_ == "dans":
        return False  # "une participation dans Biolex": a bare name after "dans" is a company, not a place
    if position >= 0 and doc[position].lower_ in LOCATIVE and doc[position].lower_ not in {"de", "d'", "d’"}:
        return True
    if position >= 1 and doc[position].lower_ in {"de", "d'", "d’", "du"}:
        # "près de X", "la ville (belge) de Gand", "la province du Zhejiang": a place noun's complement
        before = position - 1
        while before > 0 and doc[before].pos_ == "ADJ":
            before -= 1
        return doc[before].lower_ in {"près", "loin"} or doc[before].lemma_.lower() in place_nouns
    return False


@functools.lru_cache(maxsize=None)
def _known_places(lang: str) -> frozenset:
    from .places import demonyms
    cities, countries = demonyms(lang)
    return frozenset(fold_name(place) for place in (*cities.values(), *countries.values()))
