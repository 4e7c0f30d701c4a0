"""Merges across the store: one entity folded into another, recorded with its reason, and undone exactly.

    >>> record = merge(store, "Mistral AI", "Mistral IA", reason="same company")     # doctest: +SKIP
    >>> [m.id for m in merges(store)]                                                # doctest: +SKIP
    ['3f2a9c1b']
    >>> unmerge(store, "3f2a9c1b")                                                   # doctest: +SKIP

:func:`merge` moves every triple of the merged entity in every article graph onto the kept entity's IRI: its
facts (plain triples and ``kg:Assertion`` nodes), and its names, which become aliases (``skos:altLabel``) of
the kept entity. In an article that named only the merged entity, the kept one gets its label and type. A
fact between the two would become a fact of an entity with itself: it is left out (and put back by
:func:`unmerge`).

The record is RDF in its own named graph, ``…/merge/<id>``: a ``kg:Merge`` with ``kg:kept``, ``kg:merged``,
``kg:reason``, ``kg:mergedBy`` and ``prov:generatedAtTime``. Each article graph it rewrote holds the undo data
of that graph — ``<merge/id> kg:removedTriples "…" ; kg:addedTriples "…"`` (N-Triples) — so that undoing puts
back exactly the triples that were there, and an article graph that is replaced takes its undo data with it.
Everything is written in one transaction (:meth:`replace_graphs`: one SPARQL UPDATE on a remote store).

A merge stays in force for articles ingested later: :func:`identities` gives ingest the recorded merges (and
the alias file, :mod:`kg.aliases`), applied to each article's quads as it is written, with undo data in that
article's graph, so :func:`unmerge` undoes it there too. Merges made after one that touched the same article
must be undone first (:func:`unmerge` says which).
"""

from __future__ import annotations

import datetime
import getpass
import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import pyoxigraph as ox

from .aliases import Aliases, load_aliases, store_aliases_path
from .errors import ConfigError, EntityError, StoreError
from .rdf import RDF_TYPE, RDFS_LABEL, SKOS_ALT, nt_term, safe_iri
from .resolve import canonical_key
from .vocab import ARTICLE, BASE, ENTITY, KG, MERGE, PROV, relations

_KG = str(KG._NS)
_XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
_ASSERTION = ox.NamedNode(str(KG.Assertion))
_SUBJECT, _OBJECT = ox.NamedNode(str(KG.subject)), ox.NamedNode(str(KG.object))
_REMOVED, _ADDED = ox.NamedNode(str(KG.removedTriples)), ox.NamedNode(str(KG.addedTriples))
_GENERATED = ox.NamedNode(str(PROV) + "generatedAtTime")


def _kg(name: str) -> ox.NamedNode:
    return ox.NamedNode(_KG + name)


@dataclass(frozen=True)
class Target:
    """Where an entity moves: the IRI, and the label and type it gets in a graph that does not describe it
    yet (``type`` None: keep the moved entity's own types there)."""

    iri: ox.NamedNode
    label: str
    type: ox.NamedNode | None = None


@dataclass(frozen=True)
class MergeRecord:
    """One recorded merge, as :func:`merges` lists it."""

    id: str
    kept: str  # IRI
    merged: str  # IRI
    kept_name: str
    merged_names: tuple
    kept_type: str | None
    reason: str
    by: str
    at: str  # ISO 8601 date-time (UTC)
    articles: int = 0  # article graphs holding its undo data

    @property
    def iri(self) -> ox.NamedNode:
        return ox.NamedNode(str(MERGE) + self.id)

    def target(self) -> Target:
        return Target(ox.NamedNode(self.kept), self.kept_name, ox.NamedNode(self.kept_type) if self.kept_type else None)


# -- moving entities within one graph ---------------------------------------------------------------------------

