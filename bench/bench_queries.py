"""Benchmark kg's saved SPARQL queries on a synthetic graph: our embedded Oxigraph store against rdflib.

It generates a news-like graph of N facts (default one million) in kg's data model — synthetic
``Article``/``Entity``/``Fact`` records turned into quads by ``kg.rdf.to_quads``, one named graph per article,
~16 quads per fact — loads it into an embedded Oxigraph store (``kg.open_store`` on a ``bulk_load``-ed
directory) and into rdflib's in-memory ``Dataset`` (``default_union=True``), then times the same saved queries
with the same bound values on both, in the same run:

- entity profile  (``kg/queries/entity.rq``, name = "Mistral AI", an entity of median-high popularity)
- investments     (``kg/queries/investments.rq``, every investsIn / acquiresStakeIn statement)
- 2-hop neighbourhood (``kg/queries/neighbors.rq``, name = "Mistral AI")
- counts by relation  (``kg/queries/relations.rq``)

    python bench/bench_queries.py                  # 1,000,000 facts
    python bench/bench_queries.py --facts 100000   # smaller

rdflib keeps every quad in Python objects; the script measures its memory while loading and, if the whole graph
would not fit in ``--rdflib-max-gb`` (default 10), loads only the first articles that fit and says so in the
output. Its timings are then on a smaller graph than ours, which favours rdflib.

Both sides run a query after its text has been parsed once (kg caches its rdflib syntax check; rdflib runs a
``prepareQuery`` result) and fully read every row. Ours: median of up to ``--repeat`` runs after one warm-up
run (fewer once 30 s are spent). rdflib: the median of up to 3 runs, a single run when one takes longer than
10 s, and a run still going after its time limit is stopped and printed as ``>`` that time. The limit is
``--rdflib-timeout`` seconds, or by default, per query, the longer of 60 s and 25 times our time: long enough that
a stopped run still shows the 20× target with a margin, without waiting hours for rdflib.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kg  # noqa: E402
from kg.model import Article, Entity, Fact, Qualifiers  # noqa: E402
from kg.query import PROLOGUE, parse_query, saved_query  # noqa: E402
from kg.rdf import to_quads  # noqa: E402
from kg.store import FORMAT, MARKER  # noqa: E402
from kg.vocab import ENTITY  # noqa: E402

TYPES = [("Organization", 0.40), ("Person", 0.30), ("Place", 0.09), ("Product", 0.08), ("Authority", 0.04),
         ("Role", 0.06), ("Law", 0.03)]
# relation: (subject type, object type, weight, French verb)
RELATIONS = {
    "investsIn": ("Organization", "Organization", 8, "investit dans"),
    "partnersWith": ("Organization", "Organization", 10, "s'allie à"),
    "acquires": ("Organization", "Organization", 4, "rachète"),
    "acquiresStakeIn": ("Organization", "Organization", 3, "prend une participation dans"),
    "subsidiaryOf": ("Organization", "Organization", 2, "est une filiale de"),
    "competesWith": ("Organization", "Organization", 6, "concurrence"),
    "develops": ("Organization", "Product", 5, "développe"),
    "basedIn": ("Organization", "Place", 4, "est installé à"),
    "lobbiesAgainst": ("Organization", "Law", 2, "fait pression contre"),
    "worksFor": ("Person", "Organization", 8, "travaille pour"),
    "leads": ("Person", "Organization", 6, "dirige"),
    "holdsPosition": ("Person", "Role", 10, "est nommé"),
    "founded": ("Person", "Organization", 3, "a fondé"),
    "bornIn": ("Person", "Place", 2, "est né à"),
    "succeeds": ("Person", "Person", 2, "succède à"),
    "criticizes": ("Person", "Organization", 3, "critique"),
    "supports": ("Person", "Person", 2, "soutient"),
    "investigates": ("Authority", "Organization", 3, "enquête sur"),
    "sanctions": ("Authority", "Organization", 2, "sanctionne"),
    "regulates": ("Authority", "Organization", 1, "régule"),
}
SYLLABLES = "ka lo mi ra ven tis ar no pel qua dri sol fen zor bel tec".split()
FIRST = "Marie Jean Pierre Sophie Luc Claire Paul Anne Louis Camille Hugo Léa Nicolas Julie Thomas Inès".split()
SUFFIX = {"Organization": ["Technologies", "Groupe", "SA", "Capital", "Énergie", "Assurances"],
          "Place": ["-sur-Mer", "-les-Bains", "-la-Ville"], "Product": ["Pro", "One", "Max"],
          "Authority": ["Autorité", "Commission", "Agence"], "Law": ["Loi", "Règlement"],
          "Role": ["directeur", "présidente", "directrice financière"]}
PLANTED = {  # entities the queries ask about: (type, popularity rank in its type, aliases)
    "Microsoft": ("Organization", 3, ()),
    "Mistral AI": ("Organization", 1000, ("Mistral IA", "Mistral")),
}
PROFILED = "Mistral AI"


def _word(index: int) -> str:
    """A unique pronounceable word for ``index`` (its base-16 digits as syllables)."""
    syllables = []
    while True:
        syllables.append(SYLLABLES[index % 16])
        index //= 16
        if not index:
            break
    return "".join(syllables).capitalize()


class EntityPool:
    """Entities of every type, drawn with a skewed popularity (a few hubs, a long tail)."""

    def __init__(self, n_entities: int, rng: random.Random):
        self.rng = rng
        self.by_type: dict[str, list[Entity]] = {}
        serial = 0
        for entity_type, share in TYPES:
            pool = []
            for rank in range(max(50, int(n_entities * share))):
                serial += 1
                word = _word(serial)
                if entity_type == "Person":
                    label = f"{FIRST[serial % len(FIRST)]} {word}"
                elif entity_type == "Role":
                    label = f"{SUFFIX['Role'][serial % 3]} {word.lower()}"
                else:
                    label = f"{word} {SUFFIX[entity_type][serial % len(SUFFIX[entity_type])]}"
                aliases = (word,) if entity_type == "Organization" and rng.random() < 0.2 else ()
                pool.append(Entity(key=f"e{serial}", label=label, type=entity_type, aliases=aliases))
            self.by_type[entity_type] = pool
        for label, (entity_type, rank, aliases) in PLANTED.items():
            key = label.lower().replace(" ", "-")
            pool = self.by_type[entity_type]
            pool[min(rank, len(pool) // 4)] = Entity(key=key, label=label, type=entity_type, aliases=aliases)

    def draw(self, entity_type: str) -> Entity:
        pool = self.by_type[entity_type]
        return pool[int(len(pool) * self.rng.random() ** 2)]  # rank r drawn with density ~ 1/sqrt(r)


def synthetic_articles(n_facts: int, *, seed: int = 5):
    """Yield ``(article, entities, facts)`` until ``n_facts`` facts, 1–9 facts per article."""
    rng = random.Random(seed)
    pool = EntityPool(max(1000, n_facts // 5), rng)
    names, weights = zip(*((name, spec[2]) for name, spec in RELATIONS.items()))
    made = serial = 0
    while made < n_facts:
        serial += 1
        count = min(n_facts - made, rng.randint(1, 9))
        facts, entities, offset, sentences = [], {}, 0, []
        for _ in range(count):
            predicate = rng.choices(names, weights)[0]
            subject_type, object_type, _, verb = RELATIONS[predicate]
            subject, object_ = pool.draw(subject_type), pool.draw(object_type)
            if subject == object_:
                object_ = pool.by_type[object_type][rng.randrange(len(pool.by_type[object_type]))]
            modality = rng.choices(["asserted", "reported", "expected", "negated"], [75, 12, 8, 5])[0]
            amount = (round(rng.uniform(1, 900), 1) * 1e6 if predicate in {"investsIn", "acquires", "sanctions"}
                      and rng.random() < 0.5 else None)
            sentence = (f"Selon nos informations, {subject.label} {verb} {object_.label}"
                        f"{f' pour {amount / 1e6:.1f} millions d’euros' if amount else ''}, "
                        f"une décision suivie de près par le secteur (dépêche {serial}).")
            qualifiers = Qualifiers(modality=modality, amount=amount, currency="EUR" if amount else None,
                                    attribution="l'AFP" if modality == "reported" else None)
            facts.append(Fact(subject=subject, predicate=predicate, object=object_, sentence=sentence,
                              start=offset, end=offset + len(sentence), rule=f"synthetic:{predicate}",
                              confidence=round(rng.uniform(0.4, 0.95), 2), qualifiers=qualifiers))
            entities[subject.key], entities[object_.key] = subject, object_
            offset += len(sentence) + 1
            sentences.append(sentence)
        text = "\n".join(sentences)
        article = Article(text=text, source=f"synthetic/{serial:07d}.txt", title=f"Dépêche {serial}",
                          date=f"2024-{serial % 12 + 1:02d}-{serial % 28 + 1:02d}",
                          id=hashlib.sha256(text.encode()).hexdigest()[:16])
        yield article, list(entities.values()), facts
        made += count


def write_nquads(path: Path, n_facts: int) -> tuple[int, int]:
    """The synthetic graph as an N-Quads file; returns (articles, quads)."""
    counts = {"articles": 0, "quads": 0}

    def quads():
        for article, entities, facts in synthetic_articles(n_facts):
            counts["articles"] += 1
            for quad in to_quads(article, entities, facts):
                counts["quads"] += 1
                yield quad

    with path.open("wb") as handle:
        ox.serialize(quads(), handle, format=ox.RdfFormat.N_QUADS)
    return counts["articles"], counts["quads"]


def load_oxigraph(nquads: Path, location: Path) -> None:
    """A kg store directory holding the file (bulk load: not transactional, fine for a benchmark)."""
    store = ox.Store(str(location))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store
    (location / MARKER).write_text(json.dumps(FORMAT) + "\n", encoding="utf-8")


def rss_gb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


def load_rdflib(nquads: Path, *, max_facts: int, max_gb: float):
    """An rdflib ``Dataset`` with the file's articles, stopping at ``max_facts`` facts or ``max_gb`` of
    memory, at an article boundary. Returns (dataset, facts loaded, quads loaded, why it stopped or None)."""
    from rdflib import Dataset, Literal, URIRef

    dataset = Dataset(default_union=True)
    start_rss = rss_gb()
    assertion = ox.NamedNode("https://w3id.org/kgnews/ontology#Assertion")
    xsd_string = "http://www.w3.org/2001/XMLSchema#string"
    iris: dict[str, URIRef] = {}
    graphs: dict = {}

    def term(value):
        if isinstance(value, ox.NamedNode):
            found = iris.get(value.value)
            if found is None:
                found = iris[value.value] = URIRef(value.value)
            return found
        if value.language:
            return Literal(value.value, lang=value.language)
        datatype = value.datatype.value
        return Literal(value.value) if datatype == xsd_string else Literal(value.value, datatype=URIRef(datatype))

    facts = quads = 0
    batch, current, stopped = [], None, None
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        if quad.graph_name != current:  # an article boundary: flush, then check the limits
            dataset.addN(batch)
            batch = []
            current = quad.graph_name
            if facts >= max_facts:
                stopped = f"{max_facts:,} facts asked"
                break
            if len(graphs) % 500 == 0 and rss_gb() - start_rss > max_gb:
                stopped = f"memory budget of {max_gb:g} GB reached"
                break
            graph = graphs.get(current.value)
            if graph is None:
                graph = graphs[current.value] = dataset.graph(URIRef(current.value))
        if quad.object == assertion:
            facts += 1
        batch.append((term(quad.subject), term(quad.predicate), term(quad.object), graph))
        quads += 1
    else:
        dataset.addN(batch)
    return dataset, facts, quads, stopped


QUERIES = [  # (label, saved query, bindings)
    ("entity profile", "entity", {"name": PROFILED}),
    ("investments", "investments", {}),
    ("2-hop neighbourhood", "neighbors", {"name": PROFILED}),
    ("counts by relation", "relations", {}),
]


def time_ours(store, sparql: str, bindings: dict, repeat: int) -> tuple[float, int, int]:
    """Median ms of up to ``repeat`` runs after a warm-up run (fewer once 30 s are spent), through
    ``kg.rows`` (checked query, plain dicts); rows; runs."""
    count = sum(1 for _ in kg.rows(store, sparql, bindings=bindings))
    times = []
    while len(times) < repeat and sum(times) < 30_000:
        start = time.perf_counter()
        count = sum(1 for _ in kg.rows(store, sparql, bindings=bindings))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), count, len(times)


class Timeout(Exception):
    pass


#: Unless --rdflib-timeout says otherwise, an rdflib run is stopped after the longer of MIN_CAP seconds and
#: CAP_RATIO times our time: a run stopped then still shows the ≥ 20× target, with a margin.
MIN_CAP = 60
CAP_RATIO = 25


def _alarm(signum, frame):
    raise Timeout()


def time_rdflib(dataset, sparql: str, bindings: dict, cap: int) -> tuple[float | None, int, int]:
    """Median ms of up to 3 runs of a prepared query (1 run when one takes over 10 s), or ``None`` when a
    run is stopped after ``cap`` seconds (rdflib is pure Python: SIGALRM interrupts it); rows; runs."""
    from rdflib import Literal
    from rdflib.plugins.sparql import prepareQuery

    prepared = prepareQuery(PROLOGUE + sparql)
    init = {name: Literal(value) for name, value in bindings.items()}
    times, count = [], 0
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for _ in range(3):
            start = time.perf_counter()
            signal.alarm(cap)
            try:
                count = sum(1 for _ in dataset.query(prepared, initBindings=init))
            except Timeout:
                return None, 0, len(times) + 1
            finally:
                signal.alarm(0)
            times.append((time.perf_counter() - start) * 1000)
            if times[-1] > 10_000:
                break
    finally:
        signal.signal(signal.SIGALRM, previous)
    return statistics.median(times), count, len(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=1_000_000, help="facts in the synthetic graph")
    parser.add_argument("--rdflib-facts", type=int, default=None, help="facts given to rdflib (default: all)")
    parser.add_argument("--rdflib-max-gb", type=float, default=10.0, help="rdflib's memory budget")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query on our store")
    parser.add_argument("--rdflib-timeout", type=int, default=None,
                        help="seconds before an rdflib run is stopped (default: per query, the longer of "
                             f"{MIN_CAP} s and {CAP_RATIO}x our time, so that a stopped run still shows the 20x "
                             "target with a margin)")
    parser.add_argument("--skip-rdflib", action="store_true",
                        help="time our store only (no rdflib load, no ratios): a quick re-check of our times")
    parser.add_argument("--workdir", default=None, help="where to write the N-Quads file and the store")
    parser.add_argument("--keep", metavar="DIR", default=None,
                        help="keep the generated graph and store in DIR and reuse them on the next run with the "
                             "same --facts (generating and loading a million facts takes ~10 min)")
    args = parser.parse_args(argv)

    with contextlib.ExitStack() as stack:
        if args.keep:
            work = Path(args.keep) / f"facts-{args.facts}"
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(dir=args.workdir, prefix="kg-bench-")))
        run_benchmark(args, work)


def run_benchmark(args, work: Path) -> None:
    nquads, location = work / "graph.nq", work / "store"
    done = work / "complete"
    if done.exists():
        print(f"synthetic graph and store of {args.facts:,} facts reused from {work}")
    else:
        start = time.perf_counter()
        articles, quads = write_nquads(nquads, args.facts)
        print(f"synthetic graph: {args.facts:,} facts, {articles:,} articles, {quads:,} quads "
              f"({time.perf_counter() - start:.0f} s to generate)")
        start = time.perf_counter()
        shutil.rmtree(location, ignore_errors=True)
        load_oxigraph(nquads, location)
        print(f"kg store (Oxigraph, bulk load): {time.perf_counter() - start:.0f} s")
        done.write_text("ok\n", encoding="utf-8")
    ours = {}
    with kg.open_store(location) as store:
        degree = next(kg.rows(store, "SELECT ?e (COUNT(*) AS ?n) WHERE { ?f a kg:Assertion . "
                                     "{ ?f kg:subject ?e } UNION { ?f kg:object ?e } } GROUP BY ?e",
                              bindings={"e": ox.NamedNode(f"{ENTITY}mistral-ai")}))
        print(f"profiled entity: {PROFILED!r}, in {degree['n']:,} facts")
        for label, name, bindings in QUERIES:
            sparql = saved_query(name)
            first = time.perf_counter()
            parse_query.cache_clear()
            parse_query(sparql)
            parse_ms = (time.perf_counter() - first) * 1000
            ours[label] = (*time_ours(store, sparql, bindings, args.repeat), parse_ms)

    if args.skip_rdflib:
        print()
        print(f"{'query':<22} {'rows ours':>10} {'ours ms':>10}   (rdflib skipped: no ratios in this run)")
        for label, _, _ in QUERIES:
            ours_ms, ours_rows, ours_runs, _ = ours[label]
            print(f"{label:<22} {ours_rows:>10,} {ours_ms:>10.1f}   (median of {ours_runs} runs)")
        return
    limit = args.rdflib_facts or args.facts
    start = time.perf_counter()
    dataset, rdflib_facts, rdflib_quads, stopped = load_rdflib(nquads, max_facts=limit, max_gb=args.rdflib_max_gb)
    print(f"rdflib Dataset (in memory): {rdflib_facts:,} facts, {rdflib_quads:,} quads, "
          f"{time.perf_counter() - start:.0f} s to load, process RSS {rss_gb():.1f} GB")
    if rdflib_facts < args.facts:
        reason = f" ({stopped})" if stopped else ""
        print(f"NOTE: rdflib holds a SLICE of {rdflib_facts:,} of the {args.facts:,} facts{reason}; its times "
              f"below are on that smaller graph, ours on the whole graph.")
    print()
    print(f"{'query':<22} {'rows ours':>10} {'rows rdflib':>12} {'ours ms':>10} {'rdflib ms':>11} {'ratio':>8}")
    for label, name, bindings in QUERIES:
        ours_ms, ours_rows, ours_runs, parse_ms = ours[label]
        cap = args.rdflib_timeout or max(MIN_CAP, math.ceil(CAP_RATIO * ours_ms / 1000))
        rdflib_ms, rdflib_rows, runs = time_rdflib(dataset, saved_query(name), bindings, cap)
        note = f"  (ours: {ours_runs} runs; rdflib: {runs} run{'s' if runs > 1 else ''})"
        if rdflib_ms is None:
            print(f"{label:<22} {ours_rows:>10,} {'-':>12} {ours_ms:>10.1f} {'>' + format(cap * 1000, ','):>11} "
                  f"{'>' + format(cap * 1000 / ours_ms, '.0f'):>7}×{note}, rdflib stopped after {cap:,} s")
        else:
            print(f"{label:<22} {ours_rows:>10,} {rdflib_rows:>12,} {ours_ms:>10.1f} {rdflib_ms:>11.1f} "
                  f"{rdflib_ms / ours_ms:>7.0f}×{note}")
    print()
    print("ours: median of up to {} runs through kg.rows after a warm-up; kg's rdflib syntax check of each "
          "query ran once before ({}) and is cached.".format(
              args.repeat, ", ".join(f"{label} {ours[label][3]:.0f} ms" for label, _, _ in QUERIES)))
    print("target: ≥ 20× faster on each query; the entity profile well under 100 ms.")


if __name__ == "__main__":
    main()
