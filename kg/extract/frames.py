"""The generic frame engine: apply the lexicon's verbal, nominal and role frames to a parsed sentence.

Nothing here knows a relation or a French word besides the grammar of dependency labels (UD French:
``nsubj``, ``nsubj:pass``, ``obl:agent``, ``obj``, ``nmod`` + ``case``). What triggers what is data.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from ..model import Mention
from ..vocab import relations
from .arguments import OBJECT_OF, ArgumentReadings
from .grammar import _is_passive
from .lexicon import Frame, Lexicon, match_phrase
from .mentions import Referents, token_table
from .surface import SurfaceReadings

#: How many sentences back a passive without agent takes the last agent of its relation (``implicit_agent``).
AGENT_SENTENCES = 8


class FrameMatcher(ArgumentReadings, SurfaceReadings):
    """Applies every frame of a lexicon to the sentences of one Doc."""

    def __init__(self, lexicon: Lexicon, referents: Referents):
        self.lexicon = lexicon
        self.referents = referents
        self.relations = relations()
        self._children_of: dict[int, list] = {}  # token index -> its children (asked again by each frame and slot)
        self._prep_of: dict[int, str | None] = {}  # token index -> its preposition (_prep)
        self._agents: dict[str, tuple[int, list]] = {}  # relation -> (sentence number, its last named agents)
        self._sentence = 0  # the number of the sentence being matched

    # -- frames ----------------------------------------------------------------------------------------------

    def match(self, sentence: Span) -> Iterator[tuple[Frame, Token, list, list]]:
        """Yields ``(frame, trigger, subjects, objects)``; subjects/objects are ``(Mention, factor)`` lists."""
        doc = sentence.doc
        self._sentence += 1
        table = token_table(doc, self.referents)
        words: set | None = None  # the sentence's words, read when a frame requires one of them

        def allowed(frame: Frame) -> bool:
            nonlocal words
            if not frame.requires:
                return True
            if words is None:
                words = {lemma.lower() for lemma in table.lemma[sentence.start: sentence.end]} | \
                        set(table.lower[sentence.start: sentence.end])
            return bool(frame.requires & words)

        for i in range(sentence.start, sentence.end):
            matched = False
            for frame, token in self._frames_here(table, i):
                if not allowed(frame) or frame.kind not in {"verb", "noun"}:
                    continue
                if frame.kind == "verb":
                    found = self._participial_adjunct(frame, token) or self._verb(frame, token)
                else:
                    found = self._noun(frame, token)
                if found:
                    matched = True
                    yield (frame, token, *found)
            if not matched and table.folded_text[i] in self.lexicon.verb_forms:
                for frame, token, *found in self._surface(doc[i], self.lexicon.verb_forms[table.folded_text[i]]):
                    if allowed(frame):
                        yield (frame, token, *found)

    def _frames_here(self, table, i: int) -> list[tuple[Frame, Token]]:
        """The frames whose trigger starts at token ``i``, with that token."""
        index = self._index_at(table, i)
        if index is None:
            return []
        key = None
        if not (index.get(table.folded_lemma[i]) or index.get(table.folded_text[i])):
            # a verb form the lemmatiser left as it is ("préside"): its infinitive, when it is a frame's
            key = self.lexicon.verb_forms.get(table.folded_text[i]) \
                if index is self.lexicon.verb_index and table.lemma[i] == table.lower[i] else None
            if key is None:
                return []  # no frame word starts here (see match_phrase)
        token = table.doc[i]
        return [(frame, token) for frame, _ in match_phrase(index, token, table, key=key)]

    def _index_at(self, table, i: int) -> dict | None:
        """:meth:`_frames_at`'s choice of index for token ``i``, read from the Doc's token table."""
        pos = table.pos[i]
        if pos == "VERB" or (pos == "ADJ" and table.lemma[i] != table.lower[i]):
            return self.lexicon.verb_index
        if pos in {"NOUN", "PROPN", "ADV", "X"}:
            return self.lexicon.noun_index
        return None

    def _verb(self, frame: Frame, verb: Token):
        passive = _is_passive(verb)
        subjects = self.verb_subjects(verb)
        themes = self.verb_themes(verb) if passive else None
        voir = self._se_voir(verb)
        if voir is not None:  # "X s'est vu infliger une amende": a passive whose theme is the subject of "voir"
            passive, themes, subjects = True, self.verb_subjects(voir), self._agents_of(verb)
        if frame.implicit_agent:
            subjects = self._agent(frame, verb, subjects, passive)
        objects = self.slot(verb, frame.object, passive_theme=themes)
        if frame.swap:
            subjects, objects = objects, subjects
        if frame.owner_objects:
            objects = [owner for token in objects for owner in self._owner_if_unnamed(token)]
        return self._pairs(frame, subjects, objects)

    def _noun(self, frame: Frame, noun: Token):
        subjects = self.slot(noun, tuple(m for m in frame.subject if m != "entre"))
        objects = [t for t in self.slot(noun, frame.object) if t not in subjects]
        if not any(self.referents_of(t) for t in objects):
            # "un accord de licence avec X": the argument hangs on the compound's bare "de" complement
            for part in self._children(noun):
                if part.dep_ == "nmod" and part.pos_ == "NOUN" and self._prep(part) == "de" \
                        and not any(c.dep_ == "det" for c in self._children(part)):
                    objects += [t for t in self.slot(part, frame.object) if t not in subjects]
        if not any(self.referents_of(t) for t in objects):
            # "consacrer 2 millions à son lobbying contre le texte", "contre" hung on the verb
            markers = {m for m in frame.object if m not in {"obj", "poss", "name", "de"} and " " not in m}
            follower = self._complement_after(noun, markers) if markers else None
            if follower is not None and follower.head is not noun:
                objects.append(follower)
        between = self.slot(noun, ("entre",)) if "entre" in frame.subject else []
        if between:  # "le partenariat entre X et Y"
            members = [m for token in between for m in self.referents_of(token)]
            if len(members) >= 2:
                return self._checked(frame, [members[0]], members[1:2])
        support = self._support_verb(noun) if "support" in frame.subject else None
        if support is not None:
            if subjects and all(t.dep_ == "det" for t in subjects) and self.verb_subjects(support):
                subjects = []  # "X a apporté son soutien à Y": the possessive is the light verb's subject
            if not any(self.referents_of(t) for t in subjects):
                subjects = self._agents_of(support) if self._se_voir(support) is not None \
                    else self.verb_subjects(support)
            if not any(self.referents_of(t) for t in objects):
                # "infliger une amende à X", "signer un accord … avec X": the light verb took the argument
                markers = tuple(m for m in frame.object if m not in {"obj", "poss", "name"})
                objects = [t for t in self.slot(support, markers) if t not in subjects]
        if frame.implicit_agent and any(self.referents_of(t) for t in subjects):
            self._agents[frame.relation] = (self._sentence, subjects)
        if not any(self.referents_of(t) for t in subjects):
            # "une enquête ouverte par le PNF": the agent of a participle on the noun, and its complements
            # ("une enquête ouverte sur l'application par le régulateur", "par X" often hung on the complement)
            for participle in self._children(noun):
                if participle.dep_ == "acl" and participle.pos_ == "VERB" and _is_passive(participle):
                    subjects = self.verb_subjects(participle) or [
                        agent for complement in self._children(participle) if complement.dep_.startswith("obl")
                        for agent in self._agents_of(complement)]
                    if not any(self.referents_of(t) for t in objects):
                        objects = objects + [t for t in self.slot(participle, tuple(m for m in frame.object
                                                                                    if m != "obj"))
                                             if t not in subjects]
                    break
        if not any(self.referents_of(t) for t in objects):
            # "X fait l'objet d'une enquête": the subject of "faire l'objet de" is what the noun is about (the
            # noun hangs on "objet", or on "faire" itself)
            holder = noun.head
            if self._prep(noun) == "de" and (
                    noun.dep_ == "nmod" and holder.lemma_ in OBJECT_OF and holder.dep_ == "obj"
                    and holder.head.lemma_ == "faire"
                    or holder.lemma_ == "faire"
                    and any(c.lemma_ in OBJECT_OF and c.dep_ == "obj" for c in self._children(holder))):
                objects = self.verb_subjects(holder if holder.lemma_ == "faire" else holder.head)
        return self._pairs(frame, subjects, objects)

    def _agent(self, frame: Frame, verb: Token, subjects: list[Token], passive: bool) -> list[Token]:
        """The subjects of ``frame`` at ``verb``: the last agent of the relation for a passive without any
        ("a été condamné"), within a few sentences; an active verb's named subject becomes the last agent."""
        here = self._sentence
        if not passive:
            if any(self.referents_of(t) for t in subjects):
                self._agents[frame.relation] = (here, subjects)
            return subjects
        if subjects:
            return subjects
        last = self._agents.get(frame.relation)
        return last[1] if last is not None and here - last[0] <= AGENT_SENTENCES else []

    def _pairs(self, frame: Frame, subject_tokens, object_tokens):
        subjects = [m for token in subject_tokens for m in self.referents_of(token)]
        objects = [m for token in object_tokens for m in self.referents_of(token)]
        if not objects and len(subjects) >= 2 and self.relations[frame.relation].symmetric:
            # "Orange et Cirrus ont signé un partenariat", "X et Y s'allient": a reciprocal relation
            subjects, objects = subjects[:1], subjects[1:]
        return self._checked(frame, subjects, objects)

    def _checked(self, frame: Frame, subjects, objects):
        info = self.relations[frame.relation]
        subjects = [(m, f) for m, f in subjects if self._fits(m, info.domain, frame.subject_types)]
        objects = [(m, f) for m, f in objects if self._fits(m, info.range, frame.object_types)]
        if not subjects or not objects:
            return None
        return subjects, objects

    @staticmethod
    def _fits(mention: Mention, cls: str, allowed: frozenset) -> bool:
        if allowed and mention.type not in allowed and mention.type != "Entity":
            return False
        if cls == "Entity" or mention.type == "Entity" or mention.type == cls:
            return True
        if cls == "Organization" and mention.type == "Authority":
            return True
        return False
