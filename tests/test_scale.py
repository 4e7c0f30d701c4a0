"""Scale out: ``--workers N`` and ``--dask`` give the graph one process gives, byte for byte; ingestion streams
(bounded look-ahead whatever the input size); entity IRIs do not depend on who saw an article first."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

import kg
from kg import pipeline
from kg.cli import _progress_text, main
from kg.model import Article
from kg.resolve import canonical_key
from tests.conftest import ROOT
from tests.corpus import samples_and_variants


def dump(location) -> list[str]:
    """The store's quads as sorted N-Quads lines: no blank nodes, so equal lists are equal graphs."""
    with kg.open_store(location) as store:
        return sorted(f"{quad} ." for quad in store.quads())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The six sample articles and six generated variants of them."""
    return samples_and_variants(tmp_path_factory.mktemp("corpus"), 6)


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory):
    """The store one process builds: the reference."""
    location = tmp_path_factory.mktemp("one") / "store"
    with kg.open_store(location, create=True) as store:
        summary = kg.ingest([corpus], store)
    assert summary.read == summary.added == 12 and not summary.rejected
    return location, summary, dump(location)


@pytest.mark.model
def test_workers_give_the_same_graph_as_one_process(corpus, one_process, tmp_path):
    location = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--store", str(location), "--workers", "2",
                                       "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert result.output == one_process[1].line() + "\n"
    assert dump(location) == one_process[2]


@pytest.mark.model
def test_dask_local_cluster_gives_the_same_graph_as_one_process(corpus, one_process, tmp_path):
    """A real LocalCluster (two worker processes), in its own process as a user runs it."""
    location = tmp_path / "store"
    run = subprocess.run([sys.executable, "-m", "kg", "ingest", str(corpus), "--store", str(location),
                          "--dask", "local", "--batch-size", "3"], capture_output=True, text=True, cwd=tmp_path,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    assert run.stdout == one_process[1].line() + "\n"
    assert dump(location) == one_process[2]


def _model_loads():
    from kg.nlp import load
    return load.cache_info().misses


@pytest.mark.model
def test_dask_workers_load_the_model_once_and_keep_it(corpus, one_process, tmp_path):
    """Through the Python API with a client of one's own: each worker loads spaCy once, for all its batches."""
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) \
            as cluster, Client(cluster) as client:
        with kg.open_store(tmp_path / "store", create=True) as store:
            summary = kg.ingest([corpus], store, dask=client, batch_size=2)
        loads = client.run(_model_loads)
    assert summary.line() == one_process[1].line()
    assert dump(tmp_path / "store") == one_process[2]
    # six batches over two workers: each worker that ran any loaded the model once, not once per batch
    assert set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1


@pytest.mark.model
def test_reverse_order_gives_the_same_graph(corpus, one_process, tmp_path):
    """Entity IRIs come from names alone, not from which article (or worker) met an entity first."""
    paths = sorted((path for path in corpus.rglob("*.txt")), reverse=True)
    location = tmp_path / "store"
    with kg.open_store(location, create=True) as store:
        kg.ingest(paths, store)
    assert dump(location) == one_process[2]


def test_canonical_keys_are_the_same_in_every_process():
    names = ["Mistral AI", "Renault SA", "Microsoft Corp.", "Hélios Assurances", "L’Oréal", "Union européenne"]
    here = [canonical_key(name) for name in names]
    code = "import sys, json; from kg.resolve import canonical_key; print(json.dumps([canonical_key(n) for n in json.load(sys.stdin)]))"
    import json
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-c", code], input=json.dumps(names), capture_output=True, text=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        assert json.loads(run.stdout) == here
    assert here[:3] == ["mistral-ai", "renault", "microsoft"]


def test_map_batches_keeps_order_and_bounds_what_is_read_ahead():
    read = itertools.count(1)

    def endless():  # an input that never ends: only a streaming map can give its first results
        for number in itertools.count():
            next(read)
            yield Article(text=f"article {number}", source=f"a{number}")

    class Done:
        def __init__(self, value):
            self.value = value

        def result(self):
            return self.value

    submitted = []

    def submit(batch):
        submitted.append(len(batch))
        return Done([pipeline.Extracted(article, [], 0) for article in reversed(batch)][::-1])

    results = list(itertools.islice(pipeline.map_batches(submit, endless(), batch_size=5, in_flight=3), 12))
    assert [item.article.source for item in results] == [f"a{n}" for n in range(12)]
    assert next(read) - 1 <= 12 + 3 * 5  # what was read: what was used, plus at most in_flight batches
    assert set(submitted) == {5}


@pytest.mark.model
def test_one_process_reads_ahead_a_bounded_number_of_articles():
    read = itertools.count(1)
    text = (ROOT / "data" / "articles" / "rachat-kelvina.fr.txt").read_text(encoding="utf-8")

    def endless():
        for number in itertools.count():
            next(read)
            yield Article(text=f"{text}\n\nArticle {number}.", source=f"a{number}")

    first = list(itertools.islice(pipeline.extract_articles(endless()), 2))
    assert [item.article.source for item in first] == ["a0", "a1"] and first[0].quads
    assert next(read) - 1 <= 100


def test_count_articles(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / "sub" / ".hidden.txt").write_text("x")
    (tmp_path / "sub" / "notes.pdf").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x")
    assert pipeline.count_articles([tmp_path, tmp_path / "a.txt", tmp_path / "missing.txt"]) == 3
    (tmp_path / "lines.jsonl").write_text("{}\n")
    assert pipeline.count_articles([tmp_path]) is None  # counting lines would read the input twice
    assert pipeline.count_articles(["-"]) is None


def test_progress_text(monkeypatch):
    import time
    monkeypatch.setattr(time, "monotonic", lambda: 1000.0)
    start = 990.0
    assert _progress_text(count=21, total=200, errors=0, start=start) == "21/200 articles, 2.0/s, 1:29 left, 0 errors"
    assert _progress_text(count=21, total=200, errors=1, start=start) == "22/200 articles, 2.0/s, 1:29 left, 1 error"
    assert _progress_text(count=21, total=None, errors=0, start=start) == "21 articles, 2.0/s, 0 errors"
    assert _progress_text(count=1, total=9, errors=2, start=1000.0) == "3/9 articles, 2 errors"


def test_workers_and_dask_options_are_checked(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(tmp_path), "--store", str(tmp_path / "s"), "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output
    result = runner.invoke(main, ["ingest", str(tmp_path), "--store", str(tmp_path / "s"), "--workers", "2",
                                  "--dask", "local"])
    assert result.exit_code == 2 and "not both" in result.output
    with pytest.raises(kg.ConfigError, match="at least 1"):
        with kg.open_store(tmp_path / "s2", create=True) as store:
            kg.ingest([tmp_path], store, n_process=0)


def test_an_unreachable_dask_scheduler_is_a_clear_error(tmp_path):
    import socket
    with socket.socket() as probe:  # a free port on the loopback, with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (tmp_path / "a.txt").write_text("Orange a signé un partenariat avec Cirrus.\n", encoding="utf-8")
    from kg.distributed import dask_client
    with pytest.raises(kg.ConfigError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        with dask_client(f"tcp://127.0.0.1:{port}", timeout="2s"):
            pass