def move_entities(triples: Iterable[ox.Triple], moves: dict) -> tuple[list[ox.Triple], int]:
    """The triples of one graph with each entity of ``moves`` (IRI -> :class:`Target`) replaced by its target,
    and how many facts were left out because they would link an entity to itself.

    The moved entity's labels and aliases become aliases of the target; its types go when the graph already
    describes the target (or the target brings its own type), else they describe the target.
    """
    triples = list(triples)
    moved = lambda term: moves[term].iri if term in moves else term  # noqa: E731
    described = {t.subject for t in triples if t.predicate == RDFS_LABEL}
    assertions = {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == _ASSERTION}
    ends: dict = {}
    for t in triples:
        if t.subject in assertions and t.predicate in (_SUBJECT, _OBJECT):
            ends.setdefault(t.subject, {})[t.predicate] = t.object
    loops = {node for node, sides in ends.items()
             if (sides.get(_SUBJECT) in moves or sides.get(_OBJECT) in moves)
             and moved(sides.get(_SUBJECT)) == moved(sides.get(_OBJECT))}
    relation_iris = _relation_iris()
    out: list[ox.Triple] = []
    names: dict = {}  # target -> names the moved entities had
    moved_types: dict = {}  # target -> types of the moved entities
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if s in loops:
            continue
        if s in moves:
            target = moves[s].iri
            if p in (RDFS_LABEL, SKOS_ALT):
                names.setdefault(target, []).append(o)
                continue
            if p == RDF_TYPE:
                moved_types.setdefault(target, []).append(o)
                continue
        new = ox.Triple(moved(s), p, moved(o))
        if p in relation_iris and new.subject == new.object and (s in moves or o in moves):
            continue  # the plain triple of a fact left out above
        out.append(new)
    for source, target in moves.items():
        iri = target.iri
        if iri in names or iri in moved_types:
            if iri not in described:
                out.append(ox.Triple(iri, RDFS_LABEL, ox.Literal(target.label)))
                types = [target.type] if target.type is not None else moved_types.get(iri, [])
                out.extend(ox.Triple(iri, RDF_TYPE, kind) for kind in types)
                described.add(iri)
    labels = {}
    for t in out:
        if t.predicate == RDFS_LABEL:
            labels.setdefault(t.subject, set()).add(t.object.value)
    for iri, written in names.items():
        out.extend(ox.Triple(iri, SKOS_ALT, ox.Literal(name.value)) for name in written
                   if name.value not in labels.get(iri, ()))
    return list(dict.fromkeys(out)), len(loops)


def _relation_iris() -> set:
    return {ox.NamedNode(_KG + name) for name in relations()}


def _undo(record: ox.NamedNode, before: list[ox.Triple], after: list[ox.Triple]) -> list[ox.Triple]:
    """The undo data of one graph: the triples ``after`` lacks and the ones it added."""
    old, new = set(before), set(after)
    return [ox.Triple(record, _REMOVED, ox.Literal(_ntriples(old - new))),
            ox.Triple(record, _ADDED, ox.Literal(_ntriples(new - old)))]


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    return "".join(sorted(f"{nt_term(t.subject)} {nt_term(t.predicate)} {nt_term(t.object)} .\n" for t in triples))


def _parse_ntriples(text: str) -> set:
    return {quad.triple for quad in ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}


def _canonical(triples: Iterable[ox.Triple]) -> set:
    """Triples with their literals in Oxigraph's canonical form (``"0.800"^^xsd:decimal`` is ``"0.8"``), so that
    triples written by kg and triples read back from a store compare equal."""
    memory = ox.Store()
    memory.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return {quad.triple for quad in memory}


# -- reading the store -----------------------------------------------------------------------------------------

def _graph_triples(store, graph: ox.NamedNode) -> list[ox.Triple]:
    return [ox.Triple(row["s"], row["p"], row["o"])
            for row in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {nt_term(graph)} {{ ?s ?p ?o }} }}")]


def _values(store, sparql: str, **bindings) -> list:
    return list(store.query(sparql, bindings=bindings or None))


