"""Coreference: what pronouns ("elle", "il", "son", "celle-ci", "ce dernier") and descriptions ("la startup",
"le groupe américain", "l'Américain") refer back to. Runs after names and appositions (see ``mentions``).

Three checks decide whether an earlier entity can be the antecedent:

- type: a description's head noun gives a class (lexicon ``[typing.descriptions]``); a nationality noun
  ("l'Américain", "la Franco-Canadienne") describes a person; pronouns stand for organisations and persons;
  a name described as an authority is no "société", a name described as a company no "gendarme";
- gender: what the article shows of each entity's gender — gendered nouns that described it ("la néobanque",
  "son fondateur", "la directrice"), a title opening its name ("Mme"), a participle agreeing with it ("Agréée
  en 2019, X …", "X a été nommée") — against the gender of the pronoun or description. A person whose evidence
  all says otherwise is never the antecedent; an organisation only loses points ("le groupe" is "la société");
- salience: recency, subject position, how often the entity was referred to so far (by name, pronoun or
  description), and the words of earlier descriptions ("la startup" … "la startup tricolore"). A resolved
  pronoun or description is itself an occurrence later references can attach to.

A description written right before a name ("la néobanque Kapita", "le fabricant chinois de batteries Yuneng")
or right before a comma and a name ("La directrice de la rédaction, Sylvie Bonnet,") is that name, whatever
the parser attached it to.
"""

from __future__ import annotations

import bisect
from collections import Counter

from spacy.tokens import Doc, Token

from ..model import Mention
from .access import feature, span_at
from .descriptions import (PRONOUN_TYPES, _demonyms, _description_head, _is_definite, _is_demonym, _np_words,
                           agrees, fronted_participle_before, gender, key_of, named_description)
from .genders import GenderEvidence
from .lexicon import Lexicon, fold
from .salience import before_verb, clause_subjects, framing, plural, salience

#: Third-person subject/object pronouns that can stand for a named organisation or person.
PRONOUNS = {"il", "elle", "ils", "elles", "lui"}


#: Object clitics that stand for a named organisation or person: "qui la dirige", "l'a rachetée".
OBJECT_CLITICS = {"le", "la", "l'", "l’"}


#: Demonstratives that stand for the last entity named: "celle-ci", "celui-là", "ce dernier", "cette dernière".
DEMONSTRATIVES = {"celui", "celle", "dernier"}


#: Possessive determiners that can stand for a named organisation or person ("son", "leur").
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}


#: How many sentences back a pronoun may look for its antecedent.
WINDOW_SENTENCES = 3


#: How many sentences back a description may look: its head noun and words narrow the choice.
DESCRIPTION_WINDOW = 8


def resolve(doc: Doc, referents, lexicon: Lexicon, table) -> None:
    """Point pronouns, possessives and descriptions of ``doc`` at the most salient agreeing earlier name."""
    Resolver(doc, referents, lexicon, table).run()


