"""Cheap reads of what spaCy computes slowly, for the extraction passes that ask for it thousands of times an
article.

- Morphology: ``token.morph.get("Gender")`` parses the token's feature string at every call (about 4 µs);
  :func:`feature` and :func:`has_feature` parse each distinct feature string once per process.
- Sentences: ``token.sent`` and ``span.sent`` walk the Doc to the sentence's ends and check the whole Doc's
  annotation at every call; :func:`sentence_index` installs spaCy's own ``sent`` hooks on a Doc (its
  ``user_token_hooks`` and ``user_span_hooks``), which answer from the sentence bounds read once. The answers
  are the same Spans; :func:`drop_sentence_index` removes the hooks when the passes are done.
- Spans: ``doc.char_span`` of a mention's characters, asked by every pass, is made once (:func:`span_at`).
- Text: ``span.text`` joins the span's tokens again at every call; :func:`text_of` slices the article's text,
  given once to :func:`sentence_index`.
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


def feature(token: Token, name: str) -> list[str]:
    """What ``token.morph.get(name)`` gives: the values of one feature (a new list), ``[]`` when it has none."""
    return list(features(token).get(name, ()))


def has_feature(token: Token, name: str, value: str) -> bool:
    """Whether ``token``'s feature ``name`` has ``value`` ("Polarity", "Neg")."""
    return value in features(token).get(name, ())


#: id of a Doc with a sentence index -> its text (``doc.text``, as the article gave it).
_TEXTS: dict[int, str] = {}


def doc_text(doc: Doc) -> str:
    """``doc.text``, as given to :func:`sentence_index` (else joined by spaCy)."""
    text = _TEXTS.get(id(doc))
    return doc.text if text is None else text


#: id of a Doc with a sentence index -> {(start, end): the span of those characters}.
_SPANS: dict[int, dict] = {}


def span_at(doc: Doc, start: int, end: int) -> Span | None:
    """``doc.char_span(start, end, alignment_mode="expand")``, made once per Doc with a sentence index."""
    spans = _SPANS.get(id(doc))
    if spans is None:
        return doc.char_span(start, end, alignment_mode="expand")
    key = (start, end)
    span = spans.get(key, False)
    if span is False:
        span = spans[key] = doc.char_span(start, end, alignment_mode="expand")
    return span


def text_of(span: Span) -> str:
    """``span.text``, sliced from the text of the Doc's article when it was given to :func:`sentence_index`."""
    text = _TEXTS.get(id(span.doc))
    return span.text if text is None else text[span.start_char:span.end_char]


def sentence_index(doc: Doc, text: str | None = None) -> None:
    """Make ``token.sent``, ``span.sent`` and ``doc.sents`` of ``doc`` answer from its sentence bounds, read now;
    and :func:`text_of` slice ``text`` (``doc.text``, when the caller has it: joining it costs as much)."""
    if "sent" in doc.user_token_hooks:
        return
    if text is not None and len(doc):
        first, last = doc[0], doc[-1]
        if text[first.idx: first.idx + len(first)] != first.text or text[last.idx: last.idx + len(last)] != last.text:
            raise ValueError("the text given is not the Doc's")
        _TEXTS[id(doc)] = text
    _SPANS[id(doc)] = {}
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
    _TEXTS.pop(id(doc), None)
    _SPANS.pop(id(doc), None)
