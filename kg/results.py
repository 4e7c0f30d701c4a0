"""Query results as text: a table, CSV/TSV safe for spreadsheets, SPARQL JSON, JSON lines, or Turtle.

Used by ``kg query`` (:func:`kg.query.execute`) and by anything that prints pyoxigraph results.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterator

import pyoxigraph as ox

from .errors import QueryError

FORMATS = ("table", "csv", "tsv", "json", "jsonl")
XSD = "http://www.w3.org/2001/XMLSchema#"


def python_value(term):
    """An RDF term as a Python value: numbers and booleans as such, anything else as its string value."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:  # an ill-typed literal ("abc"^^xsd:integer) stays text
            return term.value
        if datatype == XSD + "boolean":
            return term.value in {"true", "1"}
    return term.value


_INTEGERS = {XSD + name for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
                                    "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {XSD + name for name in ("decimal", "double", "float")}


def format_results(results, fmt: str = "table", *, prefixes: dict | None = None) -> Iterator[str]:
    """Query results as text, in chunks to print as they are.

    SELECT: ``table``, ``csv``/``tsv`` (plain values; a cell a spreadsheet would run as a formula gets a
    leading ``'``), ``json`` (SPARQL 1.1 Query Results JSON: types, datatypes, languages) or ``jsonl`` (one
    object of plain values per row). ASK: ``true``/``false`` (SPARQL JSON with ``json``). CONSTRUCT and
    DESCRIBE: Turtle, whatever ``fmt``, with ``prefixes`` (name -> IRI) declared.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(results, ox.QueryBoolean):
        if fmt == "json":
            yield results.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
        else:
            yield "true\n" if bool(results) else "false\n"
        return
    if isinstance(results, ox.QueryTriples):
        yield ox.serialize(results, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
        return
    if fmt == "json":
        yield results.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
        return
    names = [variable.value for variable in results.variables]
    if fmt == "jsonl":
        for solution in results:
            yield json.dumps({name: python_value(solution[name]) for name in names}, ensure_ascii=False) + "\n"
        return
    table = [[python_value(solution[name]) for name in names] for solution in results]
    if fmt == "table":
        yield _table(names, table) + "\n"
        return
    if fmt == "tsv":
        lines = ["\t".join(names)] + ["\t".join(_spreadsheet_safe(value) for value in row) for row in table]
        yield "\n".join(lines) + "\n"
        return
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([[_spreadsheet_safe(value) for value in row] for row in table])
    yield out.getvalue()


def _text(value) -> str:
    """A value as printed: nothing for unbound, ``13000000000`` rather than ``13000000000.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return str(value)


def _spreadsheet_safe(value) -> str:
    """A CSV/TSV cell on one line, that a spreadsheet will not run as a formula."""
    text = _text(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return "'" + text if isinstance(value, str) and text[:1] in ("=", "+", "-", "@") else text


def _table(names: list[str], table: list[list]) -> str:
    cells = [[_text(v).replace("\n", " ") for v in row] for row in table]
    widths = [max([len(n)] + [min(len(row[i]), 60) for row in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in cells:
        lines.append("  ".join((c if len(c) <= 60 else c[:59] + "…").ljust(w) for c, w in zip(row, widths)).rstrip())
    return "\n".join(lines)
