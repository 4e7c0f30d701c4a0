"""The ``kg`` command: a thin shell over the library. Each command parses options, calls one ``kg``
function, prints. Library errors (``KGError``) become one ``Error: …`` line and exit status 1."""

from __future__ import annotations

import functools
import json
import sys
import time

import click

from . import analytics, pipeline, query as queries
from .errors import KGError
from .store import default_location, open_store

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}


def store_option(command):
    return click.option("--store", "store_path", metavar="DIR", default=None,
                        help=f"Store directory (default: $KG_STORE or {default_location()}).")(command)


def reports_errors(command):
    """Turn a KGError into one `Error: …` line and exit status 1."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KGError as error:
            raise click.ClickException(str(error)) from None
    return wrapper


def safe_cell(value) -> str:
    """A CSV/TSV cell that a spreadsheet will not run as a formula, on one line."""
    text = "" if value is None else str(value)
    text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@click.group()
@click.version_option(package_name="kg")
def main():
    """kg: build a knowledge graph of who did what to whom from news articles.

    \b
    Example:
        kg ingest data/articles
        kg triples --relation investsIn
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--store", "store_path", metavar="DIR|URL", default=None,
              help=f"Store directory, or a SPARQL endpoint http(s)://… (Oxigraph: http://host:7878; others: see "
                   f"kg.remote) (default: $KG_STORE or {default_location()}).")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes parsing and extracting in parallel (the same facts as one).")
@click.option("--dask", "dask_scheduler", metavar="ADDRESS|local", default=None,
              help="Parse and extract on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for "
                   "two worker processes on this machine.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Articles per task sent to a worker (default: 8 with --workers, 50 with --dask).")
@click.option("--aliases", "aliases_path", metavar="FILE", default=None,
              help="Alias file (TOML: \"Mistral AI\" = [\"Mistral\", \"Mistral IA\"]) naming one entity across "
                   "articles (default: aliases.toml in the store directory, if there is one).")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
@reports_errors
def ingest(paths, store_path, workers, dask_scheduler, batch_size, aliases_path, quiet):
    """Read articles (.txt .md .html .jsonl, folders, - for stdin) and add their facts to the store.

    On a terminal, a progress line shows articles done (of the total, when the input is files), the rate,
    the time left and the errors so far; --quiet hides it.

    \b
    Example:
        kg ingest data/articles --store my-graph
        cat article.txt | kg ingest -
        kg ingest corpus/ --workers 2
        kg ingest corpus/ --dask tcp://scheduler:8786 --store http://127.0.0.1:7878
        kg ingest corpus/ --aliases aliases.toml
    """
    from .aliases import load_aliases
    aliases = load_aliases(aliases_path) if aliases_path else None  # a bad alias file: nothing opened nor created
    if dask_scheduler is not None and workers > 1:
        raise click.UsageError("give --workers or --dask, not both (Dask workers are set up on the cluster)")
    show = not quiet and sys.stderr.isatty()
    done = {"count": 0, "errors": 0, "total": pipeline.count_articles(paths) if show else None, "start": None}

    def warn(error):
        done["errors"] += 1
        if show and done["count"]:
            click.echo("\r\x1b[K", err=True, nl=False)  # the error on its own line, not after the counter
        click.echo(f"Error: {error}", err=True)

    def progress(article, status):
        if show:  # a live line on a terminal only; scripts and pipes get just the summary line
            done["count"] += 1
            if done["start"] is None:  # the rate is timed from the first article, once the model is loaded
                done["start"] = time.monotonic()
            click.echo(f"\ringesting: {_progress_text(**done)} ({status}: {article.source[-40:]})\x1b[K",
                       err=True, nl=False)

    with open_store(store_path, create=True) as store:
        summary = pipeline.ingest(paths, store, on_error=warn, on_article=progress, stdin=sys.stdin.buffer,
                                  n_process=workers, dask=dask_scheduler, batch_size=batch_size, aliases=aliases)
    if show and done["count"]:
        click.echo("\r\x1b[K", err=True, nl=False)
    click.echo(summary.line())
    if summary.rejected:
        sys.exit(1)


def _time_text(fact) -> str:
    """A fact's time as `kg triples` shows it: ``2024-02``, ``since 2019``, or the words as written when the
    article's date is unknown (``"la semaine dernière"``)."""
    when = fact.get("time") or f'"{fact["time_text"]}"'
    return f"{fact['time_relation']} {when}" if fact.get("time_relation") else when


