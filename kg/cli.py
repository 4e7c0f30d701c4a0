"""The ``kg`` command: a thin shell over the library. Each command parses options, calls one ``kg``
function, prints. Library errors (``KGError``) become one ``Error: …`` line and exit status 1."""

from __future__ import annotations

import csv
import functools
import io
import json
import sys

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
@store_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@reports_errors
def ingest(paths, store_path, quiet):
    """Read articles (.txt .md .html .jsonl, folders, - for stdin) and add their facts to the store.

    \b
    Example:
        kg ingest data/articles --store my-graph
        cat article.txt | kg ingest -
    """
    def warn(error):
        click.echo(f"Error: {error}", err=True)

    show = not quiet and sys.stderr.isatty()
    done = {"count": 0}

    def progress(article, status):
        if show:  # a live counter on a terminal only; scripts and pipes get just the summary line
            done["count"] += 1
            click.echo(f"\ringesting: {done['count']} articles ({status}: {article.source[-50:]})\x1b[K",
                       err=True, nl=False)

    with open_store(store_path, create=True) as store:
        summary = pipeline.ingest(paths, store, on_error=warn, on_article=progress, stdin=sys.stdin.buffer)
    if show and done["count"]:
        click.echo("\r\x1b[K", err=True, nl=False)
    click.echo(summary.line())
    if summary.rejected:
        sys.exit(1)


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
              "attribution", "amount", "currency", "sentence", "start", "end", "rule", "article", "source"]
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
            click.echo(f"{fact['subject']} —{fact['predicate']}→ {fact['object']}  ({', '.join(extra)})")
        click.echo(f"{len(found)} facts", err=True)


@main.command()
@click.argument("sparql")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@reports_errors
def query(sparql, store_path, fmt):
    """Run a SPARQL query (text or a .rq file) over all articles. The kg:, rdfs:, skos:, prov:, dcterms:
    prefixes are predefined.

    \b
    Example:
        kg query 'SELECT ?investor ?target WHERE { ?i kg:investsIn ?t .
                  ?i rdfs:label ?investor . ?t rdfs:label ?target }'
        kg query my-query.rq --format csv
    """
    if sparql.endswith(".rq"):
        try:
            with open(sparql, encoding="utf-8") as handle:
                sparql = handle.read()
        except OSError as error:
            raise click.ClickException(f"{sparql}: {error.strerror}") from None
    with open_store(store_path) as store:
        results = queries.run_query(store, sparql)
        if isinstance(results, bool) or type(results).__name__ == "QueryBoolean":
            click.echo("true" if bool(results) else "false")
            return
        if type(results).__name__ == "QueryTriples":
            import pyoxigraph as ox
            click.echo(ox.serialize(list(results), format=ox.RdfFormat.TURTLE).decode("utf-8"), nl=False)
            return
        names = [v.value for v in results.variables]
        table = [[queries.python_value(solution[name]) for name in names] for solution in results]
    if fmt == "json":
        click.echo(json.dumps({"head": {"vars": names},
                               "results": {"bindings": [{n: {"value": v} for n, v in zip(names, row) if v is not None}
                                                        for row in table]}}, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([[safe_cell(v) for v in row] for row in table])
        click.echo(out.getvalue(), nl=False)
    else:
        click.echo(_table(names, table))


def _table(names, table) -> str:
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in row] for row in table]
    widths = [max([len(n)] + [min(len(row[i]), 60) for row in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in cells:
        lines.append("  ".join((c if len(c) <= 60 else c[:59] + "…").ljust(w) for c, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


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
@reports_errors
def export(store_path, fmt, output, lang, focus, hops, relations, min_confidence, max_nodes):
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
                                 min_confidence=min_confidence, max_nodes=max_nodes)
        click.echo(f"wrote {summary['nodes']} entities and {summary['edges']} links to {output}")
    else:
        viz.write_graph_file(graph, output, format=fmt)
        click.echo(f"wrote {graph.number_of_nodes()} entities and {graph.number_of_edges()} facts to {output}")


@main.command()
@store_option
@reports_errors
def stats(store_path):
    """Count articles, entities by type and facts by relation.

    \b
    Example:
        kg stats --store my-graph
    """
    with open_store(store_path) as store:
        counts = analytics.stats(store)
    click.echo(f"articles: {counts['articles']}")
    click.echo(f"entities: {sum(counts['entities'].values())}")
    for name, count in counts["entities"].items():
        click.echo(f"  {name:<16} {count}")
    click.echo(f"facts: {sum(counts['facts'].values())}")
    for name, count in counts["facts"].items():
        click.echo(f"  {name:<16} {count}")


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
