"""Benchmark ``kg ingest`` at scale: throughput against spaCy alone, ``--workers 2`` against one process, peak
memory on a large corpus against a small one, and a SPARQL server store against the embedded one.

It generates a corpus of N articles (default 2,000) from the sample articles of ``data/articles/`` by varying
their names, numbers and dates (``tests/corpus.py``), in a temporary folder, and runs each measurement as its own
process — ``kg ingest`` exactly as a user runs it, with ``--quiet`` — timing its wall clock and reading, from
``wait4``, its CPU time (workers included) and peak resident memory (``ru_maxrss``: the largest of the ingest
process and the workers it started):

1. spaCy alone: ``fr_core_news_md`` (loaded as kg loads it) over the same article texts with ``nlp.pipe``;
2. ``kg ingest`` of the N articles, one process (read → parse → extract → resolve → RDF → embedded store);
3. ``kg ingest --workers 2`` of the N articles;
4. ``kg ingest`` of the first N/10 articles (memory: N against N/10 should be flat);
5. ``kg ingest`` of the same N/10 articles into an Oxigraph server (``oxigraph serve`` on 127.0.0.1).

    python bench/bench_ingest.py                 # 2,000 articles (~15 min on 2 idle cores)
    python bench/bench_ingest.py --articles 300  # smaller

Every figure is a ratio between runs of the same script on the same machine. The machine's load average is
printed too: other processes sharing the cores make wall-clock ratios (the speed-up above all) unreliable,
so CPU times are printed next to them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import generate_corpus  # noqa: E402

SPACY_ALONE = """
import sys, spacy, kg
from kg.nlp import MODELS
nlp = spacy.load(MODELS["fr"], exclude=["senter"])
texts = [article.text for article in kg.read_articles([sys.argv[1]])]
for doc in nlp.pipe(texts, batch_size=16):
    pass
print(len(texts))
"""


class Run:
    """One measured process: wall seconds, CPU seconds (its own and its waited-for children's), peak RSS (MB)."""

    def __init__(self, name: str, command: list[str]):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
            _, status, usage = os.wait4(process.pid, 0)  # this process's own resource use, peak RSS included
            self.wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            self.stdout, self.stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        self.cpu = usage.ru_utime + usage.ru_stime
        self.peak_mb = usage.ru_maxrss / 1024
        self.name = name
        if process.returncode != 0:
            raise SystemExit(f"{name} failed ({process.returncode}):\n{self.stderr[-3000:]}")

    def line(self, articles: int) -> str:
        return (f"  {self.name:<34} {self.wall:8.1f} s wall  {articles / self.wall:6.2f} articles/s  "
                f"{self.cpu:8.1f} s CPU (process + workers)  peak RSS {self.peak_mb:7.0f} MB")


def kg_ingest(*args) -> list[str]:
    return [sys.executable, "-m", "kg", "ingest", *map(str, args), "--quiet"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_oxigraph(folder: Path) -> tuple[subprocess.Popen, str]:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        raise SystemExit("the oxigraph server is not installed: pip install oxigraph")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for _ in range(300):
        try:
            request = urllib.request.Request(f"{url}/query", data=b"ASK {}", method="POST",
                                             headers={"Content-Type": "application/sparql-query"})
            with opener.open(request, timeout=2):
                return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("oxigraph serve did not start")


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--small", type=int, default=None, help="small corpus for the memory and remote runs "
                                                                "(default: a tenth of --articles)")
    parser.add_argument("--skip-remote", action="store_true", help="no Oxigraph server run")
    options = parser.parse_args()
    large, small = options.articles, options.small or max(options.articles // 10, 1)

    with tempfile.TemporaryDirectory(prefix="kg-bench-ingest-") as temporary:
        work = Path(temporary)
        generate_corpus(work / "large", large)
        generate_corpus(work / "small", small)  # the first `small` articles of the large corpus
        size = sum(path.stat().st_size for path in (work / "large").iterdir())
        print(f"corpus: {large} articles ({size / 1e6:.1f} MB of text) generated from {ROOT / 'data' / 'articles'}; "
              f"small corpus: {small}")
        print(f"cores: {os.cpu_count()}, load average at start: {load()}")

        spacy_alone = Run("spaCy alone (nlp.pipe)", [sys.executable, "-c", SPACY_ALONE, work / "large"])
        one = Run("kg ingest (1 process)", kg_ingest(work / "large", "--store", work / "one"))
        two = Run("kg ingest --workers 2", kg_ingest(work / "large", "--store", work / "two", "--workers", 2))
        small_one = Run(f"kg ingest (1 process, {small} articles)", kg_ingest(work / "small", "--store", work / "s1"))
        remote = None
        if not options.skip_remote:
            server, url = start_oxigraph(work / "server")
            try:
                remote = Run(f"kg ingest --store {url} ({small})", kg_ingest(work / "small", "--store", url))
            finally:
                server.terminate()
                server.wait(timeout=30)
        print(f"load average at end: {load()}")
        print("runs:")
        for run, articles in ((spacy_alone, large), (one, large), (two, large), (small_one, small), (remote, small)):
            if run is not None:
                print(run.line(articles))
        print(f"  ({one.stdout.strip()})")
        print("results:")
        throughput = spacy_alone.wall / one.wall
        print(f"  single-process throughput / spaCy alone:  {throughput:.2f}  (target >= 0.85; "
              f"CPU-time ratio {spacy_alone.cpu / one.cpu:.2f})")
        print(f"  --workers 2 speed-up over 1:              {one.wall / two.wall:.2f}x  (target >= 1.6x; CPU time "
              f"of 2 workers / 1 process {two.cpu / one.cpu:.2f}: the work parallelism adds)")
        print(f"  peak RSS {large} / {small} articles:        {one.peak_mb / small_one.peak_mb:.2f}  "
              f"({one.peak_mb:.0f} MB / {small_one.peak_mb:.0f} MB; target <= 1.3)")
        if remote is not None:
            print(f"  remote store / embedded throughput:      {small_one.wall / remote.wall:.2f}  "
                  f"({small} articles; Oxigraph server on 127.0.0.1)")


if __name__ == "__main__":
    main()
