"""Temporal expressions: find dates in French text and resolve them to ISO 8601 against the article's date.

    >>> [t.text for t in find_times("Microsoft a investi la semaine dernière, après un accord signé en 2023.")]
    ['la semaine dernière', 'en 2023']
    >>> resolve(find_times("la semaine dernière")[0], "2024-02-28")
    '2024-W08'
    >>> resolve(find_times("le 26 février 2024")[0], None)
    '2024-02-26'
    >>> resolve(find_times("hier")[0], None) is None      # relative, and no article date to read it against
    True

What an expression resolves to: a day (``2024-02-26``), a month (``2024-02``), a year (``2024``) or an ISO week
(``2024-W08``). Explicit dates need nothing else; relative ones ("hier", "lundi", "le 26 février", "en février",
"février dernier", "il y a deux ans") need the article's date and stay unresolved (``None``) without it.
"depuis …" and "jusqu'en …" are kept as a relation (``since``, ``until``) next to the value.

The words are data (``ontology/time.<lang>.toml``); this module builds its patterns from them. A bare year
or month name is no date without an introducer ("en 2023", "depuis janvier"), so "les 2000 salariés",
"Windows 11" or "le 49.3" are not dates.
"""

from __future__ import annotations

import datetime
import functools
import re
import sys
from dataclasses import dataclass

from ..errors import ConfigError
from ..vocab import ONTOLOGY_DIR

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

UNITS = ("day", "week", "month", "year")
RELATIONS = ("", "since", "until")
_DAY = r"(?:1er|[12][0-9]|3[01]|0?[1-9])"
_YEAR = r"(?:1[5-9][0-9]{2}|2[01][0-9]{2})"


@dataclass(frozen=True)
class Timex:
    """One temporal expression as written (offsets into the text searched) and what it says, unresolved.

    A full date has ``year``, ``month`` and ``day``; a partial one lacks the year (or the day); ``weekday``
    (1 = Monday) with ``shift`` -1/+1 for "dernier"/"prochain"; ``unit`` and ``offset`` for phrases read
    against the article's date ("hier": day -1). ``relation`` is ``since``, ``until`` or empty.
    """

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    offset: int = 0
    shift: int = 0
    relation: str = ""

    @property
    def explicit(self) -> bool:
        """Does it name its year (so needs no article date)?"""
        return self.year is not None


@dataclass(frozen=True)
class TimeWords:
    """The tables of ``ontology/time.<lang>.toml``."""

    months: dict
    weekdays: dict
    direction: dict
    introducers: dict
    relative: dict  # phrase -> (unit, offset)
    ago_markers: dict
    ago_units: dict
    numbers: dict
    habitual: tuple = ()


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@functools.cache
def time_words(lang: str = "fr") -> TimeWords | None:
    """The time tables of ``lang``; None when the language has none (its articles get no times)."""
    path = ONTOLOGY_DIR / f"time.{lang}.toml"
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        relative = {}
        for phrase, entry in data.get("relative", {}).items():
            if entry.get("unit") not in UNITS or not isinstance(entry.get("offset"), int):
                raise ValueError(f"relative {phrase!r}: needs unit (one of {', '.join(UNITS)}) and an integer offset")
            relative[_key(phrase)] = (entry["unit"], entry["offset"])
        ago = data.get("ago", {})
        words = TimeWords(
            months={_key(k): int(v) for k, v in data["months"].items()},
            weekdays={_key(k): int(v) for k, v in data["weekdays"].items()},
            direction={_key(k): int(v) for k, v in data.get("direction", {}).items()},
            introducers={_key(k): str(v) for k, v in data.get("introducers", {}).items()},
            relative=relative,
            ago_markers={_key(k): str(v) for k, v in ago.get("markers", {}).items()},
            ago_units={_key(k): str(v) for k, v in ago.get("units", {}).items()},
            numbers={_key(k): int(v) for k, v in ago.get("numbers", {}).items()},
            habitual=tuple(_key(w) for w in data.get("habitual", {}).get("words", [])),
        )
    except (OSError, ValueError, KeyError, TypeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}; fix the time table") from None
    checks = [(words.months, range(1, 13), "month"), (words.weekdays, range(1, 8), "weekday")]
    for table, allowed, what in checks:
        for name, number in table.items():
            if number not in allowed:
                raise ConfigError(f"{path}: {what} {name!r} = {number} is out of range")
    for table in (words.introducers, words.ago_markers):
        for name, relation in table.items():
            if relation not in RELATIONS:
                raise ConfigError(f"{path}: {name!r} = {relation!r}: give one of \"\", \"since\", \"until\"")
    if not set(words.ago_units.values()) <= set(UNITS):
        raise ConfigError(f"{path}: [ago.units] values must be one of {', '.join(UNITS)}")
    return words