class Resolver(GenderEvidence):
    def __init__(self, doc: Doc, referents, lexicon: Lexicon, table):
        self.doc, self.referents, self.lexicon, self.table = doc, referents, lexicon, table
        self.sentence_of = [0] * len(doc)
        self.sentence_start = []
        for number, sentence in enumerate(doc.sents):
            self.sentence_of[sentence.start: sentence.end] = [number] * (sentence.end - sentence.start)
            self.sentence_start.append(sentence.start)
        # a name and the longer name it abbreviates are one entity: "Norsel" is "Norsel Energie"
        keys = sorted({key_of(m) for m in referents.names}, key=len)
        self.entity_of = {short: next((long for long in reversed(keys) if long.startswith(short + " ")), short)
                          for short in keys}
        # occurrences: (token index, sentence, salience of its role, mention, its key, its entity), in the order of
        # the text (the keys read once: every later reference weighs every occurrence in its window)
        self.names = []
        for mention in sorted(referents.names, key=lambda m: m.start):
            span = span_at(doc, mention.start, mention.end)
            if span is None:
                continue
            root = span.root
            if root.dep_ in {"appos", "flat:name", "nmod"} and not any(c.dep_ == "case" for c in list(root.children)):
                root = root.head  # "La néobanque Kapita a été sanctionnée": the subject is the phrase around it
            # the agent of a passive ("saluée par X") is its clause's logical subject
            subject = root.dep_.startswith("nsubj") or span.start == doc[span.start].sent.start \
                or root.dep_ == "obl:agent" and any(c.dep_ == "aux:pass" for c in root.head.children) \
                or before_verb(doc, span.end) or framing(span, self.lexicon.attribution_markers)
            self.names.append((span.start, self.sentence_of[span.start], salience(root, subject), mention,
                               *self._keys(mention)))
        self.name_positions = [o[0] for o in self.names]
        self.resolved = []
        self.resolved_positions = []
        self.counts = Counter()  # entity -> references so far
        self.counted = 0  # names counted in self.counts
        self.genders: dict[str, Counter] = {}
        self._classes_of: dict[str, tuple[int, set]] = {}  # a name -> (how many descriptors, their classes)
        self._collect_genders()

    def _entity(self, mention: Mention) -> str:
        return self._keys(mention)[1]

    def _keys(self, mention: Mention) -> tuple[str, str]:
        """``mention``'s key (:func:`key_of`: what its descriptors are kept under) and its entity's."""
        key = key_of(mention)
        return key, self.entity_of.get(key, key)

    def _classes(self, mention: Mention, key: str) -> set:
        described = self.referents.descriptors.get(key, ())
        # a name's descriptors only grow: their number tells whether the classes read before still hold
        known = self._classes_of.get(key)
        if known is None or known[0] != len(described):
            known = self._classes_of[key] = (len(described),
                                            {self.lexicon.description_types.get(w) for w in described} - {None})
        return known[1]

    # -- the pass ------------------------------------------------------------------------------------------------

    def run(self) -> None:
        doc, referents, table, lexicon = self.doc, self.referents, self.table, self.lexicon
        descriptions = lexicon.description_types
        heads_of_names = {doc[i].head.i for i, kind in referents.kind_by_token.items() if kind == "name"}
        for i, pos in enumerate(table.pos):
            if i in referents.by_token:
                continue
            lower = table.lower[i]
            if pos == "PRON":
                if lower not in PRONOUNS and lower not in DEMONSTRATIVES and \
                        not (lower in OBJECT_CLITICS and table.dep[i] == "obj"):
                    continue
            elif pos == "DET":
                if lower not in POSSESSIVES:
                    continue
            elif pos == "VERB" and i > 0 and f"{table.lower[i - 1]} {lower}" in descriptions:
                pass  # "la jeune pousse", the tagger's verb "pousser"
            elif pos in {"NOUN", "PROPN", "ADJ"}:
                if table.lemma[i] == "dernier":
                    lower = "dernier"  # "cette dernière", "ces derniers"
                if not (descriptions.get(table.lemma[i].lower()) or descriptions.get(lower)
                        or lower in DEMONSTRATIVES or i in heads_of_names
                        or pos != "ADJ" and table.text[i][:1].isupper() and self._demonym(table.text[i])):
                    continue
            else:
                continue
            self._resolve(doc[i], pos, lower, i in heads_of_names)

    def _resolve(self, token: Token, pos: str, lower: str, head_of_name: bool) -> None:
        referents, lexicon = self.referents, self.lexicon
        wanted_gender, possessor = None, None
        demonstrative = False
        if pos == "PRON":
            if lower in DEMONSTRATIVES:  # "celle-ci", "celui-là"
                following = self.doc[token.i + 1: token.i + 3].text.replace(" ", "")
                if following not in {"-ci", "-là"}:
                    return
                demonstrative = True
            elif token.dep_.startswith("expl"):
                return
            wanted, words, wanted_gender = None, set(), gender(token)
        elif pos == "DET":
            if "Yes" not in feature(token, "Poss") or "1" in feature(token, "Person") \
                    or "2" in feature(token, "Person"):
                return
            wanted, words = None, set()
        elif lower in DEMONSTRATIVES:  # "ce dernier", "cette dernière"
            before = self.doc[token.i - 1] if token.i > 0 else None  # the parser may hang "cette" elsewhere
            if not any(c.dep_ == "det" and "Dem" in feature(c, "PronType") for c in token.children) and not (
                    before is not None and before.pos_ == "DET" and "Dem" in feature(before, "PronType")):
                return
            wanted, words, wanted_gender, demonstrative = None, set(), gender(token), True
        else:
            named = named_description(self.doc, referents, lexicon, token, head_of_name)
            if named is not None:
                self._link(token, named, "apposition")
                return
            wanted = _description_head(token, lexicon) \
                or ("Person" if token.text[:1].isupper() and self._demonym(token.text) else None)  # "l'Américain"
            if wanted is None or plural(token):
                return  # "les textes juridiques", "les fondateurs": not one named thing
            if not _is_definite(token) and not (
                    # "le projet de directive", "la proposition de loi": a bare law noun under a definite noun
                    wanted == "Law" and token.dep_ == "nmod" and _is_definite(token.head)
                    and not any(c.dep_ == "det" for c in token.children)):
                # "Son associé, un ingénieur …": a possessive makes a person's description definite too; the
                # person is someone else than the possessor
                owner = next((c for c in token.children if c.dep_ == "det" and "Yes" in feature(c, "Poss")), None)
                possessor = referents.by_token.get(owner.i) if owner is not None else None
                if wanted != "Person" or possessor is None:
                    return
            words, wanted_gender = _np_words(token), gender(token)
        antecedent = self._antecedent(token, wanted, words, wanted_gender, demonstrative, possessor)
        if antecedent is None or wanted == "Law" and antecedent.type != "Law" and not _is_definite(token):
            return  # "le projet de loi" is a law named before, not any unknown name
        kind = "pronoun" if pos in {"PRON", "DET"} or demonstrative else "description"
        referents.by_token[token.i] = antecedent
        referents.kind_by_token[token.i] = kind
        if pos != "DET":  # "son", "leur" say little of who is talked about
            self._add_occurrence(token, antecedent)
        if words:  # what a name has been called, it can be called again ("la startup" … "la startup tricolore")
            referents.descriptors.setdefault(key_of(antecedent), set()).update(words)
            self._note_gender(antecedent, wanted_gender)

    def _link(self, token: Token, mention: Mention, kind: str) -> None:
        self.referents.by_token[token.i] = mention
        self.referents.kind_by_token[token.i] = kind
        if _description_head(token, self.lexicon):
            self.referents.descriptors.setdefault(key_of(mention), set()).update(_np_words(token))
            self._note_gender(mention, gender(token))

    def _demonym(self, text: str) -> bool:
        return _is_demonym(text, self.lexicon.lang)

    def _add_occurrence(self, token: Token, mention: Mention) -> None:
        head = token.head if token.pos_ == "DET" else token
        key, entity = self._keys(mention)
        self.resolved.append((token.i, self.sentence_of[token.i], salience(head, head.dep_.startswith("nsubj")),
                              mention, key, entity))
        self.resolved_positions.append(token.i)
        self.counts[entity] += 1

    def _antecedent(self, token: Token, wanted, words, wanted_gender, demonstrative, possessor=None) -> Mention | None:
        here = self.sentence_of[token.i]
        while self.counted < len(self.names) and self.names[self.counted][0] < token.i:
            self.counts[self.names[self.counted][5]] += 1
            self.counted += 1
        first = self.sentence_start[max(0, here - (DESCRIPTION_WINDOW if wanted and not demonstrative
                                                   else WINDOW_SENTENCES))]
        candidates = self.names[bisect.bisect_left(self.name_positions, first):
                                bisect.bisect_left(self.name_positions, token.i)]
        candidates += self.resolved[bisect.bisect_left(self.resolved_positions, first):]
        lemma = token.lemma_.lower()
        other_words = words - {lemma}
        # the subject of the clause that governs a pronoun: "X a indiqué qu'elle …", "X a revu ses procédures"
        governing, own = None, None
        if not words and not demonstrative:
            own, governing = self._clause_subjects(token)
        best, best_score, best_position = None, float("-inf"), -1
        # what does not change from one candidate to the next, read once (spaCy makes each attribute anew)
        pos, subject_token = token.pos_, token.dep_.startswith("nsubj")
        possessor_entity = self._entity(possessor) if possessor is not None else None
        owned = token.head.lemma_.lower() if pos == "DET" else None  # "son capital": the possessed noun
        owner_noun = owned in self.lexicon.stand_for_owner
        someone_elses = own is not None and pos == "DET" and owner_noun and \
            any(c.dep_ == "case" for c in token.head.children)
        owner = own if pos == "DET" and not owner_noun else governing if pos != "DET" else None
        # "son capital" is a company's, "son arrivée" most often a person's
        owner_class = self.lexicon.owners.get(owned) if owned is not None else None
        folded_lemma = fold(lemma)
        origins = self._origins(other_words) if words else []
        descriptors = self.referents.descriptors
        for position, sentence, subject, mention, key, entity in candidates:
            if position >= token.i or not (self._agrees(mention, key, wanted) or self._called(mention, key, lemma, wanted)):
                continue
            if owner_class == "Organization" and mention.type == "Person":
                continue
            if possessor_entity is not None and possessor_entity == entity:
                continue
            if own is not None and pos == "PRON" and own == entity:
                continue  # "X lui reproche": an object pronoun is never its own clause's subject
            if sentence == here and fronted_participle_before(self.doc, position, token.i):
                continue  # "Rachetée par X, l'entreprise …": the participle describes the main subject, not X
            if words and sentence == here and subject == 1.0 and not subject_token \
                    and not any(c.dep_ == "case" for c in self.doc[position].children):
                continue  # "X n'a pas adhéré à la fédération": nor is a description after its sentence's subject
            if someone_elses and own == entity:
                continue  # "X prend une participation dans son capital": someone else's capital
            # a law's or product's description has the gender of its noun ("le texte", "la directive")
            fit = self._gender_fit(mention, wanted_gender if not words or mention.type in PRONOUN_TYPES else None,
                                   entity)
            if fit is None:
                continue
            distance = here - sentence
            score = 1.0 - 0.25 * distance + fit
            if demonstrative:  # "ce dernier": the last one named that agrees, whatever its salience
                if fit >= 0 and position > best_position:
                    best, best_position = mention, position
                continue
            score += 0.6 * subject
            if owner == entity:
                # "son capital", "sa direction" in a frame name another owner as often as the subject
                score += 0.7
            if owner_class == "Person" and mention.type == "Person":
                score += 0.8
            if wanted is not None and mention.type == wanted:
                score += 0.5
            elif wanted == "Organization" and mention.type == "Entity":  # an unknown is most often a company
                score += 0.25
            elif wanted in {"Law", "Product"} and mention.type == "Entity":
                score -= 0.5
            if words:
                described = descriptors.get(key, set())
                if origins and self._origins_clash(origins, described):
                    continue  # "le groupe américain" is not the one called "le groupe français"
                score += 0.8 * len(other_words & described) + (0.5 if lemma in described else 0.0)
                if fold(mention.text.split()[0]) == folded_lemma and len(mention.text.split()) > 1:
                    score += 2.0  # "la fédération": the "Fédération des plateformes numériques" names itself so
            score += 0.05 * position / max(token.i, 1)  # recency within the window
            if not demonstrative:  # "celle-ci" is the last one named, not the article's topic
                score += min(0.5, 0.1 * self.counts[entity])  # the article's topic
            if score > best_score:
                best, best_score = mention, score
        return best

    def _called(self, mention: Mention, key: str, lemma: str, wanted) -> bool:
        """Whether the article already called ``mention`` by the description's head noun, whatever class that
        noun usually gives ("l'application de covoiturage Roulezy" … "l'application", a company)."""
        return wanted is not None and (wanted == "Person") == (mention.type == "Person") \
            and lemma in self.referents.descriptors.get(key, ())

    def _origins(self, words: set) -> list[tuple[dict, set]]:
        """The countries, then the cities, a description's demonyms name ("irlandaise"): (table, places) pairs."""
        cities, countries = _demonyms(self.lexicon.lang)
        found = []
        for table in (countries, cities):
            wanted = {table[fold(w)] for w in words if fold(w) in table}
            if wanted:
                found.append((table, wanted))
        return found

    def _origins_clash(self, origins: list[tuple[dict, set]], described) -> bool:
        """Whether a description's demonyms (:meth:`_origins`) name another country (or city) than the one an
        entity was described with ("française")."""
        for table, wanted in origins:
            known = {table[fold(w)] for w in described if fold(w) in table}
            if known and not wanted & known:
                return True
        return False

    def _clause_subjects(self, token: Token) -> tuple:
        """(the entity that is the subject of ``token``'s clause, that of the clause governing it), by key."""
        keys = []
        for subject in clause_subjects(token, self.referents.by_token):
            mention = self.referents.by_token.get(subject.i) if subject is not None else None
            keys.append(self._entity(mention) if mention is not None else None)
        return tuple(keys)

    def _agrees(self, mention: Mention, key: str, wanted: str | None) -> bool:
        if wanted is None:
            return mention.type in PRONOUN_TYPES
        classes = self._classes(mention, key)
        if wanted == "Organization" and mention.type in {"Authority", "Entity", "Organization"}:
            return not ("Authority" in classes and "Organization" not in classes) and mention.type != "Authority"
        if wanted == "Authority":  # "le gouvernement" is no company, "le gendarme" the authority named
            return mention.type in {"Authority", "Place"} or mention.type == "Organization" and "Authority" in classes
        return agrees(mention, wanted)