def find_entity(store, name: str) -> ox.NamedNode:
    """The entity ``name`` designates: an IRI (or ``entity/slug``), else a label, else an alias (exact, then in
    any case), else the IRI its canonical key mints. ``EntityError`` when none or several."""
    if name.startswith(("http://", "https://", "entity/")):
        iri = ox.NamedNode(BASE + name if name.startswith("entity/") else name)
        if _values(store, f"SELECT ?l WHERE {{ {nt_term(iri)} <{RDFS_LABEL.value}> ?l }} LIMIT 1"):
            return iri
        raise EntityError(f"no entity {name} in the store")
    tiers = [
        (f"SELECT DISTINCT ?e ?name WHERE {{ ?e <{RDFS_LABEL.value}> ?name }}", {"name": ox.Literal(name)}),
        (f"SELECT DISTINCT ?e ?name WHERE {{ ?e <{SKOS_ALT.value}> ?name }}", {"name": ox.Literal(name)}),
        (f"SELECT DISTINCT ?e ?name WHERE {{ ?e <{RDFS_LABEL.value}> ?l FILTER(LCASE(STR(?l)) = ?name) }}",
         {"name": ox.Literal(name.casefold())}),
        (f"SELECT DISTINCT ?e ?name WHERE {{ ?e <{SKOS_ALT.value}> ?l FILTER(LCASE(STR(?l)) = ?name) }}",
         {"name": ox.Literal(name.casefold())}),
    ]
    for sparql, bindings in tiers:
        found = sorted({row["e"].value for row in store.query(sparql, bindings=bindings)
                        if isinstance(row["e"], ox.NamedNode) and row["e"].value.startswith(str(ENTITY))})
        if len(found) == 1:
            return ox.NamedNode(found[0])
        if len(found) > 1:
            listed = ", ".join(f"{iri[len(BASE):]}" for iri in found[:5])
            raise EntityError(f"{name!r} names {len(found)} entities: {listed}; give one as entity/…")
    minted = safe_iri(ENTITY, canonical_key(name))
    if _values(store, f"SELECT ?l WHERE {{ {nt_term(minted)} <{RDFS_LABEL.value}> ?l }} LIMIT 1"):
        return minted
    raise EntityError(f"no entity named {name!r} (label or alias); `kg query entities` lists them")


def _description(store, entity: ox.NamedNode) -> tuple[str, ox.NamedNode | None, list[str]]:
    """An entity's label and type as most articles give them, and all its names (labels, then aliases)."""
    labels, types, aliases = Counter(), Counter(), set()
    for row in store.query(f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ {nt_term(entity)} ?p ?o }} }}"):
        predicate, value = row["p"], row["o"]
        if predicate == RDFS_LABEL:
            labels[value.value] += 1
        elif predicate == SKOS_ALT:
            aliases.add(value.value)
        elif predicate == RDF_TYPE and isinstance(value, ox.NamedNode):
            types[value.value] += 1
    label = min(labels, key=lambda text: (-labels[text], len(text), text)) if labels else entity.value
    kind = min(types, key=lambda iri: (-types[iri], iri)) if types else None
    return label, ox.NamedNode(kind) if kind else None, sorted(labels, key=lambda t: -labels[t]) + sorted(
        aliases - set(labels))


def _graphs_naming(store, entity: ox.NamedNode) -> list[ox.NamedNode]:
    """The article graphs where ``entity`` is a subject or an object."""
    term = nt_term(entity)
    found = set()
    for sparql in (f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {term} ?p ?o }} }}",
                   f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p {term} }} }}"):
        found |= {row["g"].value for row in store.query(sparql)
                  if isinstance(row["g"], ox.NamedNode) and row["g"].value.startswith(str(ARTICLE))}
    return [ox.NamedNode(graph) for graph in sorted(found)]


# -- merge, list, unmerge --------------------------------------------------------------------------------------