def _progress_text(*, count: int, total: int | None, errors: int, start: float) -> str:
    """``12/200 articles, 3.4/s, 0:55 left, 1 error``: the rate over the articles after the first (timed from
    it), no total nor time left when the total is unknown. A file rejected with an error counts as done."""
    elapsed = time.monotonic() - start
    rate = (count - 1) / elapsed if count > 1 and elapsed > 0 else 0.0
    parts = [f"{min(count + errors, total)}/{total} articles" if total else f"{count} articles"]
    if rate:
        parts.append(f"{rate:.1f}/s")
    if total and rate > 0 and total >= count + errors:
        left = int((total - count - errors) / rate)
        parts.append(f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d} left" if left >= 3600
                     else f"{left // 60}:{left % 60:02d} left")
    parts.append(f"{errors} error{'' if errors == 1 else 's'}")
    return ", ".join(parts)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "jsonl"]), default="table", show_default=True)
@click.option("--entity", metavar="NAME", help="Only facts about this entity (name or alias).")
@click.option("--relation", metavar="NAME", help="Only this relation (ontology name, e.g. investsIn).")
@reports_errors
def triples(store_path, fmt, entity, relation):
    """List the facts: subject, relation, object, with confidence and modality.

    \b
    Example:
        kg triples --relation investsIn
        kg triples --entity "Mistral AI" --format jsonl
    """
    with open_store(store_path) as store:
        found = list(queries.facts(store, entity=entity, relation=relation))
    fields = ["subject", "predicate", "object", "subject_type", "object_type", "confidence", "modality",
              "attribution", "amount", "currency", "time", "time_text", "time_relation", "sentence", "start", "end",
              "rule", "article", "source"]
    if fmt == "jsonl":
        for fact in found:
            click.echo(json.dumps({key: fact.get(key) for key in fields}, ensure_ascii=False))
    elif fmt == "tsv":
        click.echo("\t".join(fields))
        for fact in found:
            click.echo("\t".join(safe_cell(fact.get(key)) for key in fields))
    else:
        for fact in found:
            extra = [f"{fact['confidence']:.2f}"]
            if fact["modality"] != "asserted":
                extra.append(fact["modality"])
            if fact["amount"] is not None:
                extra.append(f"{fact['amount']:,.0f} {fact['currency'] or ''}".strip())
            if fact.get("time_text"):
                extra.append(_time_text(fact))
            click.echo(f"{fact['subject']} —{fact['predicate']}→ {fact['object']}  ({', '.join(extra)})")
        click.echo(f"{len(found)} facts", err=True)


@main.command()
@click.argument("sparql", required=False)
@store_option
@click.option("--format", "fmt", type=click.Choice(queries.FORMATS), default="table", show_default=True,
              help="SELECT results; json is SPARQL 1.1 JSON. ASK prints true/false, CONSTRUCT/DESCRIBE Turtle.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help='Bind ?NAME: <iri> is an IRI, 42 an integer, 3.5 a decimal, "42" or any other text a string.')
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and what each answers.")
@reports_errors
def query(sparql, store_path, fmt, params, list_saved):
    """Run SPARQL over all articles: inline text, a .rq file, or a saved query's name (see --list).
    The kg:, entity:, rdfs:, skos:, prov:, dcterms:, xsd: prefixes are predefined; SERVICE is refused.
    Values given with --param are bound as RDF terms, never pasted into the query.

    \b
    Example:
        kg query --list
        kg query investments --format csv
        kg query entity --param name="Mistral AI"
        kg query 'SELECT ?label WHERE { ?e a kg:Person ; rdfs:label ?label }'
        kg query my-query.rq --param name="Mistral AI" --format json
    """
    if list_saved:
        for saved in queries.saved_queries():
            needs = "".join(f" (--param {name})" for name in saved.params)
            click.echo(f"{saved.name:<18} {saved.description}{needs}")
        return
    if sparql is None:
        raise click.UsageError("give a SPARQL query, a .rq file or a saved query name (kg query --list)")
    with open_store(store_path) as store:
        for chunk in queries.execute(store, sparql, params=params, fmt=fmt):
            click.echo(chunk, nl=False)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice([*RDF_FORMATS, "html", "graphml", "gexf"]), required=True)
