"""JSON Lines: one article per line, ``{"text": …, "title": …, "date": …, "url": …, "lang": …}``.

A bad line is reported (yielded as an :class:`InputError`) and the rest of the file is still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import InputError
from kg.model import Article
from kg.readers.assemble import build_article
from kg.readers.decode import ARTICLE_KINDS, clean
from kg.readers.text import text_paragraphs

_OPTIONAL_FIELDS = ("title", "date", "url", "lang")
_EXPECTED = 'each line must be one JSON object such as {"text": "…", "title": "…"}'


def jsonl_articles(stream: BinaryIO, source: str, *, max_bytes: int) -> Iterator[Article | InputError]:
    """The articles of a JSONL stream, and an InputError for each bad line; ``max_bytes`` bounds a line."""
    lineno, lines_seen = 0, False
    while raw := stream.readline(max_bytes + 1):
        lineno += 1
        where = f"{source}:{lineno}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the overlong line
            yield InputError(where, f"line too big (more than {max_bytes:,} bytes, the max_bytes limit); split it")
            continue
        if b"\0" in raw:
            if lineno == 1:  # a binary file, not one bad line: stop before reporting every "line" of it
                raise InputError(source, f"binary file (contains NUL bytes); {ARTICLE_KINDS}")
            yield InputError(where, f"binary data (contains NUL bytes); {_EXPECTED}")
            continue
        if raw.strip():
            lines_seen = True
            try:
                yield _article(raw.removeprefix(b"\xef\xbb\xbf") if lineno == 1 else raw, where)
            except InputError as error:
                yield error
    if not lines_seen:
        raise InputError(source, "empty (no JSON lines in it); give one JSON object per line")


def _article(raw: bytes, where: str) -> Article:
    try:
        record = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise InputError(where, "not valid UTF-8; save the file as UTF-8") from None
    except json.JSONDecodeError as error:
        raise InputError(where, f"invalid JSON ({error.msg} at column {error.colno}); {_EXPECTED}") from None
    except _NotANumber as error:
        raise InputError(where, f"invalid JSON ({error}); {_EXPECTED}") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise InputError(where, f"invalid JSON (a number has too many digits); {_EXPECTED}") from None
    except RecursionError:
        raise InputError(where, f"invalid JSON (nested too deeply); {_EXPECTED}") from None
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {_json_type(record)}; {_EXPECTED}")
    text = record.get("text")
    if not isinstance(text, str):
        got = "no \"text\" field" if text is None else f'"text" is {_json_type(text)}'
        raise InputError(where, f'{got}; give the article as a string in "text"')
    for name in _OPTIONAL_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise InputError(where, f'"{name}" is {_json_type(record[name])}; give a string or leave it out')
    fields = {name: clean(record[name]) if record.get(name) else None for name in _OPTIONAL_FIELDS}
    paragraphs, _ = text_paragraphs(clean(text), find_title=False)
    return build_article(
        paragraphs,
        source=fields["url"].strip() if fields["url"] and fields["url"].strip() else where,
        error_source=where,
        nothing_left='"text" is empty or only page furniture',
        **fields,
    )


class _NotANumber(ValueError):
    """NaN, Infinity or -Infinity: Python's json reads them, JSON has no such numbers."""


def _reject_constant(name: str) -> None:
    raise _NotANumber(f"{name} is not a JSON number")


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number"}
    return "null" if value is None else names.get(type(value), "a number")  # float is the only type left
