"""Loading the trigger lexicon (``ontology/lexicon.<lang>.toml``) into small frozen records.

The lexicon is data: which lemmas, in which dependency frame, express which ontology relation. This module
only reads and checks it (every relation must exist in the ontology), so a typo fails at load time.
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from dataclasses import dataclass, field

from ..errors import ConfigError
from ..vocab import ONTOLOGY_DIR, relations

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class Frame:
    """One way of expressing a relation: a verb, a noun or a role with its argument slots."""

    kind: str  # verb | noun | role
    relation: str
    lemmas: tuple[str, ...]
    subject: tuple[str, ...] = ("nsubj",)
    object: tuple[str, ...] = ("obj",)
    requires: frozenset = frozenset()
    subject_types: frozenset = frozenset()
    object_types: frozenset = frozenset()
    swap: bool = False
    confidence: float = 0.8
    position: bool = False  # roles: also state holdsPosition(person, role text)
    # the object may be an act or quality of the target, standing for its owner ("salue la fermeté de X")
    owner_objects: bool = False
    # a passive without "par X" has the last agent of the same relation in the article ("L'Autorité a sanctionné
    # trois fabricants. […] Brillex a été condamné à payer …"): one authority's decision told in several sentences
    implicit_agent: bool = False
    # verbs: the grammatical subject undergoes the relation, whose agent is implicit ("X écope d'une amende")
    undergoer: bool = False
    # nouns: light verbs whose subject (or agent) is the object, not the subject: "X mène le tour de table"
    object_verbs: frozenset = frozenset()

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.relation}:{self.lemmas[0].replace(' ', '_')}"


@dataclass(frozen=True)
class Lexicon:
    lang: str
    ner_types: dict
    description_types: dict  # head lemma -> class
    not_entities: frozenset
    expected_verbs: frozenset
    negating_verbs: frozenset
    attribution_markers: frozenset
    speech_verbs: frozenset
    multipliers: dict
    currencies: dict
    support_verbs: frozenset
    frames: tuple[Frame, ...]
    stand_for_owner: frozenset = frozenset()  # "son capital", "la direction de X": the argument is the owner
    naming_verbs: frozenset = frozenset()  # "des capteurs baptisés Terra": the noun stands for the name
    institutions: frozenset = frozenset()  # "la région Normandie", "la mairie d'Angoulême": the place's authority
    owners: dict = field(default_factory=dict)  # possessed noun -> the class of its owner ("son capital": a company)
    verb_index: dict = field(default_factory=dict)  # first word of lemma -> frames
    noun_index: dict = field(default_factory=dict)
    role_index: dict = field(default_factory=dict)
    verb_forms: dict = field(default_factory=dict)  # folded first-group verb form -> folded lemma (verb_index key)


@functools.lru_cache(maxsize=1 << 16)  # the same few thousand words, folded for every token of every article
def fold(word: str) -> str:
    """Lower case, no accents, straight apostrophes: how lexicon words and document words are compared."""
    word = unicodedata.normalize("NFD", word.lower().replace("’", "'"))
    return "".join(ch for ch in word if unicodedata.category(ch) != "Mn")


def phrase_words(phrase: str) -> tuple[str, ...]:
    """``"secrétaire d'État"`` -> ``("secretaire", "d'", "etat")``, the way spaCy tokenises French."""
    return tuple(fold(phrase).replace("'", "' ").split())


def match_phrase(index: dict, token, table=None, *, key: str | None = None) -> list:
    """Frames of ``index`` whose (possibly multiword) lemma starts at ``token``, longest first. ``table``: the
    :class:`~kg.extract.mentions.TokenTable` of the token's Doc, if the caller has it (the same, quicker).
    ``key``: the folded lemma to look up instead of the token's (a verb form the lemmatiser left as is)."""
    doc = token.doc
    if key is not None:
        entries = index.get(key) or []
    elif table is not None:
        entries = index.get(table.folded_lemma[token.i]) or index.get(table.folded_text[token.i]) or []
    else:
        entries = index.get(fold(token.lemma_)) or index.get(fold(token.text)) or []
    matched = []
    for words, frame in entries:
        if words and words[0] == CLITIC_EN:  # "s'en prendre à": the verb has the clitic "en"
            if not any(child.lower_ == "en" and child.pos_ == "PRON" for child in token.children):
                continue
            words = words[1:]
        if table is not None and key is None:
            following = tuple(table.folded_text[token.i + 1: token.i + 1 + len(words)])
        else:
            following = tuple(fold(t.text) for t in doc[token.i + 1: token.i + 1 + len(words)])
        if following == words:
            matched.append((frame, 1 + len(words)))
    return matched


#: Marks a verb lemma written with the clitic "en" ("s'en prendre"): the clitic precedes the verb in the text.
CLITIC_EN = "<en>"


#: Endings of a first-group verb ("présider"): present, imperfect, simple past, future, conditional, subjunctive,
#: participles. spaCy's French lemmatiser leaves some of these forms as they are ("préside" -> "préside").
FIRST_GROUP_ENDINGS = ("e", "es", "ons", "ez", "ent", "ais", "ait", "ions", "iez", "aient", "a", "èrent",
                       "erai", "eras", "era", "erons", "erez", "eront", "erait", "eraient", "é", "ée", "és", "ées",
                       "ant")


