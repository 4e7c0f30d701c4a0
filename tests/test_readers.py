"""Tests of kg.readers: every format, folders, stdin, encodings, page furniture and every kind of bad input."""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.readers
from kg.errors import InputError
from kg.model import Article
from kg.readers import read_articles
from kg.readers.assemble import is_furniture, iso_date

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "mistral-microsoft.fr.txt"
ARTICLE = "Microsoft investit 15 millions d’euros dans Mistral AI, la start-up parisienne."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def read_one(path: Path, **options) -> Article:
    articles = list(read_articles([path], **options))
    assert len(articles) == 1
    return articles[0]


def assert_laid_out(text: str) -> None:
    """Paragraphs on one line each, separated by one blank line, no control characters, NFC."""
    assert text == text.strip() and "\n\n\n" not in text
    assert all(paragraph and "\n" not in paragraph for paragraph in text.split("\n\n"))
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]", text)
    assert unicodedata.is_normalized("NFC", text)


# --- plain text ---------------------------------------------------------------------------------------


def test_real_sample_is_read_without_its_page_furniture():
    article = read_one(SAMPLE)
    assert article.source == str(SAMPLE)
    assert article.text.startswith("Mistral AI, le champion français de l’intelligence artificielle")
    for furniture in ("Laisser un commentaire", "Akismet", "Logo Mistral AI", "ne sera pas publiée", "En savoir plus"):
        assert furniture not in article.text
    assert "\n\nBruxelles furieux contre Mistral AI\n\n" in article.text  # headings are content
    assert article.text.endswith("et de concurrencer valablement OpenAI.")
    assert article.title is None  # the first line, once the logo caption is gone, is a sentence
    assert article.lang == "fr"
    assert_laid_out(article.text)


@pytest.mark.parametrize(
    "content, title",
    [
        ("Mistral AI s’allie à Microsoft\n\nLe texte.", "Mistral AI s’allie à Microsoft"),
        ("\n\n  Un titre après des blancs  \n\nLe texte.", "Un titre après des blancs"),
        ("Logo Mistral AI\n\nMistral AI s’allie à Microsoft\n\nLe texte.", "Mistral AI s’allie à Microsoft"),
        ("Une phrase qui finit par un point.\n\nLe texte.", None),
        ("Une question ?\n\nLe texte.", None),
        ("Des points de suspension…\n\nLe texte.", None),
        ("Pas de ligne blanche\nLe texte.", None),
        ("Un seul paragraphe sans rien après", None),
        ("T" * 121 + "\n\nLe texte.", None),
    ],
)
def test_text_title_is_a_short_first_line_followed_by_a_blank_line(tmp_path, content, title):
    article = read_one(write(tmp_path / "a.txt", content))
    assert article.title == title
    if title:
        assert article.text.startswith(title + "\n\n")  # the title stays in the text


@pytest.mark.parametrize(
    "content, text",
    [
        ("Un.\nDeux.\n\n\n\nTrois.", "Un.\n\nDeux.\n\nTrois."),  # one paragraph per line
        ("Crlf.\r\nFin.\r\n", "Crlf.\n\nFin."),
        ("Une phrase coupée\nen deux lignes.", "Une phrase coupée en deux lignes."),
        (  # a hard-wrapped file: its lines are joined back into paragraphs
            "Le groupe américain Microsoft a annoncé mardi un investissement dans\n"
            "Mistral AI, la start-up parisienne fondée en 2023 par trois chercheurs,\n"
            "pour un montant de quinze millions d’euros.\n\n"
            "Points clés\n- premier point\n- second point",
            "Le groupe américain Microsoft a annoncé mardi un investissement dans Mistral AI, la start-up"
            " parisienne fondée en 2023 par trois chercheurs, pour un montant de quinze millions d’euros.\n\n"
            "Points clés\n\n- premier point\n\n- second point",
        ),
        ("Des   espaces\tmultiples\u00a0et insécables.", "Des espaces multiples et insécables."),
        ("Cafe\u0301 et fin.\u2029Suivant.", "Café et fin.\n\nSuivant."),  # NFC, Unicode paragraph break
    ],
)
def test_text_paragraphs(tmp_path, content, text):
    article = read_one(write(tmp_path / "a.txt", content))
    assert article.text == text
    assert_laid_out(article.text)


