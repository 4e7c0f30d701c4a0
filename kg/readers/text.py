"""Plain-text and Markdown articles: paragraphs, title and front matter."""

from __future__ import annotations

import re

from kg.readers.assemble import is_furniture, tidy
from kg.readers.markup import strip_markup

_BLANK_LINE = re.compile(r"\n\s*\n")
_LIST_ITEM = re.compile(r"(?:[-*+•–—]|\d{1,3}[.)])\s+(.*)")
_SENTENCE_END = (".", "!", "?", "…")
_CLOSERS = " »\"”’')]"
_LONGEST_TITLE = 120
_LONGEST_WRAPPED_LINE = 100  # a file whose lines are all this short was wrapped by hand (or by an editor)


def text_paragraphs(text: str, *, find_title: bool = True) -> tuple[list[str], str | None]:
    """The paragraphs of a plain text, and its title.

    Blank lines separate paragraphs. Inside a paragraph, a line continues the previous one when that one
    does not end a sentence and either this one starts in lower case or the file is hard-wrapped. The title
    is the first line when it is short, does not end a sentence and is followed by a blank line; it stays
    in the text. Furniture lines are dropped first, so a "Logo X" caption is never taken for the title.
    """
    blocks = [[line.strip() for line in block.split("\n") if line.strip()] for block in _BLANK_LINE.split(text)]
    blocks = [kept for block in blocks if (kept := [line for line in block if not is_furniture(line)])]
    title = None
    if find_title and len(blocks) > 1 and len(blocks[0]) == 1:
        first = blocks[0][0]
        if len(first) <= _LONGEST_TITLE and not first.endswith(_SENTENCE_END):
            title = first
    width = max((len(line) for block in blocks for line in block), default=0)
    wrapped = width <= _LONGEST_WRAPPED_LINE and any(len(block) > 1 for block in blocks)
    paragraphs: list[list[str]] = []  # the lines of each paragraph
    for block in blocks:
        for number, line in enumerate(block):
            if number and _continues(block[number - 1], line, wrapped=wrapped, width=width):
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
    return [" ".join(lines) for lines in paragraphs], title


def _continues(previous: str, line: str, *, wrapped: bool, width: int) -> bool:
    if previous.rstrip(_CLOSERS).endswith(_SENTENCE_END) or _LIST_ITEM.match(line):
        return False
    return line[0].islower() or (wrapped and len(previous) >= width / 2)


_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_META_LINE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*")
_SETEXT_UNDERLINE = re.compile(r"(=+|-+)\s*")
_RULE = re.compile(r"(?:[-*_]\s*){3,}")
_REFERENCE_DEFINITION = re.compile(r"\[[^\[\]]+\]:\s*\S+.*")
_INLINE = [
    (re.compile(r"!\[[^\[\]]*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])?"), ""),  # images
    (re.compile(r"\[\^[^\[\]]*\]"), ""),  # footnote references
    (re.compile(r"\[([^\[\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])"), r"\1"),  # links
    (re.compile(r"\*+(?=[^\s*])|(?<=[^\s*])\*+"), ""),  # * emphasis; a lone "*" between spaces stays
    (re.compile(r"(?<!\w)_+(?=\S)|(?<=\S)_+(?!\w)"), ""),  # _ emphasis; snake_case stays
    (re.compile(r"~~|`+"), ""),  # strikethrough, inline code marks (the code itself stays)
]
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # \* is a literal star: hidden from the rules above
_HIDDEN = 0xF0000  # start of a private-use plane, where escaped characters wait


def markdown_paragraphs(text: str) -> tuple[list[str], dict[str, str]]:
    """The paragraphs of a Markdown text with the syntax stripped, and its metadata: the ``key: value``
    lines of a YAML front matter, with ``title`` defaulting to the first level-1 heading."""
    meta: dict[str, str] = {}
    if match := _FRONT_MATTER.match(text):
        fields = [m.groups() for line in match.group(1).split("\n") if (m := _META_LINE.fullmatch(line.strip()))]
        if fields:
            meta = {key.lower(): _unquote(value) for key, value in fields}
            text = text[match.end() :]
    paragraphs: list[str] = []
    pending: list[str] = []  # the lines of the paragraph being read

    def flush() -> None:
        if pending:
            paragraphs.append(_inline(" ".join(pending)))
            pending.clear()

    for raw in strip_markup(_without_code_blocks(text)).split("\n"):
        line = tidy(re.sub(r"^(?:\s*>)+", "", raw))  # blockquote marks gone, one space between words
        if not line:
            flush()
        elif pending and (underline := _SETEXT_UNDERLINE.fullmatch(line)):
            if underline.group(1).startswith("=") and "title" not in meta:
                meta["title"] = _inline(" ".join(pending))
            flush()
        elif _RULE.fullmatch(line) or _REFERENCE_DEFINITION.fullmatch(line):
            flush()
        elif heading := _ATX_HEADING.fullmatch(line):
            flush()
            pending.append(heading.group(2) or "")
            if heading.group(1) == "#" and "title" not in meta and heading.group(2):
                meta["title"] = _inline(heading.group(2))
            flush()
        elif item := _LIST_ITEM.fullmatch(line):
            flush()
            pending.append(item.group(1))
        elif raw.endswith(("  ", "\\")):  # a hard line break ends the paragraph
            pending.append(line.removesuffix("\\"))
            flush()
        else:
            pending.append(line)
    flush()
    return [p for p in paragraphs if p], meta


def _without_code_blocks(text: str) -> str:
    lines, fence = [], None
    for line in text.split("\n"):
        if match := _FENCE.match(line):
            if fence is None:
                fence = match.group(1)[0] * len(match.group(1))
            elif match.group(1).startswith(fence):
                fence = None
            continue
        if fence is None:
            lines.append(line)
    return "\n".join(lines)


def _inline(text: str) -> str:
    text = _ESCAPED.sub(lambda match: chr(_HIDDEN + ord(match.group(1))), text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return tidy(re.sub(r"[\U000F0021-\U000F007E]", lambda match: chr(ord(match.group()) - _HIDDEN), text))


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
