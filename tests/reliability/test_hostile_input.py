"""Hostile and broken input: each bad file gets one clear error line naming it, no traceback, and the store
does not change."""

from __future__ import annotations

import io
import json
import subprocess
import time

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import InputError
from kg.rdf import article_iri
from kg.readers import read_articles
from kg.readers.decode import decode

from .helpers import ROOT, Listener, graphs, kg_command

TEXT = "Airbus investit 20 millions d’euros dans Helsing, la start-up allemande."

BAD_ARTICLES = [  # (file name, content, what the error line says)
    ("vide.txt", b"", "empty"),
    ("blanc.md", b" \n\t\n  ", "empty"),
    ("binaire.txt", bytes(range(256)) * 64, "binary file"),
    ("nul.txt", b"Bonjour\x00le monde", "binary file (contains NUL bytes)"),
    ("utf32-faux.txt", b"\xff\xfe\x00\x00garbage\x00", "invalid UTF-32"),
    ("utf16-faux.txt", b"\xff\xfe" + b"\x00\xd8" * 20, "invalid UTF-16"),
    ("utf16-binaire.txt", b"\xfe\xff" + b"\xe0\x01" * 50, "binary file (not UTF-16 text"),
    ("controles.html", bytes(range(1, 32)) * 40, "binary file"),
    ("gros.txt", "Le texte continue. ".encode() * 2_700_000, "too big (over the 20,000,000-byte limit"),
    ("script.html", b"<html><head><script>alert('x')</script></head>"
                    b"<body><script>document.write(1)</script></body></html>", "no main text"),
    ("vide.jsonl", b"\n\n", "empty (no JSON lines"),
    ("binaire.jsonl", b"\x00\x01\x02{}", "binary file"),
    ("document.pdf", b"%PDF-1.7", "unsupported file type '.pdf'"),
]


@pytest.fixture(scope="module")
def untouched(tmp_path_factory):
    """A store holding one (hand-made) article graph, and its contents: what no bad input may change."""
    location = tmp_path_factory.mktemp("untouched") / "store"
    graph = article_iri("existing")
    with kg.open_store(location, create=True) as store:
        store.replace_graph(graph, [ox.Quad(graph, ox.NamedNode("http://example.org/p"), ox.Literal("v"), graph)])
    return location, graphs(location)


@pytest.fixture
def store_with_an_article(untouched):
    location, before = untouched
    yield location
    assert graphs(location) == before