# --- encodings ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, text",
    [
        ("Élysée : l’été".encode(), "Élysée : l’été"),
        (b"\xef\xbb\xbf" + "Élysée avec BOM".encode(), "Élysée avec BOM"),
        ("Élysée en UTF-16".encode("utf-16"), "Élysée en UTF-16"),  # BOM + little-endian
        (b"\xfe\xff" + "Élysée en UTF-16BE".encode("utf-16-be"), "Élysée en UTF-16BE"),
        ("Élysée, l’été « Windows »".encode("cp1252"), "Élysée, l’été « Windows »"),
        ("Élysée, été, Noël en Latin-1".encode("latin-1"), "Élysée, été, Noël en Latin-1"),
        ("Élysée, été et Noël. ".encode("latin-1") * 5 + b"\x81", " ".join(["Élysée, été et Noël."] * 5)),
        (b"Des \x01contr\x1bles\x7f retir\xc3\xa9s", "Des contrles retirés"),
        ("inter\u00adnatio\u00adnal\ufeff".encode(), "international"),  # soft hyphens, a stray BOM
    ],
)
def test_decoding(tmp_path, data, text):
    assert read_one(write(tmp_path / "a.txt", data)).text == text


# --- Markdown -------------------------------------------------------------------------------------------

MARKDOWN = """\
---
title: "Mistral AI s’allie à Microsoft"
date: 2024-03-05T10:00:00+01:00
url: https://example.fr/mistral
---
# Titre de la page

![Logo](logo.png)

Un paragraphe avec du **gras**, de l’*italique*, un [lien](https://x.fr/a_(b)) et une ![image](i.png) ôtée.
Sa suite sur une autre ligne, avec `du code`, snake_case et \\*des étoiles\\*.

```python
print("le code est retiré")
```

## Un intertitre

- premier point
* second point
1. troisième point

> Une citation
> sur deux lignes.

<div class="encart">Du <b>HTML</b> &amp; une entité.</div>

Partager sur Facebook

---

Dernier paragraphe.
"""


def test_markdown_syntax_is_stripped_and_front_matter_read(tmp_path):
    article = read_one(write(tmp_path / "a.md", MARKDOWN))
    assert article.text.split("\n\n") == [
        "Titre de la page",
        "Un paragraphe avec du gras, de l’italique, un lien et une ôtée."
        " Sa suite sur une autre ligne, avec du code, snake_case et *des étoiles*.",
        "Un intertitre",
        "premier point",
        "second point",
        "troisième point",
        "Une citation sur deux lignes.",
        "Du HTML & une entité.",
        "Dernier paragraphe.",
    ]
    assert (article.title, article.date, article.url) == (
        "Mistral AI s’allie à Microsoft",
        "2024-03-05",
        "https://example.fr/mistral",
    )


@pytest.mark.parametrize(
    "content, title",
    [
        ("Intro.\n\n# Le titre\n\nTexte.\n\n# Un autre", "Le titre"),
        ("Le titre\n========\n\nTexte.", "Le titre"),
        ("## Pas un titre de niveau 1\n\nTexte.", None),
        ("#hashtag n’est pas un titre.", None),
    ],
)
def test_markdown_title_is_the_first_level_one_heading(tmp_path, content, title):
    assert read_one(write(tmp_path / "a.markdown", content)).title == title


# --- HTML -----------------------------------------------------------------------------------------------

