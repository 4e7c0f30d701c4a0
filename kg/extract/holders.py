"""Who holds a role, and where a role's words end: the name a role noun describes (apposition, a comma before
or after it, the subject of a verb that gives the role, a bare participle "nommé"), the names coordinated with
it, the role's organisation. The words of these constructions come from the ``[roles]`` table of the lexicon
(:mod:`~kg.extract.role_words`)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Mention
from .access import feature, span_at
from .grammar import _prep
from .mentions import Referents, referent_in_phrase
from .role_words import RoleWords, plain

#: Modifiers before a role noun that say when, not what ("l'ancien ministre", "la nouvelle secrétaire").
TIME_ADJECTIVES = {"ancien", "ancienne", "nouveau", "nouvel", "nouvelle", "futur", "future", "actuel", "actuelle",
                   "ex", "ex-", "éphémère", "précédent", "précédente", "jusqu'", "jusqu’"}
ORGANISATIONS = {"Organization", "Authority", "Entity"}
PARTITIVE = {"de", "d'", "d’"}


def role_extent(token: Token, length: int, referents: Referents, stops: frozenset = frozenset()) -> int:
    """End offset of the role text: the trigger words plus a portfolio ("au Numérique", "de l'Économie"),
    stopping before a person, an organisation, punctuation or a preposition of another complement
    (``stops``: "membre de la commission pendant son mandat")."""
    doc = token.doc
    last = doc[token.i + length - 1]
    position = token.i + length
    trigger_end = last.idx + len(last.text)
    while position < len(doc):
        candidate = doc[position]
        if candidate.is_punct or candidate.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ", "PRON"} or \
                candidate.pos_ == "ADP" and plain(candidate.text) in stops or candidate.is_sent_start:
            break
        mention = referents.get(candidate)
        if mention is not None and mention.start < trigger_end:
            mention = None  # a name spaCy found across the role's own words ("Etat au Numérique")
        if mention is not None and referents.kind_by_token.get(candidate.i) == "name":
            if mention.type in {"Person", "Organization", "Authority", "Entity"}:
                # an organisation right after "de" ends the role ("directrice générale de Renault")
                break
        if candidate.pos_ == "ADP" and candidate.head.i > candidate.i:
            named = referent_in_phrase(candidate.head, referents)
            if named is not None and named.type == "Person" and referents.get(candidate.head) is None:
                named = None  # "secrétaire d'État au Numérique Cédric O": the holder's name, not the complement
            if named is not None and named.start >= trigger_end and \
                    named.type in {"Person", "Organization", "Authority", "Entity"}:
                break  # "directrice générale de Renault", "filiale du groupe bancaire Banca Adriatica"
        if candidate.pos_ in {"ADP", "DET"} or candidate.lower_ in {"d'", "d’"}:
            following = doc[position + 1] if position + 1 < len(doc) else None
            while following is not None and following.pos_ == "DET":
                following = doc[following.i + 1] if following.i + 1 < len(doc) else None
            named = referents.get(following) if following is not None else None
            if named is not None and named.start < trigger_end:
                named = None
            if following is None or named is not None and referents.kind_by_token.get(following.i) == "name" \
                    and named.type in {"Person", "Organization", "Authority", "Entity"}:
                break
            position += 1
            continue
        if candidate.pos_ in {"NOUN", "PROPN", "ADJ"} and candidate.head.i in range(token.i, position + 1) \
                or candidate.pos_ in {"NOUN", "PROPN", "ADJ"} and doc[position - 1].pos_ in {"ADP", "DET"}:
            last = candidate
            position += 1
            continue
        break
    return last.idx + len(last.text)


def role_holder(token: Token, doc: Doc, role_end: int, referents: Referents, types: frozenset, words: RoleWords,
            office: bool = False) -> tuple[Mention | None, Token | None]:
    """Who holds the role (for relational nouns such as "filiale", "concurrent": which organisation), and the
    verb that gives it to them, if any ("X a été nommée présidente", "X n'est pas membre de Y")."""
    def person_at(t: Token | None):
        if t is None:
            return None
        mention = referents.get(t)
        return mention if mention is not None and mention.type in types else None

    if not office:
        found = described_name(token, doc, role_end, referents, types, person_at)
        if found is not None:
            return found, None
    # "X est PDG de Y", "X, devenu PDG", "X occupe le poste de directeur", "X prend la présidence de Y"
    verbs = (words.office_verbs if office else words.attributive) | words.appointing
    verb = None
    if any(child.dep_ == "cop" for child in token.children):
        verb = token
    else:
        head, post = token.head, False
        if head.lemma_ in words.posts and head.i < token.i:
            head, post = head.head, True
        if head.pos_ in {"VERB", "AUX"} and head.i < token.i and (
                words.lemma(head) in verbs or post and not office and words.lemma(head) in words.post_verbs):
            verb = head
        else:  # "a été nommée mercredi présidente de …": the verb as written, whatever the parser attached
            before = token.i - 1
            while before >= token.sent.start and (doc[before].pos_ in {"DET", "ADJ", "ADV", "NUM"} or
                                                  doc[before].dep_ == "obl:mod" and doc[before].pos_ == "NOUN" or
                                                  office and doc[before].lower_ in {"à", "au"}):  # "reste à la tête"
                before -= 1
            if before >= token.sent.start and doc[before].pos_ == "VERB" and words.lemma(doc[before]) in verbs:
                verb = doc[before]
    if verb is not None:
        if words.lemma(verb) in words.appointing:  # the appointed is the object; the subject only in the passive
            appointed = next((referents.get(c) for c in verb.children
                              if c.dep_ == "obj" and c.i != token.i and referents.get(c)), None) \
                or _participle_of(verb, referents)  # "Paul Martin, nommé directeur financier de Kelvina"
            if appointed is not None or not any(c.dep_ in {"aux:pass", "nsubj:pass"} for c in verb.children):
                return (appointed, verb) if appointed is not None and appointed.type in types else (None, None)
        subject = clause_subject(verb, referents)
        if subject is not None and subject.type in types:
            return subject, verb
        return None, None
    if not office and token.dep_ in {"appos", "nmod", "flat:name"} and person_at(token.head):
        return person_at(token.head), None
    return None, None


def _participle_of(verb: Token, referents: Referents) -> Mention | None:
    """Who a bare past participle describes ("X, nommé PDG", "X, promu directeur": passive, with no auxiliary):
    the name it hangs from, or the name right before the comma that opens it."""
    if "Part" not in feature(verb, "VerbForm") or any(c.dep_.startswith("aux") for c in verb.children):
        return None
    if verb.dep_ == "acl":
        return referents.get(verb.head)
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "," and referents.kind_by_token.get(verb.i - 2) == "name":
        return referents.get(doc[verb.i - 2])
    return None


def clause_subject(verb: Token, referents: Referents) -> Mention | None:
    """The subject of ``verb``: its own, that of the verb it is coordinated with or the complement of
    ("conserve la majorité et reste à la tête", "devrait être nommé"), or a relative's antecedent."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubj:pass"}]
        # "Autre recrue : X a été nommé …": the parser may give two subjects; the named one
        subject = next((c for c in subjects if referents.get(c) is not None), subjects[0] if subjects else None)
        if subject is not None:
            if "PronType=Rel" in str(subject.morph) or subject.lower_ in {"qui", "lequel", "laquelle"}:
                clause = current
                return referents.get(clause.head) if clause.dep_ == "acl:relcl" else None
            return referents.get(subject)
        if current.dep_ == "acl":  # "X, devenu PDG de Y": the participle describes its head
            return referents.get(current.head)
        if current.dep_ not in {"conj", "xcomp", "advcl"} and not (current.dep_ == "obj" and current.pos_ == "NOUN") \
                or current.head.i == current.i:
            break  # (a verb coordinated with a noun: "conserve la majorité et reste …", parsed "majorité et reste")
        current = current.head
    # the parser found no subject ("X, ancien entraîneur de Y, devrait être nommé …"): the name that opens the
    # clause, with no verb and no preposition before the verb
    sentence, doc = current.sent, current.doc
    for position in range(current.i - 1, sentence.start - 1, -1):
        if doc[position].pos_ in {"VERB", "SCONJ"} or doc[position].lower_ in {"qui", "que", "dont"}:
            return None
        if referents.kind_by_token.get(position) != "name":
            continue
        mention = referents.get(doc[position])
        first = span_at(doc, mention.start, mention.end)
        if first is not None and (first.start == sentence.start or doc[first.start - 1].pos_ == "PUNCT"):
            return mention  # not "de l'OGC Nice", "par Y": a complement
    return None


