"""Where an occurrence stands in its clause, for coreference (:mod:`.coref`): how prominent its grammatical role
makes it, whether it is its clause's subject, which subjects govern a pronoun, and whether a phrase is plural."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .access import feature
from .lexicon import fold


def salience(root: Token, subject: bool) -> float:
    """How prominent an occurrence's grammatical role makes it: a subject most, then a verb's direct object ("le
    conseil a nommé X directrice. Elle succède à …"), then the rest."""
    if subject:
        return 1.0
    # (not an infinitive's object: "son intention de saisir le Conseil d'État")
    return 0.5 if root.dep_ == "obj" and root.head.pos_ == "VERB" and "Inf" not in feature(root.head, "VerbForm") \
        else 0.0


def plural(noun: Token) -> bool:
    """Whether a noun phrase is plural, as its determiner says ("l'ONG" is singular whatever the tagger thinks)."""
    for child in noun.children:  # (or its contracted article: "au fonds américain" is singular)
        if (child.dep_ == "det" or child.dep_ == "case" and feature(child, "Definite")) and feature(child, "Number"):
            return feature(child, "Number") == ["Plur"]
    return feature(noun, "Number") == ["Plur"]


def before_verb(doc: Doc, position: int) -> bool:
    """A finite verb right after a name ("…, Kapita revendique", "X n'a pas") makes it a subject, whatever the
    parser says of a fronted participle clause."""
    while position < len(doc) and doc[position].pos_ == "PRON" and doc[position].dep_ != "nsubj" \
            or position < len(doc) and doc[position].pos_ == "ADV" and doc[position].lower_ in {"ne", "n'", "n’"}:
        position += 1
    return position < len(doc) and doc[position].pos_ in {"VERB", "AUX"} and "Fin" in feature(doc[position], "VerbForm")


def framing(span: Span, attribution_markers) -> bool:
    """A name in the short phrase that opens a sentence ("Du côté de Biolex, …", "Chez X, …") is what the
    sentence is about — unless it is the source ("Selon X, …")."""
    doc, start = span.doc, span.sent.start
    if span.start - start > 4 or span.end >= len(doc) or doc[span.end].text != ",":
        return False
    opening = {fold(t.text) for t in doc[start: span.start]}
    return not opening & {fold(m) for m in attribution_markers} \
        and not any(t.is_punct for t in doc[start: span.start])


def clause_subjects(token: Token, referring: dict | None = None) -> tuple[Token | None, Token | None]:
    """(the subject of ``token``'s clause, that of the clause governing it): "X a indiqué qu'elle …", "X a revu
    ses procédures". A subject pronoun has no own clause subject but itself. ``referring``: the tokens that refer
    to something (token index -> mention), to find the antecedent of a relative "qui"."""
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
            if subject is not None and subject.pos_ == "PRON" and "Rel" in feature(subject, "PronType"):
                # "…, qui": the noun the relative clause hangs on, else the name right before "qui" (past a
                # parenthesis: "la Fédération des plateformes (FPN), qui …")
                subject = node.head if referring is None or node.head.i in referring else \
                    _named_before(token.doc, subject.i, referring) or node.head
            clauses.append(subject)
            if node.dep_ == "xcomp" and subject is None:
                clauses.pop()  # "X compte revoir ses procédures": the controlling verb's subject
        if head.i == node.i or len(clauses) >= 2:
            break
        node = head
    clauses = clauses[:2] + [None] * (2 - len(clauses[:2]))
    own, governing = clauses
    if token.dep_.startswith("nsubj") and token.pos_ == "PRON":
        return None, governing
    return own, governing


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)


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