def one_error_line(result, name: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and errors[0].startswith("Error: ") and name in errors[0], result.stderr
    return errors[0]


@pytest.mark.parametrize("name, content, says", BAD_ARTICLES, ids=[case[0] for case in BAD_ARTICLES])
def test_a_bad_article_file_is_one_error_line_and_changes_nothing(tmp_path, store_with_an_article, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["ingest", str(path), "--store", str(store_with_an_article)])
    assert says in one_error_line(result, str(path))
    assert result.stdout.endswith("1 rejected\n")


def test_bad_files_in_a_real_process_give_one_line_each_and_no_traceback(tmp_path, store_with_an_article):
    paths = []
    for name, content, _ in BAD_ARTICLES:
        if name != "gros.txt":  # the 50 MB case has its own test; here, every kind at once
            (tmp_path / name).write_bytes(content)
            paths.append(tmp_path / name)
    result = subprocess.run(kg_command("ingest", *paths, "--store", store_with_an_article), capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(paths)
    for line, path in zip(lines, paths):
        assert line.startswith(f"Error: {path}: ")


def test_fifty_megabytes_on_stdin_are_refused_with_the_limit(store_with_an_article):
    result = CliRunner().invoke(main, ["ingest", "-", "--store", str(store_with_an_article)],
                                input=io.BytesIO(b"Un texte qui ne finit pas. " * 1_900_000))
    assert "too big (over the 20,000,000-byte limit, max_bytes)" in one_error_line(result, "<stdin>")


def test_the_reader_limit_is_what_protects_spacy():
    # spaCy's max_length is 1,000,000 characters; kg parses paragraph windows of at most nlp.WINDOW
    from kg.nlp import WINDOW, _windows

    text = ("mot " * 400_000) + "\n\n" + ("x" * 250_000)
    pieces = [piece for _, piece in _windows(text)]
    assert "".join(pieces) == text and max(map(len, pieces)) <= WINDOW < 1_000_000


@pytest.mark.parametrize("data, expected", [
    ("Élysée, Noël, œuvre — « citation »".encode("cp1252"), "Élysée, Noël, œuvre — « citation »"),
    ("Élysée à Paris".encode("latin-1"), "Élysée à Paris"),
    ("Élysée en UTF-32".encode("utf-32"), "Élysée en UTF-32"),
    ("Élysée en UTF-16".encode("utf-16"), "Élysée en UTF-16"),
])
def test_legacy_encodings_are_decoded(data, expected):
    assert decode(data, "x.txt") == expected


def test_mixed_encodings_are_decoded_or_refused_never_garbled_into_control_characters():
    mixed = "Début en UTF-8 : Élysée. ".encode() + "Suite en Latin-1 : Élysée.".encode("latin-1")
    try:
        text = decode(mixed, "mixte.txt")
    except InputError as error:
        assert "mixte.txt" in str(error)
    else:
        assert "Élysée" in text and not any(ord(c) < 32 and c not in "\n\t" for c in text)


def test_deeply_nested_html_keeps_its_text():
    page = "<html><body>" + "<div>" * 5000 + "<p>" + TEXT + "</p>" + "</div>" * 5000 + "</body></html>"
    (article,) = read_articles(["-"], stdin=io.BytesIO(page.encode()))
    assert TEXT in article.text


def test_a_deep_page_with_many_paragraphs_is_read_in_linear_time():
    # trafilatura's fallbacks cost paragraphs x depth: this page took 12 s (a 20 MB one, half an hour)
    page = ("<html><body>" + "<div>" * 1500
            + "".join(f"<div><p>Paragraphe {n} : {TEXT}</p></div>" for n in range(4000)))
    started = time.monotonic()
    (article,) = read_articles(["-"], stdin=io.BytesIO(page.encode()))
    assert time.monotonic() - started < 8
    assert "Paragraphe 0 :" in article.text and "Paragraphe 3999 :" in article.text


def test_unclosed_deep_nesting_does_not_crash():
    page = "<html><body>" + "<span><b><i>" * 20_000 + TEXT
    found = list(read_articles(["-"], stdin=io.BytesIO(page.encode()), on_error=lambda e: None))
    assert not found or TEXT in found[0].text


def test_script_laden_html_gives_the_text_and_no_script():
    page = ("<html><head><title>Titre</title><script>var x = '<p>INJECT</p>';</script>"
            "<style>p { color: red }</style></head><body>"
            + "<script>document.write('<p>INJECT</p>')</script>" * 50
            + "<noscript>INJECT</noscript><p onclick=\"alert('INJECT')\">" + TEXT + "</p>"
            + "<iframe src=\"javascript:alert('INJECT')\"></iframe><!-- INJECT --></body></html>")
    (article,) = read_articles(["-"], stdin=io.BytesIO(page.encode()))
    assert TEXT in article.text and "INJECT" not in article.text


@pytest.mark.model
def test_malformed_jsonl_lines_are_reported_and_the_rest_ingested(tmp_path):
    lines = [
        json.dumps({"text": TEXT, "title": "un"}),
        '{"text": "pas fini',
        "[1, 2, 3]",
        json.dumps({"text": 42}),
        '{"text": NaN}',
        json.dumps({"text": "Orange a signé un partenariat avec Cirrus pour le cloud."}),
        '{"text": "Thales rach\\u00e8te Kelvina.\\ud800"}',  # a lone surrogate: cleaned, not a crash
        "\x00\x01 binaire",
    ]
    path = tmp_path / "fil.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    location = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", str(path), "--store", str(location)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = result.stderr.splitlines()
    assert [line.split(":")[2] for line in errors] == ["2", "3", "4", "5", "8"], errors
    assert all(line.startswith(f"Error: {path}:") for line in errors)
    assert result.stdout.startswith("3 articles read, ") and result.stdout.endswith("5 rejected\n")
    assert len(graphs(location)) == 3


# ---- RDF import ---------------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><e:p>&f;</e:p></rdf:Description>
</rdf:RDF>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!doctype rdf:RDF [ <!ENTITY secret SYSTEM "{url}secret"> <!ENTITY passwd SYSTEM "file:///etc/passwd"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><e:p>&secret;&passwd;</e:p></rdf:Description>
</rdf:RDF>
"""
REMOTE_CONTEXT = '{"@context": "{url}context.jsonld", "@id": "http://example.org/a", "name": "x"}'

BAD_RDF = [  # (file name, content, what the error line says)
    ("faux.ttl", b"@prefix e: <http://example.org/> .\ne:a e:b e:c\ne:d .\n", "not valid Turtle (Parser error at line"),
    ("faux.nt", b"<http://example.org/a> <http://example.org/b> \"pas fini .\n", "not valid N-Triples"),
    ("faux.nq", b"<http://a> <http://b> <http://c> _:graphe .\n", "a graph is named by a blank node"),
    ("faux.trig", b"<http://g> { <http://a> <http://b> ", "not valid TriG"),
    ("faux.jsonld", b"{\"@id\": ", "not valid JSON-LD"),
    ("profond.jsonld", b'{"@id": "http://a", "http://b": ' + b'{"http://p": ' * 70_000 + b"1" + b"}" * 70_001,
     "not valid JSON-LD"),
    ("binaire.nt", bytes(range(256)) * 8, "not valid N-Triples"),
    ("rires.rdf", BILLION_LAUGHS, "RDF/XML with a DTD (<!DOCTYPE or <!ENTITY) is refused"),
    ("vide.ttl", b"", "empty"),
    ("commentaire.ttl", b"# rien\n", "no triples in it"),
    ("donnees.csv", b"a,b,c\n", "unsupported RDF file type '.csv'"),
]


@pytest.mark.parametrize("name, content, says", BAD_RDF, ids=[case[0] for case in BAD_RDF])
def test_a_bad_rdf_file_is_one_error_line_and_changes_nothing(tmp_path, store_with_an_article, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["import", str(path), "--store", str(store_with_an_article)])
    assert says in one_error_line(result, str(path))


def test_a_bad_rdf_file_never_creates_a_store(tmp_path):
    path = tmp_path / "faux.ttl"
    path.write_bytes(b"pas du turtle")
    result = CliRunner().invoke(main, ["import", str(path), "--store", str(tmp_path / "nouveau")])
    one_error_line(result, str(path))
    assert not (tmp_path / "nouveau").exists()


@pytest.mark.parametrize("name, template", [("externe.rdf", EXTERNAL_ENTITY), ("contexte.jsonld", REMOTE_CONTEXT)])
def test_import_never_fetches_entities_or_contexts(tmp_path, store_with_an_article, name, template):
    with Listener() as listener:
        path = tmp_path / name
        path.write_text(template.replace("{url}", listener.url), encoding="utf-8")
        result = CliRunner().invoke(main, ["import", str(path), "--store", str(store_with_an_article)])
        one_error_line(result, str(path))
    assert listener.connections == 0


def test_an_oversized_rdf_file_is_refused_with_the_limit(tmp_path, store_with_an_article):
    from kg.importer import import_rdf

    path = tmp_path / "gros.nt"
    path.write_bytes(b"<http://example.org/a> <http://example.org/b> \"c\" .\n" * 1000)
    with kg.open_store(store_with_an_article) as store:
        with pytest.raises(InputError, match=r"too big \(over the 10,000-byte limit"):
            import_rdf(path, store, max_bytes=10_000)


@pytest.mark.parametrize("graph", ["pas une IRI", "http://a b", "relative/path", "<http://a>"])
def test_a_bad_graph_iri_is_one_error_line(tmp_path, store_with_an_article, graph):
    path = tmp_path / "ok.nt"
    path.write_bytes(b"<http://example.org/a> <http://example.org/b> \"c\" .\n")
    result = CliRunner().invoke(main, ["import", str(path), "--store", str(store_with_an_article), "--graph", graph])
    assert result.exit_code == 1 and result.stderr.startswith("Error: --graph") and "Traceback" not in result.output