def _phrase(text: str) -> str:
    """A regex for a phrase of the tables: any case (the pattern is compiled so), either apostrophe, any spaces."""
    parts = []
    for char in text:
        if char == "'":
            parts.append("['’]")
        elif char == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _alternation(names) -> str:
    return "(?:" + "|".join(_phrase(n) for n in sorted(names, key=len, reverse=True)) + ")"


def _introducer(names) -> str:
    """Introducers with what separates them from the next word: nothing after "mi-" or "jusqu'", a space else."""
    alternatives = []
    for name in sorted(names, key=len, reverse=True):
        alternatives.append(_phrase(name) + ("" if name.endswith(("-", "'")) else r"\s+"))
    return "(?:" + "|".join(alternatives) + ")"


@functools.cache
def _patterns(lang: str) -> list[tuple[str, re.Pattern]] | None:
    words = time_words(lang)
    if words is None:
        return None
    month, weekday = _alternation(words.months), _alternation(words.weekdays)
    direction, intro = _alternation(words.direction), _introducer(words.introducers)
    number = rf"(?:[0-9]{{1,3}}|{_alternation(words.numbers)})"
    found = [
        # "le 26 février 2024", "mardi 14 mai", "depuis le 1er mars"
        ("day_month", rf"(?:(?P<intro>{intro}))?(?:(?:le|du|ce)\s+)?(?:(?P<weekday>{weekday})\s+)?"
                      rf"(?P<day>{_DAY})\s+(?P<month>{month})(?:\s+(?P<year>{_YEAR}))?"),
        # 26/02/2024, 26.02.2024, 2024-02-26
        ("numeric", r"(?<![0-9.,/])(?P<day>[0-9]{1,2})[/.](?P<month>[0-9]{1,2})[/.](?P<year>[0-9]{4})"
                    r"(?![0-9]|[.,/][0-9])"),
        ("iso", r"(?<![0-9.,/-])(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9])"),
        # "en février 2024", "depuis janvier", "février dernier"
        ("month", rf"(?:(?P<intro>{intro}))?(?P<month>{month})"
                  rf"(?:\s+(?P<year>{_YEAR})|\s+(?P<direction>{direction}))?"),
        # "en 2023", "fin 2023", "depuis 2019"
        ("year", rf"(?P<intro>{intro})(?P<year>{_YEAR})(?![0-9]|[.,][0-9])"),
        # "il y a deux ans", "depuis trois mois"
        ("ago", rf"(?P<marker>{_alternation(words.ago_markers)})\s+(?P<count>{number})"
                rf"\s+(?P<unit>{_alternation(words.ago_units)})"),
        # "hier", "la semaine dernière"
        ("relative", rf"(?P<phrase>{_alternation(words.relative)})"),
        # "lundi", "ce mardi", "jeudi prochain"
        ("weekday", rf"(?:ce\s+)?(?P<weekday>{weekday})(?:\s+(?P<direction>{direction}))?"),
    ]
    return [(kind, re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)) for kind, pattern in found]


