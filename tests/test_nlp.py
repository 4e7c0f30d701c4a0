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
