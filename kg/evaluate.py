"""Evaluation: score extracted facts against hand-checked gold, and against POPCORN's mapped relations.

Gold format: ``data/gold/README.md``. Matching rules:

- an extracted entity is a gold entity when its label or one of its aliases equals the gold name or one of the
  gold aliases (case, accents and apostrophes folded, a leading article dropped: "Les Remparts" = "Remparts");
- a fact matches when subject, relation (ontology local name) and object match; symmetric relations
  (``partnersWith``, ``competesWith``) match in either direction; a negated fact only matches a negated one;
- precision, recall and F1 are micro-averaged over all articles, and given per relation;
- entity-merge errors: a gold entity found as two or more extracted entities is *split*; an extracted entity
  matching two or more gold entities is *over-merged*;
- time qualifiers are scored on the facts that match: *correct* when one extracted copy of the fact has the
  gold ``time``, *wrong* when copies have only other times, *missing* when none has a time, *extra* when the
  gold gives none.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .model import Article, Entity, Fact
from .readers import read_articles
from .resolve import fold as _fold
from .vocab import relations

#: POPCORN labels mapped to the ontology (its README's suggestion); everything else is not scored.
POPCORN_MAP = {
    "IS_COOPERATING_WITH": "partnersWith", "IS_AT_ODDS_WITH": "criticizes", "IS_PART_OF": "memberOf",
    "HAS_CONTROL_OVER": "leads", "IS_OF_NATIONALITY": "nationality", "IS_BORN_IN": "bornIn",
    "RESIDES_IN": "residesIn", "CREATED": "founded", "IS_LOCATED_IN": "locatedIn",
}
#: Our relations that answer a mapped POPCORN label ("X basedIn Y" is an IS_LOCATED_IN).
EQUIVALENT = {"basedIn": "locatedIn"}


#: Leading articles that names are compared without ("La Banque Postale" = "Banque Postale").
ARTICLES = ("le ", "la ", "les ", "l'")


def _exact(name: str) -> str:
    return _fold(name).strip()


def _lookup(names: dict, name: str) -> str | None:
    """The gold entity ``name`` is written for: as written first, then without a leading article."""
    found = names.get(_exact(name))
    return found if found is not None else names.get(_without_article(name))


def _without_article(name: str) -> str:
    """How gold and extracted names are compared: folded (:func:`kg.resolve.fold`), without a leading article."""
    folded = _fold(name).strip()
    for article in ARTICLES:
        if folded.startswith(article) and len(folded) > len(article) + 1:
            return folded[len(article):].lstrip()
    return folded


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: set, expected: set) -> None:
        self.true_positives += len(predicted & expected)
        self.predicted += len(predicted)
        self.expected += len(expected)


@dataclass
class Report:
    """What ``kg eval`` prints."""

    name: str
    micro: Score = field(default_factory=Score)
    by_relation: dict = field(default_factory=lambda: defaultdict(Score))
    pairs: Score = field(default_factory=Score)
    articles: int = 0
    split: list = field(default_factory=list)  # (article, gold entity, [extracted labels])
    over_merged: list = field(default_factory=list)  # (article, extracted label, [gold entities])
    misses: list = field(default_factory=list)  # (article, fact) not found
    wrong: list = field(default_factory=list)  # (article, fact) extracted but not in gold
    times: Counter = field(default_factory=Counter)  # correct, wrong, missing, extra (on matched facts)

    def lines(self) -> list[str]:
        out = [f"{self.name}: {self.articles} articles",
               f"micro  P={self.micro.precision:.3f}  R={self.micro.recall:.3f}  F1={self.micro.f1:.3f}  "
               f"(tp={self.micro.true_positives} predicted={self.micro.predicted} gold={self.micro.expected})",
               f"entity pairs  P={self.pairs.precision:.3f}  R={self.pairs.recall:.3f}  F1={self.pairs.f1:.3f}"]
        out.append(f"{'relation':<16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'pred':>5} {'gold':>5}")
        for name, score in sorted(self.by_relation.items()):
            out.append(f"{name:<16} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f} "
                       f"{score.true_positives:>4} {score.predicted:>5} {score.expected:>5}")
        out.append(f"entity merge errors: {len(self.split)} split, {len(self.over_merged)} over-merged")
        if self.times:
            out.append("time on matched facts: " + ", ".join(f"{self.times[k]} {k}"
                                                             for k in ("correct", "wrong", "missing", "extra")))
        return out


# -- gold ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldArticle:
    path: Path
    article: Article
    names: dict  # folded name or alias -> gold entity name
    facts: frozenset  # normalised (subject, predicate, object, negated)
    times: dict = field(default_factory=dict)  # normalised fact -> its gold time (ISO), when given


def gold_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(path.glob("*.gold.json"))
        elif path.exists():
            yield path
        else:
            raise InputError(str(path), "no such gold file or folder")


def load_gold(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        text_path = (path.parent / data["article"]).resolve()
        (article,) = list(read_articles([text_path]))
        names = {}
        for folding in (_exact, _without_article):  # a name as written claims before one without its article
            for entity in data["entities"]:
                for name in [entity["name"], *entity.get("aliases", [])]:
                    names.setdefault(folding(name), entity["name"])
        facts = frozenset(_normalise(f["subject"], f["predicate"], f["object"], f.get("modality") == "negated")
                          for f in data["facts"])
        times = {_normalise(f["subject"], f["predicate"], f["object"], f.get("modality") == "negated"): str(f["time"])
                 for f in data["facts"] if f.get("time")}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(str(path), f"not a valid gold file ({error}); see data/gold/README.md") from None
    if data.get("date"):
        article = Article(text=article.text, source=article.source, title=article.title, date=data["date"],
                          url=article.url, lang=article.lang)
    return GoldArticle(path=path, article=article, names=names, facts=facts, times=times)


def _normalise(subject: str, predicate: str, object_: str, negated: bool) -> tuple:
    info = relations().get(predicate)
    if info is not None and info.symmetric and object_ < subject:
        subject, object_ = object_, subject
    return subject, predicate, object_, negated


def _gold_name(entity: Entity, names: dict) -> str | None:
    for name in (entity.label, *entity.aliases):
        found = _lookup(names, name)
        if found is not None:
            return found
    return None


def score_article(gold: GoldArticle, entities: list[Entity], facts: list[Fact], report: Report) -> None:
    """Add one article's comparison to ``report``."""
    report.articles += 1
    mapped = {entity.key: _gold_name(entity, gold.names) for entity in entities}
    predicted = set()
    times = defaultdict(set)
    for fact in facts:
        subject = mapped.get(fact.subject.key) or fact.subject.label
        object_ = mapped.get(fact.object.key) or fact.object.label
        key = _normalise(subject, fact.predicate, object_, fact.qualifiers.modality == "negated")
        predicted.add(key)
        if fact.qualifiers.time:
            times[key].add(fact.qualifiers.time)
    for key in predicted & gold.facts:
        expected = gold.times.get(key)
        if expected is None:
            report.times["extra"] += bool(times[key])
        else:
            report.times["correct" if expected in times[key] else "wrong" if times[key] else "missing"] += 1
    report.micro.add(predicted, set(gold.facts))
    for relation in {f[1] for f in predicted | gold.facts}:
        report.by_relation[relation].add({f for f in predicted if f[1] == relation},
                                         {f for f in gold.facts if f[1] == relation})
    report.pairs.add({frozenset((f[0], f[2])) for f in predicted}, {frozenset((f[0], f[2])) for f in gold.facts})
    name = gold.path.name
    report.misses.extend((name, f) for f in sorted(gold.facts - predicted))
    report.wrong.extend((name, f) for f in sorted(predicted - gold.facts))
    found_as = defaultdict(set)
    for entity in entities:
        if mapped[entity.key]:
            found_as[mapped[entity.key]].add(entity.label)
        matches = {_lookup(gold.names, n) for n in (entity.label, *entity.aliases)} - {None}
        if len(matches) > 1:
            report.over_merged.append((name, entity.label, sorted(matches)))
    report.split.extend((name, gold_name, sorted(labels)) for gold_name, labels in found_as.items() if len(labels) > 1)


