"""``python -m tests.reliability.scenario CORPUS FOLDER``: ``kg ingest`` of CORPUS into FOLDER/store, killed
twice — the second time after being frozen mid-write while other ``kg`` commands read and wrote the store —
then run to the end; what was seen is written to FOLDER/result.json.

A process of its own, not a thread of the test run: it must stop ``kg ingest`` within milliseconds of seeing
its progress, and a busy test process holds Python's lock for longer than that.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import kg
from kg.validate import check

from .helpers import HERE, ROOT, Progress, graphs


@dataclass
class Observer:
    """A ``kg`` command started in advance (imports done) that runs the moment ``go`` is created."""

    name: str
    args: list
    process: subprocess.Popen = None
    returncode: int = None

    def start(self, go: Path, folder: Path) -> None:
        self.out, self.err = folder / f"{self.name}.out", folder / f"{self.name}.err"
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            command = [sys.executable, str(HERE / "waiting_kg.py"), str(go), *map(str, self.args)]
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=ROOT)

    def finish(self, timeout: float) -> dict:
        self.returncode = self.process.wait(timeout=timeout)
        return {"returncode": self.returncode, "stdout": self.out.read_text(encoding="utf-8"),
                "stderr": self.err.read_text(encoding="utf-8")}


def interrupted_ingest(corpus: Path, folder: Path) -> dict:
    location = folder / "store"
    go = folder / "go"
    record = {"location": str(location), "killed": [], "observers": {}}
    observers = [
        Observer("second_ingest", ["ingest", corpus, "--store", location]),
        Observer("triples", ["triples", "--store", location, "--format", "jsonl"]),
        Observer("query", ["query", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                           "--store", location, "--format", "csv"]),
        Observer("check", ["check", "--store", location]),
        Observer("export", ["export", "--store", location, "--format", "nquads", "-o", folder / "export.nq"]),
    ]
    for observer in observers:  # they import kg while the first runs load the model
        observer.start(go, folder)
    runs = []
    try:
        rng = random.Random(42)
        # 1. killed a few milliseconds after it reported its second article written: in a write, or between
        run = Progress("ingest", corpus, "--store", location)
        runs.append(run)
        assert run.wait_for_added(2) >= 2, f"no progress from kg ingest: {run.output[-300:]!r}"
        time.sleep(rng.random() * 0.03)  # an article takes ~10 ms: land anywhere in the next few
        record["killed"].append(_killed(run, location))
        # 2. frozen (SIGSTOP) while writing: the others read and write the store meanwhile; then killed
        run = Progress("ingest", corpus, "--store", location)
        runs.append(run)
        assert run.wait_for_added(4) >= 4, f"no progress from kg ingest: {run.output[-300:]!r}"
        time.sleep(rng.random() * 0.03)
        run.process.send_signal(signal.SIGSTOP)
        go.touch()
        for observer in observers:
            record["observers"][observer.name] = observer.finish(timeout=120)
        record["killed"].append(_killed(run, location))
        # 3. run again to the end
        rerun = Progress("ingest", corpus, "--store", location)
        runs.append(rerun)
        record["rerun_returncode"] = rerun.finish()
        record["rerun_stdout"] = rerun.stdout
        record["final"] = _lists(graphs(location))
        return record
    finally:  # whatever happened, no kg process outlives the scenario
        for process in [run.process for run in runs] + [observer.process for observer in observers]:
            if process.poll() is None:
                process.kill()
                process.communicate()


def _killed(run: Progress, location: Path) -> dict:
    code = run.kill()
    assert code == -signal.SIGKILL, f"kg ingest ended before it could be killed ({code}): {run.stdout}"
    with kg.open_store(location, read_only=True) as store:
        report = check(store)
    return {"added": run.added(), "graphs": _lists(graphs(location)), "conforms": report.conforms,
            "report": report.lines()}


def _lists(contents: dict) -> dict:
    return {name: sorted(quads) for name, quads in contents.items()}


def main(argv: list[str]) -> None:
    corpus, folder = Path(argv[0]), Path(argv[1])
    try:
        result = {"record": interrupted_ingest(corpus, folder)}
    except Exception as error:  # reported by the tests that read the result
        result = {"error": f"{type(error).__name__}: {error}"}
    (folder / "result.json").write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
