"""A person's surname alone is that person: "Élise Marchand … Marchand a été nommée".

Runs after :func:`~kg.extract.mentions._repeated_names`, which finds names written again in full. A surname
counts only when it is capitalised as in the name, names one person of the article, and is not part of a longer
capitalised name ("Marchand Frères"). Entity resolution (:mod:`kg.resolve`) joins the surname to its person.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Mention


def surnames(doc: Doc, referents, table) -> None:
    """Make every unclaimed surname of a person named in full a Person name mention of its own."""
    owners: dict[str, set] = {}  # surname -> full names of the persons who bear it
    for mention in referents.names:
        words = mention.text.split()
        if mention.type == "Person" and len(words) >= 2 and len(words[-1]) > 2 and words[-1][:1].isupper():
            owners.setdefault(words[-1], set()).add(mention.text)
    if not owners:
        return
    added = []
    for i, text in enumerate(table.text):
        if len(owners.get(text, ())) != 1 or referents.kind_by_token.get(i) == "name":
            continue
        token = doc[i]
        after = doc[i + 1] if i + 1 < len(doc) else None
        if after is not None and after.text[:1].isupper() and after.pos_ in {"PROPN", "NOUN", "X"} \
                and not after.is_sent_start:
            continue  # "Marchand Frères": a longer name
        if i > 0 and not token.is_sent_start and doc[i - 1].text[:1].isupper() and doc[i - 1].pos_ == "PROPN":
            continue
        found = Mention(start=token.idx, end=token.idx + len(text), text=text, type="Person", kind="name")
        added.append(found)
        referents.by_token[i] = found
        referents.kind_by_token[i] = "name"
        referents.descriptors.setdefault(text.lower(), set())
    if added:
        referents.names = sorted(referents.names + added, key=lambda m: m.start)
