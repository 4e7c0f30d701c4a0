"""Gender evidence for coreference: what the article shows of each entity's gender — gendered nouns that
described it ("la néobanque", "son fondateur"), a title opening its name ("Mme"), a first name, a participle agreeing
with it ("X a été nommée", "Agréée en 2019, X …") — and how a pronoun's or description's gender fits it.

:class:`GenderEvidence` is a mixin of :class:`~kg.extract.coref.Resolver`: it uses its ``doc``, ``referents``,
``names``, ``genders`` and ``_entity``.
"""

from __future__ import annotations

from collections import Counter

from ..model import Mention
from .access import feature, span_at
from .descriptions import gender


class GenderEvidence:
    """Gender evidence of a :class:`~kg.extract.coref.Resolver`."""

    def _note_gender(self, mention: Mention, value: str | None) -> None:
        if value in {"Fem", "Masc"}:
            self.genders.setdefault(self._entity(mention), Counter())[value] += 1

    def _collect_genders(self) -> None:
        doc, referents = self.doc, self.referents
        for i, kind in referents.kind_by_token.items():
            if kind == "apposition" and doc[i].pos_ == "NOUN":
                self._note_gender(referents.by_token[i], gender(doc[i]))
        for position, _, _, mention, _, _ in self.names:
            first = doc[position]
            if mention.type == "Person" and first.pos_ == "NOUN" and first.text[:1].isupper() \
                    and len(mention.text) > len(first.text) + 1:  # a title: "M. Dupont", "Mme Durand"
                self._note_gender(mention, gender(first))
            elif mention.type == "Person" and first.pos_ == "PROPN" and len(mention.text) > len(first.text) + 1:
                # a first name, as the tagger reads it ("Sophie" Fem, "Pierre" Masc)
                found = feature(first, "Gender")
                self._note_gender(mention, found[0] if len(found) == 1 else None)
            span = span_at(doc, mention.start, mention.end)
            root = span.root
            if root.dep_ == "nsubj:pass" and root.head.pos_ == "VERB":  # "X a été nommée"
                self._note_gender(mention, gender(root.head))
            elif root.dep_ == "nsubj":  # "Agréée en 2019, X revendique": a fronted participle agrees with X
                for child in root.head.children:
                    if child.i < span.start and child.pos_ == "VERB" and "Part" in feature(child, "VerbForm") \
                            and child.dep_ in {"advcl", "acl"} and not any(c.dep_.startswith("nsubj")
                                                                        for c in child.children):
                        self._note_gender(mention, gender(child))
            for child in root.children:  # "X, nommée en 2020, …"
                if child.dep_ == "acl" and child.i > root.i and "Part" in feature(child, "VerbForm"):
                    self._note_gender(mention, gender(child))

    def _gender_fit(self, mention: Mention, wanted: str | None, entity: str) -> float | None:
        """None: ``entity`` (``mention``'s) cannot be so called; else a bonus (agreeing evidence) or a malus
        (organisations)."""
        if wanted is None:
            return 0.0
        evidence = self.genders.get(entity)
        if not evidence:
            return 0.0
        if evidence[wanted] == 0:
            return None if mention.type == "Person" else -0.5
        return 0.2 if evidence[wanted] >= sum(evidence.values()) - evidence[wanted] else 0.0
