"""Fuzzing (hypothesis): whatever the bytes or the text, no exception escapes but ``KGError``, and every fact's
evidence is its article's text at the stated offsets."""

from __future__ import annotations

import io
import json
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
import kg.nlp
from kg.errors import KGError
from kg.model import Article, normalise_text
from kg.readers import read_articles
from kg.readers.decode import clean

from .helpers import ORGANISATIONS, PEOPLE, STARTUPS

SUFFIXES = [".txt", ".md", ".html", ".jsonl", ""]


def read_all(data: bytes, suffix: str, folder) -> list[Article]:
    """Read ``data`` as a file with ``suffix`` (or from stdin when there is none); only InputError may come."""
    errors: list = []
    if suffix:
        path = folder / f"fuzz{suffix}"
        path.write_bytes(data)
        found = list(read_articles([path], on_error=errors.append))
    else:
        found = list(read_articles(["-"], stdin=io.BytesIO(data), on_error=errors.append))
    assert all(isinstance(error, KGError) for error in errors)
    for article in found:
        assert article.text.strip() and article.text == normalise_text(article.text)
        assert not any(0xD800 <= ord(c) <= 0xDFFF or c == "\x00" for c in article.text)
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_readers_take_any_bytes(folder, data, suffix):
    read_all(data, suffix, folder)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=1000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252", "latin-1"]),
       suffix=st.sampled_from(SUFFIXES))
def test_readers_take_any_text_in_any_encoding(folder, text, encoding, suffix):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    read_all(data, suffix, folder)


TAGS = ["div", "p", "span", "script", "style", "article", "main", "nav", "table", "tr", "td", "b", "iframe",
        "noscript", "template", "svg", "math", "title", "h1", "li", "!--", "![CDATA[", "?xml"]
html_piece = st.one_of(
    st.sampled_from(TAGS).map(lambda tag: f"<{tag}>"),
    st.sampled_from(TAGS).map(lambda tag: f"</{tag}>"),
    st.text(max_size=40),
    st.sampled_from(["&lt;script&gt;", "&amp;", "&#0;", "&#xD800;", "<meta charset=\"utf-16\">", "-->", "]]>"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(html_piece, max_size=60), depth=st.sampled_from([0, 1, 255, 257, 2047, 2049, 3000]))
def test_the_html_reader_takes_any_markup(folder, pieces, depth):
    # depths around libxml2's limits: 256 without huge_tree, 2048 with it
    page = "<html><body>" + "<div>" * depth + "".join(pieces)
    read_all(page.encode("utf-8", "surrogatepass"), ".html", folder)


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=3), max_leaves=8)
jsonl_line = st.one_of(
    st.fixed_dictionaries({"text": st.text(max_size=200)}, optional={"title": json_value, "date": json_value,
                                                                       "url": json_value, "lang": json_value}),
    json_value,
).map(lambda value: json.dumps(value, allow_nan=True)) | st.text(max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(jsonl_line, max_size=12))
def test_the_jsonl_reader_takes_any_lines(folder, lines):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    read_all(data, ".jsonl", folder)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=3000) | st.text(alphabet="ab \n", max_size=3000),
       window=st.integers(5, 200))
def test_parse_windows_cover_the_text_exactly(text, window):
    with mock.patch.object(kg.nlp, "WINDOW", window):
        pieces = [piece for _, piece in kg.nlp._windows(text)]
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= window for piece in pieces)


# ---- The extractor on French-ish text, with the real model ----------------------------------------------

VERBS = ["investit dans", "a investi 15 millions d’euros dans", "rachète", "a racheté",
         "a signé un partenariat avec", "critique", "soutient", "dirige", "a fondé", "n’a pas investi dans",
         "devrait racheter", "concurrence", "enquête sur", "sanctionne", "fait pression contre"]
NAMES = ORGANISATIONS + STARTUPS + PEOPLE + ["la Commission européenne", "l’Autorité de la concurrence", "Paris",
                                             "elle", "le groupe", "la start-up"]
name = st.sampled_from(NAMES)
noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
sentence = st.builds(
    lambda subject, verb, object_, before, after, end: f"{before}{subject} {verb} {object_}{after}{end}",
    name, st.sampled_from(VERBS), name,
    st.sampled_from(["", "Selon Les Echos, ", "Lundi, ", "« ", "— "]) | noise,
    st.sampled_from(["", ", a annoncé le groupe", " en 2024", " »", " (AFP)"]) | noise,
    st.sampled_from([".", ". ", "!", "?", "\n\n", "…", ""]),
)
french_text = st.lists(sentence | noise, min_size=1, max_size=4).map(" ".join)


@pytest.mark.model
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=french_text)
def test_every_fact_has_its_evidence_at_its_offsets(text):
    text = normalise_text(clean(text))
    if not text.strip():
        return
    article = Article(text=text, source="fuzz.txt")
    try:
        facts = kg.extract_article(article)
    except KGError:
        return
    for fact in facts:
        assert 0 <= fact.start < fact.end <= len(article.text)
        assert article.text[fact.start:fact.end] == fact.sentence
        assert fact.subject.label and fact.object.label
        assert 0.0 <= fact.confidence <= 1.0
        assert fact.qualifiers.modality in {"asserted", "reported", "expected", "negated"}


# ---- Hypothesis itself writes nothing outside tmp_path ------------------------------------------------------

def test_hypothesis_has_no_database_and_its_folder_is_under_pytest_tmp(tmp_path_factory):
    from hypothesis.configuration import storage_directory

    assert settings().database is None
    assert storage_directory().path == tmp_path_factory.getbasetemp() / "hypothesis"


def test_a_hypothesis_run_creates_no_folder_in_the_working_directory(hypothesis_in_a_fresh_directory):
    """pytest runs one property test from an empty working directory (in the background: see conftest.py):
    nothing appears there."""
    result, left = hypothesis_in_a_fresh_directory
    assert result.returncode == 0, result.stdout + result.stderr
    assert left == []