PARAGRAPHS = [
    "Mistral AI, le champion français de l’intelligence artificielle, a annoncé un partenariat exclusif avec"
    " Microsoft, le géant américain de la technologie. Cette collaboration irrite fortement Bruxelles.",
    "Le groupe américain devrait également prendre une participation minoritaire dans son capital, pour un"
    " investissement de 15 millions d’euros, selon les informations communiquées par les deux entreprises.",
    "Un lecteur a écrit &lt;script&gt;alert(1)&lt;/script&gt; dans son message, ce qui reste du simple texte"
    " pour le lecteur d’articles, et devra être échappé à la sortie comme tout texte venu d’un article.",
]
PAGE = f"""<!doctype html>
<html lang="fr-FR"><head><meta charset="utf-8"><title>Mistral AI et Microsoft | Le Site Tech</title>
<meta property="og:title" content="Mistral AI s’allie à Microsoft">
<meta property="article:published_time" content="2024-03-04T10:00:00+01:00">
<link rel="canonical" href="https://example.fr/mistral">
<style>body {{ color: red }}</style><script>var tracker = "SCRIPT-TEXT";</script></head>
<body>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/tech">NAV-TEXT</a></li></ul></nav></header>
<div id="cookies">Nous utilisons des cookies pour améliorer votre expérience.
<button>Accepter les cookies</button></div>
<main><article>
<h1>Mistral AI s’allie à Microsoft</h1>
<figure><img src="logo.png" alt="logo"><figcaption>Logo Mistral AI</figcaption></figure>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])}
<h2>Un intertitre</h2>
<p>{PARAGRAPHS[2]}</p>
<div class="share"><a>Partager sur Facebook</a> <a>Partager sur Twitter</a></div>
</article>
<section id="comments"><h3>Laisser un commentaire</h3>
<form><p>Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *</p>
<textarea>FORM-TEXT</textarea><input type="submit" value="Publier"></form>
<p>Ce site utilise Akismet pour réduire les indésirables. En savoir plus sur comment les données de vos
commentaires sont utilisées.</p></section></main>
<aside>Abonnez-vous à notre newsletter</aside><footer>© 2024 Le Site Tech — FOOTER-TEXT</footer>
<script>document.write("SCRIPT-TEXT")</script></body></html>"""


def test_html_main_text_without_menus_scripts_forms_or_banners(tmp_path):
    article = read_one(write(tmp_path / "page.html", PAGE))
    assert article.text.split("\n\n") == [
        "Mistral AI s’allie à Microsoft",
        PARAGRAPHS[0],
        PARAGRAPHS[1],
        "Un intertitre",
        PARAGRAPHS[2].replace("&lt;", "<").replace("&gt;", ">"),  # escaped markup is text
    ]
    assert (article.title, article.date, article.url, article.lang) == (
        "Mistral AI s’allie à Microsoft",
        "2024-03-04",
        "https://example.fr/mistral",
        "fr",
    )


@pytest.mark.parametrize("depth", [300, 2_000, 5_000])
@pytest.mark.parametrize("closed", [True, False])
def test_deeply_nested_html_keeps_its_text(tmp_path, depth, closed):
    # libxml2 drops everything below 256 levels (2,048 with huge_tree) and everything after it
    page = (
        "<html><head><title>Profond</title></head><body><nav>NAV-TEXT</nav>"
        + "<div>" * depth
        + "<p>Le paragraphe enfoui sous des milliers de balises est toujours lu.</p>"
        + ("</div>" * depth if closed else "")
        + "<p>Le paragraphe d’après aussi.</p><script>SCRIPT-TEXT</script></body></html>"
    )
    article = read_one(write(tmp_path / "deep.htm", page))
    assert article.text.split("\n\n") == [
        "Le paragraphe enfoui sous des milliers de balises est toujours lu.",
        "Le paragraphe d’après aussi.",
    ]


@pytest.mark.parametrize(
    "page, text",
    [
        ("<p>Un article très court.</p>", "Un article très court."),
        ('<?xml version="1.0" encoding="utf-8"?><html><body><p>Du XHTML.</p></body></html>', "Du XHTML."),
        ("<body>Premier.<br>Second.<br/><br/>Troisième.</body>", "Premier.\n\nSecond.\n\nTroisième."),
    ],
)
def test_short_html_falls_back_to_its_paragraphs(tmp_path, page, text):
    assert read_one(write(tmp_path / "a.html", page)).text == text


def test_html_declared_charset_is_used(tmp_path):
    page = '<html><head><meta charset="iso-8859-15"></head><body><p>Prix : 15 €.</p></body></html>'
    assert read_one(write(tmp_path / "a.html", page.encode("iso-8859-15"))).text == "Prix : 15 €."


# --- JSON Lines -----------------------------------------------------------------------------------------


