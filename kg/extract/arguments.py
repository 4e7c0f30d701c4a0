"""How the frame engine reads a trigger's arguments off the parse: what a token refers to (directly, through
the name after a description, or through its owner), a verb's subjects and passive themes, a frame's slots,
the light verb that lends a noun its subject, the reflexive "se voir" passive; where the parse of
fr_core_news_md often goes wrong: relative clauses ("X, une ingénieure passée par Engie, qui la dirige", "sa
plateforme, qu'elle développe"), a lost subject, a passive under a modal, a participle hung on the wrong noun of a
phrase.

:class:`ArgumentReadings` is a mixin of :class:`~kg.extract.frames.FrameMatcher`: it uses its ``referents``,
``lexicon``, ``_children_of`` and ``_prep_of``.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ..model import Mention
from .access import feature
from .descriptions import gender, participle_gender
from .grammar import CONJ, OBLIQUE, PREPOSITIONS, REFLEXIVE, _is_passive, _prep, _with_conjuncts
from .lexicon import match_phrase
from .mentions import referent_in_phrase, token_table
from .qualifiers import governors

#: "X fait l'objet d'une enquête / d'une procédure": the noun that makes the subject of "faire" the topic.
OBJECT_OF = {"objet", "cible"}

#: Labels the parser gives a verb's bare object name when it misreads the clause (besides ``obj``).
BARE_OBJECT = {"obl:mod", "obl", "obl:arg", "advcl", "xcomp", "dep"}

#: Links inside a noun phrase: a complement, a participle and its own complements, an apposition.
NESTED = {"nmod", "acl", "obl:agent", "obl:mod", "obl:arg", "appos", "flat:name"}

#: Relative pronouns that stand for the clause's object ("la plateforme qu'elle développe").
OBJECT_RELATIVES = {"que", "qu'", "qu’"}


def object_relative(token: Token) -> bool:
    return token.pos_ == "PRON" and token.lower_ in OBJECT_RELATIVES


def _fronted(argument: Token, head: Token) -> bool:
    """"À Pékin, le ministère a critiqué …": a prepositional phrase set off by a comma before its verb frames the
    clause; it is no argument."""
    end = argument.right_edge.i + 1
    return argument.i < head.i and head.pos_ in {"VERB", "AUX"} and end < len(argument.doc) \
        and argument.doc[end].text == ","


class ArgumentReadings:
    """Readings of a trigger's arguments, for :class:`~kg.extract.frames.FrameMatcher`."""

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
                if child.lower_ == "dont" and child.pos_ == "PRON":  # "X, dont les activités sont régulées"
                    antecedent = self._antecedent_of_relative(child)
                    if antecedent is not None:
                        found.append((self.referents.get(antecedent), 0.7))
                        break
        return found

    def verb_subjects(self, verb: Token) -> list[Token]:
        passive = _is_passive(verb)
        if passive:
            agents = [c for c in self._children(verb)
                      if c.dep_ == "obl:agent" or (c.dep_ in OBLIQUE and self._prep(c) == "par")]
            return agents
        # "où" is never a subject ("le marché espagnol, où la jeune pousse affrontera …"), whatever the parser says
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"} and c.lower_ != "où"]
        if len(subjects) > 1:  # "sa plateforme, qu'elle développe": the relative "que" is the object
            subjects = [s for s in subjects if not object_relative(s)]
        if subjects:
            relative = [s for s in subjects if s.pos_ == "PRON" and s.lower_ in {"qui", "qu'", "qu’"}]
            if relative:
                if verb.dep_ == "acl:relcl" and self.referents_of(verb.head):
                    return [verb.head]
                antecedent = self._antecedent_of_relative(relative[0])
                return [antecedent] if antecedent is not None else [verb.head] if verb.dep_ == "acl:relcl" else []
            if not any(self.referents_of(s) for s in subjects):
                # "…, deux anciens de Google, la start-up avait levé": the parser took an apposition for the
                # subject; the referring noun right before the verb is
                return self._subject_on_the_left(verb) or subjects
            return subjects
        if verb.dep_ == "acl:relcl":
            return [verb.head]
        if verb.dep_ == "acl" and any(c.dep_ == "aux:tense" for c in self._children(verb)):
            return [verb.head]  # "le fonds X aurait pris …" misread as a participle modifying its subject
        if "Fin" in feature(verb, "VerbForm"):  # a finite verb has its own subject, lost by the parser: on its left
            left = self._subject_on_the_left(verb)
            if left:
                return left
        for governor in governors(verb):  # "a choisi de s'allier", "devrait prendre", "pour affaiblir"
            found = [c for c in governor.children if c.dep_ in {"nsubj", "nsubj:pass"}]
            if found:
                return found
        return self._subject_on_the_left(verb)

    def verb_themes(self, verb: Token) -> list[Token]:
        """The grammatical subject of a passive verb (or the noun a passive participle modifies)."""
        themes = [c for c in verb.children if c.dep_ in {"nsubj:pass", "nsubj"}]
        if not themes and verb.dep_ == "acl":
            themes = [self._agreeing_head(verb)]
        if not themes and verb.dep_ == "xcomp":  # "Elle devrait être remplacée par X": the governing verb's subject
            themes = [c for c in verb.head.children if c.dep_ in {"nsubj:pass", "nsubj"}]
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
                relative = next((c for c in children if object_relative(c)), None)
                if head.dep_ == "acl:relcl" and relative is not None and not any(c.dep_ == "obj" for c in children):
                    # "sa plateforme, qu'elle développe": the antecedent is the object, the word written before
                    # "que" rather than where the parser hung the clause
                    tokens.append(self._antecedent_of_relative(relative) or head.head)
                # the parser sometimes calls a bare name after the verb an oblique or a clause ("critiquent
                # vivement Harbor" -> advcl): with no preposition, a name after its verb (a bare name tagged as a
                # noun too) is its object
                tokens.extend(c for c in children if c.dep_ in BARE_OBJECT and c.i > head.i and self._prep(c) is None
                              and (c.pos_ == "PROPN" or self.referents.kind_by_token.get(c.i) == "name"))
            elif marker == "poss":
                tokens.extend(c for c in children if c.dep_ == "det" and "Poss=Yes" in str(c.morph))
            elif marker == "name":  # "son système Mistral Large": the name the noun introduces
                tokens.append(head)
            elif marker == "copula":  # "X est en concurrence avec Y": the subject of the noun as a predicate
                if any(c.dep_ == "cop" for c in children):
                    tokens.extend(c for c in children if c.dep_ == "nsubj")
            elif marker in {"nsubj", "support", "appos"}:
                continue
            else:
                tokens.extend(c for c in children if c.dep_ in OBLIQUE and self._prep(c) == marker
                              and not _fronted(c, head))
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

    def _agreeing_head(self, participle: Token) -> Token:
        """The noun a participle describes: its head, or, when the head's gender disagrees with the participle's,
        the nearest noun of the head's complements that agrees ("la filiale du groupe Iliad fondé par X": the
        group)."""
        head = participle.head
        wanted = participle_gender(participle)
        if wanted is None or gender(head) in {None, wanted}:
            return head
        for noun in reversed(participle.doc[head.i + 1: participle.i]):
            if noun.pos_ in {"NOUN", "PROPN"} and gender(noun) == wanted and self.referents.get(noun) is not None:
                return noun
        return head

    def _enclosing_nouns(self, noun: Token) -> Iterator[Token]:
        """The nouns a noun's phrase is nested in, inside one clause: "une ingénieure passée par Engie" → ingénieure."""
        node = noun
        for _ in range(4):
            if node.dep_ not in NESTED or node.head.i == node.i:
                return
            node = node.head
            if node.pos_ in {"NOUN", "PROPN"}:
                yield node

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
        follower = self._complement_after(token, {"de"})
        return [follower] if follower is not None and self.referents.get(follower) is not None else [token]

    def _names_after_words(self, token: Token, words: tuple[str, ...]) -> list[Token]:
        """The referring tokens right after ``words`` (folded) later in ``token``'s sentence, with those
        coordinated to them: "aux côtés de Bpifrance et de la coopérative Agrilliance"."""
        doc, end = token.doc, token.sent.end
        table = token_table(doc, self.referents)
        for start in range(token.i + 1, end - len(words)):
            if tuple(table.folded_text[start: start + len(words)]) != words:
                continue
            found = []
            for follower in doc[start + len(words): end]:
                if self.referents.get(follower) is not None:
                    if not found or self.referents.get(found[-1]) is not self.referents.get(follower):
                        found.append(follower)
                elif not (follower.pos_ in {"DET", "ADJ", "CCONJ"} or follower.text == ","
                          or PREPOSITIONS.get(follower.lower_, follower.lower_) == "de"):
                    break
            return found
        return []

    def _complement_after(self, token: Token, markers: set) -> Token | None:
        """The noun of the prepositional phrase written right after ``token``'s phrase (past a quoted adjunct),
        introduced by one of ``markers``, however the parser attached it: "le lobbying « d'une intensité rare »
        de la FPN", "son lobbying contre le texte" (hung on the verb)."""
        doc, end = token.doc, token.sent.end
        position = token.i + 1
        while position < end and doc[position].pos_ == "ADJ" and doc[position].head.i == token.i:
            position += 1
        if position < end and doc[position].text == "«":
            closing = next((t.i for t in doc[position: min(position + 12, end)] if t.text == "»"), None)
            if closing is None:
                return None
            position = closing + 1
        if position >= end or PREPOSITIONS.get(doc[position].lower_, doc[position].lower_) not in markers:
            return None
        position += 1
        while position < end and doc[position].pos_ == "DET":
            position += 1
        return doc[position] if position < end and doc[position].pos_ in {"NOUN", "PROPN"} else None

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
                and argument.dep_ in {"obj", "nsubj:pass", "obl:arg", "obl:mod", "nmod"} \
                and not any(c.dep_ == "obj" and c.lemma_ in OBJECT_OF for c in self._children(head)):
            return head  # not "X fait l'objet d'une enquête", where X is what the enquiry is about
        return None