@functools.cache
def _gates(lang: str) -> dict[str, tuple[str, ...]]:
    """For each pattern kind, words one of which every match contains (case-folded): a sentence with none of
    them is not searched with that pattern. Most sentences name no month, weekday or relative time, and
    searching them costs a pass of the regex engine per pattern. A kind without gate words is always searched."""
    words = time_words(lang)
    months, weekdays = _cores(words.months), _cores(words.weekdays)
    return {"day_month": months, "month": months, "weekday": weekdays, "relative": _cores(words.relative),
            "ago": _cores(words.ago_markers), "numeric": _DIGITS, "iso": _DIGITS, "year": _DIGITS}


_DIGITS = tuple("0123456789")


def _cores(phrases) -> tuple[str, ...]:
    """The longest run of letters or digits of each phrase, case-folded: a match of the phrase's pattern
    (:func:`_phrase`, any case) contains it. A core that contains a shorter one is left out ("sept" is enough
    for "septembre")."""
    cores = {max(re.findall(r"\w+", phrase.casefold()), key=len, default="") for phrase in phrases}
    if "" in cores:
        return ()  # a phrase with no letter at all: no gate
    return tuple(sorted(core for core in cores if not any(other != core and other in core for other in cores)))


def find_times(text: str, lang: str = "fr") -> list[Timex]:
    """The temporal expressions of ``text``, in text order, none overlapping (the longest wins)."""
    return list(_find_times(text, lang))


@functools.lru_cache(maxsize=512)
def _find_times(text: str, lang: str) -> tuple[Timex, ...]:
    patterns = _patterns(lang)
    if not patterns:
        return ()
    words, gates, folded = time_words(lang), _gates(lang), text.casefold()
    candidates = []
    for kind, pattern in patterns:
        gate = gates.get(kind)
        if gate and not any(word in folded for word in gate):
            continue
        for match in pattern.finditer(text):
            timex = _read(kind, match, words)
            if timex is not None and not (timex.year is None and _habitual(text[:timex.start], words)):
                candidates.append(timex)
    candidates.sort(key=lambda t: (t.start, -(t.end - t.start)))
    chosen, end = [], -1
    for timex in candidates:
        if timex.start >= end:
            chosen.append(timex)
            end = timex.end
    return tuple(chosen)


def _read(kind: str, match: re.Match, words: TimeWords) -> Timex | None:
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    fields: dict = {}
    intro = _key(groups.get("intro", ""))
    relation = words.introducers.get(intro, "")
    if kind in ("day_month", "numeric", "iso", "month"):
        month = groups["month"]
        fields["month"] = int(month) if month.isdigit() else words.months[_key(month)]
        if "day" in groups:
            fields["day"] = 1 if groups["day"].lower() == "1er" else int(groups["day"])
        if "year" in groups:
            fields["year"] = int(groups["year"])
        if "direction" in groups:
            fields["shift"] = words.direction[_key(groups["direction"])]
        if "weekday" in groups:  # "mardi 14 mai": the weekday tells the year
            fields["weekday"] = words.weekdays[_key(groups["weekday"])]
        if kind == "month" and not (intro or "year" in groups or "direction" in groups):
            return None  # a month name alone ("Mars", "mai") is no date
        if "day" in fields and not _valid_day(fields.get("year", 2024), fields["month"], fields["day"]):
            return None  # 31/02/2024, 2024-13-01
    elif kind == "year":
        fields["year"] = int(groups["year"])
    elif kind == "ago":
        count = groups["count"]
        number = int(count) if count.isdigit() else words.numbers[_key(count)]
        fields["unit"] = words.ago_units[_key(groups["unit"])]
        fields["offset"] = -number
        relation = words.ago_markers[_key(groups["marker"])]
    elif kind == "relative":
        fields["unit"], fields["offset"] = words.relative[_key(groups["phrase"])]
    elif kind == "weekday":
        fields["weekday"] = words.weekdays[_key(groups["weekday"])]
        if "direction" in groups:
            fields["shift"] = words.direction[_key(groups["direction"])]
    return Timex(start=match.start(), end=match.end(), text=match.group(0), relation=relation, **fields)