@click.option("-o", "--output", metavar="FILE", required=True, help="File to write.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True, help="Labels (html).")
@click.option("--focus", metavar="ENTITY", help="html: only the neighbourhood of this entity.")
@click.option("--hops", type=int, default=1, show_default=True, help="html: neighbourhood size with --focus.")
@click.option("--relation", "relations", multiple=True, metavar="NAME", help="html: only these relations.")
@click.option("--min-confidence", type=float, default=0.0, show_default=True, help="html: hide weaker facts.")
@click.option("--max-nodes", type=int, default=None, help="html: keep the most central nodes.")
@click.option("--article", metavar="ID", help="html: only the facts of this article (id or prefix).")
@reports_errors
def export(store_path, fmt, output, lang, focus, hops, relations, min_confidence, max_nodes, article):
    """Write the graph as RDF (ttl, nt, jsonld, trig, nquads), an interactive HTML view, or GraphML/GEXF.

    \b
    Example:
        kg export --format html -o graph.html
        kg export --format trig -o graph.trig
    """
    with open_store(store_path) as store:
        if fmt in RDF_FORMATS:
            from .export import write_rdf
            count = write_rdf(store, output, RDF_FORMATS[fmt])
            click.echo(f"wrote {count} {'quads' if fmt in {'trig', 'nquads'} else 'triples'} to {output}")
            return
        graph = analytics.to_networkx(store)
    from . import viz
    if fmt == "html":
        summary = viz.write_html(graph, output, lang=lang, focus=focus, hops=hops, relations=relations or None,
                                 min_confidence=min_confidence, max_nodes=max_nodes, article=article)
        click.echo(f"wrote {summary['nodes']} entities and {summary['edges']} links to {output}")
    else:
        viz.write_graph_file(graph, output, format=fmt)
        click.echo(f"wrote {graph.number_of_nodes()} entities and {graph.number_of_edges()} facts to {output}")


@main.command()
@store_option
@click.option("--top", type=click.IntRange(0), default=5, show_default=True,
              help="Entities listed by degree and PageRank, and communities shown (0: counts only).")
@reports_errors
def stats(store_path, top):
    """Count articles, entities by type and facts by relation; list the most connected entities (degree,
    PageRank) and the communities of entities that facts tie together (Louvain, seeded: stable).

    \b
    Example:
        kg stats --store my-graph
        kg stats --top 10
    """
    with open_store(store_path) as store:
        counts = analytics.stats(store, top=top)
    click.echo(f"articles: {counts['articles']}")
    click.echo(f"entities: {sum(counts['entities'].values())}")
    for name, count in counts["entities"].items():
        click.echo(f"  {name:<16} {count}")
    click.echo(f"facts: {sum(counts['facts'].values())}")
    for name, count in counts["facts"].items():
        click.echo(f"  {name:<16} {count}")
    if not top:
        return
    click.echo("most connected (facts in or out):")
    for entity in counts["degree"]:
        click.echo(f"  {entity['label'][:40]:<40} {entity['degree']:>5}  {entity['type']}")
    click.echo("highest PageRank:")
    for entity in counts["pagerank"]:
        click.echo(f"  {entity['label'][:40]:<40} {entity['pagerank']:.3f}  {entity['type']}")
    click.echo(f"communities (Louvain): {len(counts['communities'])} of two entities or more")
    for number, group in enumerate(counts["communities"][:top], 1):
        names = ", ".join(entity["label"] for entity in group[:6]) + (", …" if len(group) > 6 else "")
        click.echo(f"  {number}. {names} ({len(group)})")


def _fact_line(fact) -> str:
    extra = [f"{fact['confidence']:.2f}"] if fact.get("confidence") is not None else []
    if fact.get("modality") not in (None, "asserted"):
        extra.append(fact["modality"])
    if fact.get("amount") is not None:
        extra.append(f"{fact['amount']:,.0f} {fact.get('currency') or ''}".strip())
    return f"{fact['subject']} —{fact['predicate']}→ {fact['object']}" + (f"  ({', '.join(extra)})" if extra else "")


@main.command()
@click.argument("entity")
@store_option
@click.option("--hops", type=click.IntRange(1), default=1, show_default=True, help="How many facts away.")
@reports_errors
def neighbors(entity, store_path, hops):
    """List the entities within --hops facts of ENTITY (a name or alias, any case, or an IRI), nearest
    first, each with the facts that link it to the entities one step closer.

    \b
    Example:
        kg neighbors "Mistral AI"
        kg neighbors microsoft --hops 2
    """
    with open_store(store_path) as store:
        found = analytics.neighbors(analytics.to_networkx(store), entity, hops=hops)
    centre = found["entity"]
    click.echo(f"{centre['label']} ({centre['type']}): {len(found['neighbors'])} entities within {hops} "
               f"hop{'s' if hops > 1 else ''}")
    for neighbor in found["neighbors"]:
        click.echo(f"{neighbor['hops']}  {neighbor['label']} ({neighbor['type']})")
        for link in neighbor["links"]:
            times = f"  ×{link['count']}" if link["count"] > 1 else ""
            click.echo(f"     {link['subject']} —{link['predicate']}→ {link['object']}{times}")


@main.command()
@click.argument("start")
@click.argument("end")
@store_option
@reports_errors
def path(start, end, store_path):
    """Print the shortest chain of facts between two entities (names, aliases or IRIs), each fact with the
    sentence that states it. Facts link both ways; each step prints as the article stated it.

    \b
    Example:
        kg path "Mistral AI" OpenAI
    """
    with open_store(store_path) as store:
        steps = analytics.shortest_path(analytics.to_networkx(store), start, end)
    for step in steps:
        others = f"  [+{step['others']} other fact{'s' if step['others'] > 1 else ''}]" if step["others"] else ""
        click.echo(_fact_line(step) + others)
        click.echo(f"    « {' '.join(step['sentence'].split())} »  — {step['article']}")


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but localhost exposes the graph to the network.")
@click.option("--port", type=int, default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=1), default=30, show_default=True, metavar="SECONDS",
              help="The server stops a query running longer than this.")
