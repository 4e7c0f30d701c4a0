"""Cheap reads of morphology and sentences (kg.extract.access) answer what spaCy answers."""

from __future__ import annotations

import kg.nlp
from kg.extract import access
from kg.model import Article

TEXT = ("La néobanque Kapita a été sanctionnée. Elle n'a pas fait appel.\n\n"
        "Ses dirigeants, qui auraient ignoré les alertes, seront entendus lundi par les juges.")


def _doc():
    ((doc, _),) = list(kg.nlp.parse([Article(text=TEXT, source="t")]))
    return doc


def test_features_are_what_spacy_morph_gives():
    doc = _doc()
    for token in doc:
        for name in ("Gender", "Number", "VerbForm", "PronType", "Poss", "Person", "Mood", "Polarity", "Tense"):
            assert access.feature(token, name) == token.morph.get(name)
            for value in token.morph.get(name):
                assert access.has_feature(token, name, value)
        assert not access.has_feature(token, "Gender", "Neut")


def test_the_sentence_index_gives_the_same_sentences_and_is_removed():
    doc = _doc()
    expected_tokens = [(token.sent.start, token.sent.end) for token in doc]
    expected_spans = [(doc[i:j].sent.start, doc[i:j].sent.end) for i in range(len(doc)) for j in (i + 1, i + 3)
                      if j <= len(doc)]
    expected_sents = [(s.start, s.end) for s in doc.sents]
    assert len(expected_sents) >= 3
    access.sentence_index(doc)
    assert "sent" in doc.user_token_hooks
    assert [(token.sent.start, token.sent.end) for token in doc] == expected_tokens
    assert [(doc[i:j].sent.start, doc[i:j].sent.end) for i in range(len(doc)) for j in (i + 1, i + 3)
            if j <= len(doc)] == expected_spans
    assert [(s.start, s.end) for s in doc.sents] == expected_sents
    access.drop_sentence_index(doc)
    assert "sent" not in doc.user_token_hooks and "sents" not in doc.user_hooks
    assert [(s.start, s.end) for s in doc.sents] == expected_sents


def test_extraction_leaves_no_hook_on_the_doc():
    from kg.extract import extract

    doc = _doc()
    items = list(extract(doc, Article(text=TEXT, source="t")))
    assert items
    assert not doc.user_token_hooks and not doc.user_span_hooks and "sents" not in doc.user_hooks


def test_spans_and_texts_under_an_index_are_spacys():
    doc = _doc()
    access.sentence_index(doc, TEXT)
    try:
        for sentence in doc.sents:
            assert access.text_of(sentence) == sentence.text
        for start, end in ((0, 2), (3, 14), (13, 20), (5, 5)):
            expected = doc.char_span(start, end, alignment_mode="expand")
            got = access.span_at(doc, start, end)
            assert (got is None and expected is None) or (got.start, got.end) == (expected.start, expected.end)
            assert access.span_at(doc, start, end) is got  # made once
        assert access.doc_text(doc) is TEXT
    finally:
        access.drop_sentence_index(doc)
    assert access.doc_text(doc) == TEXT and access.text_of(doc[0:3]) == doc[0:3].text


def test_a_text_that_is_not_the_docs_is_refused():
    import pytest

    doc = _doc()
    with pytest.raises(ValueError):
        access.sentence_index(doc, "Un autre texte, d'une autre longueur que celui de l'article.")
