"""Clause-opening participles: "Fondée en 2015 par X et Y, Cérébra …", "Basée à Bordeaux, Roulezy …",
"Désormais dirigée par X, Y, qui …, a …" — the participle describes the subject after its comma, which the parser
rarely attaches to it, so the frame engine reads the clause in its word order.

:class:`AdjunctReadings` is a mixin of :class:`~kg.extract.frames.FrameMatcher`: it uses its ``referents`` and
``_checked``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .grammar import PREPOSITIONS
from .lexicon import Frame


class AdjunctReadings:
    """Readings of a clause-opening participle, for :class:`~kg.extract.frames.FrameMatcher`."""

    def _participial_adjunct(self, frame: Frame, verb: Token):
        """``Fondée en 2015 par X et Y, Cérébra …`` / ``Basée à Bordeaux, Roulezy …``: a clause-initial past
        participle describes the subject that follows its comma. Read on the surface, because the parser
        rarely attaches such adjuncts correctly."""
        if "VerbForm=Part" not in str(verb.morph) and verb.pos_ != "ADJ":
            return None
        sentence = verb.sent
        # (past adverbs: "Désormais dirigée par X, Y …")
        before = [t for t in sentence[: verb.i - sentence.start] if not t.is_punct and not t.is_space
                  and t.pos_ != "ADV"]
        if before and not _second_fronted_participle(before) and not (
                # "Agréée en 2019 et supervisée par l'ACPR, Kapita …": coordinated with a clause-initial adjunct
                verb.i > sentence.start and verb.doc[verb.i - 1].lower_ == "et"
                and not any(t.text == "," or t.pos_ in {"VERB", "AUX"} and "VerbForm=Fin" in str(t.morph)
                            for t in sentence[: verb.i - sentence.start])):
            return None  # not clause-initial
        comma = next((t for t in sentence if t.i > verb.i and t.text == ","), None)
        if comma is None:
            return None
        # the described subject: the name right before the main clause's finite verb
        # ("Fondée en 2016 par X et Y, deux anciens du CEA, Kelvina conçoit …")
        finite = next((t for t in sentence if t.i > comma.i and t.pos_ in {"VERB", "AUX"}
                       and "VerbForm=Fin" in str(t.morph)), None)
        if finite is None:  # the verb mistagged ("l'entreprise compte 90 salariés", "compte" a noun): the noun
            # phrase right after the comma
            finite = next((t for t in sentence if t.i > comma.i and t.pos_ not in {"DET", "ADJ"}), None)
            if finite is None or finite.pos_ not in {"NOUN", "PROPN"}:
                return None
            finite = finite.doc[finite.i + 1]
        main = self._antecedent_of_relative_after(comma)  # "Fondée par X, Y, qui …, a …"
        for token in reversed(sentence[comma.i + 1 - sentence.start: finite.i - sentence.start]):
            if main is not None:
                break
            if self.referents.get(token) is not None:
                main = token
                break
            if token.pos_ not in {"AUX", "ADV", "PRON", "NOUN", "PROPN", "ADJ", "DET", "X"} and token.text != "-" \
                    or token.text == ",":  # "-" and "up" (X) of "la start-up"
                break
        if main is None:
            return None
        adjunct = verb.doc[verb.i + 1: comma.i]
        agents = self._after_marker(adjunct, "par")
        objects = []
        for marker in frame.object:
            if marker != "obj":
                objects.extend(self._after_marker(adjunct, marker))
        if agents:  # passive: the described subject is the object
            subjects, objects = agents, [(self.referents.get(main), 0.85)]
        else:
            subjects = [(self.referents.get(main), 0.85)]
        if frame.swap:
            subjects, objects = objects, subjects
        return self._checked(frame, subjects, objects)

    def _antecedent_of_relative_after(self, comma: Token) -> Token | None:
        """The name right after ``comma`` when a relative clause follows it ("…, Cobalys, qui rivalise …, a vu")."""
        doc, sentence = comma.doc, comma.sent
        position = comma.i + 1
        while position < sentence.end and doc[position].pos_ == "DET":
            position += 1
        mention = self.referents.get(doc[position]) if position < sentence.end else None
        if mention is None:
            return None
        after = position + 1
        while after < sentence.end and self.referents.by_token.get(after) is mention:
            after += 1
        if after < sentence.end and doc[after].text == ",":
            after += 1
        return doc[position] if after < sentence.end and doc[after].lower_ == "qui" else None

    def _after_marker(self, span: Span, marker: str) -> list:
        """Names introduced by ``marker`` in ``span``, with their coordinated siblings ("par X et Y")."""
        found = []
        for token in span:
            if PREPOSITIONS.get(token.lower_, token.lower_) != marker:
                continue
            for follower in span.doc[token.i + 1: span.end]:
                if follower.pos_ in {"ADP", "VERB", "AUX"} or follower.text == ",":
                    break
                mention = self.referents.get(follower)
                if mention is not None and (not found or found[-1][0] != mention):
                    found.append((mention, 0.85))
            break
        return found


def _second_fronted_participle(before: list[Token]) -> bool:
    """``Basé à Ningbo, …, et fondé en 2011 par X, Yuneng …``: the words before a participle are another fronted
    participle's adjunct and "et" (no finite verb: the main clause has not begun)."""
    first = before[0]
    return before[-1].lower_ == "et" and ("VerbForm=Part" in str(first.morph) or first.pos_ == "ADJ") \
        and not any(t.pos_ in {"VERB", "AUX"} and "VerbForm=Fin" in str(t.morph) for t in before)