def test_jsonl_bad_lines_are_reported_and_the_rest_is_read(tmp_path):
    lines = [
        json.dumps({"text": "Premier article.", "title": "Un", "date": "4 mars 2024"}),
        "",
        "{pas du json",
        '{"text": NaN}',
        '{"text": "ok", "n": Infinity}',
        "[1, 2]",
        '"juste une chaîne"',
        json.dumps({"title": "sans texte"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Titre faux.", "title": ["liste"]}),
        "[" * 100_000,
        json.dumps({"text": "Laisser un commentaire"}),
        json.dumps({"text": "Deuxième \ud800article.", "url": "https://ex.fr/2", "lang": "en-GB", "date": "x"}),
        '{"text": "doublon", "text": "Troisième article."}',
    ]
    path = write(tmp_path / "lot.jsonl", "\n".join(lines) + "\n")
    errors: list[InputError] = []
    articles = list(read_articles([path], on_error=errors.append))
    assert [(a.text, a.source, a.title, a.date, a.url, a.lang) for a in articles] == [
        ("Premier article.", f"{path}:1", "Un", "2024-03-04", None, "fr"),
        ("Deuxième article.", "https://ex.fr/2", None, None, "https://ex.fr/2", "en"),
        ("Troisième article.", f"{path}:15", None, None, None, "fr"),
    ]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)]
    messages = [str(e) for e in errors]
    assert "invalid JSON" in messages[0] and "NaN is not a JSON number" in messages[1]
    assert "Infinity" in messages[2] and "got an array" in messages[3] and "got a string" in messages[4]
    assert 'no "text" field' in messages[5] and '"text" is empty' in messages[6]
    assert '"text" is a number' in messages[7] and '"title" is an array' in messages[8]
    assert "nested too deeply" in messages[9] and "page furniture" in messages[10]
    assert all("\n" not in m for m in messages)


def test_jsonl_without_on_error_raises_at_the_first_bad_line(tmp_path):
    path = write(tmp_path / "lot.jsonl", '{"text": "Bon."}\n{"text": 1}\n{"text": "Jamais lu."}\n')
    articles = read_articles([path])
    assert next(articles).text == "Bon."
    with pytest.raises(InputError, match=re.escape(f"{path}:2: ")):
        next(articles)


def test_jsonl_line_limits_and_binary_files(tmp_path):
    long_line = json.dumps({"text": "x" * 100})
    path = write(tmp_path / "lot.jsonl", f'{long_line}\n{{"text": "Court."}}\n')
    errors: list[InputError] = []
    assert [a.text for a in read_articles([path], on_error=errors.append, max_bytes=50)] == ["Court."]
    assert [e.source for e in errors] == [f"{path}:1"]
    assert "line too big (more than 50 bytes" in str(errors[0])
    binary = write(tmp_path / "binaire.jsonl", b"\x00\x01\x02\n" * 100)
    with pytest.raises(InputError, match="binary file"):
        list(read_articles([binary]))


# --- folders, stdin, arguments --------------------------------------------------------------------------


def test_folders_are_read_recursively_in_name_order_skipping_hidden_and_other_files(tmp_path):
    for name in [
        "b.txt", "a.md", "c/z.html", "c/a/y.htm", "d.markdown", "e.jsonl", "f.TXT",
        ".cache.txt", ".git/config.txt", "notes.pdf", "image.png", "sans-extension",
    ]:
        content = '{"text": "e.jsonl"}' if name.endswith(".jsonl") else f"<p>{name}</p>" if "htm" in name else name
        write(tmp_path / "in" / name, content)
    sources = [a.source for a in read_articles([tmp_path / "in"])]
    expected = ["a.md", "b.txt", "c/a/y.htm", "c/z.html", "d.markdown", "e.jsonl:1", "f.TXT"]
    assert sources == [str(tmp_path / "in" / name) for name in expected]


