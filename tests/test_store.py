from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.rdf import article_iri
from kg.store import MARKER, open_store


def quad(graph, n):
    return ox.Quad(ox.NamedNode(f"http://e/s{n}"), ox.NamedNode("http://e/p"), ox.Literal(f"v{n}"), graph)


def test_missing_store_is_an_error_not_an_empty_store(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "typo")
    assert not (tmp_path / "typo").exists()


def test_refuses_a_folder_of_user_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a kg store"):
        open_store(tmp_path, create=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_second_opener_gets_a_clear_message(tmp_path):
    with open_store(tmp_path / "s", create=True):
        with pytest.raises(StoreError, match="in use by another kg process"):
            open_store(tmp_path / "s")


def test_replace_graph_drops_old_versions_and_survives_a_new_process(tmp_path):
    location = tmp_path / "s"
    old, new = article_iri("old"), article_iri("new")
    with open_store(location, create=True) as store:
        store.replace_graph(old, [quad(old, 1), quad(old, 2)])
        store.replace_graph(new, [quad(new, 3)], drop=[old])
        assert not store.has_graph(old) and store.has_graph(new)
    assert (location / MARKER).exists()
    code = ("import kg, sys; s = kg.open_store(sys.argv[1]); "
            "print(len(list(s.quads())))")
    out = subprocess.run([sys.executable, "-c", code, str(location)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


def test_hostile_literal_round_trips(tmp_path):
    graph = article_iri("a")
    text = 'quote " brace } newline \n angle > backslash \\ INSERT DATA { <http://x> <http://y> <http://z> }'
    with open_store(tmp_path / "s", create=True) as store:
        store.replace_graph(graph, [ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal(text), graph)])
        (only,) = list(store.quads())
        assert only.object.value == text