def _habitual(before: str, words: TimeWords) -> bool:
    """Is the expression after ``before`` a habit ("chaque lundi")?"""
    tail = _key(before[-30:])
    return any(tail == word or tail.endswith(" " + word) for word in words.habitual)


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def parse_date(value: str | None) -> datetime.date | None:
    """An article's ``YYYY-MM-DD`` date as a ``datetime.date``; None when missing or malformed."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def resolve(timex: Timex, article_date: str | datetime.date | None, *, expected: bool = False) -> str | None:
    """The ISO 8601 value of ``timex``: ``2024-02-26``, ``2024-02``, ``2024`` or ``2024-W08``.

    Relative expressions are read against ``article_date`` and give None without it. A weekday alone is the
    last such day on or before the article's date, or, when the fact is ``expected``, the next one on or after
    it; a day or month without a year is the nearest one ("depuis" looks back, "jusqu'en" forward).
    """
    if timex.year is not None:
        if timex.month is None:
            return f"{timex.year:04d}"
        if timex.day is None:
            return f"{timex.year:04d}-{timex.month:02d}"
        return datetime.date(timex.year, timex.month, timex.day).isoformat()
    today = article_date if isinstance(article_date, datetime.date) else parse_date(article_date)
    if today is None:
        return None
    if timex.unit is not None:
        return _shifted(today, timex.unit, timex.offset)
    if timex.month is not None:
        if timex.day is not None:
            return _nearest_day(today, timex.month, timex.day, timex.relation, timex.weekday)
        return _nearest_month(today, timex.month, timex.shift, timex.relation)
    if timex.weekday is not None:
        return _weekday(today, timex.weekday, timex.shift, expected).isoformat()
    return None  # pragma: no cover - every Timex is one of the above


def _shifted(today: datetime.date, unit: str, offset: int) -> str:
    if unit == "day":
        return (today + datetime.timedelta(days=offset)).isoformat()
    if unit == "week":
        year, week, _ = (today + datetime.timedelta(weeks=offset)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        index = today.year * 12 + today.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{today.year + offset:04d}"


def _weekday(today: datetime.date, weekday: int, shift: int, expected: bool) -> datetime.date:
    back = (today.isoweekday() - weekday) % 7  # days back to the last such day, 0 if today
    forward = (weekday - today.isoweekday()) % 7
    if shift < 0:
        return today - datetime.timedelta(days=back or 7)
    if shift > 0:
        return today + datetime.timedelta(days=forward or 7)
    return today + datetime.timedelta(days=forward) if expected else today - datetime.timedelta(days=back)


def _nearest_day(today: datetime.date, month: int, day: int, relation: str, weekday: int | None) -> str | None:
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        if _valid_day(year, month, day):
            candidates.append(datetime.date(year, month, day))
    if weekday is not None and any(c.isoweekday() == weekday for c in candidates):
        candidates = [c for c in candidates if c.isoweekday() == weekday]
    if relation == "since":
        candidates = [c for c in candidates if c <= today]
    elif relation == "until":
        candidates = [c for c in candidates if c >= today]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - today).days), c > today)).isoformat()


def _nearest_month(today: datetime.date, month: int, shift: int, relation: str) -> str:
    now = today.year * 12 + today.month - 1
    candidates = [(year * 12 + month - 1) for year in (today.year - 1, today.year, today.year + 1)]
    if shift < 0:
        candidates = [c for c in candidates if c < now]
    elif shift > 0:
        candidates = [c for c in candidates if c > now]
    elif relation == "since":
        candidates = [c for c in candidates if c <= now]
    elif relation == "until":
        candidates = [c for c in candidates if c >= now]
    best = min(candidates, key=lambda c: (abs(c - now), c > now))
    return f"{best // 12:04d}-{best % 12 + 1:02d}"
