"""The generic frame engine: apply the lexicon's verbal, nominal and role frames to a parsed sentence.

Nothing here knows a relation or a French word besides the grammar of dependency labels (UD French:
``nsubj``, ``nsubj:pass``, ``obl:agent``, ``obj``, ``nmod`` + ``case``). What triggers what is data.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from ..model import Mention
from ..vocab import relations
from .adjuncts import AdjunctReadings
from .arguments import OBJECT_OF, ArgumentReadings
from .descriptions import _is_definite
from .grammar import _is_passive
from .lexicon import Frame, Lexicon, match_phrase, phrase_words
from .mentions import Referents, token_table
from .surface import SurfaceReadings

#: How many sentences back a passive without agent, or a definite trigger noun without subject, takes the last
#: agent of its relation (``implicit_agent``).
AGENT_SENTENCES = 8


class FrameMatcher(ArgumentReadings, SurfaceReadings, AdjunctReadings):
    """Applies every frame of a lexicon to the sentences of one Doc."""

    def __init__(self, lexicon: Lexicon, referents: Referents):
        self.lexicon = lexicon
        self.referents = referents
        self.relations = relations()
        self._children_of: dict[int, list] = {}  # token index -> its children (asked again by each frame and slot)
        self._prep_of: dict[int, str | None] = {}  # token index -> its preposition (_prep)
        self._agents: dict[tuple, tuple[int, list]] = {}  # (relation, swap) -> (sentence number, last named agents)
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
        elif frame.undergoer:  # "X écope d'une amende": the subject undergoes it
            passive, themes, subjects = True, subjects, self._agents_of(verb)
        if frame.implicit_agent:
            subjects = self._agent(frame, verb, subjects, passive)
        objects = self.slot(verb, frame.object, passive_theme=themes)
        if frame.swap:
            subjects, objects = objects, subjects
        if frame.owner_objects:
            objects = [owner for token in objects for owner in self._owner_if_unnamed(token)]
        found = self._pairs(frame, subjects, objects)
        if found is None and not frame.swap and verb.dep_ == "acl:relcl" and subjects == [verb.head]:
            # "X, une ingénieure passée par Engie, qui la dirige": a relative may hang on any noun of the phrase
            # before it; the nouns that phrase nests in, nearest first, when the nearest does not fit the frame
            for noun in self._enclosing_nouns(verb.head):
                found = self._pairs(frame, [noun], objects)
                if found is not None:
                    break
        return found

    def _noun(self, frame: Frame, noun: Token):
        markers = tuple(m for m in frame.subject if m != "entre")
        subjects = self.slot(noun, markers)
        if not any(self.referents_of(t) for t in subjects):
            # "la levée de fonds de X": the argument hangs on the compound's bare "de" complement
            subjects += [t for part in self._compound_parts(noun) for t in self.slot(part, markers)]
        objects = [t for t in self.slot(noun, frame.object) if t not in subjects]
        if not any(self.referents_of(t) for t in objects):
            objects += self._misattached_objects(frame, noun, subjects)
        between = self.slot(noun, ("entre",)) if "entre" in frame.subject else []
        if between:  # "le partenariat entre X et Y"
            members = [m for token in between for m in self.referents_of(token)]
            if len(members) >= 2:
                return self._checked(frame, [members[0]], members[1:2])
        support = self._support_verb(noun) if "support" in frame.subject else None
        if support is not None and support.lemma_ in frame.object_verbs:
            objects = objects + self.verb_subjects(support)  # "le tour de table est mené par X": X invests
        elif support is not None:
            if subjects and all(t.dep_ == "det" for t in subjects) and self.verb_subjects(support):
                subjects = []  # "X a apporté son soutien à Y": the possessive is the light verb's subject
            if not any(self.referents_of(t) for t in subjects):
                subjects = self._agents_of(support) if self._se_voir(support) is not None \
                    else self.verb_subjects(support)
            if not any(self.referents_of(t) for t in objects):
                # "infliger une amende à X", "signer un accord … avec X": the light verb took the argument
                markers = tuple(m for m in frame.object if m not in {"obj", "poss", "name"})
                objects = [t for t in self.slot(support, markers) if t not in subjects]
        if frame.implicit_agent:
            subjects = self._agent(frame, noun, subjects, passive=_is_definite(noun))
        if not any(self.referents_of(t) for t in subjects):
            subjects, objects = self._participle_arguments(frame, noun, subjects, objects)
        if not any(self.referents_of(t) for t in objects):
            objects = self._object_of(noun) or objects
        if frame.swap:
            subjects, objects = objects, subjects
        return self._pairs(frame, subjects, objects)

    def _misattached_objects(self, frame: Frame, noun: Token, subjects: list[Token]) -> list[Token]:
        """A trigger noun's objects the parser hung elsewhere."""
        # "un accord de licence avec X": the argument hangs on the compound's bare "de" complement
        found = [t for part in self._compound_parts(noun) for t in self.slot(part, frame.object) if t not in subjects]
        if any(self.referents_of(t) for t in found):
            return found
        # "consacrer 2 millions à son lobbying contre le texte", "contre" hung on the verb
        markers = {m for m in frame.object if m not in {"obj", "poss", "name", "de"} and " " not in m}
        follower = self._complement_after(noun, markers) if markers else None
        if follower is not None and follower.head is not noun:
            found.append(follower)
        # "…, aux côtés de X et de Y": a multiword marker later in the sentence, however it was attached
        for marker in frame.object:
            if " " in marker:
                found += self._names_after_words(noun, phrase_words(marker))
        return found

    def _compound_parts(self, noun: Token) -> list[Token]:
        """The bare "de" complements that make a compound of ``noun`` ("accord de licence", "levée de fonds")."""
        return [part for part in self._children(noun) if part.dep_ == "nmod" and part.pos_ == "NOUN"
                and self._prep(part) == "de" and not any(c.dep_ == "det" for c in self._children(part))]

    def _participle_arguments(self, frame: Frame, noun: Token, subjects: list, objects: list) -> tuple[list, list]:
        """"une enquête ouverte par le PNF": the agent of a participle on the noun, and its complements ("une
        enquête ouverte sur l'application par le régulateur", "par X" often hung on the complement)."""
        for participle in self._children(noun):
            if participle.dep_ == "acl" and participle.pos_ == "VERB" and _is_passive(participle):
                subjects = self.verb_subjects(participle) or [
                    agent for complement in self._children(participle) if complement.dep_.startswith("obl")
                    for agent in self._agents_of(complement)]
                if not any(self.referents_of(t) for t in objects):
                    markers = tuple(m for m in frame.object if m != "obj")
                    objects = objects + [t for t in self.slot(participle, markers) if t not in subjects]
                break
        return subjects, objects

    def _object_of(self, noun: Token) -> list[Token]:
        """"X fait l'objet d'une enquête": the subject of "faire l'objet de" is what the noun is about (the noun
        hangs on "objet", or on "faire" itself)."""
        holder = noun.head
        if self._prep(noun) == "de" and (
                noun.dep_ == "nmod" and holder.lemma_ in OBJECT_OF and holder.dep_ == "obj"
                and holder.head.lemma_ == "faire"
                or holder.lemma_ == "faire"
                and any(c.lemma_ in OBJECT_OF and c.dep_ == "obj" for c in self._children(holder))):
            return self.verb_subjects(holder if holder.lemma_ == "faire" else holder.head)
        return []

    def _agent(self, frame: Frame, trigger: Token, subjects: list[Token], passive: bool) -> list[Token]:
        """The subjects of ``frame`` at ``trigger``: the last ones of the relation when they are implicit (a
        passive verb without agent, "a été condamné"; a definite noun without its subject, "le tour de table est
        mené par X"), within a few sentences; named subjects become the last ones."""
        key = (frame.relation, frame.swap)
        if any(self.referents_of(t) for t in subjects):
            if not passive or frame.kind == "noun":
                self._agents[key] = (self._sentence, subjects)
            return subjects
        if not passive or frame.kind == "verb" and subjects:
            return subjects
        last = self._agents.get(key)
        return last[1] if last is not None and self._sentence - last[0] <= AGENT_SENTENCES else subjects

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

