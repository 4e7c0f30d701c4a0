"""From paragraphs to an :class:`Article`: page furniture dropped, whitespace tidied, metadata normalised."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from pathlib import Path

from kg.errors import ConfigError, InputError
from kg.model import Article, normalise_text
from kg.readers.decode import clean

BOILERPLATE_PATH = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"

_SENTENCE_END = re.compile(r"(?<=[.!?…*])\s+")
_LONGEST_FURNITURE = 500  # a longer paragraph is article text, whatever it starts with


@functools.cache
def furniture_pattern(path: Path = BOILERPLATE_PATH) -> re.Pattern[str]:
    """The page-furniture patterns of ``path`` (one regex per line, ``#`` comments), as one
    case-insensitive alternation."""
    patterns = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                re.compile(line.strip())
            except re.error as err:
                raise ConfigError(f"{path}:{lineno}: bad pattern ({err}); fix the regular expression") from None
            patterns.append(f"(?:{line.strip()})")
    return re.compile("|".join(patterns), re.IGNORECASE)


def is_furniture(paragraph: str) -> bool:
    """True when the paragraph is page furniture: matched whole by a pattern, or sentence by sentence."""
    if len(paragraph) > 2 * _LONGEST_FURNITURE:  # spare the work below on long paragraphs
        return False
    key = tidy(paragraph).replace("’", "'")
    if not key or len(key) > _LONGEST_FURNITURE:
        return False
    pattern = furniture_pattern()
    if pattern.fullmatch(key):
        return True
    sentences = _SENTENCE_END.split(key)
    return len(sentences) > 1 and all(pattern.fullmatch(sentence) for sentence in sentences)


def tidy(paragraph: str) -> str:
    """One paragraph on one line: runs of whitespace (non-breaking spaces included) become one space."""
    return " ".join(paragraph.split())


def build_article(
    paragraphs: Iterable[str],
    *,
    source: str,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    lang: str | None = None,
    nothing_left: str = "no article text (only page furniture such as share buttons or a comment form)",
    error_source: str | None = None,
) -> Article:
    """Join the paragraphs that are not furniture with blank lines; raise InputError (naming
    ``error_source``, default ``source``) when none is left."""
    kept = [p for p in map(tidy, paragraphs) if p and not is_furniture(p)]
    if not kept:
        raise InputError(error_source or source, f"{nothing_left}; give an article with some text")
    return Article(
        text=normalise_text("\n\n".join(kept)),
        source=source,
        title=_optional(title),
        date=iso_date(date),
        url=_optional(url),
        lang=language(lang),
    )


def _optional(value: str | None) -> str | None:
    return (tidy(clean(value)) or None) if value else None


def language(tag: str | None, default: str = "fr") -> str:
    """The primary subtag of a language tag, lower-cased: ``fr-FR`` → ``fr``."""
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower() if tag else ""
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else default


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "janvier january jan", "février fevrier february feb fév fev", "mars march mar",
            "avril april apr avr", "mai may", "juin june jun", "juillet july jul juil",
            "août aout august aug", "septembre september sep sept", "octobre october oct",
            "novembre november nov", "décembre decembre december dec déc",
        ],
        1,
    )
    for name in names.split()
}
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[t ].*)?")  # lower-cased: t, not T
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")  # French order: 04/03/2024 is 4 March
_DAY_MONTH_YEAR = re.compile(r"(?:\w+,? )?(\d{1,2})(?:er|st|nd|rd|th)? (\w+)\.? (\d{4})")
_MONTH_DAY_YEAR = re.compile(r"(\w+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp, ``04/03/2024``, ``4 mars 2024`` or ``March 4, 2024``;
    None when the value is not a date."""
    key = " ".join(value.split()).lower() if isinstance(value, str) else ""
    try:
        if m := _ISO.fullmatch(key):
            parts = int(m[1]), int(m[2]), int(m[3])
        elif m := _DAY_FIRST.fullmatch(key):
            parts = int(m[3]), int(m[2]), int(m[1])
        elif (m := _DAY_MONTH_YEAR.fullmatch(key)) and m[2] in _MONTHS:
            parts = int(m[3]), _MONTHS[m[2]], int(m[1])
        elif (m := _MONTH_DAY_YEAR.fullmatch(key)) and m[1] in _MONTHS:
            parts = int(m[3]), _MONTHS[m[1]], int(m[2])
        else:
            return None
        return datetime.date(*parts).isoformat()
    except ValueError:
        return None
