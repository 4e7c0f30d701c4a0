"""Bytes to clean Unicode: the encodings articles come in, and the characters NLP cannot take."""

from __future__ import annotations

import codecs
import re
import unicodedata

from kg.errors import InputError

ARTICLE_KINDS = "give a text, Markdown, HTML or JSONL article"

# C0 controls except tab and newline, DEL, and C1 controls: never part of an article's words.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # the above, less line and page breaks
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone surrogates (JSON "\ud800") crash spaCy
_REPLACEMENTS = [  # (str.translate is ten times slower than these)
    ("\r\n", "\n"), ("\r", "\n"), ("\f", "\n"), ("\v", "\n"), ("\x85", "\n"), ("\u2028", "\n"), ("\u2029", "\n\n"),
    ("\ufeff", ""), ("\xad", ""),  # stray byte-order marks, soft hyphens
]

# Real text has next to no control characters; binary data decoded as Latin-1 has about a quarter.
_BINARY_SHARE = 0.3
_TEXT_SHARE = 0.01


def decode(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode an article's bytes: UTF-8 (BOM stripped), UTF-32 or UTF-16 with a BOM, the ``declared`` charset
    (an HTML page's), then Windows-1252 or Latin-1 when the result looks like text. Returns clean text."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[len(codecs.BOM_UTF8) :], "utf-8", source)
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts both
        text = _wide(data, "utf-32", source)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _wide(data, "utf-16", source)
    elif b"\0" in data:
        raise InputError(source, f"binary file (contains NUL bytes); {ARTICLE_KINDS}")
    else:
        text = _guess(data, source, declared)
    if "\0" in text:  # text never holds NUL, whatever its encoding
        raise InputError(source, f"binary file (contains NUL characters); {ARTICLE_KINDS}")
    if _control_share(text) > _BINARY_SHARE:
        raise InputError(source, f"binary file (mostly control characters); {ARTICLE_KINDS}")
    return clean(text)


def clean(text: str) -> str:
    """Unify line breaks, drop control characters, lone surrogates and invisible marks, and apply NFC."""
    for old, new in _REPLACEMENTS:
        text = text.replace(old, new)
    text = _CONTROL.sub("", _SURROGATE.sub("", text))
    return unicodedata.normalize("NFC", text)


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        message = f"invalid {encoding.upper()} after the byte-order mark; save the file as UTF-8"
        raise InputError(source, message) from None


def _wide(data: bytes, encoding: str, source: str) -> str:
    """UTF-16 or UTF-32 after a byte-order mark, refused when it decodes to characters no text is made of."""
    text = _strict(data, encoding, source)
    if _unassigned_share(text) > _TEXT_SHARE:  # binary data read as UTF-16 gives unassigned code points
        message = f"binary file (not {encoding.upper()} text despite its byte-order mark); {ARTICLE_KINDS}"
        raise InputError(source, message)
    return text


def _guess(data: bytes, source: str, declared: str | None) -> str:
    for encoding in ("utf-8", declared):
        # a declared UTF-16/32 without a byte-order mark is a lie told by an ASCII-compatible page
        if encoding and not encoding.lower().replace("-", "").startswith(("utf16", "utf32")):
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; Latin-1 maps every byte
        text = data.decode("latin-1")
    share = _control_share(text)
    if share > _BINARY_SHARE:
        raise InputError(source, f"binary file (mostly control characters); {ARTICLE_KINDS}")
    if share > _TEXT_SHARE:
        raise InputError(source, "cannot decode the text (not UTF-8, UTF-16 or Windows-1252); save it as UTF-8")
    return text


def _unassigned_share(text: str) -> float:
    # Surrogates and private-use characters count too: random bytes read as UTF-16 give them by the thousand.
    sample = text[:100_000]
    odd = sum(1 for char in sample if unicodedata.category(char) in ("Cn", "Cs", "Co"))
    return odd / len(sample) if sample else 0.0


def _control_share(text: str) -> float:
    return len(_BINARY_CHARS.findall(text)) / len(text) if text else 0.0
