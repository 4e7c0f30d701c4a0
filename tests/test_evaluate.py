"""Scoring rules of `kg eval`, on hand-made extractions (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluate import Report, load_gold, score_article
from kg.model import Entity, Fact, Qualifiers
from kg.vocab import relations


@pytest.fixture
def gold(tmp_path):
    (tmp_path / "a.txt").write_text("Microsoft investit dans Mistral AI. Orange s’allie à Cirrus.\n", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text(json.dumps({
        "article": "a.txt", "date": None,
        "entities": [{"name": "Microsoft", "type": "Organization", "aliases": []},
                     {"name": "Mistral AI", "type": "Organization", "aliases": ["Mistral", "la startup"]},
                     {"name": "Orange", "type": "Organization", "aliases": []},
                     {"name": "Cirrus", "type": "Organization", "aliases": []}],
        "facts": [{"subject": "Microsoft", "predicate": "investsIn", "object": "Mistral AI"},
                  {"subject": "Orange", "predicate": "partnersWith", "object": "Cirrus"},
                  {"subject": "Microsoft", "predicate": "acquires", "object": "Mistral AI", "modality": "negated"}],
    }), encoding="utf-8")
    return load_gold(tmp_path / "a.gold.json")


def entity(label, *aliases):
    return Entity(key=label.lower().replace(" ", "-"), label=label, type="Organization", aliases=aliases)


def fact(subject, predicate, object_, modality="asserted"):
    return Fact(subject=subject, predicate=predicate, object=object_, sentence="", start=0, end=1, rule="r",
                confidence=0.8, qualifiers=Qualifiers(modality=modality))


def test_aliases_symmetry_and_negation_are_respected(gold):
    microsoft, mistral, orange, cirrus = entity("Microsoft"), entity("MISTRAL", "Mistral IA"), entity("Orange"), entity("Cirrus")
    facts = [fact(microsoft, "investsIn", mistral),            # matches through the alias "Mistral" (case folded)
             fact(cirrus, "partnersWith", orange),             # symmetric: either direction
             fact(microsoft, "acquires", mistral),             # gold says negated: an asserted one is wrong
             fact(orange, "criticizes", cirrus)]               # not in gold
    report = Report(name="t")
    score_article(gold, [microsoft, mistral, orange, cirrus], facts, report)
    assert (report.micro.true_positives, report.micro.predicted, report.micro.expected) == (2, 4, 3)
    assert report.micro.precision == 0.5 and report.micro.recall == pytest.approx(2 / 3)
    assert report.by_relation["partnersWith"].f1 == 1.0
    assert [f[1] for _, f in report.wrong] == ["acquires", "criticizes"]


def test_merge_errors_are_counted(gold):
    split = [entity("Mistral AI"), entity("Mistral")]
    over = [entity("Microsoft", "Orange")]
    report = Report(name="t")
    score_article(gold, split + over + [entity("Cirrus")], [], report)
    assert [s[1] for s in report.split] == ["Mistral AI"]
    assert [o[1] for o in report.over_merged] == ["Microsoft"]


def test_a_broken_gold_file_is_one_clear_error(tmp_path):
    (tmp_path / "b.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a valid gold file"):
        load_gold(tmp_path / "b.gold.json")


GOLD_FILES = sorted((Path(__file__).resolve().parent.parent / "data").glob("*/*.gold.json"))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_files_name_their_entities_as_the_text_writes_them(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    text = load_gold(path).article.text
    names = {entity["name"] for entity in data["entities"]}
    assert data["facts"] and all(f["subject"] in names and f["object"] in names for f in data["facts"])
    assert all(f["predicate"] in relations() for f in data["facts"])
    for entity in data["entities"]:
        for alias in entity.get("aliases", []):
            assert alias in text, f"{entity['name']}: alias {alias!r} is not in the text"
