"""The closed namespace mirrors the ontology; the lexicon names only ontology relations."""

from __future__ import annotations

from rdflib import RDF, OWL

from kg.extract.lexicon import load_lexicon
from kg.vocab import KG, classes, ontology, relations


def test_namespace_matches_ontology():
    declared = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        declared |= {str(term) for term in ontology().subjects(RDF.type, kind) if str(term).startswith(str(KG._NS))}
    mirrored = {str(KG._NS) + name for name in KG.__annotations__}
    assert declared == mirrored


def test_every_relation_has_labels_definition_domain_range():
    found = relations()
    for name in ["investsIn", "partnersWith", "acquires", "acquiresStakeIn", "develops", "investigates", "regulates",
                 "lobbiesAgainst", "worksFor", "holdsPosition", "basedIn", "competesWith", "supports", "criticizes"]:
        info = found[name]
        assert info.labels.get("en") and info.labels.get("fr") and info.definition
        assert info.domain in classes() and info.range in classes()
    assert found["partnersWith"].symmetric and not found["investsIn"].symmetric


def test_lexicon_frames_name_ontology_relations():
    lexicon = load_lexicon("fr")
    assert {frame.relation for frame in lexicon.frames} <= set(relations())
    assert lexicon.verb_index and lexicon.noun_index and lexicon.role_index


def test_unknown_namespace_term_fails_loudly():
    import pytest
    with pytest.raises(AttributeError):
        KG.investIn  # noqa: B018
