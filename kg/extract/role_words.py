"""The words of role constructions: the ``[roles]`` table of ``ontology/lexicon.<lang>.toml`` read into
:class:`RoleWords` (deputies, posts, verbs that give a role, offices, careers), for :mod:`~kg.extract.holders`
and :mod:`~kg.extract.roles`."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from spacy.tokens import Token

from ..errors import ConfigError
from ..vocab import ONTOLOGY_DIR, relations
from .lexicon import Frame, fold, tomllib, verb_forms


@dataclass(frozen=True)
class RoleWords:
    """The ``[roles]`` table of the lexicon (see ``ontology/lexicon.fr.toml``)."""

    deputies: frozenset = frozenset()  # "adjoint": the deputy of a head holds a title, not the headship
    head_adjectives: frozenset = frozenset()  # "président historique": still the head, not a department's
    posts: frozenset = frozenset()  # "le poste de directeur technique": the role is the post's complement
    attributive: frozenset = frozenset()  # verbs that give their subject the role they govern ("devenir")
    post_verbs: frozenset = frozenset()  # ... through a post noun only ("jouer le rôle de", "exercer la fonction de")
    offices: dict = dataclasses.field(default_factory=dict)  # office noun -> its frame ("présidence" -> leads)
    office_verbs: frozenset = frozenset()  # verbs that give their subject an office ("prendre la présidence")
    appointing: frozenset = frozenset()  # verbs that give the role to their object ("le conseil a nommé X PDG")
    extent_stops: frozenset = frozenset()  # prepositions that end a role's text ("pendant", "depuis")
    # career verb -> what introduces the employer after it: "passée par Engie", "a travaillé dix ans chez Thales"
    career_verbs: dict = dataclasses.field(default_factory=dict)
    career_nouns: frozenset = frozenset()  # "sa carrière chez BNP Paribas", "après un passage chez Airbus"
    career_noun_markers: frozenset = frozenset()  # ... after a career noun ("chez")
    durations: frozenset = frozenset()  # "après plusieurs années passées chez Valeo": the time, not the person
    career_adjuncts: frozenset = frozenset()  # "après un passage chez Y, X …": the noun is the subject's career
    career_noun_verbs: frozenset = frozenset()  # "X occupait les mêmes fonctions chez Y": the subject's career
    # folded forms of the first-group verbs above -> their infinitive, for forms the lemmatiser leaves as they are
    # ("reste", "préside")
    verb_forms: dict = dataclasses.field(default_factory=dict)

    def lemma(self, verb: Token) -> str:
        """``verb``'s lemma, or the infinitive of a known verb's form the lemmatiser did not recognise."""
        if verb.lemma_ == verb.lower_ and verb.pos_ in {"VERB", "AUX"}:
            return self.verb_forms.get(fold(verb.text), verb.lemma_)
        return verb.lemma_


@functools.lru_cache(maxsize=None)
def role_words(lang: str) -> RoleWords:
    """The ``[roles]`` table of ``ontology/lexicon.<lang>.toml`` (empty when the language has none)."""
    path = ONTOLOGY_DIR / f"lexicon.{lang}.toml"
    try:
        with open(path, "rb") as handle:
            table = tomllib.load(handle).get("roles", {})
    except FileNotFoundError:
        return RoleWords()
    careers = table.get("careers", {})
    offices = {}
    for relation, nouns in table.get("offices", {}).items():
        if relation not in relations():
            raise ConfigError(f"{path}: [roles] offices name {relation!r}, which ontology/kg.ttl does not define")
        frame = Frame(kind="role", relation=relation, lemmas=tuple(nouns))
        offices.update({fold(noun): frame for noun in nouns})
    verbs = {*table.get("attributive", ()), *table.get("post_verbs", ()), *table.get("office_verbs", ()),
             *table.get("appointing", ())}
    forms = {form: verb for verb in verbs for form in verb_forms(verb)}
    return RoleWords(deputies=frozenset(fold(w) for w in table.get("deputies", ())),
                     head_adjectives=frozenset(fold(w) for w in table.get("head_adjectives", ())),
                     posts=frozenset(table.get("posts", ())), attributive=frozenset(table.get("attributive", ())),
                     post_verbs=frozenset(table.get("post_verbs", ())),
                     offices=offices, office_verbs=frozenset(table.get("office_verbs", ())),
                     appointing=frozenset(table.get("appointing", ())),
                     extent_stops=frozenset(plain(w) for w in table.get("extent_stops", ())),
                     career_verbs={verb: frozenset(markers) for verb, markers in careers.get("verbs", {}).items()},
                     career_nouns=frozenset(careers.get("nouns", ())),
                     career_noun_markers=frozenset(careers.get("noun_markers", ())),
                     durations=frozenset(careers.get("durations", ())),
                     career_adjuncts=frozenset(careers.get("adjuncts", ())),
                     career_noun_verbs=frozenset(careers.get("noun_verbs", ())), verb_forms=forms)


def plain(word: str) -> str:
    """Lower case, straight apostrophes, accents kept: "dès" is not "des"."""
    return word.lower().replace("’", "'")