def evaluate_gold(paths: Iterable[str | os.PathLike]) -> Report:
    """Extract every gold article and score it (``kg eval data/gold``)."""
    from .pipeline import extract_facts
    from .nlp import parse

    golds = [load_gold(path) for path in gold_files(paths)]
    report = Report(name="gold")
    by_id = {gold.article.id: gold for gold in golds}
    for doc, article in parse(gold.article for gold in golds):
        entities, facts = extract_facts(doc, article)
        score_article(by_id[article.id], entities, facts, report)
    return report


# -- POPCORN ---------------------------------------------------------------------------------------------------

def evaluate_popcorn(path: str | os.PathLike, *, limit: int | None = None) -> Report:
    """Score the relations that map to the ontology on POPCORN (French, hand-annotated, MIT)."""
    from .nlp import parse
    from .pipeline import extract_facts

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(str(path), f"cannot read POPCORN JSON ({error})") from None
    golds = {}
    for doc_id, document in list(data.items())[:limit]:
        names = {}
        for entity in document["entities"]:
            for mention in entity["mentions"]:
                names.setdefault(_without_article(mention["value"]), str(entity["id"]))
        facts = set()
        for subject, label, object_ in document.get("relations", []):
            if label in POPCORN_MAP:
                facts.add(_normalise(str(subject), POPCORN_MAP[label], str(object_), False))
        article = Article(text=document["text"], source=f"popcorn:{doc_id}")
        golds[article.id] = GoldArticle(path=Path(doc_id), article=article, names=names, facts=frozenset(facts))
    report = Report(name="popcorn (mapped relations)")
    scored = set(POPCORN_MAP.values())
    for doc, article in parse(g.article for g in golds.values()):
        entities, facts = extract_facts(doc, article)
        facts = [_as(fact, EQUIVALENT.get(fact.predicate, fact.predicate)) for fact in facts]
        score_article(golds[article.id], entities, [f for f in facts if f.predicate in scored], report)
    return report


