"""The clauses coreference reads: who is the subject of the clause a pronoun sits in and of the clause that
governs it ("X a indiqué qu'elle …", "X a revu ses procédures"), and whether a name frames its sentence ("Chez X,
…") or stands before a finite verb.

:class:`ClauseReadings` is a mixin of :class:`~kg.extract.coref.Resolver`: it uses its ``doc``, ``lexicon``,
``referents`` and ``_entity``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import fold


class ClauseReadings:
    """Clause readings of a :class:`~kg.extract.coref.Resolver`."""

    def _framing(self, span) -> bool:
        """A name in the short phrase that opens a sentence ("Du côté de Biolex, …", "Chez X, …") is what the
        sentence is about — unless it is the source ("Selon X, …")."""
        start = span.sent.start
        if span.start - start > 4 or span.end >= len(self.doc) or self.doc[span.end].text != ",":
            return False
        opening = {fold(t.text) for t in self.doc[start: span.start]}
        return not opening & {fold(m) for m in self.lexicon.attribution_markers} \
            and not any(t.is_punct for t in self.doc[start: span.start])

    def _clause_subjects(self, token: Token) -> tuple:
        """(the entity that is the subject of ``token``'s clause, that of the clause governing it), by key."""
        node = token.head if token.pos_ == "DET" else token
        clauses = []
        steps = 0
        while steps < 12:
            steps += 1
            head = node.head
            if node.pos_ in {"VERB", "AUX"} or node.dep_ in {"ROOT", "ccomp", "xcomp", "advcl", "acl:relcl"}:
                subject = _subject_of(node)
                if node.dep_ == "conj" and subject is None:  # "X a revu et indiqué que …": shared subject
                    subject = _subject_of(node.head)
                if subject is not None and (subject.i == token.i or subject.left_edge.i <= token.i <= subject.right_edge.i):
                    subject = None  # "Sa directrice générale, X, …": the possessive is in the subject
                if subject is not None and subject.pos_ == "PRON" and "Rel" in subject.morph.get("PronType"):
                    # "…, qui": the noun the relative clause hangs on, else the name right before "qui" (past a
                    # parenthesis: "la Fédération des plateformes (FPN), qui …")
                    subject = node.head if node.head.i in self.referents.by_token else \
                        _named_before(self.doc, subject.i, self.referents.by_token) or node.head
                clauses.append(subject)
                if node.dep_ == "xcomp" and subject is None:
                    clauses.pop()  # "X compte revoir ses procédures": the controlling verb's subject
            if head.i == node.i or len(clauses) >= 2:
                break
            node = head
        keys = []
        for subject in clauses[:2]:
            mention = self.referents.by_token.get(subject.i) if subject is not None else None
            keys.append(self._entity(mention) if mention is not None else None)
        keys += [None] * (2 - len(keys))
        own, governing = keys
        if token.dep_.startswith("nsubj") and token.pos_ == "PRON":
            return None, governing
        return own, governing


def _named_before(doc: Doc, position: int, referring: dict) -> Token | None:
    """The referring token right before ``position``, past punctuation and one parenthesis ("X (FPN), qui")."""
    start = doc[position].sent.start
    position -= 1
    while position >= start and doc[position].is_punct:
        if doc[position].text == ")":
            while position > start and doc[position].text != "(":
                position -= 1
        position -= 1
    return doc[position] if position >= start and position in referring else None


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)


def _before_verb(doc: Doc, position: int) -> bool:
    """A finite verb right after a name ("…, Kapita revendique", "X n'a pas") makes it a subject, whatever the
    parser says of a fronted participle clause."""
    while position < len(doc) and doc[position].pos_ == "PRON" and doc[position].dep_ != "nsubj" \
            or position < len(doc) and doc[position].pos_ == "ADV" and doc[position].lower_ in {"ne", "n'", "n’"}:
        position += 1
    return position < len(doc) and doc[position].pos_ in {"VERB", "AUX"} and "Fin" in doc[position].morph.get("VerbForm")