@reports_errors
def serve(store_path, host, port, timeout):
    """Serve the store read-only over the SPARQL 1.1 Protocol with the Oxigraph server, until Ctrl-C.
    The default graph is the union of all articles. The server serves the store as it was when it
    started: restart it to see articles ingested since.

    \b
    Example:
        kg serve --store my-graph
        curl http://127.0.0.1:7878/query --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3'
    """
    from . import serve as server
    command = server.server_command(store_path, host=host, port=port, timeout=timeout)  # checks before printing
    click.echo(f"serving {command[command.index('--location') + 1]} read-only at {server.endpoint(host, port)} "
               f"(query time limit {timeout:g} s); Ctrl-C to stop", err=True)
    status = server.serve(store_path, host=host, port=port, timeout=timeout)
    if status not in (0, -2, -15, 130, 143):
        raise click.ClickException(f"the Oxigraph server stopped with status {status}")


@main.command(name="merge")
@click.argument("keep")
@click.argument("fold")
@click.option("--reason", required=True, help="Why these are one entity (recorded with the merge).")
@click.option("--by", metavar="NAME", default=None, help="Who makes the merge (default: your user name).")
@store_option
@reports_errors
def merge_command(keep, fold, reason, by, store_path):
    """Merge entity FOLD into entity KEEP (names, aliases or IRIs) in every article: FOLD's facts move onto
    KEEP's IRI and its names become KEEP's aliases. The merge is recorded in the store with its reason, who
    and when (kg merges), applies to articles ingested later, and kg unmerge undoes it exactly.

    \b
    Example:
        kg merge "Mistral AI" "Mistral IA" --reason "same company, French spelling"
        kg merge entity/commission-europeenne Commission --reason "Brussels' executive"
    """
    from . import merge as merging
    with open_store(store_path) as store:
        record = merging.merge(store, keep, fold, reason=reason, by=by)
    click.echo(f"merged {record.merged_names[0] if record.merged_names else record.merged} into {record.kept_name} "
               f"({_short_iri(record.kept)}) in {record.articles} article{'s' if record.articles != 1 else ''}: "
               f"merge {record.id}; undo with: kg unmerge {record.id}")


@main.command(name="merges")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@reports_errors
def merges_command(store_path, fmt):
    """List the merges recorded in the store, oldest first: id, when, who, kept ← merged names, how many
    articles, and the reason.

    \b
    Example:
        kg merges
        kg merges --format jsonl
    """
    from . import merge as merging
    with open_store(store_path) as store:
        records = merging.merges(store)
    for record in records:
        if fmt == "jsonl":
            click.echo(json.dumps({"id": record.id, "kept": record.kept_name, "kept_iri": record.kept,
                                   "merged": list(record.merged_names), "merged_iri": record.merged,
                                   "reason": record.reason, "by": record.by, "at": record.at,
                                   "articles": record.articles}, ensure_ascii=False))
        else:
            names = ", ".join(record.merged_names) or _short_iri(record.merged)
            click.echo(f"{record.id}  {record.at}  {record.by}  {record.kept_name} ← {names}  "
                       f"({record.articles} article{'s' if record.articles != 1 else ''}): {record.reason}")
    click.echo(f"{len(records)} merge{'s' if len(records) != 1 else ''}", err=True)