def described_name(token: Token, doc: Doc, role_end: int, referents: Referents, types: frozenset,
               person_at) -> Mention | None:
    """The name a role noun describes: its apposition, or the name right after it or right before it."""
    # "le secrétaire d'État Cédric O": the name is the role's appos / flat child
    for child in token.children:
        if child.dep_ in {"appos", "flat:name", "nmod"} and child.idx >= role_end and person_at(child):
            if child.i == token.i + 1 or doc[child.i - 1].idx + len(doc[child.i - 1].text) <= role_end + 2 or \
                    doc[child.i - 1].text == ",":
                return person_at(child)
    # "la secrétaire d'État au Numérique, Marina Ferrari," / "… au Numérique Cédric O" /
    # "ses concurrents, dont X"
    after = span_at(doc, role_end, role_end + 1)
    if after is not None:
        index = after.start
        if index < len(doc) and doc[index].text == ",":
            index += 1
            if index < len(doc) and doc[index].lower_ == "dont":  # "ses concurrents, dont le norvégien X"
                index += 1
            named = referent_in_phrase(doc[index], referents) if index < len(doc) else None
            if named is not None and named.type in types:
                return named
        if index < len(doc) and person_at(doc[index]):
            return person_at(doc[index])
    # "Anne Dupont, directrice générale de …" / "Anne Dupont, l'ancienne ministre" / "A et B, deux anciens de Y"
    start = token.i - 1
    while start >= 0 and (doc[start].pos_ in {"DET", "ADJ", "NUM", "ADV"} or doc[start].lower_ in TIME_ADJECTIVES):
        start -= 1
    if start >= 1 and doc[start].text == ",":
        described = doc[start - 1]
        if described.pos_ == "ADJ" and described.head.i < described.i:
            described = described.head  # "Le quotidien régional, filiale de Y"
        if person_at(described):
            return person_at(described)
    # "Filiale du groupe Medaxis depuis 2019, Labonord exploite …", "Bien que membre de X, Y …": a clause-initial
    # role describes the subject
    sentence = token.sent
    if all(t.is_punct or t.pos_ in {"DET", "ADJ", "ADV", "SCONJ"} for t in sentence if t.i < token.i):
        comma = next((t for t in sentence if t.i > token.i and t.text == ","), None)
        if comma is not None and comma.i + 1 < sentence.end:
            following = next((t for t in doc[comma.i + 1: min(comma.i + 5, sentence.end)]
                              if t.pos_ not in {"DET", "ADJ"}), None)
            if person_at(following):
                return person_at(following)
    return None


