"""Surface readings: where the dependency parse of fr_core_news_md is often wrong, the frame engine also reads
the words in their order (a verb form between two names, the name right after a description, the antecedent
right before a relative "qui", the subject before a lost passive's auxiliary; a clause-opening participle is
read in :mod:`.adjuncts`).

:class:`SurfaceReadings` is a mixin of :class:`~kg.extract.frames.FrameMatcher`: it uses its ``referents``,
``lexicon`` and ``_checked``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Mention
from .access import feature
from .grammar import PREPOSITIONS
from .lexicon import Frame, fold, match_phrase, phrase_words
from .mentions import coordinated_names

#: Words that may sit between a subject and its verb, or a verb and its object, on the surface
#: ("X critique vivement Y", "X ne concurrence pas Y").
SURFACE_SKIP = {"ADV", "DET"}


class SurfaceReadings:
    """Readings of a sentence's word order, for :class:`~kg.extract.frames.FrameMatcher`."""

    def _name_after(self, noun: Token) -> Mention | None:
        """The name written right after a common noun and its adjectives ("la biotech lyonnaise Cérébra")."""
        doc = noun.doc
        for follower in doc[noun.i + 1: min(noun.i + 5, noun.sent.end)]:
            if self.referents.kind_by_token.get(follower.i) == "name":
                return self.referents.get(follower)
            if not (follower.pos_ in {"ADJ", "X"} or follower.text == "-" or
                    follower.pos_ in {"NOUN", "PROPN"} and follower.text[:1].islower()):
                return None
        return None

    def _named_by_participle(self, noun: Token) -> Mention | None:
        """``des électrolyseurs à haute température baptisés Kalis``, ``sa plateforme, nommée Stratus,``: the name
        a naming participle gives the noun phrase, read on the surface (the parser often hangs the participle on
        the wrong noun of the phrase)."""
        if noun.pos_ != "NOUN":
            return None
        doc, end = noun.doc, min(noun.i + 9, noun.sent.end)
        for position in range(noun.i + 1, end):
            token = doc[position]
            if token.lemma_ in self.lexicon.naming_verbs and "VerbForm=Part" in str(token.morph):
                following = doc[position + 1] if position + 1 < noun.sent.end else None
                if following is not None and self.referents.kind_by_token.get(following.i) == "name":
                    return self.referents.get(following)
                return None
            if token.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ", "PRON"} or token.is_punct and token.text != ",":
                return None
        return None

    def _antecedent_of_relative(self, pronoun: Token) -> Token | None:
        """``la Fédération des plateformes (FPN), qui regroupe …``: the referring word right before a relative
        "qui" (past a comma and a parenthesis), when the parser hung the clause elsewhere."""
        doc = pronoun.doc
        position, depth = pronoun.i - 1, 0
        while position >= max(pronoun.sent.start, pronoun.i - 10):
            token = doc[position]
            if token.text == ")":
                depth += 1
            elif token.text == "(":
                depth -= 1
            elif depth == 0 and not token.is_punct:
                if self.referents.get(token) is not None:
                    return token
                if token.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ"} and position < pronoun.i - 1:
                    return None
            position -= 1
        return None

    def _subject_on_the_left(self, verb: Token) -> list[Token]:
        """When the parse lost the subject: the referring noun right before the verb's auxiliaries, with the names
        coordinated before it ("Air France, Ryanair et easyJet ont lancé …")."""
        doc = verb.doc
        position = verb.i - 1
        while position >= verb.sent.start:
            token = doc[position]
            # a name the tagger took for an adverb, "cette dernière" taken for an adjective
            named = self.referents.kind_by_token.get(position) in {"name", "pronoun"}
            hyphenated = token.text == "-" or position > 0 and doc[position - 1].text == "-"  # "start - up"
            if not named and (token.pos_ in {"AUX", "ADV"} or token.dep_ in {"expl:comp", "expl:pv", "iobj"}
                              or hyphenated
                              or token.pos_ == "VERB" and token.lemma_ in self.lexicon.expected_verbs):
                position -= 1  # (an expected verb: "X pourrait concurrencer")
                continue
            # (a description the tagger misread: "la jeune pousse", "pousse" a verb)
            if (named or token.pos_ in {"NOUN", "PROPN", "PRON"}
                    or self.referents.kind_by_token.get(position) == "description") \
                    and self.referents.get(token) is not None:
                return [token, *self._coordinated_before(token)]
            if token.text == ",":  # "Deliveroo, en revanche, n'a pas adhéré": past an incidental phrase
                opening = next((p for p in range(position - 1, max(verb.sent.start, position - 6) - 1, -1)
                                if doc[p].text == ","), None)
                if opening is not None and all(t.pos_ in {"ADP", "ADV", "NOUN", "DET", "ADJ"}
                                               for t in doc[opening + 1: position]):
                    position = opening - 1
                    continue
                return self._before_apposition(doc, position)
            if token.lower_ == "et" and position == verb.i - 1:
                return self._shared_subject(verb, position)
            return []
        return []

    def _shared_subject(self, verb: Token, conjunction: int) -> list[Token]:
        """"X critique une nomination et reproche à Y …": a verb coordinated with an earlier one of its sentence
        shares its subject (that verb's, or the referring noun before it when it was read on the surface)."""
        doc, table = verb.doc, self.referents.tokens
        for position in range(conjunction - 1, verb.sent.start - 1, -1):
            earlier = doc[position]
            if earlier.pos_ in {"VERB", "AUX"} and "Fin" in feature(earlier, "VerbForm"):
                return [s for s in earlier.children if s.dep_ in {"nsubj", "nsubj:pass"}]
            if table is not None and table.folded_text[position] in self.lexicon.verb_forms:
                left = self._surface_subject(earlier)
                return [doc[left]] if left is not None else []
        return []

    def _before_apposition(self, doc, comma: int) -> list[Token]:
        """The subject whose apposition the comma at ``comma`` closes: "Covoitme, principal concurrent de
        Roulezy, n'a pas été sanctionné" (the name before the opening comma), "Le plus lourdement frappé,
        Brillex, a été condamné" (the name between the commas)."""
        first = doc[comma].sent.start
        opening = comma - 1
        while opening > first and comma - opening < 10 and doc[opening].text != "," \
                and doc[opening].pos_ not in {"VERB", "AUX"}:
            opening -= 1
        if opening <= first or doc[opening].text != "," or doc[opening + 1].pos_ == "ADP":
            return []  # (not past a prepositional phrase: "Valdo, selon Orvane, n'a pas adhéré")
        if self.referents.get(doc[opening - 1]) is not None:
            return [doc[opening - 1]]
        inside = comma - 1
        if self.referents.get(doc[inside]) is not None and self._phrase_start(inside) == opening + 1:
            return [doc[inside]]
        return []

    def _coordinated_before(self, token: Token) -> list[Token]:
        """The referring tokens coordinated before ``token``'s phrase ("X, Y et" before "la société Z")."""
        doc, first, found = token.doc, token.sent.start, []
        start = self._phrase_start(token.i)
        while True:
            link = start - 1 - (start - 1 >= first and doc[start - 1].pos_ == "DET")
            # the last link is "et"/"ou" ("X, Y et Z"): a comma alone closes an apposition ("…, la start-up")
            if link - 1 < first or doc[link].lower_ not in ({",", "et", "ou"} if found else {"et", "ou"}) \
                    or self.referents.get(doc[link - 1]) is None:
                return found
            found.append(doc[link - 1])
            start = self._phrase_start(link - 1)

    def _phrase_start(self, position: int) -> int:
        """Where the name (or description) that covers token ``position`` starts."""
        first = position
        mention = self.referents.by_token.get(position)
        while first > 0 and self.referents.by_token.get(first - 1) is mention:
            first -= 1
        return first

    def _surface_subject(self, verb: Token) -> int | None:
        """The referring token a verb form read on the surface has as its subject, on its left: past adverbs
        ("critique vivement"), past a parenthetical subject's closing comma ("son PDG, Olivier Fabre, critique",
        "Le syndicat FO, lui, critique"), and from a name that complements the subject to the subject ("La
        Société des journalistes de La Gazette critique"). None when the subject is in a prepositional phrase
        ("contre X critique …")."""
        doc, sentence = verb.doc, verb.sent
        left = verb.i - 1
        while left >= sentence.start and (doc[left].pos_ == "ADV" or doc[left].lower_ in {"ne", "n'", "n’"}):
            left -= 1
        if left > sentence.start and doc[left].lower_ == "qui" and doc[left].pos_ == "PRON":
            left -= 1  # "X, qui concurrence Y": the relative pronoun stands for the name right before it
            if left > sentence.start and doc[left].text == ",":
                left -= 1
            if self.referents.get(doc[left]) is None:
                return None
        if left > sentence.start and doc[left].text == ",":
            start = self._phrase_start(left - 1) if self.referents.get(doc[left - 1]) is not None else None
            if start is not None and start > sentence.start and doc[start - 1].text == ",":
                left -= 1
            else:  # "la Savonnerie du Midi, une PME marseillaise, écope": the subject before its apposition
                before = self._before_apposition(doc, left)
                if not before:
                    return None
                left = before[0].i
        if left < sentence.start or self.referents.get(doc[left]) is None:
            return None
        start = self._phrase_start(left)
        before = start - 1 - (start - 1 > sentence.start and doc[start - 1].pos_ == "DET")
        if before > sentence.start and PREPOSITIONS.get(doc[before].lower_, doc[before].lower_) == "de":
            head = before - 1
            if doc[head].text == ")":  # "la Société des journalistes (SDJ) de …"
                while head > sentence.start and doc[head].text != "(":
                    head -= 1
                head -= 1
            if head >= sentence.start and self.referents.get(doc[head]) is not None:
                left, start = head, self._phrase_start(head)
        if start > sentence.start and (doc[start - 1].pos_ == "ADP" or doc[start - 1].pos_ == "DET"
                                       and start - 1 > sentence.start and doc[start - 2].pos_ == "ADP"):
            return None
        return left

    def _surface(self, token: Token, key: str):
        """``La CGT critique vivement Renault``, parsed as a noun phrase ("critique" an adjective): a verb form
        between two names, with only adverbs (and the frame's preposition) between them, read on the surface.
        Only when the dependency frames found nothing at this token."""
        doc, sentence = token.doc, token.sent
        left = self._surface_subject(token)
        if left is None:
            return
        for frame, _ in match_phrase(self.lexicon.verb_index, token, key=key):
            if frame.undergoer:  # "X, une PME marseillaise, écope de 2 millions": the subject undergoes it
                found = self._checked(frame, [m for t in self._agent(frame, token, [], passive=True)
                                              for m in self.referents_of(t)], [(self.referents.get(doc[left]), 0.85)])
                if found:
                    yield (frame, token, *found)
                continue
            right = token.i + 1
            while right < sentence.end and doc[right].pos_ in SURFACE_SKIP:
                right += 1
            marker = self._surface_marker(frame, doc[right: sentence.end])
            if marker:
                right += marker
                while right < sentence.end and doc[right].pos_ == "DET":
                    right += 1
            elif right < sentence.end and doc[right].pos_ == "ADP" or "obj" not in frame.object:
                continue
            if right >= sentence.end or self.referents.get(doc[right]) is None:
                continue
            target = self.referents.get(doc[right])
            if self.referents.kind_by_token.get(right) != "name":
                # "sur la biotech lyonnaise Cérébra": the name the description introduces is the object
                target = self._name_after(doc[right]) or target
            subjects = [(self.referents.get(doc[left]), 0.85)]
            objects = [(target, 0.85)] + [(name, 0.85) for name in coordinated_names(doc[right], self.referents)]
            if frame.swap:
                subjects, objects = objects, subjects
            found = self._checked(frame, subjects, objects)
            if found:
                yield (frame, token, *found)

    @staticmethod
    def _surface_marker(frame: Frame, words: Span) -> int:
        """How many words of ``words`` one of the frame's prepositional markers takes ("au capital de", "à",
        "avec"); 0 when none starts there."""
        for marker in sorted(frame.object, key=lambda m: -len(m)):
            if marker in {"obj", "nsubj", "poss", "support", "name", "appos"}:
                continue
            expected = phrase_words(marker)
            written = [fold(t.text) for t in words[: len(expected)]]
            if written and expected[0] in {written[0], fold(PREPOSITIONS.get(words[0].lower_, words[0].lower_))} \
                    and written[1:] == list(expected[1:]):
                return len(expected)
        return 0
