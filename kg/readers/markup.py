"""Text out of HTML markup without building a tree: linear in the input and blind to nesting depth.

Used where a tree cannot be trusted or is not wanted: HTML nested deeper than libxml2 parses, pages where
the main-text extractor finds nothing, and HTML tags inside Markdown.
"""

from __future__ import annotations

import re
from html import unescape

# Elements whose content is never article text.
FURNITURE_TAGS = frozenset(
    "head script style noscript template nav header footer aside form button select textarea iframe svg".split()
)
# Elements that start a new paragraph.
BLOCK_TAGS = frozenset(
    """address article blockquote body br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p pre
    section table td th tr ul""".split()
)
# A comment (an unclosed one runs to the end), a start or end tag, a doctype or processing instruction.
# [^<>]* stops at the next bracket, so a stray "<" costs no more than the text up to the next one.
_TOKEN = re.compile(r"<!--(?:.*?-->|.*)|<(/?)([a-zA-Z][\w:-]*)[^<>]*>|<[!?][^<>]*>", re.DOTALL)


def strip_markup(markup: str, *, drop: frozenset[str] = FURNITURE_TAGS) -> str:
    """The text of ``markup`` with tags removed, ``drop`` elements removed with their content,
    a blank line at each block element, and character references decoded."""
    parts: list[str] = []
    dropping = 0  # how many drop elements are open around the current position
    position = 0
    for match in _TOKEN.finditer(markup):
        if not dropping:
            parts.append(markup[position : match.start()])
        position = match.end()
        closing, name = match.group(1), (match.group(2) or "").lower()
        if name in drop:
            if closing:
                dropping = max(0, dropping - 1)
            elif not match.group(0).endswith("/>"):
                dropping += 1
        elif name in BLOCK_TAGS and not dropping:
            parts.append("\n\n")
    if not dropping:
        parts.append(markup[position:])
    return unescape("".join(parts))


def markup_paragraphs(markup: str) -> list[str]:
    """The paragraphs of an HTML page, furniture elements left out."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", strip_markup(markup)) if block.strip()]
