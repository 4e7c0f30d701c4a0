"""HTML pages: the main text through trafilatura, with a fallback for what libxml2 cannot parse whole."""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from kg.readers.assemble import tidy
from kg.readers.markup import markup_paragraphs, strip_markup

_XML_DECLARATION = re.compile(r"\s*<\?xml[^<>]*\?>")  # lxml refuses a str that declares an encoding
_CHARSET = re.compile(rb"<meta[^<>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_SKIPPED = {"code", "table", "graphic"}  # trafilatura's names for code blocks, tables and images
# Even with huge_tree, libxml2 stops at 2,048 levels of nesting and silently drops the rest of the page.
# Less parsed text than this share of a depth-blind count of the page's text means that happened.
_COMPLETE_SHARE = 0.7
# trafilatura's fallback extractors take time in paragraphs × depth (a page nested 1,500 deep: 3 ms a paragraph,
# a 20 MB page: half an hour). Real pages nest a few dozen levels; deeper ones get the depth-blind reader.
_DEEPEST = 400


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` near its start, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def html_paragraphs(page: str) -> tuple[list[str], dict[str, str | None]]:
    """The main text of an HTML page as paragraphs (no menus, scripts, comment forms or cookie banners),
    and its ``title``, ``date``, ``url`` and ``lang``. No paragraphs when the page has no main text."""
    import trafilatura  # imported here: it takes a quarter of a second and only HTML needs it

    if match := _XML_DECLARATION.match(page):
        page = page[match.end() :]
    try:
        tree = lxml.html.document_fromstring(page, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):  # nothing but comments, doctype or whitespace
        return [], {}
    meta: dict[str, str | None] = {"lang": tree.get("lang")}
    visible = _text_length(strip_markup(page, drop=frozenset({"script", "style"})))
    if _depth(tree) > _DEEPEST or _parsed_length(tree) < _COMPLETE_SHARE * visible:
        return markup_paragraphs(page), meta | _metadata(trafilatura.extract_metadata(tree))
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        prune_xpath="//nav",
    )
    if document is None or document.body is None:  # trafilatura found no main text; a short page, maybe
        return markup_paragraphs(page), meta | _metadata(trafilatura.extract_metadata(tree))
    return _body_paragraphs(document.body) or markup_paragraphs(page), meta | _metadata(document)


def _body_paragraphs(body: etree._Element) -> list[str]:
    for line_break in body.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    lines = []
    for element in body:
        if element.tag in _SKIPPED:
            continue
        for block in element.findall("item") if element.tag == "list" else [element]:
            lines.extend("".join(block.itertext()).split("\n"))
    return [tidy(line) for line in lines if line.strip()]


def _metadata(document: Any) -> dict[str, str | None]:
    return {"title": document.title, "date": document.date, "url": document.url}


def _depth(tree: etree._Element) -> int:
    """How deep the parsed tree nests, in one pass."""
    depths = {tree: 0}
    deepest = 0
    for element in tree.iter():
        parent = element.getparent()
        if parent is not None:
            depths[element] = depth = depths[parent] + 1
            deepest = max(deepest, depth)
    return deepest


def _parsed_length(tree: etree._Element) -> int:
    """How many non-space characters of text the parsed tree holds, outside scripts, styles and comments."""
    total = 0
    for element in tree.iter():
        if element.text and isinstance(element.tag, str) and element.tag not in ("script", "style"):
            total += _text_length(element.text)
        if element.tail:
            total += _text_length(element.tail)
    return total


def _text_length(text: str) -> int:
    return sum(map(len, text.split()))
