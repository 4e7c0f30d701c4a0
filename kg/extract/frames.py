"""The generic frame engine: apply the lexicon's verbal, nominal and role frames to a parsed sentence.

Nothing here knows a relation or a French word besides the grammar of dependency labels (UD French:
``nsubj``, ``nsubj:pass``, ``obl:agent``, ``obj``, ``nmod`` + ``case``). What triggers what is data.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from ..model import Mention
from ..vocab import relations
from .grammar import CONJ, OBLIQUE, REFLEXIVE, _is_passive, _prep, _with_conjuncts
from .lexicon import Frame, Lexicon, match_phrase
from .mentions import Referents, referent_in_phrase, token_table
from .qualifiers import governors
from .surface import SurfaceReadings

#: "X fait l'objet d'une enquête / d'une procédure": the noun that makes the subject of "faire" the topic.
OBJECT_OF = {"objet", "cible"}

#: How many sentences back a passive without agent takes the last agent of its relation (``implicit_agent``).
AGENT_SENTENCES = 8

#: Labels the parser gives a verb's bare object name when it misreads the clause (besides ``obj``).
BARE_OBJECT = {"obl:mod", "obl", "obl:arg", "advcl", "xcomp", "dep"}


class FrameMatcher(SurfaceReadings):
    """Applies every frame of a lexicon to the sentences of one Doc."""

    def __init__(self, lexicon: Lexicon, referents: Referents):
        self.lexicon = lexicon
        self.referents = referents
        self.relations = relations()
        self._children_of: dict[int, list] = {}  # token index -> its children (asked again by each frame and slot)
        self._prep_of: dict[int, str | None] = {}  # token index -> its preposition (_prep)
        self._agents: dict[str, tuple[int, list]] = {}  # relation -> (sentence number, its last named agents)
        self._sentence = 0  # the number of the sentence being matched

    def _children(self, token: Token) -> list[Token]:
        children = self._children_of.get(token.i)
        if children is None:
            children = self._children_of[token.i] = list(token.children)
        return children

    def _prep(self, token: Token) -> str | None:
        if token.i not in self._prep_of:
            self._prep_of[token.i] = _prep(token)
        return self._prep_of[token.i]

    # -- arguments -------------------------------------------------------------------------------------------

    def referents_of(self, token: Token) -> list[tuple[Mention, float]]:
        """The named mentions a token stands for, with a confidence factor (1.0 direct, lower when indirect)."""
        found = []
        for member in _with_conjuncts(token):
            mention = self.referents.get(member)
            if mention is not None and member.pos_ in {"NOUN", "PROPN"} and \
                    self.referents.kind_by_token.get(member.i) != "name":
                # "le fonds Kerala Partners", "la start-up Helsing": the name written right after the noun (and
                # its adjectives), whatever coreference took the noun for
                named = self._name_after(member)
                if named is not None:
                    mention = named
            if mention is not None:
                found.append((mention, 1.0 if self.referents.kind_by_token.get(member.i) == "name" else 0.85))
                continue
            # "la start-up Helsing", however the parser attached the name: the first name in the noun phrase
            named = referent_in_phrase(member, self.referents) or self._named_by_participle(member)
            if named is not None:
                found.append((named, 0.85))
                continue
            # "l'investissement de Microsoft" as an argument stands for Microsoft (its agent), less surely;
            # only event nouns have agents: "son champion" is not its owner
            if not match_phrase(self.lexicon.noun_index, member, token_table(member.doc, self.referents)) and \
                    member.lemma_.lower() not in self.lexicon.stand_for_owner:
                continue
            for child in self._children(member):
                if child.dep_ == "det" and "Poss=Yes" in str(child.morph) and self.referents.get(child):
                    found.append((self.referents.get(child), 0.7))
                    break
                if child.dep_ in {"nmod", "flat:name"} and self._prep(child) in {"de", None} and self.referents.get(child):
                    found.append((self.referents.get(child), 0.7))
                    break
        return found

    def verb_subjects(self, verb: Token) -> list[Token]:
        passive = _is_passive(verb)
        if passive:
            agents = [c for c in self._children(verb)
                      if c.dep_ == "obl:agent" or (c.dep_ in OBLIQUE and self._prep(c) == "par")]
            return agents
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}]
        if subjects:
            relative = [s for s in subjects if s.pos_ == "PRON" and s.lower_ in {"qui", "qu'", "qu’"}]
            if relative:
                if verb.dep_ == "acl:relcl" and self.referents_of(verb.head):
                    return [verb.head]
                antecedent = self._antecedent_of_relative(relative[0])
                return [antecedent] if antecedent is not None else [verb.head] if verb.dep_ == "acl:relcl" else []
            return subjects
        if verb.dep_ == "acl:relcl":
            return [verb.head]
        if verb.dep_ == "acl" and any(c.dep_ == "aux:tense" for c in self._children(verb)):
            return [verb.head]  # "le fonds X aurait pris …" misread as a participle modifying its subject
        for governor in governors(verb):  # "a choisi de s'allier", "devrait prendre", "pour affaiblir"
            found = [c for c in governor.children if c.dep_ in {"nsubj", "nsubj:pass"}]
            if found:
                return found
        return self._subject_on_the_left(verb)

    def verb_themes(self, verb: Token) -> list[Token]:
        """The grammatical subject of a passive verb (or the noun a passive participle modifies)."""
        themes = [c for c in verb.children if c.dep_ in {"nsubj:pass", "nsubj"}]
        if not themes and verb.dep_ == "acl":
            themes = [verb.head]
        if not themes:  # the parse lost the subject ("Basé à Lyon, X est dirigé par Y"): the name before "est"
            themes = self._subject_on_the_left(verb)
        return themes

    def slot(self, head: Token, markers: tuple[str, ...], *, passive_theme: list[Token] | None = None) -> list[Token]:
        tokens = []
        children = self._children(head)
        for marker in markers:
            if marker == "obj":
                if passive_theme is not None:
                    tokens.extend(passive_theme)
                tokens.extend(c for c in children if c.dep_ == "obj")
                # the parser sometimes calls a bare name after the verb an oblique or a clause ("critiquent
                # vivement Harbor" -> advcl): with no preposition, a name after its verb is its object
                tokens.extend(c for c in children if c.dep_ in BARE_OBJECT and c.i > head.i
                              and self._prep(c) is None and c.pos_ == "PROPN")
            elif marker == "poss":
                tokens.extend(c for c in children if c.dep_ == "det" and "Poss=Yes" in str(c.morph))
            elif marker == "name":  # "son système Mistral Large": the name the noun introduces
                tokens.append(head)
            elif marker in {"nsubj", "support", "appos"}:
                continue
            else:
                tokens.extend(c for c in children if c.dep_ in OBLIQUE and self._prep(c) == marker)
                if marker.endswith("ant") and " " not in marker:  # "une enquête visant X": the participle's object
                    for participle in children:
                        if participle.lower_ == marker and participle.dep_ in {"acl", "advcl", "amod"}:
                            tokens.extend(c for c in self._children(participle) if c.dep_ == "obj")
                if " " in marker:  # "auprès de X", parsed as an adverb "auprès" governing "de X"
                    first, rest = marker.split(" ", 1)
                    for adverb in children:
                        if adverb.lower_ == first and adverb.pos_ in {"ADV", "ADP"}:
                            tokens.extend(c for c in self._children(adverb)
                                          if c.dep_ in OBLIQUE and self._prep(c) == rest)
        return tokens

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
        between = self.slot(noun, ("entre",)) if "entre" in frame.subject else []
        if between:  # "le partenariat entre X et Y"
            members = [m for token in between for m in self.referents_of(token)]
            if len(members) >= 2:
                return self._checked(frame, [members[0]], members[1:2])
        support = self._support_verb(noun) if "support" in frame.subject else None
        if support is not None:
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
            # "une enquête ouverte par le PNF": the agent of a participle on the noun
            for participle in self._children(noun):
                if participle.dep_ == "acl" and participle.pos_ == "VERB" and _is_passive(participle):
                    subjects = self.verb_subjects(participle)
                    break
        if not any(self.referents_of(t) for t in objects):
            # "X fait l'objet d'une enquête": the subject of "faire l'objet de" is what the noun is about
            holder = noun.head
            if noun.dep_ == "nmod" and self._prep(noun) == "de" and holder.lemma_ in OBJECT_OF \
                    and holder.head.lemma_ == "faire" and holder.dep_ == "obj":
                objects = self.verb_subjects(holder.head)
        return self._pairs(frame, subjects, objects)

    def _agents_of(self, verb: Token) -> list[Token]:
        """The "par X" complements of ``verb``."""
        return [c for c in self._children(verb) if c.dep_ in OBLIQUE and self._prep(c) == "par"]

    def _se_voir(self, verb: Token) -> Token | None:
        """The reflexive "voir" governing ``verb`` ("s'est vu infliger"), if any."""
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_ == "voir" and "VerbForm=Inf" in str(verb.morph) and any(
                c.lower_ in REFLEXIVE and c.pos_ == "PRON" for c in self._children(head)):
            return head
        return None

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

    def _owner_if_unnamed(self, token: Token) -> list[Token]:
        """``token``, or, when it refers to nothing, its owner: "la fermeté de X", "son lobbying" (a possessive
        or a "de" complement that refers to something)."""
        if self.referents_of(token):
            return [token]
        for child in self._children(token):
            if child.dep_ == "det" and "Poss=Yes" in str(child.morph) and self.referents.get(child) is not None:
                return [child]
            if child.dep_ == "nmod" and self._prep(child) == "de" and self.referents_of(child):
                return [child]
        return [token]

    def _support_verb(self, noun: Token) -> Token | None:
        """The light verb governing a trigger noun ("signer un partenariat", "infliger un blâme et une amende")."""
        argument = noun
        while argument.head is not argument and (
                argument.dep_ == CONJ
                # "inflige 8 millions d'euros d'amende": the trigger hangs on the amount, the verb's object
                or argument.dep_ == "nmod" and argument.head.lemma_.lower() in self.lexicon.multipliers
                and argument.head.i < argument.i):
            argument = argument.head
        head = argument.head
        if head is not argument and head.pos_ == "VERB" and head.lemma_ in self.lexicon.support_verbs \
                and argument.dep_ in {"obj", "nsubj:pass", "obl:arg", "obl:mod", "nmod"}:
            return head
        return None

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
