"""Readers: article files, folders, standard input and JSON Lines in; :class:`~kg.model.Article` out.

    >>> article = next(read_articles(["data/articles/mistral-microsoft.fr.txt"]))
    >>> article.text[:32]
    'Mistral AI, le champion français'

Formats, by extension: ``.txt``, ``.md``/``.markdown``, ``.html``/``.htm`` (main text only) and ``.jsonl``
(one article per line). ``-`` reads standard input, HTML when it starts with ``<``, else text. Every article's
text is decoded, cleaned (control characters, lone surrogates, NFC), rid of page furniture (comment forms,
share buttons, cookie banners: ``kg/data/boilerplate.txt``) and laid out one paragraph per line with a
blank line between paragraphs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

from kg.errors import InputError
from kg.model import Article
from kg.readers.assemble import build_article
from kg.readers.decode import decode
from kg.readers.html import declared_charset, html_paragraphs
from kg.readers.jsonl import jsonl_articles
from kg.readers.text import markdown_paragraphs, text_paragraphs

__all__ = ["SUFFIXES", "read_articles"]

SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
STDIN = "-"

_Target = tuple[str, str | None, str]  # source, file to open (None: standard input), kind


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    on_error: Callable[[InputError], None] | None = None,
    max_bytes: int = 20_000_000,
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Read articles from files, folders (recursively, in name order, hidden entries skipped) and ``-``.

    A bad file, or a bad line of a JSONL file, raises :class:`InputError`; with ``on_error``, it is passed
    to ``on_error`` instead and reading goes on. ``max_bytes`` bounds a file (a line, for JSONL); ``stdin``
    replaces ``sys.stdin.buffer``. One article is in memory at a time.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for item in _articles_and_errors(paths, max_bytes=max_bytes, stdin=stdin):
        if isinstance(item, Article):
            yield item
        elif on_error is None:
            raise item
        else:
            on_error(item)


def _articles_and_errors(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int, stdin: BinaryIO | None
) -> Iterator[Article | InputError]:
    for path in paths:
        for target in _targets(path):
            if isinstance(target, InputError):
                yield target
                continue
            try:
                yield from _read(*target, max_bytes=max_bytes, stdin=stdin)
            except InputError as error:
                yield error


def _targets(path: str | os.PathLike[str]) -> Iterator[_Target | InputError]:
    name = os.fsdecode(path)
    if name == STDIN:
        yield "<stdin>", None, "sniff"
    elif os.path.isdir(name):
        yield from _folder(name)
    elif not os.path.lexists(name):
        yield InputError(name, "no such file or directory; check the path")
    else:
        suffix = os.path.splitext(name)[1].lower()
        kind = SUFFIXES.get(suffix) if suffix else "sniff"  # no extension: a pipe such as /dev/fd/3, maybe
        if kind is None:
            yield InputError(name, f"unsupported file type '{suffix}'; give a .txt, .md, .html or .jsonl file")
        else:
            yield name, name, kind


def _folder(directory: str) -> Iterator[_Target | InputError]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(directory, f"cannot list the folder ({error.strerror or error}); check its permissions")
        return
    for entry in entries:
        path = os.path.join(directory, entry.name)
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):  # a linked folder could lead back up: not followed
            yield from _folder(path)
        elif entry.is_file() and (kind := SUFFIXES.get(os.path.splitext(entry.name)[1].lower())):
            yield path, path, kind


def _read(
    source: str, location: str | None, kind: str, *, max_bytes: int, stdin: BinaryIO | None
) -> Iterator[Article | InputError]:
    with _opened(source, location, stdin) as stream:
        try:
            if kind == "jsonl":
                yield from jsonl_articles(stream, source, max_bytes=max_bytes)
                return
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise InputError(source, f"cannot read ({error.strerror or error}); check the file") from None
    if len(data) > max_bytes:
        raise InputError(source, f"too big (over the {max_bytes:,}-byte limit, max_bytes); split it into articles")
    yield _article(data, source, kind)


@contextmanager
def _opened(source: str, location: str | None, stdin: BinaryIO | None) -> Iterator[BinaryIO]:
    if location is None:
        yield stdin if stdin is not None else sys.stdin.buffer
        return
    try:
        stream = open(location, "rb")
    except FileNotFoundError:  # a dangling link, or a file deleted since it was listed
        raise InputError(source, "no such file or directory; check the path") from None
    except PermissionError:
        raise InputError(source, "permission denied; make the file readable") from None
    except OSError as error:
        raise InputError(source, f"cannot open ({error.strerror or error}); check the path") from None
    with stream:
        yield stream


def _article(data: bytes, source: str, kind: str) -> Article:
    empty = "empty (no text in it); give a file with an article in it"
    if not data.strip():
        raise InputError(source, empty)
    text = decode(data, source, declared=declared_charset(data) if kind in ("html", "sniff") else None)
    if not text.strip():
        raise InputError(source, empty)
    if kind == "sniff":
        kind = "html" if text.lstrip().startswith("<") else "text"
    if kind == "html":
        paragraphs, meta = html_paragraphs(text)
        return build_article(paragraphs, source=source, nothing_left="no main text in the HTML page", **meta)
    if kind == "markdown":
        paragraphs, meta = markdown_paragraphs(text)
        fields = {name: meta.get(name) for name in ("title", "date", "url", "lang")}
        return build_article(paragraphs, source=source, **fields)
    paragraphs, title = text_paragraphs(text)
    return build_article(paragraphs, source=source, title=title)
