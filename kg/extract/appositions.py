"""Appositions: noun phrases written against a name that describe it — "Microsoft, le géant américain," (after a
name and a comma) and "sa plateforme, baptisée Stratus," (a naming participle). Part of :func:`.mentions.find_referents`,
before names are typed: what a name is called says what it is."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .access import feature, span_at
from .descriptions import _description_head, _np_words, agrees, fronted_participle_before, key_of
from .lexicon import Lexicon


def appositions(doc: Doc, referents, lexicon: Lexicon) -> None:
    """``NAME, DET NOUN …,`` — the noun phrase right after a name and a comma describes the name."""
    for mention in referents.names:
        span = span_at(doc, mention.start, mention.end)
        if span is None or span.end + 2 >= len(doc):
            continue
        comma, det = doc[span.end], doc[span.end + 1]
        if comma.text != "," or det.pos_ == "DET" and "Poss=Yes" in str(det.morph):
            continue
        bare = det.pos_ != "DET"  # "Raphaël Cohen, ancien ingénieur de Meta," — a person's title needs no article
        if bare and (mention.type != "Person" or det.pos_ not in {"ADJ", "NOUN"}):
            continue
        head = None
        for token in doc[span.end + (1 if bare else 2): min(span.end + 6, len(doc))]:
            if token.pos_ in {"NOUN", "PROPN"}:
                head = token
                break
            if token.pos_ not in {"ADJ", "ADV"}:
                break
        if head is None or head.i in referents.by_token or _subject_of_finite_verb(doc, head) \
                or _opens_clause(doc, head) or _closes_fronted_participle(doc, span, head):
            continue
        kind = _description_head(head, lexicon)
        # "Ravel Participations, la holding de …": spaCy often calls an unknown company a person; a company's
        # description set against the name says otherwise (typing counts it)
        mistyped = mention.type == "Person" and kind == "Organization" and not bare
        if kind is None or not (agrees(mention, kind) or mistyped) or bare and kind != "Person":
            continue
        referents.by_token[head.i] = mention
        referents.kind_by_token[head.i] = "apposition"
        referents.descriptors.setdefault(key_of(mention), set()).update(_np_words(head))


def _subject_of_finite_verb(doc: Doc, head: Token) -> bool:
    """``X et Y, deux anciens de Google, la start-up avait levé …``: a noun phrase after a comma that runs into a
    finite verb is the clause's subject, not an apposition to the name before the comma."""
    for token in doc[head.i + 1: min(head.i + 8, head.sent.end)]:
        if token.pos_ in {"VERB", "AUX"}:
            return "Fin" in feature(token, "VerbForm")
        if token.is_punct and token.text != "-" or token.pos_ not in {"ADJ", "NOUN", "PROPN", "ADP", "DET", "X",
                                                                       "NUM", "PUNCT"}:
            return False
    return False


def _opens_clause(doc: Doc, head: Token) -> bool:
    """Whether the noun phrase headed by ``head`` is followed by a finite verb: "Fondée par X et Y, deux anciens
    de Google, la start-up a levé …" — the subject of the clause, not an apposition of the name before it."""
    after = max(head.i, head.right_edge.i) + 1  # past its complements: "le ministère allemand de l'Économie a"
    while after < len(doc) and (doc[after].pos_ in {"ADJ", "X"} or doc[after].text == "-"):
        after += 1  # "start - up", as spaCy splits it
    return after < len(doc) and doc[after].pos_ in {"AUX", "VERB"} and "Fin" in feature(doc[after], "VerbForm")


def _closes_fronted_participle(doc: Doc, name: Span, head: Token) -> bool:
    """``Fondée en 2019 par X et Y, l'entreprise compte …``: a name ending a clause-opening participle's adjunct is
    followed by the main clause's subject, not by its apposition (unless a comma closes that noun phrase too:
    "Rachetée par X, le géant français, Y …")."""
    if not fronted_participle_before(doc, name.start, head.i):
        return False
    following = next((t for t in doc[head.i + 1: name.sent.end] if t.pos_ not in {"ADJ", "X", "ADP", "DET", "NOUN",
                                                                                   "PROPN"} and t.text != "-"), None)
    return following is None or following.text != ","


#: Participles that give a thing its name: "une coentreprise, baptisée Nordcell", "sa plateforme, appelée Stratus".
NAMING = {"baptiser", "nommer", "appeler", "dénommer", "surnommer", "intituler"}


def named_descriptions(doc: Doc, referents, lexicon: Lexicon) -> None:
    """``NOUN, baptisé(e) NAME`` — the noun phrase refers to the name, and describes it."""
    table = referents.tokens  # the table find_referents made
    for i, lemma in enumerate(table.lemma):
        if lemma not in NAMING or i < 2 or table.text[i - 1] != ",":
            continue
        token = doc[i]
        name = next((t for t in doc[token.i + 1: token.i + 3] if referents.kind_by_token.get(t.i) == "name"), None)
        if name is None:
            continue
        head = next((t for t in reversed(doc[max(0, token.i - 5): token.i - 1]) if t.pos_ in {"NOUN", "PROPN"}), None)
        if head is None or head.i in referents.by_token:
            continue
        mention = referents.by_token[name.i]
        referents.by_token[head.i] = mention
        referents.kind_by_token[head.i] = "apposition"
        if _description_head(head, lexicon):
            referents.descriptors.setdefault(key_of(mention), set()).add(head.lemma_.lower())
