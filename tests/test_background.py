"""The background thread (``kg.background``) and extraction beside parsing (``kg.pipeline.extract_articles``):
results come back in order and the same as in one thread, errors reach the caller, reading stays in the caller's
thread, and Python's switch interval is set back whatever happens."""

from __future__ import annotations

import itertools
import sys
import threading
from pathlib import Path

import pytest

import kg
from kg import pipeline
from kg.background import Background, switch_interval
from kg.errors import InputError
from kg.model import Article

ROOT = Path(__file__).resolve().parent.parent


def test_results_come_back_in_order_from_the_background_thread():
    threads = set()

    def square(number):
        threads.add(threading.current_thread().name)
        return number * number

    results = []
    with Background(square, depth=3, name="squares") as background:
        for number in range(40):
            results += background.put(number)
        results += background.finish()
    assert results == [n * n for n in range(40)]
    assert threads == {"squares"}


def test_a_failed_call_is_raised_in_the_caller_and_stops_the_later_items():
    done = []

    def fragile(number):
        if number == 3:
            raise ValueError("no threes")
        done.append(number)
        return number

    with pytest.raises(ValueError, match="no threes"):
        with Background(fragile, depth=2) as background:
            for number in range(10):
                background.put(number)
            background.finish()
    assert done == [0, 1, 2]


def test_put_waits_when_depth_items_wait():
    release, done = threading.Event(), []
    background = Background(lambda item: release.wait() and done.append(item), depth=2)
    background.put(0)  # taken by the thread, which waits
    background.put(1)
    background.put(2)  # the queue is full now
    third = threading.Thread(target=background.put, args=(3,), daemon=True)
    third.start()
    third.join(0.3)
    assert third.is_alive()  # blocked: memory stays flat
    release.set()
    third.join(5)
    assert not third.is_alive()
    background.finish()
    assert done == [0, 1, 2, 3]


def test_switch_interval_is_set_back_after_an_error():
    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError):
        with switch_interval(0.0001):
            assert sys.getswitchinterval() == pytest.approx(0.0001)
            raise RuntimeError
    assert sys.getswitchinterval() == before


def _articles():
    return [Article(text=path.read_text(encoding="utf-8"), source=str(path))
            for path in sorted((ROOT / "data" / "articles").glob("*.txt"))]


@pytest.mark.model
def test_extraction_beside_parsing_gives_what_one_thread_gives():
    articles = _articles()
    alone = list(pipeline.extract_articles(articles, overlap=False))
    beside = list(pipeline.extract_articles(articles))
    assert [e.article.source for e in beside] == [a.source for a in articles]
    assert beside == alone  # the same quads, in the same order, and fact counts
    assert sum(e.facts for e in beside) > 20


@pytest.mark.model
def test_extraction_runs_in_its_thread_and_reading_in_the_callers(monkeypatch):
    extracting, reading = set(), set()
    real = pipeline.article_quads

    def spying(doc, article):
        extracting.add(threading.current_thread().name)
        return real(doc, article)

    monkeypatch.setattr(pipeline, "article_quads", spying)

    def read():
        for article in _articles()[:3]:
            reading.add(threading.current_thread().name)
            yield article

    before = sys.getswitchinterval()
    assert len(list(pipeline.extract_articles(read()))) == 3
    assert extracting == {"kg-extract"}
    assert reading == {threading.current_thread().name}
    assert sys.getswitchinterval() == before


@pytest.mark.model
def test_an_extraction_error_stops_the_ingest_and_sets_the_switch_interval_back(tmp_path, monkeypatch):
    def broken(doc, article):
        raise RuntimeError(f"extraction bug on {article.source}")

    monkeypatch.setattr(pipeline, "article_quads", broken)
    before = sys.getswitchinterval()
    with kg.open_store(tmp_path / "store", create=True) as store:
        with pytest.raises(RuntimeError, match="extraction bug"):
            kg.ingest([ROOT / "data" / "articles"], store)
        assert not list(store.quads())
    assert sys.getswitchinterval() == before


@pytest.mark.model
def test_a_consumer_that_stops_early_stops_the_extraction_thread():
    text = (ROOT / "data" / "articles" / "rachat-kelvina.fr.txt").read_text(encoding="utf-8")
    endless = (Article(text=f"{text}\n\nArticle {n}.", source=f"a{n}") for n in itertools.count())
    before = sys.getswitchinterval()
    extracted = pipeline.extract_articles(endless)
    assert next(extracted).article.source == "a0"
    extracted.close()
    assert not any(thread.name == "kg-extract" for thread in threading.enumerate())
    assert sys.getswitchinterval() == before


@pytest.mark.model
def test_bad_files_are_reported_from_the_callers_thread(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("La société Kelvina a racheté Norsel en 2023.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\xff\x00\xfe" * 64)
    reported = []

    def on_error(error: InputError):
        reported.append((threading.current_thread().name, str(error)))

    with kg.open_store(tmp_path / "store", create=True) as store:
        summary = kg.ingest([folder], store, on_error=on_error)
    assert summary.added == 1 and len(summary.rejected) == 2
    assert {name for name, _ in reported} == {threading.current_thread().name}
