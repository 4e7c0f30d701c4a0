"""Where an article's ingest time goes: each stage of the pipeline timed in the order ``kg ingest`` runs it.

It generates N articles (default 600) from the sample articles of ``data/articles/`` (``tests/corpus.py``) and
runs read → parse → extract → resolve → RDF → store on each in turn, in this process, printing milliseconds an
article per stage; then the cost of sending an article's quads between processes, as kg sends them (N-Quads,
``Extracted.__reduce__``) and as pickle would send the Quad objects.

    python bench/bench_stages.py                 # 600 articles (~1 min)
    python bench/bench_stages.py --articles 200

The store is written in the caller's thread here (``kg ingest`` writes it in a writer thread, overlapped with
parsing): the ``store`` figure is what that thread takes off the wall clock.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import generate_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=600, help="corpus size (default 600)")
    options = parser.parse_args()

    import kg
    from kg.extract import extract
    from kg.model import Mention, Relation
    from kg.nlp import load, parse
    from kg.pipeline import Extracted
    from kg.rdf import article_iri, to_quads
    from kg.resolve import resolve

    load("fr")
    totals = dict.fromkeys(["read", "parse", "extract", "resolve", "quads", "store"], 0.0)
    sent = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        corpus = Path(folder) / "corpus"
        generate_corpus(corpus, options.articles)
        with kg.open_store(Path(folder) / "store", create=True) as store:

            def articles():
                stream = iter(kg.read_articles([corpus]))
                while True:
                    start = time.perf_counter()
                    article = next(stream, None)
                    totals["read"] += time.perf_counter() - start
                    if article is None:
                        return
                    yield article

            parsed = parse(articles())
            count = 0
            while True:
                start = time.perf_counter()
                item = next(parsed, None)
                after_parse = time.perf_counter()
                totals["parse"] += after_parse - start
                if item is None:
                    break
                doc, article = item
                items = list(extract(doc, article))
                after_extract = time.perf_counter()
                mentions = [i for i in items if isinstance(i, Mention)]
                relations = [i for i in items if isinstance(i, Relation)]
                entities, facts = resolve(mentions, relations, text=article.text)
                after_resolve = time.perf_counter()
                quads = list(to_quads(article, entities, facts))
                after_quads = time.perf_counter()
                store.replace_graph(article_iri(article.id), quads)
                done = time.perf_counter()
                totals["extract"] += after_extract - after_parse
                totals["resolve"] += after_resolve - after_extract
                totals["quads"] += after_quads - after_resolve
                totals["store"] += done - after_quads
                sent.append(Extracted(article, quads, len(facts)))
                count += 1
    totals["parse"] -= totals["read"]  # parse() pulls the articles it reads
    print(f"{count} articles, {sum(len(e.quads) for e in sent) / count:.0f} quads an article")
    print("ms an article: " + ", ".join(f"{name} {seconds / count * 1000:.2f}" for name, seconds in totals.items()))

    def timed(function, items) -> tuple[float, list]:
        start = time.perf_counter()
        results = [function(item) for item in items]
        return (time.perf_counter() - start) / len(items) * 1000, results

    dumps, data = timed(pickle.dumps, sent)
    loads, _ = timed(pickle.loads, data)  # the N-Quads stay as they came: the store loads them (load_new_graph)
    as_quads, _ = timed(lambda item: pickle.loads(item).quads, data)
    plain = [(e.article, list(e.quads), e.facts) for e in sent]
    plain_dumps, plain_data = timed(pickle.dumps, plain)
    plain_loads, _ = timed(pickle.loads, plain_data)
    print(f"between processes, ms an article: N-Quads (kg) write {dumps:.2f} read {loads:.2f} "
          f"(and parsed into Quad objects {as_quads:.2f}); pickled Quad objects write {plain_dumps:.2f} "
          f"read {plain_loads:.2f}")


if __name__ == "__main__":
    main()
