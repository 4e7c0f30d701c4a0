"""Graph files for Gephi and other tools (GraphML, GEXF), through networkx."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import networkx as nx

from kg.errors import ConfigError, KGError

FORMATS = ("graphml", "gexf")
# C0 and C1 control characters (tab, line feed and carriage return are kept: XML allows them), lone
# surrogates and the two non-characters XML forbids. networkx's GraphML writer raises on them; its GEXF
# writer writes them and produces a file no XML parser reads.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: object) -> str:
    """A string that can go into an XML file."""
    return _NOT_XML.sub("", value if isinstance(value, str) else str(value))


def _flat(name: str, value: object) -> dict[str, object]:
    """One attribute as XML-friendly scalars: a dict becomes ``name_key`` attributes, a list one string."""
    if value is None:
        return {name: ""}
    if isinstance(value, dict):
        flat: dict[str, object] = {}
        for key in sorted(value, key=str):
            flat.update(_flat(f"{name}_{clean_text(key)}", value[key]))
        return flat
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return {name: "; ".join(clean_text(item) for item in items if item is not None)}
    if isinstance(value, bool):
        return {name: value}
    if isinstance(value, (int, float)):
        return {name: value if math.isfinite(value) else ""}
    return {name: clean_text(value)}


def _uniform(records: list[dict]) -> None:
    """Give each attribute one type across all records (GraphML and GEXF declare a type per attribute):
    numbers stay numbers only where every record has a number; otherwise every value becomes a string."""
    names = {name for record in records for name in record}
    for name in names:
        values = [record.get(name) for record in records]
        if all(isinstance(v, bool) for v in values):
            continue
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            if any(isinstance(v, float) for v in values):
                for record in records:
                    record[name] = float(record[name])
            continue
        for record in records:
            value = record.get(name, "")
            record[name] = value if isinstance(value, str) else (repr(value) if isinstance(value, float) else str(value))


def write_graph_file(graph: nx.MultiDiGraph, path: str | os.PathLike, *, format: str | None = None) -> Path:  # noqa: A002
    """Write ``graph`` as GraphML or GEXF (``format``, or guessed from the file's suffix).

    Control characters are removed, lists are joined with ``"; "``, dicts become one attribute per key
    (``labels_en``, ``labels_fr``), ``None`` becomes ``""``.

    >>> write_graph_file(graph, "news.gexf")   # open it in Gephi
    """
    path = Path(path)
    chosen = (format or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ConfigError(f"graph file format must be one of {', '.join(FORMATS)} (from --format or the "
                          f"file name's suffix), not {chosen or path.name!r}")
    names: dict[object, str] = {}
    used: set[str] = set()
    for node in graph:
        name = base = clean_text(node)
        suffix = 2
        while name in used:  # two ids that differed only by control characters
            name, suffix = f"{base}#{suffix}", suffix + 1
        names[node] = name
        used.add(name)

    node_records = []
    for node, data in graph.nodes(data=True):
        record: dict[str, object] = {}
        for key, value in data.items():
            record.update(_flat(clean_text(key), value))
        node_records.append(record)
    edge_records = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        record = {}
        for name, value in data.items():
            record.update(_flat(clean_text(name), value))
        edge_records.append(record)
    _uniform(node_records)
    _uniform(edge_records)

    clean = nx.MultiDiGraph()
    for name, value in graph.graph.items():
        clean.graph.update({k: v for k, v in _flat(clean_text(name), value).items()})
    for (node, _), record in zip(graph.nodes(data=True), node_records):
        clean.add_node(names[node], **record)
    for (u, v, key), record in zip(graph.edges(keys=True), edge_records):
        clean.add_edge(names[u], names[v], key=clean_text(key), **record)
    try:
        if chosen == "graphml":
            nx.write_graphml(clean, path, encoding="utf-8")
        else:
            nx.write_gexf(clean, path, encoding="utf-8")
    except OSError as error:
        raise KGError(f"cannot write {path}: {error.strerror or error}") from error
    return path
