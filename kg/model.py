"""The small frozen records passed between pipeline stages.

``Article`` (readers) → ``Mention`` and ``Relation`` (extract) → ``Entity`` and ``Fact`` (resolve) → RDF.
Offsets are character offsets into ``Article.text``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field


def normalise_text(text: str) -> str:
    """The form of an article's text that its identity is computed on (NFC, unified line ends, trimmed)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def article_id(text: str) -> str:
    """The identity of an article: the SHA-256 of its normalised text (first 16 hex digits)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article. ``text`` is already normalised; ``source`` says where it came from
    (a path, ``path:line`` for JSONL, or ``<stdin>``) and identifies it across edits."""

    text: str
    source: str
    title: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD) when known
    url: str | None = None
    lang: str = "fr"
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.text))


@dataclass(frozen=True)
class Mention:
    """A span of the article that names or refers to a thing."""

    start: int
    end: int
    text: str
    type: str  # ontology class local name: Organization, Person, Place, Product, Law, Role, Money, Thing
    kind: str = "name"  # name | description | pronoun


@dataclass(frozen=True)
class Qualifiers:
    """What a fact's sentence says about it besides its three parts."""

    modality: str = "asserted"  # asserted | reported | expected | negated
    attribution: str | None = None  # who said it
    amount: float | None = None
    currency: str | None = None
    time: str | None = None  # ISO 8601: 2024-02-26, 2024-02, 2024 or 2024-W08; None when not resolved
    time_text: str | None = None  # the time expression as written ("la semaine dernière"), resolved or not
    time_relation: str | None = None  # "since" ("depuis janvier") or "until" ("d'ici 2030"); None: at that time


@dataclass(frozen=True)
class Relation:
    """A relation found between two mentions in one sentence, before entity resolution."""

    subject: Mention
    predicate: str  # ontology property local name, e.g. investsIn
    object: Mention
    sentence_start: int
    sentence_end: int
    rule: str
    confidence: float
    qualifiers: Qualifiers = Qualifiers()


@dataclass(frozen=True)
class Entity:
    """A resolved real-world thing: ``key`` is the slug its IRI is minted from."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A relation between two resolved entities, with its evidence."""

    subject: Entity
    predicate: str
    object: Entity
    sentence: str
    start: int  # offsets of the evidence sentence in the article
    end: int
    rule: str
    confidence: float
    qualifiers: Qualifiers = Qualifiers()
