"""Which of spaCy's entity spans are names, and where a name starts and ends: leading articles and lower-case
common words trimmed ("le groupe Clairéa" -> "Clairéa"), capitalised common words opening a sentence dropped
("Objectif", "Laisser"), lower-case brands ("easyJet") and names headed by a lower-case noun ("ministère chinois du
Commerce") kept.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Mention
from .lexicon import Lexicon

ELISIONS = ("l'", "l’", "d'", "d’")


def _split_lines(span: Span):
    """An entity span never crosses a line break (a caption line and the paragraph after it)."""
    start = span.start
    for token in span:
        if token.is_space or "\n" in token.text:
            if token.i > start:
                yield Span(span.doc, start, token.i, label=span.label_)
            start = token.i + 1
    if start < span.end:
        yield Span(span.doc, start, span.end, label=span.label_)


def _name_mention(span: Span, lexicon: Lexicon, lower_case: set | None = None) -> Mention | None:
    tokens = list(span)
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].lower_ in ELISIONS):
        tokens = tokens[1:]
    while tokens and tokens[-1].pos_ in {"PUNCT", "DET", "ADP"}:
        tokens = tokens[:-1]
    # "groupe Clairéa", "batteries Qoren": lower-case common words before the name are no part of it
    while len(tokens) > 1 and tokens[0].text.islower() and tokens[0].pos_ in {"NOUN", "ADJ"} \
            and any(t.text[:1].isupper() for t in tokens[1:]):
        rest = [t for t in tokens[1:] if t.pos_ != "ADJ" or t.text[:1].isupper()]
        if rest and rest[0].pos_ == "ADP" and len(tokens) > 2 and tokens[0].pos_ == "NOUN":
            break  # "ministère chinois du Commerce": the lower-case noun heads the name
        tokens = tokens[1:]
    if not tokens:
        return None
    # the text of the tokens kept (what Span.text gives), not Doc.text: that joins the whole article again
    text = "".join([token.text_with_ws for token in tokens[:-1]]) + tokens[-1].text
    start = tokens[0].idx
    for elision in ELISIONS:  # "l’Etat" tokenised as one token
        if text.lower().startswith(elision) and len(text) > 2:
            text, start = text[2:], start + 2
    if not _looks_like_name(text, tokens, lexicon) and not (
            # "Orange n'entrera pas …": an organisation or person the article never writes in lower case
            span.label_ in {"ORG", "PER"} and len(tokens) == 1 and _taggable_as_name(tokens[0])
            and lower_case is not None and text.lower() not in lower_case and text.lower() not in lexicon.not_entities
            and tokens[0].lemma_.lower() not in lexicon.description_types):  # not "Filiale de X, Y …"
        return None
    entity_type = lexicon.ner_types.get(span.label_, "Entity")
    head_word = tokens[0].lower_ if entity_type != "Person" else ""
    if head_word in lexicon.description_types and lexicon.description_types[head_word] in {"Authority"}:
        entity_type = "Authority"  # "Commission européenne", "Autorité de la concurrence"
    return Mention(start=start, end=start + len(text), text=text, type=entity_type, kind="name")


#: What the tagger calls a capitalised word spaCy's NER reads as an organisation or person, besides a noun: a verb
#: ("Revolut"), an adjective, a foreign word.
MISTAGGED_NAMES = {"VERB", "ADJ", "X"}


def _taggable_as_name(token: Token) -> bool:
    """A one-word organisation or person the tagger may have misread: a noun, or (not opening its sentence,
    where "Laisser" and "Objectif" are capitalised common words) a verb, an adjective or a foreign word."""
    return token.pos_ in {"NOUN", "PROPN"} or token.pos_ in MISTAGGED_NAMES and not token.is_sent_start \
        and token.text[:1].isupper()


def needs_lower_case(span: Span) -> bool:
    """Whether :func:`_name_mention` may need the article's lower-case words to judge ``span``."""
    return span[0].is_sent_start or len(span) == 1 and span[0].pos_ in MISTAGGED_NAMES


def _headed_by_noun(tokens: list[Token]) -> bool:
    """"ministère chinois du Commerce": a lower-case noun heading a name whose complement is capitalised."""
    return len(tokens) > 2 and tokens[0].pos_ == "NOUN" and tokens[0].text.islower() and any(
        t.pos_ == "ADP" for t in tokens[1:]) and tokens[-1].text[:1].isupper()


def _camel_case(text: str) -> bool:
    """"easyJet", "eBay", "iPhone": a brand written in lower case with a capital inside its first word."""
    word = text.split()[0]
    return word.isalpha() and word[0].islower() and any(ch.isupper() for ch in word[1:])


def _looks_like_name(text: str, tokens: list[Token], lexicon: Lexicon) -> bool:
    if not text or not (text[0].isupper() or text[0].isdigit() or _camel_case(text) or _headed_by_noun(tokens)):
        return False
    if text.lower() in lexicon.not_entities:
        return False
    if len(tokens) == 1 and not _camel_case(text):  # the tagger calls "easyJet" an adverb
        token = tokens[0]
        if token.pos_ not in {"PROPN", "X"} and token.is_sent_start and not any(ch.isupper() for ch in text[1:]):
            return False  # a capitalised common word opening a sentence: "Laisser", "Objectif"
        if token.pos_ in {"VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ"}:
            return False
    return True