@main.command(name="unmerge")
@click.argument("merge_id")
@store_option
@reports_errors
def unmerge_command(merge_id, store_path):
    """Undo a merge (its id from kg merges, or the start of it): every article graph it rewrote gets back
    exactly the triples it had, and the record goes. A later merge of the same entities is undone first.

    \b
    Example:
        kg unmerge 3f2a9c1b
    """
    from . import merge as merging
    with open_store(store_path) as store:
        record = merging.unmerge(store, merge_id)
    names = record.merged_names[0] if record.merged_names else _short_iri(record.merged)
    click.echo(f"undid merge {record.id}: {names} is apart from {record.kept_name} again")


def _short_iri(iri: str) -> str:
    from .vocab import BASE
    return iri[len(BASE):] if iri.startswith(BASE) else iri


@main.command()
@store_option
@reports_errors
def check(store_path):
    """Check the store: SHACL shapes (ontology/shapes.ttl), provenance of every fact, evidence offsets.
    Prints a short report; exit status 1 when something is wrong. Works while an ingest runs.

    \b
    Example:
        kg check --store my-graph
    """
    from .validate import check as check_store
    with open_store(store_path, read_only=True) as store:
        report = check_store(store)
    for line in report.lines():
        click.echo(line)
    if not report.conforms:
        sys.exit(1)


@main.command(name="import")
@click.argument("file")
@store_option
@click.option("--graph", metavar="IRI", help="Named graph for the file's triples (default: one named after "
                                             "the file's content). TriG and N-Quads graphs keep their names.")
@reports_errors
def import_command(file, store_path, graph):
    """Import an RDF file (.ttl .nt .nq .trig .rdf .jsonld) in one transaction. Each graph it writes into
    is replaced, so importing the same file again changes nothing.

    \b
    Example:
        kg import vocabulary.ttl --graph https://example.org/vocabulary
        kg import backup.trig --store restored   # a file from kg export --format trig
    """
    from .importer import read_rdf, store_rdf
    parsed = read_rdf(file, graph=graph)  # a file that cannot be imported leaves the store untouched (or uncreated)
    with open_store(store_path, create=True) as store:
        summary = store_rdf(parsed, store)
    click.echo(summary.line())


@main.command(name="eval")
@click.argument("gold", nargs=-1)
@click.option("--popcorn", metavar="FILE", help="Also score the mapped relations of a POPCORN JSON file.")
@click.option("--limit", type=int, default=None, help="With --popcorn: only the first N documents.")
@click.option("--baseline", is_flag=True, help="Also score textacy's subject-verb-object triples (entity pairs).")
@click.option("--errors", "show_errors", is_flag=True, help="List missed and wrong facts.")
@reports_errors
def eval_command(gold, popcorn, limit, baseline, show_errors):
    """Score extraction against gold files (precision, recall, F1: micro and per relation).

    \b
    Example:
        kg eval data/gold
        kg eval data/gold --baseline
        kg eval --popcorn ../shared/eval/popcorn/train.json
    """
    from . import evaluate
    if gold:
        report = evaluate.evaluate_gold(gold)
        for line in report.lines():
            click.echo(line)
        if show_errors:
            for name, fact in report.misses:
                click.echo(f"missed  {name}: {fact[0]} {fact[1]} {fact[2]}{' (negated)' if fact[3] else ''}")
            for name, fact in report.wrong:
                click.echo(f"wrong   {name}: {fact[0]} {fact[1]} {fact[2]}{' (negated)' if fact[3] else ''}")
            for name, entity, labels in report.split:
                click.echo(f"split   {name}: {entity} found as {', '.join(labels)}")
            for name, label, entities in report.over_merged:
                click.echo(f"merged  {name}: {label} stands for {', '.join(entities)}")
        if baseline:
            score = evaluate.textacy_baseline(gold)
            click.echo(f"baseline textacy SVO, entity pairs  P={score.precision:.3f}  R={score.recall:.3f}  "
                       f"F1={score.f1:.3f}")
    if popcorn:
        report = evaluate.evaluate_popcorn(popcorn, limit=limit)
        for line in report.lines():
            click.echo(line)
    if not gold and not popcorn:
        raise click.UsageError("give gold files or folders, or --popcorn FILE")


if __name__ == "__main__":  # pragma: no cover
    main()
