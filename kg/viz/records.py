"""What the page shows, taken from the graph: entity records, facts with their evidence, and the
drawn edges (facts with the same subject, predicate, object and polarity share one). Every string is
article text: it is made UTF-8-safe here, and JSON-encoded for a ``<script>`` element by
:func:`script_json`; nothing here is HTML."""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urlsplit

import networkx as nx
from markupsafe import Markup

ENTITY_TYPES = ("Organization", "Person", "Place", "Product", "Law", "Role", "Event", "Money", "Thing")
MODALITIES = ("asserted", "reported", "expected", "negated")
LABEL_MAX = 48  # characters of a name drawn on the canvas; the side panel shows it whole

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def text(value: object) -> str:
    """Any attribute as a string that survives UTF-8 (lone surrogates from bad JSON become U+FFFD)."""
    if value is None:
        return ""
    return _LONE_SURROGATE.sub("\ufffd", value if isinstance(value, str) else str(value))


def number(value: object) -> float | None:
    """A finite float, or None (JSON has no NaN)."""
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def canvas_label(name: str) -> str:
    """A name as drawn on the canvas: one line, at most LABEL_MAX characters."""
    flat = _SPACES.sub(" ", name).strip()
    return flat if len(flat) <= LABEL_MAX else flat[: LABEL_MAX - 1] + "…"


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (``javascript:``, ``data:``, relative…)."""
    url = text(value).strip()
    if not url or any(ord(c) < 0x21 or 0x7F <= ord(c) <= 0x9F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def script_json(value: object) -> Markup:
    """JSON that can sit inside ``<script type="application/json">`` whatever strings it holds."""
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(_JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], encoded))


def relation_label(labels: object, predicate: str, lang: str) -> str:
    """The relation's label in ``lang``, else English, else its name split into words."""
    if isinstance(labels, dict):
        for key in (lang, "en", *sorted(map(str, labels))):
            if labels.get(key):
                return text(labels[key])
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", predicate).lower() or "?"


def node_record(node: object, data: dict) -> dict:
    """An entity as the page knows it: IRI, name (label, else the IRI's last segment), type, aliases."""
    entity_type = text(data.get("type")) or "Thing"
    if entity_type not in ENTITY_TYPES:
        entity_type = "Thing"
    aliases = data.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    iri = text(node)
    name = text(data.get("label")).strip() or iri.rstrip("/").rsplit("/", 1)[-1] or iri
    return {"id": iri, "name": name, "type": entity_type, "aliases": sorted({text(a) for a in aliases if text(a)})}


def fact_record(key: object, data: dict, articles: dict) -> dict:
    """A fact's evidence and qualifiers (``None`` left out); its article is added to ``articles``."""
    source = (text(data.get("article_id")), text(data.get("article")))
    if source not in articles:
        articles[source] = {
            "id": source[0], "title": source[1], "date": text(data.get("date")) or None,
            "url": safe_url(data.get("url")),
        }
    modality = text(data.get("modality")) or "asserted"
    record = {
        "id": text(key), "sentence": text(data.get("sentence")), "article": source,
        "confidence": number(data.get("confidence")), "modality": modality if modality in MODALITIES else "asserted",
        "attribution": text(data.get("attribution")) or None, "amount": number(data.get("amount")),
        "currency": text(data.get("currency")) or None, "time": text(data.get("time")) or None,
    }
    return {k: v for k, v in record.items() if v is not None}


def visual_edges(view: nx.MultiDiGraph, lang: str) -> tuple[list[dict], list[dict]]:
    """Facts grouped into drawn edges: same subject, object, predicate and polarity → one edge."""
    groups: dict[tuple, list] = {}
    for u, v, key, data in view.edges(keys=True, data=True):
        predicate = text(data.get("predicate")) or "relatedTo"
        negated = text(data.get("modality")) == "negated"
        groups.setdefault((text(u), text(v), predicate, negated), []).append((text(key), data))
    articles: dict[tuple, dict] = {}
    edges = []
    for (u, v, predicate, negated), facts in sorted(groups.items()):
        facts.sort(key=lambda item: item[0])
        records = [fact_record(key, data, articles) for key, data in facts]
        records.sort(key=lambda r: (-(r.get("confidence") or 0.0), r["id"]))
        label = relation_label(facts[0][1].get("labels"), predicate, lang)
        edges.append({
            "from": u, "to": v, "predicate": predicate, "relation": label, "negated": negated,
            "facts": records, "confidence": max((r.get("confidence") or 0.0) for r in records),
            "dashed": negated or all(r["modality"] in ("reported", "expected") for r in records),
        })
    article_list = sorted(articles.values(), key=lambda a: (a["id"], a["title"]))
    index = {(a["id"], a["title"]): i for i, a in enumerate(article_list)}
    for edge in edges:
        for record in edge["facts"]:
            record["article"] = index[record["article"]]
    return edges, [{k: v for k, v in a.items() if v is not None} for a in article_list]