def verb_forms(lemma: str) -> dict[str, str]:
    """Folded inflected forms of a first-group verb -> its folded infinitive (``{"preside": "presider", …}``);
    other verbs: nothing (their forms are irregular; the lemmatiser knows the common ones)."""
    word = fold(lemma)
    if " " in word or not word.endswith("er") or len(word) < 4:
        return {}
    stem = word[:-2]
    forms = {}
    for ending in FIRST_GROUP_ENDINGS:
        folded = fold(ending)  # "lançait" folds to "lancait": the stem as it is
        if folded[0] in "ao" and stem.endswith("g"):
            folded = "e" + folded  # "dirigeait"
        forms[stem + folded] = word
    return forms


def _bare(lemma: str) -> str:
    """``s'allier`` / ``se réjouir`` -> ``allier`` / ``réjouir``: spaCy lemmatises the verb without its clitic."""
    lemma = lemma.lower().replace("’", "'").strip()
    for clitic in ("s'", "se "):
        if lemma.startswith(clitic):
            return lemma[len(clitic):]
    return lemma


@functools.lru_cache(maxsize=None)
def load_lexicon(lang: str = "fr") -> Lexicon:
    """Read and check the lexicon of ``lang``."""
    path = ONTOLOGY_DIR / f"lexicon.{lang}.toml"
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no lexicon for language {lang!r}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None
    known = relations()
    frames = []
    for kind in ("verb", "noun", "role"):
        for entry in data.get(kind, []):
            relation = entry.get("relation")
            if relation not in known:
                raise ConfigError(f"{path}: {kind} frame names {relation!r}, which ontology/kg.ttl does not define")
            defaults = {"noun": (("de", "poss", "support"), ("de",)), "role": (("appos",), ("de", "chez"))}
            subject, object_ = defaults.get(kind, (("nsubj",), ("obj",)))
            frames.append(Frame(
                kind=kind, relation=relation,
                lemmas=tuple(dict.fromkeys(_bare(lemma) for lemma in entry["lemmas"])),
                subject=tuple(entry.get("subject", subject)), object=tuple(entry.get("object", object_)),
                requires=frozenset(entry.get("requires", ())),
                subject_types=frozenset(entry.get("subject_types", ())),
                object_types=frozenset(entry.get("object_types", ())),
                swap=bool(entry.get("swap", False)), confidence=float(entry.get("confidence", 0.8)),
                position=bool(entry.get("position", False)),
                owner_objects=bool(entry.get("owner_objects", False)),
                implicit_agent=bool(entry.get("implicit_agent", False)),
                object_verbs=frozenset(entry.get("object_verbs", ())),
                undergoer=bool(entry.get("undergoer", False)),
            ))
    typing = data.get("typing", {})
    description_types = {}
    for cls, words in typing.get("descriptions", {}).items():
        for word in words:
            description_types.setdefault(word.lower(), cls)
    modality = data.get("modality", {})
    amounts = data.get("amounts", {})
    lexicon = Lexicon(
        lang=lang,
        ner_types=dict(typing.get("ner", {})),
        description_types=description_types,
        not_entities=frozenset(w.lower() for w in typing.get("not_entities", {}).get("words", ())),
        expected_verbs=frozenset(_bare(v) for v in modality.get("expected", ())),
        negating_verbs=frozenset(_bare(v) for v in modality.get("negating", ())),
        attribution_markers=frozenset(m.replace("’", "'") for m in modality.get("attribution", ())),
        speech_verbs=frozenset(modality.get("speech", ())),
        multipliers={k.lower(): float(v) for k, v in amounts.get("multipliers", {}).items()},
        currencies={k.lower(): v for k, v in amounts.get("currencies", {}).items()},
        support_verbs=frozenset(data.get("support", {}).get("verbs", ())),
        frames=tuple(frames),
        stand_for_owner=frozenset(data.get("support", {}).get("stand_for_owner", ())),
        naming_verbs=frozenset(data.get("support", {}).get("naming", ())),
        institutions=frozenset(typing.get("institutions", {}).get("words", ())),
        owners={word: cls for cls, words in typing.get("owners", {}).items() for word in words},
    )
    for frame in frames:
        index = {"verb": lexicon.verb_index, "noun": lexicon.noun_index, "role": lexicon.role_index}[frame.kind]
        for lemma in frame.lemmas:
            words = phrase_words(lemma)
            if frame.kind == "verb" and len(words) > 1 and words[0] == "en":
                words = (words[1], CLITIC_EN, *words[2:])  # "en prendre" -> "prendre" with the clitic "en"
            index.setdefault(words[0], []).append((words[1:], frame))
            if frame.kind == "verb":
                for form, infinitive in verb_forms(lemma).items():
                    lexicon.verb_forms.setdefault(form, infinitive)
    for index in (lexicon.verb_index, lexicon.noun_index, lexicon.role_index):
        for entries in index.values():  # longest lemma first: "directeur général" before "directeur"
            entries.sort(key=lambda pair: -len(pair[0]))
    return lexicon