def coordinated(mention: Mention, doc: Doc, referents: Referents, types: frozenset) -> list[Mention]:
    """``mention`` and the names coordinated with it as written: "A, B et C", "A et le français B"."""
    found = [mention]
    span = span_at(doc, mention.start, mention.end)
    if span is None:
        return found
    for step, edge in ((1, span.end), (-1, span.start - 1)):
        position = edge
        while 0 <= position < len(doc):
            # "A, B et C", "de Brillex et de Nettoplus"
            if step < 0 and doc[position].lower_ in PARTITIVE and position > 0 and doc[position - 1].lower_ == "et":
                position -= 2
            elif doc[position].lower_ in {",", "et"}:
                position += step
                if step > 0 and position < len(doc) and doc[position].lower_ in PARTITIVE and \
                        doc[position - 1].lower_ == "et":
                    position += 1
            else:
                break
            while step > 0 and position < len(doc) and doc[position].pos_ in {"DET", "ADJ"} and \
                    referents.get(doc[position]) is None:
                position += 1
            other = referents.get(doc[position]) if 0 <= position < len(doc) else None
            if other is None or other.type not in types or other in found:
                break
            found.append(other)
            other_span = span_at(doc, other.start, other.end)
            if step > 0:  # past the whole name ("le français Elyon": the description, then the name)
                position = max(position + 1, other_span.end if other_span is not None else position + 1)
                while position < len(doc) and referents.get(doc[position]) == other:
                    position += 1
            else:
                position = (other_span.start if other_span is not None else position) - 1
    return found


def role_organisation(token: Token, role_end: int, referents: Referents) -> Mention | None:
    """The organisation of a role: "de Y", "chez Y", or a possessive ("son PDG" → the owner)."""
    for child in token.children:
        if child.dep_ in {"nmod", "obl:mod", "obl"} and _prep(child) in {"de", "chez"} and child.idx >= role_end:
            candidate = referent_in_phrase(child, referents)
            if candidate is not None and candidate.type in ORGANISATIONS:
                return candidate
        if child.dep_ == "det" and "Poss=Yes" in str(child.morph):
            candidate = referents.get(child)
            if candidate is not None and candidate.type in ORGANISATIONS:
                return candidate
    # "nommée mercredi présidente de l'Agence …": the parser hung the complement elsewhere; read it as written
    doc = token.doc
    after = span_at(doc, role_end, role_end + 1)
    if after is not None and after.start < len(doc) and doc[after.start].lower_ in {"de", "du", "d'", "d’", "chez"}:
        following = after.start + 1
        while following < len(doc) and doc[following].pos_ == "DET":
            following += 1
        candidate = referent_in_phrase(doc[following], referents) if following < len(doc) else None
        if candidate is not None and candidate.type in ORGANISATIONS:
            return candidate
    return None
