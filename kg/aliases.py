"""The alias file: names that are other names of one entity, across articles, as the user says.

Resolution merges name variants *within* an article and folds case, accents and legal suffixes across articles
(``Renault SA`` is ``entity/renault``); what it cannot know, the user writes in a TOML file, one line per
entity: its canonical name, then the other names it goes by.

.. code-block:: toml

    "Mistral AI" = ["Mistral", "Mistral IA", "MistralAI"]
    "Commission européenne" = ["Commission", "Bruxelles"]

At ingest, an entity whose label (the name kg chose for it in that article) is one of these names gets the
canonical name's IRI (``entity/mistral-ai``) and label, its own label kept as an alias. Names are compared as
entity keys are (case, accents, punctuation and legal suffixes folded): ``"mistral ia"`` is ``"Mistral IA"``.

    >>> aliases = parse_aliases('"Mistral AI" = ["Mistral", "Mistral IA"]', source="aliases.toml")
    >>> aliases.canonical("mistral ia"), aliases.canonical("Mistral AI"), aliases.canonical("OpenAI")
    ('Mistral AI', None, None)
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .resolve import canonical_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: The alias file a store directory may hold, used by ``kg ingest`` when no ``--aliases`` is given.
ALIAS_FILE = "aliases.toml"
_EXAMPLE = 'write one line per entity: "Mistral AI" = ["Mistral", "Mistral IA"]'


@dataclass(frozen=True)
class Aliases:
    """Canonical names by the key of each of their other names."""

    source: str | None = None
    names: dict = field(default_factory=dict)  # canonical_key(variant) -> canonical name

    def canonical(self, name: str) -> str | None:
        """The canonical name ``name`` is another name of; None when it is none (or is canonical itself)."""
        return self.names.get(canonical_key(name))

    def __bool__(self) -> bool:
        return bool(self.names)

    def __len__(self) -> int:
        return len(self.names)


def parse_aliases(text: str, *, source: str) -> Aliases:
    """Read alias-file text; ``source`` names it in errors (``ConfigError: <source>: …``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML ({error}); {_EXAMPLE}") from None
    names: dict[str, str] = {}
    canonical_keys: dict[str, str] = {}
    for canonical, variants in data.items():
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise ConfigError(f"{source}: {canonical!r}: expected a list of names, not {_kind(variants)}; {_EXAMPLE}")
        if not any(char.isalnum() for char in canonical):
            raise ConfigError(f"{source}: {canonical!r} is no name; {_EXAMPLE}")
        canonical_keys[canonical_key(canonical)] = canonical
        for variant in variants:
            if not any(char.isalnum() for char in variant):
                raise ConfigError(f"{source}: {canonical!r}: {variant!r} is no name")
            key = canonical_key(variant)
            if key == canonical_key(canonical):
                continue  # the same name written another way: nothing to do
            if key in names and names[key] != canonical:
                raise ConfigError(f"{source}: {variant!r} is given for both {names[key]!r} and {canonical!r}; "
                                  "keep it under one")
            names[key] = canonical
    for key, canonical in names.items():
        if key in canonical_keys and canonical_keys[key] != canonical:
            raise ConfigError(f"{source}: {canonical_keys[key]!r} is a canonical name and also another name of "
                              f"{canonical!r}; list its names under {canonical!r} instead")
    return Aliases(source=source, names=names)


def load_aliases(path: str | os.PathLike) -> Aliases:
    """Read the alias file at ``path`` (``ConfigError`` naming it when it is missing or wrong)."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such alias file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save the alias file as UTF-8") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror or error})") from None
    return parse_aliases(text, source=str(path))


def store_aliases_path(store) -> Path | None:
    """The alias file kept in an embedded store's directory (``aliases.toml``), if there is one."""
    folder = getattr(store, "path", None)
    if folder is None:
        return None
    path = Path(folder) / ALIAS_FILE
    return path if path.is_file() else None


def _kind(value) -> str:
    kinds = {dict: "a table", int: "a number", float: "a number", bool: "a boolean"}
    return kinds.get(type(value), type(value).__name__)
