"""Synthetic corpora for scale tests and benchmarks: the sample articles of ``data/articles/`` with their names,
numbers and dates varied, so every generated article is new text (a new article id) that parses like news.

    >>> paths = generate_corpus(tmp_path / "corpus", 200)      # doctest: +SKIP
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "articles"

#: Each name of the sample articles, and the names that stand in for it (the first is the original).
NAMES = {
    "Mistral AI": ["Mistral AI", "Vega AI", "Nova IA", "Orion AI", "Aurore AI", "Kepler AI"],
    "Microsoft": ["Microsoft", "Oracle", "Google", "IBM", "Amazon", "Salesforce"],
    "Orange": ["Orange", "Bouygues Telecom", "SFR", "Free", "Iliad", "Altice"],
    "Cirrus": ["Cirrus", "Nimbus", "Stratos", "Cumulo", "Altostrat", "Nuvola"],
    "Roulezy": ["Roulezy", "Covoitix", "Trajeo", "Partago", "Ridelo", "Voyagio"],
    "Claire Vasseur": ["Claire Vasseur", "Julie Martin", "Sophie Bernard", "Anne Dupont", "Léa Moreau", "Emma Petit"],
    "Jean-Marc Tessier": ["Jean-Marc Tessier", "Paul Girard", "Marc Lefèvre", "Alain Roux", "Denis Fabre",
                          "Luc Mercier"],
    "Hélios Assurances": ["Hélios Assurances", "Athéna Mutuelle", "Boréal Assurances", "Cérès Prévoyance",
                          "Zénith Assurances", "Iris Mutuelle"],
    "Schneider Electric": ["Schneider Electric", "Legrand", "Alstom", "Thales", "Safran", "Valeo"],
    "Kelvina": ["Kelvina", "Voltara", "Ampéris", "Batteo", "Enerlis", "Stokia"],
    "Hugo Lemaire": ["Hugo Lemaire", "Thomas Blanc", "Nicolas Garnier", "Julien Faure", "Pierre Chevalier",
                     "Antoine Robin"],
    "Sarah Benali": ["Sarah Benali", "Inès Haddad", "Camille Rousseau", "Chloé Lambert", "Manon Fontaine",
                     "Laura Henry"],
    "Livrago": ["Livrago", "Colisto", "Expresso", "Livreo", "Portago", "Coursix"],
    "Ridea": ["Ridea", "Movea", "Cabio", "Taxeo", "Drivia", "Voitura"],
}
_NAME = re.compile("|".join(re.escape(name) for name in sorted(NAMES, key=len, reverse=True)))
_NUMBER = re.compile(r"\b(\d+)( (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                     r"décembre))?\b")


def variant(text: str, number: int) -> str:
    """The ``number``-th variant of ``text``: names swapped (consistently), numbers and dates changed."""
    def name(match):
        choices = NAMES[match.group(0)]
        return choices[(number + len(match.group(0))) % len(choices)]

    def value(match):
        digits, month = match.group(1), match.group(2)
        n = int(digits)
        if month:  # a day of the month stays one
            return f"{(n + number) % 28 + 1}{month}"
        if len(digits) == 4 and digits.startswith(("19", "20")):  # a year
            return str(n - number % 9)
        return str(n * (number % 13 + 1) + number // 13)

    return _NUMBER.sub(value, _NAME.sub(name, text))


def generate_corpus(target: Path, count: int, *, start: int = 0) -> list[Path]:
    """Write ``count`` articles into ``target`` (variants ``start`` … of the samples, taken in turn)."""
    target.mkdir(parents=True, exist_ok=True)
    samples = sorted(SAMPLES.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in samples]
    written = []
    for index in range(start, start + count):
        sample = index % len(samples)
        path = target / f"{index:06d}-{samples[sample].stem}.txt"
        path.write_text(variant(texts[sample], index // len(samples)), encoding="utf-8")
        written.append(path)
    return written


def samples_and_variants(folder: Path, count: int) -> Path:
    """``folder`` with a copy of each sample article and ``count`` generated variants in ``folder/generated``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(SAMPLES.glob("*.txt")):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    generate_corpus(folder / "generated", count)
    return folder
