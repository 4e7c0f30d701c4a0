"""kg: turn news articles into a knowledge graph of who did what to whom, with the sentence that proves it.

    >>> import kg
    >>> store = kg.open_store("my-store", create=True)            # doctest: +SKIP
    >>> kg.ingest(["data/articles"], store).line()               # doctest: +SKIP
    '6 articles read, 40 new facts from 6 articles, 0 unchanged skipped, 0 rejected'
    >>> next(kg.facts(store, relation="investsIn"))["object"]    # doctest: +SKIP
    'Mistral AI'
"""

from .analytics import to_networkx
from .errors import ConfigError, EntityError, InputError, KGError, QueryError, StoreError
from .model import Article, Entity, Fact, Mention, Qualifiers, Relation
from .pipeline import IngestSummary, extract_article, ingest
from .query import check_query, facts, rows, run_query
from .readers import read_articles
from .store import EmbeddedStore, default_location, open_store

__version__ = "0.1.0"

__all__ = [
    "Article", "ConfigError", "EmbeddedStore", "Entity", "EntityError", "Fact", "IngestSummary", "InputError", "KGError",
    "Mention", "QueryError", "Qualifiers", "Relation", "StoreError", "check_query", "default_location",
    "extract_article", "facts", "ingest", "open_store", "read_articles", "rows", "run_query",
    "to_networkx",
]
