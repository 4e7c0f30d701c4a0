"""The writer thread (``kg.writer``): articles are written in the order given, a failed write stops the run with
its own error and leaves every stored article whole, and what travels between processes comes back exactly."""

from __future__ import annotations

import pickle
import threading

import pyoxigraph as ox
import pytest

import kg
from kg import pipeline
from kg.errors import StoreError
from kg.model import Article
from kg.rdf import article_iri
from kg.writer import Writer


def test_items_are_written_in_order_and_handed_back():
    written = []
    with Writer(written.append, depth=2) as writer:
        handed_back = []
        for item in range(50):
            handed_back += writer.put(item)
        handed_back += writer.finish()
    assert written == list(range(50))
    assert handed_back == list(range(50))


def test_put_waits_when_the_writer_is_depth_items_behind():
    release = threading.Event()
    written = []

    def slow(item):
        release.wait(10)
        written.append(item)

    with Writer(slow, depth=2) as writer:
        writer.put(0)  # taken by the thread, which waits
        writer.put(1)
        writer.put(2)  # the queue is full now
        third = threading.Thread(target=writer.put, args=(3,))
        third.start()
        third.join(0.3)
        assert third.is_alive()  # back-pressure: the caller waits for the store
        release.set()
        third.join(10)
        assert not third.is_alive()
        writer.finish()
    assert written == [0, 1, 2, 3]


def test_a_failed_write_is_raised_in_the_caller_and_nothing_after_it_is_written():
    written = []

    def write(item):
        if item == 3:
            raise StoreError("disk full")
        written.append(item)

    with pytest.raises(StoreError, match="disk full"):
        with Writer(write, depth=4) as writer:
            for item in range(20):
                writer.put(item)
            writer.finish()
    assert written == [0, 1, 2]


def test_leaving_on_an_error_writes_no_more():
    started, release = threading.Event(), threading.Event()
    written = []

    def write(item):
        started.set()
        release.wait(10)
        written.append(item)

    with pytest.raises(KeyboardInterrupt):
        with Writer(write, depth=8) as writer:
            for item in range(5):
                writer.put(item)
            assert started.wait(10)  # item 0 is being written when the caller fails
            threading.Timer(0.3, release.set).start()
            raise KeyboardInterrupt
    assert written == [0]  # the article being written is finished (whole), the queued ones are dropped


def _quads(article: Article) -> list[ox.Quad]:
    graph = article_iri(article.id)
    return [ox.Quad(graph, ox.NamedNode("http://example.org/text"), ox.Literal(article.text), graph)]


def _fake_extract(articles):
    """Extraction without spaCy: one quad per article holding its text."""
    for article in articles:
        yield pipeline.Extracted(article, _quads(article), 1)


def test_ingest_stops_on_a_failed_store_write_with_the_articles_before_it_whole(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(12):
        (folder / f"{number:02d}.txt").write_text(f"Article numéro {number}.\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "extract_articles", _fake_extract)
    with kg.open_store(tmp_path / "store", create=True) as store:
        real = store.replace_graph
        calls = []

        def failing(graph, quads, drop=()):
            calls.append(graph)
            if len(calls) == 5:
                raise StoreError(f"{store.path}: could not write (No space left on device)")
            real(graph, quads, drop=drop)

        monkeypatch.setattr(store, "replace_graph", failing)
        seen = []
        with pytest.raises(StoreError, match="No space left"):
            kg.ingest([folder], store, on_article=lambda article, status: seen.append(article.source))
        monkeypatch.setattr(store, "replace_graph", real)
        texts = sorted(str(quad.object.value) for quad in store.quads())
    assert texts == [f"Article numéro {number}." for number in range(4)]  # the four before it, whole
    assert len(seen) <= 4 and all(source.endswith(f"{n:02d}.txt") for n, source in enumerate(seen))
    with kg.open_store(tmp_path / "store") as store:  # running again writes the rest
        monkeypatch.setattr(pipeline, "extract_articles", _fake_extract)
        summary = kg.ingest([folder], store)
        assert (summary.added, summary.unchanged) == (8, 4)
        assert len(list(store.quads())) == 12


HOSTILE_TEXTS = ["plain", 'quote " and \\ backslash', "line\nbreak\r\ttab", "emoji 🦜 \u202f\u00a0",
                 "<script>alert(1)</script> .", "\x00\x01 control", "a\u2028b"]


def _text_quads(article: Article) -> list[ox.Quad]:
    graph = article_iri(article.id)
    text = article.text
    return [ox.Quad(graph, ox.NamedNode("http://example.org/text"), ox.Literal(text), graph),
            ox.Quad(graph, ox.NamedNode("http://example.org/fr"), ox.Literal(text, language="fr"), graph),
            ox.Quad(graph, ox.NamedNode("http://example.org/n"),
                    ox.Literal("0.85", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), graph)]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_extracted_articles_travel_between_processes_exactly(text):
    article = Article(source="hostile.txt", text=text)
    quads = _text_quads(article)
    extracted = pipeline.Extracted(article, quads, 3)
    back = pickle.loads(pickle.dumps(extracted))
    assert back.nquads is not None  # kept as it came until read
    assert back == extracted and back.quads == quads
    assert pickle.loads(pickle.dumps(back)) == extracted  # and sent on again
    assert pickle.loads(pickle.dumps(pipeline.Extracted(article, [], 0))).quads == []


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_an_article_from_a_worker_is_stored_from_its_n_quads_as_from_its_quads(tmp_path, text):
    article = Article(source="hostile.txt", text=text)
    graph, quads = article_iri(article.id), _text_quads(article)
    nquads = pickle.loads(pickle.dumps(pipeline.Extracted(article, quads, 3))).nquads
    with kg.open_store(tmp_path / "a", create=True) as loaded, kg.open_store(tmp_path / "b", create=True) as added:
        assert loaded.load_new_graph(graph, nquads)
        assert not loaded.load_new_graph(graph, nquads)  # already stored: nothing written twice
        added.replace_graph(graph, quads)
        assert sorted(map(str, loaded.quads())) == sorted(map(str, added.quads()))
        assert loaded._unflushed == added._unflushed == len(quads)  # quads counted towards the next flush
