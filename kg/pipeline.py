"""The one place where the stages are composed: read → parse → extract → resolve → RDF → store.

Everything streams: articles are read, parsed and written one batch at a time, never all held at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from .errors import InputError, KGError
from .extract import extract
from .model import Article, Fact, Mention, Relation
from .nlp import parse
from .rdf import article_iri, to_quads
from .readers import read_articles
from .resolve import resolve
from .store import EmbeddedStore
from .vocab import KG


@dataclass
class IngestSummary:
    """What one ingest run did."""

    read: int = 0  # articles read
    added: int = 0  # new or changed articles written
    unchanged: int = 0  # articles already in the store with the same text
    replaced: int = 0  # earlier versions of an edited article dropped
    facts: int = 0  # facts written
    rejected: list = field(default_factory=list)  # InputError per rejected file or line

    def line(self) -> str:
        return (f"{self.read} articles read, {self.facts} new facts from {self.added} articles, "
                f"{self.unchanged} unchanged skipped, {len(self.rejected)} rejected")


def extract_facts(doc, article: Article):
    """Mentions and relations of one parsed article, resolved into entities and facts."""
    items = list(extract(doc, article))
    mentions = [item for item in items if isinstance(item, Mention)]
    relations = [item for item in items if isinstance(item, Relation)]
    return resolve(mentions, relations, text=article.text)


def article_quads(doc, article: Article) -> tuple[list[ox.Quad], list[Fact]]:
    """Everything one article contributes to the graph."""
    entities, facts = extract_facts(doc, article)
    return list(to_quads(article, entities, facts)), facts


_SAME_SOURCE = f"SELECT ?graph ?source WHERE {{ GRAPH ?graph {{ ?graph <{KG.source}> ?source }} }}"


def ingest(paths: Iterable[str | os.PathLike], store: EmbeddedStore, *,
           on_error: Callable[[InputError], None] | None = None,
           on_article: Callable[[Article, str], None] | None = None,
           stdin=None, n_process: int = 1) -> IngestSummary:
    """Read, extract and store every article under ``paths``; returns what was done.

    An article already stored with the same text is skipped; one whose source (path or URL) was stored
    with another text replaces it. Bad files are passed to ``on_error`` (and counted) and the run goes on.
    """
    summary = IngestSummary()

    def rejected(error: InputError) -> None:
        summary.rejected.append(error)
        if on_error is not None:
            on_error(error)

    def fresh() -> Iterator[Article]:
        for article in read_articles(paths, on_error=rejected, stdin=stdin):
            summary.read += 1
            if store.has_graph(article_iri(article.id)):
                summary.unchanged += 1
                if on_article:
                    on_article(article, "unchanged")
                continue
            yield article

    for doc, article in parse(fresh(), n_process=n_process):
        quads, facts = article_quads(doc, article)
        graph = article_iri(article.id)
        previous = []
        if not article.source.startswith("<"):  # "<stdin>" is no identity
            previous = [row["graph"] for row in store.query(_SAME_SOURCE, bindings={"source": ox.Literal(article.source)})]
        store.replace_graph(graph, quads, drop=[g for g in previous if g != graph])
        summary.added += 1
        summary.replaced += len(previous)
        summary.facts += len(facts)
        if on_article:
            on_article(article, "added")
    return summary


def extract_article(article: Article) -> list[Fact]:
    """The facts of one article, without storing them (for the Python API and evaluation)."""
    for doc, parsed in parse([article]):
        return extract_facts(doc, parsed)[1]
    raise KGError("nothing to parse")  # pragma: no cover