def merge(store, keep: str, fold: str, *, reason: str, by: str | None = None,
          at: datetime.datetime | None = None) -> MergeRecord:
    """Fold the entity named ``fold`` into the one named ``keep`` in every article, in one transaction, and
    record it (``reason``: why; ``by``: who, default the user name). Returns the record."""
    if not reason or not reason.strip():
        raise ConfigError("give the reason for the merge (--reason); it is recorded with it")
    kept, merged = find_entity(store, keep), find_entity(store, fold)
    if kept == merged:
        raise EntityError(f"{keep!r} and {fold!r} are already one entity ({kept.value[len(BASE):]})")
    kept_label, kept_type, _ = _description(store, kept)
    _, _, merged_names = _description(store, merged)
    graphs = _graphs_naming(store, merged)
    if not graphs:
        raise EntityError(f"{fold!r} is in no article graph; nothing to merge")
    when = (at or datetime.datetime.now(datetime.timezone.utc)).astimezone(datetime.timezone.utc)
    stamp = when.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    author = by or _user()
    digest = hashlib.sha256(f"{kept.value}|{merged.value}|{stamp}|{reason}|{author}".encode()).hexdigest()[:8]
    record = MergeRecord(id=digest, kept=kept.value, merged=merged.value, kept_name=kept_label,
                         merged_names=tuple(merged_names), kept_type=kept_type.value if kept_type else None,
                         reason=reason.strip(), by=author, at=stamp, articles=len(graphs))
    written = {}
    for graph in graphs:
        before = _graph_triples(store, graph)
        after, _ = move_entities(before, {merged: record.target()})
        written[graph] = after + _undo(record.iri, before, after)
    written[record.iri] = _record_triples(record)
    store.replace_graphs(written)
    return record


def _record_triples(record: MergeRecord) -> list[ox.Triple]:
    node = record.iri
    triples = [ox.Triple(node, RDF_TYPE, _kg("Merge")),
               ox.Triple(node, _kg("kept"), ox.NamedNode(record.kept)),
               ox.Triple(node, _kg("merged"), ox.NamedNode(record.merged)),
               ox.Triple(node, _kg("keptName"), ox.Literal(record.kept_name)),
               ox.Triple(node, _kg("reason"), ox.Literal(record.reason)),
               ox.Triple(node, _kg("mergedBy"), ox.Literal(record.by)),
               ox.Triple(node, _GENERATED, ox.Literal(record.at, datatype=_XSD_DATETIME))]
    if record.kept_type:
        triples.append(ox.Triple(node, _kg("keptType"), ox.NamedNode(record.kept_type)))
    triples.extend(ox.Triple(node, _kg("mergedName"), ox.Literal(name)) for name in record.merged_names)
    return triples


_MERGES = f"""
SELECT ?merge ?kept ?merged ?kept_name ?kept_type ?reason ?by ?at ?name WHERE {{
  GRAPH ?merge {{
    ?merge a <{_KG}Merge> ; <{_KG}kept> ?kept ; <{_KG}merged> ?merged ; <{_KG}keptName> ?kept_name ;
           <{_KG}reason> ?reason ; <{_KG}mergedBy> ?by ; <{PROV}generatedAtTime> ?at .
    OPTIONAL {{ ?merge <{_KG}keptType> ?kept_type }}
    OPTIONAL {{ ?merge <{_KG}mergedName> ?name }}
  }}
}}"""
_TOUCHED = f"SELECT ?merge ?g WHERE {{ GRAPH ?g {{ ?merge <{_KG}removedTriples> ?removed }} }}"


def merges(store) -> list[MergeRecord]:
    """Every merge recorded in the store, oldest first."""
    found: dict = {}
    for row in store.query(_MERGES):
        iri = row["merge"].value
        if not iri.startswith(str(MERGE)):
            continue
        entry = found.setdefault(iri, {
            "id": iri[len(str(MERGE)):], "kept": row["kept"].value, "merged": row["merged"].value,
            "kept_name": row["kept_name"].value, "kept_type": row["kept_type"].value if row["kept_type"] else None,
            "reason": row["reason"].value, "by": row["by"].value, "at": row["at"].value, "merged_names": []})
        if row["name"] is not None and row["name"].value not in entry["merged_names"]:
            entry["merged_names"].append(row["name"].value)
    touched = Counter(row["merge"].value for row in store.query(_TOUCHED) if row["merge"].value in found)
    records = [MergeRecord(**{**entry, "merged_names": tuple(entry["merged_names"])}, articles=touched[iri])
               for iri, entry in found.items()]
    return sorted(records, key=lambda record: (record.at, record.id))