def _as(fact: Fact, predicate: str) -> Fact:
    from dataclasses import replace
    return replace(fact, predicate=predicate)


# -- baseline --------------------------------------------------------------------------------------------------

def textacy_baseline(paths: Iterable[str | os.PathLike]) -> Score:
    """textacy's ``subject_verb_object_triples`` on the same gold, scored at entity-pair level."""
    try:
        from textacy.extract import subject_verb_object_triples
    except ImportError:
        from .errors import ConfigError
        raise ConfigError("the baseline needs textacy: pip install 'kg[eval]'") from None
    from .nlp import parse

    golds = [load_gold(path) for path in gold_files(paths)]
    by_id = {gold.article.id: gold for gold in golds}
    score = Score()
    for doc, article in parse(gold.article for gold in golds):
        gold = by_id[article.id]
        predicted = set()
        for triple in subject_verb_object_triples(doc):
            subjects = _names_in(triple.subject, gold.names)
            objects = _names_in(triple.object, gold.names)
            predicted |= {frozenset((s, o)) for s in subjects for o in objects if s != o}
        score.add(predicted, {frozenset((f[0], f[2])) for f in gold.facts})
    return score


def _names_in(tokens, names: dict) -> set:
    """Gold entities named by a textacy argument: its tokens (with their subtrees) spelling a name or alias."""
    words = [t for token in tokens for t in token.subtree]
    text = _without_article(" ".join(t.text for t in sorted(set(words), key=lambda t: t.i)).replace("’ ", "’").replace("' ", "'"))
    return {entity for name, entity in names.items() if len(name) > 1 and f" {name} " in f" {text} "}
