"""Who a verb's subject and theme are, where the parse of fr_core_news_md often goes wrong: relative clauses
("X, une ingénieure passée par Engie, qui la dirige", "sa plateforme, qu'elle développe"), a lost subject, a
passive under a modal, a participle hung on the wrong noun of a phrase.

:class:`VerbArguments` is a mixin of :class:`~kg.extract.frames.FrameMatcher`: it uses its ``referents``,
``referents_of``, ``_children`` and the :class:`~kg.extract.surface.SurfaceReadings`.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from .access import feature
from .descriptions import gender, participle_gender
from .grammar import OBLIQUE, _is_passive
from .qualifiers import governors

#: Links inside a noun phrase: a complement, a participle and its own complements, an apposition.
NESTED = {"nmod", "acl", "obl:agent", "obl:mod", "obl:arg", "appos", "flat:name"}


class VerbArguments:
    """Subjects and themes of verbs, for :class:`~kg.extract.frames.FrameMatcher`."""

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


#: Relative pronouns that stand for the clause's object ("la plateforme qu'elle développe").
OBJECT_RELATIVES = {"que", "qu'", "qu’"}


def object_relative(token: Token) -> bool:
    return token.pos_ == "PRON" and token.lower_ in OBJECT_RELATIVES
