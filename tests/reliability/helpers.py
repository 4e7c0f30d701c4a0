"""What the reliability tests share: a corpus of generated articles, store contents, kg in a subprocess."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

import kg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

ORGANISATIONS = ["Renault", "Airbus", "Thales", "Orange", "Dassault Systèmes", "Capgemini", "Safran", "Atos",
                 "Ubisoft", "Michelin"]
STARTUPS = ["Mistral AI", "Kelvina", "Helios Robotics", "Pasqal", "Ynsect", "Alan", "Qonto", "Doctolib",
            "Back Market", "Contentsquare", "Sorare"]
PEOPLE = ["Anne Dupont", "Marc Lefèvre", "Claire Martin", "Julien Bernard", "Sophie Laurent", "Paul Girard"]


def article_text(n: int) -> str:
    """A short French article with a few facts; every ``n`` gives a different text."""
    org, startup, other = ORGANISATIONS[n % 10], STARTUPS[n % 11], STARTUPS[(n + 3) % 11]
    person = PEOPLE[n % 6]
    return (f"Dépêche numéro {n}\n\n"
            f"{org} investit {10 + n} millions d’euros dans {startup}, la start-up parisienne.\n\n"
            f"{person}, directrice générale de {org}, a signé un partenariat avec {other}.\n\n"
            f"Selon Les Echos, {org} devrait racheter {other} l’an prochain.\n\n"
            f"{startup} n’a pas investi dans {other}, a précisé {person}.\n")


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"depeche-{n:03d}.txt").write_text(article_text(n), encoding="utf-8")
    return folder


def graphs(location) -> dict[str, frozenset[str]]:
    """Every named graph of the store at ``location`` and its quads, as N-Quads lines (kg mints no blank nodes)."""
    found: dict[str, set[str]] = {}
    with kg.open_store(location, read_only=True) as store:
        for quad in store.quads():
            if isinstance(quad.graph_name, ox.NamedNode):
                found.setdefault(quad.graph_name.value, set()).add(str(quad))
    return {name: frozenset(quads) for name, quads in found.items()}


def fact_count(contents: dict[str, frozenset[str]]) -> int:
    assertion = "<https://w3id.org/kgnews/ontology#Assertion>"
    return sum(1 for quads in contents.values() for quad in quads if quad.split(" ")[2] == assertion)


def kg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *map(str, args)]


class Progress:
    """``kg ingest`` in a subprocess whose standard error is a terminal, so it prints its live progress
    (``ingesting: 3 articles (added: …)``, written after each article's transaction): the test knows how many
    articles were committed without opening the store."""

    def __init__(self, *args: str):
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(kg_command(*args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=slave, cwd=ROOT)
        os.close(slave)
        self.output = b""

    def added(self) -> int:
        return len(re.findall(rb"\(added: ", self.output))

    def wait_for_added(self, count: int, *, timeout: float = 120) -> int:
        """Read progress until ``count`` articles were added in this run (or the process ended)."""
        deadline = time.monotonic() + timeout
        while self.added() < count and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the terminal closed: the process ended
                    break
                if not chunk:
                    break
                self.output += chunk
            elif self.process.poll() is not None:
                break
        return self.added()

    def kill(self) -> int:
        self.process.send_signal(signal.SIGKILL)
        return self.finish()

    def finish(self, timeout: float = 300) -> int:
        stdout, _ = self.process.communicate(timeout=timeout)
        self.stdout = stdout.decode("utf-8", "replace")
        if self.master is not None:
            self.wait_for_added(10**9, timeout=0.5)
            os.close(self.master)
            self.master = None
        return self.process.returncode


class Listener:
    """A TCP port on 127.0.0.1 that records every connection made to it: proof that nothing reached for the
    network (any request kg should never make would come here)."""

    def __init__(self):
        import socket
        import threading

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        import socket

        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self):
        self._stop.set()
        self._thread.join()
        self.socket.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


HOSTILE_NAMES = [
    'Robert"); DROP ALL; --',
    '"} } ; DROP ALL ; INSERT DATA { GRAPH <http://evil/> { <http://evil/s> <http://evil/p> "o" } } #',
    "<script>alert('x')</script>",
    "javascript:alert(1)",
    "Ligne\nsuivante > et { accolades }",
    "Ante\\u0022 \\\" slash",
    "% 20 %2F ../../etc/passwd ?q=1#frag",
    "   ",
    "Ünïcödé 数据 😀 \u202e",
]


def article_with(names: list[str], *, modality: str = "asserted"):
    """An article naming ``names`` (one sentence each, ``A investit dans NAME.``) and its entities and facts,
    with exact offsets: what the pipeline would hand to :func:`kg.rdf.to_quads`, built by hand."""
    from kg.model import Article, Entity, Fact, Qualifiers
    from kg.resolve import canonical_key

    investor = Entity(key="airbus", label="Airbus", type="Organization")
    sentences, entities, facts, offset = [], [investor], [], 0
    for name in names:
        sentence = f"Airbus investit dans {name}."
        target = Entity(key=canonical_key(name), label=name, type="Organization", aliases=(name + " SA",))
        entities.append(target)
        facts.append(Fact(subject=investor, predicate="investsIn", object=target, sentence=sentence, start=offset,
                          end=offset + len(sentence), rule="test:investsIn", confidence=0.75,
                          qualifiers=Qualifiers(modality=modality, attribution=name, amount=1e6, currency="EUR")))
        sentences.append(sentence)
        offset += len(sentence) + 2
    article = Article(text="\n\n".join(sentences), source="hostile.txt", title=names[0] if names else None)
    return article, entities, facts