def test_paths_may_be_strings_path_objects_or_one_path(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    assert [a.source for a in read_articles([str(tmp_path / "a.txt"), tmp_path / "a.txt"])] == [
        str(tmp_path / "a.txt")
    ] * 2
    assert read_one(tmp_path / "a.txt").text == ARTICLE
    assert [a.text for a in read_articles(tmp_path / "a.txt")] == [ARTICLE]


@pytest.mark.parametrize(
    "data, text",
    [
        (ARTICLE.encode(), ARTICLE),
        (b"  \n <html><body><nav>Menu</nav><p>Depuis une page.</p></body></html>", "Depuis une page."),
        ("Depuis stdin en UTF-16.".encode("utf-16"), "Depuis stdin en UTF-16."),
    ],
)
def test_stdin_is_read_and_its_format_sniffed(data, text):
    assert [(a.text, a.source) for a in read_articles(["-"], stdin=io.BytesIO(data))] == [(text, "<stdin>")]


def test_stdin_defaults_to_sys_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode()), encoding="utf-8"))
    assert [a.text for a in read_articles(["-"])] == [ARTICLE]


def test_a_file_without_extension_is_sniffed_like_stdin(tmp_path):
    assert read_one(write(tmp_path / "article", "<p>Une page.</p>")).text == "Une page."


def test_reading_is_lazy(tmp_path):
    articles = read_articles([write(tmp_path / "a.txt", ARTICLE), tmp_path / "absent.txt"])
    assert next(articles).text == ARTICLE
    with pytest.raises(InputError, match="no such file"):
        next(articles)


def test_identical_text_gives_identical_id_whatever_the_format(tmp_path):
    paths = [
        write(tmp_path / "a.txt", "Bonjour le monde.\r\n\r\nSecond paragraphe."),
        write(tmp_path / "b.md", "Bonjour le **monde**.\n\nSecond paragraphe.\n"),
        write(tmp_path / "c.html", "<html><body><p>Bonjour le monde.</p><p>Second paragraphe.</p></body></html>"),
        write(tmp_path / "d.jsonl", json.dumps({"text": "Bonjour le monde.\n\nSecond paragraphe."})),
        write(tmp_path / "e.txt", "Bonjour le monde.\n\nSecond paragraphe.\n\nLaisser un commentaire"),
    ]
    ids = {a.id for a in read_articles(paths)}
    assert len(ids) == 1
    assert read_one(write(tmp_path / "f.txt", "Bonjour le monde.")).id not in ids


# --- bad input ------------------------------------------------------------------------------------------

NO_MAIN_TEXT = "<html><head><title>Rien</title><script>x()</script></head><body><nav>Menu</nav></body></html>"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("absent.txt", None, "no such file or directory; check the path"),
        ("vide.txt", b"", "empty (no text in it); give a file with an article in it"),
        ("blancs.md", b" \n\t\r\n  ", "empty (no text in it)"),
        ("blancs-utf16.txt", " \n ".encode("utf-16"), "empty (no text in it)"),
        ("nul.txt", b"texte\x00binaire", "binary file (contains NUL bytes); give a text, Markdown, HTML or JSONL"),
        ("controles.txt", bytes(range(1, 32)) * 3, "binary file (mostly control characters)"),
        ("illisible.txt", b"texte \x81 avec" + b"\x01\x02" * 3 + b" des contr\xf4les" * 2, "cannot decode the text"),
        ("bom.txt", b"\xef\xbb\xbfbad \xff utf-8", "invalid UTF-8 after the byte-order mark; save the file as UTF-8"),
        ("gros.txt", b"x" * 101, "too big (over the 100-byte limit, max_bytes)"),
        ("gros.html", b"<p>" + b"x" * 101, "too big"),
        ("rapport.pdf", b"%PDF-1.4", "unsupported file type '.pdf'; give a .txt, .md, .html or .jsonl file"),
        ("vide.html", NO_MAIN_TEXT, "no main text in the HTML page"),
        ("commentaires.txt", "Laisser un commentaire\n\nPartager sur Facebook", "no article text (only page furniture"),
        ("vide.jsonl", b"\n\n", "empty (no JSON lines in it)"),
    ],
)
def test_bad_input(tmp_path, name, content, message):
    bad = tmp_path / name if content is None else write(tmp_path / name, content)
    good = write(tmp_path / "bon.txt", ARTICLE)
    errors: list[InputError] = []
    articles = list(read_articles([bad, good], on_error=errors.append, max_bytes=100))
    assert [a.source for a in articles] == [str(good)]  # the next file is still read
    assert len(errors) == 1 and errors[0].source == str(bad)
    assert str(errors[0]).startswith(f"{bad}: {message}") and "\n" not in str(errors[0])
    with pytest.raises(InputError, match=re.escape(message)):
        list(read_articles([bad, good], max_bytes=100))


