"""Parsing: whole articles, a sentence break at every paragraph break, offsets into the article text."""

from __future__ import annotations

from unittest import mock

import kg.nlp
from kg.model import Article


def test_a_heading_without_full_stop_is_its_own_sentence():
    text = ("Les pépites lyonnaises lèvent des fonds\n\n"
            "Intertitre sans point\n\n"
            "La société Brenor a levé dix millions d’euros. Elle recrute à Lyon.")
    ((doc, _),) = list(kg.nlp.parse([Article(text=text, source="t")]))
    starts = {sentence.text.strip() for sentence in doc.sents}
    assert "Les pépites lyonnaises lèvent des fonds" in starts
    assert "Intertitre sans point" in starts
    assert doc.text == text


def test_a_text_longer_than_the_window_is_cut_and_joined_back():
    paragraph = "La société Brenor a levé dix millions d’euros auprès de Vantane à Lyon."
    text = "\n\n".join([paragraph] * 12)
    with mock.patch.object(kg.nlp, "WINDOW", 300):
        pieces = [piece for _, piece in kg.nlp._windows(text)]
        ((doc, _),) = list(kg.nlp.parse([Article(text=text, source="t")]))
    assert len(pieces) > 1 and all(len(piece) <= 300 for piece in pieces)
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])  # cut at paragraph breaks
    assert doc.text == text and len(list(doc.sents)) == 12


def test_sentences_only_start_after_end_punctuation_or_a_line_break():
    """The parser alone sometimes cuts a sentence inside a name ("… du Finistère Élise | Marchand a été nommée")."""
    from pathlib import Path

    from kg.readers import read_articles

    root = Path(__file__).resolve().parent.parent
    articles = list(read_articles([root / "data" / "articles", root / "data" / "gold"]))
    for doc, _ in kg.nlp.parse(articles):
        for sentence in list(doc.sents)[1:]:
            before = doc[sentence.start - 1]
            assert before.is_space or before.text[-1] in kg.nlp.SENTENCE_ENDS, (before.text, sentence.text[:40])
