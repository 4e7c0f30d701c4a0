"""Cheap reads of what spaCy computes slowly, for the extraction passes that ask for it thousands of times an
article.

- Morphology: ``token.morph.get("Gender")`` parses the token's feature string at every call (about 4 µs);
  :func:`feature` and :func:`has_feature` parse each distinct feature string once per process.
- Sentences: ``token.sent`` and ``span.sent`` walk the Doc to the sentence's ends and check the whole Doc's
  annotation at every call; :func:`sentence_index` installs spaCy's own ``sent`` hooks on a Doc (its
  ``user_token_hooks`` and ``user_span_hooks``), which answer from the sentence bounds read once. The answers
  are the same Spans; :func:`drop_sentence_index` removes the hooks when the passes are done.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

#: A morphological analysis's key (its hash in the string store) -> {feature: values}.
_FEATURES: dict[int, dict[str, tuple[str, ...]]] = {}


def features(token: Token) -> dict[str, tuple[str, ...]]:
    """``{"Gender": ("Fem",), "Number": ("Sing",), …}`` of ``token``."""
    morph = token.morph
    key = morph.key
    found = _FEATURES.get(key)
    if found is None:
        if len(_FEATURES) > 1 << 16:
            _FEATURES.clear()
        found = _FEATURES[key] = {name: tuple(values.split(","))
                                  for name, _, values in (pair.partition("=") for pair in str(morph).split("|"))
                                  if values}
    return found


def feature(token: Token, name: str) -> tuple[str, ...]:
    """What ``token.morph.get(name)`` gives (as a tuple): the values of one feature, ``()`` when it has none."""
    return features(token).get(name, ())


def has_feature(token: Token, name: str, value: str) -> bool:
    """Whether ``token``'s feature ``name`` has ``value`` ("Polarity", "Neg")."""
    return value in features(token).get(name, ())


def sentence_index(doc: Doc) -> None:
    """Make ``token.sent``, ``span.sent`` and ``doc.sents`` of ``doc`` answer from its sentence bounds, read now."""
    if "sent" in doc.user_token_hooks:
        return
    sentences = list(doc.sents)
    starts = [sentence.start for sentence in sentences]

    def of_token(token: Token) -> Span:
        return sentences[bisect_right(starts, token.i) - 1]

    def of_span(span: Span) -> Span:
        return sentences[bisect_right(starts, span.start) - 1]

    doc.user_token_hooks["sent"] = of_token
    doc.user_span_hooks["sent"] = of_span
    doc.user_hooks["sents"] = lambda _: iter(sentences)


def drop_sentence_index(doc: Doc) -> None:
    """Remove what :func:`sentence_index` installed (the hooks hold the Doc's sentences: a reference cycle)."""
    for hooks in (doc.user_token_hooks, doc.user_span_hooks):
        hooks.pop("sent", None)
    doc.user_hooks.pop("sents", None)
