"""Names spaCy's NER found once, found again: every later (or earlier) occurrence of a name in the article is a
mention of it, and so is a person's surname alone ("Élise Marchand … Marchand a été nommée").

The statistical NER misses many occurrences (a company name parsed as a verb or a common noun: "Sanofi entre au
capital", "Orange et Cirrus s'allient"); the article itself says these words are names. A repeat only counts when
it is capitalised as written in the name and is not part of a longer capitalised name ("Mistral" in "Mistral
Large" is not "Mistral AI"'s short name).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Mention
from .lexicon import Lexicon


def propagate_names(doc: Doc, referents, lexicon: Lexicon) -> None:
    """Make every unclaimed occurrence of a known name (or of a person's surname) a name mention of its own, of the
    known name's type; entity resolution (:mod:`kg.resolve`) joins a surname to its person."""
    known: dict[str, list[tuple[tuple[str, ...], Mention]]] = {}
    for mention in referents.names:
        words = tuple(token.text for token in doc.char_span(mention.start, mention.end, alignment_mode="expand"))
        if not words or not words[0][:1].isupper() or mention.text.lower() in lexicon.not_entities:
            continue
        candidates = [words]
        if mention.type == "Person" and len(words) >= 2 and len(words[-1]) > 2:
            candidates.append(words[-1:])  # the surname: "Marchand"
        for candidate in candidates:
            entries = known.setdefault(candidate[0], [])
            if all(existing != candidate for existing, _ in entries):
                entries.append((candidate, mention))
    if not known:
        return
    for entries in known.values():
        entries.sort(key=lambda entry: -len(entry[0]))  # the longest name first: "Air France-KLM" before "Air"
    surnames: dict[tuple, set] = {}  # a surname shared by two persons names neither
    for entries in known.values():
        for words, mention in entries:
            if len(words) == 1 and mention.type == "Person" and " " in mention.text:
                surnames.setdefault(words, set()).add(mention.text)
    texts = [token.text for token in doc]
    added: list[Mention] = []
    i = 0
    while i < len(doc):
        entries = known.get(texts[i])
        if not entries or i in referents.by_token and referents.kind_by_token.get(i) == "name":
            i += 1
            continue
        for words, mention in entries:
            end = i + len(words)
            if tuple(texts[i:end]) != words:
                continue
            if len(surnames.get(words, ())) > 1:
                break
            if any(referents.kind_by_token.get(j) == "name" for j in range(i, end)):
                break
            before = doc[i - 1] if i > 0 else None
            after = doc[end] if end < len(doc) else None
            if after is not None and after.text[:1].isupper() and after.pos_ in {"PROPN", "NOUN", "X"} and \
                    not after.is_sent_start:
                break  # "Mistral Large": a longer name that starts with this one
            if before is not None and before.text[:1].isupper() and before.pos_ == "PROPN" and \
                    not doc[i].is_sent_start:
                break
            if any(doc[j].is_sent_start for j in range(i + 1, end)):
                break  # a sentence break inside: not this name
            span = doc[i:end]
            found = Mention(start=span.start_char, end=span.end_char, text=span.text, type=mention.type, kind="name")
            added.append(found)
            for j in range(i, end):
                referents.by_token[j] = found
                referents.kind_by_token[j] = "name"
            referents.descriptors.setdefault(found.text.lower(), set())
            i = end - 1
            break
        i += 1
    if added:
        referents.names.extend(added)
        referents.names.sort(key=lambda m: m.start)
