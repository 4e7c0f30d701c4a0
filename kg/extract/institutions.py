"""Local authorities named after their place: "La région Normandie, qui soutient Hydrane", "la mairie
d'Angoulême a apporté son soutien au fonds". The place's name with its institution noun (lexicon
``[typing.institutions]``) is the authority's name; the place itself keeps its other mentions.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Mention
from .access import feature, span_at
from .lexicon import Lexicon

#: What may join an institution noun to its place's name: "la mairie d'Angoulême", "la région Normandie".
JOINERS = {"de", "d'", "d’", "du"}


def institution_names(doc: Doc, referents, lexicon: Lexicon) -> None:
    """Turn "la région X" / "la mairie de X" (X a place, the phrase not after a preposition other than "par")
    into one Authority name in ``referents``."""
    if not lexicon.institutions:
        return
    table = referents.tokens
    renamed = {}
    for mention in referents.names:
        if mention.type != "Place":
            continue
        span = span_at(doc, mention.start, mention.end)
        if span is None:
            continue
        noun = span.start - 1 - (span.start > 0 and table.lower[span.start - 1] in JOINERS)
        if noun < 1 or table.pos[noun] != "NOUN" or table.lemma[noun].lower() not in lexicon.institutions \
                or not table.text[noun].islower():
            continue
        article = doc[noun - 1]
        if article.pos_ != "DET" or "Def" not in feature(article, "Definite"):
            continue
        if noun >= 2 and table.pos[noun - 2] == "ADP" and table.lower[noun - 2] != "par":
            continue  # "dans la région Normandie" is the place
        name = doc[noun: span.end]
        renamed[mention] = Mention(start=name.start_char, end=name.end_char, text=name.text, type="Authority",
                                   kind="name")
        for i in range(noun, span.end):
            referents.by_token[i] = renamed[mention]
            referents.kind_by_token[i] = "name"
    if renamed:
        referents.names = [renamed.get(m, m) for m in referents.names]
