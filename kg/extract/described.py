"""What a noun phrase refers to, when a place is said of it: trusting what is written (a name right after the
noun, an apposition) over coreference, and reading demonym nouns ("L'Américain") back to a person."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Mention
from .access import feature
from .lexicon import fold
from .mentions import Referents

#: Prepositions that put the next name in the place role ("à Lyon", "au Havre", "en Belgique", "dans le Gers"),
#: folded (:func:`~kg.extract.lexicon.fold`).
LOCATIVE = {"a", "au", "aux", "en", "dans"}
#: The types a description of each kind can refer to ("la Commission" may stand for "Bruxelles").
COMPATIBLE = {"Organization": {"Organization"}, "Authority": {"Authority", "Organization", "Place"}}
#: How many sentences back a person may be named for "L'Américain" or "cette ingénieure" to refer to them.
WINDOW_SENTENCES = 3
#: Determiners of a noun that refers back ("L'Américain", "Ce Marocain", "la Franco-Canadienne").
DEFINITE = {"le", "la", "l'", "ce", "cet", "cette"}


def named(noun: Token, referents: Referents, tables) -> Mention | None:
    """What the noun phrase headed by ``noun`` names: a name written right after it ("le groupe néerlandais
    Velotec"), the name it is in apposition to ("Biolex, le réseau de …", "la Savonnerie du Midi, une PME
    marseillaise"), else its referent (coreference), if that is of the kind the noun says ("Le groupe" is no
    authority)."""
    kinds = referents.kind_by_token
    if kinds.get(noun.i) == "name":
        return referents.get(noun)
    doc = noun.doc
    for follower in doc[noun.i + 1: min(noun.i + 4, len(doc))]:
        if kinds.get(follower.i) == "name":
            return referents.get(follower)
        if follower.pos_ != "ADJ":
            break
    if noun.dep_ == "appos" and kinds.get(noun.head.i) == "name":
        return referents.get(noun.head)
    position = noun.i - 1
    while position > 0 and doc[position].pos_ in {"DET", "ADJ", "NUM"}:
        position -= 1
    if position >= 1 and doc[position].text == "," and position < noun.i - 1 and kinds.get(position - 1) == "name":
        before = _name_start(doc, position - 1, referents)
        if before == 0 or fold(doc[before - 1].text) not in LOCATIVE:  # not "À Paris, la start-up …"
            return referents.get(doc[position - 1])
    mention = referents.get(noun)
    if mention is not None and referents.kind_by_token.get(noun.i) == "description":
        kind = tables.descriptions.get(noun.lemma_.lower()) or tables.descriptions.get(noun.lower_)
        if kind is not None and mention.type not in COMPATIBLE.get(kind, {kind}) | {"Entity"}:
            return None
    if mention is None and noun.pos_ == "NOUN" and noun.i > 0 and fold(doc[noun.i - 1].text) in DEFINITE:
        # "la biscuiterie" for "la Biscuiterie de l'Odet" named before: the name's first word is the noun
        word = fold(noun.text)
        for earlier in reversed(referents.names):
            if earlier.start < noun.idx and fold(earlier.text.split()[0]) == word and " " in earlier.text:
                return earlier
    return mention


def _name_start(doc: Doc, i: int, referents: Referents) -> int:
    mention = referents.get(doc[i])
    while i > 0 and referents.get(doc[i - 1]) is mention and referents.kind_by_token.get(i - 1) == "name":
        i -= 1
    return i


def demonym_person(token: Token, referents: Referents) -> Mention | None:
    """The person "L'Américain", "Ce Marocain", "la Franco-Canadienne" (or "cette ingénieure" where only a
    person fits: "Née à Quimper, cette ingénieure …") refers back to: its referent if coreference found one,
    else, of the people named or referred to in this and the previous sentence (further back if none), the one
    of the right gender the article has named most often so far (then the nearest). A demonym spaCy took for a
    name is no name."""
    mention = referents.get(token)
    if mention is not None and (mention.type == "Person" or referents.kind_by_token.get(token.i) != "name"
                                or mention.end > token.idx + len(token.text)):  # "la Française des Jeux"
        return mention if mention.type == "Person" else None
    doc = token.doc
    if any(m.text.startswith(token.text + " ") for m in referents.names):
        return None  # the start of a name the article writes ("La Française des Jeux")
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None  # "L'Américain Ryan Cole"
    if following is not None and referents.kind_by_token.get(following.i) == "name":
        found = referents.get(following)
        return found if found.type == "Person" else None
    people = [m for m in referents.names if m.type == "Person" and m.start < token.idx]
    # who is talked about before the token: named, or referred to by a pronoun or a description ("Elle")
    talked = [(i, m) for i, m in referents.by_token.items() if m.type == "Person" and i < token.i]
    # the determiner says it better than the noun ("cette chimiste"); "L'" says nothing
    before = doc[token.i - 1] if token.i > 0 else None
    gender = (feature(before, "Gender") if before is not None and before.pos_ == "DET" else None) or \
        feature(token, "Gender")
    start, window = token.sent.start, []
    for _ in range(WINDOW_SENTENCES):  # this and the previous sentence first, then further back
        start = _previous_sentence(doc, start)
        window = list({m.text: m for i, m in sorted(talked, key=lambda pair: pair[0]) if i >= start}.values())
        if gender:  # "la Franco-Canadienne": not a man the article calls "il" or "ancien ingénieur"
            window = [m for m in window if _gender(m, referents) in (None, gender[0])]
        if window or start == 0:
            break
    if not window:
        return None
    counts = {}
    for m in people:
        counts[m.text] = counts.get(m.text, 0) + 1
    last = {m.text: i for i, m in talked}
    return max(window, key=lambda m: (counts.get(m.text, 0), last[m.text]))


def _previous_sentence(doc: Doc, start: int) -> int:
    """Where the sentence before the one starting at ``start`` starts (blank lines skipped)."""
    before = start - 1
    while before > 0 and doc[before].is_space:
        before -= 1
    return doc[before].sent.start if before >= 0 else start


def _gender(person: Mention, referents: Referents) -> str | None:
    """The gender of the words that refer to ``person`` (pronouns, descriptions, the first name as the tagger
    reads it), if they agree on one."""
    doc = referents.tokens.doc if referents.tokens is not None else None
    if doc is None:
        return None
    found = set()
    for i, mention in referents.by_token.items():
        if mention.text == person.text and (referents.kind_by_token.get(i) != "name" or doc[i].idx == mention.start):
            found.update(feature(doc[i], "Gender"))
    return found.pop() if len(found) == 1 else None


def is_demonym(token: Token, tables) -> bool:
    """A capitalised nationality after "le", "la", "ce" …: "L'Américain", "la Franco-Canadienne"."""
    if not token.text[:1].isupper() or token.i == 0 or fold(token.doc[token.i - 1].text) not in DEFINITE:
        return False
    folded = fold(token.text)
    *prefixes, last = folded.split("-")
    return last in tables.countries and all(p in tables.prefixes for p in prefixes)


def place_mention(mention: Mention) -> Mention:
    """``mention`` as a place (a name spaCy left untyped that its context places)."""
    if mention.type == "Place":
        return mention
    return Mention(mention.start, mention.end, mention.text, "Place", mention.kind)
