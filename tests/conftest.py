"""Shared fixtures: hand-built spaCy Docs for extractor tests, a real-model store for end-to-end tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import spacy
from hypothesis import configuration as hypothesis_configuration
from hypothesis import settings
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis keeps an example database and caches (Unicode tables, constants) in .hypothesis/ of the working
# directory; tests write only under tmp_path. So: no database, and its folder in pytest's temporary folder,
# set before any test module is collected (strategies such as st.characters() load the Unicode tables at
# import). Hypothesis reads $HYPOTHESIS_STORAGE_DIRECTORY when it first needs the folder; subprocesses
# inherit it.
settings.register_profile("kg", database=None)
settings.load_profile("kg")


@pytest.hookimpl(trylast=True)  # after pytest's own tmp_path set-up
def pytest_configure(config):
    factory = getattr(config, "_tmp_path_factory", None)  # what the tmp_path_factory fixture returns
    base = Path(factory.getbasetemp()) if factory is not None else Path(tempfile.mkdtemp(prefix="kg-tests-"))
    folder = base / "hypothesis"
    folder.mkdir(exist_ok=True)
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = str(folder)
    hypothesis_configuration.set_hypothesis_home_dir(folder)


@pytest.fixture(scope="session")
def vocab():
    return spacy.blank("fr").vocab


def build_doc(vocab, table: str, ents=()) -> Doc:
    """A Doc from a parse table: one token a line, ``word lemma POS dep head [morph]`` (head: 1-based, 0 = root).

    ``ents`` are ``(first, last, label)`` with 1-based token numbers, inclusive.
    """
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    words = [row[0].replace("_", " ") for row in rows]
    lemmas = [row[1] for row in rows]
    pos = [row[2] for row in rows]
    deps = [row[3] for row in rows]
    heads = [int(row[4]) - 1 if int(row[4]) else i for i, row in enumerate(rows)]
    morphs = [row[5] if len(row) > 5 else "" for row in rows]
    spaces = [not (w.endswith("’") or w.endswith("'")) and (i + 1 < len(words) and words[i + 1] not in {",", ".", ")"})
              for i, w in enumerate(words)]
    entities = ["O"] * len(words)
    for first, last, label in ents:
        entities[first - 1] = f"B-{label}"
        for i in range(first, last):
            entities[i] = f"I-{label}"
    doc = Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, deps=deps, heads=heads, morphs=morphs,
              ents=entities, sent_starts=[True] + [None] * (len(words) - 1))
    return doc


@pytest.fixture(scope="session")
def make_doc(vocab):
    return lambda table, ents=(): build_doc(vocab, table, ents)


def relations_in(table: str, ents, make_doc) -> set[tuple]:
    """``(subject, predicate, object, modality)`` of every relation extracted from a hand-built parse table."""
    from kg.extract import extract
    from kg.model import Article, Relation

    doc = make_doc(table, ents)
    return {(r.subject.text, r.predicate, r.object.text, r.qualifiers.modality)
            for r in extract(doc, Article(text=doc.text, source="test")) if isinstance(r, Relation)}
