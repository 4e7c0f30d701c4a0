"""Fixtures of the reliability suite: a corpus of generated articles, its store from one clean run, and one
interrupted run of ``kg ingest`` observed from outside (killed twice, read and written to meanwhile, re-run).

The slow scenarios run in subprocesses (each ``kg ingest`` loads the language model): they are started in a
background thread when the session starts, and the tests that look at them are moved to the end, so the
scenario runs while the rest of the suite does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

import kg

from .helpers import HERE, ROOT, graphs, write_corpus

CORPUS_SIZE = 60  # kg ingest writes ~100 short articles a second: enough to stop it half-way


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), CORPUS_SIZE)


@pytest.fixture(scope="session")
def clean_run(corpus, tmp_path_factory):
    """The store one uninterrupted ingest of the corpus gives, and its contents by graph."""
    location = tmp_path_factory.mktemp("clean") / "store"
    with kg.open_store(location, create=True) as store:
        summary = kg.ingest([corpus], store)
    assert summary.added == CORPUS_SIZE and not summary.rejected
    return location, graphs(location)


@dataclass
class InterruptedIngest:
    """What happened to a store while ``kg ingest`` of the corpus was killed twice (the second time after
    being frozen mid-write while other ``kg`` commands read and wrote the store), then run to the end
    (``tests/reliability/scenario.py``)."""

    folder: Path
    location: Path
    killed: list  # per kill: {"added": articles the run reported written, "graphs": contents, "conforms", "report"}
    observers: dict  # name -> {"returncode", "stdout", "stderr"}, run while the second ingest was frozen
    rerun_returncode: int
    rerun_stdout: str
    final: dict  # graph -> frozenset of N-Quads lines


def run_interrupted_ingest(corpus: Path, folder: Path) -> InterruptedIngest:
    """The scenario, in a process of its own (see scenario.py)."""
    subprocess.run([sys.executable, "-m", "tests.reliability.scenario", str(corpus), str(folder)], cwd=ROOT,
                   check=True, timeout=600)
    result = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    assert "error" not in result, result.get("error")
    record = result["record"]
    for kill in record["killed"]:
        kill["graphs"] = _frozen(kill["graphs"])
    return InterruptedIngest(folder=folder, location=Path(record["location"]), killed=record["killed"],
                             observers=record["observers"], rerun_returncode=record["rerun_returncode"],
                             rerun_stdout=record["rerun_stdout"], final=_frozen(record["final"]))


def _frozen(contents: dict) -> dict:
    return {name: frozenset(quads) for name, quads in contents.items()}


def run_hypothesis_in_a_fresh_directory(corpus: Path, folder: Path) -> tuple[subprocess.CompletedProcess, list]:
    """One property test run by pytest from an empty working directory: what it leaves there."""
    work = folder / "work"
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "HYPOTHESIS_STORAGE_DIRECTORY"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT),
         "-c", str(ROOT / "pyproject.toml"), "--basetemp", str(folder / "basetemp"),
         f"{HERE / 'test_fuzz.py'}::test_parse_windows_cover_the_text_exactly"],
        cwd=work, env=env, capture_output=True, text=True, timeout=300)
    return result, sorted(path.name for path in work.iterdir())


SCENARIOS = {"interrupted_ingest": run_interrupted_ingest,
             "hypothesis_in_a_fresh_directory": run_hypothesis_in_a_fresh_directory}


class Background:
    """A scenario running in a thread (it waits for its subprocess); ``result()`` waits for it."""

    def __init__(self, scenario, *args):
        self.value = self.error = None
        self.thread = threading.Thread(target=self._run, args=(scenario, *args), daemon=True)
        self.thread.start()

    def _run(self, scenario, *args):
        try:
            self.value = scenario(*args)
        except BaseException as error:  # re-raised in the test that asks for the result
            self.error = error

    def result(self):
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.value


def _uses(item, name: str) -> bool:
    return name in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config, items):
    """Tests that look at a background scenario go last: by then it has finished."""
    items[:] = ([item for item in items if not any(_uses(item, name) for name in SCENARIOS)]
                + [item for item in items if any(_uses(item, name) for name in SCENARIOS)])


@pytest.fixture(scope="session", autouse=True)
def background_scenarios(request, tmp_path_factory):
    started = {}
    for name, scenario in SCENARIOS.items():
        if any(_uses(item, name) for item in request.session.items):
            started[name] = Background(scenario, request.getfixturevalue("corpus"), tmp_path_factory.mktemp(name))
    yield started
    for run in started.values():
        run.thread.join()  # never leave a kg process running after the session


@pytest.fixture(scope="session")
def interrupted_ingest(background_scenarios) -> InterruptedIngest:
    return background_scenarios["interrupted_ingest"].result()


@pytest.fixture(scope="session")
def hypothesis_in_a_fresh_directory(background_scenarios):
    return background_scenarios["hypothesis_in_a_fresh_directory"].result()