def test_unreadable_file(tmp_path, monkeypatch):
    bad = write(tmp_path / "secret.txt", ARTICLE)

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(kg.readers, "open", refuse, raising=False)  # root can read anything: fake it
    with pytest.raises(InputError, match=re.escape(f"{bad}: permission denied; make the file readable")):
        list(read_articles([bad]))


# --- page furniture and dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Laisser un commentaire",
        "Laisser une réponse",
        "Votre adresse e-mail ne sera pas publiée.",
        "Votre adresse de messagerie ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        "Ce site utilise Akismet pour réduire les indésirables. En savoir plus sur comment les données de vos"
        " commentaires sont utilisées.",
        "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.",
        "Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site.",
        "Accepter les cookies",
        "Tout accepter",
        "Partager sur Facebook",
        "Partager sur Facebook Partager sur Twitter Partager sur LinkedIn",
        "Partager :",
        "Cliquez pour partager sur X(ouvre dans une nouvelle fenêtre)",
        "Abonnez-vous à notre newsletter",
        "Inscrivez-vous gratuitement à la newsletter quotidienne",
        "Lire aussi : Microsoft investit dans OpenAI",
        "À lire aussi",
        "Sur le même sujet",
        "Publicité",
        "PUBLICITÉ",
        "Logo Mistral AI",
        "Crédit photo : AFP",
        "© 2024 Le Site Tech",
        "Tous droits réservés",
        "Suivez-nous sur LinkedIn",
        "Leave a comment",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "Save my name, email, and website in this browser for the next time I comment.",
        "We use cookies to improve your experience on our website.",
        "Share this:",
        "Share on Twitter",
        "Subscribe to our newsletter",
        "Read more: the full story",
        "Advertisement",
        "3 commentaires",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)
    assert is_furniture(line.replace("'", "’").replace(" ", "\u00a0", 1))


@pytest.mark.parametrize(
    "line",
    [
        "Mistral AI, le champion français de l’intelligence artificielle, a annoncé un partenariat.",
        "Microsoft a laissé un commentaire sur le rapport de la Commission.",
        "Le logo de Mistral AI a changé en 2024.",
        "Nous utilisons l’intelligence artificielle pour trier les dossiers, explique la directrice.",
        "Copyright law is changing fast in Europe.",
        "La publicité en ligne est dominée par Google et Meta.",
        "Partager les données de santé reste interdit sans consentement.",
        "Lire aussi le rapport de la Cour des comptes publié jeudi.",
        "Abonnez-vous à la presse locale, conseille le ministre.",
        "Laisser un commentaire " + "x" * 600,
    ],
)
def test_article_lines_are_not_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:00:00+01:00", "2024-03-05"),
        ("2024/3/5", "2024-03-05"),
        ("05/03/2024", "2024-03-05"),  # day first, as in French
        ("5 mars 2024", "2024-03-05"),
        ("1er août 2024", "2024-08-01"),
        ("mardi 5 mars 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("2024-02-30", None),
        ("hier", None),
        ("2024", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(value, iso):
    assert iso_date(value) == iso


# --- properties -----------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_random_bytes_give_an_article_or_an_input_error(tmp_path, data):
    path = write(tmp_path / "hasard.txt", data)
    try:
        articles = list(read_articles([path]))
    except InputError as error:
        assert error.source == str(path) and "\n" not in str(error)
    else:
        assert len(articles) == 1
        assert_laid_out(articles[0].text)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(exclude_categories=()), min_size=1, max_size=200))
def test_any_jsonl_string_gives_clean_text_or_an_input_error(tmp_path, text):
    path = write(tmp_path / "hasard.jsonl", json.dumps({"text": text}))  # \ud800 and controls, escaped
    errors: list[InputError] = []
    for article in read_articles([path], on_error=errors.append):
        assert_laid_out(article.text)
    assert all(e.source == f"{path}:1" for e in errors)
