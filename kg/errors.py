"""Errors raised by the kg library.

Every error the library raises on purpose is a :class:`KGError`; the CLI turns one into a single
``Error: …`` line and exit status 1. The message names the file or store concerned and says what to do.

    KGError
     ├── InputError        an article file or stream cannot be read (empty, binary, undecodable, too big)
     ├── StoreError        the store is missing, in use, not a kg store, or cannot be written
     ├── QueryError        a SPARQL query is malformed or refused (SERVICE, LOAD, nesting too deep)
     ├── EntityError       an entity name matches no entity or several, or no chain of facts joins two
     └── ConfigError       an option, ontology or lexicon file is wrong
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input file or stream cannot be turned into articles."""

    def __init__(self, source: str, message: str):
        self.source = source
        super().__init__(f"{source}: {message}")


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query is malformed or refused."""


class EntityError(KGError):
    """An entity name matches no entity (or several), or two entities are not connected."""


class ConfigError(KGError):
    """An option, the ontology or the lexicon is wrong."""