def unmerge(store, merge_id: str) -> MergeRecord:
    """Undo the merge ``merge_id`` (or an unambiguous prefix of it): put back, in every article graph it
    rewrote, exactly the triples that were there, and drop its record, in one transaction.

    Refused (``StoreError``) when a later merge rewrote the same triples: undo that one first."""
    recorded = merges(store)
    wanted = merge_id.strip().lower()
    matching = [record for record in recorded if record.id.startswith(wanted)] if wanted else []
    if not matching:
        raise StoreError(f"no merge {merge_id!r} in the store; `kg merges` lists them")
    if len(matching) > 1:
        raise StoreError(f"{merge_id!r} is the start of {len(matching)} merge ids; give more of it")
    record = matching[0]
    undo = f"SELECT ?g ?removed ?added WHERE {{ GRAPH ?g {{ {nt_term(record.iri)} <{_REMOVED.value}> ?removed ; " \
           f"<{_ADDED.value}> ?added }} }}"
    written = {}
    for row in store.query(undo):
        graph = row["g"]
        current = _canonical(_graph_triples(store, graph))
        removed = _canonical(_parse_ntriples(row["removed"].value))
        added = _canonical(_parse_ntriples(row["added"].value))
        if not added <= current or removed & current:
            later = [other.id for other in recorded if other.at >= record.at and other.id != record.id
                     and _touches(store, other, graph)]
            hint = f"undo merge {', '.join(later)} first" if later else "it changed since the merge"
            raise StoreError(f"merge {record.id} cannot be undone in {graph.value[len(BASE):]}: {hint}")
        own = {t for t in current if t.subject == record.iri}
        written[graph] = list((current - added - own) | removed)
    store.replace_graphs(written, drop=[record.iri])
    return record


def _touches(store, record: MergeRecord, graph: ox.NamedNode) -> bool:
    return bool(_values(store, f"SELECT ?r WHERE {{ GRAPH {nt_term(graph)} {{ {nt_term(record.iri)} "
                               f"<{_REMOVED.value}> ?r }} }} LIMIT 1"))


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment
        return os.environ.get("USER") or "unknown"


# -- at ingest -------------------------------------------------------------------------------------------------

class Identities:
    """What ingest does to each article's quads before writing them: the alias file's names become their
    canonical entity, then each recorded merge, oldest first, moves its merged entity onto the kept one (with
    undo data in the article's graph, so :func:`unmerge` undoes it there too)."""

    def __init__(self, aliases: Aliases | None = None, records: Iterable[MergeRecord] = ()):
        self.aliases = aliases or Aliases()
        self.records = list(records)
        self._merged = {ox.NamedNode(record.merged) for record in self.records}

    def __bool__(self) -> bool:
        return bool(self.aliases) or bool(self.records)

    def apply(self, extracted):
        """``extracted`` (a :class:`kg.pipeline.Extracted`) with its quads rewritten; itself when untouched."""
        if not self or not extracted.quads:
            return extracted
        graph = extracted.quads[0].graph_name
        triples = [quad.triple for quad in extracted.quads]
        before, dropped = triples, 0
        moves = self._alias_moves(triples)
        if moves:
            triples, dropped = move_entities(triples, moves)
        if self._merged:
            for record in self.records:
                merged = ox.NamedNode(record.merged)
                if not any(t.subject == merged or t.object == merged for t in triples):
                    continue
                after, left_out = move_entities(triples, {merged: record.target()})
                triples = after + _undo(record.iri, triples, after)
                dropped += left_out
        if triples is before:
            return extracted
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        return extracted.with_quads(quads, extracted.facts - dropped)

    def _alias_moves(self, triples: list[ox.Triple]) -> dict:
        if not self.aliases:
            return {}
        moves = {}
        for t in triples:
            if t.predicate != RDFS_LABEL or not t.subject.value.startswith(str(ENTITY)):
                continue
            canonical = self.aliases.canonical(t.object.value)
            if canonical is None:
                continue
            target = safe_iri(ENTITY, canonical_key(canonical))
            if target != t.subject:
                moves[t.subject] = Target(target, canonical)
        return moves


def identities(store, *, aliases: Aliases | str | os.PathLike | None = None) -> Identities:
    """The alias file (``aliases``: loaded or a path; else the store directory's ``aliases.toml`` when there
    is one) and the merges recorded in ``store``, ready for ingest."""
    if aliases is None:
        aliases = store_aliases_path(store)
    if aliases is not None and not isinstance(aliases, Aliases):
        aliases = load_aliases(aliases)
    return Identities(aliases, merges(store))
